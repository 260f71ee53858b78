// The checks of one customer's preflight, each in its own file, all
// adding to one CustomerPreflight through a CheckContext.
//
// - CheckDomainRecords (records_check.cc): which name servers serve the
//   domain; its A/AAAA records and its MX hosts' addresses that point at
//   the old IP (the customer's change after the maintenance on other name
//   servers, the provider's on its own) or already at the new one.
// - CheckSpf (spf_check.cc): whether the domain's SPF record authorises
//   the new IP (mail domains).
// - CheckReverseDns (reverse_dns_check.cc): the new IP's PTR and whether
//   it resolves back (FCrDNS).
// - CheckBlocklists (dnsbl_check.cc): the new IP in each configured DNS
//   blocklist.
// A DNS failure becomes a kError finding naming the lookup; the other
// checks go on. Read-only: nothing but DNS queries.
//
// One CheckContext per customer, used by one thread.
#ifndef RENUMBER_PREFLIGHT_CHECKS_H_
#define RENUMBER_PREFLIGHT_CHECKS_H_

#include <string>
#include <vector>

#include "src/core/resolver.h"
#include "src/preflight/finding.h"
#include "src/preflight/zone_finder.h"

namespace renumber {

struct PreflightOptions {
  // The provider's name servers, or domains whose name servers are all
  // the provider's ("zenlogic.jp").
  std::vector<std::string> provider_ns = {"ns1.zenlogic.jp", "ns2.zenlogic.jp"};
  // DNS blocklist zones to look the new IP up in (none by default).
  std::vector<std::string> dnsbl_zones;
  int jobs = 8;  // customers checked in parallel
};

struct CheckContext {
  CheckContext(Resolver* dns, const PreflightOptions& options,
               CustomerPreflight* out)
      : dns(dns), options(options), out(out), zones(dns, options.provider_ns) {}

  void Add(PreflightFinding f) { out->findings.push_back(std::move(f)); }
  // A kError finding for a failed lookup.
  void AddDnsError(const std::string& domain, const std::string& subject,
                   const Status& error);

  Resolver* dns;
  const PreflightOptions& options;
  CustomerPreflight* out;
  ZoneFinder zones;
};

void CheckDomainRecords(CheckContext& ctx, DomainView* domain);
void CheckSpf(CheckContext& ctx, const DomainView& domain);
void CheckReverseDns(CheckContext& ctx);
void CheckBlocklists(CheckContext& ctx);

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_CHECKS_H_
