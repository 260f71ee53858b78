// Every seeded account shape over real HTTP against the CDN simulator:
// prepare, verify, cut over; the vendor ends in exactly the intended state,
// the writes the simulator counted are the documented ones, and running a
// phase again makes zero writes.
#include <gtest/gtest.h>

#include "adapters/cdn/cdn_sim_expect.h"
#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

int SimWrites(const nlohmann::json& counters) {
  return counters.value("writes", -1);
}

class CdnFlowTest : public CdnSimTest {};

TEST_F(CdnFlowTest, EveryShapePreparesCutsOverAndRerunsWithZeroWrites) {
  for (const SimCustomer* c : CdnCustomers()) {
    SCOPED_TRACE(c->id + " shape " + std::to_string(ShapeOf(*c)) + " " +
                 c->old_ip);
    const Target t = TargetFor(*c);
    const nlohmann::json before = ActiveState(*c);
    const PhaseWrites expected = ExpectedWrites(before, t);
    auto adapter = NewAdapterFor(*c);
    ASSERT_NE(adapter, nullptr);
    auto d0 = adapter->Discover(t);
    ASSERT_TRUE(d0.ok()) << d0.status().ToString();
    EXPECT_EQ(d0->state, AccountState::kNotStarted);

    ResetCounters();
    PhaseRun prep = RunPhase(adapter.get(), t, Phase::kPrepare);
    ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
    nlohmann::json counters = Counters();
    EXPECT_EQ(SimWrites(counters), expected.prepare);
    EXPECT_EQ(counters["committed_writes"], expected.prepare);
    EXPECT_EQ(prep.writes, expected.prepare);
    const nlohmann::json prepared = ActiveState(*c);
    ExpectPrepared(before, prepared, t);
    auto d1 = adapter->Discover(t);
    ASSERT_TRUE(d1.ok());
    EXPECT_EQ(d1->state, AccountState::kPrepared);
    auto v = adapter->Verify(t, true);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_TRUE(v->new_side_verified);

    // The same phase again, by a fresh adapter: an empty plan, no writes.
    ResetCounters();
    auto again = NewAdapterFor(*c);
    PhaseRun prep2 = RunPhase(again.get(), t, Phase::kPrepare);
    ASSERT_TRUE(prep2.status.ok());
    EXPECT_TRUE(prep2.plan.changes.empty());
    EXPECT_EQ(SimWrites(Counters()), 0);

    ResetCounters();
    PhaseRun cut = RunPhase(adapter.get(), t, Phase::kCutover);
    ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
    EXPECT_EQ(SimWrites(Counters()), expected.cutover);
    EXPECT_EQ(cut.writes, expected.cutover);
    ExpectCutOver(before, ActiveState(*c), t);
    auto d2 = adapter->Discover(t);
    ASSERT_TRUE(d2.ok());
    EXPECT_EQ(d2->state, AccountState::kCutOver);
    auto v2 = adapter->Verify(t, true);
    ASSERT_TRUE(v2.ok());
    EXPECT_TRUE(v2->new_side_verified);

    ResetCounters();
    PhaseRun cut2 = RunPhase(NewAdapterFor(*c).get(), t, Phase::kCutover);
    ASSERT_TRUE(cut2.status.ok());
    EXPECT_TRUE(cut2.plan.changes.empty());
    PhaseRun prep3 = RunPhase(NewAdapterFor(*c).get(), t, Phase::kPrepare);
    ASSERT_TRUE(prep3.status.ok());
    EXPECT_TRUE(prep3.plan.changes.empty());
    EXPECT_EQ(SimWrites(Counters()), 0);
    RecordProperty(c->id + "_writes", std::to_string(expected.prepare) + "/" +
                                          std::to_string(expected.cutover));
  }
}

TEST_F(CdnFlowTest, DiscoveryReportsDnsWorkDraftsAndBothIps) {
  const SimCustomer& c2 = Customer(2);
  auto a2 = NewAdapterFor(c2);
  auto d2 = a2->Discover(TargetFor(c2));
  ASSERT_TRUE(d2.ok()) << d2.status().ToString();
  int old_refs = 0, dns = 0;
  for (const Finding& f : d2->findings) {
    old_refs += f.kind == Finding::Kind::kOldReference;
    if (f.kind == Finding::Kind::kDnsDependent) {
      ++dns;
      EXPECT_NE(f.object.find("backend legacy"), std::string::npos);
      EXPECT_NE(f.text.ja.find("DNS"), std::string::npos);
    }
  }
  EXPECT_EQ(old_refs, 2);
  EXPECT_EQ(dns, 1);

  // Shape 3: the customer's unactivated draft v3 is reported and left
  // alone; we clone the active v2, so the draft is still unlocked after.
  const SimCustomer& c3 = Customer(3);
  const Target t3 = TargetFor(c3);
  auto a3 = NewAdapterFor(c3);
  auto d3 = a3->Discover(t3);
  ASSERT_TRUE(d3.ok());
  std::string draft_sid;
  for (const Finding& f : d3->findings)
    if (f.kind == Finding::Kind::kNote &&
        f.text.en.find("unactivated draft version 3") != std::string::npos)
      draft_sid = f.object.substr(0, f.object.find('/'));
  ASSERT_FALSE(draft_sid.empty());
  const nlohmann::json v3_before = BodyJson(
      Vendor(c3, "GET", "/service/" + draft_sid + "/version/3/backend"));
  PhaseRun prep = RunPhase(a3.get(), t3, Phase::kPrepare);
  ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
  EXPECT_EQ(prep.plan.changes.front().params["from_version"], 2);
  EXPECT_EQ(BodyJson(Vendor(c3, "GET",
                            "/service/" + draft_sid + "/version/3/backend")),
            v3_before);
  bool draft_unlocked = false;
  for (const auto& v : Versions(c3, draft_sid))
    if (v["number"] == 3) draft_unlocked = v["locked"] == false;
  EXPECT_TRUE(draft_unlocked);
}

TEST_F(CdnFlowTest, CutoverBeforePrepareIsOnlyProjected) {
  const SimCustomer& c = Customer(4);
  auto a = NewAdapterFor(c);
  ResetCounters();
  PhaseRun cut = RunPhase(a.get(), TargetFor(c), Phase::kCutover);
  EXPECT_TRUE(cut.plan.projected);
  EXPECT_FALSE(cut.plan.changes.empty());
  EXPECT_FALSE(cut.plan.notes.empty());
  EXPECT_EQ(SimWrites(Counters()), 0);
}

TEST_F(CdnFlowTest, ChangeDescriptionsAreOneLineInBothLanguages) {
  const SimCustomer& c = Customer(2);
  auto a = NewAdapterFor(c);
  const Target t = TargetFor(c);
  auto d = a->Discover(t);
  ASSERT_TRUE(d.ok());
  PhaseContext ctx;
  ctx.target = t;
  for (Phase p : {Phase::kPrepare, Phase::kCutover}) {
    auto plan = a->PlanPhase(p, *d, ctx);
    ASSERT_TRUE(plan.ok());
    for (const Change& ch : plan->changes) {
      EXPECT_FALSE(ch.description.en.empty()) << ch.id;
      EXPECT_FALSE(ch.description.ja.empty()) << ch.id;
      EXPECT_EQ(ch.description.en.find('\n'), std::string::npos);
      if (ch.kind == "add-backend" || ch.kind == "delete-backend") {
        EXPECT_NE(ch.description.ja.find("オリジンサーバー"),
                  std::string::npos);
      }
      EXPECT_EQ(ch.params.dump().find(c.cdn_token), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace renumber::cdn
