// For the CDN adapter's integration tests: what the vendor state must be
// after each phase, checked field by field against the state read before
// (ActiveState of cdn_sim_fixture.h), and the writes a phase must make,
// counted from that state independently of the adapter's planner.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_SIM_EXPECT_H_
#define RENUMBER_ADAPTERS_CDN_CDN_SIM_EXPECT_H_

#include <nlohmann/json.hpp>

#include "src/model/model.h"

namespace renumber::cdn {

// Every old backend has its twin with every setting copied, address new,
// auto_loadbalance on for both, a healthcheck on both, the twin in each of
// the old's directors; everything else unchanged.
void ExpectPrepared(const nlohmann::json& before, const nlohmann::json& after,
                    const Target& t);
// Exactly `before` with each old backend's address replaced by the new IP
// (names, settings, comments, directors all as before); healthchecks may
// include the ones prepare added.
void ExpectCutOver(const nlohmann::json& before, const nlohmann::json& after,
                   const Target& t);

struct PhaseWrites {
  int prepare = 0;
  int cutover = 0;
};
// README.md's formulas: prepare = per service with old backends 1 clone +
// h healthchecks + k twins + u old-backend updates + d director links +
// 1 activate; cut over = 1 clone + k deletes + k renames + d director
// link removals (this simulator does not cascade) + 1 activate.
PhaseWrites ExpectedWrites(const nlohmann::json& before, const Target& t);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_SIM_EXPECT_H_
