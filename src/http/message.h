// HTTP messages as plain values, shared by the client transport and the
// loopback server. Header names compare case-insensitively.
#ifndef RENUMBER_HTTP_MESSAGE_H_
#define RENUMBER_HTTP_MESSAGE_H_

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace renumber {

class Headers {
 public:
  Headers() = default;
  Headers(std::initializer_list<std::pair<std::string, std::string>> init);
  // Replaces any existing value of `name`.
  void Set(const std::string& name, std::string value);
  void Add(const std::string& name, std::string value);
  std::optional<std::string> Get(const std::string& name) const;
  // Value or "" when absent.
  std::string GetOr(const std::string& name, const std::string& dflt) const;
  void Remove(const std::string& name);
  const std::vector<std::pair<std::string, std::string>>& items() const {
    return items_;
  }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

bool HeaderNameEquals(const std::string& a, const std::string& b);

// Whether a retrying wrapper (retry.h) may repeat a request after a 5xx or a
// transport error. kByMethod: idempotent methods yes (IsIdempotentMethod),
// others no. kNever: treated like a POST, for requests that are idempotent
// by method but not in effect (e.g. a PUT that creates something); the
// caller reads back instead. A 429 is retried either way: it was not
// applied.
enum class RetryMode { kByMethod, kNever };

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute: scheme://host[:port]/path?query
  Headers headers;
  std::string body;
  std::chrono::milliseconds timeout{30000};
  RetryMode retry_mode = RetryMode::kByMethod;
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

// GET, HEAD, PUT, DELETE, OPTIONS: repeating them has the same effect.
bool IsIdempotentMethod(const std::string& method);

// Percent-encoding for URL paths/queries and form bodies (RFC 3986 unreserved
// characters stay as they are).
std::string UrlEncode(const std::string& s);

}  // namespace renumber

#endif  // RENUMBER_HTTP_MESSAGE_H_
