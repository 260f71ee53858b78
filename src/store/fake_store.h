// An in-memory campaign store for unit tests: journals as encoded lines (so
// checksums are exercised), locks in a map (a second Locks() object plays a
// second machine), audit copies in a list. Waiting for a lock sleeps on the
// given clock (a FakeClock makes it instant).
//
// Thread-safe. Locks and sinks it hands out must not outlive it.
#ifndef RENUMBER_STORE_FAKE_STORE_H_
#define RENUMBER_STORE_FAKE_STORE_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "src/core/time.h"
#include "src/store/campaign_store.h"

namespace renumber {

class FakeCampaignStore : public CampaignStore {
 public:
  explicit FakeCampaignStore(Clock* clock) : clock_(clock) {}

  std::string Where() const override { return "fake store"; }
  bool Shared() const override { return true; }
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

  // Test access.
  std::vector<std::string> Lines(const std::string& campaign) const;
  void ReplaceLine(const std::string& campaign, size_t index, std::string line);
  std::vector<std::string> AuditCopies() const;

 private:
  friend class FakeStoreAccess;
  Clock* clock_;
  mutable std::mutex mu_;
  std::map<std::string, std::vector<std::string>> journals_;
  std::map<std::string, std::string> locks_;  // account -> holder JSON
  std::vector<std::string> audit_;
};

}  // namespace renumber

#endif  // RENUMBER_STORE_FAKE_STORE_H_
