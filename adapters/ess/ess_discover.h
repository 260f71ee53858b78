// Classification of one ESS account from a snapshot: what references the
// old and new IP (findings) and which state the account is in.
//
// States (docs/design.md), with "old present" meaning a route to
// the old IP or an outbound entry that is exactly the old IP:
// - not-started: old present, nothing references the new IP;
// - prepared: old present, and in every collection the old route and a
//   failover route to the new IP with the same port stand side by side,
//   the new one where the order rule puts it (first failover beside an old
//   primary, right after an old failover: ess_placement.h), and no
//   collection holds a new route without an old one; every named route
//   that holds the old default route holds the new one too; and the new IP
//   is covered in the outbound list (exactly or by a CIDR) wherever the old
//   IP is (exactly or by a CIDR);
// - cut-over: no old present, the new IP is referenced;
// - missing: neither (critical);
// - partial: anything else.
// Host-name routes are resolved: those resolving to the old IP are
// kDnsDependent (left alone), unresolvable ones a kNote. CIDR outbound
// entries are kCidrOld / kCidrNew and never count as references.
//
// Thread-safe if the resolver is.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_DISCOVER_H_
#define RENUMBER_ADAPTERS_ESS_ESS_DISCOVER_H_

#include <vector>

#include "adapters/adapter.h"
#include "adapters/ess/ess_read.h"
#include "src/core/resolver.h"

namespace renumber {
namespace ess {

struct Classification {
  AccountState state = AccountState::kMissing;
  std::vector<Finding> findings;
};

AccountState ClassifyState(const Snapshot& s, const Target& target);
// State plus findings (resolves host names through `resolver`).
Classification Classify(const Snapshot& s, const Target& target,
                        Resolver* resolver);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_DISCOVER_H_
