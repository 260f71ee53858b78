#include "src/http/logging_transport.h"

#include <spdlog/spdlog.h>

#include "src/http/redact.h"

namespace renumber {
namespace {

class LoggingTransport : public HttpTransport {
 public:
  LoggingTransport(HttpTransport* inner, Clock* clock)
      : inner_(inner), clock_(clock ? clock : RealClock()) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    const bool trace = spdlog::should_log(spdlog::level::trace);
    if (trace) spdlog::trace("http: request\n{}", DumpRequest(request));
    const auto start = clock_->Steady();
    Result<HttpResponse> result = inner_->Send(request);
    const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             clock_->Steady() - start)
                             .count();
    const std::string where = request.method + " " + RedactUrl(request.url);
    if (result.ok()) {
      spdlog::debug("http: {} -> {} ({} ms)", where, result->status, ms);
      if (trace) spdlog::trace("http: response\n{}", DumpResponse(*result));
    } else {
      spdlog::debug("http: {} -> {} ({} ms)", where, result.status().ToString(),
                    ms);
    }
    return result;
  }

 private:
  HttpTransport* inner_;
  Clock* clock_;
};

}  // namespace

std::unique_ptr<HttpTransport> NewLoggingTransport(HttpTransport* inner,
                                                   Clock* clock) {
  return std::make_unique<LoggingTransport>(inner, clock);
}

}  // namespace renumber
