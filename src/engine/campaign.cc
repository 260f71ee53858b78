#include "src/engine/campaign.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <thread>

#include "src/engine/journal.h"

namespace renumber {

void ParallelFor(int n, int jobs, const std::function<void(int)>& fn) {
  int workers = std::max(1, std::min(jobs, n));
  std::atomic<int> next{0};
  auto work = [&] {
    for (int i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
}

CampaignResult RunCampaign(const EngineDeps& given,
                           const CommandOptions& options,
                           const std::vector<PlanRow>& rows, int jobs,
                           Executor* executor, const Confirm& confirm,
                           ProgressSink* progress) {
  EngineDeps deps = given;
  // Each account reads only its own journal records (journal.h).
  std::optional<JournalIndex> index;
  if (deps.journal_records && !deps.journal_index) {
    index.emplace(*deps.journal_records);
    deps.journal_index = &*index;
  }
  if (progress && !deps.on_waiting)
    deps.on_waiting = [progress](const AccountReport& r) {
      progress->AccountWaiting(r);
    };
  const int n = static_cast<int>(rows.size());
  std::vector<std::unique_ptr<AccountRun>> runs;
  for (const PlanRow& row : rows)
    runs.push_back(std::make_unique<AccountRun>(deps, options, row));

  if (progress) progress->Stage("discover", n);
  ParallelFor(n, jobs, [&](int i) {
    if (progress) progress->Activity(rows[i].target.account, "discover");
    runs[i]->Stage1();
    // An account with nothing to apply frees its adapter (and the answers
    // it keeps) now, not when every account has been read: at 2,000
    // accounts they were most of a campaign's memory (issue 15).
    if (!executor || !runs[i]->HasWork()) runs[i]->Close();
    if (progress) progress->AccountDone(runs[i]->report());
  });

  CampaignResult result;
  std::vector<int> with_work;
  for (int i = 0; i < n; ++i)
    if (executor && runs[i]->HasWork()) with_work.push_back(i);
  if (!with_work.empty()) {
    ConfirmRequest request;
    for (int i : with_work) request.with_work.push_back(&runs[i]->report());
    for (auto& r : runs) request.all.push_back(&r->report());
    if (progress) progress->Finish();
    if (confirm && !confirm(request)) {
      result.declined = true;
      for (auto& r : runs) r->Decline();
    } else {
      // Longest first (issue 15): the accounts with the most changes
      // start first, so that the last one to finish is not a long one
      // started late and the phase's wall time nears its lower bound;
      // equal ones keep the plan's order.
      std::stable_sort(with_work.begin(), with_work.end(), [&](int a, int b) {
        return runs[a]->report().plan.changes.size() >
               runs[b]->report().plan.changes.size();
      });
      if (progress)
        progress->Stage("apply", static_cast<int>(with_work.size()));
      ParallelFor(static_cast<int>(with_work.size()), jobs, [&](int k) {
        AccountRun& run = *runs[with_work[k]];
        run.Stage2(*executor, progress);
        if (progress) progress->AccountDone(run.report());
      });
    }
  }
  if (progress) progress->Finish();
  // Each run hands over its report and goes, so a campaign's reports are
  // not held twice.
  result.accounts.reserve(runs.size());
  for (auto& r : runs) {
    result.accounts.push_back(r->TakeReport());
    r.reset();
  }
  return result;
}

bool AnyAccount(const CampaignResult& result,
                std::initializer_list<AccountResult> results) {
  for (const AccountReport& a : result.accounts)
    for (AccountResult r : results)
      if (a.result == r) return true;
  return false;
}

bool AllWell(const CampaignResult& result) {
  return !result.declined &&
         !AnyAccount(result,
                     {AccountResult::kFailed, AccountResult::kPaused,
                      AccountResult::kRefused, AccountResult::kNotExpected});
}

}  // namespace renumber
