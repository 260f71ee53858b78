// Test-only: an engine stand-in that drives an adapter through one phase
// the way the engine does (discover, plan, journal intent, apply, journal
// outcome), with a "kill -9" at a chosen change. Header-only.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_TEST_RUN_H_
#define RENUMBER_ADAPTERS_ESS_ESS_TEST_RUN_H_

#include <nlohmann/json.hpp>

#include "adapters/adapter.h"

namespace renumber {
namespace ess_test {

// What one phase run did: the journal records and the writes reported.
struct RunResult {
  nlohmann::json records = nlohmann::json::array();
  int writes = 0;
  Plan plan;
};

// As the engine does (src/engine/account_run.cc): a phase whose end state
// the account is already in is not run at all, so an interrupted phase must
// never leave the account looking finished before its last change.
inline bool AlreadyThere(Phase phase, AccountState s) {
  switch (phase) {
    case Phase::kPrepare:
      return s == AccountState::kPrepared || s == AccountState::kCutOver;
    case Phase::kCutover:
      return s == AccountState::kCutOver;
    case Phase::kRollbackPrepare:
      return s == AccountState::kNotStarted;
    case Phase::kRollbackCutover:
      return s == AccountState::kPrepared || s == AccountState::kNotStarted;
  }
  return false;
}

// Drives one phase like the engine. `stop_after` < 0 runs every change;
// otherwise the run "crashes" after journaling that many outcomes, and when
// `intent_only` the next change is journaled (and, with `applied`, applied)
// but its outcome is lost.
inline Result<RunResult> RunPhase(Adapter* adapter, Phase phase,
                                  const PhaseContext& ctx, int stop_after = -1,
                                  bool intent_only = false,
                                  bool applied = false) {
  RunResult run;
  RN_ASSIGN_OR_RETURN(Discovery d, adapter->Discover(ctx.target));
  run.plan.phase = phase;
  if (AlreadyThere(phase, d.state)) return run;
  RN_ASSIGN_OR_RETURN(run.plan, adapter->PlanPhase(phase, d, ctx));
  if (run.plan.projected)
    return Status::PreconditionFailed("projected plan: not applied");
  for (size_t i = 0; i < run.plan.changes.size(); ++i) {
    const Change& c = run.plan.changes[i];
    if (stop_after >= 0 && static_cast<int>(i) == stop_after) {
      if (intent_only) {
        if (applied) RN_RETURN_IF_ERROR(adapter->Apply(c, ctx).status());
        run.records.push_back(
            {{"change", ChangeToJson(c)}, {"outcome", nullptr}});
      }
      return run;
    }
    auto outcome = adapter->Apply(c, ctx);
    if (!outcome.ok()) return outcome.status();
    run.writes += outcome->writes;
    run.records.push_back(
        {{"change", ChangeToJson(c)}, {"outcome", outcome->result}});
  }
  return run;
}

}  // namespace ess_test
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_TEST_RUN_H_
