#include "adapters/cdn/simulator/model.h"

#include "src/sim/sim_json.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

template <typename T>
json ListToJson(const std::vector<T>& items) {
  json out = json::array();
  for (const T& item : items) out.push_back(ToJson(item));
  return out;
}

}  // namespace

Version* Service::Find(int number) {
  if (number < 1 || number > static_cast<int>(versions.size())) return nullptr;
  return &versions[number - 1];
}

const Version* Service::Find(int number) const {
  return const_cast<Service*>(this)->Find(number);
}

const Version* Service::Active() const {
  for (const Version& v : versions)
    if (v.active) return &v;
  return nullptr;
}

int Service::ActiveNumber() const {
  const Version* v = Active();
  return v ? v->number : 0;
}

// Writes the fields VisitBackendFields and VisitHealthcheckFields name into
// a state-form object: unset optional text as null.
class StateWriter {
 public:
  void Name(const char* key, const std::string* v) { out_[key] = *v; }
  void Address(const char* key, const std::string* v) { out_[key] = *v; }
  void Str(const char* key, const std::string* v) { out_[key] = *v; }
  void OptStr(const char* key, const std::optional<std::string>* v) {
    out_[key] = sim::OptionalJson(*v);
  }
  void Bool(const char* key, const bool* v) { out_[key] = *v; }
  void Int(const char* key, const int* v, int, int) { out_[key] = *v; }
  json Take() { return std::move(out_); }

 private:
  json out_ = json::object();
};

json ToJson(const Backend& b) {
  StateWriter w;
  VisitBackendFields(b, w);
  return w.Take();
}

json ToJson(const Healthcheck& h) {
  StateWriter w;
  VisitHealthcheckFields(h, w);
  return w.Take();
}

json ToJson(const Director& d) {
  return {{"name", d.name},         {"type", d.type},
          {"quorum", d.quorum},     {"retries", d.retries},
          {"backends", d.backends}, {"comment", d.comment}};
}

json ToJson(const Condition& c) {
  return {{"name", c.name},
          {"statement", c.statement},
          {"type", c.type},
          {"priority", c.priority}};
}

json ToJson(const Domain& d) {
  return {{"name", d.name}, {"comment", d.comment}};
}

json ToJson(const Vcl& v) {
  return {{"name", v.name}, {"content", v.content}, {"main", v.main}};
}

json ToJson(const Snippet& s) {
  return {{"name", s.name},
          {"type", s.type},
          {"content", s.content},
          {"dynamic", s.dynamic},
          {"priority", s.priority}};
}

json ToJson(const Pool& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"quorum", p.quorum},
          {"use_tls", p.use_tls},
          {"tls_cert_hostname", sim::OptionalJson(p.tls_cert_hostname)},
          {"comment", p.comment}};
}

json ToJson(const PoolServer& p) {
  return {
      {"id", p.id},          {"address", p.address},   {"port", p.port},
      {"weight", p.weight},  {"max_conn", p.max_conn}, {"disabled", p.disabled},
      {"comment", p.comment}};
}

json VersionToState(const Version& v) {
  return {{"number", v.number},
          {"active", v.active},
          {"locked", v.locked},
          {"comment", v.comment},
          {"created_at", v.created_at},
          {"updated_at", v.updated_at},
          {"backends", ListToJson(v.backends)},
          {"healthchecks", ListToJson(v.healthchecks)},
          {"directors", ListToJson(v.directors)},
          {"conditions", ListToJson(v.conditions)},
          {"domains", ListToJson(v.domains)},
          {"vcls", ListToJson(v.vcls)},
          {"snippets", ListToJson(v.snippets)},
          {"pools", ListToJson(v.pools)}};
}

json ServiceToState(const Service& s) {
  json versions = json::array();
  for (const Version& v : s.versions) versions.push_back(VersionToState(v));
  json servers = json::object();
  for (const auto& [pool, list] : s.pool_servers)
    servers[pool] = ListToJson(list);
  return {{"id", s.id},
          {"name", s.name},
          {"account", s.account},
          {"type", s.type},
          {"backend_limit", s.backend_limit},
          {"created_at", s.created_at},
          {"versions", versions},
          {"pool_servers", servers}};
}

json ToJson(const Token& t) {
  return {{"token", t.token},
          {"scope", t.scope},
          {"user_id", t.user_id},
          {"id", t.id}};
}

json AccountToState(const Account& a) {
  return {{"id", a.id},
          {"customer_id", a.customer_id},
          {"tokens", ListToJson(a.tokens)}};
}

}  // namespace renumber::cdnsim
