// Reading one HTTP/1.x answer from the bytes an origin sent: whether they
// hold a complete answer yet, and its status, headers and body (chunked or
// Content-Length, or up to the end of the connection).
//
// Pure functions; thread-safe.
#ifndef RENUMBER_PROBE_HTTP_ANSWER_H_
#define RENUMBER_PROBE_HTTP_ANSWER_H_

#include <string>

#include "src/core/status.h"
#include "src/probe/http_probe.h"

namespace renumber {

enum class AnswerProgress {
  kIncomplete,  // read more
  kComplete,    // the headers and the whole body are here
  kBad,         // not an HTTP answer
};

// `raw` as read so far (the connection still open).
AnswerProgress CheckAnswer(const std::string& raw);

// The answer in `raw`; `closed`: the peer closed the connection (a body
// without a length ends there). The body is cut at `max_body` bytes, and
// its SHA-256 is of the bytes kept. kInternal when `raw` is not HTTP or is
// cut short (closed before the announced length).
Result<OriginAnswer> ParseAnswer(const std::string& raw, bool closed,
                                 size_t max_body);

}  // namespace renumber

#endif  // RENUMBER_PROBE_HTTP_ANSWER_H_
