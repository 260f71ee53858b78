#include "adapters/cdn/simulator/model.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

json OptString(const std::optional<std::string>& s) {
  return s ? json(*s) : json(nullptr);
}

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
          {"override_host", OptString(b.override_host)},
          {"ssl_cert_hostname", OptString(b.ssl_cert_hostname)},
          {"ssl_sni_hostname", OptString(b.ssl_sni_hostname)},
          {"ssl_check_cert", b.ssl_check_cert},
          {"healthcheck", OptString(b.healthcheck)},
          {"auto_loadbalance", b.auto_loadbalance},
          {"weight", b.weight},
          {"shield", OptString(b.shield)},
          {"request_condition", b.request_condition},
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

json VersionToWire(const Version& v, const std::string& service_id) {
  return {{"number", v.number},
          {"active", v.active},
          {"locked", v.locked},
          {"comment", v.comment},
          {"service_id", service_id}};
}

json WithOwner(json j, const std::string& service_id, int version) {
  j["service_id"] = service_id;
  j["version"] = version;
  return j;
}

json VersionToState(const Version& v) {
  return {{"number", v.number},
          {"active", v.active},
          {"locked", v.locked},
          {"comment", v.comment},
          {"backends", ListToJson(v.backends)},
          {"healthchecks", ListToJson(v.healthchecks)},
          {"directors", ListToJson(v.directors)},
          {"conditions", ListToJson(v.conditions)},
          {"domains", ListToJson(v.domains)}};
}

json ServiceToState(const Service& s) {
  json versions = json::array();
  for (const Version& v : s.versions) versions.push_back(VersionToState(v));
  return {{"id", s.id},
          {"name", s.name},
          {"account", s.account},
          {"versions", versions}};
}

json AccountToState(const Account& a) {
  json tokens = json::array();
  for (const Token& t : a.tokens)
    tokens.push_back({{"token", t.token}, {"scope", t.scope}});
  return {{"id", a.id}, {"customer_id", a.customer_id}, {"tokens", tokens}};
}

}  // namespace renumber::cdnsim
