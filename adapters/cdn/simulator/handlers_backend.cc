// Backends: list, get, create (within the service's backend limit), update
// (and rename), delete (refused while a director names the backend).
#include "adapters/cdn/simulator/fields.h"
#include "adapters/cdn/simulator/handlers.h"
#include "adapters/cdn/simulator/wire.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

std::vector<Backend>::iterator FindBackend(Version& v,
                                           const std::string& name) {
  auto it = v.backends.begin();
  while (it != v.backends.end() && it->name != name) ++it;
  return it;
}

ApiReply BackendReply(const Backend& b, const Service& s, const Version& v,
                      bool committed) {
  ApiReply r;
  r.body = BackendWire(b, s, v);
  r.committed = committed;
  return r;
}

ApiReply NoBackend(const std::string& name, const Service& s,
                   const Version& v) {
  return NotFound("Cannot find backend '" + name + "' in version '" +
                  std::to_string(v.number) + "' of service '" + s.id + "'");
}

ApiReply Duplicate(const std::string& name, const Service& s,
                   const Version& v) {
  return ErrorReply(409, "Duplicate record",
                    "Backend '" + name + "' already exists in version '" +
                        std::to_string(v.number) + "' of service '" + s.id +
                        "'");
}

}  // namespace

ApiReply ListBackends(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &r);
  if (!v) return r;
  r.body = json::array();
  for (const Backend& b : v->backends) r.body.push_back(BackendWire(b, *s, *v));
  return r;
}

ApiReply GetBackend(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &error);
  if (!v) return error;
  const std::string& name = req.params.at("name");
  auto it = FindBackend(*v, name);
  if (it == v->backends.end()) return NoBackend(name, *s, *v);
  return BackendReply(*it, *s, *v, false);
}

ApiReply CreateBackend(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = nullptr;
  Version* v = FindDraft(state, req, &s, &error);
  if (!v) return error;
  Backend b;
  auto name = req.form.find("name");
  b.name = name == req.form.end() ? "" : name->second;
  Status st = CheckName("Backend", b.name);
  if (st.ok() && !req.form.count("address"))
    st = Status::InvalidArgument("Address can't be blank");
  if (st.ok()) st = ApplyBackendForm(req.form, &b);
  if (!st.ok()) return BadRequest(st.message());
  if (FindBackend(*v, b.name) != v->backends.end())
    return Duplicate(b.name, *s, *v);
  if (static_cast<int>(v->backends.size()) >= s->backend_limit)
    return ErrorReply(422, "Unprocessable Entity",
                      "Service '" + s->id + "' may hold at most " +
                          std::to_string(s->backend_limit) +
                          " backends per version (an account setting)");
  v->backends.push_back(b);
  Touch(state, v);
  return BackendReply(b, *s, *v, true);
}

ApiReply UpdateBackend(CdnState& state, const ApiRequest& req) {
  ApiReply error;
  Service* s = nullptr;
  Version* v = FindDraft(state, req, &s, &error);
  if (!v) return error;
  auto it = FindBackend(*v, req.params.at("name"));
  if (it == v->backends.end()) return NoBackend(req.params.at("name"), *s, *v);
  Backend b = *it;
  Status st = ApplyBackendForm(req.form, &b);
  auto rename = req.form.find("name");
  if (st.ok() && rename != req.form.end()) {
    st = CheckName("Backend", rename->second);
    b.name = rename->second;
  }
  if (!st.ok()) return BadRequest(st.message());
  if (b.name != it->name && FindBackend(*v, b.name) != v->backends.end())
    return Duplicate(b.name, *s, *v);
  *it = b;
  Touch(state, v);
  return BackendReply(b, *s, *v, true);
}

ApiReply DeleteBackend(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = FindDraft(state, req, &s, &r);
  if (!v) return r;
  const std::string& name = req.params.at("name");
  auto it = FindBackend(*v, name);
  if (it == v->backends.end()) return NoBackend(name, *s, *v);
  for (const Director& d : v->directors)
    for (const std::string& member : d.backends)
      if (member == name)
        return ErrorReply(422, "Unprocessable Entity",
                          "Backend '" + name + "' is used by director '" +
                              d.name + "': remove it from the director first");
  v->backends.erase(it);
  Touch(state, v);
  r.body = {{"status", "ok"}};
  r.committed = true;
  return r;
}

}  // namespace renumber::cdnsim
