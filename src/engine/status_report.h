// `renumber status`: what the journals say about each account — the last
// phase run, its result and read-back state, the last error, and when.
// Read-only; no vendor call.
#ifndef RENUMBER_ENGINE_STATUS_REPORT_H_
#define RENUMBER_ENGINE_STATUS_REPORT_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/core/fs.h"
#include "src/engine/account_end_details.h"
#include "src/engine/journal.h"
#include "src/i18n/i18n.h"
#include "src/model/model.h"

namespace renumber {

struct AccountStatus {
  std::string account;
  std::string campaign;
  std::string phase;
  // done, failed, refused, nothing-to-do, interrupted; not-run for an
  // account of the plan that no journal mentions.
  std::string result;
  std::string state;  // read back at the end of the run ("" unknown)
  std::string last_error;
  std::string when;           // RFC 3339 of the last record
  std::string operator_name;  // of the last run
  // Who last changed the account and when: a later run that had nothing
  // to do does not hide them.
  std::string last_error_ja;  // "" when the journal has no Japanese form
  std::string changed_by;
  std::string changed_at;
  int writes = 0;
  // From the latest account-end records that carried them (journals
  // before 2026-12 carry none): the plan row's target, what the last read
  // found for people to handle, the last checks made, and when.
  std::optional<RecordedTarget> target;
  std::vector<RecordedFinding> findings;
  std::string findings_at;  // "" when no record said
  std::vector<Check> checks;
  std::string checks_at;  // "" when no run checked
};

// One step in an account's history: a run started working on it (an
// intent) or finished with it (an account-end, with the state read back).
struct AccountEvent {
  Timestamp at;  // the record's time (the epoch if it had none)
  std::string account;
  std::string type;    // "intent" | "account-end"
  std::string result;  // account-end: done, failed, ...
  std::string state;   // account-end: read back ("" unknown)
};

struct StatusReport {
  std::vector<AccountStatus> accounts;  // sorted by account
  std::vector<std::string> warnings;    // corrupt journal lines etc.
  std::string journal_dir;              // where it looked
  // Every intent and account-end of the campaigns read, oldest first (for
  // a history over time; the first intent of each run and account only).
  std::vector<AccountEvent> events;
};

// One campaign's journal as read from wherever it is kept.
struct CampaignJournal {
  std::string campaign;
  std::string name;  // how warnings name it: "<campaign>.journal"
  JournalContents contents;
};

// Reads every <journal_dir>/*.journal; `campaign` "" = all campaigns.
// kNotFound naming the campaigns there when `campaign` has no journal (a
// typo must not read as "nothing happened yet"). Accounts are sorted like
// the plans' tables: by customer, ESS before CDN.
Result<StatusReport> BuildStatus(FileSystem* fs, const std::string& journal_dir,
                                 const std::string& campaign);
// Every <journal_dir>/*.journal, by file name.
Result<std::vector<CampaignJournal>> ReadJournalDir(FileSystem* fs,
                                                    const std::string& dir);
// The same from journals already read (a campaign store); `where` names
// where they were read in messages (the directory, or the store).
Result<StatusReport> BuildStatusFrom(
    const std::vector<CampaignJournal>& journals, const std::string& where,
    const std::string& campaign);
// Narrows `report` to the accounts of a plan, in plan order, adding those
// no journal mentions as not-run.
void RestrictToPlan(StatusReport* report,
                    const std::vector<AccountKey>& plan_accounts);
// When renumber last changed each account ("C-1/ess"): the time of the last
// outcome record that wrote, from journal records (oldest first).
std::map<std::string, Timestamp> LastChanges(
    const std::vector<nlohmann::json>& records);

// True when an account was interrupted, failed or refused: the exit code
// of `status` says someone should look (as verify's does).
bool NeedsAttention(const StatusReport& report);
std::string RenderStatus(const StatusReport& report, Lang lang);
nlohmann::json StatusJson(const StatusReport& report);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_STATUS_REPORT_H_
