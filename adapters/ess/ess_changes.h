// The typed changes the ESS adapter plans, one constructor per kind. Each
// change carries in `params` everything Apply needs (no secrets), so the
// engine can journal it and a rollback can read it back later:
//
// kind                   params
// add-route              domain, address, port, role
// restore-route          domain, address, port, role
// add-outbound           address, note, cidr_ok (true: a CIDR covering the
//                        address counts as done)
// restore-outbound       address, note, cidr_ok (false)
// check-route            domain, route_id, address, port
// promote-route          domain, route_id, address, port, check_first
// demote-route           domain, route_id, address, port
// delete-route           domain, route_id, address, port, role, order,
//                        replacement{route_id,address}, reason, note, ticket?
// delete-outbound        server_id, address, server_note, reason, note,
//                        ticket?
// remove-added-route     domain, route_id, address, port, reason, note, ticket?
// remove-added-outbound  server_id, address, reason, note, ticket?
// place-route            domain, address, port, role, anchor (ess_placement.h)
// join-named-route       name, address, port, anchor (a default route)
// leave-named-route      name, route_id, address, port, position (1-based,
//                        where it stood), replacement (address that stays)
//
// `domain` "" is the default collection. Ids are "<kind>:<collection>" (or
// "<kind>:<server id>", "<kind>:<named route>"), stable across re-plans.
// The adapter matches kinds as ChangeKind; the names above are only what
// Change::kind holds for the journal (ChangeKindName, ParseChangeKind).
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_CHANGES_H_
#define RENUMBER_ADAPTERS_ESS_ESS_CHANGES_H_

#include <optional>
#include <string>

#include "adapters/adapter.h"
#include "adapters/ess/ess_placement.h"
#include "adapters/ess/ess_wire.h"

namespace renumber {
namespace ess {
enum class ChangeKind {
  kAddRoute,
  kRestoreRoute,
  kAddOutbound,
  kRestoreOutbound,
  kCheckRoute,
  kPromoteRoute,
  kDemoteRoute,
  kDeleteRoute,
  kDeleteOutbound,
  kRemoveAddedRoute,
  kRemoveAddedOutbound,
  kPlaceRoute,
  kJoinNamedRoute,
  kLeaveNamedRoute
};

// The journal name of each kind and back (adapters/kind_names.h).
const char* ChangeKindName(ChangeKind kind);
std::optional<ChangeKind> ParseChangeKind(const std::string& name);

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
