// The runnable steps of a runbook (runbooks/*.md), as its markers say
// (runbooks/README.md, "Runbooks that cannot rot"):
//
//   <!-- runbook: run [exit=N] [answer=TEXT] [at=RFC3339] -->
//   ```sh
//   commands…
//   ```
//   <!-- runbook: output -->
//   ```
//   what the run above shows, shortened with …
//   ```
//   <!-- runbook: skip REASON -->
//   ```sh
//   …
//   ```
//   <!-- runbook: world customers=N paths=/etc/x,/var/lib/y -->
//                                         (once, before the first run)
//
// A marker applies to the fenced block right after it (blank lines may
// come between). In a runbook with any marker, every ```sh block needs
// one (run or skip), so an unmarked command cannot slip in untested.
// `at=` is sticky: it sets the clock for this block and the ones after it.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_TESTS_RUNBOOKS_RUNBOOK_STEPS_H_
#define RENUMBER_TESTS_RUNBOOKS_RUNBOOK_STEPS_H_

#include <optional>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber {

struct RunbookStep {
  int line = 0;        // of the block's opening fence, 1-based
  std::string script;  // the block's text (bash)
  int exit_code = 0;
  std::string answer;  // typed (with Enter) at each "[y/N]" question
  std::string at;      // RFC 3339 the clock shows; "" = the real clock
  // The output block after it, when there is one: what the run shows on
  // the terminal (MatchOutput's rules).
  std::optional<std::string> output;
  int output_line = 0;
};

struct Runbook {
  bool marked = false;             // any marker at all
  int customers = 12;              // the simulated world (world customers=N)
  std::vector<RunbookStep> steps;  // runs only, in order
  int skipped = 0;                 // skip markers
  // ```sh blocks without a marker, and indented command lines in list
  // items (a "renumber …", "$ renumber …" or "sudo …" line after a blank
  // line, indented 3 or more): each must be a marked ```sh block.
  int unmarked_sh = 0;
  std::vector<int> unmarked_lines;
  // world paths=: system directories the runbook names (/etc/renumber,
  // /var/lib/renumber); the test gives each a directory of its own and
  // runs the blocks with the path pointing there.
  std::vector<std::string> paths;
};

// kInvalidArgument naming the line for a marker it cannot read, an output
// block that follows no run, or (in a marked runbook) an unmarked ```sh
// block.
Result<Runbook> ParseRunbook(const std::string& markdown);

// Whether `actual` (terminal text, already cleaned: see TerminalText)
// shows `expected`: its lines, in order, each matching one line of
// `actual`, consecutive unless a line of only "…" stands between them
// (which matches any number of lines). Within a line, "…" matches any
// text; trailing spaces are ignored; `actual` may have more lines before
// the first and after the last. kNotFound saying which line did not match
// and what was there.
Status MatchOutput(const std::string& expected, const std::string& actual);

// What a person sees of a terminal transcript, line by line: a CR goes
// back to the line's start and what is drawn then replaces the rest of the
// line (renumber clears before it redraws), ESC [ K and ESC [ 2 K clear,
// other escape sequences show nothing.
std::string TerminalText(const std::string& transcript);

}  // namespace renumber

#endif  // RENUMBER_TESTS_RUNBOOKS_RUNBOOK_STEPS_H_
