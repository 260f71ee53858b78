// The real DNS: a client of the name servers over c-ares, and the system
// resolver. Both implement Resolver (src/core/resolver.h), whose contract
// (thread-safety, error codes, bounded answers) they follow.
//
// Why c-ares (libc-ares-dev 1.18 from Debian 12): getaddrinfo(3) answers
// addresses only, and preflight needs MX, NS, TXT and PTR records. glibc's
// res_nquery asks one blocking query at a time with whole-second timeouts
// and leaves the answer to ns_parserr; libunbound is a whole recursive,
// validating resolver with threads of its own; ldns is wire code without a
// query loop. c-ares runs many queries at once on one thread, takes the
// servers per channel with their ports (127.0.0.1:PORT in tests, the
// system's /etc/resolv.conf by default), has millisecond per-try timeouts,
// reports a silent server as its own error (ARES_ETIMEOUT, so kTimeout
// stays distinct from SERVFAIL and REFUSED), checks that an answer matches
// its question, and parses each record type with bounds. It is the
// resolver of curl and Node.js: small, C, stable ABI.
//
// c-ares 1.18 channels are not thread-safe: each resolver keeps its one
// channel on a thread of its own (cares_loop.h); any thread may call it.
#ifndef RENUMBER_DNS_DNS_RESOLVER_H_
#define RENUMBER_DNS_DNS_RESOLVER_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "src/core/resolver.h"

namespace renumber {

struct DnsOptions {
  // Name servers to ask, in order: "127.0.0.1:5353", "[::1]:53",
  // "192.0.2.53" (port 53). Empty: the system's (/etc/resolv.conf).
  std::vector<std::string> servers;
  // How long to wait for each try; c-ares doubles it for each round over
  // the servers, so one query waits at most
  // servers * timeout * (2^tries - 1).
  std::chrono::milliseconds timeout{2000};
  int tries = 2;
  // Queries on the wire at once; more wait their turn in order.
  int max_in_flight = 16;
};

// Checks one --dns-server value; kInvalidArgument says what is wrong.
// Gives it back in the form c-ares takes ("127.0.0.1:5353", "[::1]:53").
Result<std::string> ParseDnsServer(const std::string& text);

// A resolver asking `options.servers` (or the system's) directly: Resolve
// is an A and an AAAA query (in parallel), never /etc/hosts.
// kInvalidArgument for bad options, kUnavailable when c-ares cannot start
// (no usable server configuration).
Result<std::unique_ptr<Resolver>> NewDnsResolver(const DnsOptions& options);

// The system's resolver: Resolve through getaddrinfo(3) (/etc/hosts and
// nsswitch, like every other program on the machine), Lookup through a
// DnsResolver with the system's name servers, made at the first Lookup.
// Never deleted.
Resolver* SystemResolver();

}  // namespace renumber

#endif  // RENUMBER_DNS_DNS_RESOLVER_H_
