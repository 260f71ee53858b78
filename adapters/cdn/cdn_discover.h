// Turning what was read from a CDN account into a Discovery: findings per
// backend of each active version (old IP, new IP, host name resolving to
// the old IP), hidden origins (custom VCL, snippets, pool servers, Compute
// services), the staged switch and whether it is stale, notes (customer
// drafts, services with no active version), the account state
// (cdn_state.h) — a `missing` one with a note naming the origin servers
// its active versions use (a wrong old_ip in the plan) — and as appendix the
// vendor's diff of each staged switch (the changed lines, each under the name
// of its object). Resolver errors become notes. Threads: one at a time.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_DISCOVER_H_
#define RENUMBER_ADAPTERS_CDN_CDN_DISCOVER_H_

#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "adapters/cdn/cdn_read.h"
#include "src/core/resolver.h"

namespace renumber::cdn {

Discovery BuildDiscovery(const std::vector<ServiceSnapshot>& services,
                         const Target& target, Resolver* resolver);

// The changed lines of a vendor text diff, each preceded by the "- name:"
// line of the object it belongs to.
std::string ChangedLines(const std::string& diff);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_DISCOVER_H_
