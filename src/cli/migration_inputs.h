// Everything a migration command checks and loads before any vendor call:
// flags, the accounts (plan file or the one-account form, optionally
// narrowed with --only), the credential source, and the campaign name. Any
// error here is bad input (exit 2) and nothing has been sent anywhere.
#ifndef RENUMBER_CLI_MIGRATION_INPUTS_H_
#define RENUMBER_CLI_MIGRATION_INPUTS_H_

#include <memory>
#include <string>
#include <vector>

#include "src/cli/migration.h"
#include "src/core/fs.h"
#include "src/core/time.h"
#include "src/engine/plan_file.h"
#include "src/model/credential_source.h"
#include "src/store/campaign_store.h"

namespace renumber {

bool IsWriteCommand(Command c);

// "90", "90s", "10m", "1h" -> milliseconds (0 < d <= 24 h).
Result<std::chrono::milliseconds> ParseDuration(const std::string& text);
// "prepared", "prepared,cut-over" or "auto" ("" expects nothing).
Result<Expectation> ParseExpectation(const std::string& text);

// Checks flags that need no file or network; fills `options`.
Status ValidateOptions(const MigrationInvocation& inv, CommandOptions* options);

// The accounts to work on, in plan order.
Result<std::vector<PlanRow>> LoadRows(const MigrationInvocation& inv,
                                      FileSystem* fs, Clock* clock);

// The journal's name: --campaign, else the plan file's name, else
// "single-<customer>".
std::string CampaignName(const MigrationInvocation& inv);

// The credentials file, else the vault. kInvalidArgument/kNotFound/
// kUnauthorized (wrong passphrase) are bad input.
// `store` (may be null) gets a copy of the vault's audit records.
Result<std::unique_ptr<CredentialSource>> OpenSource(
    const MigrationInvocation& inv, FileSystem* fs, Clock* clock,
    CampaignStore* store = nullptr);

}  // namespace renumber

#endif  // RENUMBER_CLI_MIGRATION_INPUTS_H_
