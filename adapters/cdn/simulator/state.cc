#include "adapters/cdn/simulator/state.h"

#include <set>

#include "adapters/cdn/simulator/routing.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

Status PositiveInt(const json& j, const std::string& what, int* out) {
  if (!j.is_number_integer() || j.get<int64_t>() < 1 ||
      j.get<int64_t>() > 1000000000)
    return Status::InvalidArgument(what +
                                   " must be an integer from 1 to 1000000000");
  *out = j.get<int>();
  return Status::Ok();
}

Status CheckUnique(const CdnState& s) {
  std::set<std::string> ids, tokens;
  for (const Account& a : s.accounts) {
    if (!ids.insert(a.id).second)
      return Status::InvalidArgument("cdn state: account " + a.id +
                                     " appears twice");
    for (const Token& t : a.tokens)
      if (!tokens.insert(t.token).second)
        return Status::InvalidArgument("cdn state: a token appears twice");
  }
  std::set<std::string> services;
  for (const Service& svc : s.services) {
    if (!ids.count(svc.account))
      return Status::InvalidArgument("cdn state: service " + svc.id +
                                     " belongs to unknown account " +
                                     svc.account);
    if (!services.insert(svc.id).second)
      return Status::InvalidArgument("cdn state: service " + svc.id +
                                     " appears twice");
  }
  return Status::Ok();
}

template <typename T, typename F>
Status ReadAll(const json& j, const char* key, std::vector<T>* out, F from) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array())
    return Status::InvalidArgument(std::string("cdn state: '") + key +
                                   "' must be an array");
  for (const json& item : *it) {
    RN_ASSIGN_OR_RETURN(T value, from(item));
    out->push_back(std::move(value));
  }
  return Status::Ok();
}

Status RateLimitSettings(const json& value, RateLimitConfig* c) {
  if (!value.is_object())
    return Status::InvalidArgument("rate_limit must be an object");
  for (const auto& [key, v] : value.items()) {
    if (key == "size") {
      RN_RETURN_IF_ERROR(PositiveInt(v, "rate_limit.size", &c->size));
    } else if (key == "window_s") {
      RN_RETURN_IF_ERROR(PositiveInt(v, "rate_limit.window_s", &c->window_s));
    } else if (key == "retry_after") {
      if (!v.is_boolean())
        return Status::InvalidArgument(
            "rate_limit.retry_after must be true "
            "or false");
      c->retry_after = v.get<bool>();
    } else {
      return Status::InvalidArgument("unknown rate_limit setting '" + key +
                                     "' (known: size, window_s, retry_after)");
    }
  }
  return Status::Ok();
}

Status BackendLimits(const json& value, CdnState* state) {
  if (!value.is_object())
    return Status::InvalidArgument(
        "backend_limit must be an object of "
        "service id -> limit");
  std::map<Service*, int> limits;
  for (const auto& [sid, v] : value.items()) {
    Service* found = nullptr;
    for (Service& s : state->services)
      if (s.id == sid) found = &s;
    if (!found)
      return Status::InvalidArgument("backend_limit: unknown service '" + sid +
                                     "'");
    RN_RETURN_IF_ERROR(PositiveInt(v, "backend_limit." + sid, &limits[found]));
  }
  for (auto& [s, n] : limits) s->backend_limit = n;
  return Status::Ok();
}

Activation HistoryFromJson(const json& j) {
  Activation a;
  a.seq = j.value("seq", 0);
  a.service_id = j.value("service_id", "");
  a.account = j.value("account", "");
  a.version = j.value("version", 0);
  a.previous = j.value("previous", 0);
  a.at = j.value("at", "");
  a.by = j.value("by", "");
  a.routes = j.value("routes", json());
  a.routes_old_down = j.value("routes_old_down", json());
  a.config = j.value("config", json());
  return a;
}

}  // namespace

json SettingsJson(const CdnState& state) {
  const RateLimitConfig& c = state.limiter.config();
  json limits = json::object();
  for (const Service& s : state.services) limits[s.id] = s.backend_limit;
  return {{"rate_limit",
           {{"size", c.size},
            {"window_s", c.window_s},
            {"retry_after", c.retry_after}}},
          {"max_per_page", state.settings.max_per_page},
          {"backend_limit", limits}};
}

Status ApplySettings(const json& settings, CdnState* state) {
  if (!settings.is_object())
    return Status::InvalidArgument("CDN settings must be a JSON object");
  RateLimitConfig rate = state->limiter.config();
  CdnSettings next = state->settings;
  for (const auto& [key, value] : settings.items()) {
    if (key == "rate_limit") {
      RN_RETURN_IF_ERROR(RateLimitSettings(value, &rate));
    } else if (key == "max_per_page") {
      RN_RETURN_IF_ERROR(
          PositiveInt(value, "max_per_page", &next.max_per_page));
    } else if (key != "backend_limit") {
      return Status::InvalidArgument(
          "unknown CDN setting '" + key +
          "' (known: rate_limit, max_per_page, backend_limit)");
    }
  }
  if (settings.contains("backend_limit"))
    RN_RETURN_IF_ERROR(BackendLimits(settings["backend_limit"], state));
  if (settings.contains("rate_limit")) state->limiter.Reconfigure(rate);
  state->settings = next;
  return Status::Ok();
}

json HistoryToJson(const std::vector<Activation>& history) {
  json out = json::array();
  for (const Activation& a : history)
    out.push_back({{"seq", a.seq},
                   {"service_id", a.service_id},
                   {"account", a.account},
                   {"version", a.version},
                   {"previous", a.previous},
                   {"at", a.at},
                   {"by", a.by},
                   {"routes", a.routes},
                   {"routes_old_down", a.routes_old_down},
                   {"config", a.config}});
  return out;
}

json StateToJson(const CdnState& state) {
  json accounts = json::array(), services = json::array();
  for (const Account& a : state.accounts) {
    json j = AccountToState(a);
    auto old = state.old_ips.find(a.id);
    if (old != state.old_ips.end()) j["old_ip"] = old->second;
    accounts.push_back(j);
  }
  for (const Service& s : state.services) services.push_back(ServiceToState(s));
  json out = SettingsJson(state);
  out.erase("backend_limit");  // kept per service
  out["format"] = kStateFormat;
  out["accounts"] = accounts;
  out["services"] = services;
  out["history"] = HistoryToJson(state.history);
  return out;
}

Status StateFromJson(const json& j, CdnState* state) {
  if (!j.is_object() || j.value("format", "") != kStateFormat)
    return Status::InvalidArgument(std::string("cdn state: format must be '") +
                                   kStateFormat + "'");
  CdnState loaded;
  loaded.clock = state->clock;
  RN_RETURN_IF_ERROR(
      ReadAll(j, "accounts", &loaded.accounts, AccountFromState));
  for (const json& a : j["accounts"])
    if (a.contains("old_ip") && a["old_ip"].is_string())
      loaded.old_ips[a.value("id", "")] = a["old_ip"].get<std::string>();
  RN_RETURN_IF_ERROR(
      ReadAll(j, "services", &loaded.services, ServiceFromState));
  RN_RETURN_IF_ERROR(CheckUnique(loaded));
  json settings = json::object();
  for (const char* key : {"rate_limit", "max_per_page"})
    if (j.contains(key)) settings[key] = j[key];
  RN_RETURN_IF_ERROR(ApplySettings(settings, &loaded));
  auto history = j.find("history");
  if (history != j.end() && history->is_array())
    for (const json& a : *history) loaded.history.push_back(HistoryFromJson(a));
  *state = std::move(loaded);
  return Status::Ok();
}

void RecordSeedActivations(CdnState* state) {
  for (Service& s : state->services) {
    const Version* active = s.Active();
    if (!active) continue;
    // Re-activating the active version records it without changing it.
    const std::string at = active->updated_at;
    ActivateVersionOf(*state, s, active->number, "seed");
    s.Find(active->number)->updated_at = at;
    state->history.back().at = at;
    state->history.back().previous = 0;
  }
}

Status ApplyCustomerChange(CdnState* state, const std::string& account) {
  if (!state->FindAccount(account))
    return Status::NotFound("no CDN account " + account);
  for (Service& s : state->services) {
    if (s.account != account || !s.Active() || s.type != "vcl") continue;
    Version& v = CloneVersionOf(*state, s, s.ActiveNumber());
    v.comment = "Changed by the customer in the console";
    if (!v.backends.empty())
      v.backends.front().comment = "edited in the console";
    ActivateVersionOf(*state, s, v.number, "console");
    return Status::Ok();
  }
  return Status::NotFound("CDN account " + account +
                          " has no service with an active version");
}

}  // namespace renumber::cdnsim
