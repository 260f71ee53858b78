// Rendering of campaign results: per-account plans and findings, the
// summary table (account, phase, result, state, writes, time) for humans,
// and one JSON document for --json. Pure functions; thread-safe.
#ifndef RENUMBER_ENGINE_REPORT_H_
#define RENUMBER_ENGINE_REPORT_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/engine/campaign.h"
#include "src/i18n/i18n.h"

namespace renumber {

// Findings, checks and the planned changes of one account.
std::string RenderAccountDetail(const AccountReport& report, Command command,
                                Lang lang);
// The table, then each reason for a refusal or a failure said once with the
// accounts it applies to, then the totals.
std::string RenderSummaryTable(const CampaignResult& result, Command command,
                               Lang lang);
// The summary just above the question of a writing command: accounts per
// state, changes per kind, notes (host-name references, CIDR entries, ...),
// accounts with nothing to do, and the accounts left out of this run (held
// by another run, refused, failed) with their reasons.
std::string RenderPlanSummary(const ConfirmRequest& request, Lang lang);
// Each distinct reason once, with the accounts it applies to.
std::string RenderReasons(const std::vector<const AccountReport*>& accounts,
                          Lang lang);
nlohmann::json CampaignJson(const CampaignResult& result, Command command,
                            const std::string& campaign, int exit_code);
nlohmann::json AccountJson(const AccountReport& report);

// CampaignJson merged with `extra` (members other than "accounts"), as the
// text that dump(2) of that document gives, built one account at a time:
// the whole tree was the largest thing in a campaign's memory (issue 15:
// 60 MB of a 94 MB heap peak at 2,000 accounts). `each` (may be empty)
// edits each account's object before it is written. Throws what dump
// throws (invalid UTF-8), as dump(2) of the whole document would.
std::string CampaignJsonText(const CampaignResult& result, Command command,
                             const std::string& campaign, int exit_code,
                             const nlohmann::json& extra,
                             const std::function<void(nlohmann::json*)>& each);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_REPORT_H_
