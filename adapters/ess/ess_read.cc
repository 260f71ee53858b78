#include "adapters/ess/ess_read.h"

#include <algorithm>

#include "src/core/dns_name.h"

namespace renumber {
namespace ess {

Result<Snapshot> ReadSnapshot(EssClient* client) {
  Snapshot s;
  RN_ASSIGN_OR_RETURN(RouteCollection def, client->GetRoutes(""));
  s.collections.push_back(std::move(def));
  RN_ASSIGN_OR_RETURN(s.named, client->GetNamedRoutes());
  RN_ASSIGN_OR_RETURN(std::vector<Domain> domains, client->ListDomains());
  for (const Domain& d : domains) {
    const std::string name = NormalizeDnsName(d.name);
    if (std::find(s.domains.begin(), s.domains.end(), name) == s.domains.end())
      s.domains.push_back(name);
    if (d.route_mode != "custom") continue;
    auto c = client->GetRoutes(d.name);
    if (c.ok()) {
      s.collections.push_back(std::move(*c));
    } else if (c.status().Is(Code::kNotFound)) {
      s.skipped.push_back(d.name + " (deleted while reading)");
    } else if (c.status().Is(Code::kConflict) &&
               c.status().message().find("NOT_CUSTOM") != std::string::npos) {
      s.skipped.push_back(d.name + " (no longer custom)");
    } else {
      return c.status();
    }
  }
  RN_ASSIGN_OR_RETURN(s.outbound, client->GetOutbound());
  return s;
}

const RouteCollection* FindCollection(const Snapshot& s,
                                      const std::string& domain) {
  for (const RouteCollection& c : s.collections)
    if (c.domain == domain) return &c;
  return nullptr;
}

const Route* FindRouteTo(const RouteCollection& c, const IpAddress& ip) {
  for (const Route& r : c.routes)
    if (AddressIs(r.address, ip)) return &r;
  return nullptr;
}

const Route* FindRouteById(const RouteCollection& c, const std::string& id) {
  for (const Route& r : c.routes)
    if (r.id == id) return &r;
  return nullptr;
}

int PrimaryCount(const RouteCollection& c) {
  int n = 0;
  for (const Route& r : c.routes) n += r.primary() ? 1 : 0;
  return n;
}

std::vector<const NamedRoute*> NamedRoutesHolding(const NamedRouteList& l,
                                                  const std::string& id) {
  std::vector<const NamedRoute*> out;
  for (const NamedRoute& n : l.named)
    if (IndexIn(n, id) >= 0) out.push_back(&n);
  return out;
}

const NamedRoute* FindNamedRoute(const NamedRouteList& l,
                                 const std::string& name) {
  for (const NamedRoute& n : l.named)
    if (n.name == name) return &n;
  return nullptr;
}

int IndexIn(const NamedRoute& n, const std::string& id) {
  for (size_t i = 0; i < n.routes.size(); ++i)
    if (n.routes[i] == id) return static_cast<int>(i);
  return -1;
}

const OutboundServer* FindOutboundExact(const OutboundList& l,
                                        const IpAddress& ip) {
  for (const OutboundServer& o : l.servers)
    if (AddressIs(o.address, ip)) return &o;
  return nullptr;
}

const OutboundServer* FindOutboundById(const OutboundList& l,
                                       const std::string& id) {
  for (const OutboundServer& o : l.servers)
    if (o.id == id) return &o;
  return nullptr;
}

bool OutboundCovers(const OutboundList& l, const IpAddress& ip,
                    const std::string& except_id) {
  for (const OutboundServer& o : l.servers) {
    if (!except_id.empty() && o.id == except_id) continue;
    if (AddressIs(o.address, ip) || CidrContains(o.address, ip)) return true;
  }
  return false;
}

}  // namespace ess
}  // namespace renumber
