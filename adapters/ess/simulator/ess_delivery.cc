#include "adapters/ess/simulator/ess_delivery.h"

#include "adapters/ess/simulator/ess_wire.h"

namespace renumber::ess_sim {
namespace {

using nlohmann::json;

bool IsDown(const std::string& address, const std::vector<std::string>& down) {
  for (const std::string& d : down) {
    if (SameAddress(address, d)) return true;
  }
  return false;
}

json RoutesJson(const RouteSet& set) {
  json out = json::array();
  for (const Route& r : set.routes)
    out.push_back({{"id", r.id},
                   {"address", r.address},
                   {"port", r.port},
                   {"role", r.role}});
  return out;
}

// Primaries first (all that are up), else the first failover that is up.
json CollectionDelivery(const RouteSet& set,
                        const std::vector<std::string>& down) {
  json to = json::array();
  for (const Route& r : set.routes) {
    if (r.role == "primary" && !IsDown(r.address, down))
      to.push_back(r.address);
  }
  if (!to.empty()) return {{"to", to}, {"via", "primary"}};
  for (const Route& r : set.routes) {
    if (r.role == "failover" && !IsDown(r.address, down))
      return {{"to", json::array({r.address})}, {"via", "failover"}};
  }
  return {{"to", json::array()}, {"via", nullptr}};
}

const Route* DefaultRoute(const Routing& routing, const std::string& id) {
  for (const Route& r : routing.default_routes.routes) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

json NamedRoutes(const Routing& routing) {
  json out = json::object();
  for (const NamedRoute& n : routing.named.named) {
    json list = json::array();
    for (const std::string& id : n.routes) {
      const Route* r = DefaultRoute(routing, id);
      list.push_back({{"id", id}, {"address", r ? json(r->address) : json()}});
    }
    out[n.name] = list;
  }
  return out;
}

json NamedDelivery(const Routing& routing, const NamedRoute& n,
                   const std::vector<std::string>& down) {
  for (size_t i = 0; i < n.routes.size(); ++i) {
    const Route* r = DefaultRoute(routing, n.routes[i]);
    if (r && !IsDown(r->address, down))
      return {{"to", json::array({r->address})},
              {"position", static_cast<int>(i) + 1}};
  }
  return {{"to", json::array()}, {"position", nullptr}};
}

}  // namespace

Routing RoutingOf(const Account& a) {
  return Routing{a.default_routes, a.domains, a.named_routes};
}

json MomentJson(const Routing& routing, const std::vector<std::string>& down) {
  json custom = json::object();
  json domains = json::object();
  const json by_default = CollectionDelivery(routing.default_routes, down);
  for (const Domain& d : routing.domains) {
    const bool is_custom = d.route_mode == "custom";
    json delivery = is_custom ? CollectionDelivery(d.routes, down) : by_default;
    delivery["routes"] = is_custom ? "custom" : "default";
    domains[d.name] = delivery;
    if (is_custom) custom[d.name] = RoutesJson(d.routes);
  }
  json named = json::object();
  for (const NamedRoute& n : routing.named.named)
    named[n.name] = NamedDelivery(routing, n, down);
  return {{"routes",
           {{"default", RoutesJson(routing.default_routes)},
            {"custom", custom},
            {"named", NamedRoutes(routing)}}},
          {"delivery",
           {{"default", by_default}, {"domains", domains}, {"named", named}}}};
}

void DeliveryHistory::Reset(const std::map<std::string, Account>& accounts,
                            Timestamp at, const std::string& what) {
  logs_.clear();
  for (const auto& [customer, account] : accounts)
    Record(account, at, what, "");
}

void DeliveryHistory::Record(const Account& account, Timestamp at,
                             const std::string& write,
                             const std::string& actor) {
  Log& log = logs_[account.customer];
  log.moments.push_back(
      Moment{log.next_seq++, at, write, actor, RoutingOf(account)});
  if (log.moments.size() > kMaxMoments) {
    log.moments.pop_front();
    ++log.dropped;
  }
}

std::optional<json> DeliveryHistory::Answer(
    const Account& account, const std::vector<std::string>& down) const {
  auto it = logs_.find(account.customer);
  if (it == logs_.end()) return std::nullopt;
  json history = json::array();
  for (const Moment& m : it->second.moments) {
    json entry = MomentJson(m.routing, down);
    entry["seq"] = m.seq;
    entry["at"] = m.at.ToRfc3339();
    entry["write"] = m.write;
    entry["actor"] = m.actor.empty() ? json() : json(m.actor);
    history.push_back(std::move(entry));
  }
  return json{{"account", account.customer},
              {"down", down},
              {"now", MomentJson(RoutingOf(account), down)},
              {"dropped", it->second.dropped},
              {"history", std::move(history)}};
}

}  // namespace renumber::ess_sim
