// Plans of the CDN adapter, pure functions of what was read:
// - prepare / cut over, per service that needs it: clone-version, the
//   steps of cdn_steps.h, activate-version (one atomic switch). A service
//   already in the desired state gets no change, so "apply, then plan
//   again" is empty. Cut over of a service whose old backends have no
//   complete twin is only projected (Plan.projected; not to be applied).
// - rollback of prepare / cut over, from the journal of the phase being
//   undone (all its runs since its last rollback): reactivate-version of
//   the version that was active before its first switch,
//   per service whose active version is still the one the phase activated;
//   kPreconditionFailed naming both versions when someone activated another
//   version since (unless `force`).
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
                         const Target& target, const std::string& account);

Result<Plan> PlanRollback(Phase phase,
                          const std::vector<ServiceSnapshot>& services,
                          const PhaseContext& context,
                          const std::string& account);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_PLAN_H_
