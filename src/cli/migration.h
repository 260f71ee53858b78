// The migration commands (plan, prepare, verify, cutover, rollback) as one
// invocation struct and one function, so `renumber demo` runs exactly what a
// user would type.
//
// ExecuteMigration validates every input before any network call (bad input
// → exit 2, nothing changed), refuses a writing command without --yes when
// there is no controlling terminal to ask on (exit 4), then runs the
// campaign and prints (output.h): details and the summary table on stdout,
// or, with --json, one JSON document on stdout and the human text on
// stderr.
#ifndef RENUMBER_CLI_MIGRATION_H_
#define RENUMBER_CLI_MIGRATION_H_

#include <functional>
#include <string>
#include <vector>

#include "src/cli/command.h"
#include "src/cli/preflight_flags.h"
#include "src/engine/account_run.h"
#include "src/engine/campaign.h"
#include "src/vault/vault_source.h"

namespace renumber {

struct MigrationInvocation {
  Command command = Command::kPlan;
  // Accounts: a plan file, or the one-account shortcut.
  std::string plan_file;
  std::vector<std::string> only;  // --only C-10001 or C-10001/ess
  std::string service, customer, old_ip, new_ip, maintenance_end, ticket;
  bool allow_family_change = false;
  // Credentials: a file, else the vault.
  std::string credentials_file;
  VaultAccess vault;
  std::string ca_file;
  std::string hosts_file;
  std::string connect_to_file;  // origin probes: where to connect instead
  // The operator's check of the new origin (CDN cutover gate), for rows of
  // the plan that give none.
  std::string check_path, check_text;
  std::string wait_ready;  // cutover --wait-ready DURATION ("90s", "10m")
  // Run.
  int jobs = 8;
  bool json = false;
  // verify --format text|json|nagios|prometheus
  std::string format = "text";
  std::string output_file;  // verify --format prometheus --output FILE
  std::string state_dir;
  // --store: "" = $RENUMBER_STORE, else the local state dir (src/store).
  std::string store;
  std::string operator_name;
  std::string campaign;
  bool yes = false;
  bool dry_run = false;
  bool ignore_window = false;
  bool force = false;
  std::string rollback_phase;  // prepare|cutover
  std::string expect;          // verify --expect
  std::string cutover_grace;   // verify --expect auto: --cutover-grace
  bool read_only = false;      // verify: no vendor check requests
  int wait_lock_seconds = 0;
  std::string log_file;  // --log: the session record (output.h)
  // For a caller that wants the result rather than its printout (`renumber
  // report --live`): called once, after the campaign, with its result and
  // when it was checked. The human text then goes to stderr, and no JSON
  // document, Nagios line or Prometheus text is printed.
  std::function<void(const CampaignResult&, Timestamp checked_at)> on_result;
  // plan / verify --preflight: the customers' DNS checks (src/preflight)
  // over the domains discovery read, shown after the accounts.
  bool preflight = false;
  PreflightDnsFlags preflight_dns;
};

// Adds the flags that choose the accounts (--plan, --only, and the
// one-account --service, --customer, --old-ip, --new-ip, ...) to `cmd`.
void AddAccountOptions(CLI::App* cmd, MigrationInvocation* inv);
// Adds the flags that reach the vendors: --credentials (else the vault,
// and its flags), --ca-file, --hosts, --state-dir, --operator.
void AddVendorAccessOptions(CLI::App* cmd, MigrationInvocation* inv);
// Adds the common flags of a migration command to `cmd` (the account and
// vendor-access flags included).
void AddMigrationOptions(CLI::App* cmd, MigrationInvocation* inv);

int ExecuteMigration(const MigrationInvocation& inv,
                     const GlobalOptions& global);

// Registers plan, prepare, verify, cutover, rollback and status.
void RegisterMigrationCommands(CLI::App& app, GlobalOptions& global,
                               CommandRun& run);

}  // namespace renumber

#endif  // RENUMBER_CLI_MIGRATION_H_
