// The ESS wire format (docs/ess-contract.md), kept in one place: the
// objects the adapter reads (routes, outbound servers, domains), how their
// JSON decodes, and the paths of the collections. Nothing here talks HTTP.
//
// Decoding is strict about what the adapter relies on (ids, addresses,
// ports, roles) and lenient about the rest (unknown fields are ignored).
// Decoders return kInternal with a short reason on a shape they cannot use;
// callers add the account and the call.
//
// Pure functions and plain values; thread-safe.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_WIRE_H_
#define RENUMBER_ADAPTERS_ESS_ESS_WIRE_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "src/core/ip.h"
#include "src/core/status.h"
#include "src/core/time.h"

namespace renumber {
namespace ess {

inline constexpr const char* kPrimary = "primary";
inline constexpr const char* kFailover = "failover";
// A check PASS younger than this lets a route be promoted (the contract's
// `can_promote` rule); older ones are checked again before promoting.
inline constexpr std::chrono::hours kCheckFreshness{24};

struct LastCheck {
  Timestamp at;
  std::string result;  // "PASS" or "FAIL"
  std::string detail;
};

struct Route {
  std::string id;
  std::string address;  // IP or host name, as the vendor stores it
  int port = 25;
  std::string role;  // kPrimary or kFailover
  int order = 0;
  std::optional<LastCheck> last_check;
  bool can_promote = false;

  bool primary() const { return role == kPrimary; }
};

struct OutboundServer {
  std::string id;
  std::string address;  // IP or CIDR
  std::string note;
};

// One inbound route collection: the default routes (domain "") or one
// custom-mode domain's routes.
struct RouteCollection {
  std::string domain;  // "" for the default collection
  std::string etag;
  std::vector<Route> routes;
};

struct OutboundList {
  std::string etag;
  std::vector<OutboundServer> servers;
};

// A named route (revision 2): an ordered list of default-route ids, used by
// Data Protection rules; mail goes to its first reachable route.
struct NamedRoute {
  std::string name;
  std::vector<std::string> routes;
};

// The account's named routes: one collection with one ETag.
struct NamedRouteList {
  std::string etag;
  std::vector<NamedRoute> named;
};

struct Domain {
  std::string name;
  std::string route_mode;  // "default" or "custom"
};

struct DomainPage {
  int total = 0;
  std::vector<Domain> domains;
};

// "/v1/inbound-routes" or "/v1/domains/{domain}/inbound-routes".
std::string CollectionPath(const std::string& domain);
// "/v1/inbound-routes/{id}/{action}" (action: check, promote, ...).
std::string RouteActionPath(const std::string& id, const std::string& action);
// "/v1/outbound-servers/{id}/delete".
std::string OutboundDeletePath(const std::string& id);
inline constexpr const char* kOutboundPath = "/v1/outbound-servers";
inline constexpr const char* kNamedRoutesPath = "/v1/named-routes";
// "/v1/named-routes/{name}/routes" (add a route).
std::string NamedRouteAddPath(const std::string& name);
// "/v1/named-routes/{name}/routes/{id}/remove".
std::string NamedRouteRemovePath(const std::string& name,
                                 const std::string& id);

// Parses a body as JSON without throwing; kInternal "malformed JSON ...".
Result<nlohmann::json> ParseJsonBody(const std::string& body);

Result<Route> RouteFromJson(const nlohmann::json& j);
Result<OutboundServer> OutboundFromJson(const nlohmann::json& j);

// Bodies of the successful GETs (the ETag comes from the caller: header
// first, then the body's "etag").
Result<RouteCollection> RouteCollectionFromJson(const nlohmann::json& body,
                                                const std::string& domain);
Result<OutboundList> OutboundListFromJson(const nlohmann::json& body);
Result<DomainPage> DomainPageFromJson(const nlohmann::json& body);
Result<NamedRouteList> NamedRouteListFromJson(const nlohmann::json& body);

// True when `address` is an IP literal equal to `ip` (IPv4-mapped forms
// compare equal to IPv4).
bool AddressIs(const std::string& address, const IpAddress& ip);
// True when `address` is neither an IP nor a CIDR block (a host name).
bool IsHostName(const std::string& address);
// True when `address` is a CIDR block containing `ip`.
bool CidrContains(const std::string& address, const IpAddress& ip);

// True when the route's last check is a PASS at most kCheckFreshness old.
bool HasFreshPass(const Route& route, Timestamp now);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_WIRE_H_
