// Applying one planned ESS change (kinds in ess_changes.h) against the live
// state, through the write loop (ess_write.h).
//
// Every decision is made from a fresh read of the collection the change is
// about, so Apply is idempotent: an effect already present is success
// without a write (ApplyOutcome::wrote false). The safety gates are checked
// on that fresh state, and refuse with kPreconditionFailed (nothing written):
// - an old route is deleted only while its twin (new IP, same port) exists,
//   holds the old one's role (primary for an old primary) and has a delivery
//   check PASS from the last 24 hours, and a primary remains;
// - an old outbound entry is deleted only while another entry covers the new
//   IP; nothing deletes the last outbound entry or the last primary;
// - a promotion runs the vendor check first when the twin's last PASS is
//   missing or stale; a FAIL stops the change;
// - a demotion needs another primary.
// ApplyOutcome::result records ids and what was removed or created, e.g.
// add-route {route_id, domain, address, port, role, created}; delete-route
// {route_id, domain, address, port, role, deleted}; see README.md.
//
// Not thread-safe; client and clock are not owned.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_APPLY_H_
#define RENUMBER_ADAPTERS_ESS_ESS_APPLY_H_

#include "adapters/adapter.h"
#include "adapters/ess/ess_client.h"
#include "src/core/time.h"

namespace renumber {
namespace ess {

// kInternal for an unknown kind or malformed params (a bug or a journal
// from another adapter).
Result<ApplyOutcome> ApplyChange(EssClient* client, Clock* clock,
                                 const Change& change, const Target& target);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_APPLY_H_
