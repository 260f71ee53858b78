// The typed changes the ESS adapter plans, one constructor per kind. Each
// change carries in `params` everything Apply needs (no secrets), so the
// engine can journal it and a rollback can read it back later. Each
// enumerator of ChangeKind below says what the change does, its journal
// name (what Change::kind holds: ChangeKinds) and its
// params. The adapter matches kinds as ChangeKind, never by name.
//
// `domain` "" is the default collection. Ids are "<kind>:<collection>" (or
// "<kind>:<server id>", "<kind>:<named route>"), stable across re-plans.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_CHANGES_H_
#define RENUMBER_ADAPTERS_ESS_ESS_CHANGES_H_

#include <optional>
#include <string>

#include "adapters/adapter.h"
#include "adapters/ess/ess_placement.h"
#include "adapters/ess/ess_wire.h"
#include "adapters/kind_names.h"

namespace renumber {
namespace ess {
enum class ChangeKind {
  // add-route: the new server joins a collection as a failover route
  // (prepare). Params: domain, address, port, role.
  kAddRoute,
  // restore-route: a deleted route comes back in its role (rollback of
  // cut over). Params: domain, address, port, role.
  kRestoreRoute,
  // add-outbound: the new IP becomes an allowed outbound server.
  // Params: address, note, cidr_ok (true: a CIDR covering it counts).
  kAddOutbound,
  // restore-outbound: a deleted outbound server comes back (rollback).
  // Params: address, note, cidr_ok (false).
  kRestoreOutbound,
  // check-route: the vendor's delivery check of a route.
  // Params: domain, route_id, address, port.
  kCheckRoute,
  // promote-route: the new route takes the primary role (cut over).
  // Params: domain, route_id, address, port, check_first.
  kPromoteRoute,
  // demote-route: a promoted route returns to failover (rollback).
  // Params: domain, route_id, address, port.
  kDemoteRoute,
  // delete-route: the old route goes, once its replacement is verified.
  // Params: domain, route_id, address, port, role, order,
  // replacement{route_id,address}, reason, note, ticket?
  kDeleteRoute,
  // delete-outbound: the old outbound server goes.
  // Params: server_id, address, server_note, reason, note, ticket?
  kDeleteOutbound,
  // remove-added-route: the route prepare added goes (rollback).
  // Params: domain, route_id, address, port, reason, note, ticket?
  kRemoveAddedRoute,
  // remove-added-outbound: the outbound server prepare added goes
  // (rollback). Params: server_id, address, reason, note, ticket?
  kRemoveAddedOutbound,
  // place-route: the new route is added at a position (ess_placement.h).
  // Params: domain, address, port, role, anchor.
  kPlaceRoute,
  // join-named-route: the new server joins a named route.
  // Params: name, address, port, anchor (a default route).
  kJoinNamedRoute,
  // leave-named-route: the old server leaves a named route.
  // Params: name, route_id, address, port, position (1-based, where it
  // stood), replacement (address that stays).
  kLeaveNamedRoute
};

// The journal name of each kind and back (adapters/kind_names.h), from
// the table of kinds in ess_apply.cc.
const KindNames<ChangeKind>& ChangeKinds();

// The ids a change of a kind must carry in its params, for the objects it
// acts on (Apply refuses a change without them): bits of kRouteId
// (route_id), kServerId (server_id, an outbound server) and kRouteName
// (name, a named route).
enum IdsNeeded : unsigned {
  kNoIds = 0,
  kRouteId = 1,
  kServerId = 2,
  kRouteName = 4
};
unsigned IdsNeededBy(ChangeKind kind);

// Deletion notes the vendor's change log keeps (they name renumber, the
// reason for the deletion and the ticket).
std::string MigrationNote(const Target& t);
std::string RollbackPrepareNote(const Target& t);

Change AddRouteChange(const std::string& domain, const Route& old_route,
                      const Target& t);
Change RestoreRouteChange(const std::string& domain, const std::string& address,
                          int port, const std::string& role);
Change AddOutboundChange(const std::string& address, const std::string& note);
Change RestoreOutboundChange(const std::string& address,
                             const std::string& note);
Change CheckRouteChange(const std::string& domain, const Route& route);
Change PromoteRouteChange(const std::string& domain, const Route& route,
                          bool check_first);
Change DemoteRouteChange(const std::string& domain, const Route& route);
Change DeleteRouteChange(const std::string& domain, const Route& old_route,
                         const Route& replacement, const Target& t);
Change DeleteOutboundChange(const OutboundServer& old_server, const Target& t);
Change RemoveAddedRouteChange(const std::string& domain, const Route& route,
                              const Target& t);
Change RemoveAddedOutboundChange(const OutboundServer& server, const Target& t);
// Moves the route to `address` (port, role) in `domain`'s collection to
// `anchor` (the `move` call).
Change PlaceRouteChange(const std::string& domain, const std::string& address,
                        int port, const std::string& role,
                        const Anchor& anchor);
// Adds the default route to `address` to named route `name` at `anchor`.
Change JoinNamedRouteChange(const std::string& name, const std::string& address,
                            int port, const Anchor& anchor);
// Takes `route` (standing at 1-based `position`) out of named route `name`,
// where the route to `replacement` stays.
Change LeaveNamedRouteChange(const std::string& name, const Route& route,
                             int position, const std::string& replacement);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_CHANGES_H_
