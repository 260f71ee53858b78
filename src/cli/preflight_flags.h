// The DNS flags of the customer-side checks (src/preflight), shared by
// `renumber preflight` and by `plan --preflight` / `verify --preflight`:
// which name servers to ask, which name servers are the provider's, which
// blocklists to look the new IP up in, and how long to wait.
//
// LoadPreflightSetup checks them before any query (kInvalidArgument names
// the flag); PreflightHeader says in one line what will be asked.
// Values and pure functions; thread-safe.
#ifndef RENUMBER_CLI_PREFLIGHT_FLAGS_H_
#define RENUMBER_CLI_PREFLIGHT_FLAGS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "src/dns/dns_resolver.h"
#include "src/i18n/i18n.h"
#include "src/preflight/checks.h"

namespace renumber {

struct PreflightDnsFlags {
  std::vector<std::string> dns_servers;  // empty: the system's
  std::vector<std::string> provider_ns;  // empty: ns1/ns2.zenlogic.jp
  std::vector<std::string> dnsbl_zones;  // none by default
  double dns_timeout_seconds = 2;
};

// --dns-server, --provider-ns, --dnsbl, --dns-timeout.
void AddPreflightDnsOptions(CLI::App* cmd, PreflightDnsFlags* flags);

struct PreflightSetup {
  PreflightOptions options;
  DnsOptions dns;
};

// `jobs`: customers checked in parallel (DNS queries in flight: 4 per job,
// at most 256).
Result<PreflightSetup> LoadPreflightSetup(const PreflightDnsFlags& flags,
                                          int jobs);

// "renumber preflight: read-only DNS checks (asking ...; Zenlogic name
// servers: ...; blocklists: ...)".
std::string PreflightHeader(const PreflightSetup& setup, Lang lang);

}  // namespace renumber

#endif  // RENUMBER_CLI_PREFLIGHT_FLAGS_H_
