#include "adapters/cdn/simulator/wire.h"

#include "src/core/ip.h"
#include "src/sim/sim_json.h"

namespace renumber::cdnsim {
namespace {

using nlohmann::json;

// The owner and timestamp fields every versioned object carries.
json Owned(json j, const Service& s, const Version& v) {
  j["service_id"] = s.id;
  j["version"] = v.number;
  j["created_at"] = v.created_at;
  j["updated_at"] = v.updated_at;
  j["deleted_at"] = nullptr;
  return j;
}

json ConfigLists(const Version& v, const Service& s) {
  json out = json::object();
  auto list = [&](const char* key, const auto& items, auto wire) {
    json arr = json::array();
    for (const auto& item : items) arr.push_back(wire(item, s, v));
    out[key] = arr;
  };
  list("backends", v.backends, BackendWire);
  list("directors", v.directors, DirectorWire);
  list("domains", v.domains, DomainWire);
  list("healthchecks", v.healthchecks, HealthcheckWire);
  list("snippets", v.snippets, SnippetWire);
  list("vcls", v.vcls, VclWire);
  json conditions = json::array();
  for (const Condition& c : v.conditions)
    conditions.push_back(Owned(ToJson(c), s, v));
  out["conditions"] = conditions;
  out["settings"] = {{"general.default_host", ""},
                     {"general.default_ttl", 3600},
                     {"general.stale_if_error", false}};
  return out;
}

}  // namespace

json BackendWire(const Backend& b, const Service& s, const Version& v) {
  json j = ToJson(b);
  j["ipv4"] = nullptr;
  j["ipv6"] = nullptr;
  j["hostname"] = nullptr;
  auto ip = IpAddress::Parse(b.address);
  if (!ip.ok())
    j["hostname"] = b.address;
  else
    j[ip->is_v4() ? "ipv4" : "ipv6"] = b.address;
  for (const char* k :
       {"ssl_ca_cert", "ssl_client_cert", "ssl_client_key", "ssl_ciphers",
        "ssl_hostname", "min_tls_version", "max_tls_version", "keepalive_time",
        "tcp_keepalive_enable", "tcp_keepalive_interval",
        "tcp_keepalive_probes", "tcp_keepalive_time"})
    j[k] = nullptr;
  j["error_threshold"] = 0;
  j["prefer_ipv6"] = false;
  j["max_tls_version"] = nullptr;
  return Owned(std::move(j), s, v);
}

json HealthcheckWire(const Healthcheck& h, const Service& s, const Version& v) {
  json j = ToJson(h);
  j["http_version"] = "1.1";
  j["headers"] = json::array();
  return Owned(std::move(j), s, v);
}

json DirectorWire(const Director& d, const Service& s, const Version& v) {
  json j = ToJson(d);
  j["shield"] = nullptr;
  j["capacity"] = 100;
  return Owned(std::move(j), s, v);
}

json DomainWire(const Domain& d, const Service& s, const Version& v) {
  return Owned(ToJson(d), s, v);
}

json VclWire(const Vcl& x, const Service& s, const Version& v) {
  return Owned(ToJson(x), s, v);
}

json SnippetWire(const Snippet& x, const Service& s, const Version& v) {
  json j = ToJson(x);
  j["id"] = x.name + "_" + s.id.substr(0, 6);
  // The real service answers these as strings.
  j["dynamic"] = std::to_string(x.dynamic);
  j["priority"] = std::to_string(x.priority);
  return Owned(std::move(j), s, v);
}

json PoolWire(const Pool& p, const Service& s, const Version& v) {
  json j = {{"id", p.id},
            {"name", p.name},
            {"comment", p.comment},
            {"quorum", std::to_string(p.quorum)},
            {"use_tls", p.use_tls ? "1" : "0"},
            {"tls_check_cert", "1"},
            {"tls_cert_hostname", sim::OptionalJson(p.tls_cert_hostname)},
            {"tls_ca_cert", nullptr},
            {"tls_ciphers", nullptr},
            {"tls_client_cert", nullptr},
            {"tls_client_key", nullptr},
            {"tls_sni_hostname", nullptr},
            {"min_tls_version", nullptr},
            {"max_tls_version", nullptr},
            {"healthcheck", nullptr},
            {"shield", nullptr},
            {"request_condition", nullptr},
            {"type", "random"},
            {"override_host", nullptr},
            {"connect_timeout", "1000"},
            {"first_byte_timeout", "15000"},
            {"between_bytes_timeout", "10000"},
            {"max_conn_default", "200"}};
  json owned = Owned(std::move(j), s, v);
  owned["version"] = std::to_string(v.number);
  return owned;
}

json PoolServerWire(const PoolServer& p, const std::string& pool_id,
                    const Service& s) {
  json j = ToJson(p);
  j["pool_id"] = pool_id;
  j["service_id"] = s.id;
  j["override_host"] = nullptr;
  j["created_at"] = s.created_at;
  j["updated_at"] = s.created_at;
  j["deleted_at"] = nullptr;
  return j;
}

json VersionWire(const Version& v, const Service& s) {
  return {{"number", v.number},
          {"active", v.active},
          {"locked", v.locked},
          {"comment", v.comment},
          {"service_id", s.id},
          {"created_at", v.created_at},
          {"updated_at", v.updated_at},
          {"deleted_at", nullptr},
          {"deployed", false},
          {"staging", false},
          {"testing", false}};
}

json ServiceListWire(const Service& s, const std::string& customer_id) {
  json versions = json::array();
  for (const Version& v : s.versions) versions.push_back(VersionWire(v, s));
  const std::string updated =
      s.versions.empty() ? s.created_at : s.versions.back().updated_at;
  return {{"id", s.id},
          {"name", s.name},
          {"type", s.type},
          {"version", s.ActiveNumber()},
          {"customer_id", customer_id},
          {"comment", ""},
          {"created_at", s.created_at},
          {"updated_at", updated},
          {"deleted_at", nullptr},
          {"paused", false},
          {"versions", versions}};
}

json ServiceDetailsWire(const Service& s, const std::string& customer_id) {
  json j = ServiceListWire(s, customer_id);
  j.erase("version");
  const Version* active = s.Active();
  j["active_version"] = active ? VersionWire(*active, s) : json(nullptr);
  const Version* shown =
      active ? active : (s.versions.empty() ? nullptr : &s.versions.back());
  if (shown) {
    json version = VersionWire(*shown, s);
    version.update(ConfigLists(*shown, s));
    j["version"] = version;
  } else {
    j["version"] = nullptr;
  }
  return j;
}

}  // namespace renumber::cdnsim
