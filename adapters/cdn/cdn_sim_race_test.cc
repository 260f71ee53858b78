// The rate limit and the customer working in the console at the same time
// as us: pacing from the rate-limit headers sends no 429 under a small
// window; a storm of 429s is waited out; a version the customer activates
// while we work is never discarded (we redo the phase on top of it).
#include <gtest/gtest.h>

#include <thread>

#include "adapters/cdn/cdn_sim_expect.h"
#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

class CdnRaceTest : public CdnSimTest {
 protected:
  // Sleeps until `offset` into the next epoch-aligned window of `window_s`.
  static void AlignToWindow(int window_s, std::chrono::milliseconds offset) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto w = std::chrono::seconds(window_s);
    const auto into = now % w;
    std::this_thread::sleep_for(w - into + offset);
  }

  nlohmann::json Outcome(const PhaseRun& run, const std::string& kind) {
    for (const auto& r : run.records)
      if (r["change"]["kind"] == kind) return r["outcome"];
    return nullptr;
  }

  std::string Comment(const nlohmann::json& state, const std::string& name) {
    const auto& svc = state.begin().value();
    return svc["backends"][name]["comment"].get<std::string>();
  }
};

TEST_F(CdnRaceTest, PacingUnderASmallWindowSendsNo429) {
  SetRateLimit(4, 2);
  const SimCustomer& c = Customer(4);
  const Target t = TargetFor(c);
  const nlohmann::json before = ActiveState(c);
  const PhaseWrites w = ExpectedWrites(before, t);
  ASSERT_GT(w.prepare, 8);  // more than two windows' worth
  ResetCounters();
  const auto start = std::chrono::steady_clock::now();
  auto a = NewAdapterFor(c);
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kPrepare).status.ok());
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kCutover).status.ok());
  const auto took = std::chrono::steady_clock::now() - start;
  const nlohmann::json counters = Counters();
  EXPECT_EQ(counters["rate_limited"], 0);
  EXPECT_EQ(counters["writes"], w.prepare + w.cutover);
  ExpectCutOver(before, ActiveState(c), t);
  // 23 writes at 4 per 2 s cannot take less than 5 full windows.
  EXPECT_GE(took, std::chrono::seconds(8));
  RecordProperty(
      "paced_seconds",
      std::to_string(
          std::chrono::duration_cast<std::chrono::milliseconds>(took).count() /
          1000.0));
}

TEST_F(CdnRaceTest, AStormOf429sIsWaitedOut) {
  const SimCustomer& c = Customer(1);
  const Target t = TargetFor(c);
  const nlohmann::json before = ActiveState(c);
  const PhaseWrites w = ExpectedWrites(before, t);
  SetRateLimit(5, 4);
  // Someone else spends the whole window with this token just before us.
  AlignToWindow(4, std::chrono::milliseconds(100));
  int refused = 0;
  for (int i = 0; i < 8 && refused == 0; ++i)
    refused +=
        Vendor(c, "PUT", "/service/none/version/1/activate").status == 429;
  ASSERT_EQ(refused, 1);
  ResetCounters();
  PhaseRun prep = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
  const nlohmann::json counters = Counters();
  EXPECT_GE(counters["rate_limited"], 1);
  EXPECT_EQ(counters["committed_writes"], w.prepare);
  ExpectPrepared(before, ActiveState(c), t);
}

TEST_F(CdnRaceTest, CustomerActivationJustBeforeOursIsKept) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  const nlohmann::json before = ActiveState(c);
  SetFaults({{"customer_change", {{"next", 1}, {"match", "/activate"}}}});
  PhaseRun prep = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
  const nlohmann::json out = Outcome(prep, "activate-version");
  ASSERT_TRUE(out.is_object());
  ASSERT_EQ(out["superseded"].size(), 1u) << out.dump();
  const int theirs = out["previous_active"];
  EXPECT_NE(theirs, before.begin().value()["active"].get<int>());
  const nlohmann::json after = ActiveState(c);
  EXPECT_EQ(after.begin().value()["active"], out["activated"]);
  EXPECT_EQ(Comment(after, "origin_1"), "edited in the console");
  ASSERT_TRUE(
      after.begin().value()["backends"].contains("origin_1_renumber_new"));
  // Rolling back prepare returns to the customer's version, not ours.
  SetFaults(nlohmann::json::object());
  PhaseRun undo = RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackPrepare,
                           prep.records);
  ASSERT_TRUE(undo.status.ok()) << undo.status.ToString();
  const nlohmann::json back = ActiveState(c);
  EXPECT_EQ(back.begin().value()["active"], theirs);
  EXPECT_EQ(Comment(back, "origin_1"), "edited in the console");
  EXPECT_FALSE(
      back.begin().value()["backends"].contains("origin_1_renumber_new"));
}

TEST_F(CdnRaceTest, CustomerActivationWhileWeBuildTheDraftIsKept) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  SetFaults({{"customer_change", {{"next", 1}, {"match", "POST /service"}}}});
  PhaseRun prep = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
  SetFaults(nlohmann::json::object());
  const nlohmann::json out = Outcome(prep, "activate-version");
  ASSERT_TRUE(out.is_object());
  // Our first draft was built on the replaced version: never activated,
  // left (the contract cannot delete a version) and reported.
  ASSERT_EQ(out["left_behind"].size(), 1u) << out.dump();
  const int first_draft = out["left_behind"][0];
  const nlohmann::json after = ActiveState(c);
  EXPECT_EQ(Comment(after, "origin_1"), "edited in the console");
  EXPECT_TRUE(
      after.begin().value()["backends"].contains("origin_1_renumber_new"));
  auto d = NewAdapterFor(c)->Discover(t);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->state, AccountState::kPrepared);
  for (const auto& v : Versions(c, after.begin().key()))
    if (v["number"] == first_draft) {
      EXPECT_EQ(v["locked"], false);
    }
}

}  // namespace
}  // namespace renumber::cdn
