// Finishing one service's phase: the single atomic switch.
//
// Finish(draft) brings the draft to the phase's desired state computed from
// the draft itself (normally nothing is left to do: the plan's steps did it;
// after a resumed run or a re-plan this is where missing steps happen),
// checks the rules that never bend on the draft (at least one backend; no
// director that had backends in the base version left empty; prepare: every
// old backend has its complete twin; cut over: no old backend left, every
// twin renamed), validates it, then activates it:
// - if, just before activating, the active version is no longer the one the
//   draft was cloned from (a concurrent change), the draft is not activated:
//   it is left behind (the contract cannot delete a version) and the phase
//   is redone on a clone of the new active version;
// - if, right after activating, a version we did not create became locked
//   since the clone (the customer activated it in between, and our
//   activation replaced it), the phase is redone on a clone of that version
//   so the customer's change is kept.
// At most 3 rounds; then kConflict naming the versions.
//
// The result (journaled) holds service_id, previous_active (the version to
// re-activate for a rollback), activated, phase_start_active, and the
// left_behind / superseded versions. Threads: one at a time.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_FINISH_H_
#define RENUMBER_ADAPTERS_CDN_CDN_FINISH_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_ops.h"
#include "adapters/cdn/cdn_steps.h"
#include "src/model/model.h"

namespace renumber::cdn {

struct DraftState {
  DraftRef ref;
  int phase_start_active = 0;
  std::vector<int> left_behind;  // drafts created and not activated
};

class ServicePhase {
 public:
  ServicePhase(CdnClient* client, Addresses a, std::string service_name)
      : client_(client),
        a_(a),
        name_(std::move(service_name)),
        runner_(client, a) {}

  // `phase` is kPrepare or kCutover. Updates `draft` when it re-plans.
  Result<nlohmann::json> Finish(DraftState* draft, Phase phase);

  // Brings the draft to the phase's desired state. Returns steps applied.
  Result<int> Converge(const DraftRef& d, Phase phase);

 private:
  Status CheckRules(const DraftRef& d, Phase phase);
  Status Replan(DraftState* draft, int new_base);

  CdnClient* client_;
  Addresses a_;
  std::string name_;
  StepRunner runner_;
};

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_FINISH_H_
