// The domain words of renumber (see docs/design.md): services,
// accounts, phases, account states, and the target of one migration.
// Plain values; thread-safe.
#ifndef RENUMBER_MODEL_MODEL_H_
#define RENUMBER_MODEL_MODEL_H_

#include <map>
#include <string>
#include <string_view>

#include "src/core/ip.h"
#include "src/core/secret.h"
#include "src/core/status.h"
#include "src/core/time.h"
#include "src/model/service.h"

namespace renumber {

// A phase as the user names it. Rollbacks undo prepare or cutover.
enum class Phase { kPrepare, kCutover, kRollbackPrepare, kRollbackCutover };
const char* PhaseName(
    Phase p);  // "prepare", "cutover", "rollback-prepare", ...
Result<Phase> ParsePhase(std::string_view text);

// Read back from the vendor, never assumed.
enum class AccountState {
  kNotStarted,     // old only
  kPrepared,       // ESS: old and new, new as failover; CDN: a staged switch
                   // whose base is the active version
  kCutOver,        // new only
  kPartial,        // anything in between
  kMissing,        // neither old nor new: critical, never caused by us
  kPreparedStale,  // CDN: a staged switch exists, but the customer
                   // activated another version since (cut over rebuilds it)
};
const char* StateName(AccountState s);  // "not-started", "prepared", ...
Result<AccountState> ParseState(std::string_view text);

// A customer id: 1-64 characters of [A-Za-z0-9._-], the first a letter or
// a digit ("C-10001"). Customer ids become file names (locks, the journal
// of a one-account run) and appear in terminals, so every input path (plan
// CSV, --customer, --only, credentials file, vault add/import/show, vault
// body) checks them with this one function: kInvalidArgument naming the
// rule otherwise (the id itself is not repeated: it may hold anything).
Status ValidateCustomerId(std::string_view id);

// "C-10001/ess"
struct AccountKey {
  std::string customer;
  Service service;
  std::string ToString() const;
  friend bool operator<(const AccountKey& a, const AccountKey& b) {
    return a.customer != b.customer ? a.customer < b.customer
                                    : a.service < b.service;
  }
  friend bool operator==(const AccountKey& a, const AccountKey& b) {
    return a.customer == b.customer && a.service == b.service;
  }
};

// One account's management-console login. Secrets stay in Secret.
struct Credentials {
  AccountKey account;
  std::string api_base;  // "https://ess.example.net"
  std::string ca_file;   // optional extra CA (PEM)
  // The service's own fields (ServiceSpec::credentials) by name: the plain
  // ones ("username") in `fields`, the secret ones ("password",
  // "api_token") in `secrets`.
  std::map<std::string, std::string> fields;
  std::map<std::string, Secret> secrets;

  // The field's value; empty when absent.
  const std::string& field(const std::string& name) const;
  const Secret& secret(const std::string& name) const;
};

// What one account is asked to do: move from old_ip to new_ip.
struct Target {
  AccountKey account;
  IpAddress old_ip;
  IpAddress new_ip;
  Timestamp maintenance_end;
  // The UTC offset (minutes) maintenance_end was written in: times are shown
  // back to people in it, not in UTC.
  int maintenance_end_offset = 0;
  std::string ticket;
  // The operator's check of the new origin for the cutover gate (CDN): a
  // path to fetch and a text the page must contain; empty: compare with
  // what the old origin answered before the maintenance.
  std::string check_path;
  std::string check_text;
};

// A line for humans in both languages.
struct Text {
  std::string en;
  std::string ja;
};

}  // namespace renumber

#endif  // RENUMBER_MODEL_MODEL_H_
