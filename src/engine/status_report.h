// `renumber status`: what the journals say about each account — the last
// phase run, its result and read-back state, the last error, and when.
// Read-only; no vendor call.
#ifndef RENUMBER_ENGINE_STATUS_REPORT_H_
#define RENUMBER_ENGINE_STATUS_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/core/fs.h"
#include "src/i18n/i18n.h"

namespace renumber {

struct AccountStatus {
  std::string account;
  std::string campaign;
  std::string phase;
  std::string result;  // done, failed, refused, nothing-to-do, interrupted
  std::string state;   // read back at the end of the run ("" unknown)
  std::string last_error;
  std::string when;  // RFC 3339 of the last record
  std::string operator_name;
  int writes = 0;
};

struct StatusReport {
  std::vector<AccountStatus> accounts;  // sorted by account
  std::vector<std::string> warnings;    // corrupt journal lines etc.
  std::string journal_dir;              // where it looked
};

// Reads every <journal_dir>/*.journal; `campaign` "" = all campaigns.
// kNotFound naming the campaigns there when `campaign` has no journal (a
// typo must not read as "nothing happened yet").
Result<StatusReport> BuildStatus(FileSystem* fs, const std::string& journal_dir,
                                 const std::string& campaign);
std::string RenderStatus(const StatusReport& report, Lang lang);
nlohmann::json StatusJson(const StatusReport& report);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_STATUS_REPORT_H_
