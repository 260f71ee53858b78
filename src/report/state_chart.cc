#include "src/report/state_chart.h"

#include <algorithm>
#include <cstdio>

#include "src/report/report_words.h"
#include "src/report/safe_text.h"

namespace renumber {
namespace {

// Geometry (SVG user units).
constexpr double kWidth = 880, kHeight = 300;
constexpr double kLeft = 48, kTop = 12, kPlotWidth = 620, kPlotHeight = 240;
constexpr double kLegendX = kLeft + kPlotWidth + 24;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The time step between axis labels: the first of these that leaves at
// most 7 labels.
int64_t TickSeconds(int64_t span) {
  static const int64_t kSteps[] = {
      1,     2,     5,     10,    15,     30,     60,     120,
      300,   600,   900,   1800,  3600,   7200,   10800,  21600,
      43200, 86400, 172800, 604800, 1209600, 2592000};
  for (int64_t s : kSteps)
    if (span / s <= 7) return s;
  return span / 7 + 1;
}

// The label of the tick at `utc_seconds`, in the campaign's offset.
std::string TickLabel(int64_t utc_seconds, int offset_minutes, int64_t step,
                      bool multi_day) {
  const std::string s = Timestamp::FromUnixSeconds(utc_seconds)
                            .ToRfc3339(offset_minutes);  // 2026-12-10T06:00:00
  if (step >= 86400) return s.substr(5, 5);                  // 12-10
  std::string clock = step < 60 ? s.substr(11, 8) : s.substr(11, 5);
  return multi_day ? s.substr(5, 5) + " " + clock : clock;
}

int AccountStep(int accounts) {
  for (int s : {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000})
    if (accounts / s <= 5) return s;
  return accounts / 5 + 1;
}

class Chart {
 public:
  Chart(const StateTimeline& t, int offset, Lang lang)
      : t_(t), offset_(offset), lang_(lang) {
    t0_ = t.points.front().at.unix_micros() / 1e6;
    double t1 = t.points.back().at.unix_micros() / 1e6;
    // Room after the last point, so the state it ends in is seen.
    const double span = std::max(t1 - t0_, 1.0);
    end_ = t1 + std::max(span * 0.06, 1.0);
  }

  std::string Draw() const {
    const std::string first = Timestamp::FromUnixMicros(
                                  static_cast<int64_t>(t0_ * 1e6))
                                  .ToRfc3339();
    const std::string last = t_.points.back().at.ToRfc3339();
    std::string svg =
        "<svg id=\"state-chart\" xmlns=\"http://www.w3.org/2000/svg\" "
        "role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
        "viewBox=\"0 0 " + Num(kWidth) + " " + Num(kHeight) +
        "\" width=\"" + Num(kWidth) + "\" height=\"" + Num(kHeight) + "\">\n";
    svg += "<title id=\"chart-title\">" +
           HtmlEscape(Tr(lang_, "creport.chart")) + "</title>\n";
    svg += "<desc id=\"chart-desc\">" +
           HtmlEscape(Tr(lang_, "creport.chart_desc", t_.accounts,
                         ReportTime(first, offset_) + " " +
                             OffsetLabel(offset_),
                         ReportTime(last, offset_))) +
           "</desc>\n";
    svg += Areas() + AccountAxis() + TimeAxis() + Legend();
    return svg + "</svg>\n";
  }

 private:
  double X(double seconds) const {
    return kLeft + (seconds - t0_) / (end_ - t0_) * kPlotWidth;
  }
  double Y(int accounts) const {
    const int n = std::max(t_.accounts, 1);
    return kTop + kPlotHeight - static_cast<double>(accounts) / n * kPlotHeight;
  }
  double At(size_t i) const { return t_.points[i].at.unix_micros() / 1e6; }

  // Accounts in states 0..k (stacked from the bottom) at point i.
  int Cumulative(size_t i, size_t k) const {
    int sum = 0;
    for (size_t j = 0; j <= k; ++j) sum += t_.points[i].counts[j];
    return sum;
  }

  // The step line through the cumulative counts of `k` (k < 0: zero),
  // left to right; the caller closes the polygon.
  std::vector<std::pair<double, double>> Steps(int k) const {
    std::vector<std::pair<double, double>> pts;
    const size_t n = t_.points.size();
    for (size_t i = 0; i < n; ++i) {
      const double y = k < 0 ? Y(0) : Y(Cumulative(i, k));
      const double x0 = X(At(i));
      const double x1 = i + 1 < n ? X(At(i + 1)) : X(end_);
      pts.push_back({x0, y});
      pts.push_back({x1, y});
    }
    return pts;
  }

  std::string Areas() const {
    std::string out;
    const auto& states = TimelineStates();
    for (size_t k = 0; k < states.size(); ++k) {
      bool any = false;
      for (const TimelinePoint& p : t_.points) any = any || p.counts[k] > 0;
      if (!any) continue;
      auto top = Steps(static_cast<int>(k));
      auto bottom = Steps(static_cast<int>(k) - 1);
      std::string d = "M";
      for (const auto& [x, y] : top) d += " " + Num(x) + "," + Num(y);
      for (auto it = bottom.rbegin(); it != bottom.rend(); ++it)
        d += " " + Num(it->first) + "," + Num(it->second);
      out += "<path class=\"area\" data-state=\"" + states[k] +
             "\" data-final=\"" +
             std::to_string(t_.points.back().counts[k]) + "\" fill=\"" +
             StateColor(states[k]) + "\" d=\"" + d + " Z\"><title>" +
             HtmlEscape(Shown(lang_, "state", states[k])) +
             "</title></path>\n";
    }
    return out;
  }

  std::string AccountAxis() const {
    std::string out = "<g class=\"axis\" font-size=\"11\" fill=\"#333\">\n";
    const int step = AccountStep(t_.accounts);
    for (int v = 0; v <= t_.accounts; v += step) {
      const double y = Y(v);
      out += "<line x1=\"" + Num(kLeft - 4) + "\" x2=\"" +
             Num(kLeft + kPlotWidth) + "\" y1=\"" + Num(y) + "\" y2=\"" +
             Num(y) + "\" stroke=\"#ddd\"/>\n<text x=\"" + Num(kLeft - 8) +
             "\" y=\"" + Num(y + 4) + "\" text-anchor=\"end\">" +
             std::to_string(v) + "</text>\n";
    }
    out += "<text x=\"12\" y=\"" + Num(kTop + kPlotHeight / 2) +
           "\" text-anchor=\"middle\" transform=\"rotate(-90 12 " +
           Num(kTop + kPlotHeight / 2) + ")\">" +
           HtmlEscape(Tr(lang_, "creport.chart_axis")) + "</text>\n";
    return out + "</g>\n";
  }

  std::string TimeAxis() const {
    const double bottom = kTop + kPlotHeight;
    std::string out = "<g class=\"axis\" font-size=\"11\" fill=\"#333\">\n";
    out += "<line x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kLeft + kPlotWidth) +
           "\" y1=\"" + Num(bottom) + "\" y2=\"" + Num(bottom) +
           "\" stroke=\"#333\"/>\n";
    const int64_t span = static_cast<int64_t>(end_ - t0_);
    const int64_t step = TickSeconds(std::max<int64_t>(span, 1));
    const int64_t offset_s = static_cast<int64_t>(offset_) * 60;
    // Ticks on whole steps of local time.
    const int64_t local0 = static_cast<int64_t>(t0_) + offset_s;
    int64_t tick = (local0 / step + (local0 % step != 0)) * step - offset_s;
    const bool multi_day =
        (static_cast<int64_t>(end_) + offset_s) / 86400 != local0 / 86400;
    for (; tick <= end_; tick += step) {
      const double x = X(static_cast<double>(tick));
      out += "<line x1=\"" + Num(x) + "\" x2=\"" + Num(x) + "\" y1=\"" +
             Num(bottom) + "\" y2=\"" + Num(bottom + 4) +
             "\" stroke=\"#333\"/>\n<text x=\"" + Num(x) + "\" y=\"" +
             Num(bottom + 16) + "\" text-anchor=\"middle\">" +
             TickLabel(tick, offset_, step, multi_day) + "</text>\n";
    }
    out += "<text x=\"" + Num(kLeft + kPlotWidth) + "\" y=\"" +
           Num(bottom + 32) + "\" text-anchor=\"end\">" +
           HtmlEscape(OffsetLabel(offset_)) + "</text>\n";
    return out + "</g>\n";
  }

  std::string Legend() const {
    std::string out = "<g class=\"legend\" font-size=\"12\" fill=\"#222\">\n";
    const auto& states = TimelineStates();
    double y = kTop + 4;
    // Top of the stack first, as the areas are read.
    for (size_t k = states.size(); k-- > 0;) {
      bool any = false;
      for (const TimelinePoint& p : t_.points) any = any || p.counts[k] > 0;
      if (!any) continue;
      out += "<g class=\"legend-item\" data-state=\"" + states[k] +
             "\"><rect x=\"" + Num(kLegendX) + "\" y=\"" + Num(y) +
             "\" width=\"12\" height=\"12\" fill=\"" + StateColor(states[k]) +
             "\"/><text x=\"" + Num(kLegendX + 18) + "\" y=\"" + Num(y + 10) +
             "\">" +
             HtmlEscape(Shown(lang_, "state", states[k]) +
                        Tr(lang_, "creport.paren",
                           t_.points.back().counts[k])) +
             "</text></g>\n";
      y += 20;
    }
    return out + "</g>\n";
  }

  const StateTimeline& t_;
  const int offset_;
  const Lang lang_;
  double t0_ = 0, end_ = 1;
};

}  // namespace

const char* StateColor(const std::string& state) {
  if (state == "cut-over") return "#009E73";
  if (state == "prepared") return "#56B4E9";
  if (state == "prepared-stale") return "#A6D8F2";
  if (state == "not-started") return "#0072B2";
  if (state == "partial") return "#E69F00";
  if (state == "missing") return "#D55E00";
  if (state == "unknown") return "#CC79A7";
  return "#BBBBBB";  // not-run
}

std::string StateChartSvg(const StateTimeline& timeline, int offset_minutes,
                          Lang lang) {
  if (timeline.points.empty()) return "";
  return Chart(timeline, offset_minutes, lang).Draw();
}

}  // namespace renumber
