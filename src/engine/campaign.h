// A campaign: one command over every account of a plan, accounts in
// parallel (--jobs), steps within an account in order. One failing account
// never stops the others.
//
// Stage 1 (lock, discover, gates, plan) runs for every account; then, for
// writing commands, `confirm` sees the accounts that have changes and may
// decline (nothing is written); then stage 2 applies them.
//
// Threads: RunCampaign blocks; it runs account work on `jobs` worker
// threads and calls the ProgressSink from those threads (it must be
// thread-safe) and `confirm` from the calling thread.
#ifndef RENUMBER_ENGINE_CAMPAIGN_H_
#define RENUMBER_ENGINE_CAMPAIGN_H_

#include <functional>
#include <vector>

#include "src/engine/account_run.h"

namespace renumber {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // A stage starts over `total` accounts ("discover", "apply").
  virtual void Stage(const char* name, int total) = 0;
  virtual void AccountDone(const AccountReport& report) = 0;
  // The account waits for parts of its phase (report.waiting), e.g.
  // cutover --wait-ready polling a gate. Default: nothing shown.
  virtual void AccountWaiting(const AccountReport& report) { (void)report; }
  virtual void Finish() = 0;
};

// Returns true to go ahead with the listed accounts' changes.
using Confirm =
    std::function<bool(const std::vector<const AccountReport*>& with_work)>;

struct CampaignResult {
  std::vector<AccountReport> accounts;  // in plan order
  bool declined = false;                // confirm said no
};

// `executor` is null for read-only commands (plan, verify).
CampaignResult RunCampaign(const EngineDeps& deps,
                           const CommandOptions& options,
                           const std::vector<PlanRow>& rows, int jobs,
                           Executor* executor, const Confirm& confirm,
                           ProgressSink* progress);

// 1 if any account failed or is paused (rate limit); else 4 if any was
// refused (or the user declined); else 3 if any is not in the expected
// state; else 0.
int CampaignExitCode(const CampaignResult& result);

// Runs fn(0..n-1) on up to `jobs` threads.
void ParallelFor(int n, int jobs, const std::function<void(int)>& fn);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_CAMPAIGN_H_
