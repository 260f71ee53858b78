// The domains a CDN account serves, for preflight's DNS checks: the names
// of each service's active version (cdn.md: `GET
// /service/{sid}/version/{v}/domain`, an array of {"name","comment"}; a
// service's name is a free label, not a domain). A service with no active
// version serves no domain.
//
// The account read (cdn_read.h) already fetched every active version's
// domains (the origin probes need them for the Host header), so listing
// them costs no request: the adapter calls this only when asked
// (AdapterDeps::list_domains), on the services it read. Names come back
// lower case without the trailing dot, in service order, without
// duplicates; a name that is no domain name is skipped (it is the
// customer's text, not ours to query). A domain list of the wrong shape is
// already an error of the read, naming the call.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_DOMAINS_H_
#define RENUMBER_ADAPTERS_CDN_CDN_DOMAINS_H_

#include <string>
#include <vector>

#include "adapters/cdn/cdn_read.h"

namespace renumber::cdn {

std::vector<std::string> ActiveDomains(
    const std::vector<ServiceSnapshot>& services);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_DOMAINS_H_
