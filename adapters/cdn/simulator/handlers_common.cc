// Lookups and version operations shared by the CDN simulator's handlers.
#include "adapters/cdn/simulator/handlers.h"

namespace renumber::cdnsim {

ApiReply ErrorReply(int status, const std::string& msg,
                    const std::string& detail) {
  ApiReply r;
  r.status = status;
  r.body = {{"msg", msg}, {"detail", detail}};
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
    *error = BadRequest("Version '" + std::to_string(v->number) +
                        "' for service '" + (*service)->id + "' is locked");
    return nullptr;
  }
  return v;
}

Version& CloneVersionOf(Service& service, int from) {
  Version copy = *service.Find(from);
  copy.number = static_cast<int>(service.versions.size()) + 1;
  copy.active = false;
  copy.locked = false;
  service.versions.push_back(std::move(copy));
  return service.versions.back();
}

void ActivateVersionOf(Service& service, int number) {
  for (Version& v : service.versions) v.active = false;
  Version* v = service.Find(number);
  v->active = true;
  v->locked = true;
}

}  // namespace renumber::cdnsim
