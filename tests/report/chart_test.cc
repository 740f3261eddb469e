#include "report/chart.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "report/chart_cairo.h"

namespace lookout::report {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Rect = BarChartLayout::Rect;
using Text = BarChartLayout::Text;

std::vector<Rect> Bars(const BarChartLayout& layout) {
  std::vector<Rect> bars;
  for (const Rect& r : layout.rects) {
    if (r.is_bar()) bars.push_back(r);
  }
  return bars;
}

std::vector<std::string> Contents(const BarChartLayout& layout) {
  std::vector<std::string> out;
  for (const Text& t : layout.texts) out.push_back(t.content);
  return out;
}

// Three regions, two series; every bar a whole number of units long (the bar area is 390
// wide, the largest value 300).
BarChart ThreeByTwo() {
  return {"People reached by region", "Professionals and young people reached",
          {"East Midlands", "Wales", "North East"},
          {{"Professionals", {300, 150, 60}}, {"Young people", {30, 0, 100}}}};
}

TEST(BarChartLayout, HasABarPerCategoryAndSeriesAsLongAsItsValueInItsCategorysRow) {
  const BarChartLayout layout = LayOutBarChart(ThreeByTwo());
  EXPECT_DOUBLE_EQ(layout.width, 640);
  const std::vector<Rect> bars = Bars(layout);
  ASSERT_EQ(bars.size(), 6u);  // row by row: category 0's two series, then category 1's, ...
  EXPECT_EQ(bars[0].title, "East Midlands, Professionals: 300");
  EXPECT_EQ(bars[1].title, "East Midlands, Young people: 30");
  EXPECT_EQ(bars[5].title, "North East, Young people: 100");

  // The largest value is the widest bar, and the others are in proportion to it.
  for (size_t i = 1; i < bars.size(); ++i) EXPECT_GT(bars[0].width, bars[i].width) << i;
  EXPECT_DOUBLE_EQ(bars[2].width, bars[0].width / 2);
  EXPECT_DOUBLE_EQ(bars[4].width, bars[0].width / 5);
  EXPECT_DOUBLE_EQ(bars[1].width, bars[0].width / 10);
  // Every bar starts at the same x, after the category labels, and all fit in the chart
  // with room for the value after them.
  for (const Rect& bar : bars) {
    EXPECT_DOUBLE_EQ(bar.x, bars[0].x);
    EXPECT_GT(bar.height, 0);
  }
  EXPECT_GT(bars[0].x, 0);
  EXPECT_LT(bars[0].x + bars[0].width, layout.width);

  // A category's bars share its row's band, one under the other; the rows follow each other
  // down the chart without overlapping, and the category's label sits beside its bars.
  for (size_t c = 0; c < 3; ++c) {
    const Rect& first = bars[2 * c];
    const Rect& second = bars[2 * c + 1];
    EXPECT_GE(second.y, first.y + first.height) << c;
    if (c > 0) {
      EXPECT_GT(first.y, bars[2 * c - 1].y + bars[2 * c - 1].height) << c;
    }
    const std::string category = ThreeByTwo().categories[c];
    bool labelled = false;
    for (const Text& t : layout.texts) {
      if (t.content != category) continue;
      labelled = true;
      EXPECT_LT(t.x, first.x);
      EXPECT_GT(t.y, first.y);
      EXPECT_LE(t.y, second.y + second.height);
      EXPECT_GT(t.max_width, 0);  // a renderer that measures text keeps it in its column
      EXPECT_LE(t.x + t.max_width, first.x);
    }
    EXPECT_TRUE(labelled) << category;
  }
  EXPECT_LE(bars[5].y + bars[5].height, layout.height);

  // A series has one colour, in its bars and its legend key.
  EXPECT_NE(bars[0].colour, bars[1].colour);
  for (size_t i = 0; i < bars.size(); ++i) EXPECT_EQ(bars[i].colour, bars[i % 2].colour);
  ASSERT_EQ(layout.rects.size(), 8u);
  EXPECT_FALSE(layout.rects[0].is_bar());
  EXPECT_FALSE(layout.rects[1].is_bar());
  EXPECT_EQ(layout.rects[0].colour, bars[0].colour);
  EXPECT_EQ(layout.rects[1].colour, bars[1].colour);

  // The title first, in bold and larger; then the legend; a value beside each bar.
  EXPECT_THAT(Contents(layout),
              ElementsAre("People reached by region", "Professionals", "Young people",
                          "East Midlands", "300", "30", "Wales", "150", "0", "North East", "60",
                          "100"));
  EXPECT_TRUE(layout.texts[0].bold);
  EXPECT_GT(layout.texts[0].size, layout.texts[1].size);
  EXPECT_GT(layout.texts[4].x, bars[0].x + bars[0].width);  // "300" after its bar
}

TEST(BarChartLayout, GivesZeroValuesZeroWidthBarsThatStillHaveTheirTitle) {
  BarChart chart{"Reach", "", {"East Midlands", "Wales"},
                 {{"Professionals", {12, 0}}, {"Young people", {0, -3}}}};
  std::vector<Rect> bars = Bars(LayOutBarChart(chart));
  ASSERT_EQ(bars.size(), 4u);
  EXPECT_GT(bars[0].width, 0);
  EXPECT_DOUBLE_EQ(bars[1].width, 0);
  EXPECT_DOUBLE_EQ(bars[2].width, 0);
  EXPECT_DOUBLE_EQ(bars[3].width, 0);  // less than nothing draws nothing
  EXPECT_EQ(bars[2].title, "Wales, Professionals: 0");

  // Nothing but zeros: every bar is empty (and nothing is divided by zero).
  chart.series = {{"Professionals", {0, 0}}};
  bars = Bars(LayOutBarChart(chart));
  ASSERT_EQ(bars.size(), 2u);
  for (const Rect& bar : bars) EXPECT_DOUBLE_EQ(bar.width, 0);
}

TEST(BarChartLayout, LaysOutAnEmptyChartAsItsTitleAndNoData) {
  for (const BarChart& chart :
       {BarChart{"Reach", "", {}, {}}, BarChart{"Reach", "", {"Wales"}, {}},
        BarChart{"Reach", "", {}, {{"Professionals", {}}, {"Young people", {}}}}}) {
    const BarChartLayout layout = LayOutBarChart(chart);
    EXPECT_TRUE(layout.rects.empty());
    EXPECT_THAT(Contents(layout), ElementsAre("Reach", "No data"));
    EXPECT_GT(layout.texts[1].y, layout.texts[0].y);
    EXPECT_LT(layout.texts[1].y, layout.height);
  }
}

TEST(BarChartSvg, DrawsABarPerValueScaledToTheLargestWithAccessibleText) {
  BarChart chart{"People reached by region", "Professionals and young people reached",
                 {"East Midlands", "Wales"},
                 {{"Professionals", {200, 100}}, {"Young people", {50, 0}}}};
  const std::string svg = RenderBarChartSvg(chart);
  EXPECT_THAT(svg, HasSubstr("role=\"img\""));
  EXPECT_THAT(svg, HasSubstr("<title id=\"chart-title\">People reached by region</title>"));
  EXPECT_THAT(svg, HasSubstr("<desc id=\"chart-desc\">"));
  // The largest value spans the bar area (640 - 190 - 60 = 390); half of it, half.
  EXPECT_THAT(svg, HasSubstr("width=\"390.0\" height=\"12.0\" fill=\"#0b5563\"><title>East Midlands, Professionals: 200</title>"));
  EXPECT_THAT(svg, HasSubstr("width=\"195.0\""));
  EXPECT_THAT(svg, HasSubstr("<title>Wales, Young people: 0</title>"));
  EXPECT_THAT(svg, Not(HasSubstr("style=")));  // the pages' CSP allows no inline style
}

TEST(BarChartSvg, EscapesTextAndSaysWhenThereIsNoData) {
  BarChart chart{"Reach <by> \"region\" & sector", "", {}, {}};
  const std::string svg = RenderBarChartSvg(chart);
  EXPECT_THAT(svg, HasSubstr("Reach &lt;by&gt; &quot;region&quot; &amp; sector"));
  EXPECT_THAT(svg, HasSubstr("No data"));
  EXPECT_THAT(svg, Not(HasSubstr("<by>")));
}

// Every rect and text of the layout is in the SVG, where the layout puts it, and nothing
// else is drawn; numbers are written with one decimal at most.
TEST(BarChartSvg, DrawsItsLayout) {
  BarChart chart = ThreeByTwo();
  chart.series[1].values[2] = 100.0 / 3;  // a bar 43.333... long
  const BarChartLayout layout = LayOutBarChart(chart);
  const std::string svg = RenderBarChartSvg(chart);

  const std::regex rect(
      "<rect x=\"([^\"]*)\" y=\"([^\"]*)\" width=\"([^\"]*)\" height=\"([^\"]*)\" "
      "fill=\"([^\"]*)\"(/>|><title>([^<]*)</title></rect>)");
  std::vector<Rect> drawn;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator();
       ++it) {
    const std::smatch& m = *it;
    drawn.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5],
                     m[7]});
  }
  ASSERT_EQ(drawn.size(), layout.rects.size());
  for (size_t i = 0; i < drawn.size(); ++i) {
    EXPECT_NEAR(drawn[i].x, layout.rects[i].x, 0.05) << i;
    EXPECT_NEAR(drawn[i].y, layout.rects[i].y, 0.05) << i;
    EXPECT_NEAR(drawn[i].width, layout.rects[i].width, 0.05) << i;
    EXPECT_NEAR(drawn[i].height, layout.rects[i].height, 0.05) << i;
    EXPECT_EQ(drawn[i].colour, layout.rects[i].colour) << i;
    EXPECT_EQ(drawn[i].title, layout.rects[i].title) << i;
  }
  size_t rects = 0;
  for (size_t at = svg.find("<rect"); at != std::string::npos; at = svg.find("<rect", at + 1)) {
    ++rects;
  }
  EXPECT_EQ(rects, layout.rects.size());

  const std::regex text("<text x=\"([^\"]*)\" y=\"([^\"]*)\" font-size=\"([^\"]*)\"( "
                        "font-weight=\"bold\")? fill=\"([^\"]*)\">([^<]*)</text>");
  std::vector<Text> texts;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text); it != std::sregex_iterator();
       ++it) {
    const std::smatch& m = *it;
    Text t;
    t.x = std::stod(m[1]);
    t.y = std::stod(m[2]);
    t.size = std::stod(m[3]);
    t.bold = m[4].matched;
    t.colour = m[5];
    t.content = m[6];
    texts.push_back(t);
  }
  ASSERT_EQ(texts.size(), layout.texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_NEAR(texts[i].x, layout.texts[i].x, 0.05) << i;
    EXPECT_NEAR(texts[i].y, layout.texts[i].y, 0.05) << i;
    EXPECT_DOUBLE_EQ(texts[i].size, layout.texts[i].size) << i;
    EXPECT_EQ(texts[i].bold, layout.texts[i].bold) << i;
    EXPECT_EQ(texts[i].colour, layout.texts[i].colour) << i;
    EXPECT_EQ(texts[i].content, layout.texts[i].content) << i;
  }
  EXPECT_THAT(svg, HasSubstr("width=\"43.3\""));
  EXPECT_THAT(svg, Not(HasSubstr("43.33")));
  EXPECT_THAT(svg, HasSubstr("viewBox=\"0 0 640.0 " +
                             std::to_string(static_cast<int>(layout.height)) + ".0\""));
}

// The chart drawn with cairo onto white, one pixel a unit.
struct Drawn {
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface{
      nullptr, &cairo_surface_destroy};
  uint32_t At(int x, int y) const {
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    return *reinterpret_cast<const uint32_t*>(data + y * stride + x * 4) & 0xffffff;
  }
};

Drawn DrawOnWhite(const BarChart& chart) {
  const ChartSize size = BarChartSize(chart);
  Drawn drawn;
  drawn.surface.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(size.width),
                                                 static_cast<int>(size.height)));
  cairo_t* cr = cairo_create(drawn.surface.get());
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  DrawBarChart(cr, chart);
  cairo_destroy(cr);
  cairo_surface_flush(drawn.surface.get());
  return drawn;
}

uint32_t Rgb(const std::string& hex) {
  return static_cast<uint32_t>(std::strtoul(hex.c_str() + 1, nullptr, 16));
}

// cairo fills the layout's rects, exactly: every pixel of a series' colour is in one of
// them, and every pixel of them has it. (The layout's rects are whole units here, so no
// edge is blended.)
TEST(BarChartCairo, FillsTheRectsOfItsLayout) {
  const BarChart chart = ThreeByTwo();
  const BarChartLayout layout = LayOutBarChart(chart);
  const ChartSize size = BarChartSize(chart);
  EXPECT_DOUBLE_EQ(size.width, layout.width);
  EXPECT_DOUBLE_EQ(size.height, layout.height);

  const Drawn drawn = DrawOnWhite(chart);
  std::map<uint32_t, int> expected;  // pixels by colour
  for (const Rect& r : layout.rects) {
    expected[Rgb(r.colour)] += static_cast<int>(r.width * r.height);
    if (r.width > 0) {
      EXPECT_EQ(drawn.At(static_cast<int>(r.x + r.width / 2), static_cast<int>(r.y + r.height / 2)),
                Rgb(r.colour))
          << r.title;
    }
  }
  ASSERT_EQ(expected.size(), 2u);
  std::map<uint32_t, int> counted;
  for (int y = 0; y < static_cast<int>(layout.height); ++y) {
    for (int x = 0; x < static_cast<int>(layout.width); ++x) {
      const uint32_t pixel = drawn.At(x, y);
      if (expected.count(pixel) > 0) ++counted[pixel];
    }
  }
  EXPECT_EQ(counted, expected);
}

// What cairo draws stays in the layout's box, from the title at the top to the last bar,
// long labels shortened to fit.
TEST(BarChartCairo, InksWithinItsLayout) {
  BarChart chart = ThreeByTwo();
  chart.title = "A title much longer than the chart is wide, " + std::string(200, 'x');
  chart.categories[1] = "A region whose name is far wider than the column for the names";
  const BarChartLayout layout = LayOutBarChart(chart);
  cairo_surface_t* surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr);
  cairo_t* cr = cairo_create(surface);
  DrawBarChart(cr, chart);
  cairo_destroy(cr);
  double x = 0, y = 0, width = 0, height = 0;
  cairo_recording_surface_ink_extents(surface, &x, &y, &width, &height);
  cairo_surface_destroy(surface);
  EXPECT_GE(x, 0);
  EXPECT_LT(x, 2);   // the title and the labels start at the left edge
  EXPECT_GE(y, 0);
  EXPECT_LT(y, layout.texts[0].y);  // the title's top
  EXPECT_LE(x + width, layout.width);
  EXPECT_LE(y + height, layout.height);
  const Rect& last = layout.rects.back();
  EXPECT_GE(y + height, last.y + last.height);
}

// How wide pango draws a text of the layout in the PDF's font (as chart_cairo.cc does).
double DrawnWidth(const Text& text) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t* cr = cairo_create(surface);
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
  pango_font_description_set_absolute_size(font, text.size * PANGO_SCALE);
  if (text.bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_text(layout, text.content.c_str(), static_cast<int>(text.content.size()));
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  g_object_unref(layout);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return (logical.x + logical.width) / double{PANGO_SCALE};
}

// The report's longest category labels (themes, types of activity, sectors, regions) are
// wrapped onto lines that fit the label column, never cut: their lines give the whole
// label back, each line as wide as the column at most, and the rows below move down.
TEST(BarChartLayout, WrapsLongCategoryLabelsInsteadOfCuttingThem) {
  BarChart chart;
  chart.title = "People reached by theme";
  chart.categories = {"Modern slavery and human trafficking (MSHT)", "Child sexual exploitation (CSE)",
                      "Voluntary and community sector", "Shadowing or process review",
                      "Campaign or awareness day", "Yorkshire and the Humber", "Wales"};
  chart.series = {{"Professionals", {10, 20, 30, 40, 50, 60, 70}},
                  {"Young people", {1, 2, 3, 4, 5, 6, 7}}};
  const BarChartLayout layout = LayOutBarChart(chart);
  std::map<std::string, std::string> joined;  // category -> its label's lines, rejoined
  double previous_bottom = 0;
  size_t category = 0;
  std::vector<const Text*> lines;
  for (const Text& t : layout.texts) {
    if (t.max_width <= 0 || t.max_width >= layout.width) continue;  // the title, values
    EXPECT_LE(DrawnWidth(t), t.max_width) << "'" << t.content << "' is cut";
    lines.push_back(&t);
  }
  // Each category's lines come together, one under another, above the next category's.
  for (size_t i = 0; i < lines.size(); ++i) {
    const Text& t = *lines[i];
    const bool continues = i > 0 && t.y - lines[i - 1]->y < 16 && t.y > lines[i - 1]->y;
    if (i > 0 && !continues) ++category;
    ASSERT_LT(category, chart.categories.size());
    std::string& so_far = joined[chart.categories[category]];
    so_far += (so_far.empty() ? "" : " ") + t.content;
    EXPECT_GT(t.y, previous_bottom - 16);
    previous_bottom = t.y;
  }
  for (const std::string& c : chart.categories) EXPECT_EQ(joined[c], c);
  EXPECT_GT(lines.size(), chart.categories.size());  // some took two lines
  EXPECT_LE(previous_bottom, layout.height);
  // Bars never overlap the next row: each row's bars end before the next row's begin.
  const std::vector<Rect> bars = Bars(layout);
  for (size_t i = 2; i < bars.size(); i += 2) EXPECT_GT(bars[i].y, bars[i - 1].y + bars[i - 1].height);
}

// A label too long for three lines ends in an ellipsis; its bar's title has it whole.
TEST(BarChartLayout, ShortensALabelTooLongForThreeLinesAndKeepsItWholeInTheBarsTitle) {
  const std::string label =
      "A sector whose name goes on and on far beyond anything three lines of the label column "
      "could ever hold";
  BarChart chart{"People", "", {label, "Supercalifragilisticexpialidociousnesseses"},
                 {{"Professionals", {5, 6}}}};
  const BarChartLayout layout = LayOutBarChart(chart);
  int label_lines = 0;
  bool ellipsis = false;
  for (const Text& t : layout.texts) {
    if (t.max_width <= 0 || t.max_width >= layout.width) continue;
    EXPECT_LE(DrawnWidth(t), t.max_width) << t.content;
    if (t.content.find("\u2026") != std::string::npos) ellipsis = true;
    if (t.content.rfind("Supercal", 0) != 0) ++label_lines;
  }
  EXPECT_EQ(label_lines, 3);
  EXPECT_TRUE(ellipsis);
  EXPECT_EQ(Bars(layout)[0].title, label + ", Professionals: 5");
}

TEST(BarChartLayout, AWithheldValueHasNoBarAndReadsC) {
  BarChart chart;
  chart.title = "People reached";
  chart.categories = {"East Midlands", "Wales"};
  chart.series = {{"Young people", {120, std::numeric_limits<double>::quiet_NaN()}}};
  const BarChartLayout layout = LayOutBarChart(chart);
  int withheld = 0;
  for (const auto& r : layout.rects) {
    if (r.title.find("Wales") != std::string::npos) {
      EXPECT_EQ(r.width, 0);
      EXPECT_NE(r.title.find("[c]"), std::string::npos);
      ++withheld;
    }
  }
  EXPECT_EQ(withheld, 1);
  bool labelled = false;
  for (const auto& t : layout.texts) labelled = labelled || t.content == "[c]";
  EXPECT_TRUE(labelled);
  EXPECT_EQ(RenderBarChartSvg(chart).find("nan"), std::string::npos);
}

}  // namespace
}  // namespace lookout::report
