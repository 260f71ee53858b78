// Internal to the CDN simulator: operations on the whole state — the state
// file round trip, run-time settings, and "the customer" changing a service
// in the console.
//
// Contract:
// - StateToJson / StateFromJson round-trip accounts (with tokens), services
//   with every version and object, and the rate-limit settings. Rate-limit
//   counters are not state: a load starts every token on a full window.
//   StateFromJson leaves *state unchanged on error (kInvalidArgument).
// - Settings are {"rate_limit": {"size": N, "window_s": S}}; a partial
//   object changes only what it names; unknown keys, non-integers and values
//   below 1 are kInvalidArgument.
// - ApplyCustomerChange clones the active version of the account's first
//   service that has one, edits it as a person would in the console, and
//   activates it. kNotFound for an unknown account or one with no active
//   service.
// Not synchronized: callers hold CdnSimApi's mutex.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_STATE_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_STATE_H_

#include <nlohmann/json.hpp>
#include <string>

#include "adapters/cdn/simulator/handlers.h"

namespace renumber::cdnsim {

inline constexpr char kStateFormat[] = "renumber-cdn-sim/1";

nlohmann::json StateToJson(const CdnState& state);
Status StateFromJson(const nlohmann::json& j, CdnState* state);

nlohmann::json SettingsJson(const RateLimitConfig& config);
Result<RateLimitConfig> RateLimitFromSettings(const nlohmann::json& settings,
                                              RateLimitConfig current);

Status ApplyCustomerChange(CdnState* state, const std::string& account);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_STATE_H_
