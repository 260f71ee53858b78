// Retrying: a transport wrapper that retries what is safe to retry.
//
// - Idempotent methods (GET, PUT, DELETE, ...) are retried on 5xx, kTimeout
//   and kUnavailable with exponential backoff and full jitter, bounded by
//   max_attempts and total_budget.
// - POST (and any request with retry_mode == RetryMode::kNever) is never
//   retried on 5xx or on a transport error: the effect may have happened,
//   so the caller reads back and decides.
// - 429 (any method: the request was refused, not applied) waits for
//   Retry-After (delta seconds or an HTTP date; the default backoff when
//   absent), then retries, within the same bounds. A Retry-After longer
//   than max_retry_after fails at once with kRateLimited. A 5xx with a
//   reasonable Retry-After waits at least that long.
// - kForbidden, kInvalidArgument and other errors are never retried.
// - When the bounds run out, the last outcome is returned as it was (the
//   last 5xx/429 response, or the last error annotated with the number of
//   attempts).
// Each retry is logged (debug; info when the wait is 1 s or more).
// Sleeping goes through the Clock, so tests use FakeClock and never sleep.
//
// Thread-safe if `inner` is. Does not own inner, clock or random.
#ifndef RENUMBER_HTTP_RETRY_H_
#define RENUMBER_HTTP_RETRY_H_

#include <chrono>
#include <memory>

#include "src/core/random.h"
#include "src/core/time.h"
#include "src/http/transport.h"

namespace renumber {

struct RetryPolicy {
  int max_attempts = 5;
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{5000};
  std::chrono::milliseconds total_budget{60000};
  // Longest Retry-After we accept; longer ones fail with kRateLimited.
  std::chrono::milliseconds max_retry_after{120000};
};

// Parses Retry-After: "120" or "Fri, 31 Dec 1999 23:59:59 GMT" (relative to
// `now`). Negative results become zero.
Result<std::chrono::milliseconds> ParseRetryAfter(const std::string& value,
                                                  Timestamp now);

std::unique_ptr<HttpTransport> NewRetryingTransport(HttpTransport* inner,
                                                    Clock* clock,
                                                    Random* random,
                                                    RetryPolicy policy = {});

}  // namespace renumber

#endif  // RENUMBER_HTTP_RETRY_H_
