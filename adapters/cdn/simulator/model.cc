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

json ToJson(const Backend& b) {
  return {{"name", b.name},
          {"address", b.address},
          {"port", b.port},
          {"use_ssl", b.use_ssl},
          {"override_host", sim::OptionalJson(b.override_host)},
          {"ssl_cert_hostname", sim::OptionalJson(b.ssl_cert_hostname)},
          {"ssl_sni_hostname", sim::OptionalJson(b.ssl_sni_hostname)},
          {"ssl_check_cert", b.ssl_check_cert},
          {"healthcheck", sim::OptionalJson(b.healthcheck)},
          {"auto_loadbalance", b.auto_loadbalance},
          {"weight", b.weight},
          {"shield", sim::OptionalJson(b.shield)},
          {"request_condition", b.request_condition},
          {"share_key", sim::OptionalJson(b.share_key)},
          {"connect_timeout", b.connect_timeout},
          {"first_byte_timeout", b.first_byte_timeout},
          {"between_bytes_timeout", b.between_bytes_timeout},
          {"max_conn", b.max_conn},
          {"comment", b.comment}};
}

json ToJson(const Healthcheck& h) {
  return {{"name", h.name},
          {"host", h.host},
          {"path", h.path},
          {"method", h.method},
          {"expected_response", h.expected_response},
          {"check_interval", h.check_interval},
          {"threshold", h.threshold},
          {"window", h.window},
          {"initial", h.initial},
          {"timeout", h.timeout},
          {"comment", h.comment}};
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
