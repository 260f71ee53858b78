// Verify of a CDN account: read back (as Discover), validate each staged
// switch (or the active version once cut over), and probe the origins of
// every moved backend (cdn_probe.h), in parallel with a bound.
//
// Before maintenance_end a new origin that differs or is down is expected
// (the check passes, saying so); an old origin that is down is not. After
// it, each backend's check is the cut-over gate. The report's `gate` holds
// per service {"ready", "why", "why_ja"} for PlanPhase(cutover); `record`
// holds what the old origins answered, for the journal.
// new_side_verified: every service that references either IP is prepared
// (or prepared-stale) or cut over, every validation passed, and — after
// maintenance_end — every gate is open.
// With list_domains, `domains` holds each service's active domains
// (cdn_domains.h: from the account read, no extra request).
// Threads: one at a time.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_VERIFY_H_
#define RENUMBER_ADAPTERS_CDN_CDN_VERIFY_H_

#include "adapters/adapter.h"
#include "adapters/cdn/cdn_client.h"
#include "src/core/resolver.h"
#include "src/core/time.h"
#include "src/probe/http_probe.h"

namespace renumber::cdn {

inline constexpr int kProbeParallel = 8;

Result<VerifyReport> VerifyAccount(CdnClient* client, HttpProber* prober,
                                   Clock* clock, Resolver* resolver,
                                   const Target& target,
                                   const VerifyOptions& options,
                                   bool list_domains = false);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_VERIFY_H_
