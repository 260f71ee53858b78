// Pacing writes from the vendor's rate-limit headers, so a batch spreads its
// writes over the window instead of running into 429.
//
// A RateLimiter belongs to one credential (one API token). After every
// non-GET response it reads Fastly-RateLimit-Remaining (writes left) and
// Fastly-RateLimit-Reset (Unix seconds when the window resets). Before each
// write it decides how long to wait:
// - unknown budget (no headers seen yet): no wait;
// - more than `burst_reserve` writes left: no wait;
// - otherwise the time to the reset divided by the writes left (+1), since
//   the previous write; with none left, until the reset.
// It counts writes it lets through, so concurrent writers on one credential
// do not all spend the same last write: within a window the lower of its own
// count and the server's wins (a late response from an earlier write does
// not give back writes spent since); once the reset time has passed the
// budget is unknown again until the next response. A 429 without these
// headers means none left until its Retry-After.
//
// PacingTransport applies a RateLimiter to every non-GET request. Put it
// inside the retrying wrapper (Retrying(Pacing(real))) so every attempt,
// retries included, is paced and observed. Does not own inner or limiter.
// Thread-safe. Sleeping goes through the Clock.
#ifndef RENUMBER_HTTP_PACING_H_
#define RENUMBER_HTTP_PACING_H_

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "src/core/time.h"
#include "src/http/transport.h"

namespace renumber {

class RateLimiter {
 public:
  explicit RateLimiter(Clock* clock, int burst_reserve = 10);
  // Blocks (through the clock) until the next write may go.
  void BeforeWrite();
  // Learns from a response's rate-limit headers.
  void Observe(const HttpResponse& response);
  // How long BeforeWrite would wait now (for tests and progress output).
  std::chrono::microseconds NextDelay();

 private:
  std::chrono::microseconds DelayLocked(Timestamp now);
  Clock* clock_;
  int burst_reserve_;
  std::mutex mu_;
  std::optional<long long> remaining_;
  std::optional<Timestamp> reset_;
  std::optional<Timestamp> last_write_;
};

// One RateLimiter per credential key (e.g. api_base + token fingerprint).
class RateLimiterRegistry {
 public:
  explicit RateLimiterRegistry(Clock* clock) : clock_(clock) {}
  RateLimiter* For(const std::string& key);

 private:
  Clock* clock_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<RateLimiter>> limiters_;
};

std::unique_ptr<HttpTransport> NewPacingTransport(HttpTransport* inner,
                                                  RateLimiter* limiter);

}  // namespace renumber

#endif  // RENUMBER_HTTP_PACING_H_
