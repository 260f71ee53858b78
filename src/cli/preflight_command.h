// `renumber preflight`: the customer-side DNS checks of src/preflight for
// the customers of a plan (or one account), read-only.
//
// ExecutePreflight checks every input before the first query (bad input:
// exit 2), asks the DNS (--dns-server, else the system's name servers),
// and prints the report on stdout — or, with --json, one JSON document on
// stdout and the report on stderr. Exit 0 when nothing needs doing, 3 when
// something does (a customer's DNS change, SPF, reverse DNS, a
// blocklist), 1 when a check could not be done (DNS timeout, SERVFAIL).
#ifndef RENUMBER_CLI_PREFLIGHT_COMMAND_H_
#define RENUMBER_CLI_PREFLIGHT_COMMAND_H_

#include <string>
#include <vector>

#include "src/cli/migration.h"

namespace renumber {

struct PreflightInvocation {
  // The accounts: --plan (and --only) or the one-account flags; only those
  // fields of `accounts` are used.
  MigrationInvocation accounts;
  // The customers' domains: a file, or names for the one customer.
  std::string domains_file;
  std::vector<std::string> domains;
  std::vector<std::string> dns_servers;  // "" = the system's
  std::vector<std::string> provider_ns;  // "" = ns1/ns2.zenlogic.jp
  std::vector<std::string> dnsbl_zones;
  double dns_timeout_seconds = 2;
  int jobs = 8;
  bool json = false;
  std::string log_file;
};

int ExecutePreflight(const PreflightInvocation& inv,
                     const GlobalOptions& global);
void RegisterPreflightCommand(CLI::App& app, GlobalOptions& global,
                              CommandRun& run);

}  // namespace renumber

#endif  // RENUMBER_CLI_PREFLIGHT_COMMAND_H_
