// EssSim: inbound route collections and route actions (ess.md, Endpoints).
#include <algorithm>
#include <cctype>

#include "adapters/ess/simulator/ess_sim.h"
#include "adapters/ess/simulator/ess_wire.h"
#include "adapters/ess/simulator/smtp_probe.h"
#include "src/core/ip.h"

namespace renumber::ess_sim {
namespace {

std::string Lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int OrderOf(const RouteSet& set, const std::string& id) {
  for (size_t i = 0; i < set.routes.size(); ++i) {
    if (set.routes[i].id == id) return static_cast<int>(i) + 1;
  }
  return 0;
}

// Validates {"address", "port"?, "role"}; a ready 400 when invalid.
std::optional<ServerResponse> ParseNewRoute(const nlohmann::json& body,
                                            Route* route) {
  auto address = body.find("address");
  if (address == body.end() || !address->is_string())
    return Failure(400, "INVALID_ARGUMENT", "address is required");
  auto normalized = NormalizeRouteAddress(address->get<std::string>());
  if (!normalized)
    return Failure(400, "INVALID_ARGUMENT",
                   "address must be an IPv4 or IPv6 address or a host name");
  route->address = *normalized;
  auto port = body.find("port");
  if (port != body.end() && !port->is_null()) {
    if (!port->is_number_integer() || port->get<int64_t>() < 1 ||
        port->get<int64_t>() > 65535)
      return Failure(400, "INVALID_ARGUMENT", "port must be 1-65535");
    route->port = port->get<int>();
  }
  auto role = body.find("role");
  if (role == body.end() || !role->is_string() ||
      (*role != "primary" && *role != "failover"))
    return Failure(400, "INVALID_ARGUMENT",
                   "role must be \"primary\" or \"failover\"");
  route->role = role->get<std::string>();
  return std::nullopt;
}

}  // namespace

std::optional<ServerResponse> EssSim::SetOf(Req& r, RouteSet** set,
                                            std::string* collection) {
  if (r.segs.size() == 1) {  // inbound-routes
    *set = &r.account->default_routes;
    *collection = kDefaultCollection;
    return std::nullopt;
  }
  std::string name = Lower(r.segs[1]);
  Domain* d = FindDomain(*r.account, name);
  if (!d) return Failure(404, "NOT_FOUND", "no domain " + name);
  if (d->route_mode != "custom")
    return Failure(409, "NOT_CUSTOM",
                   "domain " + name + " uses the default routes");
  *set = &d->routes;
  *collection = DomainCollection(name);
  return std::nullopt;
}

std::optional<ServerResponse> EssSim::RouteOf(Req& r, RouteRef* ref) {
  auto found = FindRoute(*r.account, r.segs[1]);
  if (!found) return Failure(404, "NOT_FOUND", "no route " + r.segs[1]);
  *ref = *found;
  return std::nullopt;
}

ServerResponse EssSim::ListRoutes(Req& r) {
  RouteSet* set;
  std::string collection;
  if (auto err = SetOf(r, &set, &collection)) return *err;
  return Success(200, {{"etag", set->etag}, {"routes", SetJson(*set)}},
                 set->etag);
}

ServerResponse EssSim::AddRoute(Req& r) {
  RouteSet* set;
  std::string collection;
  if (auto err = SetOf(r, &set, &collection)) return *err;
  Route route;
  if (auto err = ParseNewRoute(r.body, &route)) return *err;
  if (auto err = CheckIfMatch(r, set->etag)) return *err;
  for (const Route& existing : set->routes) {
    if (SameAddress(existing.address, route.address))
      return Failure(409, "DUPLICATE",
                     route.address + " is already in this collection");
  }
  route.id = NewRouteId(*r.account);
  set->routes.push_back(route);
  Reorder(*set);  // last among its role
  set->etag = NextEtag(*r.account, collection);
  Log(r, "add", "route:" + route.id, route.address);
  r.call->committed = true;
  return Success(
      201,
      {{"route", RouteJson(route, OrderOf(*set, route.id), clock_->Now())},
       {"etag", set->etag}},
      set->etag);
}

ServerResponse EssSim::CheckRoute(Req& r) {
  RouteRef ref;
  if (auto err = RouteOf(r, &ref)) return *err;
  const std::string id = r.segs[1];
  const std::string customer = r.account->customer;
  const Route route = ref.set->routes[ref.index];
  Check check{clock_->Now(), settings_.check_outcome, ""};
  auto ip = IpAddress::Parse(route.address);
  if (ip.ok() && ip->IsLoopback() && settings_.check_loopback_smtp) {
    auto timeout = std::chrono::milliseconds(settings_.check_timeout_ms);
    r.lock->unlock();  // a real connection: do not hold up other requests
    ProbeResult probe = ProbeSmtp(*ip, route.port, timeout);
    r.lock->lock();
    check = Check{clock_->Now(), probe.pass ? "PASS" : "FAIL", probe.detail};
    auto account = accounts_.find(customer);
    if (account == accounts_.end())
      return Failure(404, "NOT_FOUND", "no route " + id);
    r.account = &account->second;
    if (auto err = RouteOf(r, &ref)) return *err;  // deleted meanwhile
  } else if (check.result == "PASS") {
    check.detail = "220 " + route.address + " ESMTP (simulated)";
  } else {
    check.detail = "connect: connection timed out (simulated)";
  }
  Route& stored = ref.set->routes[ref.index];
  stored.last_check = check;
  r.call->committed = true;
  return Success(200,
                 {{"route", RouteJson(stored, static_cast<int>(ref.index) + 1,
                                      clock_->Now())}});
}

ServerResponse EssSim::PromoteRoute(Req& r) {
  RouteRef ref;
  if (auto err = RouteOf(r, &ref)) return *err;
  if (auto err = CheckIfMatch(r, ref.set->etag)) return *err;
  Route route = ref.set->routes[ref.index];
  if (!CanPromote(route, clock_->Now()))
    return Failure(409, "CHECK_REQUIRED",
                   "run a check first: promotion needs a PASS at most 24 "
                   "hours old");
  route.role = "primary";
  auto& routes = ref.set->routes;
  routes.erase(routes.begin() + static_cast<long>(ref.index));
  routes.insert(routes.begin(), route);
  ref.set->etag = NextEtag(*r.account, ref.collection);
  Log(r, "promote", "route:" + route.id, route.address);
  r.call->committed = true;
  return Success(
      200,
      {{"route", RouteJson(route, 1, clock_->Now())}, {"etag", ref.set->etag}},
      ref.set->etag);
}

ServerResponse EssSim::DemoteRoute(Req& r) {
  RouteRef ref;
  if (auto err = RouteOf(r, &ref)) return *err;
  if (auto err = CheckIfMatch(r, ref.set->etag)) return *err;
  Route route = ref.set->routes[ref.index];
  if (route.role == "primary" && PrimaryCount(*ref.set) == 1)
    return Failure(409, "LAST_PRIMARY",
                   "route " + route.id + " is the only primary");
  route.role = "failover";
  auto& routes = ref.set->routes;
  routes.erase(routes.begin() + static_cast<long>(ref.index));
  int first_failover = PrimaryCount(*ref.set);
  routes.insert(routes.begin() + first_failover, route);
  ref.set->etag = NextEtag(*r.account, ref.collection);
  Log(r, "demote", "route:" + route.id, route.address);
  r.call->committed = true;
  return Success(
      200,
      {{"route", RouteJson(route, first_failover + 1, clock_->Now())},
       {"etag", ref.set->etag}},
      ref.set->etag);
}

ServerResponse EssSim::DeleteRoute(Req& r) {
  RouteRef ref;
  if (auto err = RouteOf(r, &ref)) return *err;
  DeletionBody del = ParseDeletion(r.body);
  if (del.error) return *del.error;
  if (auto err = CheckIfMatch(r, ref.set->etag)) return *err;
  Route route = ref.set->routes[ref.index];
  if (const NamedRoute* holder = NamedRouteHolding(*r.account, route.id))
    return Failure(409, "IN_USE",
                   "route " + route.id + " is held by the named route " +
                       holder->name + "; take it out of the named route first");
  if (route.role == "primary" && PrimaryCount(*ref.set) == 1)
    return Failure(409, "LAST_PRIMARY",
                   "route " + route.id + " is the only primary");
  ref.set->routes.erase(ref.set->routes.begin() + static_cast<long>(ref.index));
  ref.set->etag = NextEtag(*r.account, ref.collection);
  Log(r, "delete", "route:" + route.id, route.address, del.reason, del.note,
      del.ticket);
  r.call->committed = true;
  return Success(200, {{"etag", ref.set->etag}}, ref.set->etag);
}

ServerResponse EssSim::MoveRoute(Req& r) {
  RouteRef ref;
  if (auto err = RouteOf(r, &ref)) return *err;
  const Route route = ref.set->routes[ref.index];
  const int primaries = PrimaryCount(*ref.set);
  const int same_role =
      route.role == "primary"
          ? primaries
          : static_cast<int>(ref.set->routes.size()) - primaries;
  auto position = r.body.find("position");
  if (position == r.body.end() || !position->is_number_integer() ||
      position->get<int64_t>() < 1 || position->get<int64_t>() > same_role)
    return Failure(400, "INVALID_ARGUMENT",
                   "position must be an integer from 1 to " +
                       std::to_string(same_role) + " (the " + route.role +
                       " routes of this collection)");
  if (auto err = CheckIfMatch(r, ref.set->etag)) return *err;
  auto& routes = ref.set->routes;
  routes.erase(routes.begin() + static_cast<long>(ref.index));
  const int first = route.role == "primary" ? 0 : PrimaryCount(*ref.set);
  const int index = first + static_cast<int>(position->get<int64_t>()) - 1;
  routes.insert(routes.begin() + index, route);
  ref.set->etag = NextEtag(*r.account, ref.collection);
  Log(r, "move", "route:" + route.id, route.address);
  r.call->committed = true;
  return Success(200,
                 {{"route", RouteJson(route, index + 1, clock_->Now())},
                  {"etag", ref.set->etag}},
                 ref.set->etag);
}

}  // namespace renumber::ess_sim
