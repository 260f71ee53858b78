// FaultInjector: decides, request by request, which of the faults of a
// FaultConfig (host.h) fire. Used by SimHost; separate so the decisions can
// be tested without HTTP.
//
// Matching: a fault applies to a request when its `match` is empty or a
// substring of "METHOD /decoded/path" (e.g. "POST /v1/inbound-routes/r-1/
// delete"), and, for writes_only faults (customer_change and lost_response
// always), when the method is not GET or HEAD.
// Firing: while `next` > 0, every applying request fires and decrements it
// (visible in config()); otherwise it fires with probability `rate`, drawn
// from a generator seeded with `seed` (reseeded by Set), so a sequential run
// repeats exactly.
//
// Threads: all methods are thread-safe.
#ifndef RENUMBER_SIM_FAULTS_H_
#define RENUMBER_SIM_FAULTS_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "src/core/random.h"
#include "src/sim/host.h"

namespace renumber {

enum class FaultKind {
  kDrop,
  kError,
  kCustomerChange,
  kLostResponse,
  kSlow,
  kMalformed,
};

// "drop", "error", "customer_change", "lost_response", "slow", "malformed".
const char* FaultKindName(FaultKind kind);

// True for methods that may change state (everything but GET and HEAD).
bool IsWriteMethod(const std::string& method);

class FaultInjector {
 public:
  explicit FaultInjector(const FaultConfig& config);
  void Set(const FaultConfig& config);
  FaultConfig config() const;

  // Whether `kind` fires for the request "METHOD /path" (`target`).
  bool Fires(FaultKind kind, const std::string& method,
             const std::string& target);
  // latency_ms plus a uniform draw in [0, jitter_ms].
  std::chrono::milliseconds Latency();

 private:
  mutable std::mutex mu_;
  FaultConfig config_;
  std::unique_ptr<FakeRandom> rng_;
};

}  // namespace renumber

#endif  // RENUMBER_SIM_FAULTS_H_
