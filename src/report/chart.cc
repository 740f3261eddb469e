#include "report/chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/format.h"

namespace lookout::report {

namespace {

// Colours for the series that keep 3:1 contrast with white and with each other's
// neighbours: Lookout's teal, then an orange, a purple and a green.
constexpr const char* kColours[] = {"#0b5563", "#b35900", "#5c3c8c", "#2b6b2b"};
constexpr const char* kText = "#0b0c0c";
constexpr const char* kMuted = "#484949";

// The layout, in the chart's units.
constexpr double kWidth = 640;
constexpr double kLabelWidth = 190;  // the category labels' column; the bars start after it
constexpr double kLabelGap = 6;      // between a category label and its bars
constexpr double kValueWidth = 60;   // room after the longest bar for its value
constexpr double kBar = 14;          // a bar's band: the bar and the gap under it
constexpr double kBarGap = 2;
constexpr double kRowGap = 12;
constexpr double kTop = 34;  // under the title
constexpr double kLegend = 24;
constexpr double kKey = 12;  // a legend key's side
constexpr double kBottom = 8;
constexpr double kEmpty = 30;  // the height of "No data"
constexpr double kTitleSize = 16;
constexpr double kBodySize = 13;
constexpr double kValueSize = 11;
constexpr const char* kWithheld = "[c]";

// The value as people read it: whole numbers with their thousands separated ("1,092"),
// others with one decimal.
std::string Number(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 9e15) {
    return Thousands(static_cast<int64_t>(std::llround(v)));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  }
  return buf;
}

// A coordinate in the SVG: one decimal is a tenth of a unit in 640.
std::string Coord(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v + 0.0);  // + 0.0: no "-0.0"
  return buf;
}

std::string SvgText(const BarChartLayout::Text& t) {
  std::string out = "<text x=\"" + Coord(t.x) + "\" y=\"" + Coord(t.y) + "\"";
  if (t.anchor == BarChartLayout::Anchor::kMiddle) out += " text-anchor=\"middle\"";
  if (t.anchor == BarChartLayout::Anchor::kEnd) out += " text-anchor=\"end\"";
  out += " font-size=\"" + Number(t.size) + "\"";
  if (t.bold) out += " font-weight=\"bold\"";
  out += " fill=\"" + t.colour + "\">" + HtmlEscape(t.content) + "</text>";
  return out;
}

std::string SvgRect(const BarChartLayout::Rect& r) {
  std::string out = "<rect x=\"" + Coord(r.x) + "\" y=\"" + Coord(r.y) + "\" width=\"" +
                    Coord(r.width) + "\" height=\"" + Coord(r.height) + "\" fill=\"" + r.colour +
                    "\"";
  if (r.title.empty()) return out + "/>";
  return out + "><title>" + HtmlEscape(r.title) + "</title></rect>";
}

}  // namespace

BarChartLayout LayOutBarChart(const BarChart& chart) {
  const double bar_area = kWidth - kLabelWidth - kValueWidth;
  const size_t n_series = chart.series.size();
  const double row = std::max<double>(1, static_cast<double>(n_series)) * kBar + kRowGap;
  const bool empty = chart.categories.empty() || chart.series.empty();
  const double legend = n_series > 1 ? kLegend : 0;

  BarChartLayout layout;
  layout.width = kWidth;
  layout.height = kTop + legend +
                  (empty ? kEmpty : row * static_cast<double>(chart.categories.size())) + kBottom;
  layout.texts.push_back({0, 18, BarChartLayout::Anchor::kStart, kTitleSize, true, kText,
                          chart.title, kWidth});
  if (empty) {
    layout.texts.push_back(
        {0, kTop + 16, BarChartLayout::Anchor::kStart, kBodySize, false, kMuted, "No data"});
    return layout;
  }

  double max = 0;
  for (const BarSeries& s : chart.series) {
    for (double v : s.values) {
      if (std::isfinite(v)) max = std::max(max, v);
    }
  }

  double y = kTop;
  if (n_series > 1) {
    double x = 0;
    for (size_t s = 0; s < n_series; ++s) {
      layout.rects.push_back({x, y, kKey, kKey, kColours[s % 4], ""});
      layout.texts.push_back({x + kKey + 6, y + kKey - 1, BarChartLayout::Anchor::kStart,
                              kBodySize, false, kText, chart.series[s].label});
      // A label's width guessed from its length: the layout measures no text.
      x += 28 + 8 * static_cast<double>(chart.series[s].label.size());
    }
    y += legend;
  }
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    const double top = y + static_cast<double>(c) * row;
    layout.texts.push_back({0, top + (row - kRowGap) / 2 + 4, BarChartLayout::Anchor::kStart,
                            kBodySize, false, kText, chart.categories[c],
                            kLabelWidth - kLabelGap});
    for (size_t s = 0; s < n_series; ++s) {
      const double v = c < chart.series[s].values.size() ? chart.series[s].values[c] : 0;
      const double w = max > 0 && v > 0 && std::isfinite(v) ? bar_area * v / max : 0;
      const double by = top + static_cast<double>(s) * kBar;
      // A value withheld under the disclosure rule (NaN) has no bar and reads "[c]".
      const std::string shown = std::isnan(v) ? std::string(kWithheld) : Number(v);
      layout.rects.push_back({kLabelWidth, by, w, kBar - kBarGap, kColours[s % 4],
                              chart.categories[c] + ", " + chart.series[s].label + ": " + shown});
      layout.texts.push_back({kLabelWidth + w + 4, by + kBar - 4, BarChartLayout::Anchor::kStart,
                              kValueSize, false, kText, shown});
    }
  }
  return layout;
}

std::string RenderBarChartSvg(const BarChart& chart) {
  const BarChartLayout layout = LayOutBarChart(chart);
  const std::string id = HtmlEscape(chart.id);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
                    Coord(layout.width) + " " + Coord(layout.height) + "\" width=\"" +
                    Coord(layout.width) + "\" height=\"" + Coord(layout.height) +
                    "\" aria-labelledby=\"" + id + "-title " + id + "-desc\"" +
                    " font-family=\"system-ui, sans-serif\">";
  svg += "<title id=\"" + id + "-title\">" + HtmlEscape(chart.title) + "</title>";
  svg += "<desc id=\"" + id + "-desc\">" + HtmlEscape(chart.description) + "</desc>";
  for (const BarChartLayout::Rect& r : layout.rects) svg += SvgRect(r);
  for (const BarChartLayout::Text& t : layout.texts) svg += SvgText(t);
  svg += "</svg>";
  return svg;
}

}  // namespace lookout::report
