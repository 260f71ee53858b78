#include "src/preflight/preflight_report.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

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

// Lines shown per group before the rest are summed up (--json has all).
constexpr size_t kDomainLinesPerGroup = 2;
constexpr size_t kFindingsPerKind = 3;
constexpr size_t kNamesInSummary = 3;

std::string UseOf(const DomainView& d) {
  return d.mail && d.web ? "mail+web" : d.mail ? "mail" : "web";
}

std::string NameServersText(const DomainView& d, Lang lang) {
  return d.managed_by == "provider"
             ? Tr(lang, "preflight.ns_provider", JoinNames(d.name_servers))
         : d.managed_by == "other"
             ? Tr(lang, "preflight.ns_other", JoinNames(d.name_servers))
             : Tr(lang, "preflight.ns_unknown");
}

// "a, b, c, …" of the first kNamesInSummary names.
std::string Some(const std::vector<std::string>& names) {
  std::vector<std::string> head(
      names.begin(), names.begin() + std::min(names.size(), kNamesInSummary));
  return JoinNames(head) + (names.size() > head.size() ? ", …" : "");
}

// Domains grouped by use and name servers, in order of first appearance; a
// customer with a hundred domains on one zone gets three lines, not a
// hundred.
std::string DomainLines(const std::vector<DomainView>& domains, Lang lang) {
  std::vector<std::pair<std::string, std::vector<const DomainView*>>> groups;
  for (const DomainView& d : domains) {
    const std::string key = UseOf(d) + "|" + NameServersText(d, lang);
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == key; });
    if (it == groups.end()) {
      groups.push_back({key, {}});
      it = groups.end() - 1;
    }
    it->second.push_back(&d);
  }
  std::string out;
  for (const auto& [key, members] : groups) {
    for (size_t i = 0; i < members.size() && i < kDomainLinesPerGroup; ++i)
      out += "    " + PadColumns(members[i]->name, 28) +
             PadColumns(UseOf(*members[i]), 10) +
             NameServersText(*members[i], lang) + "\n";
    if (members.size() <= kDomainLinesPerGroup) continue;
    std::vector<std::string> rest;
    for (size_t i = kDomainLinesPerGroup; i < members.size(); ++i)
      rest.push_back(members[i]->name);
    out += "    " +
           Tr(lang, "preflight.more_domains", rest.size(), UseOf(*members[0]),
              Some(rest)) +
           "\n";
  }
  return out;
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

// The findings of one section, at most kFindingsPerKind of each kind, the
// rest summed up by the domains (or subjects) they are about.
std::string FindingLines(const std::vector<const PreflightFinding*>& findings,
                         char mark, Lang lang) {
  std::vector<std::string> kinds;
  for (const PreflightFinding* f : findings)
    if (std::find(kinds.begin(), kinds.end(), f->kind) == kinds.end())
      kinds.push_back(f->kind);
  std::string out;
  for (const std::string& kind : kinds) {
    size_t shown = 0;
    std::vector<std::string> rest;
    for (const PreflightFinding* f : findings) {
      if (f->kind != kind) continue;
      if (shown++ < kFindingsPerKind)
        AppendFinding(&out, *f, mark, lang);
      else
        rest.push_back(f->domain.empty() ? f->subject : f->domain);
    }
    if (!rest.empty())
      out +=
          "    " +
          Tr(lang, "preflight.more_findings", rest.size(), kind, Some(rest)) +
          "\n";
  }
  return out;
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
  if (!c.domains.empty())
    out += "  " + Tr(lang, "preflight.domains") + "\n" +
           DomainLines(c.domains, lang);
  // Actions grouped by who and when, in a fixed order.
  const char* kGroups[] = {
      "preflight.todo.customer", "preflight.todo.customer.after",
      "preflight.todo.provider", "preflight.todo.provider.after",
      "preflight.todo.blocklist"};
  const std::string end = c.maintenance_end.ToRfc3339(c.maintenance_end_offset);
  for (const char* group : kGroups) {
    std::vector<const PreflightFinding*> in_group;
    for (const PreflightFinding& f : c.findings)
      if (f.level == FindingLevel::kAction && GroupKey(f) == group)
        in_group.push_back(&f);
    if (!in_group.empty())
      out += "  " + Tr(lang, group, end) + "\n" +
             FindingLines(in_group, '!', lang);
  }
  std::vector<const PreflightFinding*> errors, notes;
  for (const PreflightFinding& f : c.findings) {
    if (f.level == FindingLevel::kError) errors.push_back(&f);
    if (f.level == FindingLevel::kInfo) notes.push_back(&f);
  }
  if (!errors.empty())
    out += "  " + Tr(lang, "preflight.errors") + "\n" +
           FindingLines(errors, '?', lang);
  if (!notes.empty())
    out += "  " + Tr(lang, "preflight.notes") + "\n" +
           FindingLines(notes, '-', lang);
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
  (*doc)["preflight"] = PreflightJson(report);
  if (!doc->contains("accounts")) return;
  for (json& account : (*doc)["accounts"])
    AttachPreflightToAccountJson(report, &account);
}

void AttachPreflightToAccountJson(const PreflightReport& report,
                                  json* account) {
  const std::string customer = account->value("customer", "");
  for (const CustomerPreflight& c : report.customers)
    if (c.customer == customer)
      (*account)["preflight"] = {{"needs_action", c.NeedsAction()},
                                 {"errors", c.HasErrors()}};
}

}  // namespace renumber
