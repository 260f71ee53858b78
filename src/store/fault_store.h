// Fault injection for campaign stores: a wrapper that makes the store "go
// away" — at once, or after a number of journal appends — the way a
// PostgreSQL server that is stopped or unreachable does. From then on every
// call (and every append of a sink or lock request it handed out) fails
// with kUnavailable and sends nothing to the wrapped store; a store that
// went away stays away for this wrapper, as a lost connection does for a
// process (its locks may be gone). A new wrapper over the same store is a
// run started after the store came back.
//
// Thread-safe. The wrapped store is not owned and must outlive the wrapper.
#ifndef RENUMBER_STORE_FAULT_STORE_H_
#define RENUMBER_STORE_FAULT_STORE_H_

#include <atomic>
#include <memory>
#include <string>

#include "src/store/campaign_store.h"

namespace renumber {

class FaultInjectionStore : public CampaignStore {
 public:
  explicit FaultInjectionStore(CampaignStore* inner) : inner_(inner) {}

  // The store goes away now.
  void GoAway() { appends_left_ = 0; }
  // The store answers `n` more appends, then goes away (the n+1-th append
  // is not sent).
  void GoAwayAfterAppends(long n) { appends_left_ = n; }
  // Appends the wrapped store received through this wrapper.
  long appends() const { return appends_; }
  bool gone() const { return appends_left_ == 0; }

  std::string Where() const override { return inner_->Where(); }
  bool Shared() const override { return inner_->Shared(); }
  using CampaignStore::ReadJournal;
  Result<JournalContents> ReadJournal(const std::string& campaign,
                                      JournalRead read) override;
  Result<std::vector<CampaignJournal>> ReadJournals() override;
  Result<std::unique_ptr<JournalSink>> OpenJournal(
      const std::string& campaign) override;
  Result<std::unique_ptr<AccountLocker>> Locks(LockHolder me) override;
  Result<std::vector<HeldLock>> HeldLocks() override;
  Result<std::vector<StoredAccount>> Accounts(
      const std::string& campaign) override;
  Status CopyAudit(const std::string& vault,
                   const std::vector<std::string>& lines) override;

  // kUnavailable when the store is gone (for the wrapped sinks and locks).
  Status Check() const;
  // Counts down one append; kUnavailable (nothing sent) when gone.
  Status TakeAppend();
  void AppendSent() { ++appends_; }

 private:
  CampaignStore* inner_;
  std::atomic<long> appends_left_{-1};  // -1: never goes away
  std::atomic<long> appends_{0};
};

}  // namespace renumber

#endif  // RENUMBER_STORE_FAULT_STORE_H_
