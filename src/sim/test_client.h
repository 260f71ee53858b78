// For tests only: a plain HTTP client over NewCpprestTransport that builds
// requests by hand (method, path, headers, body), so tests speak the wire
// format themselves and share no code with any adapter.
//
// Threads: one TestClient per test; Send is thread-safe.
#ifndef RENUMBER_SIM_TEST_CLIENT_H_
#define RENUMBER_SIM_TEST_CLIENT_H_

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "src/http/transport.h"
#include "src/sim/basic_auth.h"

namespace renumber {

class TestClient {
 public:
  explicit TestClient(std::string base)
      : base_(std::move(base)), transport_(NewCpprestTransport({})) {}

  // `path` includes any query string.
  Result<HttpResponse> Send(
      const std::string& method, const std::string& path,
      const std::string& body = "",
      std::vector<std::pair<std::string, std::string>> headers = {},
      std::chrono::milliseconds timeout = std::chrono::milliseconds(10000)) {
    HttpRequest req;
    req.method = method;
    req.url = base_ + path;
    req.body = body;
    req.timeout = timeout;
    if (!body.empty())
      req.headers.Set("Content-Type", "application/json; charset=utf-8");
    for (auto& [k, v] : headers) req.headers.Set(k, v);
    return transport_->Send(req);
  }

  const std::string& base() const { return base_; }

 private:
  std::string base_;
  std::unique_ptr<HttpTransport> transport_;
};

inline std::pair<std::string, std::string> BasicAuthHeader(
    const std::string& user, const std::string& password) {
  return {"Authorization", "Basic " + Base64Encode(user + ":" + password)};
}

// The body as JSON; a null JSON when it does not parse.
inline nlohmann::json BodyJson(const HttpResponse& r) {
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

}  // namespace renumber

#endif  // RENUMBER_SIM_TEST_CLIENT_H_
