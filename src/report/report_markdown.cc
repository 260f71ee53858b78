#include "src/report/report_markdown.h"

#include "src/report/customer_reply.h"
#include "src/report/report_text.h"
#include "src/report/safe_text.h"

namespace renumber {
namespace {

std::string Row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const std::string& c : cells) out += " " + MarkdownEscape(c) + " |";
  return out + "\n";
}

std::string Totals(const CampaignReport& r, Lang lang) {
  std::string out = "## " + MarkdownEscape(Tr(lang, "creport.totals")) +
                    "\n\n| | |\n|---|---:|\n";
  for (const TotalItem& t : TotalItems(r.totals, lang))
    out += Row({t.label, std::to_string(t.value)});
  out += "\n- " + MarkdownEscape(Tr(lang, "creport.by_state")) + ": " +
         MarkdownEscape(CountsLine(r.totals.by_state, "state", lang)) + "\n";
  out += "- " + MarkdownEscape(Tr(lang, "creport.by_result")) + ": " +
         MarkdownEscape(CountsLine(r.totals.by_result, "result", lang)) + "\n";
  if (r.live_at)
    out += "- " + MarkdownEscape(Tr(lang, "creport.by_verdict")) + ": " +
           MarkdownEscape(CountsLine(r.totals.by_verdict, "verdict", lang)) +
           "\n";
  return out + "\n";
}

std::string Accounts(const CampaignReport& r, Lang lang) {
  const std::vector<std::string> header = AccountHeader(lang);
  std::string out = "## " + MarkdownEscape(Tr(lang, "creport.accounts")) +
                    "\n\n" + Row(header) + "|";
  for (size_t i = 0; i < header.size(); ++i) out += "---|";
  out += "\n";
  for (const ReportAccount& a : r.accounts)
    out += Row(AccountRow(a, r.offset_minutes, lang));
  return out + "\n";
}

std::string Details(const CampaignReport& r, Lang lang) {
  std::string out = "## " + MarkdownEscape(Tr(lang, "creport.details")) +
                    "\n\n";
  for (const ReportAccount& a : r.accounts) {
    out += "### " + MarkdownEscape(a.account) + "\n\n";
    for (const DetailItem& d : AccountDetails(a, r.offset_minutes, lang)) {
      out += "- " + MarkdownEscape(d.text) + "\n";
      for (const std::string& item : d.items)
        out += "  - " + MarkdownEscape(item) + "\n";
    }
    out += "\n";
  }
  return out;
}

std::string Replies(const CampaignReport& r, Lang lang) {
  std::string out = "## " + MarkdownEscape(Tr(lang, "creport.replies")) +
                    "\n\n" + MarkdownEscape(Tr(lang, "creport.replies_hint")) +
                    "\n\n";
  for (const auto& [customer, accounts] : ByCustomer(r)) {
    out += "### " + MarkdownEscape(customer) + "\n\n";
    for (Lang l : {Lang::kJa, Lang::kEn}) {
      const std::string text =
          CustomerReply(customer, accounts, r.offset_minutes, l);
      const std::string fence = MarkdownFence(text);
      out += fence + "text\n" + text + fence + "\n\n";
    }
  }
  return out;
}

}  // namespace

std::string RenderReportMarkdown(const CampaignReport& r, Lang lang) {
  std::string out = "# " + MarkdownEscape(ReportTitle(r, lang)) + "\n\n" +
                    MarkdownEscape(GeneratedLine(r, lang)) + "\n" +
                    MarkdownEscape(SourceLine(r, lang)) + "\n\n";
  out += Totals(r, lang) + Accounts(r, lang) + Details(r, lang) +
         Replies(r, lang);
  if (!r.warnings.empty()) {
    out += "## " + MarkdownEscape(Tr(lang, "creport.warnings")) + "\n\n";
    for (const std::string& w : r.warnings)
      out += "- " + MarkdownEscape(w) + "\n";
  }
  return out;
}

}  // namespace renumber
