// The ESS simulator's delivery model (no real vendor exposes one): where
// mail would be delivered, for every domain, for the default routes and for
// every named route of an account, given which servers are down — and the
// history of that answer over every write, so that tests can assert over
// every moment of a migration (GET /_sim/delivery/{account}?down=A,B).
//
// Rules, from ../shared/vendor-api/ess.md ("Objects"), and where it is
// silent (README.md):
// - a collection delivers to its primaries: every primary whose server is
//   up may receive mail (the contract does not say how primaries share it);
//   only while every primary is down, to the first failover (in order)
//   whose server is up; else nowhere;
// - a domain in default mode delivers like the default routes, a custom
//   domain like its own routes;
// - a named route is an ordered list: mail goes to its first route whose
//   server is up, whatever that route's role.
// "Down" names servers by address (an IP compares by value, a host name by
// its text); a down server is down on every port.
//
// DeliveryHistory records the account's routing (routes in order with their
// roles, and named routes) once at seeding/loading and after every
// committed write that changed a collection; Answer() evaluates the current
// routing and every recorded moment against the same `down` set.
//
// Plain values; not thread-safe (the simulator's mutex guards it).
#ifndef RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_DELIVERY_H_
#define RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_DELIVERY_H_

#include <cstdint>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "adapters/ess/simulator/ess_model.h"
#include "src/core/time.h"

namespace renumber::ess_sim {

// What delivery depends on, copied out of an account.
struct Routing {
  RouteSet default_routes;
  std::vector<Domain> domains;
  NamedRouteSet named;
};
Routing RoutingOf(const Account& account);

// One moment: its routing and where mail goes with `down` down:
// {"routes": {"default": [{"id","address","port","role"}...],
//             "custom": {domain: [...]}, "named": {name: [{"id","address"}]}},
//  "delivery": {"default": {"to": [addresses], "via": "primary" | "failover"
//                           | null},
//               "domains": {domain: {"routes": "default" | "custom",
//                                    "to", "via"}},
//               "named": {name: {"to": [address], "position": n | null}}}}
nlohmann::json MomentJson(const Routing& routing,
                          const std::vector<std::string>& down);

class DeliveryHistory {
 public:
  // Moments kept per account; older ones are dropped (and counted).
  static constexpr size_t kMaxMoments = 20000;

  // Forgets everything; `what` ("seeded", "loaded") labels the first
  // moment of each account.
  void Reset(const std::map<std::string, Account>& accounts, Timestamp at,
             const std::string& what);
  // Records the account's routing after a committed write `write`
  // ("POST /v1/inbound-routes/{id}/move") by `actor`.
  void Record(const Account& account, Timestamp at, const std::string& write,
              const std::string& actor);
  // {"account", "down", "now": moment, "dropped": n, "history": [{"seq",
  //  "at", "write", "actor", ...moment}]}; nullopt for an unknown account.
  std::optional<nlohmann::json> Answer(
      const Account& account, const std::vector<std::string>& down) const;

 private:
  struct Moment {
    uint64_t seq = 0;
    Timestamp at;
    std::string write;
    std::string actor;
    Routing routing;
  };
  struct Log {
    std::deque<Moment> moments;
    uint64_t next_seq = 0;
    uint64_t dropped = 0;
  };
  std::map<std::string, Log> logs_;  // by customer
};

}  // namespace renumber::ess_sim

#endif  // RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_DELIVERY_H_
