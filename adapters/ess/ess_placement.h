// The order rule of an ESS migration (docs/ess-contract.md revision 2, "How
// renumber moves an ESS account"): where the route to the new IP stands.
//
// ESS failover is a priority: a failover gets mail only while every primary
// is down, and then the first reachable failover in order gets it. So:
// - while the old route is a primary, the new route (a failover) is the
//   *first* failover: when the old server stops, mail goes to the new one,
//   not to an unrelated backup;
// - while the old route is a failover (the backup of another primary), the
//   new route is the failover right after it;
// - once promoted (cut over of an old primary), the new primary stands right
//   before the old one, so that deleting the old leaves it in its place
//   (likewise a new failover right after an old failover);
// - in a named route holding the old route, the new one stands right after
//   it (a named route is an ordered list; mail goes to its first reachable
//   route).
// Rollbacks use the same anchors the other way round (the old route right
// before the new one).
//
// Positions are 1-based among the routes of one role, as `move` takes them.
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_PLACEMENT_H_
#define RENUMBER_ADAPTERS_ESS_ESS_PLACEMENT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "adapters/ess/ess_read.h"
#include "src/core/status.h"

namespace renumber {
namespace ess {

// Where a route must stand among the routes of its role (or in a named
// route): first, or right after / right before the route to `address`.
struct Anchor {
  enum class Relation { kFirst, kAfter, kBefore };
  Relation relation = Relation::kFirst;
  std::string address;  // kAfter / kBefore

  static Anchor First() { return {Relation::kFirst, ""}; }
  static Anchor After(std::string a) { return {Relation::kAfter, a}; }
  static Anchor Before(std::string a) { return {Relation::kBefore, a}; }
};
nlohmann::json AnchorToJson(const Anchor& a);
// kInternal on a shape AnchorToJson does not write.
Result<Anchor> AnchorFromJson(const nlohmann::json& j);

// Where the new route must stand beside the old one, by their roles;
// nullopt when the rule says nothing (a new primary beside an old failover).
std::optional<Anchor> NewRouteAnchor(const Route& old_route,
                                     const Route& new_route);

// 1-based position of route `id` among the routes of its role; 0 if absent.
int RolePosition(const RouteCollection& c, const std::string& id);
// The position `route` must be moved to so that it stands at `anchor`:
// 0 when it already does, -1 when the anchor is not among the routes of
// `route`'s role.
int PositionFor(const RouteCollection& c, const Route& route,
                const Anchor& anchor);
// True when the new route stands where NewRouteAnchor puts it.
bool NewRoutePlaced(const RouteCollection& c, const Route& old_route,
                    const Route& new_route);

// The 1-based position in `n` that puts a route at `anchor`; the anchor is
// given by route id here (named routes hold ids). -1 when the anchor route
// is not in `n`.
int NamedPositionFor(const NamedRoute& n, Anchor::Relation relation,
                     const std::string& anchor_id);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_PLACEMENT_H_
