#include "src/report/report_json.h"

#include "src/report/customer_reply.h"

namespace renumber {
namespace {

using json = nlohmann::json;

json OrNull(const std::string& s) { return s.empty() ? json() : json(s); }

json CountsJson(const Counts& counts) {
  json out = json::object();
  for (const auto& [name, n] : counts) out[name] = n;
  return out;
}

json FindingsJson(const std::vector<RecordedFinding>& findings) {
  json out = json::array();
  for (const RecordedFinding& f : findings)
    out.push_back({{"kind", f.kind},
                   {"object", f.object},
                   {"text", {{"en", f.text.en}, {"ja", f.text.ja}}}});
  return out;
}

json AccountJson(const ReportAccount& a) {
  json checks = json::array();
  for (const Check& c : a.checks) {
    json check = {{"name", c.name},
                  {"ok", c.ok},
                  {"blocking", c.blocking},
                  {"detail", {{"en", c.detail.en}, {"ja", c.detail.ja}}}};
    if (c.latency) check["latency_ms"] = c.latency->count();
    checks.push_back(check);
  }
  json target;
  if (a.target)
    target = {{"old_ip", a.target->old_ip},
              {"new_ip", a.target->new_ip},
              {"maintenance_end", a.target->maintenance_end},
              {"ticket", a.target->ticket}};
  json verdict;
  if (a.verdict)
    verdict = {{"severity", SeverityName(a.verdict->severity)},
               {"why", {{"en", a.verdict->why.en}, {"ja", a.verdict->why.ja}}}};
  return {{"account", a.account},
          {"customer", a.customer},
          {"service", a.service},
          {"target", target},
          {"campaign", OrNull(a.campaign)},
          {"phase", OrNull(a.phase)},
          {"result", a.result},
          {"state", OrNull(a.state)},
          {"state_from", a.live ? "live" : "journal"},
          {"live_error", OrNull(a.live_error)},
          {"last_error", OrNull(a.last_error)},
          {"last_run_at", OrNull(a.last_run_at)},
          {"operator", OrNull(a.operator_name)},
          {"changed_by", OrNull(a.changed_by)},
          {"changed_at", OrNull(a.changed_at)},
          {"checks", checks},
          {"checks_at", OrNull(a.checks_at)},
          {"dns_work", FindingsJson(a.dns_work)},
          {"hidden_origins", FindingsJson(a.hidden_origins)},
          {"notes", FindingsJson(a.notes)},
          {"findings_at", OrNull(a.findings_at)},
          {"verdict", verdict},
          {"needs_attention", a.needs_attention}};
}

}  // namespace

json ReportJson(const CampaignReport& r) {
  const ReportTotals& t = r.totals;
  json totals = {{"accounts", t.accounts},
                 {"customers", t.customers},
                 {"needs_attention", t.needs_attention},
                 {"dns_work", t.dns_work},
                 {"hidden_origins", t.hidden_origins},
                 {"customers_with_work", t.customers_with_work},
                 {"by_state", CountsJson(t.by_state)},
                 {"by_result", CountsJson(t.by_result)},
                 {"by_verdict", CountsJson(t.by_verdict)}};
  json accounts = json::array();
  for (const ReportAccount& a : r.accounts) accounts.push_back(AccountJson(a));
  json points = json::array();
  for (const TimelinePoint& p : r.timeline.points) {
    json counts = json::object();
    for (size_t i = 0; i < p.counts.size(); ++i)
      counts[TimelineStates()[i]] = p.counts[i];
    points.push_back({{"at", p.at.ToRfc3339()}, {"counts", counts}});
  }
  json replies = json::array();
  for (const auto& [customer, list] : ByCustomer(r))
    replies.push_back(
        {{"customer", customer},
         {"ja", CustomerReply(customer, list, r.offset_minutes, Lang::kJa)},
         {"en", CustomerReply(customer, list, r.offset_minutes, Lang::kEn)}});
  return {{"report", "campaign"},
          {"campaign", OrNull(r.campaign)},
          {"version", r.version},
          {"generated_at", r.generated_at.ToRfc3339()},
          {"utc_offset_minutes", r.offset_minutes},
          {"live_at", r.live_at ? json(r.live_at->ToRfc3339()) : json()},
          {"totals", totals},
          {"accounts", accounts},
          {"timeline", {{"states", TimelineStates()}, {"points", points}}},
          {"customers", replies},
          {"warnings", r.warnings}};
}

}  // namespace renumber
