// A small campaign for the report's unit tests, as the journal reader
// (status_report.h) and a live verify would hand it over:
//
//   C-1/ess  prepared 2026-12-01, cut over 2026-12-10 by alice; a DNS
//            finding (host name at the old IP), a passing check
//   C-1/cdn  prepared by alice; a hidden origin and a note
//   C-2/ess  failed (no state); its ticket and error hold an ESC[2J, an
//            <script> and the canary secret kCanarySecret
//   C-3/cdn  in the plan only: not-run
//
// Times are in UTC; the plan writes maintenance_end in +09:00.
#ifndef RENUMBER_REPORT_REPORT_TEST_UTIL_H_
#define RENUMBER_REPORT_REPORT_TEST_UTIL_H_

#include <vector>

#include "src/engine/campaign.h"
#include "src/engine/plan_file.h"
#include "src/engine/status_report.h"
#include "src/report/campaign_report.h"

namespace renumber {

// Registered with AddScrubbedSecret by SampleStatus().
inline constexpr char kCanarySecret[] = "canary-tok-9f8e7d6c5b4a";

StatusReport SampleStatus();
std::vector<PlanRow> SamplePlan();
// A live verify of the plan's accounts: C-1/ess cut-over (a failing
// check: CRITICAL), C-1/cdn prepared, C-2/ess unreadable, C-3/cdn
// not-started.
CampaignResult SampleLive();

// The report of SampleStatus over SamplePlan at 2026-12-11T00:00:00Z,
// with SampleLive at 2026-12-10T23:59:00Z when `live`.
CampaignReport SampleReport(bool live = false);

}  // namespace renumber

#endif  // RENUMBER_REPORT_REPORT_TEST_UTIL_H_
