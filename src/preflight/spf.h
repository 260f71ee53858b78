// check_host() of RFC 7208: would a receiver accept mail from `ip` for
// `domain` by the domain's SPF record?
//
// Follows §4 and §5: the record is the domain's one "v=spf1" TXT record
// (none: "none"; two or more: permerror); mechanisms in order (all,
// include, a, mx, ptr, ip4, ip6, exists) with their qualifiers, then
// redirect=, else "neutral"; include of a pass matches, include or
// redirect of a domain without SPF is a permerror; at most 10 terms that
// cost DNS lookups (include, a, mx, ptr, exists, redirect) and at most 10
// MX and PTR names per term, and at most 2 void lookups (NXDOMAIN or no
// answer), each over the whole evaluation, else permerror; a DNS error
// (timeout, SERVFAIL) is temperror, except in ptr, where it just does not
// match (§5.5). Macros per §7 (spf_macro.h).
//
// Thread-safe if the resolver is; the evaluation itself is sequential.
#ifndef RENUMBER_PREFLIGHT_SPF_H_
#define RENUMBER_PREFLIGHT_SPF_H_

#include <string>

#include "src/core/ip.h"
#include "src/core/resolver.h"

namespace renumber {

enum class SpfResult {
  kNone,
  kNeutral,
  kPass,
  kFail,
  kSoftFail,
  kTempError,
  kPermError
};
const char* SpfResultName(SpfResult r);  // "pass", "softfail", "permerror"...

constexpr int kSpfMaxDnsTerms = 10;
constexpr int kSpfMaxVoidLookups = 2;

struct SpfVerdict {
  SpfResult result = SpfResult::kNone;
  // The domain's own SPF record (printable, bounded), "" when it has none.
  std::string record;
  // The term of the domain's record that decided ("ip4:198.18.0.0/16",
  // "include:_spf.example.jp", "-all"), "" for the default result.
  std::string decided_by;
  // Why, for none, permerror and temperror ("more than 10 DNS lookups",
  // "DNS TXT _spf.example.jp: no answer ...").
  std::string reason;
  int dns_terms = 0;
  int void_lookups = 0;
};

struct SpfQuery {
  IpAddress ip;
  std::string domain;
  std::string sender;  // "" = postmaster@domain
  std::string helo;    // "" = domain
};

SpfVerdict CheckHost(Resolver* resolver, const SpfQuery& query);

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_SPF_H_
