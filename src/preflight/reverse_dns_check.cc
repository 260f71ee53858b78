// CheckReverseDns (checks.h): the new IP's PTR record, forward-confirmed.
#include <algorithm>

#include "src/core/dns_name.h"
#include "src/engine/text.h"
#include "src/preflight/checks.h"

namespace renumber {

void CheckReverseDns(CheckContext& ctx) {
  const IpAddress& ip = ctx.out->new_ip;
  const std::string new_ip = ip.ToString();
  const std::string subject = "PTR " + new_ip;
  auto names = ctx.dns->LookupPtr(ip);
  PreflightFinding f;
  f.subject = subject;
  if (!names.ok()) {
    if (!names.status().Is(Code::kNotFound))
      return ctx.AddDnsError("", subject, names.status());
    f.kind = "ptr-missing";
    f.level = FindingLevel::kAction;
    f.who = Actor::kProvider;
    f.when = Deadline::kBeforeMaintenance;
    f.text = T("preflight.ptr_missing", new_ip, ReverseDnsName(ip));
    f.action = T("preflight.ptr_missing_action", new_ip);
    return ctx.Add(std::move(f));
  }
  const RecordType family = ip.EffectiveFamily() == IpAddress::Family::kV4
                                ? RecordType::kA
                                : RecordType::kAaaa;
  std::string confirmed;
  nlohmann::json checked = nlohmann::json::array();
  for (size_t i = 0; i < names->size() && i < 10 && confirmed.empty(); ++i) {
    const std::string& name = (*names)[i];
    auto ips = ctx.dns->LookupAddresses(name, family);
    if (!ips.ok() && !ips.status().Is(Code::kNotFound))
      return ctx.AddDnsError(
          "", std::string(RecordTypeName(family)) + " " + name, ips.status());
    checked.push_back({{"name", name}, {"addresses", nlohmann::json::array()}});
    if (!ips.ok()) continue;
    for (const IpAddress& a : *ips)
      checked.back()["addresses"].push_back(a.ToString());
    if (std::find(ips->begin(), ips->end(), ip) != ips->end()) confirmed = name;
  }
  f.detail = {{"ptr", *names}, {"forward", checked}};
  if (!confirmed.empty()) {
    f.kind = "ptr-ok";
    f.text = T("preflight.ptr_ok", new_ip, confirmed);
    return ctx.Add(std::move(f));
  }
  f.kind = "ptr-mismatch";
  f.level = FindingLevel::kAction;
  f.who = Actor::kProvider;
  f.when = Deadline::kBeforeMaintenance;
  f.text = T("preflight.ptr_mismatch", new_ip, names->front());
  f.action = T("preflight.ptr_mismatch_action", new_ip, names->front());
  ctx.Add(std::move(f));
}

}  // namespace renumber
