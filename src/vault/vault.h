// The credential vault for proxy work (作業代行): customers' management-
// console logins, encrypted at rest (FORMAT.md), audited at every use, and
// dropped when they expire.
//
// A Vault is an unlocked vault file. Every read (Entries, Use, Reveal)
// re-reads the file, so entries removed or purged by another process are not
// used. Every write (Update, Rekey) takes an exclusive flock on
// "<vault>.lock", re-reads, applies the change, drops expired entries and
// saves atomically with a fresh salt and nonce (WriteFileAtomic: temp file in
// the same directory, fsync, rename, fsync the directory), so concurrent
// writers never lose an entry and a crash leaves the old file intact.
//
// Use and Reveal write and fsync an audit record before returning a secret;
// if it cannot be written they return the error and no secret. Expired
// entries are never returned (kPreconditionFailed).
//
// The vault body keeps the audit log's anchor (its length and the hash of
// its last line) and its MAC keys. Every audited operation, under the
// writer lock, first checks the log against the anchor (kCorruption when
// records were removed from its end, or the log deleted or rewritten),
// appends, then saves the new anchor (the same key with a fresh nonce: no
// KDF run). Open checks it too, so every unlock finds a damaged log. Rekey
// starts a new random MAC key.
//
// The vault's directory is opened with FileSystem::OpenPrivateDir: it must
// belong to this user and be writable by nobody else, and the vault, its
// lock files and its audit log are opened relative to it, never through a
// symbolic link, and only as regular files of this user's (kInvalidArgument
// otherwise).
//
// Thread-safe (one mutex; several processes coordinate through flock).
// Opening disables core dumps for the rest of the process
// (src/core/hardening.h).
// Errors: kNotFound (no vault / no entry), kConflict (init over an existing
// vault), kUnauthorized with the fixed kWrongPassphrase message,
// kCorruption, kPreconditionFailed (expired), file-system errors.
#ifndef RENUMBER_VAULT_VAULT_H_
#define RENUMBER_VAULT_VAULT_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "src/core/fs.h"
#include "src/core/random.h"
#include "src/core/time.h"
#include "src/vault/audit.h"
#include "src/vault/entry.h"
#include "src/vault/passphrase.h"
#include "src/vault/vault_format.h"

namespace renumber::vault {

struct VaultOptions {
  std::string path;  // the vault file
  FileSystem* fs = nullptr;
  Clock* clock = nullptr;
  Random* random = nullptr;
  std::string os_user;        // recorded in audit records and created_by
  std::string operator_name;  // --operator; may be empty
  // scrypt cost written by Create and Rekey. Tests lower it; there is no
  // command-line flag for it. Files keep the cost they were written with.
  KdfParams kdf = kProductionKdf;
  // For `vault audit` only: Open succeeds even when the audit log no longer
  // matches what the vault recorded of it, so the damage can be shown.
  // Every audited operation still refuses.
  bool inspect_broken_audit = false;
  // Team mode: where a copy of every audit record goes (audit.h).
  AuditCopy audit_copy;
};

class Vault {
 public:
  // Creates an empty vault (and its directory, 0700). kConflict when the
  // file exists. An audit log left by an earlier vault at the same path is
  // renamed aside, since its MACs use the old vault's key.
  static Result<std::unique_ptr<Vault>> Create(const VaultOptions& options,
                                               Secret passphrase);
  // Unlocks an existing vault. A wrong passphrase is audited as
  // "failed unlock" and gives kUnauthorized(kWrongPassphrase).
  static Result<std::unique_ptr<Vault>> Open(const VaultOptions& options,
                                             Secret passphrase);

  // Every stored entry, expired ones included (callers show them as
  // expired); secrets included, so never print them.
  Result<std::vector<VaultEntry>> Entries();

  // One use of `account`'s secret by the migration commands. `ticket` ""
  // records the entry's own ticket.
  Result<VaultEntry> Use(const AccountKey& account, const std::string& purpose,
                         const std::string& ticket);
  // `vault show --reveal`: the same checks, audited as "reveal".
  Result<VaultEntry> Reveal(const AccountKey& account,
                            const std::string& ticket,
                            const std::string& reason);

  // Applies `change` to the entries under the writer lock, drops expired
  // entries (each audited as "purge"), saves, then writes the audit events
  // `change` added (result "ok"), or `summary` when it added none. When
  // `change` or the save fails nothing is saved and `summary` is audited
  // with the error.
  using Change = std::function<Status(std::vector<VaultEntry>* entries,
                                      std::vector<AuditEvent>* events)>;
  Status Update(const Change& change, AuditEvent summary);

  // Re-encrypts under `new_passphrase` with the production (or test) KDF
  // cost; audited as "rekey".
  Status Rekey(Secret new_passphrase);

  // Checks the audit log's chain and MACs with this vault's key.
  Result<AuditVerdict> VerifyAudit();

  const std::string& path() const { return opts_.path; }
  std::string audit_path() const { return audit_.path(); }
  KdfParams kdf() const;

 private:
  Vault(const VaultOptions& options, std::unique_ptr<FileSystem> dir_fs,
        Secret passphrase);
  static Result<std::unique_ptr<FileSystem>> OpenDir(const VaultOptions& o,
                                                     bool create);
  Result<VaultBody> LoadLocked();
  // Drops expired entries and saves under a fresh salt and key.
  Status SaveLocked(VaultBody* body, std::vector<AccountKey>* dropped);
  // Saves with `anchor`, under the current key with a fresh nonce.
  Status SaveAnchorLocked(VaultBody* body, const AuditAnchor& anchor);
  Result<std::string> AuditTextLocked();
  Status CheckAnchorLocked(const VaultBody& body);
  // Appends `events` to the log, then records its new anchor in the vault.
  Status AuditLocked(VaultBody* body, const std::vector<AuditEvent>& events);
  Result<VaultEntry> Fetch(const AccountKey& account, AuditEvent event);
  void RemoveStaleTemps();
  static std::vector<AuditEvent> DroppedEvents(
      const std::vector<AccountKey>& dropped);

  std::unique_ptr<FileSystem> dir_fs_;  // the vault's directory
  VaultOptions opts_;                   // opts_.fs is dir_fs_
  mutable std::mutex mu_;
  Secret passphrase_;
  KdfParams kdf_;         // cost of the file as last read or written
  std::string key_salt_;  // salt `body_key_` was derived with
  Secret body_key_;
  Secret vault_key_;
  AuditLog audit_;
};

// "C-10001/ess" -> AccountKey (kInvalidArgument with an example otherwise).
Result<AccountKey> ParseAccount(const std::string& text);

// Unlocks the vault with the passphrase from UnlockPassphrase's sources
// (passphrase.h). A wrong passphrase typed at the terminal may be typed
// again, three tries in all, each failed one audited by Open; one read from
// a file fails at once (typing again would not change it). `prompt(left)`
// is the question, `left` being the tries left including this one (3, 2,
// 1).
Result<std::unique_ptr<Vault>> UnlockVaultWithTries(
    const VaultOptions& options, Prompter* prompter,
    const std::string& passphrase_file,
    const std::function<std::string(int left)>& prompt);

}  // namespace renumber::vault

#endif  // RENUMBER_VAULT_VAULT_H_
