#include "report/chart.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <string_view>

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
constexpr double kLine = 15;          // a category label's line height
constexpr size_t kMaxLabelLines = 3;  // longer labels end in an ellipsis (the table has them)
constexpr const char* kEllipsis = "\u2026";

// How wide `text` is at `size`, guessed from its characters at least as wide as DejaVu Sans
// (the PDF's font, and wider than the browsers' system fonts) draws them: the layout
// measures no text, so the guess errs on the wide side.
double EstimatedWidth(std::string_view text, double size) {
  double em = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if ((c & 0xc0) != 0x80) em += 1.0;  // a character beyond ASCII: counted as wide
      continue;
    }
    if (std::string_view(" iljI.,:;'|!").find(static_cast<char>(c)) != std::string_view::npos) {
      em += 0.34;
    } else if (std::string_view("ftr()[]-/").find(static_cast<char>(c)) != std::string_view::npos) {
      em += 0.45;
    } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
      em += 1.02;
    } else if (std::isupper(c) != 0) {
      em += 0.8;
    } else {
      em += 0.66;
    }
  }
  return em * size;
}

// The longest start of `text` that fits `width` with an ellipsis after it, and the ellipsis.
std::string Shortened(std::string text, double width, double size) {
  while (!text.empty() && EstimatedWidth(text + kEllipsis, size) > width) {
    text.pop_back();
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xc0) == 0x80) text.pop_back();
    if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xc0) text.pop_back();
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text + kEllipsis;
}

// `text` in lines of at most `width`, broken between words; a line still too wide (one
// long word, or the last line with the words that did not fit in `max_lines`) ends in an
// ellipsis.
std::vector<std::string> WrapLabel(const std::string& text, double width, double size, size_t max_lines) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::vector<std::string> lines;
  size_t w = 0;
  while (w < words.size() && lines.size() < max_lines) {
    std::string line = words[w++];
    while (w < words.size() && EstimatedWidth(line + " " + words[w], size) <= width) line += " " + words[w++];
    lines.push_back(std::move(line));
  }
  for (; w < words.size(); ++w) lines.back() += " " + words[w];
  for (std::string& line : lines) {
    if (EstimatedWidth(line, size) > width) line = Shortened(line, width, size);
  }
  if (lines.empty()) lines.emplace_back();
  return lines;
}

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
  const double bars = std::max<double>(1, static_cast<double>(n_series)) * kBar;
  const bool empty = chart.categories.empty() || chart.series.empty();
  const double legend = n_series > 1 ? kLegend : 0;
  // Each category's label in as many lines as it needs (up to kMaxLabelLines), and its
  // row as tall as the taller of its label and its bars.
  std::vector<std::vector<std::string>> labels;
  double rows_height = 0;
  for (const std::string& category : chart.categories) {
    labels.push_back(WrapLabel(category, kLabelWidth - kLabelGap, kBodySize, kMaxLabelLines));
    rows_height += std::max(bars, kLine * static_cast<double>(labels.back().size())) + kRowGap;
  }

  BarChartLayout layout;
  layout.width = kWidth;
  layout.height = kTop + legend + (empty ? kEmpty : rows_height) + kBottom;
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
      x += std::ceil(kKey + 6 + EstimatedWidth(chart.series[s].label, kBodySize) + 16);
    }
    y += legend;
  }
  for (size_t c = 0; c < chart.categories.size(); ++c) {
    const double label_height = kLine * static_cast<double>(labels[c].size());
    const double content = std::max(bars, label_height);
    const double label_top = y + (content - label_height) / 2;
    for (size_t l = 0; l < labels[c].size(); ++l) {
      layout.texts.push_back({0, label_top + kLine * static_cast<double>(l) + kLine / 2 + 4,
                              BarChartLayout::Anchor::kStart, kBodySize, false, kText,
                              labels[c][l], kLabelWidth - kLabelGap});
    }
    const double top = y + std::floor((content - bars) / 2);
    y += content + kRowGap;
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
