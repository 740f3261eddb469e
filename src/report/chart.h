// Charts as a model drawn by renderers: SVG for the web pages and the HTML report (and,
// with the impact report, cairo for the PDF), so every format shows the same drawing.
#ifndef LOOKOUT_REPORT_CHART_H_
#define LOOKOUT_REPORT_CHART_H_

#include <string>
#include <vector>

namespace lookout::report {

struct BarSeries {
  std::string label;            // "Professionals"
  std::vector<double> values;   // one per category; NaN: withheld (no bar, labelled "[c]")
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

// A chart laid out: what to draw and where, in the chart's own units (the SVG's viewBox,
// y downwards). The renderers (RenderBarChartSvg here, DrawBarChart in chart_cairo.h) only
// walk it, so the web pages, the HTML report and the PDF show the same drawing. Colours are
// "#rrggbb". Renderers paint the rects, then the texts.
struct BarChartLayout {
  enum class Anchor { kStart, kMiddle, kEnd };  // which point of the text `x` is

  struct Text {
    double x = 0;
    double y = 0;  // the baseline
    Anchor anchor = Anchor::kStart;
    double size = 13;
    bool bold = false;
    std::string colour;
    std::string content;  // plain text, not escaped
    // The room it has (0: any). A renderer that measures text may shorten what is wider.
    double max_width = 0;
  };

  struct Rect {
    double x = 0;
    double y = 0;
    double width = 0;  // 0 for a bar whose value is 0 (or less)
    double height = 0;
    std::string colour;
    // A bar's tooltip, "East Midlands, Professionals: 200"; empty for a legend key.
    std::string title;
    bool is_bar() const { return !title.empty(); }
  };

  double width = 0;
  double height = 0;
  std::vector<Rect> rects;   // the legend's keys, then the bars row by row
  std::vector<Text> texts;   // the title, the legend, the categories and the values
};

// Lays out `chart`: 640 wide and as tall as its legend (when it has more than one series)
// and rows need. One row per category with a bar per series, each as long as its value is
// to the largest value; the value beside it. A category's label is wrapped between words
// into as many as three lines of the label column, its row as tall as they need; what is
// longer still ends in an ellipsis (the bar's title and the table the chart illustrates
// have the whole label). Pure: it measures no text, and guesses widths on the wide side
// of the fonts it is drawn in, so a renderer never needs to shorten a label.
BarChartLayout LayOutBarChart(const BarChart& chart);

// The chart as an SVG element that scales to the width it is given. Accessible: role
// "img" with <title> and <desc>; each bar has a <title> with its category, series and
// value. Styled with presentation attributes only (the pages' Content-Security-Policy
// allows no inline style). Text is XML-escaped. An empty chart (no category or series)
// draws its title and "No data".
std::string RenderBarChartSvg(const BarChart& chart);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_CHART_H_
