// Plans of the CDN adapter, pure functions of the snapshot and the context
// (cdn.md "How renumber migrates a CDN service"):
// - prepare, per service that needs it: clone-version (of the active
//   version), label-staged (its comment says what it is; it also
//   supersedes an older staged switch), set-address per old backend (only
//   the address changes), validate-staged (a GET). Nothing live changes.
//   A service whose staged switch is half built gets the rest; one whose
//   switch was built on a version the customer replaced (prepared-stale)
//   gets a new one.
// - cut over, per service whose gate (PhaseContext.gate, from Verify) is
//   open: activate-staged — one write when the staged switch is built on
//   the active version; otherwise the switch is built again from the
//   active version first (the prepare steps), then activated. A service
//   whose new origin is not ready is held back in Plan.waiting. With no
//   gate (renumber plan) every service is planned. A not-started account's
//   cut over is only projected.
// - rollback of cut over, from the journal: reactivate-version of the
//   version active before our first switch, when ours is still the active
//   one (kPreconditionFailed naming the versions when someone activated
//   another since, unless `force`); the switch it replaces is cloned back
//   into a staged version, so the service is prepared again;
// - rollback of prepare: abandon-staged relabels each staged switch (there
//   is nothing live to undo); kPreconditionFailed "roll back the cutover
//   first" when our switch is the active version.
// Hidden origins are listed in the notes and never planned.
// Every change's params carry service_id and the service label.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_PLAN_H_
#define RENUMBER_ADAPTERS_CDN_CDN_PLAN_H_

#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "adapters/cdn/cdn_read.h"

namespace renumber::cdn {

Result<Plan> PlanForward(Phase phase,
                         const std::vector<ServiceSnapshot>& services,
                         const PhaseContext& context,
                         const std::string& account);

Result<Plan> PlanRollback(Phase phase,
                          const std::vector<ServiceSnapshot>& services,
                          const PhaseContext& context,
                          const std::string& account);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_PLAN_H_
