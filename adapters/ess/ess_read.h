// Snapshot: everything the ESS adapter read from one account in one
// discovery — the default route collection, each custom-mode domain's
// collection, the named routes and the outbound servers — plus lookups over
// it.
//
// ReadSnapshot only GETs. A custom domain that vanished (404) or stopped
// being custom (409 NOT_CUSTOM) between the listing and its read is skipped
// and named in `skipped`; any other error fails the read.
// The adapter keeps it in Discovery::snapshot for its PlanPhase.
//
// Values; thread-safe. Pointers returned by the lookups point into the
// snapshot or collection passed in.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_READ_H_
#define RENUMBER_ADAPTERS_ESS_ESS_READ_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/ess/ess_client.h"
#include "adapters/ess/ess_wire.h"

namespace renumber {
namespace ess {

struct Snapshot {
  // The default collection first, then custom domains in listing order.
  std::vector<RouteCollection> collections;
  OutboundList outbound;
  NamedRouteList named;              // named routes (default routes only)
  std::vector<std::string> skipped;  // "example.jp (no longer custom)"
  // Every domain of the account (GET /v1/domains), lower case, in listing
  // order: Discovery::domains, for preflight.
  std::vector<std::string> domains;
};

Result<Snapshot> ReadSnapshot(EssClient* client);

// nullptr when absent.
const RouteCollection* FindCollection(const Snapshot& s,
                                      const std::string& domain);
// The first route of `c` whose address is the IP literal `ip`.
const Route* FindRouteTo(const RouteCollection& c, const IpAddress& ip);
const Route* FindRouteById(const RouteCollection& c, const std::string& id);
int PrimaryCount(const RouteCollection& c);
// The named routes holding route `id`, in listing order.
std::vector<const NamedRoute*> NamedRoutesHolding(const NamedRouteList& l,
                                                  const std::string& id);
const NamedRoute* FindNamedRoute(const NamedRouteList& l,
                                 const std::string& name);
// 0-based index of `id` in `n`; -1 when absent.
int IndexIn(const NamedRoute& n, const std::string& id);
const OutboundServer* FindOutboundExact(const OutboundList& l,
                                        const IpAddress& ip);
const OutboundServer* FindOutboundById(const OutboundList& l,
                                       const std::string& id);
// True when an entry other than `except_id` is `ip` or a CIDR holding it.
bool OutboundCovers(const OutboundList& l, const IpAddress& ip,
                    const std::string& except_id = "");

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_READ_H_
