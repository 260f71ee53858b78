// The HTTP client transport: the one seam between renumber and an HTTP
// library. Everything that talks to a vendor goes through HttpTransport.
//
// Contract:
// - Send() performs one request and returns the response for ANY HTTP status
//   (4xx/5xx are responses, not errors). A non-OK Status means no usable
//   response arrived: kTimeout (no answer within request.timeout; the request
//   may still have taken effect), kUnavailable (connection refused/reset,
//   DNS failure), kForbidden (TLS peer not trusted: certificate verification
//   failed; other TLS failures, e.g. https to a plain-http port, are
//   kUnavailable), kInvalidArgument (malformed URL, plain http:// to a host
//   that is not a loopback address, a line break in a header, an unreadable
//   TransportOptions.ca_file). kInvalidArgument and kForbidden are found
//   before or without anything being applied and are never worth retrying.
// - A body that is JSON nested deeper than kMaxJsonDepth (json_depth.h) is
//   kInternal, never returned: nothing downstream has to walk it.
// - Redirects are never followed: a 3xx answer (but 304) is kForbidden,
//   naming the status and the Location's host, never the rest of it. A
//   followed redirect would carry the credentials to another host.
// - Implementations are thread-safe; one instance may serve many threads.
// - No secret (Authorization, Fastly-Key, ...) appears in a returned Status
//   message; see redact.h.
#ifndef RENUMBER_HTTP_TRANSPORT_H_
#define RENUMBER_HTTP_TRANSPORT_H_

#include <memory>
#include <string>

#include "src/core/status.h"
#include "src/http/message.h"

namespace renumber {

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

struct TransportOptions {
  // Extra CA certificate (PEM file) trusted on top of the system store.
  // Verification itself is always on; there is no switch to turn it off.
  std::string ca_file;
};

// Checks the options without any network use: kInvalidArgument naming the
// file when ca_file cannot be read or holds no PEM certificate. Call it
// early (CLI parsing) for a clear error; Send() returns the same error.
Status ValidateTransportOptions(const TransportOptions& options);

// The real transport (cpprestsdk underneath). Keeps one kept-alive client per
// scheme://host:port (and timeout) so TLS handshakes are not repeated. The CA
// file is read once, here.
std::unique_ptr<HttpTransport> NewCpprestTransport(
    const TransportOptions& options);

// Must run before anything else uses the HTTP library: sizes the shared
// worker pool. Safe to call more than once (later calls do nothing).
void InitHttpRuntime(int threads);

// The pool size for a client running `jobs` accounts at once: the pool only
// completes I/O (callers wait on their own threads, and nothing blocks in
// the pool), so a few threads serve many connections. jobs / 4, at least 8:
// at --jobs 32 (renumber_bench, N=500, 20 ms, two runs each) 8 threads
// instead of 128 took 15-20% off prepare's and cutover's CPU time and 6 MB
// off their peak RSS, at the same wall time.
int HttpPoolThreadsFor(int jobs);

}  // namespace renumber

#endif  // RENUMBER_HTTP_TRANSPORT_H_
