// The bar chart model (chart.h) drawn with cairo, for the PDF report: it walks the layout
// RenderBarChartSvg draws (LayOutBarChart), so the web pages, the HTML report and the PDF show
// the same drawing. Text is drawn with pango, so it stays real text in a PDF.
#ifndef LOOKOUT_REPORT_CHART_CAIRO_H_
#define LOOKOUT_REPORT_CHART_CAIRO_H_

#include <cairo.h>

#include "report/chart.h"

namespace lookout::report {

// The size of the drawing in the chart's own units: its layout's, the SVG's viewBox (640
// wide, as tall as its rows and legend need).
struct ChartSize {
  double width = 0;
  double height = 0;
};
ChartSize BarChartSize(const BarChart& chart);

// Draws `chart` with its top left corner at the current user-space origin of `cr`, in chart
// units: scale `cr` first to draw it at another size. Leaves the state of `cr` as it found
// it. Text is set in DejaVu Sans; text wider than the room the layout gives it (a category
// label wider than its column, say) is ellipsized.
void DrawBarChart(cairo_t* cr, const BarChart& chart);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_CHART_CAIRO_H_
