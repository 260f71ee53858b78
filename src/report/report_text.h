// What the report says, before any format: the heading lines, the totals
// as labelled numbers, the account table's cells and each account's
// details as a two-level list. The HTML and Markdown renderers lay these
// out and escape them for their format; keeping the words here keeps the
// two forms saying the same thing.
//
// Strings are unescaped (but already safe text, campaign_report.h). Pure
// functions; thread-safe.
#ifndef RENUMBER_REPORT_REPORT_TEXT_H_
#define RENUMBER_REPORT_REPORT_TEXT_H_

#include <string>
#include <vector>

#include "src/i18n/i18n.h"
#include "src/report/campaign_report.h"

namespace renumber {

std::string ReportTitle(const CampaignReport& report, Lang lang);
// "Generated … by renumber …; times in UTC+09:00."
std::string GeneratedLine(const CampaignReport& report, Lang lang);
// Whether states come from a live verify or the journal only.
std::string SourceLine(const CampaignReport& report, Lang lang);

struct TotalItem {
  std::string id;  // "accounts", "dns-work", ... (HTML data-total)
  std::string label;
  int value = 0;
};
std::vector<TotalItem> TotalItems(const ReportTotals& totals, Lang lang);
// "3 cut over, 5 prepared" from counts of `kind` ("state", ...).
std::string CountsLine(const Counts& counts, const std::string& kind,
                       Lang lang);

// The account table: header, then one row per account.
std::vector<std::string> AccountHeader(Lang lang);
std::vector<std::string> AccountRow(const ReportAccount& account,
                                    int offset_minutes, Lang lang);

struct DetailItem {
  std::string text;
  std::vector<std::string> items;  // a nested list, may be empty
};
std::vector<DetailItem> AccountDetails(const ReportAccount& account,
                                       int offset_minutes, Lang lang);

}  // namespace renumber

#endif  // RENUMBER_REPORT_REPORT_TEXT_H_
