// CheckSpf (checks.h): does each mail domain's SPF record authorise the
// new IP?
#include "src/engine/text.h"
#include "src/preflight/checks.h"
#include "src/preflight/spf.h"

namespace renumber {
namespace {

// "ip4:198.19.0.10" / "ip6:2001:db8:b::1".
std::string Mechanism(const IpAddress& ip) {
  return (ip.EffectiveFamily() == IpAddress::Family::kV4 ? "ip4:" : "ip6:") +
         ip.ToString();
}

// The record with `mechanism` added right after "v=spf1", where it is
// evaluated first and costs no DNS lookup.
std::string Suggested(const std::string& record, const std::string& mechanism) {
  if (record.size() < 6) return "v=spf1 " + mechanism + " ~all";
  return "v=spf1 " + mechanism + record.substr(6);
}

nlohmann::json VerdictJson(const SpfVerdict& v) {
  return {{"result", SpfResultName(v.result)},
          {"decided_by", v.decided_by},
          {"reason", v.reason},
          {"dns_lookups", v.dns_terms},
          {"void_lookups", v.void_lookups}};
}

}  // namespace

void CheckSpf(CheckContext& ctx, const DomainView& d) {
  const CustomerPreflight& c = *ctx.out;
  const std::string new_ip = c.new_ip.ToString();
  SpfVerdict now = CheckHost(ctx.dns, {c.new_ip, d.name, "", ""});
  SpfVerdict old = CheckHost(ctx.dns, {c.old_ip, d.name, "", ""});
  const std::string mech = Mechanism(c.new_ip);
  PreflightFinding f;
  f.domain = d.name;
  f.subject = "SPF " + d.name;
  f.detail = {{"record", now.record},
              {"new_ip", VerdictJson(now)},
              {"old_ip", VerdictJson(old)}};
  switch (now.result) {
    case SpfResult::kPass:
      f.kind = "spf-pass";
      f.text = T("preflight.spf_pass", d.name, new_ip, now.decided_by);
      break;
    case SpfResult::kNone:
      f.kind = "spf-none";
      f.text = T("preflight.spf_none", d.name, new_ip, mech);
      break;
    case SpfResult::kTempError:
      f.kind = "spf-temperror";
      f.level = FindingLevel::kError;
      f.text = T("preflight.spf_temperror", d.name, now.reason);
      f.action = T("preflight.dns_error_action");
      break;
    case SpfResult::kPermError:
      f.kind = "spf-permerror";
      f.level = FindingLevel::kAction;
      f.who = Actor::kCustomer;
      f.when = Deadline::kBeforeMaintenance;
      f.text = T("preflight.spf_permerror", d.name, now.reason);
      f.action = T("preflight.spf_permerror_action", d.name, mech);
      break;
    default:  // fail, softfail, neutral
      f.kind = "spf-not-authorised";
      f.level = FindingLevel::kAction;
      f.who = Actor::kCustomer;
      f.when = Deadline::kBeforeMaintenance;
      f.text = T(
          old.result == SpfResult::kPass ? "preflight.spf_not_authorised_old_is"
                                         : "preflight.spf_not_authorised",
          d.name, new_ip, SpfResultName(now.result), c.old_ip.ToString());
      f.action = T("preflight.spf_add_action", d.name, mech,
                   Suggested(now.record, mech));
  }
  ctx.Add(std::move(f));
}

}  // namespace renumber
