// Preflight: the customer-side checks the provider's notice warns about,
// per customer of a plan, read-only (DNS queries only).
//
// For each customer (its plan rows grouped by customer, old IP and new
// IP, in plan order): the domains of its accounts from the DomainSource
// (ESS domains are mail domains, CDN service domains web domains), then
// the checks of checks.h — name servers and records that still point at
// the old IP (who changes them, and when), SPF of the mail domains for the
// new IP, reverse DNS of the new IP, and the configured DNS blocklists.
// Customers run in parallel (options.jobs), each customer's checks in
// order.
//
// Deps are not owned; the resolver and the domain source must be
// thread-safe. Never fails as a whole: what could not be checked is a
// kError finding (or CustomerPreflight::domains_status).
#ifndef RENUMBER_PREFLIGHT_PREFLIGHT_H_
#define RENUMBER_PREFLIGHT_PREFLIGHT_H_

#include <vector>

#include "src/core/resolver.h"
#include "src/core/time.h"
#include "src/engine/plan_file.h"
#include "src/preflight/checks.h"
#include "src/preflight/domain_source.h"
#include "src/preflight/finding.h"

namespace renumber {

struct PreflightDeps {
  Resolver* resolver = nullptr;
  DomainSource* domains = nullptr;
  Clock* clock = nullptr;
};

PreflightReport RunPreflight(const std::vector<PlanRow>& rows,
                             const PreflightOptions& options,
                             const PreflightDeps& deps);

// Checks one customer (used by RunPreflight; `c` has customer, accounts,
// IPs and maintenance end filled in).
void PreflightCustomer(CustomerPreflight* c, const PreflightOptions& options,
                       const PreflightDeps& deps);

}  // namespace renumber

#endif  // RENUMBER_PREFLIGHT_PREFLIGHT_H_
