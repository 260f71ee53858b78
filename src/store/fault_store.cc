#include "src/store/fault_store.h"

namespace renumber {
namespace {

class FaultSink : public JournalSink {
 public:
  FaultSink(FaultInjectionStore* store, std::unique_ptr<JournalSink> inner)
      : store_(store), inner_(std::move(inner)) {}
  Status Append(nlohmann::json record) override {
    RN_RETURN_IF_ERROR(store_->TakeAppend());
    Status s = inner_->Append(std::move(record));
    if (s.ok()) store_->AppendSent();
    return s;
  }

 private:
  FaultInjectionStore* store_;
  std::unique_ptr<JournalSink> inner_;
};

class FaultLocker : public AccountLocker {
 public:
  FaultLocker(FaultInjectionStore* store, std::unique_ptr<AccountLocker> inner)
      : store_(store), inner_(std::move(inner)) {}
  Result<std::unique_ptr<FileLock>> Acquire(const AccountKey& account,
                                            std::chrono::milliseconds wait,
                                            Text* holder) override {
    RN_RETURN_IF_ERROR(store_->Check());
    return inner_->Acquire(account, wait, holder);
  }

 private:
  FaultInjectionStore* store_;
  std::unique_ptr<AccountLocker> inner_;
};

}  // namespace

Status FaultInjectionStore::Check() const {
  if (appends_left_ != 0) return Status::Ok();
  return Status::Unavailable(
      "campaign store " + inner_->Where() +
          ": connection lost (injected fault)",
      "作業記録の共有ストア " + inner_->Where() +
          ": 接続が切れました（テスト用に注入した障害）");
}

Status FaultInjectionStore::TakeAppend() {
  long left = appends_left_.load();
  while (left != 0) {
    if (left < 0 || appends_left_.compare_exchange_weak(left, left - 1))
      return Status::Ok();
  }
  return Check();
}

Result<JournalContents> FaultInjectionStore::ReadJournal(
    const std::string& campaign, JournalRead read) {
  RN_RETURN_IF_ERROR(Check());
  return inner_->ReadJournal(campaign, read);
}

Result<std::vector<CampaignJournal>> FaultInjectionStore::ReadJournals() {
  RN_RETURN_IF_ERROR(Check());
  return inner_->ReadJournals();
}

Result<std::unique_ptr<JournalSink>> FaultInjectionStore::OpenJournal(
    const std::string& campaign) {
  RN_RETURN_IF_ERROR(Check());
  RN_ASSIGN_OR_RETURN(auto sink, inner_->OpenJournal(campaign));
  return std::unique_ptr<JournalSink>(new FaultSink(this, std::move(sink)));
}

Result<std::unique_ptr<AccountLocker>> FaultInjectionStore::Locks(
    LockHolder me) {
  RN_RETURN_IF_ERROR(Check());
  RN_ASSIGN_OR_RETURN(auto locks, inner_->Locks(std::move(me)));
  return std::unique_ptr<AccountLocker>(
      new FaultLocker(this, std::move(locks)));
}

Result<std::vector<HeldLock>> FaultInjectionStore::HeldLocks() {
  RN_RETURN_IF_ERROR(Check());
  return inner_->HeldLocks();
}

Result<std::vector<StoredAccount>> FaultInjectionStore::Accounts(
    const std::string& campaign) {
  RN_RETURN_IF_ERROR(Check());
  return inner_->Accounts(campaign);
}

Status FaultInjectionStore::CopyAudit(const std::string& vault,
                                      const std::vector<std::string>& lines) {
  RN_RETURN_IF_ERROR(Check());
  return inner_->CopyAudit(vault, lines);
}

}  // namespace renumber
