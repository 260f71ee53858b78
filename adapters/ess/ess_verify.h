// Verification of one ESS account: read back, classify, and report the
// vendor's delivery check of every new route (the route to the new IP in a
// collection). With run_checks, a new route whose last PASS is missing or
// older than 24 hours is checked again (POST .../check: records a result,
// changes no configuration, needs no If-Match).
//
// new_side_verified is true when every old route has its twin (a route to
// the new IP, same port, same collection), the new IP is covered in the
// outbound list wherever the old IP is, at least one new route exists, and
// every new route's last check is a PASS. A failed check call is a failed
// Check (not an error); failing reads are errors naming account and call.
//
// While the old route is there, two more checks say whether prepare's order
// holds (they fail verify, not the cutover gate, since cut over puts the
// new route in place itself): "ess.order" — the twin stands where the
// order rule puts it (ess_placement.h); "ess.named" — every named route
// holding the old default route holds the new one.
//
// With run_checks and a prober, our own SMTP probe of each new endpoint is
// reported too (ess_probe_checks.h; never blocking).
//
// Not thread-safe; arguments are not owned; `prober` may be null.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_VERIFY_H_
#define RENUMBER_ADAPTERS_ESS_ESS_VERIFY_H_

#include "adapters/adapter.h"
#include "adapters/ess/ess_client.h"
#include "src/core/resolver.h"
#include "src/core/time.h"
#include "src/probe/smtp_probe.h"

namespace renumber {
namespace ess {

Result<VerifyReport> VerifyAccount(EssClient* client, Clock* clock,
                                   Resolver* resolver, SmtpProber* prober,
                                   const Target& target, bool run_checks);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_VERIFY_H_
