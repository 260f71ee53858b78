// Crash at any point of a phase (kill -9 between any two journal records):
// the phase's changes run up to change k, the adapter is dropped, a new one
// gets the journal records as history, re-plans from live state and
// applies. The vendor must end in exactly the intended state, with exactly
// the documented number of committed writes over both runs (nothing done
// twice) and no draft version left behind.
#include <gtest/gtest.h>

#include "adapters/cdn/cdn_sim_expect.h"
#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

class CdnCrashTest : public CdnSimTest {
 protected:
  // Unlocked, inactive versions above `above` in every service.
  int DraftsAbove(const SimCustomer& c, const nlohmann::json& before) {
    int n = 0;
    for (const auto& [sid, svc] : before.items()) {
      int latest_before = 0;
      for (const auto& v : versions_before_[sid])
        latest_before = std::max(latest_before, v["number"].get<int>());
      for (const auto& v : Versions(c, sid))
        if (v["number"].get<int>() > latest_before && v["locked"] == false) ++n;
    }
    return n;
  }

  void RememberVersions(const SimCustomer& c, const nlohmann::json& state) {
    versions_before_.clear();
    for (const auto& [sid, svc] : state.items())
      versions_before_[sid] = Versions(c, sid);
  }

  // Runs `phase` crashing at every change in both ways; each time from the
  // vendor state `saved`.
  void CrashEverywhere(const SimCustomer& c, Phase phase,
                       const nlohmann::json& saved,
                       const nlohmann::json& original) {
    const Target t = TargetFor(c);
    const PhaseWrites w = ExpectedWrites(original, t);
    const int expected = phase == Phase::kPrepare ? w.prepare : w.cutover;
    RestoreState(saved);
    auto probe = NewAdapterFor(c);
    const size_t n = RunPhase(probe.get(), t, phase, nlohmann::json::array(),
                              false, 0, Crash::kBeforeApply)
                         .plan.changes.size();
    ASSERT_GT(n, 2u);
    for (size_t k = 0; k < n; ++k) {
      for (Crash crash : {Crash::kBeforeApply, Crash::kAfterApply}) {
        SCOPED_TRACE(std::string(PhaseName(phase)) + " crash at change " +
                     std::to_string(k) +
                     (crash == Crash::kAfterApply ? " after" : " before") +
                     " applying it");
        RestoreState(saved);
        const nlohmann::json before = ActiveState(c);
        RememberVersions(c, before);
        ResetCounters();
        auto first = NewAdapterFor(c);
        PhaseRun cut = RunPhase(first.get(), t, phase, nlohmann::json::array(),
                                false, static_cast<int>(k), crash);
        ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
        first.reset();  // kill -9: the adapter's memory is gone
        auto second = NewAdapterFor(c);
        PhaseRun resumed = RunPhase(second.get(), t, phase, cut.records);
        ASSERT_TRUE(resumed.status.ok()) << resumed.status.ToString();
        EXPECT_EQ(Counters()["committed_writes"], expected);
        if (phase == Phase::kPrepare) {
          ExpectPrepared(original, ActiveState(c), t);
        } else {
          ExpectCutOver(original, ActiveState(c), t);
        }
        EXPECT_EQ(DraftsAbove(c, before), 0) << "a draft was left behind";
        ResetCounters();
        PhaseRun again = RunPhase(NewAdapterFor(c).get(), t, phase);
        EXPECT_TRUE(again.plan.changes.empty());
        EXPECT_EQ(Counters()["writes"], 0);
      }
    }
  }

  std::map<std::string, nlohmann::json> versions_before_;
};

TEST_F(CdnCrashTest, PrepareAndCutoverResumeFromAnyChange) {
  const nlohmann::json fresh = host_->api()->SaveState();
  for (int shape : {4, 5, 3}) {
    const SimCustomer& c = Customer(shape);
    SCOPED_TRACE(c.id + " shape " + std::to_string(shape));
    RestoreState(fresh);
    const nlohmann::json original = ActiveState(c);
    CrashEverywhere(c, Phase::kPrepare, fresh, original);
    RestoreState(fresh);
    auto a = NewAdapterFor(c);
    ASSERT_TRUE(RunPhase(a.get(), TargetFor(c), Phase::kPrepare).status.ok());
    const nlohmann::json prepared = host_->api()->SaveState();
    CrashEverywhere(c, Phase::kCutover, prepared, original);
  }
}

}  // namespace
}  // namespace renumber::cdn
