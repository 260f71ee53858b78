// Faults injected by the simulator host while the adapter prepares and cuts
// over: answers lost after commit, 5xx, dropped connections, timeouts and
// malformed JSON. The vendor must end in exactly the intended state with no
// duplicate object and no draft left behind; what cannot be finished fails
// with an error naming the account and the call.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "adapters/cdn/cdn_sim_expect.h"
#include "adapters/cdn/cdn_sim_fixture.h"

namespace renumber::cdn {
namespace {

class CdnFaultTest : public CdnSimTest {
 protected:
  // Prepare under `prep_faults`, then cut over under `cut_faults`; checks
  // the end state and that no draft is left in any service. `exact`: the
  // committed writes of each phase. `settle`: how long a slow answer may
  // still hold its request (its record lands when it is answered).
  void RunBothPhases(const SimCustomer& c, const PhaseWrites* exact,
                     const nlohmann::json& prep_faults,
                     const nlohmann::json& cut_faults,
                     std::chrono::milliseconds settle = {}) {
    const Target t = TargetFor(c);
    const nlohmann::json before = ActiveState(c);
    std::map<std::string, std::set<int>> known;
    for (const auto& [sid, svc] : before.items())
      for (const auto& v : Versions(c, sid))
        known[sid].insert(v["number"].get<int>());
    ResetCounters();
    SetFaults(prep_faults);
    PhaseRun prep = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
    ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
    SetFaults(cut_faults);
    std::this_thread::sleep_for(settle);
    if (exact) {
      EXPECT_EQ(Counters()["committed_writes"], exact->prepare);
    }
    ResetCounters();
    PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
    ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
    SetFaults(nlohmann::json::object());
    std::this_thread::sleep_for(settle);
    if (exact) {
      EXPECT_EQ(Counters()["committed_writes"], exact->cutover);
    }
    ExpectCutOver(before, ActiveState(c), t);
    // Every version we created was activated: none left as a draft (or,
    // where the transport is known to re-send a clone, every one left is
    // reported in an outcome's left_behind).
    std::set<int> reported;
    for (const PhaseRun* run : {&prep, &cut})
      for (const auto& r : run->records)
        if (r["outcome"].is_object() && r["outcome"].contains("left_behind"))
          for (const auto& v : r["outcome"]["left_behind"])
            reported.insert(v.get<int>());
    int left = 0;
    for (const auto& [sid, svc] : before.items())
      for (const auto& v : Versions(c, sid)) {
        const int n = v["number"].get<int>();
        if (known[sid].count(n) || v["locked"] == true) continue;
        ++left;
        EXPECT_TRUE(tolerate_reported_drafts_ && reported.count(n))
            << sid << " v" << n
            << " left behind\nprepare: " << prep.records.dump()
            << "\ncut over: " << cut.records.dump();
      }
    EXPECT_LE(left, tolerate_reported_drafts_ ? 1 : 0);
  }

  bool tolerate_reported_drafts_ = false;
};

nlohmann::json Lost(const std::string& match) {
  return {{"lost_response", {{"next", 1}, {"match", match}}}};
}

TEST_F(CdnFaultTest, LostAnswersAfterCommitAreReadBackNotRepeated) {
  // One lost answer per kind of write; committed writes stay exact.
  const SimCustomer& c4 = Customer(4);
  const PhaseWrites w4 = ExpectedWrites(ActiveState(c4), TargetFor(c4));
  const nlohmann::json saved = host_->api()->SaveState();
  for (const char* prep_match : {"/clone", "/healthcheck", "/director/"}) {
    SCOPED_TRACE(prep_match);
    RestoreState(saved);
    RunBothPhases(c4, &w4, Lost(prep_match), Lost("/activate"));
  }
  RestoreState(saved);
  const SimCustomer& c1 = Customer(1);
  const PhaseWrites w1 = ExpectedWrites(ActiveState(c1), TargetFor(c1));
  RunBothPhases(c1, &w1, Lost("POST /service"),  // the twin
                Lost("DELETE /service"));
  RestoreState(saved);
  RunBothPhases(c1, &w1, Lost("/activate"),
                Lost("/backend/origin_1_renumber_new"));  // the rename
  RestoreState(saved);
  // The update's PUT is repeated by the transport (it is idempotent), so
  // the simulator counts one more committed write: the same values again.
  PhaseWrites w1_put = w1;
  ++w1_put.prepare;
  RunBothPhases(c1, &w1_put, Lost("/backend/origin_1"), Lost("/clone"));
}

TEST_F(CdnFaultTest, EveryAnswerLostStillEndsExact) {
  const nlohmann::json all = {{"lost_response", {{"rate", 1.0}}}};
  RunBothPhases(Customer(4), nullptr, all, all);
  RunBothPhases(Customer(2, /*v6=*/true), nullptr, all, all);
}

TEST_F(CdnFaultTest, ServerErrorsAndDroppedConnectionsAreRetriedExactly) {
  // Neither fault commits anything, so the committed writes stay exact.
  const SimCustomer& c = Customer(4);
  const PhaseWrites w = ExpectedWrites(ActiveState(c), TargetFor(c));
  const nlohmann::json prep = {{"error", {{"rate", 0.2}}},
                               {"error_status", 503},
                               {"drop", {{"rate", 0.05}}},
                               {"seed", 11}};
  nlohmann::json cut = prep;
  cut["seed"] = 12;
  RunBothPhases(c, &w, prep, cut);
  EXPECT_GT(Counters()["faults"].value("error", 0) +
                Counters()["faults"].value("drop", 0),
            0);
}

TEST_F(CdnFaultTest, TimedOutWritesAreReadBack) {
  request_timeout_ = std::chrono::milliseconds(400);
  const nlohmann::json slow = {
      {"slow_ms", 1200}, {"slow", {{"next", 1}, {"match", "POST /service"}}}};
  const SimCustomer& c = Customer(1);
  const PhaseWrites w = ExpectedWrites(ActiveState(c), TargetFor(c));
  // The twin's POST times out after it committed: read back, no duplicate.
  // The activation's PUT times out: read back from the details.
  nlohmann::json slow_activate = slow;
  slow_activate["slow"]["match"] = "/activate";
  RunBothPhases(c, &w, slow, slow_activate, std::chrono::milliseconds(1500));
  EXPECT_EQ(Counters()["faults"].value("slow", 0), 1);
}

TEST_F(CdnFaultTest, TimedOutCloneLeavesNoDraft) {
  // cpprest re-sends a request whose reused keep-alive connection timed out
  // (adapters/INTERFACE-REQUESTS.md); the transport sends clones (kNever) on
  // a connection of their own, so a slow clone is committed once and the
  // adapter adopts it: nothing is left behind.
  request_timeout_ = std::chrono::milliseconds(400);
  const nlohmann::json slow = {{"slow_ms", 1200},
                               {"slow", {{"next", 1}, {"match", "/clone"}}}};
  RunBothPhases(Customer(1), nullptr, nlohmann::json::object(), slow,
                std::chrono::milliseconds(1500));
}

TEST_F(CdnFaultTest, MalformedJsonIsReReadOrNamed) {
  const SimCustomer& c = Customer(1);
  const PhaseWrites w = ExpectedWrites(ActiveState(c), TargetFor(c));
  // A truncated answer to a read is read again; to a committed write, read
  // back.
  const nlohmann::json saved = host_->api()->SaveState();
  RunBothPhases(c, &w, {{"malformed", {{"next", 1}, {"match", "/details"}}}},
                {{"malformed", {{"next", 1}, {"match", "POST /service"}}}});
  RestoreState(saved);

  // Always malformed: a clear error naming the account and the call, and
  // nothing written.
  SetFaults({{"malformed", {{"rate", 1.0}, {"match", "/details"}}}});
  ResetCounters();
  const Target t = TargetFor(c);
  PhaseRun failed = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_FALSE(failed.status.ok());
  EXPECT_NE(failed.status.message().find(c.id + "/cdn: GET /service/"),
            std::string::npos)
      << failed.status.message();
  EXPECT_NE(failed.status.message().find("/details: 200 with a body that is "
                                         "not JSON"),
            std::string::npos)
      << failed.status.message();
  EXPECT_EQ(Counters()["writes"], 0);
}

TEST_F(CdnFaultTest, AFailedPhaseIsReportedAndResumedWithoutASecondDraft) {
  const SimCustomer& c = Customer(4);
  const Target t = TargetFor(c);
  const nlohmann::json before = ActiveState(c);
  // The draft will be v6 (v5 is the newest): its director list is always
  // malformed, so the phase fails after the clone, before activating.
  SetFaults({{"malformed", {{"rate", 1.0}, {"match", "/version/6/director"}}}});
  PhaseRun failed = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_FALSE(failed.status.ok());
  EXPECT_NE(failed.status.message().find(c.id + "/cdn: GET /service/"),
            std::string::npos)
      << failed.status.message();
  EXPECT_NE(failed.status.message().find("/version/6/director: 200 with a "
                                         "body that is not JSON"),
            std::string::npos)
      << failed.status.message();
  ASSERT_FALSE(failed.records.empty());
  EXPECT_EQ(failed.records[0]["outcome"]["draft"], 6);
  EXPECT_EQ(ActiveState(c), before) << "nothing was activated";
  SetFaults(nlohmann::json::object());
  PhaseRun resumed =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare, failed.records);
  ASSERT_TRUE(resumed.status.ok()) << resumed.status.ToString();
  ExpectPrepared(before, ActiveState(c), t);
  for (const auto& [sid, svc] : before.items())
    for (const auto& v : Versions(c, sid))
      EXPECT_EQ(v["locked"], true) << "left behind: v" << v["number"];
}

}  // namespace
}  // namespace renumber::cdn
