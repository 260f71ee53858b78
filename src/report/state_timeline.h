// How many accounts were in each state over a campaign's time, from the
// journal's history (status_report.h: each run's first intent and every
// account-end) and, optionally, a live verify at its end: the data behind
// the report's chart.
//
// Before its first record an account is "not-run". An account-end puts it
// in the state it read back ("unknown" when it could not read, e.g. no
// credentials); an intent puts it in "unknown" until its account-end comes
// (a run that died there is interrupted: nobody knows). A live verify sets
// every account at its time. Accounts outside `accounts` are ignored.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_REPORT_STATE_TIMELINE_H_
#define RENUMBER_REPORT_STATE_TIMELINE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/core/time.h"
#include "src/engine/status_report.h"

namespace renumber {

// The buckets, bottom to top as the chart stacks them.
const std::vector<std::string>& TimelineStates();

struct TimelinePoint {
  Timestamp at;
  std::vector<int> counts;  // by TimelineStates() index; sums to accounts
};

struct StateTimeline {
  int accounts = 0;
  // Oldest first, one point per distinct time (the counts after every
  // record of that time). Empty when there is no record and no live verify.
  std::vector<TimelinePoint> points;
};

// `live`: each account's state ("" = could not be read) at `live_at`.
StateTimeline BuildTimeline(
    const std::vector<AccountEvent>& events,
    const std::vector<std::string>& accounts,
    const std::optional<std::map<std::string, std::string>>& live,
    Timestamp live_at);

}  // namespace renumber

#endif  // RENUMBER_REPORT_STATE_TIMELINE_H_
