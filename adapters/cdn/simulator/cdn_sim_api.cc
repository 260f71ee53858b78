// NewCdnSimApi: the ZenlogicCDN management-API simulator (cdn.md), a
// stateful subset of Fastly's configuration API. See README.md.
#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "adapters/cdn/simulator/handlers.h"
#include "adapters/cdn/simulator/routes.h"
#include "adapters/cdn/simulator/seed.h"
#include "adapters/cdn/simulator/state.h"
#include "src/sim/vendors.h"

namespace renumber {
namespace {

using cdnsim::ApiReply;
using cdnsim::ApiRequest;
using nlohmann::json;

bool IsFormContentType(const std::string& value) {
  std::string v = value.substr(0, value.find(';'));
  v.erase(std::remove_if(v.begin(), v.end(),
                         [](unsigned char c) { return std::isspace(c); }),
          v.end());
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return v == "application/x-www-form-urlencoded";
}

ServerResponse ToResponse(const ApiReply& reply) {
  ServerResponse r;
  r.status = reply.status;
  r.headers.Set("Content-Type", "application/json");
  r.body = reply.body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

class CdnSimApi : public SimApi {
 public:
  CdnSimApi(const std::vector<SimCustomer>& customers, Clock* clock)
      : clock_(clock ? clock : RealClock()) {
    cdnsim::CdnWorld world = cdnsim::SeedCdnWorld(customers);
    state_.accounts = std::move(world.accounts);
    state_.services = std::move(world.services);
    IndexTokens();
  }

  std::string vendor() const override { return "cdn"; }

  ServerResponse Handle(const ServerRequest& request, SimCall* call) override {
    std::lock_guard<std::mutex> lock(mu_);
    try {
      return HandleLocked(request, call);
    } catch (const std::exception&) {  // a bug: answer, do not crash
      call->committed = false;
      return ToResponse(cdnsim::ErrorReply(500, "Internal server error",
                                           "simulator failure"));
    }
  }

  Status CustomerChange(const std::string& account) override {
    std::lock_guard<std::mutex> lock(mu_);
    return cdnsim::ApplyCustomerChange(&state_, account);
  }

  Status Configure(const json& settings) override {
    std::lock_guard<std::mutex> lock(mu_);
    RN_ASSIGN_OR_RETURN(
        cdnsim::RateLimitConfig config,
        cdnsim::RateLimitFromSettings(settings, state_.limiter.config()));
    state_.limiter.Reconfigure(config);
    return Status::Ok();
  }

  json Settings() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return cdnsim::SettingsJson(state_.limiter.config());
  }

  json SaveState() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return cdnsim::StateToJson(state_);
  }

  Status LoadState(const json& state) override {
    std::lock_guard<std::mutex> lock(mu_);
    RN_RETURN_IF_ERROR(cdnsim::StateFromJson(state, &state_));
    IndexTokens();
    return Status::Ok();
  }

 private:
  struct TokenInfo {
    size_t account;  // index into state_.accounts
    bool can_write;
  };

  void IndexTokens() {
    tokens_.clear();
    for (size_t i = 0; i < state_.accounts.size(); ++i)
      for (const cdnsim::Token& t : state_.accounts[i].tokens)
        tokens_[t.token] = {i, t.scope == "global"};
  }

  ServerResponse HandleLocked(const ServerRequest& request, SimCall* call) {
    ApiRequest req;
    req.http = &request;
    const cdnsim::Route* route =
        cdnsim::MatchRoute(request.method, request.raw_path, &req.params);
    call->endpoint = route ? route->Endpoint() : "";
    auto key = request.headers.Get("Fastly-Key");
    auto token = key ? tokens_.find(*key) : tokens_.end();
    if (token == tokens_.end())
      return ToResponse(
          cdnsim::ErrorReply(401, "Provided credentials are missing or invalid",
                             "Send an API token in the Fastly-Key header"));
    req.account = &state_.accounts[token->second.account];
    call->account = req.account->id;
    if (request.method == "GET" || request.method == "HEAD")
      return ToResponse(Dispatch(route, req));
    cdnsim::RateDecision rate =
        state_.limiter.Take(*key, clock_->Now().unix_seconds());
    ApiReply reply =
        rate.allowed ? WriteReply(route, token->second, &req) : TooMany(rate);
    call->committed = reply.committed;
    ServerResponse out = ToResponse(reply);
    out.headers.Set("Fastly-RateLimit-Remaining",
                    std::to_string(rate.remaining));
    out.headers.Set("Fastly-RateLimit-Reset", std::to_string(rate.reset_unix));
    return out;
  }

  ApiReply WriteReply(const cdnsim::Route* route, const TokenInfo& token,
                      ApiRequest* req) {
    if (!token.can_write)
      return cdnsim::ErrorReply(
          403, "Forbidden",
          "This API token's scope (global:read) does not allow changes");
    const ServerRequest& http = *req->http;
    if ((http.method == "POST" || http.method == "PUT") && !http.body.empty()) {
      if (!IsFormContentType(http.headers.GetOr("Content-Type", "")))
        return cdnsim::BadRequest(
            "Content-Type must be application/x-www-form-urlencoded");
      auto form = cdnsim::ParseForm(http.body);
      if (!form.ok()) return cdnsim::BadRequest(form.status().message());
      req->form = std::move(form).value();
    }
    return Dispatch(route, *req);
  }

  ApiReply Dispatch(const cdnsim::Route* route, const ApiRequest& req) {
    if (!route)
      return cdnsim::NotFound("No such endpoint: " + req.http->method + " " +
                              req.http->path);
    return route->handler(state_, req);
  }

  ApiReply TooMany(const cdnsim::RateDecision& rate) {
    const cdnsim::RateLimitConfig& c = state_.limiter.config();
    return cdnsim::ErrorReply(
        429, "Too many requests",
        "Rate limit of " + std::to_string(c.size) + " non-GET requests per " +
            std::to_string(c.window_s) + " s exceeded; it resets at " +
            std::to_string(rate.reset_unix));
  }

  Clock* clock_;
  mutable std::mutex mu_;
  cdnsim::CdnState state_;
  std::unordered_map<std::string, TokenInfo> tokens_;
};

}  // namespace

std::unique_ptr<SimApi> NewCdnSimApi(const std::vector<SimCustomer>& customers,
                                     Clock* clock) {
  return std::make_unique<CdnSimApi>(customers, clock);
}

}  // namespace renumber
