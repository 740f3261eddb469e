#include "report/chart.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lookout::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

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

}  // namespace
}  // namespace lookout::report
