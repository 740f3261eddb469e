#include "report/chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lookout::report {

namespace {

// Colours for the series that keep 3:1 contrast with white and with each other's
// neighbours: Lookout's teal, then an orange and a purple.
constexpr const char* kColours[] = {"#0b5563", "#b35900", "#5c3c8c", "#2b6b2b"};

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Number(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  }
  return buf;
}

std::string Coord(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string RenderBarChartSvg(const BarChart& chart) {
  constexpr double kWidth = 640;
  constexpr double kLabelWidth = 190;
  constexpr double kValueWidth = 60;
  constexpr double kBar = 14;
  constexpr double kRowGap = 12;
  constexpr double kTop = 34;
  const double bar_area = kWidth - kLabelWidth - kValueWidth;
  const size_t n_series = chart.series.size();
  const double row = std::max<double>(1, static_cast<double>(n_series)) * kBar + kRowGap;
  const bool empty = chart.categories.empty() || chart.series.empty();
  const double legend = n_series > 1 ? 24 : 0;
  const double height = kTop + legend + (empty ? 30 : row * static_cast<double>(chart.categories.size())) + 8;

  double max = 0;
  for (const BarSeries& s : chart.series) {
    for (double v : s.values) max = std::max(max, v);
  }

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
                    Coord(kWidth) + " " + Coord(height) + "\" width=\"" + Coord(kWidth) +
                    "\" height=\"" + Coord(height) + "\" aria-labelledby=\"" + chart.id + "-title " +
                    chart.id + "-desc\"" +
                    " font-family=\"system-ui, sans-serif\" font-size=\"13\">";
  svg += "<title id=\"" + chart.id + "-title\">" + Escape(chart.title) + "</title>";
  svg += "<desc id=\"" + chart.id + "-desc\">" + Escape(chart.description) + "</desc>";
  svg += "<text x=\"0\" y=\"18\" font-size=\"16\" font-weight=\"bold\" fill=\"#0b0c0c\">" +
         Escape(chart.title) + "</text>";
  if (empty) {
    svg += "<text x=\"0\" y=\"" + Coord(kTop + 16) + "\" fill=\"#484949\">No data</text></svg>";
    return svg;
  }
  double y = kTop;
  if (n_series > 1) {
    double x = 0;
    for (size_t s = 0; s < n_series; ++s) {
      svg += "<rect x=\"" + Coord(x) + "\" y=\"" + Coord(y) + "\" width=\"12\" height=\"12\" fill=\"" +
             kColours[s % 4] + "\"/>";
      svg += "<text x=\"" + Coord(x + 18) + "\" y=\"" + Coord(y + 11) + "\" fill=\"#0b0c0c\">" +
             Escape(chart.series[s].label) + "</text>";
      x += 28 + 8 * static_cast<double>(chart.series[s].label.size());
    }
    y += legend;
  }
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    const double top = y + static_cast<double>(c) * row;
    svg += "<text x=\"0\" y=\"" + Coord(top + (row - kRowGap) / 2 + 4) + "\" fill=\"#0b0c0c\">" +
           Escape(chart.categories[c]) + "</text>";
    for (size_t s = 0; s < n_series; ++s) {
      const double v = c < chart.series[s].values.size() ? chart.series[s].values[c] : 0;
      const double w = max > 0 ? bar_area * v / max : 0;
      const double by = top + static_cast<double>(s) * kBar;
      svg += "<rect x=\"" + Coord(kLabelWidth) + "\" y=\"" + Coord(by) + "\" width=\"" + Coord(w) +
             "\" height=\"" + Coord(kBar - 2) + "\" fill=\"" + kColours[s % 4] + "\"><title>" +
             Escape(chart.categories[c] + ", " + chart.series[s].label + ": " + Number(v)) +
             "</title></rect>";
      svg += "<text x=\"" + Coord(kLabelWidth + w + 4) + "\" y=\"" + Coord(by + kBar - 4) +
             "\" font-size=\"11\" fill=\"#0b0c0c\">" + Number(v) + "</text>";
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace lookout::report
