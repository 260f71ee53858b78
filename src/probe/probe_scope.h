// Which addresses our own probes leave alone: those reserved for
// documentation and benchmarking, which no real server can have
// (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 — RFC 5737; 198.18.0.0/15
// — RFC 2544; 2001:db8::/32 — RFC 3849). They are what examples and the
// simulated customers use, and probing them would only wait for a timeout.
// Loopback is probed (tests run real servers there).
//
// Pure function; thread-safe.
#ifndef RENUMBER_PROBE_PROBE_SCOPE_H_
#define RENUMBER_PROBE_PROBE_SCOPE_H_

#include "src/core/ip.h"

namespace renumber {

// The reserved block holding `ip` with its RFC ("198.18.0.0/15 (RFC 2544)"),
// or nullptr when `ip` may be probed.
const char* ReservedForDocumentation(const IpAddress& ip);

}  // namespace renumber

#endif  // RENUMBER_PROBE_PROBE_SCOPE_H_
