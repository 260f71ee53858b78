// The vault's audit log: JSON lines beside the vault file, 0600, append-only.
// Every record carries its sequence number, the SHA-256 of the previous line
// and an HMAC-SHA256 under the MAC key in force for its sequence number (the
// vault holds the keys; a rekey starts a new one; see FORMAT.md), so an
// edited, inserted or reordered record is found by VerifyAuditLog. A
// "failed unlock" is written without a MAC (there is no key without the
// passphrase); the next record's hash chain covers it, but its content is
// unverified: anyone able to write the log could have written it.
//
// Records removed from the end of the log (or the whole log) leave a valid
// shorter chain; the vault therefore keeps an AuditAnchor, the log's length
// and the hash of its last line, inside its encrypted body, updated after
// every audited operation; CheckAuditAnchor and VerifyAuditLog compare the
// log with it.
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
#include <optional>
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

// The first MAC key of a vault's audit log, from the vault key
// (HKDF-SHA256); a rekey adds a random one.
Result<Secret> AuditMacKey(const Secret& vault_key);

// A MAC key and the first sequence number it signs; it signs every record
// up to the next key's `from`.
struct AuditKey {
  uint64_t from = 1;
  Secret key;
};
// Ascending `from`; the first has from == 1.
using AuditKeys = std::vector<AuditKey>;

// The key that signs record `seq`, or nullptr.
const Secret* KeyFor(const AuditKeys& keys, uint64_t seq);

// What the vault recorded of its log after the last audited operation.
struct AuditAnchor {
  uint64_t records = 0;   // lines in the log
  std::string last_hash;  // hex SHA-256 of line `records` ("" for 0 lines)
};

// The anchor of `text` as it is now.
AuditAnchor AnchorOf(const std::string& text);

// kCorruption, saying what is missing, when `text` no longer holds what
// `anchor` recorded: fewer lines (records removed from the end, or the log
// deleted), or a different line at the anchor (the log rewritten). A log
// longer than its anchor is fine: records appended since.
Status CheckAuditAnchor(const std::string& text, const AuditAnchor& anchor);

class AuditLog {
 public:
  // `fs` and `clock` are not owned and must outlive the log.
  AuditLog(FileSystem* fs, Clock* clock, std::string path, std::string os_user,
           std::string operator_name);

  // Records are MAC'd with the key `keys` gives for their sequence number.
  void SetKeys(const AuditKeys& keys);
  // Every record appended from now on is also handed to `copy` after it is
  // on disk; when the copy fails, Append fails (the caller then reveals and
  // uses no secret), though the local record stays (beyond the vault's
  // anchor, which the failed call does not advance).
  void SetCopy(AuditCopy copy) { copy_ = std::move(copy); }
  // Appends one record and fsyncs it. Without a key (before unlock) only
  // "failed unlock" may be written. Returns the log's anchor right after
  // the append.
  Result<AuditAnchor> Append(const AuditEvent& event);
  // Appends `events` in order, chained as if appended one by one, with one
  // write and one fsync (import and purge of thousands of entries).
  Result<AuditAnchor> AppendAll(const std::vector<AuditEvent>& events);

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
  AuditKeys keys_;
  AuditCopy copy_;
};

struct AuditVerdict {
  size_t records = 0;  // records checked before the first broken one
  // "failed unlock" records (no MAC): chained, but their content is
  // unverified. A log with any is never "intact".
  size_t unauthenticated = 0;
  std::vector<size_t> unauthenticated_lines;
  size_t first_broken = 0;  // 1-based line number; 0 = nothing broken
  std::string reason;       // why that record is broken
  bool anchored = false;    // there was an anchor to check against
  size_t after_anchor = 0;  // records appended after the anchor

  // Every record authenticated and chained, and the anchor found.
  bool intact() const { return first_broken == 0 && unauthenticated == 0; }
};

// Checks the whole chain and every MAC, that record 1 is "init", and the
// log against `anchor` (when the vault has one); stops at the first broken
// record (a log shorter than its anchor is broken at the first missing
// line).
Result<AuditVerdict> VerifyAuditLog(const std::string& text,
                                    const AuditKeys& keys,
                                    const std::optional<AuditAnchor>& anchor);

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
