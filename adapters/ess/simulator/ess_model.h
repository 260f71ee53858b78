// The ESS simulator's data: accounts with their route collections, outbound
// servers, users and change log (../shared/vendor-api/ess.md, "Objects"),
// the wire JSON of each object, and the state file format.
//
// Invariants kept by the helpers below: a route collection is ordered with
// primaries first, then failovers (each in their own order); `order` on the
// wire is the 1-based position; every change to a collection gives it a new
// ETag that it never had before. A named route (revision 2) holds ids of
// default routes only, is never empty, and holds a route at most once; a
// default route a named route holds is never deleted (IN_USE).
//
// Plain values; the simulator's mutex guards them.
#ifndef RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_MODEL_H_
#define RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_MODEL_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "src/core/status.h"
#include "src/core/time.h"

namespace renumber::ess_sim {

struct Check {
  Timestamp at;
  std::string result;  // "PASS" | "FAIL"
  std::string detail;
};

struct Route {
  std::string id;       // "r-7f3a", unique within the account
  std::string address;  // canonical IP text or lower-case host name
  int port = 25;
  std::string role;  // "primary" | "failover"
  std::optional<Check> last_check;
};

struct RouteSet {
  std::string etag;
  std::vector<Route> routes;  // primaries first, then failovers
};

struct Domain {
  std::string name;        // lower case
  std::string route_mode;  // "default" | "custom"
  RouteSet routes;         // used only when route_mode is "custom"
};

// A named route (ClientNet "Named routes", used by Data Protection rules):
// an ordered list of default-route ids.
struct NamedRoute {
  std::string name;
  std::vector<std::string> routes;
};

struct NamedRouteSet {
  std::string etag;
  std::vector<NamedRoute> named;  // in the order the console lists them
};

struct Outbound {
  std::string id;       // "o-12c9"
  std::string address;  // canonical IP or CIDR text
  std::string note;
};

struct OutboundSet {
  std::string etag;
  std::vector<Outbound> servers;
};

struct Change {
  Timestamp at;
  std::string actor;   // the API user, or "customer" for console edits
  std::string action;  // add | promote | demote | delete | update
  std::string object;  // "route:r-7f3a", "outbound-server:o-12c9", or a
                       // collection path for console edits
  std::optional<std::string> address, reason, note, ticket;
};

struct User {
  std::string username;
  std::string password;
  bool admin = true;
};

struct Account {
  std::string customer;  // "C-10001"
  std::vector<User> users;
  RouteSet default_routes;
  std::vector<Domain> domains;  // sorted by name
  OutboundSet outbound;
  NamedRouteSet named_routes;
  std::vector<Change> log;  // oldest first
  uint64_t next_route = 0;
  uint64_t next_outbound = 0;
  uint64_t etag_generation = 0;
};

// Collection paths, used for ETags and console-edit log entries.
inline const char* kDefaultCollection = "inbound-routes";
inline const char* kOutboundCollection = "outbound-servers";
inline const char* kNamedCollection = "named-routes";
std::string DomainCollection(const std::string& domain);

// A fresh ETag for `collection` of `account` (a quoted opaque string).
std::string NextEtag(Account& account, const std::string& collection);
std::string NewRouteId(Account& account);
std::string NewOutboundId(Account& account);

// Restores primaries-first order, keeping each role's relative order.
void Reorder(RouteSet& set);
// Primaries in the set.
int PrimaryCount(const RouteSet& set);

// A route as the API shows it; `order` is 1-based.
nlohmann::json RouteJson(const Route& route, int order, Timestamp now);
bool CanPromote(const Route& route, Timestamp now);
nlohmann::json OutboundJson(const Outbound& server);
nlohmann::json NamedRouteJson(const NamedRoute& named);
nlohmann::json ChangeJson(const Change& change);

// Where a route id lives: the set and, for custom routes, the domain.
struct RouteRef {
  RouteSet* set = nullptr;
  size_t index = 0;
  std::string collection;
};
std::optional<RouteRef> FindRoute(Account& account, const std::string& id);
Domain* FindDomain(Account& account, const std::string& name);
NamedRoute* FindNamedRoute(Account& account, const std::string& name);
// The first named route that holds route `id`; nullptr when none does.
const NamedRoute* NamedRouteHolding(const Account& account,
                                    const std::string& id);

// State file format (see README.md): every field, including ETags, ids,
// counters and the change log, so a reload continues exactly.
nlohmann::json AccountToState(const Account& account);
Result<Account> AccountFromState(const nlohmann::json& j);

}  // namespace renumber::ess_sim

#endif  // RENUMBER_ADAPTERS_ESS_SIMULATOR_ESS_MODEL_H_
