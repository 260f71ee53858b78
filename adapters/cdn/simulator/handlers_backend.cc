// Backends: list, get, create, update (and rename), delete.
#include "adapters/cdn/simulator/fields.h"
#include "adapters/cdn/simulator/handlers.h"

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
  r.body = WithOwner(ToJson(b), s.id, v.number);
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
  for (const Backend& b : v->backends)
    r.body.push_back(WithOwner(ToJson(b), s->id, v->number));
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
  v->backends.push_back(b);
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
  return BackendReply(b, *s, *v, true);
}

ApiReply DeleteBackend(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = FindDraft(state, req, &s, &r);
  if (!v) return r;
  auto it = FindBackend(*v, req.params.at("name"));
  if (it == v->backends.end()) return NoBackend(req.params.at("name"), *s, *v);
  v->backends.erase(it);  // directors keep the name: see README.md
  r.body = {{"status", "ok"}};
  r.committed = true;
  return r;
}

}  // namespace renumber::cdnsim
