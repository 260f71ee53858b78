// What an `account-end` journal record says about an account beyond its
// result (JOURNAL_FORMAT.md, "account-end"): the target it was moved
// towards, what the run found that people must handle (DNS work, CIDR
// entries, hidden origins, notes) and the checks it made. The campaign
// report is built from these; `renumber status` ignores them.
//
// Every field is optional in the file: journals written before they existed
// lack them, and a run that never read the account (no credentials, a
// lock) writes no findings. Readers keep what an earlier record said when a
// later one is silent.
//
// Texts are scrubbed of loaded secrets before they are journaled (a vendor
// may echo one). Pure functions; thread-safe.
#ifndef RENUMBER_ENGINE_ACCOUNT_END_DETAILS_H_
#define RENUMBER_ENGINE_ACCOUNT_END_DETAILS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "src/engine/account_run.h"

namespace renumber {

// The plan row's target as journaled (strings as the plan wrote them).
struct RecordedTarget {
  std::string old_ip;
  std::string new_ip;
  std::string maintenance_end;  // RFC 3339 in the plan's offset
  std::string ticket;
};

// A finding as journaled. `kind` is a string (FindingKindName), so a kind
// added by a later adapter ("hidden-origin") reads back unchanged.
struct RecordedFinding {
  std::string kind;
  std::string object;
  Text text;
};

struct AccountEndDetails {
  std::optional<RecordedTarget> target;
  std::optional<std::vector<RecordedFinding>> findings;  // absent: not read
  std::optional<std::vector<Check>> checks;              // absent: no check
};

// True for the findings that are worth keeping in the journal: everything
// but the old and new references themselves (the state says those).
bool KeepsFinding(const Finding& finding);

// Adds "target", "findings" and "checks" to an account-end record `rec`
// from the account's report.
void AddAccountEndDetails(const AccountReport& report, nlohmann::json* rec);

// Reads them back; fields of the wrong shape are left out, never an error
// (a reader must survive any journal line that passed its checksum).
AccountEndDetails ReadAccountEndDetails(const nlohmann::json& rec);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_ACCOUNT_END_DETAILS_H_
