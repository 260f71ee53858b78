// CheckBlocklists (checks.h): the new IP in each configured DNS blocklist
// (RFC 5782: an A record 127.0.0.x at <reversed IP>.<zone> means listed,
// NXDOMAIN means not; 127.255.255.x answers are the list's error codes,
// e.g. Spamhaus refusing queries that come through a public resolver).
#include "src/core/dns_name.h"
#include "src/engine/text.h"
#include "src/preflight/checks.h"

namespace renumber {
namespace {

bool IsListing(const IpAddress& a) {
  const auto& b = a.bytes16();
  return a.EffectiveFamily() == IpAddress::Family::kV4 && b[12] == 127 &&
         !(b[13] == 255 && b[14] == 255);
}

std::string Join(const std::vector<IpAddress>& ips) {
  std::string out;
  for (const IpAddress& ip : ips)
    out += (out.empty() ? "" : ", ") + ip.ToString();
  return out;
}

void CheckOne(CheckContext& ctx, const std::string& zone) {
  const IpAddress& ip = ctx.out->new_ip;
  const std::string new_ip = ip.ToString();
  const std::string query = ReversedAddressLabels(ip) + "." + zone;
  PreflightFinding f;
  f.subject = "DNSBL " + zone;
  f.detail = {{"zone", zone}, {"query", query}};
  auto answer = ctx.dns->LookupAddresses(query, RecordType::kA);
  if (!answer.ok()) {
    if (!answer.status().Is(Code::kNotFound))
      return ctx.AddDnsError("", f.subject, answer.status());
    f.kind = "dnsbl-clear";
    f.text = T("preflight.dnsbl_clear", new_ip, zone);
    return ctx.Add(std::move(f));
  }
  f.detail["answer"] = Join(*answer);
  bool listed = false;
  for (const IpAddress& a : *answer) listed = listed || IsListing(a);
  if (!listed) {
    f.kind = "dnsbl-error";
    f.level = FindingLevel::kError;
    f.text = T("preflight.dnsbl_not_a_listing", zone, new_ip, Join(*answer));
    f.action = T("preflight.dns_error_action");
    return ctx.Add(std::move(f));
  }
  // The list's reason, when it gives one (bounded, printable).
  std::string reason;
  if (auto txt = ctx.dns->LookupTxt(query); txt.ok() && !txt->empty())
    reason = PrintableDnsText(txt->front(), 200);
  f.detail["reason"] = reason;
  f.kind = "dnsbl-listed";
  f.level = FindingLevel::kAction;
  f.who = Actor::kBlocklist;
  f.when = Deadline::kBeforeMaintenance;
  f.text = T("preflight.dnsbl_listed", new_ip, zone, Join(*answer),
             reason.empty() ? "-" : reason);
  f.action = T("preflight.dnsbl_listed_action", zone, new_ip);
  ctx.Add(std::move(f));
}

}  // namespace

void CheckBlocklists(CheckContext& ctx) {
  for (const std::string& zone : ctx.options.dnsbl_zones) CheckOne(ctx, zone);
}

}  // namespace renumber
