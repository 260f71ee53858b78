#include "adapters/cdn/cdn_plan.h"

#include <gtest/gtest.h>

#include "adapters/cdn/cdn_test_snapshots.h"

namespace renumber::cdn {
namespace {

using namespace testing;  // NOLINT
using nlohmann::json;

std::vector<std::string> Kinds(const Plan& p) {
  std::vector<std::string> out;
  for (const Change& c : p.changes) out.push_back(c.kind);
  return out;
}

RawService NotStarted() {
  RawService s;
  s.versions = {VersionJ(1, false, true), VersionJ(2, true, true)};
  s.backends = {BackendJ("origin_1", "198.18.0.5"),
                BackendJ("origin_2", "198.18.0.5", {{"port", 8080}}),
                BackendJ("images", "203.0.113.9")};
  return s;
}

RawService Prepared() {
  RawService s = NotStarted();
  s.versions.push_back(VersionJ(3, false, false, Staged(2)));
  s.staged_number = 3;
  s.staged_backends = {BackendJ("origin_1", "198.19.0.5"),
                       BackendJ("origin_2", "198.19.0.5", {{"port", 8080}}),
                       BackendJ("images", "203.0.113.9")};
  return s;
}

PhaseContext Ctx() {
  PhaseContext c;
  c.target = TestTarget();
  c.campaign = "c";
  return c;
}

TEST(CdnPlanTest, PrepareStagesOneVersionAndMovesOnlyTheOldAddresses) {
  auto plan =
      PlanForward(Phase::kPrepare, Snapshots({NotStarted()}), Ctx(), "C-1/cdn");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Kinds(*plan), (std::vector<std::string>{
                              "clone-version", "label-staged", "set-address",
                              "set-address", "validate-staged"}));
  EXPECT_EQ(plan->changes[0].params["from_version"], 2);
  EXPECT_EQ(plan->changes[0].params["known_latest"], 2);
  EXPECT_EQ(plan->changes[2].params["backend"], "origin_1");
  EXPECT_EQ(plan->changes[2].params["new_ip"], "198.19.0.5");
  for (const Change& c : plan->changes) {
    EXPECT_EQ(c.params["service_id"], "S1");
    EXPECT_FALSE(c.removes_reference);  // nothing is ever removed
  }
  // Prepared: nothing to do.
  auto again =
      PlanForward(Phase::kPrepare, Snapshots({Prepared()}), Ctx(), "C-1/cdn");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->changes.empty());
}

TEST(CdnPlanTest, AHalfBuiltSwitchGetsTheRestAndAStaleOneIsBuiltAgain) {
  RawService half = Prepared();
  half.staged_backends[1]["address"] = "198.18.0.5";
  auto plan = PlanForward(Phase::kPrepare, Snapshots({half}), Ctx(), "C-1");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Kinds(*plan),
            (std::vector<std::string>{"set-address", "validate-staged"}));
  EXPECT_EQ(plan->changes[0].params["backend"], "origin_2");
  RawService stale = Prepared();
  stale.versions[1]["active"] = false;
  stale.versions.push_back(VersionJ(4, true, true, "console"));
  auto again = PlanForward(Phase::kPrepare, Snapshots({stale}), Ctx(), "C-1");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Kinds(*again)[0], "clone-version");
  EXPECT_EQ(again->changes[0].params["from_version"], 4);
}

TEST(CdnPlanTest, CutoverIsOneActivateBehindTheGate) {
  PhaseContext ctx = Ctx();
  auto all = PlanForward(Phase::kCutover, Snapshots({Prepared()}), ctx, "C-1");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(Kinds(*all), std::vector<std::string>{"activate-staged"});
  EXPECT_EQ(all->changes[0].params["staged"], 3);
  EXPECT_EQ(all->changes[0].params["base"], 2);
  ctx.gate = {{"services",
               {{"S1",
                 {{"ready", false},
                  {"why", "the new origin answers a placeholder"},
                  {"why_ja", "準備中"}}}}}};
  auto held = PlanForward(Phase::kCutover, Snapshots({Prepared()}), ctx, "C-1");
  ASSERT_TRUE(held.ok());
  EXPECT_TRUE(held->changes.empty());
  ASSERT_EQ(held->waiting.size(), 1u);
  EXPECT_NE(held->waiting[0].en.find("placeholder"), std::string::npos);
  ctx.gate["services"]["S1"]["ready"] = true;
  auto open = PlanForward(Phase::kCutover, Snapshots({Prepared()}), ctx, "C-1");
  EXPECT_EQ(Kinds(*open), std::vector<std::string>{"activate-staged"});
}

TEST(CdnPlanTest, CutoverOfAStaleServiceBuildsTheSwitchAgainFirst) {
  RawService stale = Prepared();
  stale.versions[1]["active"] = false;
  stale.versions.push_back(VersionJ(4, true, true, "console"));
  auto plan = PlanForward(Phase::kCutover, Snapshots({stale}), Ctx(), "C-1");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Kinds(*plan),
            (std::vector<std::string>{"clone-version", "label-staged",
                                      "set-address", "set-address",
                                      "validate-staged", "activate-staged"}));
  EXPECT_FALSE(plan->projected);
  // Not started at all: only a projection.
  auto projected =
      PlanForward(Phase::kCutover, Snapshots({NotStarted()}), Ctx(), "C-1");
  ASSERT_TRUE(projected.ok());
  EXPECT_TRUE(projected->projected);
}

TEST(CdnPlanTest, HiddenOriginsAreNotesAndAloneArePreconditionFailed) {
  RawService s = NotStarted();
  s.snippets = {{{"name", "dbg"}, {"content", "\"198.18.0.5\""}}};
  auto plan = PlanForward(Phase::kPrepare, Snapshots({s}), Ctx(), "C-1");
  ASSERT_TRUE(plan.ok());
  ASSERT_FALSE(plan->notes.empty());
  EXPECT_NE(plan->notes[0].en.find("snippet dbg"), std::string::npos);
  RawService only = s;
  only.backends = nlohmann::json::array({BackendJ("images", "203.0.113.9")});
  auto refused = PlanForward(Phase::kPrepare, Snapshots({only}), Ctx(), "C-1");
  EXPECT_EQ(refused.status().code(), Code::kPreconditionFailed);
}

TEST(CdnPlanTest, RollbackOfPrepareAbandonsTheSwitch) {
  PhaseContext ctx = Ctx();
  ctx.history = json::array({json::object()});
  auto plan = PlanRollback(Phase::kRollbackPrepare, Snapshots({Prepared()}),
                           ctx, "C-1/cdn");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Kinds(*plan), std::vector<std::string>{"abandon-staged"});
  EXPECT_EQ(plan->changes[0].params["version"], 3);
  // Our switch is live: roll back the cutover first.
  RawService cut = Prepared();
  cut.versions[1]["active"] = false;
  cut.versions[2] = VersionJ(3, true, true, Staged(2));
  cut.staged_number = 0;
  auto refused =
      PlanRollback(Phase::kRollbackPrepare, Snapshots({cut}), ctx, "C-1/cdn");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kPreconditionFailed);
  EXPECT_NE(refused.status().message().find("roll back the cutover first"),
            std::string::npos);
  // Someone activated a version of their own on top of our switch: live
  // traffic still goes to the new IP, so the answer is the same (not
  // "someone activated another version, use --force").
  RawService theirs = cut;
  theirs.versions[2]["active"] = false;
  theirs.versions.push_back(VersionJ(4, true, true));
  theirs.backends = {BackendJ("origin_1", "198.19.0.5"),
                     BackendJ("origin_2", "198.19.0.5", {{"port", 8080}}),
                     BackendJ("images", "203.0.113.9")};
  auto after = PlanRollback(Phase::kRollbackPrepare, Snapshots({theirs}), ctx,
                            "C-1/cdn");
  ASSERT_FALSE(after.ok());
  EXPECT_NE(after.status().message().find("roll back the cutover first"),
            std::string::npos)
      << after.status().message();
  EXPECT_EQ(after.status().message().find("--force"), std::string::npos);
}

json Activation(int previous, int activated) {
  return {{"change",
           {{"kind", "activate-staged"},
            {"params", {{"service_id", "S1"}, {"service", "www"}}}}},
          {"outcome", previous ? json{{"previous_active", previous},
                                      {"activated", activated}}
                               : json()}};
}

TEST(CdnPlanTest, RollbackOfCutoverTellsOursFromSomeoneElses) {
  RawService cut = Prepared();
  cut.versions[1]["active"] = false;
  cut.versions[2] = VersionJ(3, true, true, Staged(2));
  cut.staged_number = 0;
  PhaseContext ctx = Ctx();
  ctx.history = json::array({Activation(2, 3)});
  auto plan =
      PlanRollback(Phase::kRollbackCutover, Snapshots({cut}), ctx, "C-1");
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(Kinds(*plan), std::vector<std::string>{"reactivate-version"});
  EXPECT_EQ(plan->changes[0].params["version"], 2);
  EXPECT_EQ(plan->changes[0].params["expect_active"], 3);
  // Journaled as an intent only: the live version's tag says it is ours.
  ctx.history = json::array({Activation(0, 0)});
  auto intent =
      PlanRollback(Phase::kRollbackCutover, Snapshots({cut}), ctx, "C-1");
  ASSERT_TRUE(intent.ok());
  EXPECT_EQ(intent->changes[0].params["version"], 2);
  // Someone activated version 4 after our switch.
  RawService later = cut;
  later.versions[2]["active"] = false;
  later.versions.push_back(VersionJ(4, true, true, "console"));
  ctx.history = json::array({Activation(2, 3)});
  auto refused =
      PlanRollback(Phase::kRollbackCutover, Snapshots({later}), ctx, "C-1");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("without --force"),
            std::string::npos);
  ctx.force = true;
  auto forced =
      PlanRollback(Phase::kRollbackCutover, Snapshots({later}), ctx, "C-1");
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(forced->changes[0].params["version"], 2);
}

// An interrupted cutover (journaled as an intent only) with a version live
// that is neither ours by the journal nor by its tag: at the new IP only,
// someone else activated it and there is no version to return to, even
// with force; with the old IP still in it, the cutover never switched it.
TEST(CdnPlanTest, RollbackOfAnInterruptedCutoverWithTheirVersionLive) {
  RawService theirs = Prepared();
  theirs.versions[1]["active"] = false;
  theirs.versions.push_back(VersionJ(4, true, true, "console"));
  theirs.backends = {BackendJ("origin_1", "198.19.0.5"),
                     BackendJ("origin_2", "198.19.0.5", {{"port", 8080}}),
                     BackendJ("images", "203.0.113.9")};
  PhaseContext ctx = Ctx();
  ctx.history = json::array({Activation(0, 0)});
  for (bool force : {false, true}) {
    ctx.force = force;
    auto refused =
        PlanRollback(Phase::kRollbackCutover, Snapshots({theirs}), ctx, "C-1");
    ASSERT_FALSE(refused.ok()) << force;
    EXPECT_EQ(refused.status().code(), Code::kPreconditionFailed);
    EXPECT_NE(refused.status().message().find("--force cannot help"),
              std::string::npos)
        << refused.status().message();
  }
  // Partial before the cutover (one backend at each address): untouched.
  RawService partial = theirs;
  partial.backends[1] = BackendJ("origin_2", "198.18.0.5", {{"port", 8080}});
  ctx.force = false;
  auto nothing =
      PlanRollback(Phase::kRollbackCutover, Snapshots({partial}), ctx, "C-1");
  ASSERT_TRUE(nothing.ok()) << nothing.status().ToString();
  EXPECT_TRUE(nothing->changes.empty());
  // No activate intent in the journal: nothing to undo, no refusal.
  ctx.history = json::array();
  auto untouched =
      PlanRollback(Phase::kRollbackCutover, Snapshots({theirs}), ctx, "C-1");
  ASSERT_TRUE(untouched.ok()) << untouched.status().ToString();
  EXPECT_TRUE(untouched->changes.empty());
}

}  // namespace
}  // namespace renumber::cdn
