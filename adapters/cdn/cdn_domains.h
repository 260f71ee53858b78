// The domains a CDN account serves, for preflight's DNS checks: the names
// of each service's active version (cdn.md: `GET
// /service/{sid}/version/{v}/domain`, an array of {"name","comment"}; a
// service's name is a free label, not a domain). A service with no active
// version serves no domain.
//
// Read only when asked (AdapterDeps::list_domains): one GET per service
// with an active version. Names come back lower case without the trailing
// dot, in service order, without duplicates; a name that is no domain name
// is skipped (it is the customer's text, not ours to query).
//
// Errors name the account and the call (from CdnClient); an answer of the
// wrong shape is kInternal naming the call. Threads: one at a time, like
// the client.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_DOMAINS_H_
#define RENUMBER_ADAPTERS_CDN_CDN_DOMAINS_H_

#include <string>
#include <vector>

#include "adapters/cdn/cdn_client.h"
#include "adapters/cdn/cdn_read.h"

namespace renumber::cdn {

Result<std::vector<std::string>> ReadActiveDomains(
    CdnClient* client, const std::vector<ServiceSnapshot>& services);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_DOMAINS_H_
