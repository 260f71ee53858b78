// `renumber preflight`: the customer-side DNS checks of src/preflight for
// the customers of a plan (or one account), read-only.
//
// The customers' domains come from the vendors by default: the engine's
// discovery (a read-only `plan` campaign: GETs only, no lock, no journal)
// reads each account's domains — ESS `GET /v1/domains`, CDN the domains of
// each service's active version — with the credentials file or the vault,
// like `renumber plan`. `--domains FILE` or `--domain NAME` give them
// instead, and then no vendor is asked (a customer checking their own
// DNS, or a batch whose logins are not at hand).
//
// ExecutePreflight checks every input before the first query (bad input:
// exit 2), asks the DNS (--dns-server, else the system's name servers),
// and prints the report on stdout — or, with --json, one JSON document on
// stdout and the report on stderr. Exit 0 when nothing needs doing, 3 when
// something does (a customer's DNS change, SPF, reverse DNS, a
// blocklist), 1 when a check could not be done (DNS timeout, SERVFAIL, an
// account whose domains could not be read).
#ifndef RENUMBER_CLI_PREFLIGHT_COMMAND_H_
#define RENUMBER_CLI_PREFLIGHT_COMMAND_H_

#include <string>
#include <vector>

#include "src/cli/migration.h"

namespace renumber {

struct PreflightInvocation {
  // The accounts (--plan and --only, or the one-account flags), how to
  // reach the vendors (credentials or vault, --ca-file, --hosts,
  // --state-dir, --operator), --jobs and the DNS flags (preflight_dns).
  MigrationInvocation accounts;
  // The customers' domains without asking the vendors: a file, or names
  // for the one customer.
  std::string domains_file;
  std::vector<std::string> domains;
  bool json = false;
  std::string log_file;
};

int ExecutePreflight(const PreflightInvocation& inv,
                     const GlobalOptions& global);
void RegisterPreflightCommand(CLI::App& app, GlobalOptions& global,
                              CommandRun& run);

}  // namespace renumber

#endif  // RENUMBER_CLI_PREFLIGHT_COMMAND_H_
