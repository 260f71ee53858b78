// The report's chart: accounts by state over the campaign's time, as one
// inline SVG element drawn here (stacked step areas, a time axis in the
// campaign's offset, an account axis, a legend with the final counts).
//
// Drawn by us rather than by a charting library: the report must work with
// no script at all (in a mail attachment, a ticket system's preview, a
// printout, a browser with JavaScript off) and hold nothing fetched from a
// network; a stacked step chart is ~200 lines of SVG arithmetic, while any
// JS library would need vendoring, a licence review and a script the
// page's Content-Security-Policy must allow.
//
// Element ids and classes for tests and styling: the <svg> is
// id="state-chart"; each state's area is <path class="area"
// data-state="prepared" data-final="N">; legend entries are
// <g class="legend-item" data-state=...>.
//
// Pure function; thread-safe.
#ifndef RENUMBER_REPORT_STATE_CHART_H_
#define RENUMBER_REPORT_STATE_CHART_H_

#include <string>

#include "src/i18n/i18n.h"
#include "src/report/state_timeline.h"

namespace renumber {

// "" when the timeline has no point.
std::string StateChartSvg(const StateTimeline& timeline, int offset_minutes,
                          Lang lang);

// The fill colour of a state's area (Okabe–Ito palette: tells the states
// apart with the common colour-vision deficiencies).
const char* StateColor(const std::string& state);

}  // namespace renumber

#endif  // RENUMBER_REPORT_STATE_CHART_H_
