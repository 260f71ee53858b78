#include "adapters/cdn/simulator/seed_shapes.h"

namespace renumber::cdnsim {
namespace {

Backend Plain(std::string name, std::string address, int port) {
  Backend b;
  b.name = std::move(name);
  b.address = std::move(address);
  b.port = port;
  return b;
}

// An HTTPS origin whose Host header, SNI and certificate name are `host`.
Backend Tls(std::string name, std::string address, const std::string& host,
            int port = 443) {
  Backend b = Plain(std::move(name), std::move(address), port);
  b.use_ssl = true;
  b.override_host = host;
  b.ssl_cert_hostname = host;
  b.ssl_sni_hostname = host;
  return b;
}

Healthcheck Check(std::string name, std::string host, std::string path,
                  std::string method = "HEAD") {
  Healthcheck h;
  h.name = std::move(name);
  h.host = std::move(host);
  h.path = std::move(path);
  h.method = std::move(method);
  h.check_interval = 15000;
  h.threshold = 3;
  h.window = 5;
  return h;
}

Condition UrlCondition(std::string name, const std::string& prefix,
                       int priority = 10) {
  Condition c;
  c.name = std::move(name);
  c.statement = "req.url ~ \"^" + prefix + "\"";
  c.priority = priority;
  return c;
}

std::vector<Domain> Domains(std::initializer_list<std::string> names) {
  std::vector<Domain> out;
  for (const std::string& n : names) out.push_back({n, ""});
  return out;
}

ServiceDraft Draft(std::string name, int versions, int active) {
  ServiceDraft d;
  d.name = std::move(name);
  d.versions = versions;
  d.active = active;
  return d;
}

// 0: the common case — one plain HTTP origin at the old IP; the Host header
// comes from the service's domain (no override_host).
std::vector<ServiceDraft> One(const SiteInfo& s) {
  ServiceDraft d = Draft("www." + s.domain, 1, 1);
  d.config.domains = Domains({"www." + s.domain});
  d.config.backends = {Plain("origin_1", s.old_ip, 80)};
  return {d};
}

// 1: several origins of one site in a director with quorum 75, selected by
// a snippet; a host-name backend for /legacy/ (DNS work).
std::vector<ServiceDraft> DirectorPool(const SiteInfo& s) {
  const std::string www = "www." + s.domain;
  ServiceDraft d = Draft(s.domain + " site", 2, 2);
  d.config.domains = Domains({www, s.domain});
  Backend a = Tls("origin_1", s.old_ip, www);
  Backend b = Tls("origin_2", s.old_ip, www, 8443);
  Backend c = Tls("origin_3", s.old_ip, www, 9443);
  a.healthcheck = b.healthcheck = c.healthcheck = "hc_root";
  Backend legacy = Tls("legacy", "origin." + s.domain, www);
  legacy.request_condition = "is_legacy";
  legacy.comment = "host name: DNS points it at the web server";
  d.config.backends = {a, b, c, legacy};
  d.config.healthchecks = {Check("hc_root", www, "/")};
  Director pool;
  pool.name = "pool";
  pool.quorum = 75;
  pool.backends = {"origin_1", "origin_2", "origin_3"};
  d.config.directors = {pool};
  d.config.conditions = {UrlCondition("is_legacy", "/legacy/")};
  Snippet select;
  select.name = "use_pool";
  select.type = "recv";
  select.content = "if (!req.http.X-Legacy) { set req.backend = pool; }";
  d.config.snippets = {select};
  return {d};
}

// 2: the site's origin and an images origin at another IP, both
// auto-balanced (one service-wide pool); the site's origin has a
// share_key; the newest version was locked without being activated.
std::vector<ServiceDraft> Images(const SiteInfo& s) {
  const std::string www = "www." + s.domain;
  ServiceDraft d = Draft("www." + s.domain, 4, 3);
  d.config.domains = Domains({www});
  Backend site = Tls("origin_site", s.old_ip, www);
  site.auto_loadbalance = true;
  site.healthcheck = "hc_site";
  site.share_key = "site";
  Backend images = Plain("origin_images", s.other_ip, 80);
  images.override_host = "images." + s.domain;
  images.auto_loadbalance = true;
  images.healthcheck = "hc_images";
  images.weight = 50;
  d.config.backends = {site, images};
  d.config.healthchecks = {Check("hc_site", www, "/"),
                           Check("hc_images", "images." + s.domain, "/ping")};
  return {d};
}

// 3: a shielded TLS origin, an API origin with a request condition, a
// static server elsewhere; and the customer's draft newer than the active
// version.
std::vector<ServiceDraft> Conditions(const SiteInfo& s) {
  const std::string www = "www." + s.domain, api = "api." + s.domain;
  ServiceDraft d = Draft("www." + s.domain, 3, 3);
  d.draft = true;
  d.config.domains = Domains({www, api});
  Backend origin = Tls("origin_1", s.old_ip, www);
  origin.healthcheck = "hc_root";
  origin.shield = "tyo-tokyo-jp";
  Backend apib = Plain("origin_api", s.old_ip, 8080);
  apib.override_host = api;
  apib.request_condition = "is_api";
  apib.max_conn = 500;
  Backend statics = Plain("static_1", s.other_ip, 80);
  statics.override_host = "static." + s.domain;
  statics.request_condition = "is_static";
  d.config.backends = {origin, apib, statics};
  d.config.healthchecks = {Check("hc_root", www, "/")};
  d.config.conditions = {UrlCondition("is_api", "/api/", 20),
                         UrlCondition("is_static", "/static/")};
  return {d};
}

// 4: a service named "Production" whose site name is only in its domain
// list; a plain HTTP origin without override_host.
std::vector<ServiceDraft> Production(const SiteInfo& s) {
  ServiceDraft d = Draft("Production", 5, 5);
  d.config.domains = Domains({"shop." + s.domain});
  Backend o = Plain("origin_shop", s.old_ip, 80);
  o.healthcheck = "hc_shop";
  o.first_byte_timeout = 30000;
  d.config.backends = {o};
  d.config.healthchecks = {
      Check("hc_shop", "shop." + s.domain, "/health", "GET")};
  return {d};
}

// 5: two origins at the old IP and a backup elsewhere: the service is at
// its backend limit (no backend can be added).
std::vector<ServiceDraft> AtLimit(const SiteInfo& s) {
  const std::string www = "www." + s.domain;
  ServiceDraft d = Draft("www." + s.domain, 2, 2);
  d.backend_limit = 3;
  d.config.domains = Domains({www});
  Backend a = Tls("origin_1", s.old_ip, www);
  Backend b = Tls("origin_2", s.old_ip, www, 8443);
  a.healthcheck = b.healthcheck = "hc_root";
  Backend backup = Plain("backup", s.other_ip, 8080);
  backup.override_host = www;
  backup.request_condition = "is_backup";
  d.config.backends = {a, b, backup};
  d.config.healthchecks = {Check("hc_root", www, "/")};
  d.config.conditions = {UrlCondition("is_backup", "/backup/")};
  return {d};
}

// 6: the old IP also hides in custom VCL, a snippet and a pool server.
std::vector<ServiceDraft> Hidden(const SiteInfo& s) {
  const std::string www = "www." + s.domain;
  ServiceDraft d = Draft("www." + s.domain, 2, 2);
  d.config.domains = Domains({www});
  d.config.backends = {Plain("origin_1", s.old_ip, 80)};
  Vcl main;
  main.name = "main";
  main.main = true;
  main.content =
      "backend F_legacy_app {\n  .host = \"" + s.old_ip +
      "\";\n  .port = \"8080\";\n}\n"
      "sub vcl_recv {\n#FASTLY recv\n  if (req.url ~ \"^/legacy-app/\") {\n"
      "    set req.backend = F_legacy_app;\n  }\n  return(lookup);\n}\n";
  d.config.vcls = {main};
  Snippet debug;
  debug.name = "debug_origin";
  debug.type = "recv";
  debug.content =
      "if (req.http.X-Debug) { set req.http.X-Origin = \"" + s.old_ip + "\"; }";
  Snippet app;
  app.name = "use_app_pool";
  app.type = "recv";
  app.content = "if (req.url ~ \"^/app/\") { set req.backend = app_pool; }";
  d.config.snippets = {debug, app};
  Pool pool;
  pool.id = "";  // filled by the seeder (stable per service)
  pool.name = "app_pool";
  pool.quorum = 50;
  d.config.pools = {pool};
  PoolServer server;
  server.address = s.old_ip;
  server.port = 8080;
  d.pool_servers["app_pool"] = {server};
  return {d};
}

// 7: a VCL service, a Compute service whose backend is at the old IP (its
// code may make more), and a Compute service that does not reference it.
std::vector<ServiceDraft> Compute(const SiteInfo& s) {
  const std::string www = "www." + s.domain;
  ServiceDraft d = Draft("www." + s.domain, 1, 1);
  d.config.domains = Domains({www});
  d.config.backends = {Tls("origin_1", s.old_ip, www)};
  ServiceDraft edge = Draft("edge-app", 3, 3);
  edge.type = "wasm";
  edge.config.domains = Domains({"app." + s.domain});
  edge.config.backends = {Tls("app_origin", s.old_ip, "app." + s.domain)};
  ServiceDraft other = Draft("edge-static", 1, 1);
  other.type = "wasm";
  other.config.domains = Domains({"static." + s.domain});
  other.config.backends = {Plain("static_origin", s.other_ip, 80)};
  return {d, edge, other};
}

}  // namespace

const char* ShapeName(int shape) {
  static const char* const kNames[kShapeCount] = {
      "one",        "director", "images", "conditions",
      "production", "at-limit", "hidden", "compute"};
  return kNames[((shape % kShapeCount) + kShapeCount) % kShapeCount];
}

std::vector<ServiceDraft> ShapeServices(int shape, const SiteInfo& site) {
  switch (shape % kShapeCount) {
    case 0:
      return One(site);
    case 1:
      return DirectorPool(site);
    case 2:
      return Images(site);
    case 3:
      return Conditions(site);
    case 4:
      return Production(site);
    case 5:
      return AtLimit(site);
    case 6:
      return Hidden(site);
    default:
      return Compute(site);
  }
}

}  // namespace renumber::cdnsim
