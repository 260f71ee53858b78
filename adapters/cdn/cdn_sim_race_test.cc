// The rate limit and the customer working in the console at the same time
// as us: pacing from the rate-limit headers sends no 429 under a small
// window, per user (two accounts of one user share one budget); a storm of
// 429s is waited out; a version the customer activates is never discarded
// — before cut over it makes the staged switch stale and cut over builds it
// again on the customer's version; just before our activation, the switch
// is built again on it and activated, and built on it once more if that
// switch is refused; a version of theirs at the new IP (a copy of our
// switch, activated while ours is live) is never a base: the cut over
// stops for the operator, and a rollback with no version to return to
// refuses.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "adapters/cdn/cdn_marker.h"
#include "adapters/cdn/cdn_sim_fixture.h"
#include "adapters/cdn/simulator/seed.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

// The simulator's clock: real time, moved forward on demand to the start
// of the simulator's next rate window (Jump), so a test begins a fresh
// window by setting the clock instead of sleeping into it. Only forward:
// the adapter's pacing (on the real clock) then waits a little longer for
// a reset than it needs, never too short. Thread-safe.
class WindowClock : public Clock {
 public:
  Timestamp Now() override {
    return Timestamp::FromUnixMicros(RealClock()->Now().unix_micros() +
                                     shift_us_.load());
  }
  std::chrono::steady_clock::time_point Steady() override {
    return RealClock()->Steady();
  }
  void SleepFor(std::chrono::microseconds d) override {
    RealClock()->SleepFor(d);
  }
  // Moves the clock forward so that it now reads `offset` into the next
  // epoch-aligned window of `window_s` (rate_limit.h).
  void Jump(int window_s, std::chrono::milliseconds offset) {
    const int64_t w = int64_t{window_s} * 1000000;
    const int64_t now = Now().unix_micros();
    const int64_t target = (now / w + 1) * w + offset.count() * 1000;
    shift_us_ += target - now;
  }

 private:
  std::atomic<int64_t> shift_us_{0};
};

class CdnRaceTest : public CdnSimTest {
 protected:
  CdnRaceTest() { sim_clock_ = &window_clock_; }
  // The simulator is now `offset` into a fresh window of `window_s`.
  void AlignToWindow(int window_s, std::chrono::milliseconds offset) {
    window_clock_.Jump(window_s, offset);
  }
  WindowClock window_clock_;
  void CustomerChange(const SimCustomer& c) {
    auto r = client_->Send(
        "POST", "/_sim/customer-change", json{{"account", c.id}}.dump(),
        {BasicAuthHeader("sim-admin", host_->admin_token())});
    ASSERT_TRUE(r.ok() && r->status / 100 == 2);
  }
  json Outcome(const PhaseRun& run, const std::string& kind) {
    for (const auto& r : run.records)
      if (r["change"]["kind"] == kind) return r["outcome"];
    return nullptr;
  }
  // The active version's origin_1 of the customer's first service.
  json Origin(const SimCustomer& c) {
    return ActiveState(c).begin().value()["backends"]["origin_1"];
  }
  // The customer's edit beyond the backends that makes a version fail
  // validation: a director naming a backend that does not exist.
  static void AddInvalidDirector(json* version) {
    (*version)["directors"].push_back({{"name", "customer_pool"},
                                       {"type", 1},
                                       {"quorum", 75},
                                       {"retries", 5},
                                       {"backends", json::array({"ghost"})}});
  }
  // The versions the simulator's customer change made (in order) and the
  // live version, from the version list of service `sid`.
  struct CustomerVersions {
    std::vector<int> numbers;
    json live;
  };
  CustomerVersions TheirVersions(const SimCustomer& c, const std::string& sid) {
    CustomerVersions out;
    for (const json& v : Versions(c, sid)) {
      if (v.value("comment", "") == "Changed by the customer in the console")
        out.numbers.push_back(v["number"]);
      if (v["active"] == true) out.live = v;
    }
    std::sort(out.numbers.begin(), out.numbers.end());
    return out;
  }
  // How many versions of `sid` are tagged as our switch built on `base`.
  int StagedOn(const SimCustomer& c, const std::string& sid, int base) {
    int n = 0;
    for (const json& v : Versions(c, sid)) {
      auto m = ParseMark(v.value("comment", ""));
      n += m && m->base == base;
    }
    return n;
  }
  // The new origin answers like the old one, and prepare stages the switch.
  void PrepareSynced(const SimCustomer& c, const Target& t) {
    SetOrigins(c, Origins::kSynced);
    ASSERT_TRUE(
        RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare).status.ok());
  }
  // Cut over with the simulator's customer_change fault set to `fault`.
  PhaseRun CutoverWithCustomerChanges(const SimCustomer& c, const Target& t,
                                      const json& fault) {
    SetFaults({{"customer_change", fault}});
    PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
    SetFaults(json::object());
    return cut;
  }
  int StagedCount(const SimCustomer& c) {
    int n = 0;
    for (const json& v : Versions(c, ServiceIds(c)[0])) {
      auto m = ParseMark(v.value("comment", ""));
      n += m && m->kind == MarkKind::kStaged && v["locked"] == false;
    }
    return n;
  }
};

TEST_F(CdnRaceTest, PacingUnderASmallWindowSendsNo429) {
  SetRateLimit(2, 2);
  const SimCustomer& c = Customer(1);  // 5 + 1 writes
  const Target t = TargetFor(c);
  SetOrigins(c, Origins::kSynced);
  ResetCounters();
  const auto start = std::chrono::steady_clock::now();
  auto a = NewAdapterFor(c);
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kPrepare).status.ok());
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kCutover).status.ok());
  const auto took = std::chrono::steady_clock::now() - start;
  const json counters = Counters();
  EXPECT_EQ(counters["rate_limited"], 0);
  EXPECT_EQ(counters["writes"], 6);
  // 6 writes at 2 per 2 s span at least 3 windows.
  EXPECT_GE(took, std::chrono::seconds(2));
  // The user is asked once per adapter, not per write.
  EXPECT_EQ(counters["by_endpoint"].value("GET /tokens/self", 0), 1);
}

// With the simulator's default budget (1,000 writes an hour) a prepare and
// a cut over leave far more than the adapter's threshold: no GET
// /tokens/self (issue 15: a read per account and run that the minimum does
// not have). The small window above asks once.
TEST_F(CdnRaceTest, APlentifulBudgetIsNotSharedAndTheUserIsNotAsked) {
  const SimCustomer& c = Customer(1);
  const Target t = TargetFor(c);
  SetOrigins(c, Origins::kSynced);
  ResetCounters();
  auto a = NewAdapterFor(c);
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kPrepare).status.ok());
  ASSERT_TRUE(RunPhase(a.get(), t, Phase::kCutover).status.ok());
  const json counters = Counters();
  EXPECT_EQ(counters["writes"], 6);
  EXPECT_EQ(counters["rate_limited"], 0);
  EXPECT_EQ(counters["by_endpoint"].value("GET /tokens/self", 0), 0);
}

TEST_F(CdnRaceTest, TwoAccountsOfOneUserArePacedFromOneBudget) {
  const SimCustomer& a = Customer(1);
  const SimCustomer& b = Customer(3);
  // An agency: b's token belongs to a's user.
  json state = host_->api()->SaveState();
  std::string user;
  for (const json& acc : state["accounts"])
    if (acc["id"] == a.id) user = acc["tokens"][0]["user_id"];
  for (json& acc : state["accounts"])
    if (acc["id"] == b.id) acc["tokens"][0]["user_id"] = user;
  RestoreState(state);
  SetRateLimit(3, 2);
  ResetCounters();
  std::vector<std::thread> runs;
  Status sa, sb;
  auto adapter_a = NewAdapterFor(a);
  auto adapter_b = NewAdapterFor(b);
  runs.emplace_back([&] {
    sa = RunPhase(adapter_a.get(), TargetFor(a), Phase::kPrepare).status;
  });
  runs.emplace_back([&] {
    sb = RunPhase(adapter_b.get(), TargetFor(b), Phase::kPrepare).status;
  });
  for (auto& r : runs) r.join();
  ASSERT_TRUE(sa.ok()) << sa.ToString();
  ASSERT_TRUE(sb.ok()) << sb.ToString();
  const json counters = Counters();
  EXPECT_EQ(counters["writes"], 5 + 4);
  // With a budget per token each would spend the user's 3 writes a window
  // as its own: 429s. One budget per user: none.
  EXPECT_EQ(counters["rate_limited"], 0);
}

TEST_F(CdnRaceTest, AStormOf429sIsWaitedOut) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  SetRateLimit(4, 4);
  // The user's read-only token (a monitoring job) spends the whole window
  // just before us: the budget is per user.
  AlignToWindow(4, std::chrono::milliseconds(100));
  const std::string ro =
      cdnsim::ReadOnlyTokenFor(c.Credential("cdn", "api_token"));
  int refused = 0;
  for (int i = 0; i < 6 && refused == 0; ++i) {
    auto r = client_->Send("PUT", "/service/none/version/1/activate", "",
                           {{"Fastly-Key", ro}});
    ASSERT_TRUE(r.ok());
    refused += r->status == 429;
  }
  ASSERT_EQ(refused, 1);
  ResetCounters();
  PhaseRun prep = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
  const json counters = Counters();
  EXPECT_GE(counters["rate_limited"], 1);
  EXPECT_EQ(counters["committed_writes"], 3);
}

TEST_F(CdnRaceTest, TheCustomersActivationAfterPrepareIsKeptByCutover) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  ASSERT_NO_FATAL_FAILURE(PrepareSynced(c, t));
  CustomerChange(c);  // activates a version of their own
  auto d = NewAdapterFor(c)->Discover(t);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->state, AccountState::kPreparedStale);
  ResetCounters();
  PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
  ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
  // clone + label + supersede the stale switch + 1 address + activate
  EXPECT_EQ(Counters()["committed_writes"], 5);
  const json origin = Origin(c);
  EXPECT_EQ(origin["address"], c.new_ip);
  EXPECT_EQ(origin["comment"], "edited in the console");  // theirs, kept
  EXPECT_EQ(StagedCount(c), 0);  // the stale one is marked superseded
  auto after = NewAdapterFor(c)->Discover(t);
  EXPECT_EQ(after->state, AccountState::kCutOver);
}

TEST_F(CdnRaceTest, TheCustomersActivationJustBeforeOursIsKept) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  ASSERT_NO_FATAL_FAILURE(PrepareSynced(c, t));
  SetFaults({{"customer_change", {{"next", 1}, {"match", "/activate"}}}});
  PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
  ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
  SetFaults(json::object());
  const json out = Outcome(cut, "activate-staged");
  ASSERT_TRUE(out.is_object());
  EXPECT_TRUE(out.contains("built_on_customer_version")) << out.dump();
  const json origin = Origin(c);
  EXPECT_EQ(origin["address"], c.new_ip);
  EXPECT_EQ(origin["comment"], "edited in the console");
  // Rolling back returns to the customer's version, not to ours.
  PhaseRun undo =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackCutover, cut.records);
  ASSERT_TRUE(undo.status.ok()) << undo.status.ToString();
  EXPECT_EQ(Origin(c)["address"], c.old_ip);
  EXPECT_EQ(Origin(c)["comment"], "edited in the console");
}

// The customer's edit of the staged switch itself, beyond its backends
// (a director naming a backend that does not exist): the activation's
// check of the backends passes, the vendor refuses to activate a version
// that does not validate, and the switch is built again on the active
// version and activated; the edited one is marked superseded.
TEST_F(CdnRaceTest, AnInvalidEditOfTheSwitchIsRefusedAndTheSwitchBuiltAgain) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  ASSERT_NO_FATAL_FAILURE(PrepareSynced(c, t));
  const std::string sid = ServiceIds(c)[0];
  json state = host_->api()->SaveState();
  int edited = 0;
  for (json& s : state["services"]) {
    if (s["id"] != sid) continue;
    json& staged = s["versions"].back();
    ASSERT_FALSE(staged.value("locked", false));
    edited = staged["number"];
    AddInvalidDirector(&staged);
  }
  ASSERT_GT(edited, 0);
  RestoreState(state);
  const HttpResponse check = Vendor(
      c, "GET",
      "/service/" + sid + "/version/" + std::to_string(edited) + "/validate");
  ASSERT_NE(check.body.find("error"), std::string::npos) << check.body;

  ResetCounters();
  PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
  ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
  const json out = Outcome(cut, "activate-staged");
  ASSERT_TRUE(out.is_object());
  ASSERT_EQ(out["rebuilt"].size(), 1u) << out.dump();
  EXPECT_EQ(out["activated"], out["rebuilt"][0]);
  EXPECT_EQ(out["superseded"], json::array({edited})) << out.dump();
  const json by_endpoint = Counters()["by_endpoint"];
  // Refused once (not valid), then the rebuilt switch activated.
  EXPECT_EQ(by_endpoint.value("PUT /service/{sid}/version/{v}/activate", 0), 2)
      << by_endpoint;
  EXPECT_EQ(Origin(c)["address"], c.new_ip);
  EXPECT_FALSE(
      ActiveState(c).begin().value()["directors"].contains("customer_pool"));
  auto after = NewAdapterFor(c)->Discover(t);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->state, AccountState::kCutOver);
}

// Both races in one cut over: the customer activates a version just
// before ours (the switch is built again on theirs), then edits that
// rebuilt switch so that it does not validate. The vendor refuses it, and
// the third switch is built on the customer's version again, not on our
// own first switch that is live meanwhile: their change is kept.
TEST_F(CdnRaceTest, ARefusedSwitchBuiltOnTheCustomersVersionIsBuiltOnItAgain) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  ASSERT_NO_FATAL_FAILURE(PrepareSynced(c, t));
  const std::string sid = ServiceIds(c)[0];
  // The versions we asked to activate, in order (a re-sent request, after
  // a lost answer or a 429, counts once).
  std::vector<int> activated;
  int edited = 0;
  before_send_ = [&](const HttpRequest& r) {
    const std::string tail = "/activate";
    if (r.method != "PUT" || r.url.size() < tail.size() ||
        r.url.compare(r.url.size() - tail.size(), tail.size(), tail) != 0)
      return;
    const std::string path = r.url.substr(0, r.url.size() - tail.size());
    const int v = std::stoi(path.substr(path.rfind('/') + 1));
    if (std::find(activated.begin(), activated.end(), v) != activated.end())
      return;
    activated.push_back(v);
    if (activated.size() != 2) return;
    // The switch built on the customer's version, edited as it is sent.
    edited = v;
    json state = host_->api()->SaveState();
    for (json& s : state["services"])
      for (json& version : s["versions"])
        if (s["id"] == sid && version["number"] == edited)
          AddInvalidDirector(&version);
    // (LoadState also starts a fresh rate window: harmless here.)
    if (!host_->api()->LoadState(state).ok()) ADD_FAILURE() << "LoadState";
  };
  SetFaults({{"customer_change", {{"next", 1}, {"match", "/activate"}}}});
  PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
  before_send_ = nullptr;
  SetFaults(json::object());
  ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
  // Ours, the refused rebuilt one, the third.
  ASSERT_EQ(activated.size(), 3u);
  const json out = Outcome(cut, "activate-staged");
  ASSERT_TRUE(out.is_object());
  ASSERT_EQ(out["rebuilt"].size(), 2u) << out.dump();
  EXPECT_EQ(out["rebuilt"][0], edited);
  EXPECT_EQ(out["activated"], out["rebuilt"][1]);
  EXPECT_NE(std::find(out["superseded"].begin(), out["superseded"].end(),
                      json(edited)),
            out["superseded"].end())
      << out.dump();
  const int theirs = out["built_on_customer_version"];
  EXPECT_EQ(out["previous_active"], theirs);
  const json origin = Origin(c);
  EXPECT_EQ(origin["address"], c.new_ip);
  EXPECT_EQ(origin["comment"], "edited in the console");  // theirs, kept
  EXPECT_FALSE(
      ActiveState(c).begin().value()["directors"].contains("customer_pool"));
  auto after = NewAdapterFor(c)->Discover(t);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->state, AccountState::kCutOver);
  // Rolling back returns to the customer's version.
  PhaseRun undo =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackCutover, cut.records);
  ASSERT_TRUE(undo.status.ok()) << undo.status.ToString();
  EXPECT_EQ(Origin(c)["address"], c.old_ip);
  EXPECT_EQ(Origin(c)["comment"], "edited in the console");
}

// The customer activates a version just before ours and again just before
// the switch built on theirs: that second version is a copy of our live
// switch (at the new IP already), so it is no version to build on or to
// roll back to. The cut over stops with kConflict for the operator; the
// switch built on their first version is live, a re-run has nothing to do
// and a rollback returns to their first version (found by the live
// switch's tag).
TEST_F(CdnRaceTest, AVersionActivatedWhileOurSwitchIsLiveStopsForTheOperator) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  ASSERT_NO_FATAL_FAILURE(PrepareSynced(c, t));
  const std::string sid = ServiceIds(c)[0];
  PhaseRun cut = CutoverWithCustomerChanges(
      c, t, json{{"next", 2}, {"match", "/activate"}});
  ASSERT_FALSE(cut.status.ok());
  EXPECT_EQ(cut.status.code(), Code::kConflict);
  const CustomerVersions theirs = TheirVersions(c, sid);
  ASSERT_EQ(theirs.numbers.size(), 2u);
  const int first = theirs.numbers[0], second = theirs.numbers[1];
  // Live: the switch built on their first version, at the new IP, with
  // their edit; not their second version.
  const json live = theirs.live;
  ASSERT_TRUE(live.is_object());
  EXPECT_NE(live["number"], second);
  auto mark = ParseMark(live.value("comment", ""));
  ASSERT_TRUE(mark.has_value()) << live.dump();
  EXPECT_EQ(mark->kind, MarkKind::kStaged);
  EXPECT_EQ(mark->base, first);
  EXPECT_EQ(Origin(c)["address"], c.new_ip);
  EXPECT_EQ(Origin(c)["comment"], "edited in the console");
  EXPECT_NE(cut.status.message().find(
                "version " + std::to_string(second) +
                ", activated by someone else since the switch was staged, "
                "has no backend at the old IP"),
            std::string::npos)
      << cut.status.message();
  EXPECT_NE(cut.status.message().find("version " + live["number"].dump() +
                                      " is live"),
            std::string::npos)
      << cut.status.message();
  // No switch was built on their second version.
  EXPECT_EQ(StagedOn(c, sid, second), 0);
  auto after = NewAdapterFor(c)->Discover(t);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->state, AccountState::kCutOver);
  PhaseRun again =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover, cut.records);
  ASSERT_TRUE(again.status.ok()) << again.status.ToString();
  EXPECT_TRUE(again.plan.changes.empty());
  EXPECT_EQ(again.writes, 0);
  PhaseRun undo =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackCutover, cut.records);
  ASSERT_TRUE(undo.status.ok()) << undo.status.ToString();
  EXPECT_EQ(ActiveState(c).begin().value()["active"], first);
  EXPECT_EQ(Origin(c)["address"], c.old_ip);
  EXPECT_EQ(Origin(c)["comment"], "edited in the console");
}

// The same two activations, the second one while we build the switch on
// their first version: their second version (a copy of our live switch)
// is found live, and the cut over stops with kConflict, leaving it live.
// A rollback has no version to return to (neither the journal nor the live
// version's comment names one) and refuses, even with --force.
TEST_F(CdnRaceTest, TheirCopyOfOurSwitchFoundLiveIsNoBaseAndNoRollbackTarget) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  ASSERT_NO_FATAL_FAILURE(PrepareSynced(c, t));
  const std::string sid = ServiceIds(c)[0];
  // Before our activation, and before the clone of the rebuild.
  PhaseRun cut = CutoverWithCustomerChanges(c, t, json{{"next", 2}});
  ASSERT_FALSE(cut.status.ok());
  EXPECT_EQ(cut.status.code(), Code::kConflict);
  const CustomerVersions theirs = TheirVersions(c, sid);
  ASSERT_EQ(theirs.numbers.size(), 2u);
  const int second = theirs.numbers[1];
  EXPECT_EQ(theirs.live["number"], second);  // left as it is
  EXPECT_EQ(Origin(c)["address"], c.new_ip);
  EXPECT_NE(cut.status.message().find("version " + std::to_string(second) +
                                      ", activated by someone else"),
            std::string::npos)
      << cut.status.message();
  EXPECT_EQ(StagedOn(c, sid, second), 0);
  for (bool force : {false, true}) {
    SCOPED_TRACE(force ? "--force" : "no --force");
    ResetCounters();
    PhaseRun undo = RunPhase(NewAdapterFor(c).get(), t, Phase::kRollbackCutover,
                             cut.records, force);
    EXPECT_EQ(undo.status.code(), Code::kPreconditionFailed)
        << undo.status.ToString();
    EXPECT_NE(undo.status.message().find("--force cannot help"),
              std::string::npos)
        << undo.status.message();
    EXPECT_EQ(Counters()["committed_writes"], 0);
  }
  EXPECT_EQ(Origin(c)["address"], c.new_ip);
}

// The customer activates a copy of our switch right after our activation,
// before we read the service back: the version found live and locked is
// theirs, at the new IP already. The switch is not built on it and the cut
// over stops with kConflict, their version left live.
TEST_F(CdnRaceTest, TheirCopyActivatedRightAfterOursIsNoBase) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  ASSERT_NO_FATAL_FAILURE(PrepareSynced(c, t));
  const std::string sid = ServiceIds(c)[0];
  bool activated = false, changed = false;
  before_send_ = [&](const HttpRequest& r) {
    const bool activate =
        r.method == "PUT" && r.url.find("/activate") != std::string::npos;
    activated = activated || activate;
    if (!activated || changed || activate || r.method != "GET") return;
    changed = true;  // the read after our activation: theirs first
    if (!host_->api()->CustomerChange(c.id).ok()) ADD_FAILURE() << "change";
  };
  PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
  before_send_ = nullptr;
  ASSERT_TRUE(changed);
  ASSERT_FALSE(cut.status.ok());
  EXPECT_EQ(cut.status.code(), Code::kConflict) << cut.status.ToString();
  const CustomerVersions theirs = TheirVersions(c, sid);
  ASSERT_EQ(theirs.numbers.size(), 1u);
  EXPECT_EQ(theirs.live["number"], theirs.numbers[0]);
  EXPECT_EQ(Origin(c)["address"], c.new_ip);
  EXPECT_NE(
      cut.status.message().find("version " + std::to_string(theirs.numbers[0]) +
                                ", activated by someone else"),
      std::string::npos)
      << cut.status.message();
  EXPECT_EQ(StagedOn(c, sid, theirs.numbers[0]), 0);
}

TEST_F(CdnRaceTest, TheCustomersActivationDuringPrepareAsksForARerun) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  SetFaults({{"customer_change", {{"next", 1}, {"match", "/backend/"}}}});
  PhaseRun prep = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  SetFaults(json::object());
  ASSERT_FALSE(prep.status.ok());
  EXPECT_EQ(prep.status.code(), Code::kConflict);
  EXPECT_NE(prep.status.message().find("run prepare again"), std::string::npos)
      << prep.status.message();
  PhaseRun again =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare, prep.records);
  ASSERT_TRUE(again.status.ok()) << again.status.ToString();
  auto d = NewAdapterFor(c)->Discover(t);
  EXPECT_EQ(d->state, AccountState::kPrepared);
  EXPECT_EQ(StagedCount(c), 1);
}

}  // namespace
}  // namespace renumber::cdn
