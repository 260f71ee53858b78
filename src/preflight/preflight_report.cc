#include "src/preflight/preflight_report.h"

#include <cstdio>

#include "src/engine/text.h"

namespace renumber {
namespace {

using json = nlohmann::json;

std::string AccountsText(const CustomerPreflight& c) {
  std::string out;
  for (const AccountKey& a : c.accounts)
    out += (out.empty() ? "" : ", ") + std::string(ServiceName(a.service));
  return out;
}

std::string DomainLine(const DomainView& d, Lang lang) {
  std::string use = d.mail && d.web ? "mail+web" : d.mail ? "mail" : "web";
  std::string who =
      d.managed_by == "provider"
          ? Tr(lang, "preflight.ns_provider", JoinNames(d.name_servers))
      : d.managed_by == "other"
          ? Tr(lang, "preflight.ns_other", JoinNames(d.name_servers))
          : Tr(lang, "preflight.ns_unknown");
  return "    " + PadColumns(d.name, 28) + PadColumns(use, 10) + who + "\n";
}

// One group's heading key, for action findings.
std::string GroupKey(const PreflightFinding& f) {
  std::string key = std::string("preflight.todo.") + ActorName(f.who);
  if (f.when == Deadline::kAfterMaintenance) key += ".after";
  return key;
}

void AppendFinding(std::string* out, const PreflightFinding& f, char mark,
                   Lang lang) {
  *out += std::string("    ") + mark + " " + Pick(f.text, lang) + "\n";
  if (!f.action.en.empty()) *out += "      -> " + Pick(f.action, lang) + "\n";
}

}  // namespace

std::string RenderPreflightCustomer(const CustomerPreflight& c, Lang lang,
                                    Timestamp now) {
  std::string out =
      Tr(lang, "preflight.customer", c.customer, AccountsText(c),
         c.old_ip.ToString(), c.new_ip.ToString(),
         WhenText(c.maintenance_end, c.maintenance_end_offset, now, lang)) +
      "\n";
  if (!c.domains_status.ok())
    out += "  " +
           Tr(lang, "preflight.domains_failed", c.domains_status.message()) +
           "\n";
  if (!c.domains.empty()) {
    out += "  " + Tr(lang, "preflight.domains") + "\n";
    for (const DomainView& d : c.domains) out += DomainLine(d, lang);
  }
  // Actions grouped by who and when, in a fixed order.
  const char* kGroups[] = {
      "preflight.todo.customer", "preflight.todo.customer.after",
      "preflight.todo.provider", "preflight.todo.provider.after",
      "preflight.todo.blocklist"};
  const std::string end = c.maintenance_end.ToRfc3339(c.maintenance_end_offset);
  for (const char* group : kGroups) {
    std::string body;
    for (const PreflightFinding& f : c.findings)
      if (f.level == FindingLevel::kAction && GroupKey(f) == group)
        AppendFinding(&body, f, '!', lang);
    if (!body.empty()) out += "  " + Tr(lang, group, end) + "\n" + body;
  }
  std::string errors, notes;
  for (const PreflightFinding& f : c.findings) {
    if (f.level == FindingLevel::kError) AppendFinding(&errors, f, '?', lang);
    if (f.level == FindingLevel::kInfo) AppendFinding(&notes, f, '-', lang);
  }
  if (!errors.empty())
    out += "  " + Tr(lang, "preflight.errors") + "\n" + errors;
  if (!notes.empty()) out += "  " + Tr(lang, "preflight.notes") + "\n" + notes;
  if (!c.NeedsAction() && !c.HasErrors())
    out += "  " + Tr(lang, "preflight.nothing_to_do") + "\n";
  return out;
}

std::string RenderPreflight(const PreflightReport& report, Lang lang) {
  std::string out;
  int action = 0, errors = 0, fine = 0;
  for (const CustomerPreflight& c : report.customers) {
    out += RenderPreflightCustomer(c, lang, report.checked_at) + "\n";
    action += c.NeedsAction();
    errors += c.HasErrors();
    fine += !c.NeedsAction() && !c.HasErrors();
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", report.seconds);
  out += Tr(lang, "preflight.summary", report.customers.size(), action, errors,
            fine, seconds) +
         "\n";
  return out;
}

json PreflightJson(const PreflightReport& report) {
  json customers = json::array();
  int action = 0, errors = 0;
  for (const CustomerPreflight& c : report.customers) {
    customers.push_back(CustomerPreflightJson(c));
    action += c.NeedsAction();
    errors += c.HasErrors();
  }
  return {{"checked_at", report.checked_at.ToRfc3339()},
          {"seconds", report.seconds},
          {"summary",
           {{"customers", report.customers.size()},
            {"needs_action", action},
            {"errors", errors}}},
          {"customers", customers}};
}

void AttachPreflightToCampaignJson(const PreflightReport& report, json* doc) {
  if (!doc->contains("accounts")) return;
  for (json& account : (*doc)["accounts"]) {
    const std::string customer = account.value("customer", "");
    for (const CustomerPreflight& c : report.customers) {
      if (c.customer != customer) continue;
      json findings = json::array();
      for (const PreflightFinding& f : c.findings)
        findings.push_back(FindingJson(f));
      account["preflight"] = {{"needs_action", c.NeedsAction()},
                              {"errors", c.HasErrors()},
                              {"findings", findings}};
    }
  }
}

}  // namespace renumber
