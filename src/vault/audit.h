// The vault's audit log: JSON lines beside the vault file, 0600, append-only.
// Every record carries its sequence number, the SHA-256 of the previous line
// and an HMAC-SHA256 under a key derived from the vault key (see FORMAT.md),
// so an edited, deleted, inserted or reordered record is found by
// VerifyAuditLog. A "failed unlock" is written without a MAC (there is no key
// without the passphrase); the next record's hash chain covers it.
//
// AuditLog::Append takes a lock file (flock) around read-last / append /
// fsync, so several processes and threads can append at once; it returns only
// after the record is on disk. Records never hold a secret.
//
// AuditLog is thread-safe. Errors from Append are file-system errors; callers
// must not reveal or use a secret when Append fails.
#ifndef RENUMBER_VAULT_AUDIT_H_
#define RENUMBER_VAULT_AUDIT_H_

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "src/core/fs.h"
#include "src/core/secret.h"
#include "src/core/status.h"
#include "src/core/time.h"

namespace renumber::vault {

struct AuditEvent {
  std::string action;    // init add import use reveal remove purge rekey
                         // "failed unlock"
  std::string entry;     // "C-10001/ess", or "" for whole-vault actions
  std::string customer;  // "C-10001" or ""
  std::string ticket;
  std::string result;  // "ok", "expired", "not-found", "wrong passphrase"...
  std::string detail;  // purpose of a use, reason of a reveal; no secrets
};

// Where a copy of each record goes once it is on the local disk (team mode:
// the campaign store's append-only audit table, out of reach of a local
// attacker who can truncate the file). Gets the new lines, oldest first.
using AuditCopy = std::function<Status(const std::vector<std::string>& lines)>;

// The audit log file that belongs to a vault file.
std::string AuditPathFor(const std::string& vault_path);

// The MAC key of the audit log, from the vault key (HKDF-SHA256).
Result<Secret> AuditMacKey(const Secret& vault_key);

class AuditLog {
 public:
  // `fs` and `clock` are not owned and must outlive the log.
  AuditLog(FileSystem* fs, Clock* clock, std::string path, std::string os_user,
           std::string operator_name);

  // Records after this are MAC'd with AuditMacKey(vault_key).
  Status SetVaultKey(const Secret& vault_key);
  // Every record appended from now on is also handed to `copy` after it is
  // on disk; when the copy fails, Append fails (the caller then reveals and
  // uses no secret), though the local record stays.
  void SetCopy(AuditCopy copy) { copy_ = std::move(copy); }
  // Appends one record and fsyncs it. Without a key (before unlock) only
  // "failed unlock" may be written.
  Status Append(const AuditEvent& event);
  // Appends `events` in order, chained as if appended one by one, with one
  // write and one fsync (import and purge of thousands of entries).
  Status AppendAll(const std::vector<AuditEvent>& events);

  const std::string& path() const { return path_; }
  const std::string& operator_name() const { return operator_; }

 private:
  // One record (no newline) after the line `last` ("" for the first
  // record); `line_count` lines precede it (the sequence number of a log
  // whose last line does not parse).
  Result<std::string> BuildLine(const AuditEvent& event,
                                const std::string& last, size_t line_count);

  FileSystem* fs_;
  Clock* clock_;
  std::string path_;
  std::string os_user_;
  std::string operator_;
  std::mutex mu_;
  Secret mac_key_;
  AuditCopy copy_;
};

struct AuditVerdict {
  size_t records = 0;
  size_t unauthenticated = 0;  // "failed unlock" records (no MAC)
  size_t first_broken = 0;     // 1-based line number; 0 = the log is intact
  std::string reason;          // why that record is broken
};

// Checks the whole chain and every MAC; stops at the first broken record.
Result<AuditVerdict> VerifyAuditLog(const std::string& text,
                                    const Secret& mac_key);

// One record as read back for printing (no verification).
struct AuditRecord {
  uint64_t seq = 0;
  std::string time, os_user, operator_name, action, entry, customer, ticket,
      result, detail;
};
// Records of `text`; unreadable lines come back with action "<unreadable>".
std::vector<AuditRecord> ParseAuditLog(const std::string& text);

}  // namespace renumber::vault

#endif  // RENUMBER_VAULT_AUDIT_H_
