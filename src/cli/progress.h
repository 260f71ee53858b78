// A one-line progress bar on a terminal: accounts done / failed /
// remaining and an ETA, redrawn in place on stderr. Used only when stderr is
// a terminal; scripts and cron jobs get no bar. Thread-safe.
#ifndef RENUMBER_CLI_PROGRESS_H_
#define RENUMBER_CLI_PROGRESS_H_

#include <cstdio>
#include <mutex>

#include "src/core/time.h"
#include "src/engine/campaign.h"
#include "src/i18n/i18n.h"

namespace renumber {

class TerminalProgress : public ProgressSink {
 public:
  TerminalProgress(FILE* out, Clock* clock, Lang lang);
  void Stage(const char* name, int total) override;
  void AccountDone(const AccountReport& report) override;
  // Prints what the account waits for above the bar (cutover --wait-ready).
  void AccountWaiting(const AccountReport& report) override;
  void Finish() override;

  // The bar for the given counts (exposed for tests).
  static std::string Render(const char* stage, int done, int failed, int total,
                            std::chrono::milliseconds elapsed, Lang lang);

 private:
  void DrawLocked();
  FILE* out_;
  Clock* clock_;
  Lang lang_;
  std::mutex mu_;
  const char* stage_ = "";
  int total_ = 0, done_ = 0, failed_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace renumber

#endif  // RENUMBER_CLI_PROGRESS_H_
