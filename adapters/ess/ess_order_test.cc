// The order rule and named routes end to end over the in-memory vendor
// (docs/ess-contract.md revision 2, "How renumber moves an ESS account"): where
// prepare puts the new route, named routes joined and left, the gates around
// them, and the rollbacks restoring the order they found.
#include <gtest/gtest.h>

#include "adapters/ess/ess_test_world.h"

namespace renumber {
namespace ess_test {
namespace {

using nlohmann::json;

class EssOrderTest : public EssWorld {
 protected:
  std::vector<std::string> Addresses(const std::string& domain) {
    std::vector<std::string> out;
    for (const FakeRoute& r : vendor_.Routes(domain)) out.push_back(r.address);
    return out;
  }
  json Named(const std::string& name) {
    return vendor_.Dump()["named:" + name];
  }
  Result<RunResult> Run(Phase phase, const json& history = json::array()) {
    PhaseContext ctx = ctx_;
    ctx.history = history;
    return RunPhase(NewAdapter().get(), phase, ctx);
  }
  // Marks every route to the new IP checked a minute ago.
  void CheckNewRoutes() {
    for (const std::string domain : {"", "x.example.jp"})
      for (const FakeRoute& r : vendor_.Routes(domain))
        if (r.address == kNew) vendor_.MarkChecked(r.id, clock_.Now(), "PASS");
  }
};

TEST_F(EssOrderTest, PrepareNamedShape) {
  SeedNamed();
  const json before = StateDump();
  auto prep = Run(Phase::kPrepare);
  ASSERT_TRUE(prep.ok()) << prep.status().ToString();
  // add + move + 2 joins in the default routes, add in x.example.jp, and
  // the outbound server: 6 writes.
  EXPECT_EQ(prep->writes, 6);
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
  // Right after the old failover, ahead of the archive.
  EXPECT_EQ(Addresses(""),
            (std::vector<std::string>{"192.0.2.10", kOld, kNew, "192.0.2.11"}));
  EXPECT_EQ(Named("dp-relay"), json({"192.0.2.10", kOld, kNew, "192.0.2.11"}));
  EXPECT_EQ(Named("dp-archive"), json({kOld, kNew}));
  EXPECT_EQ(Named("dp-hr"), json({"192.0.2.10"}));  // untouched
  EXPECT_EQ(Addresses("x.example.jp"), (std::vector<std::string>{kOld, kNew}));
  ExpectSane();
  // Again: nothing.
  const int writes = vendor_.writes();
  auto again = Run(Phase::kPrepare);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->plan.changes.empty());
  EXPECT_EQ(vendor_.writes(), writes);
  // Rollback: out of the named routes, then deleted: what prepare found,
  // in the same order.
  auto undo = Run(Phase::kRollbackPrepare, prep->records);
  ASSERT_TRUE(undo.ok()) << undo.status().ToString();
  EXPECT_EQ(undo->writes, 5);
  EXPECT_EQ(StateDump(), before);
}

TEST_F(EssOrderTest, CutoverNamedShapeThenRollBack) {
  SeedNamed();
  ASSERT_TRUE(Run(Phase::kPrepare).ok());
  CheckNewRoutes();
  const json prepared = StateDump();
  const size_t calls_before = vendor_.calls().size();
  auto cut = Run(Phase::kCutover);
  ASSERT_TRUE(cut.ok()) << cut.status().ToString();
  // default: 2 leaves + delete (fresh PASS: no check); x.example.jp:
  // promote + delete; outbound: delete.
  EXPECT_EQ(cut->writes, 6);
  EXPECT_EQ(StateNow(), AccountState::kCutOver);
  // The new failover is in the old one's place, still ahead of the archive.
  EXPECT_EQ(Addresses(""),
            (std::vector<std::string>{"192.0.2.10", kNew, "192.0.2.11"}));
  EXPECT_EQ(Named("dp-relay"), json({"192.0.2.10", kNew, "192.0.2.11"}));
  EXPECT_EQ(Named("dp-archive"), json({kNew}));
  EXPECT_EQ(Addresses("x.example.jp"), (std::vector<std::string>{kNew}));
  ExpectSane();
  // The old route left both named routes before it was deleted.
  std::vector<std::string> posts;
  const std::vector<std::string> calls = vendor_.calls();
  for (size_t i = calls_before; i < calls.size(); ++i)
    if (calls[i].rfind("POST ", 0) == 0) posts.push_back(calls[i]);
  ASSERT_GE(posts.size(), 3u);
  EXPECT_NE(posts[0].find("/v1/named-routes/dp-relay/routes/"),
            std::string::npos);
  EXPECT_NE(posts[1].find("/v1/named-routes/dp-archive/routes/"),
            std::string::npos);
  EXPECT_NE(posts[2].find("/delete"), std::string::npos);
  auto undo = Run(Phase::kRollbackCutover, cut->records);
  ASSERT_TRUE(undo.ok()) << undo.status().ToString();
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
  EXPECT_EQ(StateDump(), prepared);
}

TEST_F(EssOrderTest, TheOldRouteIsNeverDeletedWhileANamedRouteHoldsIt) {
  SeedNamed();
  ASSERT_TRUE(Run(Phase::kPrepare).ok());
  CheckNewRoutes();
  auto adapter = NewAdapter();
  auto d = adapter->Discover(ctx_.target);
  ASSERT_TRUE(d.ok());
  auto plan = adapter->PlanPhase(Phase::kCutover, *d, ctx_);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->changes[2].kind, "delete-route");
  const int writes = vendor_.writes();
  auto out = adapter->Apply(plan->changes[2], ctx_);  // leaves skipped
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Code::kPreconditionFailed);
  EXPECT_NE(out.status().message().find("still in the named route(s) "
                                        "dp-relay, dp-archive"),
            std::string::npos)
      << out.status().message();
  EXPECT_EQ(vendor_.writes(), writes);
}

TEST_F(EssOrderTest, TheOldRouteLeavesOnlyWhereTheNewOneIs) {
  SeedNamed();
  ASSERT_TRUE(Run(Phase::kPrepare).ok());
  auto adapter = NewAdapter();
  auto d = adapter->Discover(ctx_.target);
  auto plan = adapter->PlanPhase(Phase::kCutover, *d, ctx_);
  ASSERT_TRUE(plan.ok());
  Change leave = plan->changes[2];  // check, leave dp-relay, leave dp-archive
  ASSERT_EQ(leave.kind, "leave-named-route");
  ASSERT_EQ(leave.params["name"], "dp-archive");
  // The customer takes the new route out of dp-archive in the console.
  std::string new_id;
  for (const FakeRoute& r : vendor_.Routes(""))
    if (r.address == kNew) new_id = r.id;
  HttpRequest req;
  req.method = "GET";
  req.url = "https://ess.test/v1/named-routes";
  req.headers.Set("Authorization", "Basic YWRtaW46cHctMTIzNDU2");
  auto etag = vendor_.Send(req).value().headers.GetOr("ETag", "");
  req.method = "POST";
  req.url = "https://ess.test/v1/named-routes/dp-archive/routes/" + new_id +
            "/remove";
  req.headers.Set("If-Match", etag);
  ASSERT_EQ(vendor_.Send(req).value().status, 200);
  const int writes = vendor_.writes();
  auto out = adapter->Apply(leave, ctx_);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("without a replacement"),
            std::string::npos)
      << out.status().message();
  // Apply decided first on the named routes Discover kept: that remove was
  // sent with their old ETag and refused (412); the fresh read refused it.
  EXPECT_EQ(vendor_.writes(), writes + 1);
  EXPECT_EQ(vendor_.calls().back(), "GET /v1/named-routes");
  EXPECT_EQ(Named("dp-archive"), json({kOld}));
  // Verify says what is missing; prepare puts it back.
  auto v = adapter->Verify(ctx_.target, false);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state, AccountState::kPartial);
  bool named_check = false;
  for (const Check& c : v->checks) {
    if (c.name != "ess.named dp-archive") continue;
    named_check = true;
    EXPECT_FALSE(c.ok);
    EXPECT_TRUE(c.blocking);
  }
  EXPECT_TRUE(named_check);
  auto fix = Run(Phase::kPrepare);
  ASSERT_TRUE(fix.ok());
  ASSERT_EQ(fix->plan.changes.size(), 1u);
  EXPECT_EQ(fix->plan.changes[0].kind, "join-named-route");
  EXPECT_EQ(Named("dp-archive"), json({kOld, kNew}));
}

TEST_F(EssOrderTest, AReorderedBackupIsPutBehindTheNewRouteAgain) {
  SeedTypical();
  ASSERT_TRUE(Run(Phase::kPrepare).ok());
  EXPECT_EQ(Addresses(""),
            (std::vector<std::string>{kOld, kNew, "192.0.2.50"}));
  // The customer moves the backup first with the console's arrows.
  std::string backup;
  for (const FakeRoute& r : vendor_.Routes(""))
    if (r.address == "192.0.2.50") backup = r.id;
  HttpRequest req;
  req.method = "GET";
  req.url = "https://ess.test/v1/inbound-routes";
  req.headers.Set("Authorization", "Basic YWRtaW46cHctMTIzNDU2");
  auto etag = vendor_.Send(req).value().headers.GetOr("ETag", "");
  req.method = "POST";
  req.url = "https://ess.test/v1/inbound-routes/" + backup + "/move";
  req.headers.Set("If-Match", etag);
  req.body = R"({"position": 1})";
  ASSERT_EQ(vendor_.Send(req).value().status, 200);
  EXPECT_EQ(StateNow(), AccountState::kPartial);
  auto v = NewAdapter()->Verify(ctx_.target, false);
  ASSERT_TRUE(v.ok());
  bool order_check = false;
  for (const Check& c : v->checks) {
    if (c.name.rfind("ess.order default", 0) != 0) continue;
    order_check = true;
    EXPECT_FALSE(c.ok);
    EXPECT_NE(c.detail.en.find("stands behind 192.0.2.50:25"),
              std::string::npos)
        << c.detail.en;
  }
  EXPECT_TRUE(order_check);
  auto fix = Run(Phase::kPrepare);
  ASSERT_TRUE(fix.ok());
  ASSERT_EQ(fix->plan.changes.size(), 1u);
  EXPECT_EQ(fix->plan.changes[0].kind, "place-route");
  EXPECT_EQ(fix->writes, 1);
  EXPECT_EQ(Addresses(""),
            (std::vector<std::string>{kOld, kNew, "192.0.2.50"}));
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
}

TEST_F(EssOrderTest, RollbackOfPrepareRefusesANamedRouteItDidNotJoin) {
  SeedNamed();
  auto prep = Run(Phase::kPrepare);
  ASSERT_TRUE(prep.ok());
  // Only the add-route records: the joins are not ours.
  json history = json::array();
  for (const json& r : prep->records)
    if (r["change"]["kind"] != "join-named-route") history.push_back(r);
  auto undo = Run(Phase::kRollbackPrepare, history);
  ASSERT_FALSE(undo.ok());
  EXPECT_EQ(undo.status().code(), Code::kPreconditionFailed);
  EXPECT_NE(undo.status().message().find("which prepare did not add there"),
            std::string::npos)
      << undo.status().message();
}

TEST_F(EssOrderTest, AnOldPrimaryBehindAnotherPrimaryKeepsItsPlace) {
  // Two primaries, the old one second: cut over promotes the new route
  // (first), moves it right before the old one, then deletes the old.
  vendor_.AddRoute("", "192.0.2.5", 25, "primary");
  vendor_.AddRoute("", kOld, 25, "primary");
  vendor_.AddRoute("", "192.0.2.6", 25, "failover");
  vendor_.AddOutbound("192.0.2.80", "office");
  auto prep = Run(Phase::kPrepare);
  ASSERT_TRUE(prep.ok());
  EXPECT_EQ(Addresses(""),
            (std::vector<std::string>{"192.0.2.5", kOld, kNew, "192.0.2.6"}));
  CheckNewRoutes();
  const json prepared = StateDump();
  auto cut = Run(Phase::kCutover);
  ASSERT_TRUE(cut.ok()) << cut.status().ToString();
  EXPECT_EQ(cut->writes, 3);  // promote, move, delete
  EXPECT_EQ(Addresses(""),
            (std::vector<std::string>{"192.0.2.5", kNew, "192.0.2.6"}));
  auto undo = Run(Phase::kRollbackCutover, cut->records);
  ASSERT_TRUE(undo.ok()) << undo.status().ToString();
  // Re-added last among primaries, the old route is right after the new
  // one already; the demotion then leaves it in its place.
  EXPECT_EQ(undo->writes, 2);
  EXPECT_EQ(StateDump(), prepared);
}

}  // namespace
}  // namespace ess_test
}  // namespace renumber
