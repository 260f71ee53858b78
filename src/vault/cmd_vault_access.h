// The vault options of the migration commands (plan, prepare, verify,
// cutover, rollback, status, report): --vault PATH and --passphrase-file
// FILE, filling a VaultAccess (src/vault/vault_source.h). CLI glue, kept out
// of the vault library so that the library does not know the CLI.
//
// Not thread-safe (called while a command's options are declared).
#ifndef RENUMBER_VAULT_CMD_VAULT_ACCESS_H_
#define RENUMBER_VAULT_CMD_VAULT_ACCESS_H_

#include <CLI/CLI.hpp>

#include "src/vault/vault_source.h"

namespace renumber {

// `access` must outlive the parse of `command`.
void AddVaultAccessOptions(CLI::App* command, VaultAccess* access);

}  // namespace renumber

#endif  // RENUMBER_VAULT_CMD_VAULT_ACCESS_H_
