#include "src/store/local_store.h"

#include <map>

namespace renumber {
namespace {

class LocalStore : public CampaignStore {
 public:
  LocalStore(FileSystem* fs, Clock* clock, std::string state_dir)
      : fs_(fs), clock_(clock), dir_(std::move(state_dir)) {}

  std::string Where() const override { return dir_; }
  bool Shared() const override { return false; }

  using CampaignStore::ReadJournal;
  Result<JournalContents> ReadJournal(const std::string& campaign,
                                      JournalRead read) override {
    return renumber::ReadJournal(fs_, JournalPath(campaign), read);
  }

  Result<std::vector<CampaignJournal>> ReadJournals() override {
    return ReadJournalDir(fs_, dir_ + "/journal");
  }

  Result<std::unique_ptr<JournalSink>> OpenJournal(
      const std::string& campaign) override {
    RN_ASSIGN_OR_RETURN(
        auto writer, JournalWriter::Open(fs_, JournalPath(campaign), clock_));
    return std::unique_ptr<JournalSink>(std::move(writer));
  }

  Result<std::unique_ptr<AccountLocker>> Locks(LockHolder me) override {
    return std::unique_ptr<AccountLocker>(
        new AccountLocks(fs_, dir_ + "/locks", std::move(me), clock_));
  }

  Result<std::vector<HeldLock>> HeldLocks() override {
    return std::vector<HeldLock>{};
  }

  Result<std::vector<StoredAccount>> Accounts(
      const std::string& campaign) override {
    RN_ASSIGN_OR_RETURN(auto journals, ReadJournals());
    return AccountsFromJournals(journals, campaign);
  }

  Status CopyAudit(const std::string&,
                   const std::vector<std::string>&) override {
    return Status::Ok();
  }

 private:
  std::string JournalPath(const std::string& campaign) const {
    return dir_ + "/journal/" + campaign + ".journal";
  }

  FileSystem* fs_;
  Clock* clock_;
  std::string dir_;
};

}  // namespace

std::unique_ptr<CampaignStore> NewLocalStore(FileSystem* fs, Clock* clock,
                                             std::string state_dir) {
  return std::make_unique<LocalStore>(fs, clock, std::move(state_dir));
}

std::vector<StoredAccount> AccountsFromJournals(
    const std::vector<CampaignJournal>& journals, const std::string& campaign) {
  std::map<std::pair<std::string, std::string>, StoredAccount> last;
  for (const CampaignJournal& j : journals) {
    if (!campaign.empty() && j.campaign != campaign) continue;
    for (const nlohmann::json& r : j.contents.records) {
      if (r.value("type", "") != "account-end") continue;
      StoredAccount a;
      a.campaign = j.campaign;
      a.account = r.value("account", "");
      a.phase = r.value("phase", "");
      a.result = r.value("result", "");
      a.state = r.value("state", "");
      a.operator_name = r.value("operator", "");
      a.at = r.value("t", "");
      // A refused run changed nothing: the account keeps its last state.
      auto it = last.find({a.campaign, a.account});
      if (a.result == "refused" && it != last.end()) continue;
      last[{a.campaign, a.account}] = a;
    }
  }
  std::vector<StoredAccount> out;
  for (auto& [key, a] : last) out.push_back(std::move(a));
  return out;
}

}  // namespace renumber
