// The campaign report as one self-contained HTML page: inline CSS, the
// inline SVG chart (state_chart.h), no script, no font, image or anything
// else to fetch — a Content-Security-Policy meta tag forbids every fetch,
// so a mistake shows as a console error instead of a silent request. It
// reads the same offline, attached to a ticket or printed.
//
// Sections (ids, for tests and links): #totals (each number in an element
// with data-total="accounts|customers|attention|dns-work|hidden-origins|
// customers-with-work"), #chart, #accounts (the table; rows that need
// attention have class "attention"), #details, #replies (one
// <article class="reply" data-customer=...> per customer with a Japanese
// and an English <pre>), #warnings.
//
// Every outside string is escaped (HtmlEscape). Pure function; thread-safe.
#ifndef RENUMBER_REPORT_REPORT_HTML_H_
#define RENUMBER_REPORT_REPORT_HTML_H_

#include <string>

#include "src/i18n/i18n.h"
#include "src/report/campaign_report.h"

namespace renumber {

std::string RenderReportHtml(const CampaignReport& report, Lang lang);

}  // namespace renumber

#endif  // RENUMBER_REPORT_REPORT_HTML_H_
