// Charts as a model drawn by renderers: SVG for the web pages and the HTML report (and,
// with the impact report, cairo for the PDF), so every format shows the same drawing.
#ifndef LOOKOUT_REPORT_CHART_H_
#define LOOKOUT_REPORT_CHART_H_

#include <string>
#include <vector>

namespace lookout::report {

struct BarSeries {
  std::string label;            // "Professionals"
  std::vector<double> values;   // one per category
};

// Horizontal bars: one row per category, one bar per series in each row.
struct BarChart {
  std::string title;                    // the chart's accessible name
  std::string description;              // what it shows, for screen readers
  std::vector<std::string> categories;  // "East Midlands", ...
  std::vector<BarSeries> series;
  std::string id = "chart";             // unique in its page: the ids of the title and
                                        // description start with it
};

// The chart as an SVG element that scales to the width it is given. Accessible: role
// "img" with <title> and <desc>; each bar has a <title> with its category, series and
// value. Styled with presentation attributes only (the pages' Content-Security-Policy
// allows no inline style). Text is XML-escaped. An empty chart (no category or series)
// draws its title and "No data".
std::string RenderBarChartSvg(const BarChart& chart);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_CHART_H_
