#include "src/report/report_html.h"

#include "src/report/customer_reply.h"
#include "src/report/report_text.h"
#include "src/report/report_words.h"
#include "src/report/safe_text.h"
#include "src/report/state_chart.h"

namespace renumber {
namespace {

// No fetch of any kind: a stray reference is blocked and shows in the
// browser's console (the Chromium test fails on it).
constexpr char kCsp[] =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'";

constexpr char kStyle[] = R"(
:root { color-scheme: light; }
body { font-family: system-ui, "IPAGothic", "Noto Sans CJK JP",
  "Hiragino Sans", "Meiryo", sans-serif; margin: 2rem auto; max-width: 72rem;
  padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }
h3 { font-size: 1rem; margin-bottom: .25rem; }
.meta { color: #555; margin: .25rem 0; }
dl.totals { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0; }
dl.totals div { border: 1px solid #ccc; border-radius: 6px; padding: .5rem .9rem;
  min-width: 8rem; }
dl.totals dt { font-size: .8rem; color: #555; }
dl.totals dd { margin: 0; font-size: 1.6rem; font-weight: bold; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
th, td { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f3f3f3; }
tr.attention td { background: #fff1e6; }
td.num { text-align: right; }
#state-chart { max-width: 100%; height: auto; }
article.account { margin-bottom: 1rem; }
.reply-pair { display: flex; flex-wrap: wrap; gap: 1rem; }
.reply-pair pre { flex: 1 1 28rem; background: #f8f8f8; border: 1px solid #ddd;
  padding: .75rem; white-space: pre-wrap; font-family: inherit; margin: 0; }
@media print { .reply-pair pre { break-inside: avoid; } }
)";

std::string Tag(const std::string& tag, const std::string& text,
                const std::string& attrs = "") {
  return "<" + tag + (attrs.empty() ? "" : " " + attrs) + ">" +
         HtmlEscape(text) + "</" + tag + ">";
}

std::string Totals(const CampaignReport& r, Lang lang) {
  std::string out = "<section id=\"totals\">\n" +
                    Tag("h2", Tr(lang, "creport.totals")) +
                    "\n<dl class=\"totals\">\n";
  for (const TotalItem& t : TotalItems(r.totals, lang))
    out += "<div>" + Tag("dt", t.label) +
           Tag("dd", std::to_string(t.value),
               "data-total=\"" + HtmlEscape(t.id) + "\"") +
           "</div>\n";
  out += "</dl>\n<table class=\"counts\">\n";
  auto row = [&](const char* key, const Counts& c, const char* kind) {
    out += "<tr>" + Tag("th", Tr(lang, key)) +
           Tag("td", CountsLine(c, kind, lang)) + "</tr>\n";
  };
  row("creport.by_state", r.totals.by_state, "state");
  row("creport.by_result", r.totals.by_result, "result");
  if (r.live_at) row("creport.by_verdict", r.totals.by_verdict, "verdict");
  return out + "</table>\n</section>\n";
}

// The chart's numbers as a table, for screen readers and for copying.
std::string ChartData(const CampaignReport& r, Lang lang) {
  std::string out = "<details><summary>" +
                    HtmlEscape(Tr(lang, "creport.chart_data")) +
                    "</summary>\n<table>\n<tr>" +
                    Tag("th", Tr(lang, "creport.col.time"));
  for (const std::string& s : TimelineStates())
    out += Tag("th", Shown(lang, "state", s));
  out += "</tr>\n";
  for (const TimelinePoint& p : r.timeline.points) {
    out += "<tr>" + Tag("td", ReportTime(p.at.ToRfc3339(), r.offset_minutes));
    for (int n : p.counts)
      out += Tag("td", std::to_string(n), "class=\"num\"");
    out += "</tr>\n";
  }
  return out + "</table>\n</details>\n";
}

std::string ChartSection(const CampaignReport& r, Lang lang) {
  std::string out = "<section id=\"chart\">\n" +
                    Tag("h2", Tr(lang, "creport.chart")) + "\n";
  const std::string svg = StateChartSvg(r.timeline, r.offset_minutes, lang);
  if (svg.empty()) return out + Tag("p", Tr(lang, "creport.chart_empty")) +
                          "\n</section>\n";
  return out + svg + ChartData(r, lang) + "</section>\n";
}

std::string AccountTable(const CampaignReport& r, Lang lang) {
  std::string out = "<section id=\"accounts\">\n" +
                    Tag("h2", Tr(lang, "creport.accounts")) +
                    "\n<table>\n<tr>";
  for (const std::string& h : AccountHeader(lang)) out += Tag("th", h);
  out += "</tr>\n";
  for (size_t i = 0; i < r.accounts.size(); ++i) {
    const ReportAccount& a = r.accounts[i];
    out += a.needs_attention ? "<tr class=\"attention\">" : "<tr>";
    const auto cells = AccountRow(a, r.offset_minutes, lang);
    out += "<td><a href=\"#account-" + std::to_string(i) + "\">" +
           HtmlEscape(cells[0]) + "</a></td>";
    for (size_t c = 1; c < cells.size(); ++c) out += Tag("td", cells[c]);
    out += "</tr>\n";
  }
  return out + "</table>\n</section>\n";
}

std::string Details(const CampaignReport& r, Lang lang) {
  std::string out = "<section id=\"details\">\n" +
                    Tag("h2", Tr(lang, "creport.details")) + "\n";
  for (size_t i = 0; i < r.accounts.size(); ++i) {
    const ReportAccount& a = r.accounts[i];
    out += "<article class=\"account\" id=\"account-" + std::to_string(i) +
           "\">\n" + Tag("h3", a.account) + "\n<ul>\n";
    for (const DetailItem& d : AccountDetails(a, r.offset_minutes, lang)) {
      out += "<li>" + HtmlEscape(d.text);
      if (!d.items.empty()) {
        out += "\n<ul>\n";
        for (const std::string& item : d.items) out += Tag("li", item) + "\n";
        out += "</ul>\n";
      }
      out += "</li>\n";
    }
    out += "</ul>\n</article>\n";
  }
  return out + "</section>\n";
}

std::string Replies(const CampaignReport& r, Lang lang) {
  std::string out = "<section id=\"replies\">\n" +
                    Tag("h2", Tr(lang, "creport.replies")) + "\n" +
                    Tag("p", Tr(lang, "creport.replies_hint")) + "\n";
  for (const auto& [customer, accounts] : ByCustomer(r)) {
    out += "<article class=\"reply\" data-customer=\"" +
           HtmlEscape(customer) + "\">\n" + Tag("h3", customer) +
           "\n<div class=\"reply-pair\">\n";
    for (Lang l : {Lang::kJa, Lang::kEn})
      out += Tag("pre",
                 CustomerReply(customer, accounts, r.offset_minutes, l),
                 l == Lang::kJa ? "lang=\"ja\"" : "lang=\"en\"") +
             "\n";
    out += "</div>\n</article>\n";
  }
  return out + "</section>\n";
}

std::string Warnings(const CampaignReport& r, Lang lang) {
  if (r.warnings.empty()) return "";
  std::string out = "<section id=\"warnings\">\n" +
                    Tag("h2", Tr(lang, "creport.warnings")) + "\n<ul>\n";
  for (const std::string& w : r.warnings) out += Tag("li", w) + "\n";
  return out + "</ul>\n</section>\n";
}

}  // namespace

std::string RenderReportHtml(const CampaignReport& r, Lang lang) {
  const std::string title = ReportTitle(r, lang);
  std::string out = std::string("<!DOCTYPE html>\n<html lang=\"") +
                    (lang == Lang::kJa ? "ja" : "en") +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
                    kCsp +
                    "\">\n<meta name=\"viewport\" "
                    "content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"renumber " +
                    HtmlEscape(r.version) + "\">\n" + Tag("title", title) +
                    "\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<header>\n" + Tag("h1", title) + "\n" +
         Tag("p", GeneratedLine(r, lang), "class=\"meta\"") + "\n" +
         Tag("p", SourceLine(r, lang), "class=\"meta\"") + "\n</header>\n";
  out += Totals(r, lang) + ChartSection(r, lang) + AccountTable(r, lang) +
         Details(r, lang) + Replies(r, lang) + Warnings(r, lang);
  return out + "</body>\n</html>\n";
}

}  // namespace renumber
