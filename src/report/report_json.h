// The campaign report as one JSON document, for programs: everything the
// HTML form shows (totals, accounts with their checks and findings, the
// timeline's points, each customer's reply in both languages) with
// machine names (states, results, verdicts as renumber names them) and
// RFC 3339 times. Field names are documented in README ("renumber
// report"); new fields may be added, none is renamed.
//
// Strings are already safe text (campaign_report.h): no control character
// reaches a terminal even when the document is printed there. Pure
// function; thread-safe.
#ifndef RENUMBER_REPORT_REPORT_JSON_H_
#define RENUMBER_REPORT_REPORT_JSON_H_

#include <nlohmann/json.hpp>

#include "src/report/campaign_report.h"

namespace renumber {

nlohmann::json ReportJson(const CampaignReport& report);

}  // namespace renumber

#endif  // RENUMBER_REPORT_REPORT_JSON_H_
