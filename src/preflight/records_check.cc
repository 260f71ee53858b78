// CheckDomainRecords (checks.h): name servers, and A/AAAA/MX records that
// still point at the old IP.
#include <algorithm>

#include "src/engine/text.h"
#include "src/preflight/checks.h"

namespace renumber {
namespace {

constexpr size_t kMaxMxHosts = 10;

bool Has(const std::vector<IpAddress>& ips, const IpAddress& ip) {
  return std::find(ips.begin(), ips.end(), ip) != ips.end();
}

// A record set (`subject`, in `zone`) holding the old IP: whose change it
// is and when.
PreflightFinding OldIpFinding(const CheckContext& ctx, const ZoneInfo& zone,
                              const std::string& kind,
                              const std::string& subject, bool new_too) {
  const CustomerPreflight& c = *ctx.out;
  const std::string old_ip = c.old_ip.ToString(), new_ip = c.new_ip.ToString();
  const std::string end = c.maintenance_end.ToRfc3339(c.maintenance_end_offset);
  const std::string ns = JoinNames(zone.name_servers);
  PreflightFinding f;
  f.kind = kind;
  f.subject = subject;
  f.when = Deadline::kAfterMaintenance;
  f.detail = {{"zone", zone.zone},
              {"name_servers", zone.name_servers},
              {"managed_by", zone.managed_by},
              {"old_ip", old_ip},
              {"new_ip_present", new_too}};
  if (zone.managed_by == "provider") {
    f.level = FindingLevel::kInfo;
    f.who = Actor::kProvider;
    f.text = T("preflight.old_ip_provider", subject, old_ip, zone.zone, ns);
    return f;
  }
  f.level = FindingLevel::kAction;
  f.who = Actor::kCustomer;
  f.text = zone.managed_by == "other"
               ? T("preflight.old_ip_other", subject, old_ip, zone.zone, ns)
               : T("preflight.old_ip_unknown", subject, old_ip);
  f.action = new_too ? T("preflight.old_ip_remove_action", end, old_ip)
                     : T("preflight.old_ip_change_action", end, new_ip,
                         zone.zone.empty() ? subject : zone.zone);
  return f;
}

// Findings for one answered record set.
void Compare(CheckContext& ctx, const std::string& domain, const ZoneInfo& zone,
             const std::string& kind, const std::string& subject,
             const std::vector<IpAddress>& ips) {
  const CustomerPreflight& c = *ctx.out;
  const bool has_old = Has(ips, c.old_ip), has_new = Has(ips, c.new_ip);
  if (has_old) {
    PreflightFinding f = OldIpFinding(ctx, zone, kind, subject, has_new);
    f.domain = domain;
    ctx.Add(std::move(f));
  } else if (has_new) {
    PreflightFinding f;
    f.kind = "dns-new-ip";
    f.domain = domain;
    f.subject = subject;
    f.text = T("preflight.new_ip_already", subject, c.new_ip.ToString());
    ctx.Add(std::move(f));
  }
}

// The A and AAAA records of `name`, compared; `label` prefixes the
// subject ("A c10001.example.jp", "MX c10001.example.jp -> mx1... A").
void CheckAddressesOf(CheckContext& ctx, const std::string& domain,
                      const std::string& name, const ZoneInfo& zone,
                      const std::string& kind, const std::string& label) {
  for (RecordType t : {RecordType::kA, RecordType::kAaaa}) {
    const std::string subject =
        label.empty() ? std::string(RecordTypeName(t)) + " " + name
                      : label + " " + RecordTypeName(t);
    auto ips = ctx.dns->LookupAddresses(name, t);
    if (ips.ok())
      Compare(ctx, domain, zone, kind, subject, *ips);
    else if (!ips.status().Is(Code::kNotFound))
      ctx.AddDnsError(domain, subject, ips.status());
  }
}

void CheckMx(CheckContext& ctx, const DomainView& d, const ZoneInfo& zone) {
  auto mx = ctx.dns->LookupMx(d.name);
  if (!mx.ok()) {
    if (!mx.status().Is(Code::kNotFound))
      ctx.AddDnsError(d.name, "MX " + d.name, mx.status());
    return;
  }
  for (size_t i = 0; i < mx->size() && i < kMaxMxHosts; ++i) {
    const MxRecord& r = (*mx)[i];
    const ZoneInfo& host_zone = ctx.zones.Find(r.host);
    CheckAddressesOf(
        ctx, d.name, r.host, host_zone.zone.empty() ? zone : host_zone,
        "mx-old-ip",
        "MX " + d.name + " -> " + std::to_string(r.preference) + " " + r.host);
  }
}

}  // namespace

void CheckContext::AddDnsError(const std::string& domain,
                               const std::string& subject,
                               const Status& error) {
  PreflightFinding f;
  f.kind = "dns-error";
  f.level = FindingLevel::kError;
  f.domain = domain;
  f.subject = subject;
  f.text = T("preflight.dns_error", subject, error.message());
  f.action = T("preflight.dns_error_action");
  f.detail = {{"code", CodeName(error.code())}, {"error", error.message()}};
  Add(std::move(f));
}

void CheckDomainRecords(CheckContext& ctx, DomainView* d) {
  const ZoneInfo& zone = ctx.zones.Find(d->name);
  d->zone = zone.zone;
  d->name_servers = zone.name_servers;
  d->managed_by = zone.managed_by;
  if (zone.status.Is(Code::kNotFound)) {
    PreflightFinding f;
    f.kind = "dns-no-zone";
    f.domain = d->name;
    f.subject = "NS " + d->name;
    f.text = T("preflight.no_zone", d->name);
    ctx.Add(std::move(f));
  } else if (!zone.status.ok()) {
    ctx.AddDnsError(d->name, "NS " + d->name, zone.status);
  }
  CheckAddressesOf(ctx, d->name, d->name, zone, "dns-old-ip", "");
  CheckMx(ctx, *d, zone);
}

}  // namespace renumber
