#include "src/store/fake_store.h"

#include "src/store/local_store.h"

namespace renumber {

// Reaches the fake's private state for its sinks and locks.
class FakeStoreAccess {
 public:
  static std::mutex& mu(FakeCampaignStore* s) { return s->mu_; }
  static std::vector<std::string>& journal(FakeCampaignStore* s,
                                           const std::string& c) {
    return s->journals_[c];
  }
  static std::map<std::string, std::string>& locks(FakeCampaignStore* s) {
    return s->locks_;
  }
  static Clock* clock(FakeCampaignStore* s) { return s->clock_; }
};

namespace {

using Access = FakeStoreAccess;

class FakeSink : public JournalSink {
 public:
  FakeSink(FakeCampaignStore* store, std::string campaign)
      : store_(store), campaign_(std::move(campaign)) {}
  Status Append(nlohmann::json record) override {
    if (!record.contains("t"))
      record["t"] = Access::clock(store_)->Now().ToRfc3339();
    std::string line = EncodeJournalLine(record);
    line.pop_back();  // the newline
    std::lock_guard<std::mutex> l(Access::mu(store_));
    Access::journal(store_, campaign_).push_back(std::move(line));
    return Status::Ok();
  }

 private:
  FakeCampaignStore* store_;
  std::string campaign_;
};

class FakeLock : public FileLock {
 public:
  FakeLock(FakeCampaignStore* store, std::string account)
      : store_(store), account_(std::move(account)) {}
  ~FakeLock() override {
    std::lock_guard<std::mutex> l(Access::mu(store_));
    Access::locks(store_).erase(account_);
  }
  Status WriteInfo(std::string_view info) override {
    std::lock_guard<std::mutex> l(Access::mu(store_));
    Access::locks(store_)[account_] = std::string(info);
    return Status::Ok();
  }

 private:
  FakeCampaignStore* store_;
  std::string account_;
};

class FakeLocker : public AccountLocker {
 public:
  FakeLocker(FakeCampaignStore* store, LockHolder me)
      : store_(store), me_(std::move(me)) {
    if (me_.since.empty()) me_.since = Access::clock(store_)->Now().ToRfc3339();
  }
  Result<std::unique_ptr<FileLock>> Acquire(const AccountKey& account,
                                            std::chrono::milliseconds wait,
                                            Text* holder) override {
    Clock* clock = Access::clock(store_);
    const std::string key = account.ToString();
    auto deadline = clock->Steady() + wait;
    for (;;) {
      {
        std::lock_guard<std::mutex> l(Access::mu(store_));
        auto& locks = Access::locks(store_);
        auto it = locks.find(key);
        if (it == locks.end()) {
          locks[key] = me_.ToJson();
          return std::unique_ptr<FileLock>(new FakeLock(store_, key));
        }
        if (clock->Steady() >= deadline) {
          Text who = LockHolder::Describe(it->second);
          if (holder) *holder = who;
          return Status::PreconditionFailed("being worked on by " + who.en,
                                            who.ja + " が作業中です");
        }
      }
      clock->SleepFor(std::chrono::milliseconds(200));
    }
  }

 private:
  FakeCampaignStore* store_;
  LockHolder me_;
};

JournalContents Decode(const std::vector<std::string>& lines,
                       JournalRead read) {
  JournalContents out;
  for (size_t i = 0; i < lines.size(); ++i)
    DecodeJournalLineInto(lines[i], static_cast<int>(i + 1), read, &out);
  return out;
}

}  // namespace

Result<JournalContents> FakeCampaignStore::ReadJournal(
    const std::string& campaign, JournalRead read) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = journals_.find(campaign);
  if (it == journals_.end()) return JournalContents{};
  return Decode(it->second, read);
}

Result<std::vector<CampaignJournal>> FakeCampaignStore::ReadJournals() {
  std::lock_guard<std::mutex> l(mu_);
  std::vector<CampaignJournal> out;
  for (const auto& [campaign, lines] : journals_)
    out.push_back(
        {campaign, campaign + ".journal", Decode(lines, JournalRead::kWhole)});
  return out;
}

Result<std::unique_ptr<JournalSink>> FakeCampaignStore::OpenJournal(
    const std::string& campaign) {
  return std::unique_ptr<JournalSink>(new FakeSink(this, campaign));
}

Result<std::unique_ptr<AccountLocker>> FakeCampaignStore::Locks(LockHolder me) {
  return std::unique_ptr<AccountLocker>(new FakeLocker(this, std::move(me)));
}

Result<std::vector<HeldLock>> FakeCampaignStore::HeldLocks() {
  std::lock_guard<std::mutex> l(mu_);
  std::vector<HeldLock> out;
  for (const auto& [account, holder] : locks_)
    out.push_back({account, LockHolder::Describe(holder), ""});
  return out;
}

Result<std::vector<StoredAccount>> FakeCampaignStore::Accounts(
    const std::string& campaign) {
  RN_ASSIGN_OR_RETURN(auto journals, ReadJournals());
  return AccountsFromJournals(journals, campaign);
}

Status FakeCampaignStore::CopyAudit(const std::string& vault,
                                    const std::vector<std::string>& lines) {
  std::lock_guard<std::mutex> l(mu_);
  for (const std::string& line : lines) audit_.push_back(vault + " " + line);
  return Status::Ok();
}

std::vector<std::string> FakeCampaignStore::Lines(
    const std::string& campaign) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = journals_.find(campaign);
  return it == journals_.end() ? std::vector<std::string>{} : it->second;
}

void FakeCampaignStore::ReplaceLine(const std::string& campaign, size_t index,
                                    std::string line) {
  std::lock_guard<std::mutex> l(mu_);
  journals_[campaign].at(index) = std::move(line);
}

std::vector<std::string> FakeCampaignStore::AuditCopies() const {
  std::lock_guard<std::mutex> l(mu_);
  return audit_;
}

}  // namespace renumber
