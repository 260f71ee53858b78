// Redaction of secrets from anything a human or a log can see.
//
// Sensitive names: Authorization, Proxy-Authorization, Fastly-Key, Cookie,
// Set-Cookie, and any header, JSON field, form field or query parameter whose
// name contains "password", "passwd", "passphrase", "token", "secret" as a
// word part, or a word part "key" / ending in "key" (api_key, apiKey,
// X-Api-Key, apikey), case-insensitive. Their values become "‹redacted›"
// (kRedacted in src/core/secret.h), whatever their type.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_HTTP_REDACT_H_
#define RENUMBER_HTTP_REDACT_H_

#include <string>

#include "src/http/message.h"

namespace renumber {

bool IsSensitiveName(const std::string& name);
// Sensitive header values become "‹redacted›"; URL-valued headers
// (Location, Content-Location, Referer) go through RedactUrl.
Headers RedactHeaders(const Headers& headers);
// Redacts sensitive fields in a JSON document (recursively), a form body or
// query string (a=1&password=x); other text is returned unchanged. A body
// that starts like JSON but does not parse (e.g. truncated), or that nests
// deeper than kMaxJsonDepth (json_depth.h), is scanned for "name": value
// pairs instead, without recursion. Bodies without anything sensitive come
// back byte for byte.
std::string RedactBody(const std::string& body);
// Redacts user:password@ in a URL and sensitive query (and fragment)
// parameters.
std::string RedactUrl(const std::string& url);
// A multi-line debug dump of a request/response with everything redacted:
//   > POST https://host/path?q=1
//   > Header: value
//   >
//   body (at most kDumpBodyLimit bytes, then a note of the full size)
std::string DumpRequest(const HttpRequest& request);
std::string DumpResponse(const HttpResponse& response);

inline constexpr size_t kDumpBodyLimit = 8192;

}  // namespace renumber

#endif  // RENUMBER_HTTP_REDACT_H_
