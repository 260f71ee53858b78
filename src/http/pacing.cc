#include "src/http/pacing.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "src/http/retry.h"

namespace renumber {
namespace {

using std::chrono::microseconds;

std::optional<double> ParseNumber(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(text->c_str(), &end);
  while (end && (*end == ' ' || *end == '\t')) ++end;
  if (errno != 0 || end == text->c_str() || *end != '\0' || !std::isfinite(v))
    return std::nullopt;
  return v;
}

constexpr char kPausedMarker[] = "[paused-until ";

class PacingTransport : public HttpTransport {
 public:
  PacingTransport(HttpTransport* inner, RateLimiterSlot* slot)
      : inner_(inner), slot_(slot) {}
  PacingTransport(HttpTransport* inner, RateLimiter* limiter)
      : inner_(inner),
        own_(std::make_unique<RateLimiterSlot>(limiter)),
        slot_(own_.get()) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    if (request.method == "GET") return inner_->Send(request);
    RateLimiter* limiter = slot_->get();
    RN_RETURN_IF_ERROR(limiter->BeforeWrite());
    Result<HttpResponse> result = inner_->Send(request);
    if (result.ok())
      limiter->Observe(*result);
    else
      limiter->WriteFailed();
    return result;
  }

 private:
  HttpTransport* inner_;
  std::unique_ptr<RateLimiterSlot> own_;
  RateLimiterSlot* slot_;
};

}  // namespace

RateLimiter::RateLimiter(Clock* clock, int burst_reserve,
                         std::chrono::microseconds max_wait)
    : clock_(clock), burst_reserve_(burst_reserve), max_wait_(max_wait) {}

Status RateLimiter::BeforeWrite() {
  microseconds delay{0};
  {
    std::lock_guard<std::mutex> l(mu_);
    const Timestamp now = clock_->Now();
    delay = DelayLocked(now);
    // Too long to wait here: pause the account until the budget resets
    // (the whole budget is back then, not just the next paced slot).
    if (delay > max_wait_) {
      const Timestamp until = reset_ && now < *reset_ ? *reset_ : now + delay;
      return PausedStatus(until, until - now);
    }
    const Timestamp at = now + delay;
    last_write_ = at;
    // Spend one write of the current window, so the next writer (maybe on
    // another thread, before our response arrives) sees it gone.
    if (remaining_ && *remaining_ > 0 && reset_ && at < *reset_) --*remaining_;
    ++in_flight_;
  }
  // A long pause should not look like a hang.
  if (delay >= std::chrono::seconds(1))
    spdlog::info("pacing writes to the vendor's rate limit: waiting {:.1f} s",
                 delay.count() / 1e6);
  if (delay.count() > 0) clock_->SleepFor(delay);
  return Status::Ok();
}

void RateLimiter::Observe(const HttpResponse& response) {
  std::optional<double> remaining =
      ParseNumber(response.headers.Get("Fastly-RateLimit-Remaining"));
  std::optional<double> reset =
      ParseNumber(response.headers.Get("Fastly-RateLimit-Reset"));
  std::lock_guard<std::mutex> l(mu_);
  if (in_flight_ > 0) --in_flight_;
  const Timestamp now = clock_->Now();
  std::optional<Timestamp> reset_at;
  if (reset) reset_at = Timestamp::FromUnixMicros(std::llround(*reset * 1e6));
  if (response.status == 429 && !remaining) {
    // Refused without budget headers: nothing left until Retry-After.
    remaining = 0;
    if (!reset_at) {
      auto ra = ParseRetryAfter(response.headers.GetOr("Retry-After", ""), now);
      if (ra.ok()) reset_at = now + *ra;
    }
  }
  if (!remaining && !reset_at) return;
  // Within one window our own count is authoritative when it is lower: a
  // response from an earlier write does not know about writes let through
  // since. A new window starts from the server's count. Either way the
  // writes still in flight may not be in the server's count yet.
  const bool new_window = !reset_ || now >= *reset_;
  if (remaining) {
    long long r = std::max(0LL, std::llround(*remaining) - in_flight_);
    remaining_ = (new_window || !remaining_) ? r : std::min(*remaining_, r);
  }
  if (reset_at) reset_ = reset_at;
}

void RateLimiter::WriteFailed() {
  std::lock_guard<std::mutex> l(mu_);
  if (in_flight_ > 0) --in_flight_;
}

void RateLimiter::Absorb(RateLimiter& other) {
  if (&other == this) return;
  std::scoped_lock both(mu_, other.mu_);
  const Timestamp now = clock_->Now();
  const bool other_known =
      other.remaining_ && other.reset_ && now < *other.reset_;
  if (other.last_write_ && (!last_write_ || *last_write_ < *other.last_write_))
    last_write_ = other.last_write_;
  if (!other_known) return;
  const long long theirs = std::max(0LL, *other.remaining_ - in_flight_);
  const bool ours_known = remaining_ && reset_ && now < *reset_;
  if (!ours_known || *reset_ < *other.reset_) {
    remaining_ = theirs;
    reset_ = other.reset_;
    return;
  }
  if (*other.reset_ < *reset_) return;  // theirs is an older window
  remaining_ = std::min(std::max(0LL, *remaining_ - other.in_flight_), theirs);
}

std::chrono::microseconds RateLimiter::NextDelay() {
  std::lock_guard<std::mutex> l(mu_);
  return DelayLocked(clock_->Now());
}

std::chrono::microseconds RateLimiter::DelayLocked(Timestamp now) {
  if (!remaining_ || !reset_ || now >= *reset_) return microseconds(0);
  if (*remaining_ > burst_reserve_) return microseconds(0);
  const microseconds to_reset = *reset_ - now;
  if (*remaining_ <= 0) return to_reset;
  if (!last_write_) return microseconds(0);
  const microseconds interval = to_reset / (*remaining_ + 1);
  const Timestamp next = *last_write_ + interval;
  return next > now ? next - now : microseconds(0);
}

RateLimiter* RateLimiterRegistry::For(const std::string& key) {
  std::lock_guard<std::mutex> l(mu_);
  auto& limiter = limiters_[key];
  if (!limiter) limiter = std::make_unique<RateLimiter>(clock_, 10, max_wait_);
  return limiter.get();
}

std::unique_ptr<HttpTransport> NewPacingTransport(HttpTransport* inner,
                                                  RateLimiter* limiter) {
  return std::make_unique<PacingTransport>(inner, limiter);
}

std::unique_ptr<HttpTransport> NewPacingTransport(HttpTransport* inner,
                                                  RateLimiterSlot* slot) {
  return std::make_unique<PacingTransport>(inner, slot);
}

std::string LocalHourMinute(Timestamp t) {
  const time_t secs = static_cast<time_t>(t.unix_seconds());
  struct tm local;
  localtime_r(&secs, &local);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", local.tm_hour, local.tm_min);
  return buf;
}

Status PausedStatus(Timestamp until, std::chrono::microseconds wait) {
  const long minutes =
      static_cast<long>(std::chrono::duration_cast<std::chrono::minutes>(
                            wait + std::chrono::seconds(59))
                            .count());
  // PausedUntil reads the time back from the English message.
  return Status::RateLimited(
      "too little of the vendor's write budget for this user is left: paused "
      "until " +
          LocalHourMinute(until) + " (" + std::to_string(minutes) +
          " min, longer than this run waits); run again then " + kPausedMarker +
          until.ToRfc3339() + "]",
      "このユーザーに残っているベンダーの書き込み上限が少ないため、" +
          LocalHourMinute(until) + " まで一時停止します（" +
          std::to_string(minutes) +
          " 分。この実行で待てる時間を超えています）。その時刻に再実行して"
          "ください");
}

std::optional<Timestamp> PausedUntil(const Status& status) {
  if (!status.Is(Code::kRateLimited)) return std::nullopt;
  const std::string& m = status.message();
  size_t at = m.find(kPausedMarker);
  if (at == std::string::npos) return std::nullopt;
  at += sizeof kPausedMarker - 1;
  size_t end = m.find(']', at);
  if (end == std::string::npos) return std::nullopt;
  auto t = Timestamp::ParseRfc3339(m.substr(at, end - at));
  if (!t.ok()) return std::nullopt;
  return *t;
}

}  // namespace renumber
