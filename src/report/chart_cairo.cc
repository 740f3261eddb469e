#include "report/chart_cairo.h"

#include <glib.h>
#include <pango/pangocairo.h>

#include <cstdlib>
#include <memory>
#include <string>

namespace lookout::report {

namespace {

// "#rrggbb", as the layout gives colours; black for anything else.
void SetColour(cairo_t* cr, const std::string& hex) {
  unsigned long v = 0;
  if (hex.size() == 7 && hex[0] == '#') {
    char* end = nullptr;
    v = std::strtoul(hex.c_str() + 1, &end, 16);
    if (end != hex.c_str() + 7) v = 0;
  }
  cairo_set_source_rgb(cr, static_cast<double>((v >> 16) & 0xff) / 255.0,
                       static_cast<double>((v >> 8) & 0xff) / 255.0,
                       static_cast<double>(v & 0xff) / 255.0);
}

std::string ValidUtf8(const std::string& text) {
  std::unique_ptr<gchar, decltype(&g_free)> valid(
      g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())), &g_free);
  return valid ? std::string(valid.get()) : std::string();
}

// A text of the layout, placed as an SVG <text> element places it: its baseline at `y`, its
// start, middle or end at `x`. Text wider than its room is ellipsized.
void DrawText(cairo_t* cr, const BarChartLayout::Text& text) {
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_cairo_create_layout(cr),
                                                                  &g_object_unref);
  // A fixed language, so text is shaped the same whatever the process's locale.
  pango_context_set_language(pango_layout_get_context(layout.get()),
                             pango_language_from_string("en-gb"));
  pango_layout_context_changed(layout.get());
  PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
  pango_font_description_set_absolute_size(font, text.size * PANGO_SCALE);
  if (text.bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  const std::string valid = ValidUtf8(text.content);
  pango_layout_set_text(layout.get(), valid.c_str(), static_cast<int>(valid.size()));
  if (text.max_width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(text.max_width * PANGO_SCALE));
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  }
  double x = text.x;
  if (text.anchor != BarChartLayout::Anchor::kStart) {
    PangoRectangle logical;
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    const double width = (logical.x + logical.width) / double{PANGO_SCALE};
    x -= text.anchor == BarChartLayout::Anchor::kMiddle ? width / 2 : width;
  }
  SetColour(cr, text.colour);
  cairo_move_to(cr, x, text.y - pango_layout_get_baseline(layout.get()) / double{PANGO_SCALE});
  pango_cairo_show_layout(cr, layout.get());
}

}  // namespace

ChartSize BarChartSize(const BarChart& chart) {
  const BarChartLayout layout = LayOutBarChart(chart);
  return {layout.width, layout.height};
}

void DrawBarChart(cairo_t* cr, const BarChart& chart) {
  const BarChartLayout layout = LayOutBarChart(chart);
  cairo_save(cr);
  for (const BarChartLayout::Rect& r : layout.rects) {
    if (r.width <= 0 || r.height <= 0) continue;  // a bar for 0: nothing to fill
    SetColour(cr, r.colour);
    cairo_rectangle(cr, r.x, r.y, r.width, r.height);
    cairo_fill(cr);
  }
  for (const BarChartLayout::Text& t : layout.texts) DrawText(cr, t);
  cairo_restore(cr);
}

}  // namespace lookout::report
