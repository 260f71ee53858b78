// Crashes (kill -9 between any two journal records) in the middle of a
// phase, once, twice and three times in a row: each run applies the
// phase's changes up to some change k, the adapter is dropped, the next run
// gets every earlier run's journal records as history, re-plans from live
// state and applies. The vendor must end in exactly the state a clean run
// gives, with exactly the documented number of committed writes over all
// runs (nothing done twice) and at most one staged version per service —
// recognised by its comment, never as "the newest unlocked version".
// Random points come from a seed that every failure prints.
#include <gtest/gtest.h>

#include <random>

#include "adapters/cdn/cdn_marker.h"
#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

class CdnCrashTest : public CdnSimTest {
 protected:
  // Per service: how many versions, and which carry a staged tag of this
  // migration (unlocked).
  json Shape(const SimCustomer& c) {
    json out = json::object();
    const Target t = TargetFor(c);
    for (const std::string& sid : ServiceIds(c)) {
      json versions = Versions(c, sid);
      int staged = 0, active = 0;
      for (const json& v : versions) {
        auto mark = ParseMark(v.value("comment", ""));
        if (mark && mark->kind == MarkKind::kStaged &&
            mark->For(t.old_ip, t.new_ip) && v["locked"] == false)
          ++staged;
        if (v["active"] == true) active = v["number"];
      }
      out[sid] = {{"versions", versions.size()},
                  {"staged", staged},
                  {"active", active}};
    }
    return out;
  }

  // Runs `phase` with crashes at `points` (change index, how), one run per
  // point, then a run to the end; returns the committed writes of all.
  int RunWithCrashes(const SimCustomer& c, Phase phase,
                     const std::vector<std::pair<int, Crash>>& points) {
    const Target t = TargetFor(c);
    json history = json::array();
    ResetCounters();
    for (const auto& [k, how] : points) {
      auto adapter = NewAdapterFor(c);
      PhaseRun run = RunPhase(adapter.get(), t, phase, history, false, k, how);
      EXPECT_TRUE(run.status.ok()) << run.status.ToString();
      for (const json& r : run.records) history.push_back(r);
    }  // kill -9: each adapter's memory is gone
    PhaseRun last = RunPhase(NewAdapterFor(c).get(), t, phase, history);
    EXPECT_TRUE(last.status.ok()) << last.status.ToString();
    return Counters().value("committed_writes", -1);
  }

  int Changes(const SimCustomer& c, Phase phase) {
    return static_cast<int>(RunPhase(NewAdapterFor(c).get(), TargetFor(c),
                                     phase, json::array(), false, 0,
                                     Crash::kBeforeApply)
                                .plan.changes.size());
  }
};

// Every single crash point of both phases, for a shape with one, two and
// three old origins.
TEST_F(CdnCrashTest, PrepareAndCutoverResumeFromAnyChange) {
  const json fresh = host_->api()->SaveState();
  for (int shape : {0, 3, 1}) {
    const SimCustomer& c = Customer(shape);
    SCOPED_TRACE(c.id + " shape " + std::to_string(shape));
    SetOrigins(c, Origins::kSynced);
    for (Phase phase : {Phase::kPrepare, Phase::kCutover}) {
      // The clean run's outcome and writes, from the phase's start state.
      RestoreState(fresh);
      if (phase == Phase::kCutover) {
        ASSERT_TRUE(
            RunPhase(NewAdapterFor(c).get(), TargetFor(c), Phase::kPrepare)
                .status.ok());
      }
      const json start = host_->api()->SaveState();
      const int clean_writes = RunWithCrashes(c, phase, {});
      const json clean = Shape(c);
      const int n = [&] {
        RestoreState(start);
        return Changes(c, phase);
      }();
      ASSERT_GT(n, 0);
      for (int k = 0; k < n; ++k) {
        for (Crash how : {Crash::kBeforeApply, Crash::kAfterApply}) {
          SCOPED_TRACE(std::string(PhaseName(phase)) + " crash at change " +
                       std::to_string(k) +
                       (how == Crash::kAfterApply ? " after" : " before") +
                       " applying it");
          RestoreState(start);
          EXPECT_EQ(RunWithCrashes(c, phase, {{k, how}}), clean_writes);
          EXPECT_EQ(Shape(c), clean);
        }
      }
    }
  }
}

// Two and three consecutive kills at random points (seeded).
TEST_F(CdnCrashTest, TwoAndThreeConsecutiveKillsAtRandomPoints) {
  const json fresh = host_->api()->SaveState();
  const unsigned base_seed = 20261210;
  for (int trial = 0; trial < 24; ++trial) {
    const unsigned seed = base_seed + trial;
    std::mt19937 rng(seed);
    const int shape = std::uniform_int_distribution<int>(0, 7)(rng);
    const Phase phase = rng() % 2 ? Phase::kCutover : Phase::kPrepare;
    const int kills = 2 + trial % 2;
    const SimCustomer& c = Customer(shape);
    SCOPED_TRACE("seed " + std::to_string(seed) + ": " + c.id + " shape " +
                 std::to_string(shape) + ", " + PhaseName(phase) + ", " +
                 std::to_string(kills) + " kills");
    SetOrigins(c, Origins::kSynced);
    RestoreState(fresh);
    if (phase == Phase::kCutover) {
      ASSERT_TRUE(
          RunPhase(NewAdapterFor(c).get(), TargetFor(c), Phase::kPrepare)
              .status.ok());
    }
    const json start = host_->api()->SaveState();
    const int clean_writes = RunWithCrashes(c, phase, {});
    const json clean = Shape(c);
    RestoreState(start);
    const int n = Changes(c, phase);
    std::vector<std::pair<int, Crash>> points;
    for (int i = 0; i < kills; ++i)
      points.emplace_back(std::uniform_int_distribution<int>(0, n - 1)(rng),
                          rng() % 2 ? Crash::kAfterApply : Crash::kBeforeApply);
    std::string where;
    for (const auto& [k, how] : points)
      where += " " + std::to_string(k) +
               (how == Crash::kAfterApply ? "/after" : "/before");
    SCOPED_TRACE("kills at" + where);
    RestoreState(start);
    EXPECT_EQ(RunWithCrashes(c, phase, points), clean_writes);
    EXPECT_EQ(Shape(c), clean);
  }
}

}  // namespace
}  // namespace renumber::cdn
