// What the vendor fuzz targets share: a transport that answers every
// request with the fuzzer's bytes, and the decoding of an input into one
// simulator request. Header-only (each target is one binary); not thread-
// safe, like the targets.
#ifndef RENUMBER_FUZZ_FUZZ_SUPPORT_H_
#define RENUMBER_FUZZ_FUZZ_SUPPORT_H_

#include <string>
#include <utility>

#include "src/http/server.h"
#include "src/http/transport.h"

namespace renumber::fuzz {

// Answers every request with `status` and `body` (and `header` set to
// `value` when given: the ESS client wants an ETag).
class AnswerWith : public HttpTransport {
 public:
  AnswerWith(int status, std::string body, std::string header = "",
             std::string value = "")
      : status_(status),
        body_(std::move(body)),
        header_(std::move(header)),
        value_(std::move(value)) {}
  Result<HttpResponse> Send(const HttpRequest&) override {
    HttpResponse r;
    r.status = status_;
    r.body = body_;
    if (!header_.empty()) r.headers.Set(header_, value_);
    return r;
  }

 private:
  int status_;
  std::string body_, header_, value_;
};

// The line of `text` starting at *at (advanced past it); "" at the end.
inline std::string NextLine(const std::string& text, size_t* at) {
  if (*at > text.size()) return "";
  size_t nl = text.find('\n', *at);
  if (nl == std::string::npos) nl = text.size();
  std::string line = text.substr(*at, nl - *at);
  *at = nl + 1;
  return line;
}

// Sets the path and the query (and its parameters) of `r` from `target`.
inline void SetTarget(const std::string& target, ServerRequest* r) {
  size_t q = target.find('?');
  r->path = r->raw_path = target.substr(0, q);
  r->query.clear();
  r->query_params.clear();
  if (q == std::string::npos) return;
  r->query = target.substr(q + 1);
  size_t start = 0;
  while (start <= r->query.size()) {
    size_t amp = r->query.find('&', start);
    if (amp == std::string::npos) amp = r->query.size();
    std::string pair = r->query.substr(start, amp - start);
    size_t eq = pair.find('=');
    r->query_params[pair.substr(0, eq)] =
        eq == std::string::npos ? "" : pair.substr(eq + 1);
    start = amp + 1;
  }
}

// Input format: the method on the first line, the target (path?query) on
// the second, header lines up to an empty line, then the body. `rewrite`
// may change the target before it is read (e.g. fill in an id).
template <typename Rewrite>
ServerRequest DecodeRequest(const std::string& text, Rewrite rewrite) {
  ServerRequest r;
  size_t at = 0;
  r.method = NextLine(text, &at);
  std::string target = NextLine(text, &at);
  rewrite(&target);
  SetTarget(target, &r);
  for (std::string line = NextLine(text, &at); !line.empty();
       line = NextLine(text, &at)) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) break;
    size_t v = line.find_first_not_of(' ', colon + 1);
    r.headers.Add(line.substr(0, colon),
                  v == std::string::npos ? "" : line.substr(v));
  }
  if (at < text.size()) r.body = text.substr(at);
  return r;
}

}  // namespace renumber::fuzz

#endif  // RENUMBER_FUZZ_FUZZ_SUPPORT_H_
