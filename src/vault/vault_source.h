// The vault as the migration commands' CredentialSource (used when a
// command gets no --credentials). The command-line options that fill a
// VaultAccess are the CLI's: src/vault/cmd_vault_access.h.
//
// VaultAccess has no state dir of its own: the vault lives in the command's
// state dir, so the command binds its --state-dir to `state_dir_flag` (or
// copies it there before opening). operator_name and ticket are the
// caller's: they are written in every "use" record (an empty ticket records
// the entry's own ticket).
//
// OpenVaultCredentialSource unlocks the vault (passphrase from
// --passphrase-file, $RENUMBER_VAULT_PASSPHRASE_FILE,
// $CREDENTIALS_DIRECTORY/renumber-vault, then the terminal with echo off)
// and disables core dumps. Each Get writes and fsyncs an audit "use" record
// (purpose, customer, ticket, operator) before it returns the secret; an
// expired entry gives kPreconditionFailed, a missing one kNotFound. A wrong
// passphrase is audited as "failed unlock" and gives kUnauthorized.
//
// Ownership: fs, clock and random are not owned and must outlive the
// source. The source is thread-safe (Get may run on several workers).
#ifndef RENUMBER_VAULT_VAULT_SOURCE_H_
#define RENUMBER_VAULT_VAULT_SOURCE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "src/i18n/i18n.h"

#include "src/core/fs.h"
#include "src/core/random.h"
#include "src/core/time.h"
#include "src/model/credential_source.h"
#include "src/vault/passphrase.h"

namespace renumber {

struct VaultAccess {
  std::string vault_path;  // "" = <state dir>/vault.bin
  std::string state_dir_flag;
  std::string passphrase_file;
  std::string operator_name;
  std::string ticket;
  // Team mode: a copy of every audit record goes here (audit.h AuditCopy).
  std::function<Status(const std::vector<std::string>& lines)> audit_copy;
};

// The vault file `access` names: --vault, else <state dir>/vault.bin.
// The unlock question with `left` tries left (3 on the first).
std::string UnlockPrompt(const std::string& vault_path, int left, Lang lang);

std::string ResolveVaultPath(const VaultAccess& access);

Result<std::unique_ptr<CredentialSource>> OpenVaultCredentialSource(
    const VaultAccess& access, FileSystem* fs, Clock* clock, Random* random);

// Same, asking for the passphrase through `prompter` (tests).
Result<std::unique_ptr<CredentialSource>> OpenVaultCredentialSourceWith(
    const VaultAccess& access, FileSystem* fs, Clock* clock, Random* random,
    vault::Prompter* prompter);

}  // namespace renumber

#endif  // RENUMBER_VAULT_VAULT_SOURCE_H_
