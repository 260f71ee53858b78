// SimHost over real HTTP on loopback: every fault kind, next/rate/match,
// and the counters.
#include "src/sim/host.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "src/sim/fake_sim_api.h"
#include "src/sim/test_client.h"
#include "tests/support/wait_for.h"

namespace renumber {
namespace {

using std::chrono::milliseconds;
using Hdrs = std::vector<std::pair<std::string, std::string>>;

class SimHostTest : public ::testing::Test {
 protected:
  void SetUp() override { InitHttpRuntime(64); }
  void Start(FaultConfig faults = {}, bool account_of = false) {
    auto api = std::make_unique<FakeSimApi>(account_of);
    api_ = api.get();
    SimHostOptions o;
    o.faults = faults;
    auto host = StartSimHost(std::move(api), o);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(host).value();
    client_ = std::make_unique<TestClient>(host_->base_url());
  }
  void TearDown() override {
    if (host_) host_->Stop();
  }
  Result<HttpResponse> Get(const std::string& path = "/v1/items",
                           const std::string& account = "C-1",
                           milliseconds timeout = milliseconds(10000)) {
    return client_->Send("GET", path, "", Hdrs{{"X-Account", account}},
                         timeout);
  }
  Result<HttpResponse> Post(const std::string& account = "C-1") {
    return client_->Send("POST", "/v1/items", "{}",
                         Hdrs{{"X-Account", account}});
  }

  FakeSimApi* api_ = nullptr;
  std::unique_ptr<SimHost> host_;
  std::unique_ptr<TestClient> client_;
};

TEST_F(SimHostTest, ServesTheApiOnLoopback) {
  Start();
  EXPECT_EQ(host_->base_url().rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_EQ(host_->admin_token().size(), 32u);
  auto r = Post();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(BodyJson(*r)["items"], 1);
  EXPECT_EQ(api_->items(), 1);
}

TEST_F(SimHostTest, LatencyDelaysEveryRequest) {
  FaultConfig f;
  f.latency_ms = 150;
  f.jitter_ms = 50;
  Start(f);
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(Get().ok());
  auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_GE(took, milliseconds(150));
  // The draw's range is FaultInjectorTest.LatencyWithJitterStaysInRange's;
  // here only that it is milliseconds, not seconds.
  EXPECT_LT(took, milliseconds(30000));
}

// Tests hold requests with a long latency and release them by event
// (tests/e2e/lock_test.cc): once the faults say no latency, a request that
// is waiting out the old one is answered.
TEST_F(SimHostTest, ReplacingTheFaultsReleasesRequestsWaitingOutALatency) {
  FaultConfig f;
  f.latency_ms = 600000;  // ten minutes: only a release ends it in time
  Start(f);
  Result<HttpResponse> r = Status::Internal("not sent");
  std::atomic<bool> answered{false};
  std::thread get([&] {
    r = Get("/v1/items", "C-1", milliseconds(600000));
    answered = true;
  });
  EXPECT_TRUE(WaitFor([&] { return host_->InFlight() == 1; }))
      << "the request never arrived";
  EXPECT_FALSE(answered) << "answered before the release";
  host_->SetFaults(FaultConfig{});
  const bool released = WaitFor([&] { return answered.load(); });
  if (!released) host_->Stop();  // ends the wait, so the thread can join
  get.join();
  EXPECT_TRUE(released) << "the request still waited out the old latency";
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
}

TEST_F(SimHostTest, DropCutsTheConnectionAndCommitsNothing) {
  FaultConfig f;
  f.drop.next = 1;
  f.drop.match = "POST /v1/items";
  Start(f);
  ASSERT_EQ(Get()->status, 200);  // not matched
  auto r = Post();
  // The client sees the connection end mid-response: no usable answer.
  EXPECT_FALSE(r.ok() && r->status == 201 && !BodyJson(*r).is_null());
  EXPECT_EQ(api_->items(), 0);
  EXPECT_EQ(Post()->status, 201);  // next=1 is used up
  auto c = host_->Counters();
  EXPECT_EQ(c["faults"]["drop"], 1);
  EXPECT_EQ(c["by_status"]["dropped"], 1);
  EXPECT_EQ(c["by_endpoint"]["(not handled)"], 1);
}

TEST_F(SimHostTest, ErrorAnswers5xxBeforeHandling) {
  FaultConfig f;
  f.error.next = 2;
  f.error_status = 502;
  Start(f);
  EXPECT_EQ(Post()->status, 502);
  auto r = Get();
  EXPECT_EQ(r->status, 502);
  EXPECT_EQ(BodyJson(*r)["status"], "FAILURE");
  EXPECT_EQ(api_->items(), 0);
  EXPECT_EQ(Post()->status, 201);
  EXPECT_EQ(host_->faults().error.next, 0);
  EXPECT_EQ(host_->Counters()["faults"]["error"], 2);
}

TEST_F(SimHostTest, ErrorWritesOnlySparesReads) {
  FaultConfig f;
  f.error.rate = 1;
  f.error.writes_only = true;
  Start(f);
  EXPECT_EQ(Get()->status, 200);
  EXPECT_EQ(Post()->status, 503);
}

TEST_F(SimHostTest, CustomerChangeRunsJustBeforeAWrite) {
  FaultConfig f;
  f.customer_change.next = 1;
  Start(f);
  ASSERT_EQ(Get("/v1/items", "C-2")->status, 200);  // host learns C-2
  ASSERT_EQ(Post("C-2")->status, 201);
  auto ev = api_->events();
  ASSERT_EQ(ev.size(), 3u);
  EXPECT_EQ(ev[0], "handle GET /v1/items");
  EXPECT_EQ(ev[1], "change C-2");
  EXPECT_EQ(ev[2], "handle POST /v1/items");
  ASSERT_EQ(Post("C-2")->status, 201);
  EXPECT_EQ(api_->events().size(), 4u);  // next=1: only once
  EXPECT_EQ(host_->Counters()["faults"]["customer_change"], 1);
}

TEST_F(SimHostTest, CustomerChangeUsesAccountOfWhenTheApiKnows) {
  FaultConfig f;
  f.customer_change.next = 1;
  Start(f, /*account_of=*/true);
  ASSERT_EQ(Post("C-1")->status, 201);  // no earlier GET needed
  auto ev = api_->events();
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0], "change C-1");
}

TEST_F(SimHostTest, LostResponseCommitsThenAnswers500) {
  FaultConfig f;
  f.lost_response.next = 1;
  Start(f);
  EXPECT_EQ(Get()->status, 200);  // reads are never "lost"
  auto r = Post();
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(api_->items(), 1);  // committed
  EXPECT_EQ(Get()->status, 200);
  EXPECT_EQ(BodyJson(*Get())["items"], 1);
  auto c = host_->Counters();
  EXPECT_EQ(c["committed_writes"], 1);
  EXPECT_EQ(c["faults"]["lost_response"], 1);
  EXPECT_EQ(c["by_status"]["500"], 1);
}

TEST_F(SimHostTest, SlowHoldsTheAnswerPastTheClientTimeout) {
  FaultConfig f;
  f.slow.next = 1;
  f.slow_ms = 60000;  // Stop (TearDown) cuts the hold short
  Start(f);
  auto r = Get("/v1/items", "C-1", milliseconds(300));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kTimeout);
  // `next: 1` was used up: the second is answered, not held for 60 s (its
  // own 10 s timeout would fail it).
  auto second = Get();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->status, 200);
}

TEST_F(SimHostTest, MalformedTruncatesTheBody) {
  FaultConfig f;
  f.malformed.next = 1;
  Start(f);
  auto r = Get();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(nlohmann::json::parse(r->body, nullptr, false).is_discarded())
      << r->body;
  EXPECT_FALSE(BodyJson(*Get()).is_null());
}

TEST_F(SimHostTest, RateIsSeededSoRunsRepeat) {
  FaultConfig f;
  f.error.rate = 0.5;
  f.seed = 2024;
  Start(f);
  auto run = [this] {
    std::vector<int> statuses;
    for (int i = 0; i < 30; ++i) statuses.push_back(Get()->status);
    return statuses;
  };
  auto first = run();
  int errors = 0;
  for (int s : first) errors += s == 503;
  EXPECT_GT(errors, 5);
  EXPECT_LT(errors, 25);
  host_->SetFaults(f);  // same seed again
  EXPECT_EQ(run(), first);
}

TEST_F(SimHostTest, CountersByEndpointAccountWritesAnd429) {
  Start();
  ASSERT_EQ(Get("/v1/items", "C-1")->status, 200);
  ASSERT_EQ(Post("C-1")->status, 201);
  ASSERT_EQ(Post("C-2")->status, 201);
  ASSERT_EQ(Get("/v1/limited", "C-2")->status, 429);
  ASSERT_EQ(Get("/v1/items", "nobody")->status, 401);
  auto c = host_->Counters();
  EXPECT_EQ(c["requests"], 5);
  EXPECT_EQ(c["writes"], 2);
  EXPECT_EQ(c["committed_writes"], 2);
  EXPECT_EQ(c["rate_limited"], 1);
  EXPECT_EQ(c["by_endpoint"]["GET /v1/items"], 1);
  EXPECT_EQ(c["by_endpoint"]["POST /v1/items"], 2);
  EXPECT_EQ(c["by_endpoint"]["GET /v1/limited"], 1);
  EXPECT_EQ(c["by_endpoint"]["(not handled)"], 1);
  EXPECT_EQ(c["by_account"]["C-1"], 2);
  EXPECT_EQ(c["by_account"]["C-2"], 2);
  EXPECT_EQ(c["writes_by_account"]["C-2"], 1);
  EXPECT_EQ(c["by_status"]["401"], 1);
  host_->ResetCounters();
  EXPECT_EQ(host_->Counters()["requests"], 0);
}

TEST_F(SimHostTest, FixedPortAndStopFreesIt) {
  auto port = FindFreeLoopbackPort();
  ASSERT_TRUE(port.ok());
  SimHostOptions o;
  o.port = *port;
  o.admin_token = "tok";
  auto host = StartSimHost(std::make_unique<FakeSimApi>(), o);
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  EXPECT_EQ((*host)->base_url(), "http://127.0.0.1:" + std::to_string(*port));
  EXPECT_EQ((*host)->admin_token(), "tok");
  (*host)->Stop();
  auto again = StartSimHost(std::make_unique<FakeSimApi>(), o);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  (*again)->Stop();
}

}  // namespace
}  // namespace renumber
