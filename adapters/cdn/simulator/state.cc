#include "adapters/cdn/simulator/state.h"

#include <set>

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

Status PositiveInt(const json& j, const char* key, int* out) {
  auto it = j.find(key);
  if (it == j.end()) return Status::Ok();
  if (!it->is_number_integer() || it->get<int64_t>() < 1 ||
      it->get<int64_t>() > 1000000000)
    return Status::InvalidArgument(std::string("rate_limit.") + key +
                                   " must be an integer from 1 to 1000000000");
  *out = it->get<int>();
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

}  // namespace

json SettingsJson(const RateLimitConfig& c) {
  return {{"rate_limit", {{"size", c.size}, {"window_s", c.window_s}}}};
}

Result<RateLimitConfig> RateLimitFromSettings(const json& settings,
                                              RateLimitConfig current) {
  if (!settings.is_object())
    return Status::InvalidArgument("CDN settings must be a JSON object");
  for (const auto& [key, value] : settings.items()) {
    if (key != "rate_limit")
      return Status::InvalidArgument("unknown CDN setting '" + key +
                                     "' (known: rate_limit)");
    if (!value.is_object())
      return Status::InvalidArgument("rate_limit must be an object");
    for (const auto& item : value.items())
      if (item.key() != "size" && item.key() != "window_s")
        return Status::InvalidArgument("unknown rate_limit setting '" +
                                       item.key() +
                                       "' (known: size, "
                                       "window_s)");
    RN_RETURN_IF_ERROR(PositiveInt(value, "size", &current.size));
    RN_RETURN_IF_ERROR(PositiveInt(value, "window_s", &current.window_s));
  }
  return current;
}

json StateToJson(const CdnState& state) {
  json accounts = json::array(), services = json::array();
  for (const Account& a : state.accounts) accounts.push_back(AccountToState(a));
  for (const Service& s : state.services) services.push_back(ServiceToState(s));
  json out = SettingsJson(state.limiter.config());
  out["format"] = kStateFormat;
  out["accounts"] = accounts;
  out["services"] = services;
  return out;
}

Status StateFromJson(const json& j, CdnState* state) {
  if (!j.is_object() || j.value("format", "") != kStateFormat)
    return Status::InvalidArgument(std::string("cdn state: format must be '") +
                                   kStateFormat + "'");
  CdnState loaded;
  RN_RETURN_IF_ERROR(
      ReadAll(j, "accounts", &loaded.accounts, AccountFromState));
  RN_RETURN_IF_ERROR(
      ReadAll(j, "services", &loaded.services, ServiceFromState));
  RN_RETURN_IF_ERROR(CheckUnique(loaded));
  json settings = json::object();
  if (j.contains("rate_limit")) settings["rate_limit"] = j["rate_limit"];
  RN_ASSIGN_OR_RETURN(RateLimitConfig config,
                      RateLimitFromSettings(settings, RateLimitConfig{}));
  loaded.limiter.Reconfigure(config);
  *state = std::move(loaded);
  return Status::Ok();
}

Status ApplyCustomerChange(CdnState* state, const std::string& account) {
  bool known = false;
  for (const Account& a : state->accounts) known = known || a.id == account;
  if (!known) return Status::NotFound("no CDN account " + account);
  for (Service& s : state->services) {
    if (s.account != account || !s.Active()) continue;
    Version& v = CloneVersionOf(s, s.ActiveNumber());
    v.comment = "Changed by the customer in the console";
    if (!v.backends.empty())
      v.backends.front().comment = "edited in the console";
    ActivateVersionOf(s, v.number);
    return Status::Ok();
  }
  return Status::NotFound("CDN account " + account +
                          " has no service with an active version");
}

}  // namespace renumber::cdnsim
