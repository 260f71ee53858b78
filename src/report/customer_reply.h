// The part of a reply to one customer that staff paste into their answer:
// where each of the customer's services stands after the proxy work
// (作業代行), in words a hosting customer reads — no tool words, no staff
// hints, no error details — and what is left for the customer to do (DNS
// changes for host-name settings, hidden origins to change by hand).
//
// Plain text in one language; the accounts' texts are already safe
// (campaign_report.h). Pure function; thread-safe.
#ifndef RENUMBER_REPORT_CUSTOMER_REPLY_H_
#define RENUMBER_REPORT_CUSTOMER_REPLY_H_

#include <string>
#include <vector>

#include "src/i18n/i18n.h"
#include "src/report/campaign_report.h"

namespace renumber {

// `accounts`: the customer's accounts (ByCustomer); times in
// `offset_minutes`.
std::string CustomerReply(const std::string& customer,
                          const std::vector<const ReportAccount*>& accounts,
                          int offset_minutes, Lang lang);

}  // namespace renumber

#endif  // RENUMBER_REPORT_CUSTOMER_REPLY_H_
