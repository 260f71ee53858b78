// The routing model (cdn.md "How the real service routes a request"):
// which backends, at which addresses, could receive a request in a version,
// given the backends' health. The simulator answers it at
// GET /_sim/route/{sid} and records it for every activation, so a test can
// assert over the whole history that no request could reach an address.
//
// The model, one class of requests at a time:
// - "condition:<name>": requests matching a request condition go to the
//   backends that name it (several: any of them). Statements are not
//   evaluated: each condition is its own class of requests.
// - "default": requests matching no condition. Candidates, one chosen
//   arbitrarily: each unconditioned backend without auto_loadbalance, and
//   the service-wide pool of every unconditioned backend with
//   auto_loadbalance (weighted, health-checked: only its healthy members).
// - "director:<name>" / "pool:<name>": only when custom VCL or a snippet
//   selects it (`req.backend = <name>`); its healthy members, or nothing
//   when their healthy weight is below the quorum (the director is down).
// - "selected:<name>": a backend VCL or a snippet selects directly
//   (`req.backend = F_<name>`).
// - "vcl:<name>": a backend defined in custom VCL (`backend <name> {
//   .host = "…"; }`), invisible to the backend endpoints.
// - "compute": a Compute (wasm) service's code may use any backend.
// Health: a backend is down when it is named down, when its address is
// down, or when a backend sharing its share_key is down — but only for a
// backend with a healthcheck: without one the CDN cannot tell and keeps
// sending it requests.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_SIMULATOR_ROUTING_H_
#define RENUMBER_ADAPTERS_CDN_SIMULATOR_ROUTING_H_

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "adapters/cdn/simulator/model.h"

namespace renumber::cdnsim {

struct Health {
  std::set<std::string> down_backends;  // by name
  std::set<std::string> up_backends;    // named up explicitly (wins)
  std::set<std::string> down_addresses;
};

struct RouteClass {
  std::string name;                   // "default", "condition:is_api", ...
  std::vector<std::string> backends;  // that could receive the request
  std::vector<std::string> addresses;
  std::string via;    // "only", "arbitrary", "auto_loadbalance", ...
  bool down = false;  // no backend can take it (director below quorum)
  int quorum = 0;     // directors and pools
  int healthy_percent = 100;
};

struct RouteReport {
  std::vector<RouteClass> classes;
  std::set<std::string> addresses;  // every address of every class
};

RouteReport RouteVersion(const Service& service, const Version& version,
                         const Health& health);

// "name:up,name:down" (the health query parameter); kInvalidArgument for
// anything else.
Result<Health> ParseHealth(const std::string& text);

nlohmann::json RouteToJson(const RouteReport& report);

}  // namespace renumber::cdnsim

#endif  // RENUMBER_ADAPTERS_CDN_SIMULATOR_ROUTING_H_
