// Per-user fixed-window limiter of non-GET requests (cdn.md "Rate limit":
// every token of one user shares one budget; the key is the user's id).
//
// Windows are aligned to the Unix epoch: the window holding time t is
// [floor(t / window_s) * window_s, that + window_s), so every token's window
// resets at the same instant and Fastly-RateLimit-Reset is its end. Each
// admitted request uses one of `size` slots; a request that finds no slot
// is refused (429) and uses none.
//
// Not synchronized: CdnSimApi calls it under its own mutex.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_RATE_LIMIT_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_RATE_LIMIT_H_

#include <cstdint>
#include <map>
#include <string>

namespace renumber::cdnsim {

struct RateLimitConfig {
  int size = 1000;
  int window_s = 3600;
  // Whether a 429 carries Retry-After (the real service may leave it out).
  bool retry_after = false;
};

struct RateDecision {
  bool allowed = false;
  int remaining = 0;       // slots left after this request
  int64_t reset_unix = 0;  // end of the current window, Unix seconds
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimitConfig config = {}) : config_(config) {}
  // Starts afresh: every user gets a full window.
  void Reconfigure(RateLimitConfig config);
  const RateLimitConfig& config() const { return config_; }
  RateDecision Take(const std::string& user, int64_t now_unix);

 private:
  struct Bucket {
    int64_t window = -1;  // index of the window `used` counts in
    int used = 0;
  };
  RateLimitConfig config_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_RATE_LIMIT_H_
