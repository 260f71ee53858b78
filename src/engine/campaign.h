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
#include <initializer_list>
#include <vector>

#include "src/engine/account_run.h"
#include "src/engine/progress_sink.h"

namespace renumber {

// What the question is about: the accounts whose changes would be applied,
// and every account of the run (plan order), for the summary above the
// question (states, accounts held by another run, notes).
struct ConfirmRequest {
  std::vector<const AccountReport*> with_work;
  std::vector<const AccountReport*> all;
};
// Returns true to go ahead with the changes of `with_work`.
using Confirm = std::function<bool(const ConfirmRequest& request)>;

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

// True when an account of `result` ended with one of `results`. (Which
// exit code a campaign gives is src/cli's to decide: exit_codes.h.)
bool AnyAccount(const CampaignResult& result,
                std::initializer_list<AccountResult> results);

// True when nobody declined and no account failed, paused, was refused or
// is not in the expected state.
bool AllWell(const CampaignResult& result);

// Runs fn(0..n-1) on up to `jobs` threads.
void ParallelFor(int n, int jobs, const std::function<void(int)>& fn);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_CAMPAIGN_H_
