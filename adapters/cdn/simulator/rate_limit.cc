#include "adapters/cdn/simulator/rate_limit.h"

namespace renumber::cdnsim {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

void RateLimiter::Reconfigure(RateLimitConfig config) {
  config_ = config;
  buckets_.clear();
}

RateDecision RateLimiter::Take(const std::string& user, int64_t now_unix) {
  int64_t window = FloorDiv(now_unix, config_.window_s);
  Bucket& bucket = buckets_[user];
  if (bucket.window != window) bucket = Bucket{window, 0};
  RateDecision d;
  d.reset_unix = (window + 1) * config_.window_s;
  d.allowed = bucket.used < config_.size;
  if (d.allowed) ++bucket.used;
  d.remaining = config_.size - bucket.used;
  return d;
}

}  // namespace renumber::cdnsim
