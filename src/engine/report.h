// Rendering of campaign results: per-account plans and findings, the
// summary table (account, phase, result, state, writes, time) for humans,
// and one JSON document for --json. Pure functions; thread-safe.
#ifndef RENUMBER_ENGINE_REPORT_H_
#define RENUMBER_ENGINE_REPORT_H_

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

}  // namespace renumber

#endif  // RENUMBER_ENGINE_REPORT_H_
