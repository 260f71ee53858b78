// Logging to stderr through spdlog, text or JSON lines.
//
// Every line passes through a scrubbing sink: any value registered with
// AddScrubbedSecret (passwords, tokens, passphrases as they are loaded; see
// scrubber.h) is replaced by "‹redacted›" before the line is written, as a
// last line of defence behind "never pass a secret to the logger". Text
// lines are then made safe for a terminal (terminal_text.h); JSON lines are
// JSON-escaped.
//
// InitLogging is called once by main before other threads start; logging
// itself is thread-safe.
#ifndef RENUMBER_LOG_LOG_H_
#define RENUMBER_LOG_LOG_H_

#include <string>
#include <string_view>

#include "src/core/status.h"
#include "src/log/scrubber.h"

namespace renumber {

// level: trace|debug|info|warn|error|off; format: text|json.
Status InitLogging(const std::string& level, const std::string& format);
// Same, writing to `sink` instead of stderr (tests).
Status InitLoggingTo(const std::string& level, const std::string& format,
                     std::string* sink);

// JSON string escaping (RFC 8259), for hand-built JSON. DEL and the C1
// controls (U+0080-U+009F) are escaped too, so a JSON log line read on a
// terminal cannot drive it.
std::string JsonEscape(std::string_view s);

}  // namespace renumber

#endif  // RENUMBER_LOG_LOG_H_
