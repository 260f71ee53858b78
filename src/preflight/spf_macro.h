// SPF macro strings (RFC 7208 §7): "%{i}", "%{ir}.%{v}._spf.%{d2}", "%%",
// "%_", "%-", with digit and "r" transformers, delimiters ".-+,/_=" and
// upper-case letters URL-encoded. The letters c, r and t exist only in an
// "exp" explanation, which preflight never expands: in a domain-spec they
// are a syntax error, like any other unknown letter.
//
// Pure functions; thread-safe.
#ifndef RENUMBER_PREFLIGHT_SPF_MACRO_H_
#define RENUMBER_PREFLIGHT_SPF_MACRO_H_

#include <string>
#include <string_view>

#include "src/core/ip.h"
#include "src/core/status.h"

namespace renumber {

// What the macros stand for during one check_host().
struct SpfMacroContext {
  std::string sender;  // s: "postmaster@example.jp"
  std::string domain;  // d: the domain being checked now
  std::string helo;    // h
  IpAddress ip;        // i, v
};

// kInvalidArgument (a permerror) for a malformed macro string.
Status ValidateSpfMacroString(std::string_view text);

// The expanded string; a name longer than 253 characters loses labels on
// its left until it fits (§7.3).
Result<std::string> ExpandSpfDomain(std::string_view text,
                                    const SpfMacroContext& context);

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_SPF_MACRO_H_
