// The campaign report as Markdown (CommonMark with GFM tables): what a
// ticket system or a chat shows, and what `renumber report` prints on a
// terminal. The same words as the HTML form (report_text.h) without the
// chart (Markdown has none; --format html has it, --format json has its
// data). Customer replies are fenced code blocks, ready to copy.
//
// Every outside string is escaped for Markdown (MarkdownEscape), so it
// neither formats nor carries control characters to a terminal. Pure
// function; thread-safe.
#ifndef RENUMBER_REPORT_REPORT_MARKDOWN_H_
#define RENUMBER_REPORT_REPORT_MARKDOWN_H_

#include <string>

#include "src/i18n/i18n.h"
#include "src/report/campaign_report.h"

namespace renumber {

std::string RenderReportMarkdown(const CampaignReport& report, Lang lang);

}  // namespace renumber

#endif  // RENUMBER_REPORT_REPORT_MARKDOWN_H_
