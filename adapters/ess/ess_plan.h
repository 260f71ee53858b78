// Planning the ESS phases as the difference between the desired state and a
// snapshot of the live state ("apply, then plan again is empty").
//
// Prepare: in every collection holding a route to the old IP and no route
// to the new IP, add the new IP as a failover route with the old route's
// port, and move it where the order rule puts it (ess_placement.h: the
// first failover beside an old primary, right after an old failover) when
// adding it last among the failovers does not; add it to every named route
// holding the old default route, right after the old one; add the new IP to
// the outbound servers when the old IP is covered there (exactly or by a
// CIDR) and the new IP is not. A twin already there but out of place is
// moved; a named route lacking it gets it.
//
// Cutover, per collection holding a route to the old IP and its twin (a
// route to the new IP, same port): when the old route is primary, promote
// the twin (checking it first when its last PASS is missing or stale) and,
// when the old one was not the first primary, move the twin right before
// it; when it is a failover, check the twin if its last PASS is missing or
// stale, and move it right after the old one if it is not there. In the
// default collection, the twin joins every named route holding the old
// route that lacks it, then the old route leaves each of them. Then delete
// the old route, which leaves the twin in its place. Then delete each
// outbound entry that is exactly the old IP when the new IP is covered by
// another entry. A collection without a twin is left alone with a note. A
// not-started account gets a projected plan (Plan::projected), never to be
// applied.
//
// Rollbacks (ess_rollback.cc) plan the undo from PhaseContext::history:
// - rollback-prepare takes the new route out of the named routes prepare
//   added it to, then removes the routes and outbound entries the prepare
//   run added (by the ids in its outcomes; for an intent without outcome,
//   by collection, address and port), nothing else; the others' order is
//   what prepare found, since deleting a route keeps the rest in order;
// - rollback-cutover restores the outbound entries, then per collection
//   each deleted old route (recorded domain, address, port, role), puts it
//   back into the named routes it left (right before the twin), moves it
//   back beside the twin (right after a promoted twin, which the demotion
//   then puts behind it; right before a failover twin), and demotes the
//   twin of an old primary back to first failover: the order prepare left.
//   The move or demotion that makes a collection prepared comes last, so a
//   rollback killed half-way never looks finished.
// Errors: kPreconditionFailed when the rollback would break a rule (e.g.
// remove a route that became the only primary); kCorruption for history
// records that do not parse.
//
// Pure functions of their arguments; thread-safe.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_PLAN_H_
#define RENUMBER_ADAPTERS_ESS_ESS_PLAN_H_

#include "adapters/adapter.h"
#include "adapters/ess/ess_read.h"

namespace renumber {
namespace ess {

Plan PlanPrepare(const Snapshot& s, const Target& t);
// `now` decides whether a twin needs a check before promotion.
Plan PlanCutover(const Snapshot& s, const Target& t, Timestamp now);
Result<Plan> PlanRollbackPrepare(const Snapshot& s, const PhaseContext& ctx);
Result<Plan> PlanRollbackCutover(const Snapshot& s, const PhaseContext& ctx);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_PLAN_H_
