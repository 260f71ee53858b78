// An SPF record (RFC 7208 §4.5, §4.6, §5, §6) parsed into its terms.
//
// IsSpfRecord picks the TXT records that are SPF ("v=spf1" alone or
// followed by a space, case-insensitive). ParseSpfRecord checks the whole
// syntax of RFC 7208 §12 — mechanism names, qualifiers, ip4/ip6 networks
// and CIDR lengths, dual CIDR lengths of a and mx, macro strings (§7),
// modifiers (redirect and exp at most once, unknown ones kept but
// ignored) — and says what is wrong: any syntax error makes check_host()
// a permerror. Pure functions; thread-safe.
#ifndef RENUMBER_PREFLIGHT_SPF_RECORD_H_
#define RENUMBER_PREFLIGHT_SPF_RECORD_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/ip.h"
#include "src/core/status.h"

namespace renumber {

enum class SpfQualifier { kPass, kFail, kSoftFail, kNeutral };
enum class SpfMechanism { kAll, kInclude, kA, kMx, kPtr, kIp4, kIp6, kExists };

struct SpfDirective {
  SpfQualifier qualifier = SpfQualifier::kPass;
  SpfMechanism mechanism = SpfMechanism::kAll;
  // include, exists (required); a, mx, ptr (optional: "" = the current
  // domain). A macro string, expanded at evaluation.
  std::string domain_spec;
  // ip4 / ip6: the network as written (host bits may be set) and its
  // prefix length.
  IpAddress network;
  int prefix = 0;
  // a / mx: the dual CIDR lengths.
  int cidr4 = 32;
  int cidr6 = 128;
  std::string text;  // the term as written
  // True for the mechanisms that cost a DNS lookup (§4.6.4).
  bool CountsAsLookup() const;
};

struct SpfRecord {
  std::vector<SpfDirective> directives;
  std::optional<std::string> redirect;  // domain-spec
  std::optional<std::string> exp;       // domain-spec
};

bool IsSpfRecord(std::string_view txt);

// kInvalidArgument (a permerror) naming the term that is wrong.
Result<SpfRecord> ParseSpfRecord(std::string_view txt);

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_SPF_RECORD_H_
