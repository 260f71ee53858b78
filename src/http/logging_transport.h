// A transport wrapper that logs every request through spdlog (src/log):
// - debug: one line per request: method, redacted URL, status or error,
//   duration, e.g. "http: GET https://api.example/v1/x -> 200 (12 ms)";
// - trace: in addition, the redacted DumpRequest/DumpResponse (redact.h).
// Nothing secret is logged: URLs, headers and bodies go through redact.h,
// and error messages from transports are redacted by contract.
//
// Does not own inner or clock (clock = nullptr means RealClock(); only its
// steady time is used, for durations). Thread-safe if inner is.
#ifndef RENUMBER_HTTP_LOGGING_TRANSPORT_H_
#define RENUMBER_HTTP_LOGGING_TRANSPORT_H_

#include <memory>

#include "src/core/time.h"
#include "src/http/transport.h"

namespace renumber {

std::unique_ptr<HttpTransport> NewLoggingTransport(HttpTransport* inner,
                                                   Clock* clock = nullptr);

}  // namespace renumber

#endif  // RENUMBER_HTTP_LOGGING_TRANSPORT_H_
