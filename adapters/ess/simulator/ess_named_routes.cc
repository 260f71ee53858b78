// EssSim: named routes (ess.md revision 2: GET /v1/named-routes, add a
// default route at a position, remove one; LAST_ROUTE). The collection of
// named routes has one ETag of its own; IN_USE on deleting a held route is
// in ess_routes.cc.
#include <algorithm>

#include "adapters/ess/simulator/ess_sim.h"
#include "adapters/ess/simulator/ess_wire.h"

namespace renumber::ess_sim {
namespace {

// A ready 404 unless the account has the named route `name`.
std::optional<ServerResponse> NamedOf(Account& account, const std::string& name,
                                      NamedRoute** out) {
  *out = FindNamedRoute(account, name);
  if (!*out) return Failure(404, "NOT_FOUND", "no named route " + name);
  return std::nullopt;
}

}  // namespace

ServerResponse EssSim::ListNamed(Req& r) {
  const NamedRouteSet& set = r.account->named_routes;
  nlohmann::json named = nlohmann::json::array();
  for (const NamedRoute& n : set.named) named.push_back(NamedRouteJson(n));
  return Success(200, {{"etag", set.etag}, {"named_routes", named}}, set.etag);
}

ServerResponse EssSim::AddToNamed(Req& r) {
  NamedRoute* named;
  if (auto err = NamedOf(*r.account, r.segs[1], &named)) return *err;
  auto id = r.body.find("route_id");
  if (id == r.body.end() || !id->is_string())
    return Failure(400, "INVALID_ARGUMENT", "route_id is required");
  auto ref = FindRoute(*r.account, id->get<std::string>());
  if (!ref) return Failure(404, "NOT_FOUND", "no route " + id->dump());
  if (ref->collection != kDefaultCollection)
    return Failure(400, "INVALID_ARGUMENT",
                   "a named route holds default routes only; " +
                       id->get<std::string>() + " is a custom route");
  const int size = static_cast<int>(named->routes.size());
  int position = size + 1;
  if (auto p = r.body.find("position"); p != r.body.end() && !p->is_null()) {
    if (!p->is_number_integer() || p->get<int64_t>() < 1 ||
        p->get<int64_t>() > size + 1)
      return Failure(
          400, "INVALID_ARGUMENT",
          "position must be an integer from 1 to " + std::to_string(size + 1));
    position = static_cast<int>(p->get<int64_t>());
  }
  NamedRouteSet& set = r.account->named_routes;
  if (auto err = CheckIfMatch(r, set.etag)) return *err;
  const Route& route = ref->set->routes[ref->index];
  for (const std::string& held : named->routes) {
    if (held == route.id)
      return Failure(
          409, "DUPLICATE",
          route.id + " is already in the named route " + named->name);
  }
  named->routes.insert(named->routes.begin() + (position - 1), route.id);
  set.etag = NextEtag(*r.account, kNamedCollection);
  Log(r, "add", "named-route:" + named->name, route.address);
  r.call->committed = true;
  return Success(200,
                 {{"named_route", NamedRouteJson(*named)}, {"etag", set.etag}},
                 set.etag);
}

ServerResponse EssSim::RemoveFromNamed(Req& r) {
  NamedRoute* named;
  if (auto err = NamedOf(*r.account, r.segs[1], &named)) return *err;
  const std::string& id = r.segs[3];
  auto held = std::find(named->routes.begin(), named->routes.end(), id);
  if (held == named->routes.end())
    return Failure(404, "NOT_FOUND",
                   "route " + id + " is not in the named route " + named->name);
  NamedRouteSet& set = r.account->named_routes;
  if (auto err = CheckIfMatch(r, set.etag)) return *err;
  if (named->routes.size() == 1)
    return Failure(
        409, "LAST_ROUTE",
        "route " + id + " is the only route of the named route " + named->name);
  auto ref = FindRoute(*r.account, id);
  named->routes.erase(held);
  set.etag = NextEtag(*r.account, kNamedCollection);
  Log(r, "remove", "named-route:" + named->name,
      ref ? ref->set->routes[ref->index].address : "");
  r.call->committed = true;
  return Success(200,
                 {{"named_route", NamedRouteJson(*named)}, {"etag", set.etag}},
                 set.etag);
}

}  // namespace renumber::ess_sim
