// Where preflight learns a customer's domains.
//
// A domains file (--domains FILE), the names given on the command line
// (--domain NAME), the simulated world (src/sim/dns_world.h), or the vendor
// adapters' `Discovery::domains` (ESS: GET /v1/domains, every page; CDN:
// the domains of each service's active version; adapters/*/README.md).
// README.md here has the wiring.
//
// Contract: Domains(account) gives the domain names that account serves
// (lower case, no trailing dot, no duplicates); preflight checks SPF for
// the ESS account's domains (mail) and the addresses of all. kNotFound
// when the source knows nothing of the account (the customer's other
// accounts are still checked); other errors fail that customer's
// preflight (exit 1). Implementations are thread-safe.
#ifndef RENUMBER_PREFLIGHT_DOMAIN_SOURCE_H_
#define RENUMBER_PREFLIGHT_DOMAIN_SOURCE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "src/core/status.h"
#include "src/model/model.h"

namespace renumber {

class DomainSource {
 public:
  virtual ~DomainSource() = default;
  virtual Result<std::vector<std::string>> Domains(
      const AccountKey& account) = 0;
};

// A domains file: one line per customer or account, then its domains;
// '#' comments.
//   C-10001      c10001.example.jp www.c10001.example.jp
//   C-10002/ess  c10002.example.jp
//   C-10002/cdn  www.c10002.example.jp
// A customer's line applies to each of its accounts. kInvalidArgument
// names the file and line of a bad service or domain name.
Result<std::unique_ptr<DomainSource>> NewDomainsFileSource(
    const std::string& text, const std::string& origin);

// The same names for any account (--domain NAME with one account).
// kInvalidArgument for a name that is not a domain.
Result<std::unique_ptr<DomainSource>> NewFixedDomainSource(
    const std::vector<std::string>& names);

// Checks and normalises one domain name ("Example.JP." -> "example.jp").
Result<std::string> ParseDomainName(const std::string& text);

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_DOMAIN_SOURCE_H_
