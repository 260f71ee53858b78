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
// kTypical: EssWorldState::SeedTypical (a move in prepare); kNamed:
// SeedNamed (moves and named-route adds/removes in every phase).
enum class Shape { kTypical, kNamed };
using Point = std::tuple<Shape, Phase, int, Crash>;

// Brings a world to the start of `phase`; returns the records of the phase
// a rollback undoes.
json BringToPhase(EssWorldState* w, Shape shape, Phase phase) {
  if (shape == Shape::kTypical) {
    w->SeedTypical();
  } else {
    w->SeedNamed();
  }
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

class EssCrashTest : public ::testing::TestWithParam<Point> {};

TEST_P(EssCrashTest, ResumeFromLiveStateEndsLikeACleanRun) {
  const auto [shape, phase, k, crash] = GetParam();
  const bool rollback =
      phase == Phase::kRollbackPrepare || phase == Phase::kRollbackCutover;

  EssWorldState reference;
  json ref_undone = BringToPhase(&reference, shape, phase);
  PhaseContext ref_ctx = reference.ctx_;
  ref_ctx.history = ref_undone;
  auto clean = RunPhase(reference.NewAdapter().get(), phase, ref_ctx);
  ASSERT_TRUE(clean.ok()) << clean.status().ToString();
  ASSERT_FALSE(clean->plan.changes.empty());
  ASSERT_LE(k, static_cast<int>(clean->plan.changes.size()));

  EssWorldState w;
  json undone = BringToPhase(&w, shape, phase);
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

  EXPECT_EQ(w.StateDump(), reference.StateDump());  // order too
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
    BringToPhase(&fresh, shape, Phase::kPrepare);
    PhaseContext rb = w.ctx_;
    rb.history = Concat(first->records, second->records);
    auto undo = RunPhase(w.NewAdapter().get(), Phase::kRollbackPrepare, rb);
    ASSERT_TRUE(undo.ok()) << undo.status().ToString();
    EXPECT_EQ(w.StateDump(), fresh.StateDump());
  }
  // Likewise for an interrupted cutover and its rollback.
  if (phase == Phase::kCutover) {
    EssWorldState prepared;
    BringToPhase(&prepared, shape, Phase::kCutover);
    PhaseContext rb = w.ctx_;
    rb.history = Concat(first->records, second->records);
    auto undo = RunPhase(w.NewAdapter().get(), Phase::kRollbackCutover, rb);
    ASSERT_TRUE(undo.ok()) << undo.status().ToString();
    EXPECT_EQ(w.StateDump(), prepared.StateDump());
    w.ExpectSane();
  }
}

// The number of changes of a clean run, per shape and phase (prepare,
// cutover, rollback of prepare, rollback of cutover). Typical: add + move,
// add, outbound; promote, delete, check, delete, outbound; three removals;
// restore + demote, restore + move, outbound. Named: add + move + two
// joins, add, outbound; check, two leaves, delete, promote, delete,
// outbound; two leaves, three removals; restore + move, restore + demote,
// two joins, outbound.
const std::pair<Phase, int> kChanges[2][4] = {{{Phase::kPrepare, 4},
                                               {Phase::kCutover, 5},
                                               {Phase::kRollbackPrepare, 3},
                                               {Phase::kRollbackCutover, 5}},
                                              {{Phase::kPrepare, 6},
                                               {Phase::kCutover, 7},
                                               {Phase::kRollbackPrepare, 5},
                                               {Phase::kRollbackCutover, 7}}};

std::string Name(const ::testing::TestParamInfo<Point>& info) {
  std::string phase = PhaseName(std::get<1>(info.param));
  for (char& c : phase)
    if (c == '-') c = '_';
  const char* shape[] = {"typical", "named"};
  const char* crash[] = {"between", "intent_only", "applied_lost"};
  return std::string(shape[static_cast<int>(std::get<0>(info.param))]) + "_" +
         phase + "_k" + std::to_string(std::get<2>(info.param)) + "_" +
         crash[static_cast<int>(std::get<3>(info.param))];
}

// Every crash point of every phase of both shapes: k = 0..n where n is the
// number of changes of the clean run.
std::vector<Point> CrashPoints() {
  std::vector<Point> out;
  for (Shape shape : {Shape::kTypical, Shape::kNamed})
    for (const auto& [phase, n] : kChanges[static_cast<int>(shape)])
      for (int k = 0; k <= n; ++k)
        for (Crash c : {Crash::kBetweenChanges, Crash::kIntentOnly,
                        Crash::kAppliedOutcomeLost})
          out.emplace_back(shape, phase, k, c);
  return out;
}

INSTANTIATE_TEST_SUITE_P(EveryPoint, EssCrashTest,
                         ::testing::ValuesIn(CrashPoints()), Name);

// The table above names every change of a clean run: no crash point is
// left out.
TEST(EssCrashPointsTest, CoverEveryChange) {
  for (Shape shape : {Shape::kTypical, Shape::kNamed}) {
    for (const auto& [phase, n] : kChanges[static_cast<int>(shape)]) {
      EssWorldState w;
      PhaseContext ctx = w.ctx_;
      ctx.history = BringToPhase(&w, shape, phase);
      auto clean = RunPhase(w.NewAdapter().get(), phase, ctx);
      ASSERT_TRUE(clean.ok()) << clean.status().ToString();
      EXPECT_EQ(static_cast<int>(clean->plan.changes.size()), n)
          << PhaseName(phase) << " of shape " << static_cast<int>(shape);
    }
  }
}

}  // namespace
}  // namespace ess_test
}  // namespace renumber
