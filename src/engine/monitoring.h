// What scheduled checks tell monitoring: each account judged OK, WARNING,
// CRITICAL or UNKNOWN (the Nagios plugin codes), a Nagios plugin's output
// (one status line with perfdata, then the accounts behind it), and a
// Prometheus text-exposition file for node_exporter's textfile collector.
//
// The rules (README, scheduled-verification runbook):
// - CRITICAL: the account is `missing`; its new server fails a check after
//   cut over; the maintenance ended more than `grace` ago and it is not cut
//   over.
// - WARNING: `partial`; `prepared-stale` (CDN: the customer activated
//   another version since prepare); not in the expected state; a check
//   fails before cut over; our probe finds the new server answering
//   differently from the old one (`differs`), unless that is expected
//   (before the maintenance the new origin may serve a placeholder); the
//   maintenance ended less than `grace` ago and it is not cut over yet; it
//   is prepared and its cut over is due within a day.
// - UNKNOWN: it could not be checked (vendor down, no or expired
//   credentials).
// The worst wins: CRITICAL > WARNING > UNKNOWN > OK.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_ENGINE_MONITORING_H_
#define RENUMBER_ENGINE_MONITORING_H_

#include <chrono>
#include <map>
#include <string>

#include "src/engine/campaign.h"
#include "src/i18n/i18n.h"

namespace renumber {

enum class Severity { kOk = 0, kWarning = 1, kCritical = 2, kUnknown = 3 };
const char* SeverityName(Severity s);  // "OK", "WARNING", ...

struct Verdict {
  Severity severity = Severity::kOk;
  Text why;  // empty for OK
};

// One account's verdict at `now`; `grace` as in Expectation.
Verdict Judge(const AccountReport& report, Timestamp now,
              std::chrono::seconds grace);

struct MonitoringRun {
  const CampaignResult* result = nullptr;
  Timestamp now;  // when the check ran
  std::chrono::milliseconds duration{0};
  std::chrono::seconds grace{3600};
  // When renumber last changed each account ("C-1/ess"), from the journal.
  std::map<std::string, Timestamp> last_change;
  std::string version;
};

struct NagiosOutput {
  std::string text;   // status line | perfdata, then one line per account
  int exit_code = 0;  // the plugin code of the worst verdict
};
NagiosOutput RenderNagios(const MonitoringRun& run, Lang lang);

// The whole file, HELP and TYPE lines included.
std::string RenderPrometheus(const MonitoringRun& run);

}  // namespace renumber

#endif  // RENUMBER_ENGINE_MONITORING_H_
