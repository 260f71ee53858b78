#include "adapters/ess/simulator/ess_model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "src/sim/sim_hash.h"
#include "src/sim/sim_json.h"

namespace renumber::ess_sim {
namespace {

// Ids are "<prefix>-xxxx": n times an odd constant modulo 2^16 is a
// bijection, so the first 65,536 ids of an account never collide.
std::string ShortId(const char* prefix, const std::string& customer,
                    uint64_t n) {
  uint32_t v =
      static_cast<uint32_t>((n * 0x9e37ULL + sim::Fnv1a(customer)) & 0xffff);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s-%04x", prefix, v);
  return buf;
}

Timestamp ParseTime(const nlohmann::json& j) {
  auto t = Timestamp::ParseRfc3339(j.get<std::string>());
  if (!t.ok()) throw std::runtime_error(t.status().message());
  return *t;
}

nlohmann::json RouteSetToState(const RouteSet& set) {
  nlohmann::json routes = nlohmann::json::array();
  for (const Route& r : set.routes) {
    nlohmann::json check;
    if (r.last_check)
      check = {{"at", r.last_check->at.ToRfc3339()},
               {"result", r.last_check->result},
               {"detail", r.last_check->detail}};
    routes.push_back({{"id", r.id},
                      {"address", r.address},
                      {"port", r.port},
                      {"role", r.role},
                      {"last_check", check}});
  }
  return {{"etag", set.etag}, {"routes", routes}};
}

RouteSet RouteSetFromState(const nlohmann::json& j) {
  RouteSet set;
  set.etag = j.at("etag").get<std::string>();
  for (const auto& r : j.at("routes")) {
    Route route;
    route.id = r.at("id").get<std::string>();
    route.address = r.at("address").get<std::string>();
    route.port = r.at("port").get<int>();
    route.role = r.at("role").get<std::string>();
    if (route.role != "primary" && route.role != "failover")
      throw std::runtime_error("route " + route.id + ": bad role");
    const auto& c = r.at("last_check");
    if (!c.is_null())
      route.last_check =
          Check{ParseTime(c.at("at")), c.at("result").get<std::string>(),
                c.at("detail").get<std::string>()};
    set.routes.push_back(std::move(route));
  }
  Reorder(set);
  return set;
}

nlohmann::json NamedSetToState(const NamedRouteSet& set) {
  nlohmann::json named = nlohmann::json::array();
  for (const NamedRoute& n : set.named) named.push_back(NamedRouteJson(n));
  return {{"etag", set.etag}, {"named_routes", named}};
}

// Named routes of a state file; an older file without them has none (and
// gets a fresh ETag from the caller).
NamedRouteSet NamedSetFromState(const nlohmann::json& j) {
  NamedRouteSet set;
  set.etag = j.at("etag").get<std::string>();
  for (const auto& n : j.at("named_routes")) {
    NamedRoute named{n.at("name").get<std::string>(), {}};
    for (const auto& id : n.at("routes"))
      named.routes.push_back(id.get<std::string>());
    if (named.routes.empty())
      throw std::runtime_error("named route " + named.name + " is empty");
    set.named.push_back(std::move(named));
  }
  return set;
}

}  // namespace

std::string DomainCollection(const std::string& domain) {
  return "domains/" + domain + "/inbound-routes";
}

std::string NextEtag(Account& account, const std::string& collection) {
  uint64_t gen = ++account.etag_generation;
  uint64_t h = sim::Mix64(sim::Fnv1a(account.customer + "|" + collection) ^
                          sim::Mix64(gen));
  char buf[32];
  std::snprintf(buf, sizeof buf, "\"%016llx\"",
                static_cast<unsigned long long>(h));
  return buf;
}

std::string NewRouteId(Account& account) {
  for (;;) {
    std::string id = ShortId("r", account.customer, account.next_route++);
    if (!FindRoute(account, id)) return id;
  }
}

std::string NewOutboundId(Account& account) {
  for (;;) {
    std::string id = ShortId("o", account.customer, account.next_outbound++);
    bool used = false;
    for (const Outbound& o : account.outbound.servers) used |= o.id == id;
    if (!used) return id;
  }
}

void Reorder(RouteSet& set) {
  std::stable_partition(set.routes.begin(), set.routes.end(),
                        [](const Route& r) { return r.role == "primary"; });
}

int PrimaryCount(const RouteSet& set) {
  int n = 0;
  for (const Route& r : set.routes) n += r.role == "primary";
  return n;
}

bool CanPromote(const Route& route, Timestamp now) {
  if (!route.last_check || route.last_check->result != "PASS") return false;
  return now - route.last_check->at <= std::chrono::hours(24);
}

nlohmann::json RouteJson(const Route& route, int order, Timestamp now) {
  nlohmann::json check;
  if (route.last_check)
    check = {{"at", route.last_check->at.ToRfc3339()},
             {"result", route.last_check->result},
             {"detail", route.last_check->detail}};
  return {{"id", route.id},
          {"address", route.address},
          {"port", route.port},
          {"role", route.role},
          {"order", order},
          {"last_check", check},
          {"can_promote", CanPromote(route, now)}};
}

nlohmann::json OutboundJson(const Outbound& server) {
  return {
      {"id", server.id}, {"address", server.address}, {"note", server.note}};
}

nlohmann::json NamedRouteJson(const NamedRoute& named) {
  return {{"name", named.name}, {"routes", named.routes}};
}

nlohmann::json ChangeJson(const Change& c) {
  return {{"at", c.at.ToRfc3339()},
          {"actor", c.actor},
          {"action", c.action},
          {"object", c.object},
          {"address", sim::OptionalJson(c.address)},
          {"reason", sim::OptionalJson(c.reason)},
          {"note", sim::OptionalJson(c.note)},
          {"ticket", sim::OptionalJson(c.ticket)}};
}

std::optional<RouteRef> FindRoute(Account& account, const std::string& id) {
  for (size_t i = 0; i < account.default_routes.routes.size(); ++i) {
    if (account.default_routes.routes[i].id == id)
      return RouteRef{&account.default_routes, i, kDefaultCollection};
  }
  for (Domain& d : account.domains) {
    if (d.route_mode != "custom") continue;
    for (size_t i = 0; i < d.routes.routes.size(); ++i) {
      if (d.routes.routes[i].id == id)
        return RouteRef{&d.routes, i, DomainCollection(d.name)};
    }
  }
  return std::nullopt;
}

Domain* FindDomain(Account& account, const std::string& name) {
  for (Domain& d : account.domains) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

NamedRoute* FindNamedRoute(Account& account, const std::string& name) {
  for (NamedRoute& n : account.named_routes.named) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

const NamedRoute* NamedRouteHolding(const Account& account,
                                    const std::string& id) {
  for (const NamedRoute& n : account.named_routes.named) {
    for (const std::string& held : n.routes) {
      if (held == id) return &n;
    }
  }
  return nullptr;
}

nlohmann::json AccountToState(const Account& a) {
  nlohmann::json users = nlohmann::json::array();
  for (const User& u : a.users)
    users.push_back({{"username", u.username},
                     {"password", u.password},
                     {"admin", u.admin}});
  nlohmann::json domains = nlohmann::json::array();
  for (const Domain& d : a.domains)
    domains.push_back({{"name", d.name},
                       {"route_mode", d.route_mode},
                       {"routes", RouteSetToState(d.routes)}});
  nlohmann::json servers = nlohmann::json::array();
  for (const Outbound& o : a.outbound.servers)
    servers.push_back(OutboundJson(o));
  nlohmann::json log = nlohmann::json::array();
  for (const Change& c : a.log) log.push_back(ChangeJson(c));
  return {{"customer", a.customer},
          {"users", users},
          {"default_routes", RouteSetToState(a.default_routes)},
          {"domains", domains},
          {"outbound", {{"etag", a.outbound.etag}, {"servers", servers}}},
          {"named_routes", NamedSetToState(a.named_routes)},
          {"change_log", log},
          {"next_route", a.next_route},
          {"next_outbound", a.next_outbound},
          {"etag_generation", a.etag_generation}};
}

Result<Account> AccountFromState(const nlohmann::json& j) {
  try {
    Account a;
    a.customer = j.at("customer").get<std::string>();
    for (const auto& u : j.at("users"))
      a.users.push_back({u.at("username").get<std::string>(),
                         u.at("password").get<std::string>(),
                         u.at("admin").get<bool>()});
    a.default_routes = RouteSetFromState(j.at("default_routes"));
    for (const auto& d : j.at("domains")) {
      Domain dom{d.at("name").get<std::string>(),
                 d.at("route_mode").get<std::string>(),
                 RouteSetFromState(d.at("routes"))};
      if (dom.route_mode != "default" && dom.route_mode != "custom")
        throw std::runtime_error("domain " + dom.name + ": bad route_mode");
      a.domains.push_back(std::move(dom));
    }
    std::sort(a.domains.begin(), a.domains.end(),
              [](const Domain& x, const Domain& y) { return x.name < y.name; });
    a.outbound.etag = j.at("outbound").at("etag").get<std::string>();
    for (const auto& o : j.at("outbound").at("servers"))
      a.outbound.servers.push_back({o.at("id").get<std::string>(),
                                    o.at("address").get<std::string>(),
                                    o.at("note").get<std::string>()});
    for (const auto& c : j.at("change_log"))
      a.log.push_back(
          {ParseTime(c.at("at")), c.at("actor").get<std::string>(),
           c.at("action").get<std::string>(), c.at("object").get<std::string>(),
           sim::OptionalAt(c, "address"), sim::OptionalAt(c, "reason"),
           sim::OptionalAt(c, "note"), sim::OptionalAt(c, "ticket")});
    a.next_route = j.at("next_route").get<uint64_t>();
    a.next_outbound = j.at("next_outbound").get<uint64_t>();
    a.etag_generation = j.at("etag_generation").get<uint64_t>();
    if (j.contains("named_routes")) {
      a.named_routes = NamedSetFromState(j.at("named_routes"));
    } else {
      a.named_routes.etag = NextEtag(a, kNamedCollection);
    }
    for (const NamedRoute& n : a.named_routes.named) {
      for (const std::string& id : n.routes) {
        auto ref = FindRoute(a, id);
        if (!ref || ref->collection != kDefaultCollection)
          throw std::runtime_error("named route " + n.name +
                                   " holds an unknown default route " + id);
      }
    }
    return a;
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("ESS simulator state: ") +
                                   e.what());
  }
}

}  // namespace renumber::ess_sim
