// NewCdnSimApi: the ZenlogicCDN management-API simulator (docs/cdn-contract.md,
// revision 2), a stateful subset of Fastly's configuration API with its traffic
// semantics (routing.h). See README.md.
#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "adapters/cdn/simulator/cdn_sim_vendor.h"
#include "adapters/cdn/simulator/handlers.h"
#include "adapters/cdn/simulator/routes.h"
#include "adapters/cdn/simulator/routing.h"
#include "adapters/cdn/simulator/seed.h"
#include "adapters/cdn/simulator/state.h"

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
  r.headers.Set("Content-Type", reply.content_type);
  for (const auto& [name, value] : reply.headers) r.headers.Set(name, value);
  r.body = reply.body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

ServerResponse AdminJson(int status, const json& body) {
  ServerResponse r;
  r.status = status;
  r.headers.Set("Content-Type", "application/json; charset=utf-8");
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

class CdnSimApi : public SimApi {
 public:
  CdnSimApi(const std::vector<SimCustomer>& customers, Clock* clock)
      : clock_(clock ? clock : RealClock()) {
    cdnsim::CdnWorld world = cdnsim::SeedCdnWorld(customers);
    state_.clock = clock_;
    state_.accounts = std::move(world.accounts);
    state_.services = std::move(world.services);
    for (const SimCustomer& c : customers)
      if (c.Has("cdn")) state_.old_ips[c.id] = c.old_ip;
    cdnsim::RecordSeedActivations(&state_);
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

  std::optional<ServerResponse> HandleAdmin(
      const ServerRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string prefix = "/_sim/route/";
    if (request.path == "/_sim/activations") {
      if (request.method != "GET")
        return AdminJson(405, {{"error", "use GET"}});
      return AdminJson(200, cdnsim::HistoryToJson(state_.history));
    }
    if (request.path.rfind(prefix, 0) != 0) return std::nullopt;
    if (request.method != "GET") return AdminJson(405, {{"error", "use GET"}});
    return Route(request.path.substr(prefix.size()), request);
  }

  Status CustomerChange(const std::string& account) override {
    std::lock_guard<std::mutex> lock(mu_);
    return cdnsim::ApplyCustomerChange(&state_, account);
  }

  Status Configure(const json& settings) override {
    std::lock_guard<std::mutex> lock(mu_);
    return cdnsim::ApplySettings(settings, &state_);
  }

  json Settings() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return cdnsim::SettingsJson(state_);
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
    size_t token;    // index into its tokens
  };

  void IndexTokens() {
    tokens_.clear();
    for (size_t i = 0; i < state_.accounts.size(); ++i)
      for (size_t k = 0; k < state_.accounts[i].tokens.size(); ++k)
        tokens_[state_.accounts[i].tokens[k].token] = {i, k};
  }

  // GET /_sim/route/{sid}?health=name:up,name:down
  ServerResponse Route(const std::string& sid, const ServerRequest& request) {
    const cdnsim::Service* service = nullptr;
    for (const cdnsim::Service& s : state_.services)
      if (s.id == sid) service = &s;
    if (!service)
      return AdminJson(404, {{"error", "no CDN service '" + sid + "'"}});
    auto text = request.query_params.find("health");
    auto health = cdnsim::ParseHealth(
        text == request.query_params.end() ? "" : text->second);
    if (!health.ok())
      return AdminJson(400, {{"error", health.status().message()}});
    const cdnsim::Version* active = service->Active();
    if (!active)
      return AdminJson(200, {{"service_id", sid},
                             {"version", 0},
                             {"classes", json::array()},
                             {"addresses", json::array()}});
    json out =
        cdnsim::RouteToJson(cdnsim::RouteVersion(*service, *active, *health));
    out["service_id"] = sid;
    out["version"] = active->number;
    out["type"] = service->type;
    return AdminJson(200, out);
  }

  ServerResponse HandleLocked(const ServerRequest& request, SimCall* call) {
    ApiRequest req;
    req.http = &request;
    const cdnsim::Route* route =
        cdnsim::MatchRoute(request.method, request.raw_path, &req.params);
    call->endpoint = route ? route->Endpoint() : "";
    auto key = request.headers.Get("Fastly-Key");
    auto token = key ? tokens_.find(*key) : tokens_.end();
    if (token == tokens_.end()) {
      if (request.path == "/tokens/self")  // a JSON:API-style endpoint
        return ToResponse(
            cdnsim::ErrorsReply(401, "Unauthorized",
                                "Provided credentials are missing or invalid"));
      return ToResponse(
          cdnsim::ErrorReply(401, "Provided credentials are missing or invalid",
                             "Send an API token in the Fastly-Key header"));
    }
    req.account = &state_.accounts[token->second.account];
    req.token = &req.account->tokens[token->second.token];
    call->account = req.account->id;
    if (request.method == "GET" || request.method == "HEAD")
      return ToResponse(Dispatch(route, req));
    cdnsim::RateDecision rate =
        state_.limiter.Take(req.token->user_id, clock_->Now().unix_seconds());
    ApiReply reply = rate.allowed ? WriteReply(route, &req) : TooMany(rate);
    call->committed = reply.committed;
    ServerResponse out = ToResponse(reply);
    out.headers.Set("Fastly-RateLimit-Remaining",
                    std::to_string(rate.remaining));
    out.headers.Set("Fastly-RateLimit-Reset", std::to_string(rate.reset_unix));
    if (!rate.allowed && state_.limiter.config().retry_after)
      out.headers.Set("Retry-After",
                      std::to_string(std::max<int64_t>(
                          1, rate.reset_unix - clock_->Now().unix_seconds())));
    return out;
  }

  ApiReply WriteReply(const cdnsim::Route* route, ApiRequest* req) {
    if (req->token->scope != "global")
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
            std::to_string(c.window_s) + " s for this user exceeded; it " +
            "resets at " + std::to_string(rate.reset_unix));
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
