// What a long run tells the person watching it: stages over all accounts,
// and what each account in flight is doing, change by change.
//
// Threads: called from the campaign's worker threads at once;
// implementations must be thread-safe. Calls are cheap notifications; a
// sink must not block on anything but its own drawing.
#ifndef RENUMBER_ENGINE_PROGRESS_SINK_H_
#define RENUMBER_ENGINE_PROGRESS_SINK_H_

#include <string>

#include "src/model/model.h"

namespace renumber {

struct AccountReport;

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // A stage starts over `total` accounts ("discover", "apply").
  virtual void Stage(const char* name, int total) = 0;
  // `account` started work in this stage or moved on: `what` is short
  // ("discover", "apply 61/107").
  virtual void Activity(const AccountKey& account, const std::string& what) = 0;
  // `report`'s account finished this stage.
  virtual void AccountDone(const AccountReport& report) = 0;
  // The account waits for parts of its phase (report.waiting), e.g.
  // cutover --wait-ready polling a gate. Default: nothing shown.
  virtual void AccountWaiting(const AccountReport& report) { (void)report; }
  virtual void Finish() = 0;
};

}  // namespace renumber

#endif  // RENUMBER_ENGINE_PROGRESS_SINK_H_
