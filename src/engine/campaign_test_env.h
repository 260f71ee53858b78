// One campaign run for engine-level tests, composed the way
// src/cli/migration.cc composes it: a journal and account locks only for a
// command that writes and is not a dry run, the journal also taking
// verify's observations, the live or the dry-run executor, a new RunInfo
// per run. The engine's, the store's and the toy vendor's campaign tests
// share it, so that how a campaign is put together is written once.
//
// Test-only (links GoogleTest): set-up errors fail the calling test.
// Not thread-safe; one per test.
#ifndef RENUMBER_ENGINE_CAMPAIGN_TEST_ENV_H_
#define RENUMBER_ENGINE_CAMPAIGN_TEST_ENV_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "src/engine/account_lock.h"
#include "src/engine/campaign.h"
#include "src/engine/fake_adapter.h"
#include "src/engine/journal.h"

namespace renumber {

// A journal file and an account-lock directory in a new directory under
// /tmp, removed with this object. `clock` must outlive it.
class TempCampaignFiles {
 public:
  explicit TempCampaignFiles(Clock* clock);
  ~TempCampaignFiles();
  TempCampaignFiles(const TempCampaignFiles&) = delete;
  TempCampaignFiles& operator=(const TempCampaignFiles&) = delete;

  const std::string& dir() const { return dir_; }
  std::string journal_path() const { return dir_ + "/j.journal"; }
  JournalWriter* journal() { return journal_.get(); }
  AccountLocks* locks() { return locks_.get(); }
  // The journal's records as they are now; none before the first write.
  std::vector<nlohmann::json> Records() const;

 private:
  std::string dir_;
  std::unique_ptr<JournalWriter> journal_;
  std::unique_ptr<AccountLocks> locks_;
};

struct TestRun {
  CommandOptions options;  // options.command is the command run
  int jobs = 1;
  bool dry = false;
  Confirm confirm;  // empty: no question is asked
  // Called once everything the run needs is open, just before it starts.
  std::function<void()> before;
};

// Runs campaigns over `rows` with adapters from `make_adapter`; `clock` and
// `credentials` must outlive it.
class CampaignTestEnv {
 public:
  CampaignTestEnv(Clock* clock, CredentialSource* credentials,
                  AdapterMaker make_adapter);

  // One run: `journal` and `locks` are where a writing run journals and
  // locks (TempCampaignFiles' or a campaign store's); `records` is the
  // journal as read before the run.
  CampaignResult Run(const std::vector<PlanRow>& rows, const TestRun& run,
                     JournalSink* journal, AccountLocker* locks,
                     std::vector<nlohmann::json> records);

 private:
  Clock* clock_;
  CredentialSource* credentials_;
  AdapterMaker make_adapter_;
  int runs_ = 0;
};

// Accounts C-1 … C-n of the fake vendor (fake_adapter.h), each an ESS
// account with credentials and a plan row from 203.0.113.10 to
// 198.51.100.20 whose maintenance ends at `maintenance_end`, and campaigns
// over all of them. `clock` must outlive it.
class FakeEssCampaign {
 public:
  FakeEssCampaign(Clock* clock, int accounts, Timestamp maintenance_end);

  const std::shared_ptr<FakeVendorState>& vendor() const { return vendor_; }
  const std::vector<PlanRow>& rows() const { return rows_; }
  // CampaignTestEnv::Run over every account.
  CampaignResult Run(const TestRun& run, JournalSink* journal,
                     AccountLocker* locks, std::vector<nlohmann::json> records);

 private:
  std::shared_ptr<FakeVendorState> vendor_;
  std::vector<PlanRow> rows_;
  std::unique_ptr<CredentialSource> credentials_;
  std::unique_ptr<CampaignTestEnv> env_;
};

}  // namespace renumber

#endif  // RENUMBER_ENGINE_CAMPAIGN_TEST_ENV_H_
