#include "src/report/report_markdown.h"

#include <gtest/gtest.h>

#include "src/report/report_test_util.h"

namespace renumber {
namespace {

TEST(ReportMarkdownTest, SectionsTablesAndReplies) {
  const std::string md = RenderReportMarkdown(SampleReport(), Lang::kEn);
  EXPECT_EQ(md.rfind("# Campaign report: plan-2026-12\n", 0), 0u) << md;
  EXPECT_NE(md.find("| Accounts | 4 |"), std::string::npos);
  EXPECT_NE(md.find("| Need attention | 1 |"), std::string::npos);
  EXPECT_NE(md.find("- By state: 1 cut over, 1 prepared, 2 unknown"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| C-1/ess | cut over | done | cut over | - | "
                    "2026-12-11 06:05 | alice | - |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("```text\nお客様ID: C-1\n"), std::string::npos);
  EXPECT_NE(md.find("```text\nCustomer ID: C-3\n"), std::string::npos);
  EXPECT_NE(md.find("  - host name mail.c1.example.jp"), std::string::npos);
}

TEST(ReportMarkdownTest, NothingFormatsOrReachesTheTerminal) {
  const std::string md = RenderReportMarkdown(SampleReport(true), Lang::kJa);
  for (char c = 0; c < 0x20; ++c) {
    if (c == '\n') continue;
    EXPECT_EQ(md.find(c), std::string::npos) << int(c);
  }
  EXPECT_EQ(md.find("\xc2\x9b"), std::string::npos);
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_EQ(md.find("<b>"), std::string::npos);
  // The pipe in the error does not split its table row.
  EXPECT_NE(md.find("&lt;b&gt;refused&lt;/b&gt; \\| x |"), std::string::npos)
      << md;
  EXPECT_EQ(md.find(kCanarySecret), std::string::npos);
}

}  // namespace
}  // namespace renumber
