// The ESS adapter over real HTTP under the simulator's injected faults:
// 412 races, answers lost after commit, 5xx, dropped connections, timeouts,
// malformed JSON and a 429 storm. The end state and the committed writes
// are exactly those of a clean run.
#include <gtest/gtest.h>

#include "adapters/ess/ess_sim_fixture.h"
#include "tests/support/wait_for.h"

namespace renumber {
namespace ess_test {
namespace {

using nlohmann::json;

// Sets a timeout on every request (to meet the simulator's slow answers).
class ShortTimeout : public HttpTransport {
 public:
  ShortTimeout(HttpTransport* inner, std::chrono::milliseconds t)
      : inner_(inner), timeout_(t) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    HttpRequest r = request;
    r.timeout = timeout_;
    return inner_->Send(r);
  }

 private:
  HttpTransport* inner_;
  std::chrono::milliseconds timeout_;
};

class EssSimFaultsTest : public EssSimTest {
 protected:
  // Customers with the old IP in two collections or more.
  std::vector<SimCustomer> Rich(size_t n) {
    std::vector<SimCustomer> out;
    for (const SimCustomer& c : EssCustomers()) {
      int collections = 0;
      auto t = ContextFor(c).target;
      for (const json& routes : Collections(SimAccount(c)))
        for (const json& r : routes)
          collections +=
              IpAddress::Parse(r["address"].get<std::string>()).ok() &&
              IpAddress::Parse(r["address"].get<std::string>()).value() ==
                  t.old_ip;
      if (collections >= 2 && out.size() < n) out.push_back(c);
    }
    EXPECT_EQ(out.size(), n) << "the seed has too few rich accounts";
    return out;
  }
  int64_t Committed(const SimCustomer& c) {
    return host_->Counters()["committed_by_account"].value(c.id, int64_t{0});
  }
  AccountState StateOf(const SimCustomer& c) {
    auto d = AdapterFor(c)->Discover(ContextFor(c).target);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? d->state : AccountState::kMissing;
  }
  // Prepare then cutover under the current faults; returns the committed
  // writes the simulator counted for the account.
  int64_t BothPhases(const SimCustomer& c) {
    const int64_t before = Committed(c);
    PhaseContext ctx = ContextFor(c);
    auto prep = RunPhase(AdapterFor(c).get(), Phase::kPrepare, ctx);
    EXPECT_TRUE(prep.ok()) << prep.status().ToString();
    EXPECT_EQ(StateOf(c), AccountState::kPrepared);
    auto cut = RunPhase(AdapterFor(c).get(), Phase::kCutover, ctx);
    EXPECT_TRUE(cut.ok()) << cut.status().ToString();
    EXPECT_EQ(StateOf(c), AccountState::kCutOver);
    ExpectNoCollectionWithoutPrimary(SimAccount(c));
    return Committed(c) - before;
  }
  // Committed writes of a clean run, measured on the same shape first.
  int64_t CleanRun(const SimCustomer& c) {
    const json saved = host_->api()->SaveState();
    const int64_t n = BothPhases(c);
    EXPECT_TRUE(host_->api()->LoadState(saved).ok());
    return n;
  }
};

TEST_F(EssSimFaultsTest, RacesLostAnswersErrorsAndDrops) {
  struct Case {
    const char* name;
    FaultConfig faults;
  };
  std::vector<Case> cases(5);
  cases[0].name = "412 races";
  cases[0].faults.customer_change.next = 3;
  cases[1].name = "lost responses";
  cases[1].faults.lost_response.next = 3;
  cases[2].name = "5xx";
  cases[2].faults.error.next = 2;
  cases[2].faults.error.writes_only = true;
  cases[3].name = "drops";
  cases[3].faults.drop.next = 2;
  cases[3].faults.drop.writes_only = true;
  cases[4].name = "malformed answers to writes";
  cases[4].faults.malformed.next = 3;
  cases[4].faults.malformed.writes_only = true;
  const SimCustomer c = Rich(1).at(0);
  const int64_t clean = CleanRun(c);
  const json start = host_->api()->SaveState();
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name);
    ASSERT_TRUE(host_->api()->LoadState(start).ok());
    host_->SetFaults(k.faults);
    EXPECT_EQ(BothPhases(c), clean);
    host_->SetFaults(FaultConfig{});
    EXPECT_GT(host_->Counters()["faults"].size(), 0u);
  }
}

TEST_F(EssSimFaultsTest, TimeoutsAreReadBack) {
  ShortTimeout shorter(wire_.get(), std::chrono::milliseconds(400));
  auto retrying = NewRetryingTransport(&shorter, &clock_, &random_);
  const SimCustomer c = Rich(1).at(0);
  const int64_t clean = CleanRun(c);
  deps_.transport = retrying.get();
  FaultConfig f;
  f.slow.next = 2;
  f.slow.writes_only = true;
  f.slow_ms = 1200;
  host_->SetFaults(f);
  const int64_t before = Committed(c);
  BothPhases(c);
  // The host counts a held request (and its commit) when its answer is
  // finally sent: wait for both to be counted.
  EXPECT_TRUE(WaitFor([&] {
    return host_->Counters()["faults"].value("slow", 0) >= 2;
  })) << "the held answers were never sent";
  EXPECT_EQ(Committed(c) - before, clean);
  EXPECT_EQ(host_->Counters()["faults"].value("slow", 0), 2);
}

TEST_F(EssSimFaultsTest, MalformedReadIsAClearErrorNamingAccountAndCall) {
  const SimCustomer c = Rich(1).at(0);
  FaultConfig f;
  f.malformed.next = 1;
  f.malformed.match = "GET /v1/outbound-servers";
  host_->SetFaults(f);
  const int64_t writes = Writes(c);
  auto prep = RunPhase(AdapterFor(c).get(), Phase::kPrepare, ContextFor(c));
  ASSERT_FALSE(prep.ok());
  EXPECT_EQ(prep.status().code(), Code::kInternal);
  EXPECT_NE(prep.status().message().find(
                c.id + "/ess: GET /v1/outbound-servers: malformed JSON"),
            std::string::npos)
      << prep.status().message();
  EXPECT_EQ(Writes(c), writes);
  EXPECT_EQ(StateOf(c), AccountState::kNotStarted);
}

TEST_F(EssSimFaultsTest, RateLimitStormIsWaitedOut) {
  ASSERT_TRUE(host_->api()
                  ->Configure({{"rate_limit", {{"size", 2}, {"window_s", 20}}}})
                  .ok());
  for (const SimCustomer& c : Rich(3)) {
    SCOPED_TRACE(c.id);
    BothPhases(c);
  }
  EXPECT_GT(host_->Counters()["rate_limited"].get<int64_t>(), 0);
  EXPECT_GT(clock_.total_slept().count(), 0);
}

}  // namespace
}  // namespace ess_test
}  // namespace renumber
