#include "src/report/state_chart.h"

#include <gtest/gtest.h>

#include <regex>

#include "src/report/report_test_util.h"

namespace renumber {
namespace {

int Occurrences(const std::string& s, const std::string& what) {
  int n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1))
    ++n;
  return n;
}

TEST(StateChartTest, StackedAreasLegendAndAxes) {
  CampaignReport r = SampleReport();
  const std::string svg =
      StateChartSvg(r.timeline, r.offset_minutes, Lang::kEn);
  ASSERT_EQ(svg.rfind("<svg id=\"state-chart\"", 0), 0u) << svg;
  EXPECT_EQ(Occurrences(svg, "<svg"), 1);
  EXPECT_EQ(Occurrences(svg, "</svg>"), 1);
  // Areas only for states that occur, with their final counts.
  EXPECT_NE(svg.find("data-state=\"cut-over\" data-final=\"1\""),
            std::string::npos);
  EXPECT_NE(svg.find("data-state=\"prepared\" data-final=\"1\""),
            std::string::npos);
  EXPECT_NE(svg.find("data-state=\"not-run\" data-final=\"1\""),
            std::string::npos);
  EXPECT_EQ(svg.find("data-state=\"missing\""), std::string::npos);
  EXPECT_EQ(Occurrences(svg, "class=\"area\""),
            Occurrences(svg, "class=\"legend-item\""));
  EXPECT_NE(svg.find(">cut over (1)</text>"), std::string::npos);
  // Ten days of campaign: a label every two days, at midnight in the
  // plan's offset.
  EXPECT_NE(svg.find(">12-03</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">12-11</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("UTC+09:00"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
  // Every coordinate inside the view box.
  std::regex number("[ M](-?[0-9]+\\.[0-9]),(-?[0-9]+\\.[0-9])");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), number);
       it != std::sregex_iterator(); ++it) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    EXPECT_GE(x, 0);
    EXPECT_LE(x, 880);
    EXPECT_GE(y, 0);
    EXPECT_LE(y, 300);
  }
}

TEST(StateChartTest, OnePointAndJapanese) {
  StateTimeline t;
  t.accounts = 2;
  t.points.push_back(
      {Timestamp::FromUnixSeconds(1800000000), {0, 2, 0, 0, 0, 0, 0, 0}});
  const std::string svg = StateChartSvg(t, 540, Lang::kJa);
  EXPECT_NE(svg.find("状態別アカウント数の推移"), std::string::npos);
  EXPECT_NE(svg.find(">事前設定済み（2）</text>"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_NE(svg.find(":"), std::string::npos) << "second labels";
  EXPECT_EQ(StateChartSvg(StateTimeline{}, 0, Lang::kEn), "");
}

}  // namespace
}  // namespace renumber
