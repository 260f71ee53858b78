// A real SMTP greeting probe, used by the ESS simulator's check endpoint for
// loopback route addresses: connect to ip:port, read the first line, PASS
// on a "220" greeting, FAIL otherwise (refused, timeout, other reply).
// Sends QUIT after a greeting. Blocks the calling thread for at most about
// twice `timeout` (connect, then read). Thread-safe.
#ifndef RENUMBER_ADAPTERS_ESS_SIMULATOR_SMTP_PROBE_H_
#define RENUMBER_ADAPTERS_ESS_SIMULATOR_SMTP_PROBE_H_

#include <chrono>
#include <string>

#include "src/core/ip.h"

namespace renumber::ess_sim {

struct ProbeResult {
  bool pass = false;
  std::string detail;  // the greeting line, or what went wrong
};

ProbeResult ProbeSmtp(const IpAddress& ip, int port,
                      std::chrono::milliseconds timeout);

}  // namespace renumber::ess_sim

#endif  // RENUMBER_ADAPTERS_ESS_SIMULATOR_SMTP_PROBE_H_
