// The vault's write operations as the commands use them, on top of
// Vault::Update: add/import (all or nothing), remove, purge. Each writes its
// audit records through Update.
//
// Thread-safe as Vault is. Errors: kConflict when an account is already
// stored and `replace` is false (nothing changed), kNotFound for remove of a
// missing entry, and Vault's errors.
#ifndef RENUMBER_VAULT_VAULT_OPS_H_
#define RENUMBER_VAULT_VAULT_OPS_H_

#include <string>
#include <vector>

#include "src/vault/vault.h"

namespace renumber::vault {

// Stores `entries` ("add" or "import" in the audit log, one record each).
Status PutEntries(Vault* vault, std::vector<VaultEntry> entries, bool replace,
                  const std::string& action);

// Removes one entry; audited as "remove" with `ticket`.
Status RemoveEntry(Vault* vault, const AccountKey& account,
                   const std::string& ticket);

// Removes expired entries (or every entry with `all`); returns the removed
// accounts, each audited as "purge".
Result<std::vector<AccountKey>> PurgeEntries(Vault* vault, bool all,
                                             Timestamp now,
                                             const std::string& ticket);

// Entries from a credentials file (the template format), stamped with
// ticket, creation and expiry; for `vault import`.
std::vector<VaultEntry> EntriesFromCredentials(std::vector<Credentials> creds,
                                               const std::string& ticket,
                                               Timestamp created_at,
                                               const std::string& created_by,
                                               Timestamp expires_at);

}  // namespace renumber::vault

#endif  // RENUMBER_VAULT_VAULT_OPS_H_
