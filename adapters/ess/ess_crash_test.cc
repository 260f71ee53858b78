// Crash anywhere in a phase: run the first k changes, then "kill -9" (the
// adapter is dropped; the change k is either not started, journaled but not
// applied, or applied with its outcome lost), make a new adapter, pass the
// interrupted run's records, re-plan from live state and apply. The end
// state must equal a clean run's, with no duplicate, and planning again must
// make no write.
#include <gtest/gtest.h>

#include <tuple>

#include "adapters/ess/ess_test_world.h"

namespace renumber {
namespace ess_test {
namespace {

using nlohmann::json;

enum class Crash { kBetweenChanges, kIntentOnly, kAppliedOutcomeLost };

// Brings a world to the start of `phase`; returns the records of the phase
// a rollback undoes.
json BringToPhase(EssWorldState* w, Phase phase) {
  w->SeedTypical();
  json undone = json::array();
  auto run = [&](Phase p) {
    auto r = RunPhase(w->NewAdapter().get(), p, w->ctx_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->records : json::array();
  };
  if (phase == Phase::kPrepare) return undone;
  undone = run(Phase::kPrepare);
  if (phase == Phase::kCutover || phase == Phase::kRollbackPrepare)
    return undone;
  return run(Phase::kCutover);
}

json Concat(const json& a, const json& b) {
  json out = a;
  for (const json& r : b) out.push_back(r);
  return out;
}

class EssCrashTest
    : public ::testing::TestWithParam<std::tuple<Phase, int, Crash>> {};

TEST_P(EssCrashTest, ResumeFromLiveStateEndsLikeACleanRun) {
  const auto [phase, k, crash] = GetParam();
  const bool rollback =
      phase == Phase::kRollbackPrepare || phase == Phase::kRollbackCutover;

  EssWorldState reference;
  json ref_undone = BringToPhase(&reference, phase);
  PhaseContext ref_ctx = reference.ctx_;
  ref_ctx.history = ref_undone;
  auto clean = RunPhase(reference.NewAdapter().get(), phase, ref_ctx);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ASSERT_FALSE(clean->plan.changes.empty());
  ASSERT_LE(k, static_cast<int>(clean->plan.changes.size()));

  EssWorldState w;
  json undone = BringToPhase(&w, phase);
  PhaseContext ctx = w.ctx_;
  ctx.history = undone;
  auto first = RunPhase(w.NewAdapter().get(), phase, ctx, k,
                        crash != Crash::kBetweenChanges,
                        crash == Crash::kAppliedOutcomeLost);
  ASSERT_TRUE(first.ok()) << first.status().ToString();

  // The resumed run: a prepare/cutover gets the interrupted run's records;
  // a rollback gets the records of the phase it undoes.
  PhaseContext resume = w.ctx_;
  resume.history = rollback ? undone : first->records;
  auto second = RunPhase(w.NewAdapter().get(), phase, resume);
  ASSERT_TRUE(second.ok()) << second.status().ToString();

  EXPECT_EQ(w.SortedDump(), reference.SortedDump());
  if (!rollback) {
    EXPECT_EQ(w.vendor_.Dump(), reference.vendor_.Dump());  // order too
  }
  w.ExpectSane();
  EXPECT_EQ(w.StateNow(), reference.StateNow());

  const int writes = w.vendor_.writes();
  auto third = RunPhase(w.NewAdapter().get(), phase, resume);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->plan.changes.empty());
  EXPECT_EQ(w.vendor_.writes(), writes);

  // What an interrupted prepare added is still undone by its rollback when
  // the journal of both runs is given.
  if (phase == Phase::kPrepare) {
    EssWorldState fresh;
    fresh.SeedTypical();
    PhaseContext rb = w.ctx_;
    rb.history = Concat(first->records, second->records);
    auto undo = RunPhase(w.NewAdapter().get(), Phase::kRollbackPrepare, rb);
    ASSERT_TRUE(undo.ok()) << undo.status().ToString();
    EXPECT_EQ(w.vendor_.Dump(), fresh.vendor_.Dump());
  }
  // Likewise for an interrupted cutover and its rollback.
  if (phase == Phase::kCutover) {
    EssWorldState prepared;
    BringToPhase(&prepared, Phase::kCutover);
    PhaseContext rb = w.ctx_;
    rb.history = Concat(first->records, second->records);
    auto undo = RunPhase(w.NewAdapter().get(), Phase::kRollbackCutover, rb);
    ASSERT_TRUE(undo.ok()) << undo.status().ToString();
    EXPECT_EQ(w.SortedDump(), prepared.SortedDump());
    w.ExpectSane();
  }
}

std::string Name(
    const ::testing::TestParamInfo<std::tuple<Phase, int, Crash>>& info) {
  std::string phase = PhaseName(std::get<0>(info.param));
  for (char& c : phase)
    if (c == '-') c = '_';
  const char* crash[] = {"between", "intent_only", "applied_lost"};
  return phase + "_k" + std::to_string(std::get<1>(info.param)) + "_" +
         crash[static_cast<int>(std::get<2>(info.param))];
}

// Every crash point of every phase of the typical account: k = 0..n where
// n is the number of changes of the clean run (3, 5, 3 and 4).
std::vector<std::tuple<Phase, int, Crash>> CrashPoints() {
  const std::pair<Phase, int> phases[] = {{Phase::kPrepare, 3},
                                          {Phase::kCutover, 5},
                                          {Phase::kRollbackPrepare, 3},
                                          {Phase::kRollbackCutover, 4}};
  std::vector<std::tuple<Phase, int, Crash>> out;
  for (const auto& [phase, n] : phases)
    for (int k = 0; k <= n; ++k)
      for (Crash c : {Crash::kBetweenChanges, Crash::kIntentOnly,
                      Crash::kAppliedOutcomeLost})
        out.emplace_back(phase, k, c);
  return out;
}

INSTANTIATE_TEST_SUITE_P(EveryPoint, EssCrashTest,
                         ::testing::ValuesIn(CrashPoints()), Name);

}  // namespace
}  // namespace ess_test
}  // namespace renumber
