// Internal to the CDN simulator: operations on the whole state — the state
// file round trip, run-time settings, the seed's first activations, and
// "the customer" changing a service in the console.
//
// Contract:
// - StateToJson / StateFromJson round-trip accounts (with tokens and their
//   users), services with every version and object, pool servers, the
//   activation history and the settings. Rate-limit counters are not
//   state: a load starts every user on a full window. StateFromJson leaves
//   *state unchanged on error (kInvalidArgument).
// - Settings are {"rate_limit": {"size": N, "window_s": S, "retry_after":
//   bool}, "max_per_page": N, "backend_limit": {"<service id>": N}}; a
//   partial object changes only what it names; unknown keys, non-integers,
//   values below 1 and unknown services are kInvalidArgument.
// - RecordSeedActivations records every service's active version in the
//   history (by "seed"), so the history starts from the customer's setup.
// - ApplyCustomerChange clones the active version of the account's first
//   service that has one, edits it as a person would in the console, and
//   activates it (by "console"). kNotFound for an unknown account or one
//   with no active service.
// Not synchronized: callers hold CdnSimApi's mutex.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_STATE_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_STATE_H_

#include <nlohmann/json.hpp>
#include <string>

#include "adapters/cdn/simulator/handlers.h"

namespace renumber::cdnsim {

inline constexpr char kStateFormat[] = "renumber-cdn-sim/2";

nlohmann::json StateToJson(const CdnState& state);
Status StateFromJson(const nlohmann::json& j, CdnState* state);

nlohmann::json SettingsJson(const CdnState& state);
Status ApplySettings(const nlohmann::json& settings, CdnState* state);

void RecordSeedActivations(CdnState* state);
nlohmann::json HistoryToJson(const std::vector<Activation>& history);

Status ApplyCustomerChange(CdnState* state, const std::string& account);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_STATE_H_
