#include "adapters/ess/ess_plan.h"

#include <gtest/gtest.h>

#include "adapters/ess/ess_changes.h"
#include "adapters/ess/ess_discover.h"
#include "adapters/ess/ess_test_builders.h"

namespace renumber {
namespace ess {
namespace {

using ess_test::kNew;
using ess_test::kOld;
using ess_test::MakeTarget;
using ess_test::SnapshotBuilder;
using nlohmann::json;

const Timestamp kNow = Timestamp::FromUnixSeconds(1796000000);

std::vector<std::string> Kinds(const Plan& p) {
  std::vector<std::string> out;
  for (const Change& c : p.changes) out.push_back(c.kind + " " + c.id);
  return out;
}

TEST(EssPlanPrepareTest, AddsAFailoverTwinPerCollectionAndTheOutbound) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-x", "192.0.2.9", 25, kFailover)
      .Route("a.jp", "r-2", kOld, 2525, kFailover)
      .Route("b.jp", "r-3", "192.0.2.9", 25, kPrimary)
      .Outbound("o-1", kOld, "web01");
  Plan p = PlanPrepare(b.Build(), MakeTarget());
  EXPECT_FALSE(p.projected);
  // The default routes have a backup failover: added last, the new route
  // is moved first among the failovers. In a.jp the old route is the last
  // failover: added last, the new one is right after it already.
  ASSERT_EQ(
      Kinds(p),
      (std::vector<std::string>{
          "add-route add-route:default", "place-route place-route:default",
          "add-route add-route:a.jp", "add-outbound add-outbound:198.19.0.1"}));
  EXPECT_EQ(p.changes[1].params, json({{"domain", ""},
                                       {"address", kNew},
                                       {"port", 25},
                                       {"role", "failover"},
                                       {"anchor", {{"relation", "first"}}}}));
  EXPECT_EQ(p.changes[1].description.en,
            "Move 198.19.0.1:25 to the first failover position in the "
            "default routes");
  EXPECT_EQ(p.changes[2].params, json({{"domain", "a.jp"},
                                       {"address", kNew},
                                       {"port", 2525},
                                       {"role", "failover"}}));
  EXPECT_EQ(p.changes[3].params["note"], "web01");
  EXPECT_FALSE(p.changes[0].removes_reference);
  EXPECT_EQ(p.changes[0].description.en,
            "Add 198.19.0.1:25 as a failover delivery server next to "
            "198.18.0.1 in the default routes");
  EXPECT_NE(p.changes[0].description.ja.find("配送サーバー"),
            std::string::npos);
}

TEST(EssPlanPrepareTest, ANewRouteGoesRightAfterAnOldFailover) {
  // The old route is the backup of another primary, with a second backup
  // (an archive) after it: the new one must come before the archive.
  SnapshotBuilder b;
  b.Route("", "r-p", "192.0.2.1", 25, kPrimary)
      .Route("", "r-1", kOld, 587, kFailover)
      .Route("", "r-a", "192.0.2.9", 587, kFailover);
  Plan p = PlanPrepare(b.Build(), MakeTarget());
  ASSERT_EQ(Kinds(p),
            (std::vector<std::string>{"add-route add-route:default",
                                      "place-route place-route:default"}));
  EXPECT_EQ(p.changes[1].params["anchor"],
            json({{"relation", "after"}, {"address", kOld}}));
  EXPECT_EQ(p.changes[1].params["port"], 587);
}

TEST(EssPlanPrepareTest, AMisplacedTwinIsMovedAndTheAccountIsPartial) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-x", "192.0.2.9", 25, kFailover)
      .Route("", "r-2", kNew, 25, kFailover);
  const Snapshot s = b.Build();
  EXPECT_EQ(ClassifyState(s, MakeTarget()), AccountState::kPartial);
  Plan p = PlanPrepare(s, MakeTarget());
  ASSERT_EQ(Kinds(p),
            (std::vector<std::string>{"place-route place-route:default"}));
  // In place: prepared, nothing to do.
  SnapshotBuilder placed;
  placed.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 25, kFailover)
      .Route("", "r-x", "192.0.2.9", 25, kFailover);
  EXPECT_EQ(ClassifyState(placed.Build(), MakeTarget()),
            AccountState::kPrepared);
  EXPECT_TRUE(PlanPrepare(placed.Build(), MakeTarget()).changes.empty());
}

TEST(EssPlanPrepareTest, TheNewRouteJoinsEveryNamedRouteHoldingTheOld) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-o", "192.0.2.9", 25, kPrimary)
      .Named("dp-legal", {"r-1", "r-o"})
      .Named("dp-hr", {"r-o"})
      .Named("dp-archive", {"r-1"});
  Plan p = PlanPrepare(b.Build(), MakeTarget());
  ASSERT_EQ(Kinds(p), (std::vector<std::string>{
                          "add-route add-route:default",
                          "join-named-route join-named-route:dp-legal",
                          "join-named-route join-named-route:dp-archive"}));
  EXPECT_EQ(p.changes[1].params,
            json({{"name", "dp-legal"},
                  {"address", kNew},
                  {"port", 25},
                  {"anchor", {{"relation", "after"}, {"address", kOld}}}}));
  EXPECT_EQ(p.changes[1].description.en,
            "Add 198.19.0.1:25 to the named route dp-legal, right after "
            "198.18.0.1");
  // Once the new route is in one of them, only the other is planned, and
  // the account is partial until both hold it.
  SnapshotBuilder half;
  half.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-o", "192.0.2.9", 25, kPrimary)
      .Route("", "r-2", kNew, 25, kFailover)
      .Named("dp-legal", {"r-1", "r-2", "r-o"})
      .Named("dp-archive", {"r-1"});
  EXPECT_EQ(ClassifyState(half.Build(), MakeTarget()), AccountState::kPartial);
  EXPECT_EQ(Kinds(PlanPrepare(half.Build(), MakeTarget())),
            (std::vector<std::string>{
                "join-named-route join-named-route:dp-archive"}));
}

TEST(EssPlanPrepareTest, OutboundOnlyWhereTheOldIpRelaysAndNewIsUncovered) {
  SnapshotBuilder no_old;
  no_old.Route("", "r-1", kOld, 25, kPrimary).Outbound("o-1", "192.0.2.1");
  EXPECT_EQ(Kinds(PlanPrepare(no_old.Build(), MakeTarget())),
            std::vector<std::string>{"add-route add-route:default"});

  SnapshotBuilder cidr_old;
  cidr_old.Outbound("o-1", "198.18.0.0/16")
      .Route("", "r-1", kOld, 25, kPrimary);
  EXPECT_EQ(PlanPrepare(cidr_old.Build(), MakeTarget()).changes.size(), 2u);

  SnapshotBuilder cidr_new;
  cidr_new.Route("", "r-1", kOld, 25, kPrimary)
      .Outbound("o-1", kOld)
      .Outbound("o-2", "198.19.0.0/24");
  EXPECT_EQ(Kinds(PlanPrepare(cidr_new.Build(), MakeTarget())),
            std::vector<std::string>{"add-route add-route:default"});
}

TEST(EssPlanPrepareTest, PreparedAccountPlansNothing) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 25, kFailover)
      .Outbound("o-1", kOld)
      .Outbound("o-2", kNew);
  Plan p = PlanPrepare(b.Build(), MakeTarget());
  EXPECT_TRUE(p.changes.empty());
  ASSERT_EQ(p.notes.size(), 1u);
  EXPECT_EQ(p.notes[0].en, "the account is already prepared");
}

TEST(EssPlanPrepareTest, NewRouteOnAnotherPortIsLeftWithANote) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 2525, kFailover);
  Plan p = PlanPrepare(b.Build(), MakeTarget());
  EXPECT_TRUE(p.changes.empty());
  ASSERT_FALSE(p.notes.empty());
  EXPECT_NE(p.notes[0].en.find("port 2525"), std::string::npos);
}

TEST(EssPlanCutoverTest, PromotesTwinsOfPrimariesThenDeletesOld) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 25, kFailover)
      .Checked(kNow - std::chrono::hours(1))
      .Route("a.jp", "r-3", "192.0.2.5", 25, kPrimary)
      .Route("a.jp", "r-4", kOld, 25, kFailover)
      .Route("a.jp", "r-5", kNew, 25, kFailover)
      .Checked(kNow - std::chrono::hours(30))
      .Outbound("o-1", kOld)
      .Outbound("o-2", kNew);
  Plan p = PlanCutover(b.Build(), MakeTarget(), kNow);
  ASSERT_EQ(Kinds(p),
            (std::vector<std::string>{"promote-route promote-route:default",
                                      "delete-route delete-route:default",
                                      "check-route check-route:a.jp",
                                      "delete-route delete-route:a.jp",
                                      "delete-outbound delete-outbound:o-1"}));
  EXPECT_EQ(p.changes[0].params["check_first"], false);
  const json& del = p.changes[1].params;
  EXPECT_EQ(del["route_id"], "r-1");
  EXPECT_EQ(del["role"], "primary");
  EXPECT_EQ(del["reason"], "ServerMigration");
  EXPECT_EQ(del["ticket"], "ZL-2026-10001");
  EXPECT_EQ(del["note"],
            "renumber: server migration to 198.19.0.1 (ticket ZL-2026-10001)");
  EXPECT_EQ(del["replacement"]["route_id"], "r-2");
  EXPECT_TRUE(p.changes[1].removes_reference);
  EXPECT_TRUE(p.changes[4].removes_reference);
  EXPECT_EQ(p.changes[4].params["server_note"], "web01");
}

TEST(EssPlanCutoverTest, StaleOrMissingCheckIsCheckedBeforePromotion) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary).Route("", "r-2", kNew, 25, kFailover);
  Plan p = PlanCutover(b.Build(), MakeTarget(), kNow);
  ASSERT_EQ(p.changes.size(), 2u);
  EXPECT_EQ(p.changes[0].params["check_first"], true);
  EXPECT_NE(p.changes[0].description.en.find("Check and promote"),
            std::string::npos);
}

TEST(EssPlanCutoverTest, CollectionWithoutTwinKeepsItsOldRoute) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 25, kFailover)
      .Checked(kNow)
      .Route("a.jp", "r-3", kOld, 25, kPrimary)
      .Route("a.jp", "r-9", "192.0.2.1", 25, kPrimary);
  Plan p = PlanCutover(b.Build(), MakeTarget(), kNow);
  EXPECT_FALSE(p.projected);
  EXPECT_EQ(Kinds(p),
            (std::vector<std::string>{"promote-route promote-route:default",
                                      "delete-route delete-route:default"}));
  ASSERT_EQ(p.notes.size(), 1u);
  EXPECT_NE(p.notes[0].en.find("the routes of a.jp"), std::string::npos);
}

TEST(EssPlanCutoverTest, OldOutboundKeptWhileNewIsNotCovered) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary)
      .Route("", "r-2", kNew, 25, kFailover)
      .Checked(kNow)
      .Outbound("o-1", kOld);
  Plan p = PlanCutover(b.Build(), MakeTarget(), kNow);
  EXPECT_EQ(p.changes.size(), 2u);
  EXPECT_EQ(p.notes.size(), 1u);
}

TEST(EssPlanCutoverTest, NotStartedGivesAProjectedPlan) {
  SnapshotBuilder b;
  b.Route("", "r-1", kOld, 25, kPrimary).Outbound("o-1", kOld);
  Plan p = PlanCutover(b.Build(), MakeTarget(), kNow);
  EXPECT_TRUE(p.projected);
  EXPECT_EQ(p.changes.size(), 3u);
}

TEST(EssPlanCutoverTest, CutOverAccountPlansNothing) {
  SnapshotBuilder b;
  b.Route("", "r-2", kNew, 25, kPrimary).Outbound("o-2", kNew);
  Plan p = PlanCutover(b.Build(), MakeTarget(), kNow);
  EXPECT_TRUE(p.changes.empty());
  EXPECT_EQ(p.notes.at(0).en, "the account is already cut over");
}

}  // namespace
}  // namespace ess
}  // namespace renumber
