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

Condition UrlCondition(std::string name, const std::string& prefix) {
  Condition c;
  c.name = std::move(name);
  c.statement = "req.url ~ \"^" + prefix + "\"";
  return c;
}

// 0: one plain HTTP origin at the old IP; nothing else.
std::vector<ServiceDraft> Plain1(const SiteInfo& s) {
  ServiceDraft d{"www." + s.domain, {}, 1, 1, false};
  d.config.backends = {Plain("origin_1", s.old_ip, 80)};
  return {d};
}

// 1: TLS origin with healthcheck and shield; a static server elsewhere.
std::vector<ServiceDraft> TlsShield(const SiteInfo& s) {
  std::string www = "www." + s.domain;
  ServiceDraft d{www, {}, 3, 3, false};
  Backend origin = Tls("origin_1", s.old_ip, www);
  origin.healthcheck = "hc_root";
  origin.shield = "tyo-tokyo-jp";
  Backend statics = Plain("static_1", s.other_ip, 80);
  statics.override_host = "static." + s.domain;
  statics.request_condition = "is_static";
  d.config.backends = {origin, statics};
  d.config.healthchecks = {Check("hc_root", www, "/")};
  d.config.conditions = {UrlCondition("is_static", "/static/")};
  return {d};
}

// 2: a director over two TLS origins at the old IP; a host-name backend.
std::vector<ServiceDraft> DirectorHost(const SiteInfo& s) {
  std::string www = "www." + s.domain;
  ServiceDraft d{www, {}, 2, 2, false};
  Backend a = Tls("origin_1", s.old_ip, www);
  Backend b = Tls("origin_2", s.old_ip, www, 8443);
  a.healthcheck = b.healthcheck = "hc_root";
  Backend legacy = Tls("legacy", "origin." + s.domain, www);
  legacy.request_condition = "is_legacy";
  legacy.comment = "host name: DNS points it at the web server";
  d.config.backends = {a, b, legacy};
  d.config.healthchecks = {Check("hc_root", www, "/")};
  Director pool;
  pool.name = "pool";
  pool.backends = {"origin_1", "origin_2"};
  d.config.directors = {pool};
  d.config.conditions = {UrlCondition("is_legacy", "/legacy/")};
  return {d};
}

// 3: work in progress (a draft newer than the active version), and a
// second service.
std::vector<ServiceDraft> DraftTwo(const SiteInfo& s) {
  std::string www = "www." + s.domain, shop = "shop." + s.domain;
  ServiceDraft d{www, {}, 2, 2, true};
  d.config.backends = {Tls("origin_1", s.old_ip, www)};
  ServiceDraft e{shop, {}, 1, 1, false};
  Backend o = Tls("origin_shop", s.old_ip, shop);
  o.healthcheck = "hc_shop";
  o.first_byte_timeout = 30000;
  e.config.backends = {o};
  e.config.healthchecks = {Check("hc_shop", shop, "/health", "GET")};
  return {d, e};
}

// 4: four backends at the old IP (two balanced in a director), a host-name
// backend and another IP; the newest version was rolled back.
std::vector<ServiceDraft> FourOld(const SiteInfo& s) {
  std::string www = "www." + s.domain, api = "api." + s.domain;
  ServiceDraft d{www, {}, 5, 4, false};
  Backend w1 = Tls("origin_www", s.old_ip, www);
  Backend w2 = Tls("origin_www_2", s.old_ip, www, 8443);
  w1.healthcheck = w2.healthcheck = "hc_root";
  w1.auto_loadbalance = w2.auto_loadbalance = true;
  Backend a = Tls("origin_api", s.old_ip, api);
  a.healthcheck = "hc_api";
  a.request_condition = "is_api";
  a.max_conn = 500;
  Backend img = Plain("origin_img", s.old_ip, 80);
  img.request_condition = "is_img";
  img.shield = "hnd-tokyo-jp";
  Backend media = Tls("media", "media." + s.domain, "media." + s.domain);
  media.request_condition = "is_media";
  Backend other = Plain("cdn_other", s.other_ip, 8080);
  other.request_condition = "is_other";
  d.config.backends = {w1, w2, a, img, media, other};
  d.config.healthchecks = {Check("hc_root", www, "/"),
                           Check("hc_api", api, "/status", "GET")};
  Director pool;
  pool.name = "pool";
  pool.backends = {"origin_www", "origin_www_2"};
  d.config.directors = {pool};
  d.config.conditions = {
      UrlCondition("is_api", "/api/"), UrlCondition("is_img", "/img/"),
      UrlCondition("is_media", "/media/"), UrlCondition("is_other", "/x/")};
  return {d};
}

// 5: two services; a shielded TLS origin without healthcheck, and an API
// service with a healthchecked backup at another IP.
std::vector<ServiceDraft> TwoShield(const SiteInfo& s) {
  std::string www = "www." + s.domain, api = "api." + s.domain;
  ServiceDraft d{www, {}, 2, 2, false};
  Backend o = Tls("origin_1", s.old_ip, www);
  o.shield = "tyo-tokyo-jp";
  d.config.backends = {o};
  ServiceDraft e{api, {}, 1, 1, false};
  Backend main = Plain("origin_api", s.old_ip, 8080);
  main.override_host = api;
  Backend backup = Plain("backup", s.other_ip, 8080);
  backup.healthcheck = "hc_backup";
  backup.weight = 10;
  e.config.backends = {main, backup};
  e.config.healthchecks = {Check("hc_backup", api, "/ping", "GET")};
  return {d, e};
}

}  // namespace

std::vector<ServiceDraft> ShapeServices(int shape, const SiteInfo& site) {
  switch (shape % 6) {
    case 0:
      return Plain1(site);
    case 1:
      return TlsShield(site);
    case 2:
      return DirectorHost(site);
    case 3:
      return DraftTwo(site);
    case 4:
      return FourOld(site);
    default:
      return TwoShield(site);
  }
}

}  // namespace renumber::cdnsim
