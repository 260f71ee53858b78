#include "src/report/report_text.h"

#include "src/engine/text.h"
#include "src/report/report_words.h"

namespace renumber {
namespace {

std::string CheckMark(const Check& c, Lang lang) {
  if (c.ok) return Tr(lang, "creport.check.ok");
  return Tr(lang, c.blocking ? "creport.check.fail" : "creport.check.warn");
}

std::vector<std::string> FindingTexts(const std::vector<RecordedFinding>& fs,
                                      Lang lang) {
  std::vector<std::string> out;
  for (const RecordedFinding& f : fs) {
    const std::string& text = Pick(f.text, lang);
    out.push_back(text.empty() ? f.object : text);
  }
  return out;
}

}  // namespace

std::string ReportTitle(const CampaignReport& r, Lang lang) {
  return Tr(lang, "creport.title",
            r.campaign.empty() ? Tr(lang, "creport.all_campaigns")
                               : r.campaign);
}

std::string GeneratedLine(const CampaignReport& r, Lang lang) {
  return Tr(lang, "creport.generated",
            ReportTime(r.generated_at.ToRfc3339(), r.offset_minutes),
            r.version, OffsetLabel(r.offset_minutes));
}

std::string SourceLine(const CampaignReport& r, Lang lang) {
  if (!r.live_at) return Tr(lang, "creport.journal_only");
  return Tr(lang, "creport.live",
            ReportTime(r.live_at->ToRfc3339(), r.offset_minutes));
}

std::vector<TotalItem> TotalItems(const ReportTotals& t, Lang lang) {
  return {
      {"accounts", Tr(lang, "creport.total.accounts"), t.accounts},
      {"customers", Tr(lang, "creport.total.customers"), t.customers},
      {"attention", Tr(lang, "creport.total.attention"), t.needs_attention},
      {"dns-work", Tr(lang, "creport.total.dns_work"), t.dns_work},
      {"hidden-origins", Tr(lang, "creport.total.hidden_origins"),
       t.hidden_origins},
      {"customers-with-work", Tr(lang, "creport.total.customers_with_work"),
       t.customers_with_work},
  };
}

std::string CountsLine(const Counts& counts, const std::string& kind,
                       Lang lang) {
  std::string out;
  for (const auto& [name, n] : counts)
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " +
           Shown(lang, kind, name);
  return out.empty() ? "-" : out;
}

std::vector<std::string> AccountHeader(Lang lang) {
  return {Tr(lang, "creport.col.account"), Tr(lang, "creport.col.phase"),
          Tr(lang, "creport.col.result"),  Tr(lang, "creport.col.state"),
          Tr(lang, "creport.col.verdict"), Tr(lang, "creport.col.changed"),
          Tr(lang, "creport.col.by"),      Tr(lang, "creport.col.error")};
}

std::vector<std::string> AccountRow(const ReportAccount& a, int offset,
                                    Lang lang) {
  return {a.account,
          Shown(lang, "phase", a.phase),
          Shown(lang, "result", a.result),
          Shown(lang, "state", a.state.empty() ? "unknown" : a.state),
          a.verdict ? Shown(lang, "verdict", SeverityName(a.verdict->severity))
                    : "-",
          ReportTime(a.changed_at, offset),
          a.changed_by.empty() ? "-" : a.changed_by,
          a.last_error.empty() ? "-" : a.last_error};
}

std::vector<DetailItem> AccountDetails(const ReportAccount& a, int offset,
                                       Lang lang) {
  std::vector<DetailItem> out;
  if (a.target) {
    out.push_back({Tr(lang, "creport.move", a.target->old_ip,
                      a.target->new_ip),
                   {}});
    out.push_back({Tr(lang, "creport.maintenance_end",
                      ReportTime(a.target->maintenance_end, offset)),
                   {}});
    if (!a.target->ticket.empty())
      out.push_back({Tr(lang, "creport.ticket", a.target->ticket), {}});
  }
  if (!a.last_run_at.empty())
    out.push_back({Tr(lang, "creport.last_run", ReportTime(a.last_run_at, offset),
                      a.operator_name.empty() ? "-" : a.operator_name,
                      a.campaign),
                   {}});
  if (a.verdict && !a.verdict->why.en.empty())
    out.push_back({Tr(lang, "creport.verdict_why",
                      Shown(lang, "verdict", SeverityName(a.verdict->severity)),
                      Pick(a.verdict->why, lang)),
                   {}});
  if (!a.live_error.empty())
    out.push_back({Tr(lang, "creport.live_error", a.live_error), {}});
  if (!a.checks.empty()) {
    DetailItem checks{Tr(lang, "creport.checks", ReportTime(a.checks_at, offset)),
                      {}};
    for (const Check& c : a.checks) {
      const std::string& detail = Pick(c.detail, lang);
      checks.items.push_back(CheckMark(c, lang) + " " + c.name +
                             (detail.empty() ? "" : ": " + detail));
    }
    out.push_back(std::move(checks));
  }
  const std::string at = ReportTime(a.findings_at, offset);
  if (!a.dns_work.empty())
    out.push_back({Tr(lang, "creport.dns_work") +
                       Tr(lang, "creport.paren",
                          Tr(lang, "creport.findings_at", at)),
                   FindingTexts(a.dns_work, lang)});
  if (!a.hidden_origins.empty())
    out.push_back({Tr(lang, "creport.hidden_origins") +
                       Tr(lang, "creport.paren",
                          Tr(lang, "creport.findings_at", at)),
                   FindingTexts(a.hidden_origins, lang)});
  if (!a.notes.empty())
    out.push_back({Tr(lang, "creport.notes") +
                       Tr(lang, "creport.paren",
                          Tr(lang, "creport.findings_at", at)),
                   FindingTexts(a.notes, lang)});
  return out;
}

}  // namespace renumber
