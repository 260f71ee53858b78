// A one-line progress bar on the person's terminal: accounts done / failed
// / remaining, an ETA, and what the account that has been at it longest is
// doing ("C-10002/ess apply 61/107"), redrawn in place (at most ten times a
// second, cut to the terminal's width). Drawn only on a terminal; scripts
// and cron jobs get no bar. Thread-safe.
#ifndef RENUMBER_CLI_PROGRESS_H_
#define RENUMBER_CLI_PROGRESS_H_

#include <cstdio>
#include <map>
#include <mutex>
#include <string>

#include "src/core/time.h"
#include "src/engine/campaign.h"
#include "src/i18n/i18n.h"

namespace renumber {

class TerminalProgress : public ProgressSink {
 public:
  TerminalProgress(FILE* out, Clock* clock, Lang lang);
  void Stage(const char* name, int total) override;
  void Activity(const AccountKey& account, const std::string& what) override;
  void AccountDone(const AccountReport& report) override;
  // Prints what the account waits for above the bar (cutover --wait-ready).
  void AccountWaiting(const AccountReport& report) override;
  void Finish() override;

  // The bar for the given counts (exposed for tests); `slowest` "" when no
  // account is in flight.
  static std::string Render(const char* stage, int done, int failed, int total,
                            std::chrono::milliseconds elapsed,
                            const std::string& slowest, Lang lang);

 private:
  struct InFlight {
    std::string what;
    std::chrono::steady_clock::time_point since;
  };
  void DrawLocked(bool force);
  std::string SlowestLocked() const;
  FILE* out_;
  Clock* clock_;
  Lang lang_;
  std::mutex mu_;
  const char* stage_ = "";
  int total_ = 0, done_ = 0, failed_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::map<std::string, InFlight> in_flight_;  // by account
};

}  // namespace renumber

#endif  // RENUMBER_CLI_PROGRESS_H_
