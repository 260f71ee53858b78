// Every seeded account shape over real HTTP against the CDN simulator:
// prepare stages one version per service and changes nothing live, verify
// reads it back, cut over is one activation per service; the writes the
// simulator counted are the documented ones (README "Writes per phase"),
// and running a phase again makes zero writes.
#include <gtest/gtest.h>

#include "adapters/cdn/cdn_sim_fixture.h"
#include "adapters/kind_names.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

int SimWrites(const json& counters) { return counters.value("writes", -1); }

class CdnFlowTest : public CdnSimTest {
 protected:
  // Prepare (the old origins still the site), and the verify record the
  // cut over's gate compares the new origins with.
  json PrepareAndRecord(const SimCustomer& c) {
    SetOrigins(c, Origins::kBefore);
    auto adapter = NewAdapterFor(c);
    PhaseRun prep = RunPhase(adapter.get(), TargetFor(c), Phase::kPrepare);
    EXPECT_TRUE(prep.status.ok()) << prep.status.ToString();
    auto v = adapter->Verify(TargetFor(c), true);
    EXPECT_TRUE(v.ok());
    return v.ok() ? v->record : json();
  }
};

// Each of a version's lists but the backends read `times` times.
void ExpectOtherListsRead(const json& by_endpoint, int times) {
  for (const char* part : {"domain", "director", "vcl", "snippet", "pool"})
    EXPECT_EQ(by_endpoint.value(
                  std::string("GET /service/{sid}/version/{v}/") + part, 0),
              times)
        << part << " " << by_endpoint;
}

// After one service's switch: its diff and backends, nothing else.
void ExpectReadBackFromTheDiff(const json& by_endpoint) {
  EXPECT_EQ(by_endpoint.value("GET /service/{sid}/diff/from/{from}/to/{to}", 0),
            1)
      << by_endpoint;
  EXPECT_EQ(by_endpoint.value("GET /service/{sid}/version/{v}/backend", 0), 1)
      << by_endpoint;
  ExpectOtherListsRead(by_endpoint, 0);
}

// Shapes whose old IP is also in a hidden origin: never cut-over.
bool HasHiddenOrigin(int shape) { return shape == 6 || shape == 7; }

TEST_F(CdnFlowTest, EveryShapePreparesCutsOverAndRerunsWithZeroWrites) {
  for (const SimCustomer* c : CdnCustomers()) {
    const int shape = ShapeOf(*c);
    SCOPED_TRACE(c->id + " shape " + std::to_string(shape) + " " + c->old_ip);
    const Target t = TargetFor(*c);
    SetOrigins(*c, Origins::kBefore);
    const size_t history_before = Activations().size();
    auto adapter = NewAdapterFor(*c);
    ASSERT_NE(adapter, nullptr);
    auto d0 = adapter->Discover(t);
    ASSERT_TRUE(d0.ok()) << d0.status().ToString();
    EXPECT_EQ(d0->state, AccountState::kNotStarted);

    // prepare = clone + comment + one update per old backend (+ a
    // validate GET), for the one VCL service at the old IP.
    const int expected_prepare = 2 + OldBackends(shape);
    ResetCounters();
    PhaseRun prep = RunPhase(adapter.get(), t, Phase::kPrepare);
    ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
    json counters = Counters();
    EXPECT_EQ(SimWrites(counters), expected_prepare);
    EXPECT_EQ(counters["committed_writes"], expected_prepare);
    EXPECT_EQ(prep.writes, expected_prepare);
    EXPECT_EQ(counters["by_endpoint"].value(
                  "GET /service/{sid}/version/{v}/validate", 0),
              1);
    // Nothing live changed: no activation at all.
    EXPECT_EQ(Activations().size(), history_before);
    auto d1 = adapter->Discover(t);
    ASSERT_TRUE(d1.ok());
    EXPECT_EQ(d1->state, AccountState::kPrepared);
    ASSERT_EQ(d1->appendix.size(), 1u);  // the staged version's diff
    EXPECT_NE(d1->appendix[0].en.find("+  address: " + c->new_ip),
              std::string::npos)
        << d1->appendix[0].en;
    auto v = adapter->Verify(t, true);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_TRUE(v->new_side_verified);  // before the maintenance
    ASSERT_TRUE(v->record.is_array());
    EXPECT_EQ(static_cast<int>(v->record.size()), OldBackends(shape));

    // The same phase again, by a fresh adapter: an empty plan, no writes.
    ResetCounters();
    auto again = NewAdapterFor(*c);
    PhaseRun prep2 = RunPhase(again.get(), t, Phase::kPrepare);
    ASSERT_TRUE(prep2.status.ok());
    EXPECT_TRUE(prep2.plan.changes.empty());
    EXPECT_EQ(SimWrites(Counters()), 0);

    // cut over = one activate (nothing changed meanwhile).
    SetOrigins(*c, Origins::kAfter);
    records_for_gate_ = json::array({v->record});
    ResetCounters();
    PhaseRun cut = RunPhase(adapter.get(), t, Phase::kCutover);
    ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
    EXPECT_TRUE(cut.plan.waiting.empty());
    EXPECT_EQ(SimWrites(Counters()), 1);
    EXPECT_EQ(cut.writes, 1);
    // The read back: the switch's backends and its diff from its base,
    // whose other lists this run read (cdn_switch_diff.h); no other list.
    ResetCounters();
    auto d2 = adapter->Discover(t);
    ASSERT_TRUE(d2.ok());
    EXPECT_EQ(d2->state, HasHiddenOrigin(shape) ? AccountState::kPartial
                                                : AccountState::kCutOver);
    ExpectReadBackFromTheDiff(Counters()["by_endpoint"]);
    // A new run keeps no base: it reads the lists, and no diff.
    ResetCounters();
    auto d3 = NewAdapterFor(*c)->Discover(t);
    ASSERT_TRUE(d3.ok());
    EXPECT_EQ(d3->state, d2->state);
    const json fresh = Counters()["by_endpoint"];
    EXPECT_EQ(fresh.value("GET /service/{sid}/diff/from/{from}/to/{to}", 0), 0);
    EXPECT_GE(fresh.value("GET /service/{sid}/version/{v}/snippet", 0), 1)
        << fresh;
    auto v2 = adapter->Verify(t, true);
    ASSERT_TRUE(v2.ok());
    // Every origin we moved answers; the hidden ones are the findings'.
    EXPECT_TRUE(v2->new_side_verified);

    ResetCounters();
    PhaseRun cut2 = RunPhase(NewAdapterFor(*c).get(), t, Phase::kCutover);
    ASSERT_TRUE(cut2.status.ok());
    EXPECT_TRUE(cut2.plan.changes.empty());
    PhaseRun prep3 = RunPhase(NewAdapterFor(*c).get(), t, Phase::kPrepare);
    ASSERT_TRUE(prep3.status.ok());
    EXPECT_TRUE(prep3.plan.changes.empty());
    EXPECT_EQ(SimWrites(Counters()), 0);
    records_for_gate_ = json::array();
    RecordProperty(c->id + "_writes", std::to_string(expected_prepare) + "/1");
  }
}

TEST_F(CdnFlowTest, PlanShowsHiddenOriginsAndTheComputeServiceIsUntouched) {
  const SimCustomer& c = Customer(7);
  const Target t = TargetFor(c);
  auto adapter = NewAdapterFor(c);
  auto d = adapter->Discover(t);
  ASSERT_TRUE(d.ok());
  int hidden = 0;
  for (const Finding& f : d->findings)
    if (f.kind == Finding::Kind::kHiddenOrigin) {
      ++hidden;
      EXPECT_NE(f.text.en.find("Compute service backend app_origin"),
                std::string::npos);
    }
  EXPECT_EQ(hidden, 1);
  PhaseRun prep = RunPhase(adapter.get(), t, Phase::kPrepare);
  ASSERT_TRUE(prep.status.ok());
  ASSERT_FALSE(prep.plan.notes.empty());
  const std::vector<std::string> ids = ServiceIds(c);
  ASSERT_EQ(ids.size(), 3u);
  for (const Change& ch : prep.plan.changes)
    EXPECT_EQ(ch.params["service_id"], ids[0]);  // the VCL service only
  EXPECT_EQ(Versions(c, ids[1]).size(), 3u);     // edge-app unchanged
  EXPECT_EQ(Versions(c, ids[2]).size(), 1u);     // edge-static unchanged
}

// A journal from another renumber (or edited by hand) may name a kind
// this adapter never writes: bad input, the same code as ESS gives
// (adapters/kind_names.h UnknownKind), and no request at all.
TEST_F(CdnFlowTest, AChangeOfAnUnknownKindIsBadInputAndTouchesNoService) {
  const SimCustomer& c = Customer(0);
  auto adapter = NewAdapterFor(c);
  Change change;
  change.id = "x";
  change.kind = "teleport-version";
  change.params = {{"service_id", ServiceIds(c).front()}};
  PhaseContext ctx;
  ctx.target = TargetFor(c);
  ResetCounters();
  auto out = adapter->Apply(change, ctx);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().ToString(),
            UnknownKind(ctx.target.account.ToString(), "CDN", change.kind)
                .ToString());
  const json counters = Counters();
  EXPECT_EQ(counters["writes"], 0);
  EXPECT_TRUE(counters["by_endpoint"].empty()) << counters["by_endpoint"];
}

TEST_F(CdnFlowTest, AHostNameBackendAtTheOldIpIsDnsWorkAndLeftAlone) {
  // Shape 1: backend "legacy" has the host name origin.<domain>, which the
  // resolver answers with the old IP: a DNS change, reported, never written.
  const SimCustomer& c = Customer(1);
  const Target t = TargetFor(c);
  auto adapter = NewAdapterFor(c);
  auto d = adapter->Discover(t);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  int dns = 0, old_refs = 0;
  for (const Finding& f : d->findings) {
    old_refs += f.kind == Finding::Kind::kOldReference;
    if (f.kind == Finding::Kind::kDnsDependent) {
      ++dns;
      EXPECT_NE(f.text.en.find("legacy"), std::string::npos) << f.text.en;
      EXPECT_NE(f.text.ja.find("DNS"), std::string::npos) << f.text.ja;
    }
  }
  EXPECT_EQ(dns, 1);
  EXPECT_EQ(old_refs, 3);  // origin_1..3
  SetOrigins(c, Origins::kSynced);
  ASSERT_TRUE(RunPhase(adapter.get(), t, Phase::kPrepare).status.ok());
  ASSERT_TRUE(RunPhase(adapter.get(), t, Phase::kCutover).status.ok());
  const json legacy = ActiveState(c).begin().value()["backends"]["legacy"];
  EXPECT_EQ(legacy["address"], "origin." + std::string("c10003.example.jp"));
  EXPECT_TRUE(legacy["ipv4"].is_null());
}

// A staged switch the customer changed after prepare in a place the
// activation's check does not look at (a snippet holding the old IP): the
// switch is activated, and the read back reads every list, because the diff
// shows more than moved addresses, so the hidden origin is found.
TEST_F(CdnFlowTest, ASwitchChangedBeyondItsAddressesIsReadBackInFull) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  const json record = PrepareAndRecord(c);
  ASSERT_TRUE(record.is_array());

  const std::string sid = ServiceIds(c).front();
  json state = host_->api()->SaveState();
  bool edited = false;
  for (json& s : state["services"]) {
    if (s["id"] != sid) continue;
    json& staged = s["versions"].back();
    ASSERT_FALSE(staged.value("locked", false));
    staged["snippets"].push_back(
        {{"name", "customer_edit"},
         {"type", "recv"},
         {"content", "set req.http.X-Origin = \"" + c.old_ip + "\";"},
         {"dynamic", 0},
         {"priority", 100}});
    edited = true;
  }
  ASSERT_TRUE(edited);
  RestoreState(state);

  SetOrigins(c, Origins::kAfter);
  records_for_gate_ = json::array({record});
  auto cutting = NewAdapterFor(c);
  PhaseRun cut = RunPhase(cutting.get(), t, Phase::kCutover);
  ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
  ResetCounters();
  auto d = cutting->Discover(t);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->state, AccountState::kPartial);
  int hidden = 0;
  for (const Finding& f : d->findings)
    hidden += f.kind == Finding::Kind::kHiddenOrigin;
  EXPECT_EQ(hidden, 1);
  const json by_endpoint = Counters()["by_endpoint"];
  EXPECT_EQ(by_endpoint.value("GET /service/{sid}/diff/from/{from}/to/{to}", 0),
            1);
  ExpectOtherListsRead(by_endpoint, 1);
  records_for_gate_ = json::array();
}

// The diff is a shortcut: one that cannot be read (a body that is never
// JSON) leaves the read back to read the lists, and it succeeds.
TEST_F(CdnFlowTest, AnUnreadableDiffLeavesTheListsToRead) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  const json record = PrepareAndRecord(c);
  ASSERT_TRUE(record.is_array());
  SetOrigins(c, Origins::kAfter);
  records_for_gate_ = json::array({record});
  auto cutting = NewAdapterFor(c);
  PhaseRun cut = RunPhase(cutting.get(), t, Phase::kCutover);
  ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
  records_for_gate_ = json::array();
  SetFaults({{"malformed", {{"rate", 1.0}, {"match", "/diff/"}}}});
  ResetCounters();
  auto d = cutting->Discover(t);
  SetFaults(json::object());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->state, AccountState::kCutOver);
  const json by_endpoint = Counters()["by_endpoint"];
  EXPECT_GE(by_endpoint.value("GET /service/{sid}/diff/from/{from}/to/{to}", 0),
            1);
  ExpectOtherListsRead(by_endpoint, 1);
}

}  // namespace
}  // namespace renumber::cdn
