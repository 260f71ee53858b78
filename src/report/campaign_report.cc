#include "src/report/campaign_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "src/engine/account_end_details.h"
#include "src/log/log.h"
#include "src/report/safe_text.h"

namespace renumber {
namespace {

// Outside text as the report may hold it: no loaded secret, nothing a
// terminal acts on.
std::string Clean(const std::string& s) { return SafeText(ScrubSecrets(s)); }

Text Clean(const Text& t) { return {Clean(t.en), Clean(t.ja)}; }

RecordedFinding Clean(const RecordedFinding& f) {
  return {Clean(f.kind), Clean(f.object), Clean(f.text)};
}

Check Clean(const Check& c) {
  Check out = c;
  out.name = Clean(c.name);
  out.detail = Clean(c.detail);
  return out;
}

RecordedTarget Clean(const RecordedTarget& t) {
  return {Clean(t.old_ip), Clean(t.new_ip), Clean(t.maintenance_end),
          Clean(t.ticket)};
}

RecordedTarget FromPlan(const Target& t) {
  return {t.old_ip.ToString(), t.new_ip.ToString(),
          t.maintenance_end.ToRfc3339(t.maintenance_end_offset), t.ticket};
}

void SortFindings(const std::vector<RecordedFinding>& all, ReportAccount* a) {
  a->dns_work.clear();
  a->hidden_origins.clear();
  a->notes.clear();
  for (const RecordedFinding& raw : all) {
    RecordedFinding f = Clean(raw);
    if (f.kind == kDnsWorkKind)
      a->dns_work.push_back(std::move(f));
    else if (f.kind == kHiddenOriginKind)
      a->hidden_origins.push_back(std::move(f));
    else
      a->notes.push_back(std::move(f));
  }
}

ReportAccount FromJournal(const AccountStatus& s) {
  ReportAccount a;
  a.account = Clean(s.account);
  const size_t slash = s.account.rfind('/');
  a.customer = Clean(s.account.substr(0, slash));
  a.service =
      slash == std::string::npos ? "" : Clean(s.account.substr(slash + 1));
  if (s.target) a.target = Clean(*s.target);
  a.campaign = Clean(s.campaign);
  a.phase = Clean(s.phase);
  a.result = Clean(s.result);
  a.last_error = Clean(s.last_error);
  a.last_run_at = Clean(s.when);
  a.operator_name = Clean(s.operator_name);
  a.changed_by = Clean(s.changed_by);
  a.changed_at = Clean(s.changed_at);
  a.state = Clean(s.state);
  SortFindings(s.findings, &a);
  a.findings_at = Clean(s.findings_at);
  for (const Check& c : s.checks) a.checks.push_back(Clean(c));
  a.checks_at = Clean(s.checks_at);
  return a;
}

void ApplyLive(const AccountReport& r, const ReportInputs& in,
               ReportAccount* a) {
  a->live = true;
  a->state = r.state_after ? StateName(*r.state_after) : "";
  a->live_error = r.error.ok() ? "" : Clean(r.error.message());
  std::vector<RecordedFinding> findings;
  for (const Finding& f : r.findings)
    if (KeepsFinding(f))
      findings.push_back({FindingKindName(f.kind), f.object, f.text});
  SortFindings(findings, a);
  const std::string at = in.live_at.ToRfc3339();
  a->findings_at = r.state_after ? at : "";
  a->checks.clear();
  for (const Check& c : r.checks) a->checks.push_back(Clean(c));
  a->checks_at = r.checks.empty() ? "" : at;
  Verdict v = Judge(r, in.live_at, in.grace);
  a->verdict = Verdict{v.severity, Clean(v.why)};
}

void Add(Counts* counts, const std::string& name) {
  for (auto& [k, n] : *counts)
    if (k == name) {
      ++n;
      return;
    }
  counts->push_back({name, 1});
}

// `counts` in the order of `order` (names not in it last, as they came).
Counts Ordered(Counts counts, const std::vector<std::string>& order) {
  auto rank = [&](const std::string& k) {
    return std::find(order.begin(), order.end(), k) - order.begin();
  };
  std::stable_sort(counts.begin(), counts.end(),
                   [&](const auto& a, const auto& b) {
                     return rank(a.first) < rank(b.first);
                   });
  return counts;
}

ReportTotals Total(const std::vector<ReportAccount>& accounts) {
  ReportTotals t;
  std::set<std::string> customers, with_work;
  for (const ReportAccount& a : accounts) {
    ++t.accounts;
    customers.insert(a.customer);
    Add(&t.by_state, a.state.empty() ? "unknown" : a.state);
    Add(&t.by_result, a.result);
    if (a.verdict) Add(&t.by_verdict, SeverityName(a.verdict->severity));
    t.needs_attention += a.needs_attention;
    t.dns_work += static_cast<int>(a.dns_work.size());
    t.hidden_origins += static_cast<int>(a.hidden_origins.size());
    if (!a.dns_work.empty() || !a.hidden_origins.empty())
      with_work.insert(a.customer);
  }
  t.customers = static_cast<int>(customers.size());
  t.customers_with_work = static_cast<int>(with_work.size());
  t.by_state = Ordered(t.by_state, TimelineStates());
  t.by_result = Ordered(t.by_result, {"done", "nothing-to-do", "refused",
                                      "failed", "interrupted", "not-run"});
  t.by_verdict =
      Ordered(t.by_verdict, {"OK", "WARNING", "CRITICAL", "UNKNOWN"});
  return t;
}

// The offset of the first maintenance_end known, else the machine's.
int DisplayOffset(const std::vector<ReportAccount>& accounts, Timestamp now) {
  for (const ReportAccount& a : accounts) {
    if (!a.target) continue;
    int offset = 0;
    if (Timestamp::ParseRfc3339(a.target->maintenance_end, &offset).ok())
      return offset;
  }
  return now.LocalOffsetMinutes();
}

}  // namespace

CampaignReport BuildCampaignReport(const ReportInputs& in) {
  CampaignReport out;
  out.campaign = Clean(in.campaign);
  out.version = in.version;
  out.generated_at = in.now;
  std::map<std::string, const PlanRow*> plan;
  if (in.plan)
    for (const PlanRow& row : *in.plan)
      plan[row.target.account.ToString()] = &row;
  std::map<std::string, const AccountReport*> live;
  if (in.live) {
    out.live_at = in.live_at;
    for (const AccountReport& r : in.live->accounts)
      live[r.row.target.account.ToString()] = &r;
  }
  std::vector<std::string> names;
  std::map<std::string, std::string> live_states;
  for (const AccountStatus& s : in.status->accounts) {
    ReportAccount a = FromJournal(s);
    if (auto it = plan.find(s.account); it != plan.end())
      a.target = Clean(FromPlan(it->second->target));
    if (auto it = live.find(s.account); it != live.end()) {
      ApplyLive(*it->second, in, &a);
      live_states[s.account] = a.state;
    }
    a.needs_attention = a.result == "interrupted" || a.result == "failed" ||
                        a.result == "refused" ||
                        (a.verdict && a.verdict->severity != Severity::kOk);
    names.push_back(s.account);
    out.accounts.push_back(std::move(a));
  }
  out.totals = Total(out.accounts);
  out.timeline = BuildTimeline(
      in.status->events, names,
      in.live ? std::optional(live_states) : std::nullopt, in.live_at);
  out.offset_minutes = DisplayOffset(out.accounts, in.now);
  for (const std::string& w : in.status->warnings)
    out.warnings.push_back(Clean(w));
  return out;
}

std::vector<std::pair<std::string, std::vector<const ReportAccount*>>>
ByCustomer(const CampaignReport& report) {
  std::vector<std::pair<std::string, std::vector<const ReportAccount*>>> out;
  for (const ReportAccount& a : report.accounts) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& c) {
      return c.first == a.customer;
    });
    if (it == out.end()) it = out.insert(out.end(), {a.customer, {}});
    it->second.push_back(&a);
  }
  return out;
}

}  // namespace renumber
