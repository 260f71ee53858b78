// `renumber report`: what a campaign did and where every account stands,
// as one value that the HTML, Markdown and JSON forms render.
//
// Built from what `renumber status` reads (status_report.h: the journals,
// optionally narrowed to a plan) and, with --live, from a read-only verify
// run just before (its CampaignResult): per account the phase, result and
// state, the last change and who made it, the checks and findings (DNS work
// and hidden origins left to the customer, other notes), monitoring's
// verdict when live; totals; and the accounts by state over time.
//
// Every string from outside (journal, plan, vendor) is passed through
// SafeText (safe_text.h) and ScrubSecrets here, so nothing in the value can
// act on a terminal or reveal a loaded secret; the renderers still escape
// for their format.
//
// Pure function of its inputs; thread-safe.
#ifndef RENUMBER_REPORT_CAMPAIGN_REPORT_H_
#define RENUMBER_REPORT_CAMPAIGN_REPORT_H_

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "src/engine/campaign.h"
#include "src/engine/monitoring.h"
#include "src/engine/plan_file.h"
#include "src/engine/status_report.h"
#include "src/report/state_timeline.h"

namespace renumber {

// Finding kinds the report sorts out (FindingKindName); the CDN adapter
// reports the old IP in VCL, a snippet, a pool or Compute code as
// "hidden-origin" (design.md).
inline constexpr char kDnsWorkKind[] = "dns-dependent";
inline constexpr char kHiddenOriginKind[] = "hidden-origin";

struct ReportAccount {
  std::string account;   // "C-10001/ess"
  std::string customer;  // "C-10001"
  std::string service;   // "ess" | "cdn"
  // From the plan row when there is one, else from the journal.
  std::optional<RecordedTarget> target;
  // The journal's view (status_report.h).
  std::string campaign;
  std::string phase;
  std::string result;  // done, nothing-to-do, failed, refused,
                       // interrupted, not-run
  std::string last_error;
  std::string last_run_at;  // RFC 3339 of the last record
  std::string operator_name;
  std::string changed_by;  // who last changed it, and when
  std::string changed_at;
  // Where it stands: the live verify's reading, else the journal's.
  std::string state;  // "" unknown
  bool live = false;  // state, findings and checks are from --live
  std::string live_error;
  std::vector<RecordedFinding> dns_work;
  std::vector<RecordedFinding> hidden_origins;
  std::vector<RecordedFinding> notes;  // every other finding
  std::string findings_at;             // "" when nothing was recorded
  std::vector<Check> checks;
  std::string checks_at;
  std::optional<Verdict> verdict;  // --live only
  bool needs_attention = false;    // interrupted, failed, refused, or a
                                   // live verdict other than OK
};

// Counts in a fixed order, zero counts left out.
using Counts = std::vector<std::pair<std::string, int>>;

struct ReportTotals {
  int accounts = 0;
  int customers = 0;
  Counts by_state;    // "unknown" for no state
  Counts by_result;
  Counts by_verdict;  // --live only
  int needs_attention = 0;
  int dns_work = 0;        // findings, over all accounts
  int hidden_origins = 0;  // findings, over all accounts
  int customers_with_work = 0;  // customers with DNS work or hidden origins
};

struct CampaignReport {
  std::string campaign;  // "" = every campaign in the state dir
  std::string version;   // renumber's
  Timestamp generated_at;
  // The UTC offset times are shown in: the plan's maintenance_end offset
  // (the first account's), else the machine's.
  int offset_minutes = 0;
  std::optional<Timestamp> live_at;
  std::vector<ReportAccount> accounts;  // plan order, else by account
  ReportTotals totals;
  StateTimeline timeline;
  std::vector<std::string> warnings;
};

struct ReportInputs {
  const StatusReport* status = nullptr;
  const std::vector<PlanRow>* plan = nullptr;  // null: no --plan
  // --live: the verify's result, when it ran, and monitoring's grace.
  const CampaignResult* live = nullptr;
  Timestamp live_at;
  std::chrono::seconds grace{3600};
  Timestamp now;
  std::string campaign;
  std::string version;
};

CampaignReport BuildCampaignReport(const ReportInputs& inputs);

// The accounts of one customer, in report order.
std::vector<std::pair<std::string, std::vector<const ReportAccount*>>>
ByCustomer(const CampaignReport& report);

}  // namespace renumber

#endif  // RENUMBER_REPORT_CAMPAIGN_REPORT_H_
