#include "src/preflight/preflight.h"

#include <algorithm>

#include "src/engine/campaign.h"
#include "src/engine/text.h"

namespace renumber {
namespace {

// Plan rows -> customers, in plan order; one entry per customer and pair
// of IPs, the earliest maintenance end of its rows.
std::vector<CustomerPreflight> Customers(const std::vector<PlanRow>& rows) {
  std::vector<CustomerPreflight> out;
  for (const PlanRow& row : rows) {
    const Target& t = row.target;
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& c) {
      return c.customer == t.account.customer && c.old_ip == t.old_ip &&
             c.new_ip == t.new_ip;
    });
    if (it == out.end()) {
      CustomerPreflight c;
      c.customer = t.account.customer;
      c.old_ip = t.old_ip;
      c.new_ip = t.new_ip;
      c.maintenance_end = t.maintenance_end;
      c.maintenance_end_offset = t.maintenance_end_offset;
      out.push_back(std::move(c));
      it = out.end() - 1;
    } else if (t.maintenance_end < it->maintenance_end) {
      it->maintenance_end = t.maintenance_end;
      it->maintenance_end_offset = t.maintenance_end_offset;
    }
    it->accounts.push_back(t.account);
  }
  return out;
}

void AddDomain(CustomerPreflight* c, const std::string& name, Service s) {
  auto it = std::find_if(c->domains.begin(), c->domains.end(),
                         [&](const DomainView& d) { return d.name == name; });
  if (it == c->domains.end()) {
    c->domains.push_back(DomainView{});
    it = c->domains.end() - 1;
    it->name = name;
  }
  // The service says what its domains are for (ServiceSpec::domains).
  (s.spec().domains == DomainUse::kMail ? it->mail : it->web) = true;
}

// The domains of every account of `c`; false when there is no domain to
// check. An account whose domains could not be read sets
// `c->domains_status` (the first such error); the other accounts' domains
// are still checked. Accounts the source does not know are an error
// finding when no domain is known at all.
bool LoadDomains(CustomerPreflight* c, DomainSource* source) {
  std::vector<std::string> unknown;
  for (const AccountKey& a : c->accounts) {
    auto names = source->Domains(a);
    if (names.ok()) {
      for (const std::string& n : *names) AddDomain(c, n, a.service);
    } else if (names.status().Is(Code::kNotFound)) {
      unknown.push_back(a.ToString());
    } else if (c->domains_status.ok()) {
      c->domains_status = names.status();
    }
  }
  if (!c->domains.empty()) return true;
  if (unknown.empty() || !c->domains_status.ok()) return false;
  std::string accounts;
  for (const std::string& a : unknown)
    accounts += (accounts.empty() ? "" : ", ") + a;
  PreflightFinding f;
  f.kind = "domains-unknown";
  f.level = FindingLevel::kError;
  f.subject = c->customer;
  f.text = T("preflight.domains_unknown", accounts);
  f.action = T("preflight.domains_unknown_action");
  c->findings.push_back(std::move(f));
  return false;
}

}  // namespace

void PreflightCustomer(CustomerPreflight* c, const PreflightOptions& options,
                       const PreflightDeps& deps) {
  CheckContext ctx(deps.resolver, options, c);
  if (LoadDomains(c, deps.domains)) {
    for (DomainView& d : c->domains) {
      CheckDomainRecords(ctx, &d);
      if (d.mail) CheckSpf(ctx, d);
    }
  }
  CheckReverseDns(ctx);
  CheckBlocklists(ctx);
}

PreflightReport RunPreflight(const std::vector<PlanRow>& rows,
                             const PreflightOptions& options,
                             const PreflightDeps& deps) {
  PreflightReport report;
  report.checked_at = deps.clock->Now();
  report.customers = Customers(rows);
  ParallelFor(
      static_cast<int>(report.customers.size()), options.jobs,
      [&](int i) { PreflightCustomer(&report.customers[i], options, deps); });
  report.seconds = (deps.clock->Now() - report.checked_at).count() / 1e6;
  return report;
}

}  // namespace renumber
