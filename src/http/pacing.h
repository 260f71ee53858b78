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
// It counts writes it lets through, so concurrent writers on one budget
// do not all spend the same last write: a write is in flight from
// BeforeWrite until its response is observed (or its send failed), and a
// response's count is taken less the writes still in flight (the server
// may not have seen them yet: the estimate errs on the safe side, also for
// writes let through before the budget was known); within a window the
// lower of its own count and the server's wins (a late response from an
// earlier write does not give back writes spent since); once the reset time
// has passed the budget is unknown again until the next response. A 429
// without these headers means none left until its Retry-After.
//
// A wait longer than `max_wait` is not slept: BeforeWrite returns
// kRateLimited carrying the time the budget resets (PausedUntil reads it
// back), so the caller can report the account as paused until then rather
// than hold a worker for an hour.
//
// PacingTransport applies a RateLimiter to every non-GET request. Put it
// inside the retrying wrapper (Retrying(Pacing(real))) so every attempt,
// retries included, is paced and observed. Its limiter is read from a
// RateLimiterSlot, which the owner may point at another limiter later (a
// CDN adapter that learns which user its token belongs to moves it to that
// user's shared budget). Does not own inner, slot or limiter.
// Thread-safe. Sleeping goes through the Clock.
#ifndef RENUMBER_HTTP_PACING_H_
#define RENUMBER_HTTP_PACING_H_

#include <atomic>
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
  explicit RateLimiter(
      Clock* clock, int burst_reserve = 10,
      std::chrono::microseconds max_wait = std::chrono::hours(24 * 365));
  // Blocks (through the clock) until the next write may go; kRateLimited
  // (see PausedStatus) when that would be longer than max_wait.
  Status BeforeWrite();
  // Learns from a write's response (its rate-limit headers); the write is
  // no longer in flight.
  void Observe(const HttpResponse& response);
  // A write let through by BeforeWrite got no response (a transport
  // error): it is no longer in flight; what it spent is not known.
  void WriteFailed();
  // How long BeforeWrite would wait now (for tests and progress output).
  std::chrono::microseconds NextDelay();
  // Takes in what `other` knows of the same budget, when a writer paced by
  // `other` moves here (a token that learnt its vendor user): within one
  // window the lower count wins, each less the writes the other still has
  // in flight (neither count may include them); a later window replaces an
  // older one; the later last write is kept. `other` is left as it was.
  void Absorb(RateLimiter& other);

 private:
  std::chrono::microseconds DelayLocked(Timestamp now);
  Clock* clock_;
  int burst_reserve_;
  std::chrono::microseconds max_wait_;
  std::mutex mu_;
  std::optional<long long> remaining_;
  std::optional<Timestamp> reset_;
  std::optional<Timestamp> last_write_;
  long long in_flight_ = 0;  // let through, response not observed yet
};

// One RateLimiter per budget key (api_base + token fingerprint, or
// api_base + the vendor's user id once known).
class RateLimiterRegistry {
 public:
  explicit RateLimiterRegistry(
      Clock* clock,
      std::chrono::microseconds max_wait = std::chrono::hours(24 * 365))
      : clock_(clock), max_wait_(max_wait) {}
  RateLimiter* For(const std::string& key);

 private:
  Clock* clock_;
  std::chrono::microseconds max_wait_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<RateLimiter>> limiters_;
};

// Which limiter a PacingTransport uses; can be re-pointed at any time.
class RateLimiterSlot {
 public:
  explicit RateLimiterSlot(RateLimiter* limiter) : limiter_(limiter) {}
  RateLimiter* get() const { return limiter_.load(); }
  void set(RateLimiter* limiter) { limiter_.store(limiter); }

 private:
  std::atomic<RateLimiter*> limiter_;
};

std::unique_ptr<HttpTransport> NewPacingTransport(HttpTransport* inner,
                                                  RateLimiter* limiter);
std::unique_ptr<HttpTransport> NewPacingTransport(HttpTransport* inner,
                                                  RateLimiterSlot* slot);

// kRateLimited: the budget is spent until `until` and waiting `wait` is
// more than the run is willing to. Its message names the local time
// ("paused until 07:00") and carries `until` for PausedUntil.
Status PausedStatus(Timestamp until, std::chrono::microseconds wait);
// The reset time of a PausedStatus (also once annotated), or nothing.
std::optional<Timestamp> PausedUntil(const Status& status);
// "07:00" (local time) of a timestamp.
std::string LocalHourMinute(Timestamp t);

}  // namespace renumber

#endif  // RENUMBER_HTTP_PACING_H_
