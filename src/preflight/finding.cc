#include "src/preflight/finding.h"

namespace renumber {

using json = nlohmann::json;

const char* FindingLevelName(FindingLevel level) {
  switch (level) {
    case FindingLevel::kAction:
      return "action";
    case FindingLevel::kInfo:
      return "info";
    case FindingLevel::kError:
      return "error";
  }
  return "?";
}

const char* ActorName(Actor actor) {
  switch (actor) {
    case Actor::kNobody:
      return "";
    case Actor::kCustomer:
      return "customer";
    case Actor::kProvider:
      return "provider";
    case Actor::kBlocklist:
      return "blocklist";
  }
  return "?";
}

const char* DeadlineName(Deadline d) {
  switch (d) {
    case Deadline::kNone:
      return "";
    case Deadline::kBeforeMaintenance:
      return "before-maintenance";
    case Deadline::kAfterMaintenance:
      return "after-maintenance";
  }
  return "?";
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool CustomerPreflight::NeedsAction() const {
  for (const PreflightFinding& f : findings)
    if (f.level == FindingLevel::kAction) return true;
  return false;
}

bool CustomerPreflight::HasErrors() const {
  if (!domains_status.ok()) return true;
  for (const PreflightFinding& f : findings)
    if (f.level == FindingLevel::kError) return true;
  return false;
}

json FindingJson(const PreflightFinding& f) {
  auto name_or_null = [](const char* s) { return *s ? json(s) : json(); };
  return {{"kind", f.kind},
          {"level", FindingLevelName(f.level)},
          {"domain", f.domain.empty() ? json() : json(f.domain)},
          {"subject", f.subject},
          {"who", name_or_null(ActorName(f.who))},
          {"when", name_or_null(DeadlineName(f.when))},
          {"text", f.text.en},
          {"text_ja", f.text.ja},
          {"action", f.action.en.empty() ? json() : json(f.action.en)},
          {"action_ja", f.action.ja.empty() ? json() : json(f.action.ja)},
          {"detail", f.detail}};
}

json CustomerPreflightJson(const CustomerPreflight& c) {
  json accounts = json::array();
  for (const AccountKey& a : c.accounts) accounts.push_back(a.ToString());
  json domains = json::array();
  for (const DomainView& d : c.domains)
    domains.push_back({{"name", d.name},
                       {"mail", d.mail},
                       {"web", d.web},
                       {"zone", d.zone.empty() ? json() : json(d.zone)},
                       {"name_servers", d.name_servers},
                       {"managed_by", d.managed_by}});
  json findings = json::array();
  for (const PreflightFinding& f : c.findings)
    findings.push_back(FindingJson(f));
  return {{"customer", c.customer},
          {"accounts", accounts},
          {"old_ip", c.old_ip.ToString()},
          {"new_ip", c.new_ip.ToString()},
          {"maintenance_end",
           c.maintenance_end.ToRfc3339(c.maintenance_end_offset)},
          {"domains", domains},
          {"domains_error",
           c.domains_status.ok() ? json() : json(c.domains_status.message())},
          {"needs_action", c.NeedsAction()},
          {"errors", c.HasErrors()},
          {"findings", findings}};
}

}  // namespace renumber
