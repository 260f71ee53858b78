// SimHost serves one SimApi over real HTTP on loopback and adds what only a
// simulator has: fault injection, request counters, and an admin endpoint.
//
// Admin endpoint (never part of a vendor contract), HTTP Basic auth with user
// "sim-admin" and the host's admin token:
//   GET  /_sim/counters          counters as JSON (see Counters below)
//   POST /_sim/counters/reset
//   GET  /_sim/faults            current FaultConfig as JSON
//   PUT  /_sim/faults            replace it (JSON body, same shape)
//   GET  /_sim/settings, PUT /_sim/settings   vendor settings (SimApi)
//   POST /_sim/customer-change   {"account": "C-10001"}
//   GET  /_sim/state             the whole vendor state
//   and the vendor's own admin paths (SimApi::HandleAdmin), e.g. the CDN's
//   GET /_sim/route/{sid} and GET /_sim/activations.
//
// Faults, applied around SimApi::Handle in this order:
//   latency (fixed + uniform jitter) on every request;
//   drop: the connection is cut without an answer (nothing committed);
//   error: a 5xx before handling (nothing committed);
//   customer_change: the SimApi's CustomerChange runs just before a write;
//   lost_response: a write is handled (committed), then answered with 500;
//   slow: the answer is held for slow_ms (longer than a client timeout);
//   malformed: the body is replaced by truncated JSON.
// Each fault has `rate` (probability per matching request) and `next`
// (the next N matching requests, deterministic), and an optional `match`
// (substring of "METHOD /decoded/path", e.g. "POST /v1/inbound-routes"
// or "/delete"); `writes_only` restricts it to non-GET requests
// (customer_change and lost_response always are; lost_response applies
// only to requests that committed something). Randomness is seeded, so
// sequential runs repeat. Latency and slow sleeps end early on Stop(); a
// request waiting out its latency also stops waiting once SetFaults sets a
// latency_ms + jitter_ms shorter than it has waited (so a test can hold
// requests with a long latency and release them, by event, with 0).
// Details and examples: src/sim/README.md.
//
// Counters: requests by endpoint ("GET /v1/inbound-routes"), by account,
// non-GET requests ("writes"), committed writes, 429s sent, faults fired.
//
// Threads: all methods are thread-safe. Stop() before main returns; it
// waits until no request handler of this host runs any more.
#ifndef RENUMBER_SIM_HOST_H_
#define RENUMBER_SIM_HOST_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "src/core/status.h"
#include "src/sim/sim_api.h"

namespace renumber {

struct FaultSpec {
  double rate = 0;
  int next = 0;
  std::string match;
  bool writes_only = false;
};

struct FaultConfig {
  int latency_ms = 0;
  int jitter_ms = 0;
  FaultSpec drop;
  FaultSpec error;  // status from error_status
  int error_status = 503;
  FaultSpec customer_change;  // implies writes_only
  FaultSpec lost_response;    // implies writes_only
  FaultSpec slow;
  int slow_ms = 0;
  FaultSpec malformed;
  uint64_t seed = 1;
};

nlohmann::json FaultConfigToJson(const FaultConfig& config);
Result<FaultConfig> FaultConfigFromJson(const nlohmann::json& j);

struct SimHostOptions {
  std::string host = "127.0.0.1";
  int port = 0;             // 0: pick a free port
  std::string admin_token;  // "" : a random one
  FaultConfig faults;
};

class SimHost {
 public:
  virtual ~SimHost() = default;
  virtual std::string base_url() const = 0;
  virtual std::string admin_token() const = 0;
  virtual SimApi* api() = 0;
  virtual void SetFaults(const FaultConfig& faults) = 0;
  virtual FaultConfig faults() const = 0;
  virtual nlohmann::json Counters() const = 0;
  // Vendor requests being served right now (waiting out a latency
  // included; admin requests not): lets a test wait until a request it
  // holds has arrived.
  virtual int InFlight() const = 0;
  virtual void ResetCounters() = 0;
  virtual void Stop() = 0;
};

Result<std::unique_ptr<SimHost>> StartSimHost(std::unique_ptr<SimApi> api,
                                              const SimHostOptions& options);

}  // namespace renumber

#endif  // RENUMBER_SIM_HOST_H_
