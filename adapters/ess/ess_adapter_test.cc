// The ESS adapter end to end over the in-memory vendor: phases, re-runs,
// safety gates, verification and rollbacks.
#include <gtest/gtest.h>

#include <set>

#include "adapters/ess/ess_changes.h"
#include "adapters/ess/ess_test_world.h"
#include "adapters/kind_names.h"

namespace renumber {
namespace ess_test {
namespace {

using nlohmann::json;

using EssAdapterTest = EssWorld;

TEST_F(EssAdapterTest, FactoryChecksCredentialsWithoutLeakingThem) {
  Credentials bad = creds_;
  bad.secrets["password"] = Secret();
  auto a = NewEssAdapter(bad, deps_);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Code::kInvalidArgument);
  bad = creds_;
  bad.api_base.clear();
  EXPECT_FALSE(NewEssAdapter(bad, deps_).ok());
  auto good = NewAdapter();
  EXPECT_TRUE(good->capabilities().optimistic_locking);
  EXPECT_TRUE(good->capabilities().vendor_delivery_check);
  EXPECT_FALSE(good->capabilities().atomic_activation);
}

TEST_F(EssAdapterTest, PrepareThenCutoverThenReRunsWriteNothing) {
  SeedTypical();
  EXPECT_EQ(StateNow(), AccountState::kNotStarted);
  auto adapter = NewAdapter();
  auto prep = RunPhase(adapter.get(), Phase::kPrepare, ctx_);
  ASSERT_TRUE(prep.ok()) << prep.status().ToString();
  // One POST per collection holding the old IP + one outbound POST, and a
  // move of the new default route ahead of the backup failover.
  EXPECT_EQ(prep->writes, 4);
  EXPECT_EQ(vendor_.committed(), 4);
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
  auto def_routes = vendor_.Routes("");
  ASSERT_EQ(def_routes.size(), 3u);
  EXPECT_EQ(def_routes[1].address, kNew);  // first failover
  EXPECT_EQ(def_routes[2].address, "192.0.2.50");
  auto routes = vendor_.Routes("a.example.jp");
  ASSERT_EQ(routes.size(), 3u);
  EXPECT_EQ(routes[2].address, kNew);  // right after the old failover
  EXPECT_EQ(routes[2].port, 2525);
  EXPECT_EQ(routes[2].role, "failover");

  int writes = vendor_.writes();
  auto again = RunPhase(NewAdapter().get(), Phase::kPrepare, ctx_);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->plan.changes.empty());
  EXPECT_EQ(vendor_.writes(), writes);

  auto cut = RunPhase(NewAdapter().get(), Phase::kCutover, ctx_);
  ASSERT_TRUE(cut.ok()) << cut.status().ToString();
  // default: check + promote + delete; a.example.jp: check + delete;
  // outbound: delete.
  EXPECT_EQ(cut->writes, 6);
  EXPECT_EQ(vendor_.writes(), writes + 6);
  EXPECT_EQ(StateNow(), AccountState::kCutOver);
  auto def = vendor_.Routes("");
  ASSERT_EQ(def.size(), 2u);
  EXPECT_EQ(def[0].address, kNew);
  EXPECT_EQ(def[0].role, "primary");
  EXPECT_EQ(vendor_.Routes("a.example.jp")[1].role, "failover");
  EXPECT_EQ(vendor_.Outbound().size(), 2u);
  for (const json& del : vendor_.deletions()) {
    EXPECT_EQ(del["reason"], "ServerMigration");
    EXPECT_EQ(del["ticket"], "ZL-2026-10001");
    EXPECT_NE(del["note"].get<std::string>().find("198.19.0.1"),
              std::string::npos);
  }
  ExpectSane();

  writes = vendor_.writes();
  auto cut_again = RunPhase(NewAdapter().get(), Phase::kCutover, ctx_);
  ASSERT_TRUE(cut_again.ok());
  EXPECT_TRUE(cut_again->plan.changes.empty());
  EXPECT_EQ(vendor_.writes(), writes);
}

// A journal from another renumber (or edited by hand) may name a kind
// this adapter never writes: bad input, the same code as the CDN gives
// (adapters/kind_names.h UnknownKind), and not one request.
TEST_F(EssAdapterTest, AChangeOfAnUnknownKindIsBadInputAndSendsNothing) {
  SeedTypical();
  auto adapter = NewAdapter();
  Change change;
  change.id = "x";
  change.kind = "teleport-route";
  change.params = {{"domain", ""}, {"address", kNew}, {"port", 25}};
  const size_t calls = vendor_.calls().size();
  auto out = adapter->Apply(change, ctx_);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().ToString(),
            UnknownKind(ctx_.target.account.ToString(), "ESS", change.kind)
                .ToString());
  EXPECT_EQ(vendor_.calls().size(), calls);
}

// A change that acts on an object by id must carry it
// (ess_changes.h IdsNeededBy): without it, Apply sends nothing.
TEST_F(EssAdapterTest, AChangeWithoutItsObjectIdSendsNothing) {
  SeedTypical();
  auto adapter = NewAdapter();
  const json base = {{"domain", ""}, {"address", kNew}, {"port", 25}};
  for (const char* kind :
       {"check-route", "promote-route", "demote-route", "delete-route",
        "remove-added-route", "leave-named-route", "delete-outbound",
        "remove-added-outbound", "join-named-route"}) {
    Change change;
    change.id = std::string(kind) + ":x";
    change.kind = kind;
    change.params = base;
    const size_t calls = vendor_.calls().size();
    auto out = adapter->Apply(change, ctx_);
    ASSERT_FALSE(out.ok()) << kind;
    EXPECT_NE(out.status().message().find("no object id"), std::string::npos)
        << kind << ": " << out.status().message();
    EXPECT_EQ(vendor_.calls().size(), calls) << kind;
  }
}

// The table of kinds (ess_apply.cc) has one row for each enumerator: a
// name of its own that parses back, and an applier (a kind without one
// would be refused as unknown, like a name from another renumber).
TEST_F(EssAdapterTest, EveryKindHasItsOwnNameAndAnApplier) {
  SeedTypical();
  auto adapter = NewAdapter();
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(ess::ChangeKind::kLeaveNamedRoute);
       ++i) {
    const ess::ChangeKind kind = static_cast<ess::ChangeKind>(i);
    const std::string name = ess::ChangeKinds().Name(kind);
    ASSERT_FALSE(name.empty()) << "kind " << i;
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(ess::ChangeKinds().Parse(name), kind) << name;
    Change change;
    change.id = name + ":x";
    change.kind = name;
    change.params = {{"domain", ""}, {"address", kNew}, {"port", 25}};
    auto out = adapter->Apply(change, ctx_);
    EXPECT_NE(
        out.status().ToString(),
        UnknownKind(ctx_.target.account.ToString(), "ESS", name).ToString());
  }
  EXPECT_EQ(names.size(), 14u);
}

TEST_F(EssAdapterTest, DomainsArePagedAndOnlyCustomOnesRead) {
  vendor_.AddRoute("", "192.0.2.1", 25, "primary");
  for (int i = 0; i < 230; ++i)
    vendor_.SetDomain("d" + std::to_string(i) + ".jp",
                      i == 217 ? "custom" : "default");
  vendor_.AddRoute("d217.jp", kOld, 25, "primary");
  auto d = NewAdapter()->Discover(ctx_.target);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->state, AccountState::kNotStarted);
  int domain_pages = 0, custom_reads = 0;
  for (const std::string& c : vendor_.calls()) {
    domain_pages += c.rfind("GET /v1/domains?", 0) == 0;
    custom_reads += c.find("/inbound-routes") != std::string::npos &&
                    c.rfind("GET /v1/domains/", 0) == 0;
  }
  EXPECT_EQ(domain_pages, 3);
  EXPECT_EQ(custom_reads, 1);
  // Every name listed is the account's domains (for preflight), in
  // listing order, with no request more; Verify gives the same.
  ASSERT_EQ(d->domains.size(), 230u);
  EXPECT_EQ(d->domains.front(), "d0.jp");
  EXPECT_EQ(d->domains[217], "d217.jp");
  auto v = NewAdapter()->Verify(ctx_.target, false);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->domains, d->domains);
}

TEST_F(EssAdapterTest, NeverDeletesAnOldRouteWhoseTwinIsNotReady) {
  SeedTypical();
  auto adapter = NewAdapter();
  ASSERT_TRUE(RunPhase(adapter.get(), Phase::kPrepare, ctx_).ok());
  auto d = adapter->Discover(ctx_.target);
  ASSERT_TRUE(d.ok());
  auto plan = adapter->PlanPhase(Phase::kCutover, *d, ctx_);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->changes[1].kind, "delete-route");
  // Skip the promotion: the delete must refuse (twin still failover).
  int writes = vendor_.writes();
  auto out = adapter->Apply(plan->changes[1], ctx_);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Code::kPreconditionFailed);
  EXPECT_NE(
      out.status().message().find("C-10001/ess: POST /v1/inbound-routes/"),
      std::string::npos);
  EXPECT_NE(out.status().message().find("is not primary yet"),
            std::string::npos);
  EXPECT_EQ(vendor_.writes(), writes);
  // a.example.jp's old failover: its twin has never been checked.
  ASSERT_EQ(plan->changes[3].kind, "delete-route");
  out = adapter->Apply(plan->changes[3], ctx_);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("not verified"), std::string::npos);
  EXPECT_EQ(vendor_.Routes("").size(), 3u);
  EXPECT_EQ(vendor_.Routes("a.example.jp").size(), 3u);
  EXPECT_EQ(vendor_.writes(), writes);
}

TEST_F(EssAdapterTest, FailedCheckStopsTheCollectionWithNothingRemoved) {
  SeedTypical();
  ASSERT_TRUE(RunPhase(NewAdapter().get(), Phase::kPrepare, ctx_).ok());
  vendor_.SetCheckResult(kNew, "FAIL");
  auto cut = RunPhase(NewAdapter().get(), Phase::kCutover, ctx_);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), Code::kPreconditionFailed);
  EXPECT_NE(cut.status().message().find("gave FAIL"), std::string::npos)
      << cut.status().message();
  EXPECT_NE(cut.status().message().find("nothing removed"), std::string::npos);
  EXPECT_EQ(vendor_.deletions().size(), 0u);
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
}

TEST_F(EssAdapterTest, OldOutboundIsKeptWhileTheNewIsNotCovered) {
  SeedTypical();
  auto adapter = NewAdapter();
  // Prepare only the routes: drop the outbound change from the plan.
  auto d = adapter->Discover(ctx_.target);
  auto plan = adapter->PlanPhase(Phase::kPrepare, *d, ctx_);
  ASSERT_TRUE(plan.ok());
  for (const Change& c : plan->changes)
    if (c.kind == "add-route") {
      ASSERT_TRUE(adapter->Apply(c, ctx_).ok());
    }
  auto cut = RunPhase(NewAdapter().get(), Phase::kCutover, ctx_);
  ASSERT_TRUE(cut.ok()) << cut.status().ToString();
  EXPECT_FALSE(cut->plan.notes.empty());
  EXPECT_EQ(vendor_.Outbound().size(), 2u);
  EXPECT_EQ(vendor_.Outbound()[0]["address"], kOld);
  EXPECT_EQ(StateNow(), AccountState::kPartial);
}

TEST_F(EssAdapterTest, VerifyChecksNewRoutesAndGatesOnThem) {
  SeedTypical();
  auto adapter = NewAdapter();
  auto v = adapter->Verify(ctx_.target, false);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->new_side_verified);  // nothing prepared
  ASSERT_TRUE(RunPhase(adapter.get(), Phase::kPrepare, ctx_).ok());
  v = adapter->Verify(ctx_.target, false);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state, AccountState::kPrepared);
  EXPECT_FALSE(v->new_side_verified);  // never checked
  // Per collection: the vendor check of the new route and its order.
  ASSERT_EQ(v->checks.size(), 4u);
  for (const Check& c : v->checks) {
    if (c.name.rfind("ess.order ", 0) == 0) {
      EXPECT_TRUE(c.ok) << c.name;
    }
  }
  int writes = vendor_.writes();
  v = adapter->Verify(ctx_.target, true);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->new_side_verified);
  EXPECT_EQ(vendor_.writes(), writes + 2);  // two checks, no config write
  EXPECT_EQ(vendor_.committed(), 4);
  std::string new_id;
  for (const FakeRoute& r : vendor_.Routes(""))
    if (r.address == kNew) new_id = r.id;
  EXPECT_EQ(v->checks[0].name, "ess.check " + new_id + " (198.19.0.1:25)");
  // Fresh PASS: no new check.
  v = adapter->Verify(ctx_.target, true);
  EXPECT_EQ(vendor_.writes(), writes + 2);
  // 25 h later the checks are re-run; a FAIL fails verification.
  clock_.Advance(std::chrono::hours(25));
  vendor_.SetCheckResult(kNew, "FAIL");
  v = adapter->Verify(ctx_.target, true);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->new_side_verified);
  EXPECT_FALSE(v->checks[0].ok);
}

TEST_F(EssAdapterTest, RollbackOfPrepareRestoresThePriorState) {
  SeedTypical();
  const json before = vendor_.Dump();
  auto prep = RunPhase(NewAdapter().get(), Phase::kPrepare, ctx_);
  ASSERT_TRUE(prep.ok());
  PhaseContext rb = ctx_;
  rb.history = prep->records;
  auto undo = RunPhase(NewAdapter().get(), Phase::kRollbackPrepare, rb);
  ASSERT_TRUE(undo.ok()) << undo.status().ToString();
  EXPECT_EQ(undo->writes, 3);
  EXPECT_EQ(vendor_.Dump(), before);  // order included
  for (const json& del : vendor_.deletions()) {
    EXPECT_EQ(del["reason"], "CustomerRequest");
    EXPECT_NE(del["note"].get<std::string>().find("rollback of prepare"),
              std::string::npos);
  }
  int writes = vendor_.writes();
  auto again = RunPhase(NewAdapter().get(), Phase::kRollbackPrepare, rb);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(vendor_.writes(), writes);
}

TEST_F(EssAdapterTest, RollbackOfPrepareKeepsWhatTheCustomerHadBefore) {
  SeedTypical();
  vendor_.AddOutbound(kNew, "already allowed by the customer");
  auto prep = RunPhase(NewAdapter().get(), Phase::kPrepare, ctx_);
  ASSERT_TRUE(prep.ok());
  EXPECT_EQ(prep->writes, 3);
  PhaseContext rb = ctx_;
  rb.history = prep->records;
  ASSERT_TRUE(RunPhase(NewAdapter().get(), Phase::kRollbackPrepare, rb).ok());
  EXPECT_EQ(vendor_.Outbound().size(), 3u);
}

TEST_F(EssAdapterTest, RollbackOfCutoverRestoresRolesPortsAndOutbound) {
  SeedTypical();
  ASSERT_TRUE(RunPhase(NewAdapter().get(), Phase::kPrepare, ctx_).ok());
  const json prepared = StateDump();
  auto cut = RunPhase(NewAdapter().get(), Phase::kCutover, ctx_);
  ASSERT_TRUE(cut.ok());
  PhaseContext rb = ctx_;
  rb.history = cut->records;
  auto undo = RunPhase(NewAdapter().get(), Phase::kRollbackCutover, rb);
  ASSERT_TRUE(undo.ok()) << undo.status().ToString();
  // default: restore + demote; a.example.jp: restore + move (back before
  // the new route); outbound: restore.
  EXPECT_EQ(undo->writes, 5);
  EXPECT_EQ(StateDump(), prepared);  // routes' order included
  EXPECT_EQ(StateNow(), AccountState::kPrepared);
  ExpectSane();
  int writes = vendor_.writes();
  ASSERT_TRUE(RunPhase(NewAdapter().get(), Phase::kRollbackCutover, rb).ok());
  EXPECT_EQ(vendor_.writes(), writes);
  // And the account can be cut over again.
  ASSERT_TRUE(RunPhase(NewAdapter().get(), Phase::kCutover, ctx_).ok());
  EXPECT_EQ(StateNow(), AccountState::kCutOver);
}

TEST_F(EssAdapterTest, NothingSecretInPlansOrErrors) {
  SeedTypical();
  auto adapter = NewAdapter();
  auto d = adapter->Discover(ctx_.target);
  auto plan = adapter->PlanPhase(Phase::kPrepare, *d, ctx_);
  ASSERT_TRUE(plan.ok());
  for (const Change& c : plan->changes)
    EXPECT_EQ(ChangeToJson(c).dump().find("pw-123456"), std::string::npos);
  Credentials wrong = creds_;
  wrong.secrets["password"] = Secret("wrong-password");
  auto bad = NewEssAdapter(wrong, deps_).value()->Discover(ctx_.target);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kUnauthorized);
  EXPECT_EQ(bad.status().message().find("wrong-password"), std::string::npos);
  EXPECT_EQ(bad.status().message().rfind("C-10001/ess: GET ", 0), 0u);
}

}  // namespace
}  // namespace ess_test
}  // namespace renumber
