// What a phase changes inside one service version, computed as the
// difference between the desired state and a version's live configuration
// (pure functions: the same input always gives the same steps, and a
// version that is already in the desired state gives none).
//
// Prepare, for each backend at the old IP ("old"):
//   add-healthcheck  when the old has none: one per probed host, `/`, HEAD
//   add-backend      the twin: every setting copied, address = new IP,
//                    auto_loadbalance on, the old's (or the new) healthcheck
//   update-backend   the old: auto_loadbalance on, the healthcheck if none
//   link-director    the twin into every director that holds the old
// Cut over, for each twin (a new-IP backend whose marker or name says whose
// twin it is):
//   delete-backend   the old (only while the twin exists)
//   rename-backend   the twin takes the old's name and original
//                    auto_loadbalance, healthcheck and comment
// Old backends without a complete twin are "unprepared": their cut-over
// steps are only projected and must not be applied.
//
// Errors: kPreconditionFailed when a name we need is taken by a backend
// that is not ours (e.g. "origin_1_renumber_new" at another address).
#ifndef RENUMBER_ADAPTERS_CDN_CDN_STEPS_H_
#define RENUMBER_ADAPTERS_CDN_CDN_STEPS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/cdn/cdn_config.h"
#include "src/core/ip.h"

namespace renumber::cdn {

struct Step {
  std::string kind;  // "add-backend", "rename-backend", ...
  std::string key;   // stable within the service: "twin/origin_1"
  nlohmann::json params;
  bool removes_reference = false;
};

struct ServiceSteps {
  std::vector<Step> steps;
  std::vector<std::string> unprepared;  // cut over: olds lacking a twin
};

struct Addresses {
  IpAddress old_ip;
  IpAddress new_ip;
};

Result<ServiceSteps> PrepareSteps(const VersionConfig& v, const Addresses& a,
                                  const std::string& service_name);
Result<ServiceSteps> CutoverSteps(const VersionConfig& v, const Addresses& a);

// A healthcheck renumber adds: probes `host` at `/` with HEAD, expects 200.
nlohmann::json NewHealthcheckParams(const std::string& host);

// The healthcheck the pair (old, twin) uses after prepare.
std::string PairHealthcheck(const Backend& old,
                            const std::string& service_name);

// Whose twin `b` is ("" when it is not a twin): its marker, else its name.
std::string TwinOf(const Backend& b);

enum class ServiceState { kNone, kNotStarted, kPrepared, kCutOver, kPartial };
// kNone: the version references neither IP.
ServiceState ClassifyService(const VersionConfig& v, const Addresses& a,
                             const std::string& service_name);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_STEPS_H_
