// The person at the keyboard, reached through the controlling terminal
// (/dev/tty) whatever stdin, stdout and stderr are: `renumber prepare 2>&1 |
// tee prepare.log` still asks its question and draws its progress bar on
// the terminal, and only a run with no controlling terminal at all (cron, a
// systemd unit, `setsid`) has nobody to ask.
//
// Contract: Ask() writes the question and reads one line (without its line
// break); nullopt at end of input or on a read error. stream() is where a
// progress bar may be drawn. Not thread-safe: one thread asks; the progress
// sink serialises its own drawing.
#ifndef RENUMBER_CLI_TERMINAL_H_
#define RENUMBER_CLI_TERMINAL_H_

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

namespace renumber {

class Terminal {
 public:
  virtual ~Terminal() = default;
  virtual std::optional<std::string> Ask(const std::string& question) = 0;
  // Where a progress bar or a remark for the person goes.
  virtual std::FILE* stream() = 0;
};

// The process's controlling terminal, or null when it has none.
std::unique_ptr<Terminal> OpenControllingTerminal();

// How a yes/no answer was understood: y, yes, はい (and their full-width
// forms, as typed with a Japanese input method on, any case, surrounding
// spaces ignored) are yes; anything else, including an empty line, is no.
struct Answer {
  bool yes = false;
  std::string typed;  // what was typed, trimmed
};
Answer ParseYesNo(const std::string& line);

}  // namespace renumber

#endif  // RENUMBER_CLI_TERMINAL_H_
