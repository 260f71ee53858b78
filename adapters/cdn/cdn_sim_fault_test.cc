// Faults injected by the simulator host while the adapter prepares and cuts
// over: answers lost after commit, 5xx, dropped connections, timeouts and
// malformed JSON. The vendor must end in exactly the intended state (the
// old backends at the new IP, nothing else changed) with one staged
// version per service and no other draft left behind; what cannot be
// finished fails with an error naming the account and the call.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "adapters/cdn/cdn_sim_fixture.h"
#include "tests/support/wait_for.h"

namespace renumber::cdn {
namespace {

using nlohmann::json;

class CdnFaultTest : public CdnSimTest {
 protected:
  // The active state with the customer's old addresses moved to the new.
  static json Moved(json state, const SimCustomer& c) {
    for (auto& [sid, svc] : state.items()) {
      svc.erase("active");
      for (auto& [name, b] : svc["backends"].items())
        if (b["address"] == c.old_ip) {
          b["address"] = c.new_ip;
          b[c.new_ip.find(':') == std::string::npos ? "ipv4" : "ipv6"] =
              c.new_ip;
        }
    }
    return state;
  }
  static json WithoutActive(json state) {
    for (auto& [sid, svc] : state.items()) svc.erase("active");
    return state;
  }

  // Prepare under `prep_faults`, then cut over under `cut_faults`; checks
  // the end state and the versions left. `exact`: the committed writes of
  // each phase {prepare, cutover}. `held`: the slow faults each phase
  // fires {prepare, cutover}; the simulator counts a held request (and its
  // commit) only once its late answer is sent, so the counters are read
  // after that event, not after a guessed sleep.
  void RunBothPhases(const SimCustomer& c, const std::pair<int, int>* exact,
                     const json& prep_faults, const json& cut_faults,
                     std::pair<int, int> held = {0, 0}) {
    SetOrigins(c, Origins::kSynced);
    const Target t = TargetFor(c);
    const json before = ActiveState(c);
    std::map<std::string, size_t> versions;
    for (const auto& [sid, svc] : before.items())
      versions[sid] = Versions(c, sid).size();
    ResetCounters();
    SetFaults(prep_faults);
    PhaseRun prep = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
    ASSERT_TRUE(prep.status.ok()) << prep.status.ToString();
    SetFaults(json::object());
    ASSERT_TRUE(HeldAnswersSent(held.first));
    if (exact) {
      EXPECT_EQ(Counters()["committed_writes"], exact->first);
    }
    EXPECT_EQ(ActiveState(c), before) << "prepare changed something live";
    ResetCounters();
    SetFaults(cut_faults);
    PhaseRun cut = RunPhase(NewAdapterFor(c).get(), t, Phase::kCutover);
    ASSERT_TRUE(cut.status.ok()) << cut.status.ToString();
    SetFaults(json::object());
    ASSERT_TRUE(HeldAnswersSent(held.second));
    if (exact) {
      EXPECT_EQ(Counters()["committed_writes"], exact->second);
    }
    EXPECT_EQ(WithoutActive(ActiveState(c)), Moved(before, c));
    // One version more per moved service (the switch, now active), unless
    // an outcome reported a copy left behind.
    int reported = 0;
    for (const PhaseRun* run : {&prep, &cut})
      for (const auto& r : run->records)
        if (r["outcome"].is_object() && r["outcome"].contains("left_behind"))
          reported += static_cast<int>(r["outcome"]["left_behind"].size());
    int extra = 0;
    for (const auto& [sid, n] : versions) {
      const size_t now = Versions(c, sid).size();
      if (before[sid]["backends"].dump().find(c.old_ip) == std::string::npos)
        EXPECT_EQ(now, n) << sid;
      else
        extra += static_cast<int>(now - n) - 1;
    }
    EXPECT_EQ(extra, reported) << "prepare: " << prep.records.dump()
                               << "\ncut over: " << cut.records.dump();
    EXPECT_LE(extra, tolerate_left_behind_ ? 1 : 0);
  }

  // Waits until `n` slow faults have been counted since the last reset:
  // every held request has had its answer sent.
  ::testing::AssertionResult HeldAnswersSent(int n) {
    int sent = 0;
    if (WaitFor([&] {
          sent = Counters()["faults"].value("slow", 0);
          return sent >= n;
        }))
      return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << sent << " of " << n << " held answers were sent";
  }

  bool tolerate_left_behind_ = false;
};

json Lost(const std::string& match) {
  return {{"lost_response", {{"next", 1}, {"match", match}}}};
}

TEST_F(CdnFaultTest, LostAnswersAfterCommitAreReadBackNotRepeated) {
  // One lost answer per kind of write; committed writes stay exact.
  const SimCustomer& c = Customer(1);  // three old origins: 5 + 1 writes
  const std::pair<int, int> w{5, 1};
  const json saved = host_->api()->SaveState();
  for (const char* prep_match : {"/clone", "PUT /service/", "/backend/"}) {
    SCOPED_TRACE(prep_match);
    RestoreState(saved);
    RunBothPhases(c, &w, Lost(prep_match), Lost("/activate"));
  }
}

TEST_F(CdnFaultTest, EveryAnswerLostStillEndsExact) {
  const json all = {{"lost_response", {{"rate", 1.0}}}};
  const std::pair<int, int> one{3, 1};
  RunBothPhases(Customer(0), &one, all, all);
  RunBothPhases(Customer(0, /*v6=*/true), &one, all, all);
  const std::pair<int, int> three{5, 1};
  RunBothPhases(Customer(1), &three, all, all);
}

TEST_F(CdnFaultTest, ServerErrorsAndDroppedConnectionsAreRetriedExactly) {
  // Neither fault commits anything, so the committed writes stay exact.
  const SimCustomer& c = Customer(3);  // two old origins
  const std::pair<int, int> w{4, 1};
  const json prep = {{"error", {{"rate", 0.2}}},
                     {"error_status", 503},
                     {"drop", {{"rate", 0.05}}},
                     {"seed", 11}};
  json cut = prep;
  cut["seed"] = 12;
  RunBothPhases(c, &w, prep, cut);
  EXPECT_GT(Counters()["faults"].value("error", 0) +
                Counters()["faults"].value("drop", 0),
            0);
}

TEST_F(CdnFaultTest, TimedOutWritesAreReadBack) {
  request_timeout_ = std::chrono::milliseconds(400);
  const json slow = {{"slow_ms", 1200},
                     {"slow", {{"next", 1}, {"match", "/backend/"}}}};
  json slow_activate = slow;
  slow_activate["slow"]["match"] = "/activate";
  const std::pair<int, int> w{3, 1};
  // The address update times out after it committed: read back (the PUT is
  // idempotent, so a repeat would be harmless too). The activation times
  // out: read back from the details.
  RunBothPhases(Customer(0), &w, slow, slow_activate, {1, 1});
}

TEST_F(CdnFaultTest, TimedOutCloneLeavesNoSecondDraft) {
  // cpprest re-sends a request whose reused keep-alive connection timed out
  // (src/http/cpprest_transport.cc); the transport sends clones (kNever) on
  // a connection of their own, so a slow clone is committed once and the
  // adapter adopts it.
  request_timeout_ = std::chrono::milliseconds(400);
  const json slow = {{"slow_ms", 1200},
                     {"slow", {{"next", 1}, {"match", "/clone"}}}};
  const std::pair<int, int> w{3, 1};
  RunBothPhases(Customer(0), &w, slow, json::object(), {1, 0});
}

TEST_F(CdnFaultTest, MalformedJsonIsReReadOrNamed) {
  const SimCustomer& c = Customer(0);
  const std::pair<int, int> w{3, 1};
  const json saved = host_->api()->SaveState();
  // A truncated answer to a read is read again; to a committed write, read
  // back.
  RunBothPhases(c, &w, {{"malformed", {{"next", 1}, {"match", "/details"}}}},
                {{"malformed", {{"next", 1}, {"match", "/activate"}}}});
  RestoreState(saved);
  // Always malformed: a clear error naming the account and the call, and
  // nothing written.
  SetFaults({{"malformed", {{"rate", 1.0}, {"match", "/details"}}}});
  ResetCounters();
  PhaseRun failed =
      RunPhase(NewAdapterFor(c).get(), TargetFor(c), Phase::kPrepare);
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

TEST_F(CdnFaultTest, AFailedPhaseIsResumedWithoutASecondDraft) {
  const SimCustomer& c = Customer(0);
  const Target t = TargetFor(c);
  const std::string sid = ServiceIds(c)[0];
  const size_t versions = Versions(c, sid).size();
  // The staged version will be v2: every request about its backends fails
  // (5xx, nothing done), so the phase fails after the clone and the label.
  SetFaults({{"error", {{"rate", 1.0}, {"match", "/version/2/backend/"}}}});
  PhaseRun failed = RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare);
  ASSERT_FALSE(failed.status.ok());
  EXPECT_NE(failed.status.message().find("/version/2/backend/origin_1: 5"),
            std::string::npos)
      << failed.status.message();
  ASSERT_FALSE(failed.records.empty());
  EXPECT_EQ(failed.records[0]["outcome"]["draft"], 2);
  SetFaults(json::object());
  PhaseRun resumed =
      RunPhase(NewAdapterFor(c).get(), t, Phase::kPrepare, failed.records);
  ASSERT_TRUE(resumed.status.ok()) << resumed.status.ToString();
  EXPECT_EQ(resumed.plan.changes.size(), 2u);  // set-address, validate
  EXPECT_EQ(Versions(c, sid).size(), versions + 1);
  auto d = NewAdapterFor(c)->Discover(t);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->state, AccountState::kPrepared);
}

}  // namespace
}  // namespace renumber::cdn
