// How the report says things: the names of states, results, phases and
// verdicts in the reader's language (the message catalog's "creport.*"
// keys), and times in the campaign's offset.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_REPORT_REPORT_WORDS_H_
#define RENUMBER_REPORT_REPORT_WORDS_H_

#include <string>

#include "src/core/time.h"
#include "src/i18n/i18n.h"

namespace renumber {

// `value` of `kind` ("state", "result", "phase", "verdict") as the report
// shows it: "cut-over" → "cut over" / "切替済み"; a value the catalog does
// not know is shown as it is, and "" as "-".
std::string Shown(Lang lang, const std::string& kind, const std::string& value);

// "UTC+09:00", "UTC", "UTC-03:30".
std::string OffsetLabel(int offset_minutes);

// "2026-12-10 06:00" for an RFC 3339 time, in `offset_minutes`; "-" for ""
// and the text itself when it does not parse.
std::string ReportTime(const std::string& rfc3339, int offset_minutes);

}  // namespace renumber

#endif  // RENUMBER_REPORT_REPORT_WORDS_H_
