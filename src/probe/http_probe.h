// Our own probe of an origin server: one HTTP(S) GET to a chosen IP and
// port, with the Host header, TLS SNI and certificate name of the site the
// CDN serves from it — what the CDN itself would send. cpprest cannot
// connect to an IP while naming another host, so this speaks HTTP/1.1 over
// a socket (and OpenSSL) itself.
//
// Contract:
// - Probe() sends `GET path` with `Host: host`, `Connection: close`, and
//   reads one answer: status, Content-Type (media type only, lower case),
//   the SHA-256 of the body, the body (at most limits.max_body bytes), the
//   HTML <title>, and Location. Redirects are never followed (a 3xx is an
//   answer like any other). Chunked and Content-Length bodies are read.
// - TLS: SNI `sni` when not empty. With check_cert the chain is verified
//   against the system store plus options.ca_file, and the certificate
//   must name `cert_host`; without it (the backend's ssl_check_cert is
//   false) the certificate is not checked, as the CDN would not check it.
//   A probe carries no credential.
// - Errors: kTimeout (no connection or no complete answer within the
//   limits), kUnavailable (refused, reset, unreachable, closed early),
//   kForbidden (the certificate did not verify; the reason is named),
//   kInternal (the answer is not HTTP), kInvalidArgument (a bad IP),
//   kPreconditionFailed (not probed: the address it would connect to —
//   after the connect-to map — is reserved for documentation and tests,
//   probe_scope.h; nothing is sent, see NotProbed).
// - Thread-safe: one prober serves many threads; ProbeAll runs requests
//   on at most `parallel` threads.
#ifndef RENUMBER_PROBE_HTTP_PROBE_H_
#define RENUMBER_PROBE_HTTP_PROBE_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "src/core/status.h"
#include "src/probe/connect_to.h"

namespace renumber {

struct OriginRequest {
  std::string ip;  // the origin's address (IPv4 or IPv6 literal)
  int port = 80;
  bool tls = false;
  std::string host;        // Host header
  std::string sni;         // TLS server name; "" sends none
  bool check_cert = true;  // TLS: verify the chain and cert_host
  std::string cert_host;   // the name the certificate must carry
  std::string path = "/";
};

struct OriginAnswer {
  int status = 0;
  std::string content_type;  // "text/html"
  std::string title;         // HTML <title>, whitespace collapsed
  std::string body_sha256;   // lower-case hex
  std::string body;          // at most limits.max_body bytes
  bool truncated = false;    // the body was longer than that
  std::string location;      // Location header, for a 3xx
  std::chrono::milliseconds elapsed{0};
};

struct ProbeLimits {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{8000};  // connect to last byte
  size_t max_body = 1 << 20;
};

class HttpProber {
 public:
  virtual ~HttpProber() = default;
  virtual Result<OriginAnswer> Probe(const OriginRequest& request) = 0;
};

struct HttpProberOptions {
  std::string ca_file;      // extra trusted CA (PEM), on top of the system
  ConnectToMap connect_to;  // where to connect instead
  ProbeLimits limits;
};

// kInvalidArgument when ca_file cannot be read.
Result<std::unique_ptr<HttpProber>> NewHttpProber(
    const HttpProberOptions& options);

// Runs every request, at most `parallel` at a time; answers in order.
std::vector<Result<OriginAnswer>> ProbeAll(
    HttpProber* prober, const std::vector<OriginRequest>& requests,
    int parallel);

// True for a probe that was not made because its address is reserved for
// documentation and tests (the simulated customers' addresses, unless a
// connect-to map sends them to a simulated origin).
bool NotProbed(const Status& status);

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(const std::string& data);
// The text of an HTML document's first <title>, entities &amp; &lt; &gt;
// &quot; &#39; decoded, whitespace collapsed; "" when none.
std::string HtmlTitle(const std::string& html);

}  // namespace renumber

#endif  // RENUMBER_PROBE_HTTP_PROBE_H_
