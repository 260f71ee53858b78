// Redaction of secrets from anything a human or a log can see.
//
// Sensitive names: Authorization, Proxy-Authorization, Fastly-Key, Cookie,
// Set-Cookie, and any header, JSON field, form field or query parameter whose
// name contains "password", "passwd", "token", "secret", "key" as a word
// part (api_key, apiKey, X-Api-Key), case-insensitive. Their values become
// "‹redacted›".
//
// Pure functions; thread-safe.
#ifndef RENUMBER_HTTP_REDACT_H_
#define RENUMBER_HTTP_REDACT_H_

#include <string>

#include "src/http/message.h"

namespace renumber {

bool IsSensitiveName(const std::string& name);
Headers RedactHeaders(const Headers& headers);
// Redacts sensitive fields in a JSON document, a form body or query string
// (a=1&password=x); other text is returned unchanged.
std::string RedactBody(const std::string& body);
// Redacts user:password@ in a URL and sensitive query parameters.
std::string RedactUrl(const std::string& url);
// A multi-line debug dump of a request/response with everything redacted.
std::string DumpRequest(const HttpRequest& request);
std::string DumpResponse(const HttpResponse& response);

}  // namespace renumber

#endif  // RENUMBER_HTTP_REDACT_H_
