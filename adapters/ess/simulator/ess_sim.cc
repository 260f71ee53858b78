// EssSim: dispatch, auth, rate limit, settings, state and console changes.
#include "adapters/ess/simulator/ess_sim.h"

#include <cmath>

#include "adapters/ess/simulator/ess_seed.h"
#include "adapters/ess/simulator/ess_sim_vendor.h"
#include "adapters/ess/simulator/ess_wire.h"
#include "src/sim/basic_auth.h"

namespace renumber::ess_sim {
namespace {

// The non-empty parts of `text` between `sep`s.
std::vector<std::string> Split(const std::string& text, char sep = '/') {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t at = text.find(sep, start);
    if (at == std::string::npos) at = text.size();
    if (at > start) out.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  return out;
}

}  // namespace

EssSim::EssSim(const std::vector<SimCustomer>& customers, Clock* clock)
    : clock_(clock ? clock : RealClock()) {
  for (Account& a : SeedAccounts(customers, clock_->Now()))
    accounts_[a.customer] = std::move(a);
  IndexLogins();
  history_.Reset(accounts_, clock_->Now(), "seeded");
}

void EssSim::IndexLogins() {
  logins_.clear();
  for (const auto& [id, a] : accounts_) {
    for (const User& u : a.users)
      logins_[u.username] = Login{id, u.password, u.admin};
  }
}

EssSim::Match EssSim::MatchPath(const std::string& m,
                                const std::vector<std::string>& s) {
  auto is = [&](size_t n) { return s.size() == n + 1 && s[0] == "v1"; };
  // One path, one method: the template's method decides.
  auto pick = [&](const std::string& tmpl, Handler h) {
    size_t sp = tmpl.find(' ');
    std::string method = tmpl.substr(0, sp);
    if (m == method) return Match{tmpl, h, method};
    return Match{m + tmpl.substr(sp), nullptr, method};
  };
  // A collection: GET lists it, POST adds to it.
  auto dual = [&](const std::string& get, Handler list, Handler add) {
    Match out = pick(m == "POST" ? "POST" + get.substr(3) : get,
                     m == "POST" ? add : list);
    if (!out.handler) out.allow = "GET, POST";
    return out;
  };
  if (is(1) && s[1] == "domains")
    return pick("GET /v1/domains", &EssSim::ListDomains);
  if (is(1) && s[1] == "inbound-routes")
    return dual("GET /v1/inbound-routes", &EssSim::ListRoutes,
                &EssSim::AddRoute);
  if (is(3) && s[1] == "domains" && s[3] == "inbound-routes")
    return dual("GET /v1/domains/{domain}/inbound-routes", &EssSim::ListRoutes,
                &EssSim::AddRoute);
  if (is(3) && s[1] == "inbound-routes") {
    static const std::map<std::string, Handler> kActions = {
        {"check", &EssSim::CheckRoute},
        {"promote", &EssSim::PromoteRoute},
        {"demote", &EssSim::DemoteRoute},
        {"delete", &EssSim::DeleteRoute},
        {"move", &EssSim::MoveRoute}};
    auto it = kActions.find(s[3]);
    if (it != kActions.end())
      return pick("POST /v1/inbound-routes/{id}/" + s[3], it->second);
  }
  if (is(1) && s[1] == "named-routes")
    return pick("GET /v1/named-routes", &EssSim::ListNamed);
  if (is(3) && s[1] == "named-routes" && s[3] == "routes")
    return pick("POST /v1/named-routes/{name}/routes", &EssSim::AddToNamed);
  if (is(5) && s[1] == "named-routes" && s[3] == "routes" && s[5] == "remove")
    return pick("POST /v1/named-routes/{name}/routes/{id}/remove",
                &EssSim::RemoveFromNamed);
  if (is(1) && s[1] == "outbound-servers")
    return dual("GET /v1/outbound-servers", &EssSim::ListOutbound,
                &EssSim::AddOutbound);
  if (is(3) && s[1] == "outbound-servers" && s[3] == "delete")
    return pick("POST /v1/outbound-servers/{id}/delete",
                &EssSim::DeleteOutbound);
  if (is(1) && s[1] == "change-log")
    return pick("GET /v1/change-log", &EssSim::ChangeLog);
  return Match{};
}

ServerResponse EssSim::Handle(const ServerRequest& request, SimCall* call) {
  std::unique_lock<std::mutex> lock(mu_);
  Req r{request, call, Split(request.path), &lock, nullptr, "", {}};
  Match match = MatchPath(request.method, r.segs);
  call->endpoint = match.endpoint;
  if (auto denied = Authenticate(r)) return *denied;
  if (match.endpoint.empty())
    return Failure(404, "NOT_FOUND", "no such endpoint: " + request.path);
  if (!match.handler) {
    ServerResponse out = Failure(405, "INVALID_ARGUMENT",
                                 "method " + request.method + " not allowed");
    out.headers.Set("Allow", match.allow);
    return out;
  }
  if (request.method == "POST") {
    if (auto limited = RateLimit(r)) return *limited;
    auto body = ParseObject(request.body);
    if (!body)
      return Failure(400, "INVALID_ARGUMENT",
                     "the request body must be a JSON object");
    r.body = std::move(*body);
  }
  r.segs.erase(r.segs.begin());  // "v1"
  ServerResponse out = (this->*match.handler)(r);
  // Every committed change of a collection is a moment of the delivery
  // history (a check records a result and changes none).
  if (call->committed && match.handler != &EssSim::CheckRoute)
    history_.Record(*r.account, clock_->Now(), match.endpoint, r.actor);
  return out;
}

std::optional<ServerResponse> EssSim::Authenticate(Req& r) {
  auto header = r.http.headers.Get("Authorization");
  auto creds = header ? ParseBasicAuth(*header) : std::nullopt;
  auto it = creds ? logins_.find(creds->username) : logins_.end();
  if (it == logins_.end() ||
      !ConstantTimeEquals(creds->password, it->second.password)) {
    ServerResponse out =
        Failure(401, "UNAUTHORIZED", "missing or wrong username or password");
    out.headers.Set("WWW-Authenticate", "Basic realm=\"ClientNet\"");
    return out;
  }
  r.call->account = it->second.customer;
  if (!it->second.admin)
    return Failure(403, "FORBIDDEN",
                   "user " + creds->username + " has no administrator rights");
  r.account = &accounts_.at(it->second.customer);
  r.actor = creds->username;
  return std::nullopt;
}

std::string EssSim::AccountOf(const ServerRequest& request) {
  auto header = request.headers.Get("Authorization");
  auto creds = header ? ParseBasicAuth(*header) : std::nullopt;
  if (!creds) return "";
  std::lock_guard<std::mutex> l(mu_);
  auto it = logins_.find(creds->username);
  if (it == logins_.end() ||
      !ConstantTimeEquals(creds->password, it->second.password))
    return "";
  return it->second.customer;
}

std::optional<ServerResponse> EssSim::RateLimit(Req& r) {
  if (settings_.rate_limit_size <= 0) return std::nullopt;
  Timestamp now = clock_->Now();
  auto window = std::chrono::seconds(settings_.rate_limit_window_s);
  Window& w = windows_[r.account->customer];
  if (w.used == 0 || now - w.start >= window) w = Window{now, 0};
  if (w.used < settings_.rate_limit_size) {
    ++w.used;
    return std::nullopt;
  }
  auto left = std::chrono::duration<double>(window - (now - w.start)).count();
  int retry = std::max(1, static_cast<int>(std::ceil(left)));
  ServerResponse out =
      Failure(429, "RATE_LIMITED", "too many requests; retry later");
  out.headers.Set("Retry-After", std::to_string(retry));
  return out;
}

std::optional<ServerResponse> EssSim::CheckIfMatch(const Req& r,
                                                   const std::string& etag) {
  auto if_match = r.http.headers.Get("If-Match");
  if (!if_match)
    return Failure(428, "PRECONDITION_REQUIRED",
                   "send If-Match with the collection's etag");
  if (!EtagMatches(*if_match, etag))
    return Failure(412, "OPTIMISTIC_LOCK",
                   "the collection changed since it was read; read it again");
  return std::nullopt;
}

void EssSim::Log(Req& r, const std::string& action, const std::string& object,
                 const std::string& address, const std::string& reason,
                 const std::string& note,
                 const std::optional<std::string>& ticket) {
  auto opt = [](const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
  };
  r.account->log.push_back(Change{clock_->Now(), r.actor, action, object,
                                  opt(address), opt(reason), opt(note),
                                  ticket});
}

nlohmann::json EssSim::SetJson(const RouteSet& set) {
  nlohmann::json routes = nlohmann::json::array();
  Timestamp now = clock_->Now();
  for (size_t i = 0; i < set.routes.size(); ++i)
    routes.push_back(RouteJson(set.routes[i], static_cast<int>(i) + 1, now));
  return routes;
}

Status EssSim::CustomerChange(const std::string& customer) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = accounts_.find(customer);
  if (it == accounts_.end())
    return Status::NotFound("no ESS account " + customer);
  Account& a = it->second;
  Timestamp now = clock_->Now();
  auto edit = [&](const std::string& collection) {
    a.log.push_back(Change{now, "customer", "update", collection, std::nullopt,
                           std::nullopt, "edited in the console",
                           std::nullopt});
    return NextEtag(a, collection);
  };
  a.default_routes.etag = edit(kDefaultCollection);
  for (Domain& d : a.domains) {
    if (d.route_mode == "custom")
      d.routes.etag = edit(DomainCollection(d.name));
  }
  a.outbound.etag = edit(kOutboundCollection);
  a.named_routes.etag = edit(kNamedCollection);
  return Status::Ok();
}

Status EssSim::Configure(const nlohmann::json& j) {
  if (!j.is_object()) return Status::InvalidArgument("settings: a JSON object");
  std::lock_guard<std::mutex> l(mu_);
  EssSettings s = settings_;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const auto& v = it.value();
    if (it.key() == "check_outcome") {
      if (!v.is_string() || (v != "PASS" && v != "FAIL"))
        return Status::InvalidArgument("check_outcome: \"PASS\" or \"FAIL\"");
      s.check_outcome = v.get<std::string>();
    } else if (it.key() == "check_timeout_ms") {
      if (!v.is_number_integer() || v.get<int64_t>() < 1 ||
          v.get<int64_t>() > 60000)
        return Status::InvalidArgument("check_timeout_ms: 1-60000");
      s.check_timeout_ms = v.get<int>();
    } else if (it.key() == "check_loopback_smtp") {
      if (!v.is_boolean())
        return Status::InvalidArgument("check_loopback_smtp: true or false");
      s.check_loopback_smtp = v.get<bool>();
    } else if (it.key() == "rate_limit") {
      auto size =
          v.is_object() ? v.value("size", nlohmann::json()) : nlohmann::json();
      auto win = v.is_object() ? v.value("window_s", nlohmann::json(60))
                               : nlohmann::json();
      if (!size.is_number_integer() || size.get<int64_t>() < 0 ||
          !win.is_number_integer() || win.get<int64_t>() < 1 ||
          win.get<int64_t>() > 86400 ||
          v.size() != (v.contains("window_s") ? 2u : 1u))
        return Status::InvalidArgument(
            "rate_limit: {\"size\": N >= 0, \"window_s\": 1-86400}");
      s.rate_limit_size = size.get<int>();
      s.rate_limit_window_s = win.get<int>();
      windows_.clear();
    } else {
      return Status::InvalidArgument("unknown ESS simulator setting \"" +
                                     it.key() + "\"");
    }
  }
  settings_ = s;
  return Status::Ok();
}

nlohmann::json EssSim::Settings() const {
  std::lock_guard<std::mutex> l(mu_);
  return {{"check_outcome", settings_.check_outcome},
          {"check_timeout_ms", settings_.check_timeout_ms},
          {"check_loopback_smtp", settings_.check_loopback_smtp},
          {"rate_limit",
           {{"size", settings_.rate_limit_size},
            {"window_s", settings_.rate_limit_window_s}}}};
}

nlohmann::json EssSim::SaveState() const {
  std::lock_guard<std::mutex> l(mu_);
  nlohmann::json accounts = nlohmann::json::array();
  for (const auto& [id, a] : accounts_) accounts.push_back(AccountToState(a));
  return {{"version", 1}, {"accounts", accounts}};
}

Status EssSim::LoadState(const nlohmann::json& state) {
  if (!state.is_object() || state.value("version", 0) != 1 ||
      !state.contains("accounts") || !state["accounts"].is_array())
    return Status::InvalidArgument(
        "ESS simulator state: expected {\"version\": 1, \"accounts\": [...]}");
  std::map<std::string, Account> loaded;
  for (const auto& j : state["accounts"]) {
    RN_ASSIGN_OR_RETURN(Account a, AccountFromState(j));
    std::string id = a.customer;
    loaded[id] = std::move(a);
  }
  std::lock_guard<std::mutex> l(mu_);
  accounts_ = std::move(loaded);
  windows_.clear();
  IndexLogins();
  history_.Reset(accounts_, clock_->Now(), "loaded");
  return Status::Ok();
}

std::optional<ServerResponse> EssSim::HandleAdmin(const ServerRequest& req) {
  const std::string prefix = "/_sim/delivery/";
  if (req.path.rfind(prefix, 0) != 0) return std::nullopt;
  auto error = [](int status, const std::string& message) {
    ServerResponse out;
    out.status = status;
    out.headers.Set("Content-Type", "application/json; charset=utf-8");
    out.body = nlohmann::json{{"error", message}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    return out;
  };
  if (req.method != "GET") return error(405, "use GET");
  std::vector<std::string> down;
  if (auto it = req.query_params.find("down"); it != req.query_params.end()) {
    for (const std::string& item : Split(it->second, ',')) {
      auto address = NormalizeRouteAddress(item);
      if (!address) return error(400, "down: '" + item + "' is not an address");
      down.push_back(*address);
    }
  }
  const std::string customer = req.path.substr(prefix.size());
  std::lock_guard<std::mutex> l(mu_);
  auto account = accounts_.find(customer);
  if (account == accounts_.end())
    return error(404, "no ESS account " + customer);
  auto answer = history_.Answer(account->second, down);
  if (!answer) return error(404, "no delivery history for " + customer);
  ServerResponse out;
  out.headers.Set("Content-Type", "application/json; charset=utf-8");
  out.body = answer->dump();
  return out;
}

}  // namespace renumber::ess_sim

namespace renumber {

std::unique_ptr<SimApi> NewEssSimApi(const std::vector<SimCustomer>& customers,
                                     Clock* clock) {
  return std::make_unique<ess_sim::EssSim>(customers, clock);
}

}  // namespace renumber
