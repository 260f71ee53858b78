#include "src/report/report_html.h"

#include <gtest/gtest.h>

#include <regex>

#include "src/report/report_test_util.h"

namespace renumber {
namespace {

TEST(ReportHtmlTest, SelfContainedPage) {
  const std::string html = RenderReportHtml(SampleReport(), Lang::kEn);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src "
                      "'none'"),
            std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  // The only URL is the SVG namespace, which is a name, not a fetch.
  std::regex url("(https?:)?//[A-Za-z0-9.-]+");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), url);
       it != std::sregex_iterator(); ++it)
    EXPECT_EQ(it->str(), "http://www.w3.org") << it->str();
  EXPECT_NE(html.find("<svg id=\"state-chart\""), std::string::npos);
  EXPECT_TRUE(html.size() > 1000 && html.substr(html.size() - 8) == "</html>\n");
}

TEST(ReportHtmlTest, TotalsAccountsRepliesAndEscaping) {
  const std::string html = RenderReportHtml(SampleReport(), Lang::kJa);
  EXPECT_NE(html.find("<html lang=\"ja\">"), std::string::npos);
  EXPECT_NE(html.find("data-total=\"accounts\">4</dd>"), std::string::npos);
  EXPECT_NE(html.find("data-total=\"customers\">3</dd>"), std::string::npos);
  EXPECT_NE(html.find("data-total=\"attention\">1</dd>"), std::string::npos);
  EXPECT_NE(html.find("data-total=\"dns-work\">1</dd>"), std::string::npos);
  EXPECT_NE(html.find("data-total=\"hidden-origins\">1</dd>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr class=\"attention\"><td><a href=\"#account-2\">"
                      "C-2/ess</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<article class=\"reply\" data-customer=\"C-1\">"),
            std::string::npos);
  EXPECT_NE(html.find("<pre lang=\"ja\">お客様ID: C-1"), std::string::npos);
  EXPECT_NE(html.find("<pre lang=\"en\">Customer ID: C-1"), std::string::npos);
  // The hostile ticket and error, shown as text.
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("ZL-2\\x1B[2J&lt;script&gt;alert(1)&lt;/script&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;refused&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
  EXPECT_EQ(html.find('\x07'), std::string::npos);
  EXPECT_EQ(html.find(kCanarySecret), std::string::npos);
  EXPECT_NE(html.find("id=\"warnings\""), std::string::npos);
}

TEST(ReportHtmlTest, LiveAndEmpty) {
  const std::string live = RenderReportHtml(SampleReport(true), Lang::kEn);
  EXPECT_NE(live.find("A read-only verify ran at 2026-12-11 08:59"),
            std::string::npos);
  EXPECT_NE(live.find("By monitoring verdict</th><td>1 OK, 2 CRITICAL, 1 "
                      "UNKNOWN</td>"),
            std::string::npos);
  CampaignReport empty;
  empty.version = "x";
  const std::string html = RenderReportHtml(empty, Lang::kEn);
  EXPECT_NE(html.find("No run is recorded yet."), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("Campaign report: all campaigns"), std::string::npos);
}

}  // namespace
}  // namespace renumber
