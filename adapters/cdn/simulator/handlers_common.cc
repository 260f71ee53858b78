// Lookups and version operations shared by the CDN simulator's handlers.
#include "adapters/cdn/simulator/handlers.h"
#include "adapters/cdn/simulator/routing.h"

namespace renumber::cdnsim {

std::string CdnState::Now() const {
  return (clock ? clock->Now() : RealClock()->Now()).ToRfc3339();
}

const Account* CdnState::FindAccount(const std::string& id) const {
  for (const Account& a : accounts)
    if (a.id == id) return &a;
  return nullptr;
}

ApiReply ErrorReply(int status, const std::string& msg,
                    const std::string& detail) {
  ApiReply r;
  r.status = status;
  r.body = {{"msg", msg}, {"detail", detail}};
  return r;
}

ApiReply ErrorsReply(int status, const std::string& title,
                     const std::string& detail) {
  ApiReply r;
  r.status = status;
  r.content_type = "application/vnd.api+json";
  r.body = {{"errors", {{{"title", title}, {"detail", detail}}}}};
  return r;
}

ApiReply ProblemReply(int status, const std::string& title,
                      const std::string& detail) {
  ApiReply r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = {{"title", title}, {"detail", detail}, {"status", status}};
  return r;
}

ApiReply BadRequest(const std::string& detail) {
  return ErrorReply(400, "Bad request", detail);
}

ApiReply NotFound(const std::string& detail) {
  return ErrorReply(404, "Record not found", detail);
}

Service* FindService(CdnState& state, const ApiRequest& req, ApiReply* error) {
  const std::string& sid = req.params.at("sid");
  for (Service& s : state.services)
    if (s.id == sid && s.account == req.account->id) return &s;
  *error = NotFound("Cannot find service '" + sid + "'");
  return nullptr;
}

Version* FindVersion(CdnState& state, const ApiRequest& req, Service** service,
                     ApiReply* error) {
  Service* s = FindService(state, req, error);
  if (!s) return nullptr;
  const std::string& text = req.params.at("v");
  auto number = ParseFormInt(text);
  if (!number.ok() || *number < 1) {
    *error = BadRequest("Version '" + text + "' is not a version number");
    return nullptr;
  }
  Version* v = s->Find(*number);
  if (!v) {
    *error = NotFound("Cannot find version '" + text + "' of service '" +
                      s->id + "'");
    return nullptr;
  }
  *service = s;
  return v;
}

Version* FindDraft(CdnState& state, const ApiRequest& req, Service** service,
                   ApiReply* error) {
  Version* v = FindVersion(state, req, service, error);
  if (v && (v->locked || v->active)) {
    *error = ErrorReply(422, "Version locked",
                        "Version '" + std::to_string(v->number) +
                            "' for service '" + (*service)->id +
                            "' is locked and cannot be changed; clone it");
    return nullptr;
  }
  return v;
}

void Touch(CdnState& state, Version* v) { v->updated_at = state.Now(); }

Version& CloneVersionOf(CdnState& state, Service& service, int from) {
  Version copy = *service.Find(from);
  copy.number = static_cast<int>(service.versions.size()) + 1;
  copy.active = false;
  copy.locked = false;
  copy.created_at = copy.updated_at = state.Now();
  service.versions.push_back(std::move(copy));
  return service.versions.back();
}

void ActivateVersionOf(CdnState& state, Service& service, int number,
                       const std::string& by) {
  const int previous = service.ActiveNumber();
  for (Version& v : service.versions) v.active = false;
  Version* v = service.Find(number);
  v->active = true;
  v->locked = true;
  v->updated_at = state.Now();
  Activation a;
  a.seq = static_cast<int>(state.history.size()) + 1;
  a.service_id = service.id;
  a.account = service.account;
  a.version = number;
  a.previous = previous;
  a.at = v->updated_at;
  a.by = by;
  a.routes = RouteToJson(RouteVersion(service, *v, {}));
  Health old_down;
  auto old = state.old_ips.find(service.account);
  if (old != state.old_ips.end()) old_down.down_addresses.insert(old->second);
  a.routes_old_down = RouteToJson(RouteVersion(service, *v, old_down));
  a.config = VersionToState(*v);
  state.history.push_back(std::move(a));
}

}  // namespace renumber::cdnsim
