// What the vault holds: entries (one customer's login for one service, with
// ticket and expiry) and the body that is encrypted as a whole, plus the
// expiry policy of proxy work (作業代行).
//
// EncodeBody/DecodeBody convert to and from the body JSON of FORMAT.md. The
// JSON text holds passwords, so it only ever lives in a Secret, and the
// parser's string values are wiped before they are freed. Decoded secrets are
// registered with the log scrubber (AddScrubbedSecret).
//
// Values; thread-safe functions. Errors: kCorruption for a body that does not
// match the schema (it decrypted, so it is our bug or a newer version);
// kInvalidArgument from ChooseExpiry for a date the policy refuses.
#ifndef RENUMBER_VAULT_ENTRY_H_
#define RENUMBER_VAULT_ENTRY_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "src/core/secret.h"
#include "src/core/status.h"
#include "src/core/time.h"
#include "src/model/model.h"
#include "src/vault/audit.h"

namespace renumber::vault {

struct VaultEntry {
  Credentials creds;  // account, api_base, username, password | api_token
  std::string ticket;
  Timestamp created_at;
  std::string created_by;
  Timestamp expires_at;

  // Expired from its expiry instant on: never used, revealed or kept.
  bool ExpiredAt(Timestamp now) const { return expires_at <= now; }
};

struct VaultBody {
  // Random 32 bytes made at init and kept across rekey: the vault's
  // identity, and what the audit log's first MAC key derives from.
  Secret vault_key;
  Timestamp created_at;
  std::vector<VaultEntry> entries;
  // The audit log's MAC keys: the first derived from vault_key, one more
  // (random) from each rekey on. A body written before keys were kept (or
  // encoded without any) decodes with the first key only.
  AuditKeys audit_keys;
  // The audit log as of the last audited operation; absent in a body
  // written before anchors were kept.
  std::optional<AuditAnchor> audit_anchor;
};

Secret EncodeBody(const VaultBody& body);
Result<VaultBody> DecodeBody(const Secret& json_text);

// Position of `account` in `entries`, or -1.
int FindEntry(const std::vector<VaultEntry>& entries,
              const AccountKey& account);

// Removes entries expired at `now`; returns the removed accounts.
std::vector<AccountKey> DropExpired(std::vector<VaultEntry>* entries,
                                    Timestamp now);

using Days = std::chrono::duration<int64_t, std::ratio<86400>>;
inline constexpr Days kDefaultGrace{14};  // after the maintenance ends
inline constexpr Days kMaxLifetime{90};   // never kept longer than this

// The expiry of a new entry: `expires` when given; else maintenance_end + 14
// days when given; else now + 14 days. Refused (kInvalidArgument, naming the
// date and the limit) when not in the future or more than 90 days ahead.
Result<Timestamp> ChooseExpiry(Timestamp now,
                               const std::optional<Timestamp>& expires,
                               const std::optional<Timestamp>& maintenance_end);

// Whole days left until `expires_at` (negative once expired, rounded down).
int64_t DaysLeft(Timestamp now, Timestamp expires_at);

}  // namespace renumber::vault

#endif  // RENUMBER_VAULT_ENTRY_H_
