// Healthchecks (list, create, delete) and directors (list, add and remove
// members).
#include "adapters/cdn/simulator/fields.h"
#include "adapters/cdn/simulator/handlers.h"
#include "adapters/cdn/simulator/wire.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

template <typename T, typename F>
json OwnedList(const std::vector<T>& items, const Service& s, const Version& v,
               F wire) {
  json out = json::array();
  for (const T& item : items) out.push_back(wire(item, s, v));
  return out;
}

std::string InVersion(const Service& s, const Version& v) {
  return " in version '" + std::to_string(v.number) + "' of service '" + s.id +
         "'";
}

// The director and backend a member request names (404 when either is
// missing), on a writable version.
Director* FindMembership(CdnState& state, const ApiRequest& req, Service** s,
                         Version** v, ApiReply* error) {
  *v = FindDraft(state, req, s, error);
  if (!*v) return nullptr;
  const std::string& dname = req.params.at("dname");
  for (Director& d : (*v)->directors) {
    if (d.name != dname) continue;
    for (const Backend& b : (*v)->backends)
      if (b.name == req.params.at("bname")) return &d;
    *error = NotFound("Cannot find backend '" + req.params.at("bname") + "'" +
                      InVersion(**s, **v));
    return nullptr;
  }
  *error =
      NotFound("Cannot find director '" + dname + "'" + InVersion(**s, **v));
  return nullptr;
}

json Membership(const Director& d, const std::string& backend, const Service& s,
                const Version& v) {
  return {{"director", d.name},
          {"backend_name", backend},
          {"service_id", s.id},
          {"version", v.number}};
}

}  // namespace

ApiReply ListHealthchecks(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &r);
  if (!v) return r;
  r.body = OwnedList(v->healthchecks, *s, *v, HealthcheckWire);
  return r;
}

ApiReply CreateHealthcheck(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = FindDraft(state, req, &s, &r);
  if (!v) return r;
  Healthcheck h;
  auto name = req.form.find("name");
  h.name = name == req.form.end() ? "" : name->second;
  Status st = CheckName("Healthcheck", h.name);
  if (st.ok()) st = ApplyHealthcheckForm(req.form, &h);
  if (!st.ok()) return BadRequest(st.message());
  for (const Healthcheck& existing : v->healthchecks)
    if (existing.name == h.name)
      return ErrorReply(
          409, "Duplicate record",
          "Healthcheck '" + h.name + "' already exists" + InVersion(*s, *v));
  v->healthchecks.push_back(h);
  Touch(state, v);
  r.body = HealthcheckWire(h, *s, *v);
  r.committed = true;
  return r;
}

ApiReply DeleteHealthcheck(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = FindDraft(state, req, &s, &r);
  if (!v) return r;
  const std::string& name = req.params.at("name");
  for (auto it = v->healthchecks.begin(); it != v->healthchecks.end(); ++it) {
    if (it->name != name) continue;
    // Like the real service, backends that still name it are not checked
    // here: validation reports them.
    v->healthchecks.erase(it);
    Touch(state, v);
    r.body = {{"status", "ok"}};
    r.committed = true;
    return r;
  }
  return NotFound("Cannot find healthcheck '" + name + "'" + InVersion(*s, *v));
}

ApiReply ListDirectors(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = FindVersion(state, req, &s, &r);
  if (!v) return r;
  r.body = OwnedList(v->directors, *s, *v, DirectorWire);
  return r;
}

ApiReply AddDirectorBackend(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = nullptr;
  Director* d = FindMembership(state, req, &s, &v, &r);
  if (!d) return r;
  const std::string& bname = req.params.at("bname");
  for (const std::string& member : d->backends)
    if (member == bname)
      return ErrorReply(409, "Duplicate record",
                        "Backend '" + bname + "' is already in director '" +
                            d->name + "'" + InVersion(*s, *v));
  d->backends.push_back(bname);
  Touch(state, v);
  r.body = Membership(*d, bname, *s, *v);
  r.committed = true;
  return r;
}

ApiReply RemoveDirectorBackend(CdnState& state, const ApiRequest& req) {
  ApiReply r;
  Service* s = nullptr;
  Version* v = FindDraft(state, req, &s, &r);
  if (!v) return r;
  const std::string& dname = req.params.at("dname");
  const std::string& bname = req.params.at("bname");
  for (Director& d : v->directors) {
    if (d.name != dname) continue;
    for (auto it = d.backends.begin(); it != d.backends.end(); ++it) {
      if (*it != bname) continue;
      d.backends.erase(it);
      Touch(state, v);
      r.body = {{"status", "ok"}};
      r.committed = true;
      return r;
    }
    return NotFound("Backend '" + bname + "' is not in director '" + dname +
                    "'" + InVersion(*s, *v));
  }
  return NotFound("Cannot find director '" + dname + "'" + InVersion(*s, *v));
}

}  // namespace renumber::cdnsim
