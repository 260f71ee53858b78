// Our own SMTP probe of the new mail server, as verify reports it: one
// Check per distinct new endpoint (new IP, port), never blocking — the
// vendor's `check` is what gates cut over. Customers are told to accept
// port 25 only from ESS's ranges, so `filtered` (refused, silent, closed)
// and `bad-greeting` are expected from the operator's machine and say so.
// Endpoints in ranges reserved for documentation/benchmarking
// (src/probe/probe_scope.h) are not probed; a note says so.
//
// Probes run in parallel, at most kProbesPerAccount at once (the real
// prober also bounds them process-wide). Blocks until every probe ended.
#ifndef RENUMBER_ADAPTERS_ESS_ESS_PROBE_CHECKS_H_
#define RENUMBER_ADAPTERS_ESS_ESS_PROBE_CHECKS_H_

#include <vector>

#include "adapters/adapter.h"
#include "src/probe/smtp_probe.h"

namespace renumber {
namespace ess {

inline constexpr int kProbesPerAccount = 4;

// Appends the probe checks (and notes for skipped endpoints) to `report`.
// `endpoints` may repeat; each distinct one is probed once.
void ProbeNewServer(SmtpProber* prober,
                    const std::vector<SmtpProbeTarget>& endpoints,
                    VerifyReport* report);

}  // namespace ess
}  // namespace renumber

#endif  // RENUMBER_ADAPTERS_ESS_ESS_PROBE_CHECKS_H_
