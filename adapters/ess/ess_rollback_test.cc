#include <gtest/gtest.h>

#include "adapters/ess/ess_changes.h"
#include "adapters/ess/ess_plan.h"
#include "adapters/ess/ess_test_builders.h"

namespace renumber {
namespace ess {
namespace {

using ess_test::kNew;
using ess_test::kOld;
using ess_test::MakeTarget;
using ess_test::SnapshotBuilder;
using nlohmann::json;

json Record(const Change& c, json outcome) {
  return {{"change", ChangeToJson(c)}, {"outcome", outcome}};
}

Route R(const std::string& id, const std::string& address, int port,
        const std::string& role) {
  Route r;
  r.id = id;
  r.address = address;
  r.port = port;
  r.role = role;
  return r;
}

class EssRollbackPrepareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_.target = MakeTarget();
    prepared_.Route("", "r-1", kOld, 25, kPrimary)
        .Route("", "r-2", kNew, 25, kFailover)
        .Route("a.jp", "r-3", kOld, 25, kPrimary)
        .Route("a.jp", "r-4", kNew, 25, kFailover)
        .Outbound("o-1", kOld)
        .Outbound("o-2", kNew);
    add_default_ =
        AddRouteChange("", R("r-1", kOld, 25, kPrimary), ctx_.target);
    add_a_ = AddRouteChange("a.jp", R("r-3", kOld, 25, kPrimary), ctx_.target);
    add_out_ = AddOutboundChange(kNew, "web01");
  }
  PhaseContext ctx_;
  SnapshotBuilder prepared_;
  Change add_default_, add_a_, add_out_;
};

TEST_F(EssRollbackPrepareTest, RemovesExactlyWhatPrepareCreated) {
  ctx_.history = json::array(
      {Record(add_default_, {{"route_id", "r-2"}, {"created", true}}),
       Record(add_a_, {{"route_id", "r-4"}, {"created", false}}),
       Record(add_out_, {{"server_id", "o-2"}, {"created", true}})});
  auto p = PlanRollbackPrepare(prepared_.Build(), ctx_);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->changes.size(), 2u);
  EXPECT_EQ(p->changes[0].kind, "remove-added-route");
  EXPECT_EQ(p->changes[0].params["route_id"], "r-2");
  EXPECT_EQ(p->changes[0].params["reason"], "CustomerRequest");
  EXPECT_EQ(p->changes[0].params["ticket"], "ZL-2026-10001");
  EXPECT_NE(p->changes[0].params["note"].get<std::string>().find(
                "renumber: rollback of prepare"),
            std::string::npos);
  EXPECT_EQ(p->changes[1].kind, "remove-added-outbound");
  EXPECT_EQ(p->changes[1].params["server_id"], "o-2");
}

TEST_F(EssRollbackPrepareTest, InterruptedAddIsFoundByAddressAndPort) {
  ctx_.history = json::array({Record(add_a_, nullptr)});
  auto p = PlanRollbackPrepare(prepared_.Build(), ctx_);
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->changes.size(), 1u);
  EXPECT_EQ(p->changes[0].params["route_id"], "r-4");
  ASSERT_EQ(p->notes.size(), 1u);
  EXPECT_NE(p->notes[0].en.find("identified by address"), std::string::npos);
}

TEST_F(EssRollbackPrepareTest, EmptyHistoryRemovesNothingAndSaysSo) {
  auto p = PlanRollbackPrepare(prepared_.Build(), ctx_);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->changes.empty());
  ASSERT_EQ(p->notes.size(), 1u);
  EXPECT_NE(p->notes[0].en.find("nothing to roll back"), std::string::npos);
}

TEST_F(EssRollbackPrepareTest, AlreadyRolledBackPlansNothing) {
  ctx_.history = json::array(
      {Record(add_default_, {{"route_id", "r-2"}, {"created", true}})});
  SnapshotBuilder before;
  before.Route("", "r-1", kOld, 25, kPrimary).Outbound("o-1", kOld);
  auto p = PlanRollbackPrepare(before.Build(), ctx_);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->changes.empty());
}

TEST_F(EssRollbackPrepareTest, RefusesAfterCutoverUnlessForced) {
  ctx_.history = json::array(
      {Record(add_default_, {{"route_id", "r-2"}, {"created", true}})});
  SnapshotBuilder cut;
  cut.Route("", "r-2", kNew, 25, kPrimary).Outbound("o-2", kNew);
  auto p = PlanRollbackPrepare(cut.Build(), ctx_);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kPreconditionFailed);
  EXPECT_NE(p.status().message().find("C-10001/ess"), std::string::npos);
  EXPECT_NE(p.status().message().find("roll back the cutover first"),
            std::string::npos);
}

TEST_F(EssRollbackPrepareTest, MalformedHistoryIsCorruption) {
  ctx_.history = json::array({{{"outcome", nullptr}}});
  EXPECT_EQ(PlanRollbackPrepare(prepared_.Build(), ctx_).status().code(),
            Code::kCorruption);
}

class EssRollbackCutoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_.target = MakeTarget();
    const Target& t = ctx_.target;
    Route old_default = R("r-1", kOld, 25, kPrimary);
    Route new_default = R("r-2", kNew, 25, kFailover);
    Route old_a = R("r-3", kOld, 2525, kFailover);
    Route new_a = R("r-4", kNew, 2525, kFailover);
    ctx_.history = json::array(
        {Record(PromoteRouteChange("", new_default, true),
                {{"route_id", "r-2"}, {"promoted", true}}),
         Record(DeleteRouteChange("", old_default, new_default, t),
                {{"route_id", "r-1"}, {"role", "primary"}, {"deleted", true}}),
         Record(DeleteRouteChange("a.jp", old_a, new_a, t), nullptr),
         Record(DeleteOutboundChange({"o-1", kOld, "web01"}, t),
                {{"server_id", "o-1"}, {"deleted", true}})});
  }
  PhaseContext ctx_;
};

TEST_F(EssRollbackCutoverTest, RestoresOldRolesThenDemotesTheNew) {
  SnapshotBuilder cut;
  cut.Route("", "r-2", kNew, 25, kPrimary)
      .Route("a.jp", "r-9", "192.0.2.1", 25, kPrimary)
      .Route("a.jp", "r-4", kNew, 2525, kFailover)
      .Outbound("o-2", kNew);
  auto p = PlanRollbackCutover(cut.Build(), ctx_);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::vector<std::string> kinds;
  for (const Change& c : p->changes) kinds.push_back(c.id);
  // Each re-added old route goes back to its place: a re-added primary
  // lands right after the twin, the only primary (the demotion then puts
  // the twin first among failovers); a failover is moved right before its
  // failover twin.
  // The outbound server first, and in each collection the change that
  // makes it prepared again last: a rollback killed half-way never leaves
  // the account looking rolled back.
  EXPECT_EQ(kinds, (std::vector<std::string>{
                       "restore-outbound:198.18.0.1", "restore-route:default",
                       "demote-route:default", "restore-route:a.jp",
                       "place-route:a.jp"}));
  EXPECT_EQ(p->changes[0].params["note"], "web01");
  EXPECT_EQ(p->changes[1].params, json({{"domain", ""},
                                        {"address", kOld},
                                        {"port", 25},
                                        {"role", "primary"}}));
  EXPECT_EQ(p->changes[2].params["route_id"], "r-2");
  EXPECT_EQ(p->changes[3].params["port"], 2525);
  EXPECT_EQ(p->changes[3].params["role"], "failover");
  EXPECT_EQ(p->changes[4].params["anchor"],
            json({{"relation", "before"}, {"address", kNew}}));
}

TEST_F(EssRollbackCutoverTest, AReAddedPrimaryIsMovedBackBesideTheTwin) {
  // The twin took the old one's place before another primary: re-added
  // last, the old route is moved right after the twin, then the twin is
  // demoted, which leaves the old one where it was.
  SnapshotBuilder cut;
  cut.Route("", "r-2", kNew, 25, kPrimary)
      .Route("", "r-o", "192.0.2.7", 25, kPrimary);
  ctx_.history = json::array({ctx_.history[0], ctx_.history[1]});
  auto p = PlanRollbackCutover(cut.Build(), ctx_);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  std::vector<std::string> kinds;
  for (const Change& c : p->changes) kinds.push_back(c.id);
  EXPECT_EQ(kinds, (std::vector<std::string>{"restore-route:default",
                                             "place-route:default",
                                             "demote-route:default"}));
  EXPECT_EQ(p->changes[1].params["anchor"],
            json({{"relation", "after"}, {"address", kNew}}));
  EXPECT_EQ(p->changes[1].params["role"], "primary");
}

TEST_F(EssRollbackCutoverTest, NothingToDoWhenBackInThePreparedState) {
  SnapshotBuilder prepared;
  prepared.Route("", "r-2", kNew, 25, kFailover)
      .Route("", "r-7", kOld, 25, kPrimary)
      .Route("a.jp", "r-9", "192.0.2.1", 25, kPrimary)
      .Route("a.jp", "r-8", kOld, 2525, kFailover)
      .Route("a.jp", "r-4", kNew, 2525, kFailover)
      .Outbound("o-2", kNew)
      .Outbound("o-7", kOld);
  auto p = PlanRollbackCutover(prepared.Build(), ctx_);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->changes.empty());
}

TEST_F(EssRollbackCutoverTest, AnInterruptedRestoreIsPutBackInPlace) {
  // A rollback killed after re-adding the old failover (last) but before
  // moving it: the next run moves it back right before the new one.
  SnapshotBuilder mid;
  mid.Route("", "r-2", kNew, 25, kFailover)
      .Route("", "r-7", kOld, 25, kPrimary)
      .Route("a.jp", "r-9", "192.0.2.1", 25, kPrimary)
      .Route("a.jp", "r-4", kNew, 2525, kFailover)
      .Route("a.jp", "r-8", kOld, 2525, kFailover)
      .Outbound("o-2", kNew)
      .Outbound("o-7", kOld);
  auto p = PlanRollbackCutover(mid.Build(), ctx_);
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->changes.size(), 1u);
  EXPECT_EQ(p->changes[0].id, "place-route:a.jp");
  EXPECT_EQ(p->changes[0].params["anchor"],
            json({{"relation", "before"}, {"address", kNew}}));
}

TEST_F(EssRollbackCutoverTest, PromotedButNotDeletedIsDemoted) {
  ctx_.history = json::array({ctx_.history[0]});
  SnapshotBuilder mid;
  mid.Route("", "r-2", kNew, 25, kPrimary).Route("", "r-1", kOld, 25, kPrimary);
  auto p = PlanRollbackCutover(mid.Build(), ctx_);
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->changes.size(), 1u);
  EXPECT_EQ(p->changes[0].kind, "demote-route");
}

TEST_F(EssRollbackCutoverTest, EmptyHistorySaysSo) {
  ctx_.history = json::array();
  SnapshotBuilder cut;
  cut.Route("", "r-2", kNew, 25, kPrimary);
  auto p = PlanRollbackCutover(cut.Build(), ctx_);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->changes.empty());
  EXPECT_FALSE(p->notes.empty());
}

}  // namespace
}  // namespace ess
}  // namespace renumber
