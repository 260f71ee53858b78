// For the CDN adapter's integration tests: the CDN simulator on a loopback
// port (SimHost + NewCdnSimApi, seeded with 12 customers: every seeded CDN
// shape 0-7, and shape 0 again on IPv6), the transport chain the engine
// uses (Retrying(Pacing(real))), a fake origin prober whose answers the
// test sets (the real prober has its own tests, and the end-to-end tests
// probe real origins), an engine-like phase driver that journals records
// the way the engine does, evaluates the cutover gate like the engine, and
// can "crash" at any change, and readers of the vendor state and of the
// simulator's routing model that speak the wire format by hand (sharing no
// code with the adapter).
//
// Threads: one test at a time. The host is stopped in TearDown.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_SIM_FIXTURE_H_
#define RENUMBER_ADAPTERS_CDN_CDN_SIM_FIXTURE_H_

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "src/core/random.h"
#include "src/core/resolver.h"
#include "src/http/pacing.h"
#include "src/probe/fake_http_probe.h"
#include "src/sim/host.h"
#include "src/sim/test_client.h"
#include "src/sim/world.h"

namespace renumber::cdn {

// Where a driven phase stops, to simulate kill -9.
enum class Crash {
  kNone,
  kBeforeApply,  // change k journaled as intent only, never sent
  kAfterApply,   // change k applied, its outcome never journaled
};

struct PhaseRun {
  Status status;  // first error (Discover, PlanPhase or Apply)
  Plan plan;
  VerifyReport gate;  // cutover: the Verify whose gate the plan followed
  nlohmann::json records = nlohmann::json::array();  // as the engine's
  int writes = 0;  // sum of ApplyOutcome.writes
};

class CdnSimTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  void SetUp() override;
  void TearDown() override;

  // The CDN customer of seeded shape `shape` (IPv6 when `v6`).
  const SimCustomer& Customer(int shape, bool v6 = false) const;
  std::vector<const SimCustomer*> CdnCustomers() const;
  int ShapeOf(const SimCustomer& c) const;

  // `list_domains`: AdapterDeps::list_domains (for preflight).
  std::unique_ptr<Adapter> NewAdapterFor(const SimCustomer& c,
                                         bool list_domains = false);
  Target TargetFor(const SimCustomer& c) const;

  // Discover, (cutover: Verify for the gate), PlanPhase, then Apply each
  // change journaling intent/outcome; stops at change `k` as `crash` says.
  PhaseRun RunPhase(Adapter* adapter, const Target& target, Phase phase,
                    const nlohmann::json& history = nlohmann::json::array(),
                    bool force = false, int k = -1, Crash crash = Crash::kNone);
  // What the fake prober answers for a customer's old and new origins.
  enum class Origins { kBefore, kSynced, kAfter };
  void SetOrigins(const SimCustomer& c, Origins origins);
  // The number of old-IP backends per service, in the seed.
  static int OldBackends(int shape);

  // The simulator's activation history and routing model (admin).
  nlohmann::json Activations();
  nlohmann::json Route(const std::string& sid, const std::string& health = "");
  // The customer's service ids, in list order.
  std::vector<std::string> ServiceIds(const SimCustomer& c);

  // The admin endpoint (/_sim/...), over HTTP.
  nlohmann::json Counters();
  void ResetCounters();
  void SetFaults(const nlohmann::json& faults);
  void SetRateLimit(int size, int window_s);

  // The vendor state through the contract, for exact comparisons:
  // {sid: {"active": N, "backends": {name: fields}, "directors": {name:
  // [backends]}, "healthchecks": [names]}} with service_id/version removed.
  nlohmann::json ActiveState(const SimCustomer& c);
  // Version list of one service: [{"number","active","locked"}...].
  nlohmann::json Versions(const SimCustomer& c, const std::string& sid);
  // A hand-built vendor request with the customer's token.
  HttpResponse Vendor(const SimCustomer& c, const std::string& method,
                      const std::string& path, const std::string& form = "");

  std::vector<SimCustomer> customers_;
  // The simulator's clock (its rate windows, its timestamps); a fixture
  // may set another before SetUp. Not owned.
  Clock* sim_clock_ = RealClock();
  std::unique_ptr<SimHost> host_;
  FakeHttpProber prober_;
  FakeResolver resolver_;
  FakeRandom random_{7};
  // Replaces the vendor state (SimApi::LoadState, which also starts every
  // token on a fresh rate-limit window) and forgets what the pacing learnt.
  // Adapters made before must not be used after.
  void RestoreState(const nlohmann::json& state);

  // One chain per API token, as the engine's TransportStack: a pacing
  // slot on the token's own limiter until the adapter learns its user
  // (share_rate_budget), then on that user's shared limiter:
  // Retrying(Pacing(Timeout(real))).
  struct Chain {
    std::unique_ptr<RateLimiterSlot> slot;
    std::unique_ptr<HttpTransport> pacing;
    std::unique_ptr<HttpTransport> retrying;
  };
  RateLimiterRegistry limiters_{RealClock()};
  int limiter_generation_ = 0;
  HttpTransport* TransportFor(const SimCustomer& c);

  std::unique_ptr<HttpTransport> real_;
  std::unique_ptr<HttpTransport> timeouts_;  // shortens request timeouts
  std::map<std::string, Chain> chains_;      // by token
  std::unique_ptr<TestClient> client_;
  // What RunPhase's cutover gate hands Verify as journaled records.
  nlohmann::json records_for_gate_ = nlohmann::json::array();
  // Request timeout the adapters' transport applies (the slow-fault test
  // lowers it).
  std::chrono::milliseconds request_timeout_{10000};
  // Called with each request the adapters send, synchronously, before it
  // is sent (a race test's customer editing at that moment).
  std::function<void(const HttpRequest&)> before_send_;
};

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_SIM_FIXTURE_H_
