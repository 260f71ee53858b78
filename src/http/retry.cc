#include "src/http/retry.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "src/http/redact.h"

namespace renumber {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

long long Ms(microseconds d) { return duration_cast<milliseconds>(d).count(); }

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// What to do after one attempt.
struct Decision {
  enum Action { kReturn, kRetry, kRateLimited } action = kReturn;
  microseconds delay{0};
  std::string why;     // for the log and the kRateLimited message
  std::string why_ja;  // the kRateLimited message in Japanese
};

class RetryingTransport : public HttpTransport {
 public:
  RetryingTransport(HttpTransport* inner, Clock* clock, Random* random,
                    RetryPolicy policy)
      : inner_(inner), clock_(clock), random_(random), policy_(policy) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    const auto start = clock_->Steady();
    const int max_attempts = std::max(1, policy_.max_attempts);
    for (int attempt = 1;; ++attempt) {
      Result<HttpResponse> result = inner_->Send(request);
      Decision d = Decide(request, result, attempt);
      if (d.action == Decision::kReturn) return result;
      const std::string where = request.method + " " + RedactUrl(request.url);
      if (d.action == Decision::kRateLimited)
        return Status::RateLimited(where + ": " + d.why,
                                   where + ": " + d.why_ja);
      const microseconds elapsed =
          duration_cast<microseconds>(clock_->Steady() - start);
      if (attempt >= max_attempts || elapsed + d.delay > policy_.total_budget)
        return GiveUp(std::move(result), attempt);
      Log(where, d, attempt + 1, max_attempts);
      clock_->SleepFor(d.delay);
    }
  }

 private:
  Decision Decide(const HttpRequest& request,
                  const Result<HttpResponse>& result, int attempt) {
    const bool idempotent = request.retry_mode != RetryMode::kNever &&
                            IsIdempotentMethod(request.method);
    Decision d;
    if (!result.ok()) {
      const Code code = result.status().code();
      if (!idempotent || (code != Code::kTimeout && code != Code::kUnavailable))
        return d;
      d.action = Decision::kRetry;
      d.delay = Backoff(attempt);
      d.why = CodeName(code);  // the message repeats `where`
      return d;
    }
    const int status = result->status;
    if (status == 429) return DecideRateLimited(*result, attempt);
    if (status < 500 || !idempotent) return d;
    d.action = Decision::kRetry;
    d.delay = Backoff(attempt);
    d.why = "HTTP " + std::to_string(status);
    // A 503 may say when to come back; honour it when it is reasonable.
    if (auto ra = RetryAfter(*result)) {
      if (*ra > policy_.max_retry_after) return Decision{};
      d.delay = std::max<microseconds>(d.delay, *ra);
    }
    return d;
  }

  Decision DecideRateLimited(const HttpResponse& response, int attempt) {
    Decision d;
    d.action = Decision::kRetry;
    d.why = "HTTP 429 Too Many Requests";
    std::optional<milliseconds> ra = RetryAfter(response);
    if (!ra) {
      d.delay = Backoff(attempt);
      return d;
    }
    if (*ra > policy_.max_retry_after) {
      d.action = Decision::kRateLimited;
      d.why = "the server is rate limiting and asked to wait " +
              std::to_string(ra->count() / 1000) +
              " s (Retry-After), more than the " +
              std::to_string(policy_.max_retry_after.count() / 1000) +
              " s this tool waits; try again later";
      d.why_ja = "サーバーが流量を制限しており、" +
                 std::to_string(ra->count() / 1000) +
                 " 秒の待機を求めています（Retry-After）。このツールが待つ " +
                 std::to_string(policy_.max_retry_after.count() / 1000) +
                 " 秒を超えるため、時間をおいて再実行してください";
      return d;
    }
    d.delay = *ra;
    return d;
  }

  std::optional<milliseconds> RetryAfter(const HttpResponse& response) {
    auto value = response.headers.Get("Retry-After");
    if (!value) return std::nullopt;
    auto ra = ParseRetryAfter(*value, clock_->Now());
    if (!ra.ok()) return std::nullopt;  // fall back to our own backoff
    return *ra;
  }

  // Full jitter: uniform in [0, min(max_backoff, initial * 2^(attempt-1))].
  microseconds Backoff(int attempt) {
    microseconds cap = policy_.initial_backoff;
    for (int i = 1; i < attempt && cap < policy_.max_backoff; ++i) cap *= 2;
    cap = std::min<microseconds>(cap, policy_.max_backoff);
    if (cap.count() <= 0) return microseconds(0);
    return microseconds(static_cast<long long>(
        random_->Uniform(static_cast<uint64_t>(cap.count()) + 1)));
  }

  Result<HttpResponse> GiveUp(Result<HttpResponse> last, int attempts) {
    if (last.ok() || attempts == 1) return last;
    return last.status().Annotate(
        "gave up after " + std::to_string(attempts) + " attempts",
        std::to_string(attempts) + " 回試みましたが失敗しました");
  }

  void Log(const std::string& where, const Decision& d, int next_attempt,
           int max_attempts) {
    const bool long_wait = d.delay >= std::chrono::seconds(1);
    spdlog::log(long_wait ? spdlog::level::info : spdlog::level::debug,
                "http: {}: {}; retrying in {} ms (attempt {}/{})", where, d.why,
                Ms(d.delay), next_attempt, max_attempts);
  }

  HttpTransport* inner_;
  Clock* clock_;
  Random* random_;
  RetryPolicy policy_;
};

}  // namespace

Result<milliseconds> ParseRetryAfter(const std::string& value, Timestamp now) {
  const std::string v = Trim(value);
  if (!v.empty() && std::all_of(v.begin(), v.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    // More than 9 digits is over 30 years: clamp instead of overflowing.
    long long seconds = v.size() > 9 ? 999999999LL : std::stoll(v);
    return milliseconds(seconds * 1000);
  }
  auto date = Timestamp::ParseHttpDate(v);
  if (!date.ok())
    return Status::InvalidArgument(
        "Retry-After '" + v + "' is neither seconds nor an HTTP date",
        "Retry-After '" + v + "' は秒数でも HTTP の日付でもありません");
  microseconds d = *date - now;
  if (d.count() < 0) return milliseconds(0);
  return std::chrono::ceil<milliseconds>(d);
}

std::unique_ptr<HttpTransport> NewRetryingTransport(HttpTransport* inner,
                                                    Clock* clock,
                                                    Random* random,
                                                    RetryPolicy policy) {
  return std::make_unique<RetryingTransport>(inner, clock, random, policy);
}

}  // namespace renumber
