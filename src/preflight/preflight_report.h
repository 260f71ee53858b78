// Preflight results for people and for programs.
//
// RenderPreflight: per customer, its domains (who serves them; a group of
// domains on the same name servers is summed up after two lines), then
// what needs doing grouped by who and by when (the customer before / after
// the maintenance, the provider, blocklist operators), what could not be
// checked, and notes — at most three findings of a kind per group, the
// rest summed up by domain; then one summary line. PreflightJson: one
// document (customers with every domain and finding, both languages'
// texts, counts).
//
// For plan / verify output: RenderPreflightCustomer gives one customer's
// section; AttachPreflightToCampaignJson adds the whole PreflightJson as
// "preflight" to a campaign JSON document and, to each of its accounts,
// "preflight": {"needs_action", "errors"} of the account's customer.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_PREFLIGHT_PREFLIGHT_REPORT_H_
#define RENUMBER_PREFLIGHT_PREFLIGHT_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "src/i18n/i18n.h"
#include "src/preflight/finding.h"

namespace renumber {

std::string RenderPreflightCustomer(const CustomerPreflight& c, Lang lang,
                                    Timestamp now);
std::string RenderPreflight(const PreflightReport& report, Lang lang);
nlohmann::json PreflightJson(const PreflightReport& report);

// `doc` is a CampaignJson document ({"accounts": [{"customer": ...}]}).
void AttachPreflightToCampaignJson(const PreflightReport& report,
                                   nlohmann::json* doc);
// What AttachPreflightToCampaignJson adds to each account: `account` is
// one of a CampaignJson document's accounts.
void AttachPreflightToAccountJson(const PreflightReport& report,
                                  nlohmann::json* account);

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_PREFLIGHT_REPORT_H_
