#include "src/cli/progress.h"

namespace renumber {

TerminalProgress::TerminalProgress(FILE* out, Clock* clock, Lang lang)
    : out_(out), clock_(clock), lang_(lang) {}

std::string TerminalProgress::Render(const char* stage, int done, int failed,
                                     int total,
                                     std::chrono::milliseconds elapsed,
                                     Lang lang) {
  const int width = 24;
  int filled = total > 0 ? done * width / total : width;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(width, '-');
  std::string eta = "--:--";
  if (done > 0 && done < total) {
    long long secs = elapsed.count() * (total - done) / done / 1000;
    eta = std::to_string(secs / 60) + ":" + (secs % 60 < 10 ? "0" : "") +
          std::to_string(secs % 60);
  } else if (done >= total) {
    eta = "0:00";
  }
  return "[" + bar + "] " +
         Tr(lang, "progress.line", stage, done, total, failed, total - done,
            eta);
}

void TerminalProgress::Stage(const char* name, int total) {
  std::lock_guard<std::mutex> l(mu_);
  stage_ = name;
  total_ = total;
  done_ = failed_ = 0;
  start_ = clock_->Steady();
  DrawLocked();
}

void TerminalProgress::AccountDone(const AccountReport& report) {
  std::lock_guard<std::mutex> l(mu_);
  ++done_;
  if (report.result == AccountResult::kFailed) ++failed_;
  DrawLocked();
}

void TerminalProgress::AccountWaiting(const AccountReport& report) {
  std::lock_guard<std::mutex> l(mu_);
  if (drawn_) std::fputs("\r\033[K", out_);
  std::string line = report.row.target.account.ToString() + ":";
  for (const Text& w : report.waiting)
    line += "\n    " + Tr(lang_, "report.waiting",
                          lang_ == Lang::kJa && !w.ja.empty() ? w.ja : w.en);
  std::fprintf(out_, "%s\n", line.c_str());
  DrawLocked();
}

void TerminalProgress::Finish() {
  std::lock_guard<std::mutex> l(mu_);
  if (drawn_) std::fputs("\r\033[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

void TerminalProgress::DrawLocked() {
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      clock_->Steady() - start_);
  std::string line = Render(stage_, done_, failed_, total_, elapsed, lang_);
  std::fprintf(out_, "\r\033[K%s", line.c_str());
  std::fflush(out_);
  drawn_ = true;
}

}  // namespace renumber
