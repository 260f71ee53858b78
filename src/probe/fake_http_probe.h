// FakeHttpProber: answers origin probes from a table, for tests of code
// that probes origins (the CDN adapter's verify and cutover gate).
//
// Answers are looked up by ip and port, then narrowed by host and path
// when such an entry exists; a request with no entry is refused
// (kUnavailable "connection refused"), like a port nobody listens on.
// Every request is recorded. Thread-safe.
#ifndef RENUMBER_PROBE_FAKE_HTTP_PROBE_H_
#define RENUMBER_PROBE_FAKE_HTTP_PROBE_H_

#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "src/probe/http_probe.h"

namespace renumber {

// A complete answer: status, Content-Type, body, and the derived title and
// SHA-256 (as the real prober would compute them).
OriginAnswer MakeAnswer(int status, const std::string& content_type,
                        const std::string& body);
// "<html><head><title>TITLE</title></head><body>BODY</body></html>".
OriginAnswer HtmlPage(const std::string& title, const std::string& body,
                      int status = 200);

class FakeHttpProber : public HttpProber {
 public:
  // Every probe of ip:port (any host and path).
  void Set(const std::string& ip, int port, Result<OriginAnswer> answer);
  // Only probes of ip:port for this host and path.
  void SetFor(const std::string& ip, int port, const std::string& host,
              const std::string& path, Result<OriginAnswer> answer);
  void Clear();

  Result<OriginAnswer> Probe(const OriginRequest& request) override;

  std::vector<OriginRequest> requests() const;
  size_t count() const;

 private:
  using Key = std::tuple<std::string, int, std::string, std::string>;
  mutable std::mutex mu_;
  std::map<Key, Result<OriginAnswer>> answers_;
  std::vector<OriginRequest> requests_;
};

}  // namespace renumber

#endif  // RENUMBER_PROBE_FAKE_HTTP_PROBE_H_
