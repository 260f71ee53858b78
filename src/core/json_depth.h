// Bounds on how deeply JSON from outside may nest. Walking a parsed
// document (copying it, dumping it, redacting it, wiping it) recurses once
// per level: a vendor answering with 200,000 levels overflowed the stack.
// Counting the depth needs no parse and no recursion, so it is done first,
// everywhere such JSON arrives:
// - the HTTP transport refuses a response body nested deeper than
//   kMaxJsonDepth (kInternal: "an unexpected answer"), so no adapter ever
//   sees one;
// - redaction (src/http/redact.h) never parses text nested deeper;
// - journal lines and audit log records nested deeper are corrupt;
// - ParseBoundedJson is the parse every decoder of outside JSON should use.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_CORE_JSON_DEPTH_H_
#define RENUMBER_CORE_JSON_DEPTH_H_

#include <nlohmann/json.hpp>
#include <string_view>

#include "src/core/status.h"

namespace renumber {

// Far more than any vendor answer nests (ESS and CDN: under 10 levels).
inline constexpr size_t kMaxJsonDepth = 64;

// Whether `text` opens more than `max_depth` arrays or objects inside each
// other (brackets inside JSON strings do not count; `text` need not be
// valid JSON).
bool JsonNestsDeeperThan(std::string_view text, size_t max_depth);

// `text` parsed, when it is JSON nested at most `max_depth` deep;
// kInternal naming what is wrong (never quoting the text) otherwise.
Result<nlohmann::json> ParseBoundedJson(std::string_view text,
                                        size_t max_depth = kMaxJsonDepth);

}  // namespace renumber

#endif  // RENUMBER_CORE_JSON_DEPTH_H_
