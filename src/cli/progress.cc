#include "src/cli/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include "src/engine/text.h"

namespace renumber {
namespace {

// The terminal's width in columns; no limit when `out` is no terminal.
size_t Columns(FILE* out) {
  winsize ws{};
  if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return 1000;
}

// `line` cut to `columns` terminal columns (CJK characters count two).
std::string CutToWidth(const std::string& line, size_t columns) {
  size_t cols = 0;
  for (size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    size_t w = len >= 3 ? 2 : 1;
    if (cols + w > columns) return line.substr(0, i);
    cols += w;
    i += len;
  }
  return line;
}

// What an account is doing, as the engine names it ("discover",
// "apply 31/54", "read back"), in `lang`: the words translated, a count
// after them kept.
std::string ActivityText(const std::string& what, Lang lang) {
  std::string head = what, tail;
  const size_t space = what.rfind(' ');
  if (space != std::string::npos &&
      what.find_first_not_of("0123456789/", space + 1) == std::string::npos) {
    head = what.substr(0, space);
    tail = what.substr(space);
  }
  std::string key = head;
  for (char& c : key)
    if (c == ' ') c = '_';
  const std::string word = WordIn("activity", key, lang);
  return (word == key ? head : word) + tail;
}

}  // namespace

TerminalProgress::TerminalProgress(FILE* out, Clock* clock, Lang lang)
    : out_(out), clock_(clock), lang_(lang) {}

std::string TerminalProgress::Render(const char* stage, int done, int failed,
                                     int total,
                                     std::chrono::milliseconds elapsed,
                                     const std::string& slowest, Lang lang) {
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
  std::string line = "[" + bar + "] " +
                     Tr(lang, "progress.line", ActivityText(stage, lang), done,
                        total, failed, total - done, eta);
  if (!slowest.empty()) line += "  | " + slowest;
  return line;
}

void TerminalProgress::Stage(const char* name, int total) {
  std::lock_guard<std::mutex> l(mu_);
  stage_ = name;
  total_ = total;
  done_ = failed_ = 0;
  in_flight_.clear();
  start_ = clock_->Steady();
  DrawLocked(true);
}

void TerminalProgress::Activity(const AccountKey& account,
                                const std::string& what) {
  std::lock_guard<std::mutex> l(mu_);
  auto [it, fresh] = in_flight_.try_emplace(account.ToString());
  if (fresh) it->second.since = clock_->Steady();
  it->second.what = what;
  DrawLocked(false);
}

void TerminalProgress::AccountDone(const AccountReport& report) {
  std::lock_guard<std::mutex> l(mu_);
  ++done_;
  if (report.result == AccountResult::kFailed) ++failed_;
  in_flight_.erase(report.row.target.account.ToString());
  DrawLocked(true);
}

void TerminalProgress::AccountWaiting(const AccountReport& report) {
  std::lock_guard<std::mutex> l(mu_);
  if (drawn_) std::fputs("\r\033[K", out_);
  std::string line = report.row.target.account.ToString() + ":";
  for (const Text& w : report.waiting)
    line += "\n    " + Tr(lang_, "report.waiting",
                          lang_ == Lang::kJa && !w.ja.empty() ? w.ja : w.en);
  std::fprintf(out_, "%s\n", line.c_str());
  DrawLocked(true);
}

void TerminalProgress::Finish() {
  std::lock_guard<std::mutex> l(mu_);
  if (drawn_) std::fputs("\r\033[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

std::string TerminalProgress::SlowestLocked() const {
  const std::pair<const std::string, InFlight>* oldest = nullptr;
  for (const auto& entry : in_flight_)
    if (!oldest || entry.second.since < oldest->second.since) oldest = &entry;
  if (!oldest) return "";
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                  clock_->Steady() - oldest->second.since)
                  .count();
  return Tr(lang_, "progress.slowest", oldest->first,
            ActivityText(oldest->second.what, lang_), secs);
}

void TerminalProgress::DrawLocked(bool force) {
  const auto now = clock_->Steady();
  if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(100))
    return;
  last_draw_ = now;
  auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(now - start_);
  std::string line = CutToWidth(
      Render(stage_, done_, failed_, total_, elapsed, SlowestLocked(), lang_),
      Columns(out_) - 1);
  std::fprintf(out_, "\r\033[K%s", line.c_str());
  std::fflush(out_);
  drawn_ = true;
}

}  // namespace renumber
