// Turning what was read from a CDN account into a Discovery: findings per
// backend of each active version (old IP, new IP, host name resolving to the
// old IP), notes (unactivated customer drafts, services with no active
// version), and the account state over all services that reference either
// IP (not-started / prepared / cut-over / partial; missing when none does).
// Resolver errors become notes. Threads: one at a time.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_DISCOVER_H_
#define RENUMBER_ADAPTERS_CDN_CDN_DISCOVER_H_

#include <vector>

#include "adapters/adapter.h"
#include "adapters/cdn/cdn_read.h"
#include "adapters/cdn/cdn_steps.h"
#include "src/core/resolver.h"

namespace renumber::cdn {

Discovery BuildDiscovery(const std::vector<ServiceSnapshot>& services,
                         const Target& target, Resolver* resolver);

AccountState CombineStates(const std::vector<ServiceState>& states);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_DISCOVER_H_
