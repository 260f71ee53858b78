// Text that reaches a terminal. A vendor's message (a customer-editable
// service name with "ESC ]2;…" in it), a plan's ticket ("ESC [2J") or a
// journal's stored error could otherwise set the window title, clear the
// screen, move the cursor or hide what follows.
//
// EscapeForTerminal makes every C0 control character except newline and
// tab (so also CR, ESC, BEL, backspace), DEL, every C1 control character
// (U+0080-U+009F, which some terminals obey as ESC-sequences) and every
// byte that is not part of valid UTF-8 visible instead: \x1b, \x7f,
// \u009b, \xff. Everything else, Japanese included, passes unchanged.
//
// Every human-readable output of renumber (the migration commands' tables
// and details, status, the vault's messages and tables, text log lines)
// goes through ForHumans or PrintForHumans. JSON documents (--json) are
// JSON-escaped instead.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_LOG_TERMINAL_TEXT_H_
#define RENUMBER_LOG_TERMINAL_TEXT_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace renumber {

std::string EscapeForTerminal(std::string_view text);

// ScrubSecrets, then EscapeForTerminal, then ScrubSecrets again: an escape
// can complete a secret with its own letters ("\xff" + "uzz-secret…"
// reads "…ffuzz-secret…"), so the escaped text is scrubbed too. The
// redaction mark is printable UTF-8, so the result stays terminal-safe.
std::string ForHumans(std::string_view text);

// Writes ForHumans(text) to `to` (no newline added) and flushes it.
void PrintForHumans(std::FILE* to, std::string_view text);

}  // namespace renumber

#endif  // RENUMBER_LOG_TERMINAL_TEXT_H_
