// http(s) URLs as renumber reads them: ONE parser for the credentials'
// api_base check (when they are loaded, before anything is sent) and for
// every request the HTTP transport sends, so the two can never disagree
// about which host a URL names. (Before, `http://[::1]evil.com/` passed the
// load-time check and failed only at send time, after other accounts had
// been worked on.)
//
// The parser is strict, a subset of RFC 3986: scheme http or https (any
// case), "//", an authority of [userinfo@]host[:port] where host is a
// bracketed IPv6 literal, an IPv4 address or a DNS name of letters, digits,
// '-', '_' and '.', and then a path, query and fragment of URI characters
// (percent-escapes must be complete). Anything else is kInvalidArgument.
// Error messages never repeat the userinfo (it may be a password).
//
// Pure functions; thread-safe.
#ifndef RENUMBER_CORE_URL_H_
#define RENUMBER_CORE_URL_H_

#include <string>
#include <string_view>

#include "src/core/status.h"

namespace renumber {

struct Url {
  std::string scheme;  // "http" | "https" (lower case)
  std::string host;    // lower case; an IPv6 literal without its brackets
  bool ipv6_literal = false;
  int port = 0;  // as written, else 80 / 443
  bool explicit_port = false;
  bool has_userinfo = false;  // "user:password@" was present (not kept)
  std::string resource;       // path and query, at least "/"; no fragment

  // "host", "[::1]", with ":port" when written.
  std::string HostForDisplay() const;
  // "https://host:443" (brackets around an IPv6 literal, port always).
  std::string Origin() const;
  // A loopback host: localhost, 127.0.0.0/8, ::1.
  bool IsLoopback() const;
};

Result<Url> ParseUrl(std::string_view text);

// The rule for a vendor endpoint: https, or plain http to a loopback host
// only (the simulators), and never a user:password@ part. kInvalidArgument
// otherwise, naming the rule.
Status CheckVendorUrl(const Url& url);

}  // namespace renumber

#endif  // RENUMBER_CORE_URL_H_
