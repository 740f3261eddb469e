#include "report/pdf_writer.h"

#include <cairo-pdf.h>
#include <glib.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "report/chart_cairo.h"
#include "report/pdf_text.h"

namespace lookout::report::pdf {

namespace {

// An inline run as pango markup: strong text bold, figures as FigureText, footnote marks
// as superscript numbers, every piece of text escaped. With `links`, where the figures
// (to their records, when the document has a base URL) and the footnote marks (to their
// notes) are in the text.
std::string InlineMarkup(const ReportDoc& doc, const Inline& text, std::vector<TextLink>* links = nullptr) {
  std::string out;
  int at = 0;  // bytes of text so far, as pango will hold it
  const auto add = [&](const std::string& words, const char* open, const char* close, std::string uri,
                       std::string dest) {
    const std::string clean = CleanText(words);
    out += open + Escape(words) + close;
    if (links != nullptr && (!uri.empty() || !dest.empty()) && !clean.empty()) {
      links->push_back({at, at + static_cast<int>(clean.size()), std::move(uri), std::move(dest)});
    }
    at += static_cast<int>(clean.size());
  };
  for (const Span& span : text) {
    switch (span.kind) {
      case Span::Kind::kText:
        add(span.text, "", "", "", "");
        break;
      case Span::Kind::kStrong:
        add(span.text, "<b>", "</b>", "", "");
        break;
      case Span::Kind::kFigure:
        if (const Figure* f = doc.FindFigure(span.figure)) {
          add(FigureText(*f, doc.threshold), "", "", FigureUrl(doc, *f), "");
        }
        break;
      case Span::Kind::kFootnote:
        add(std::to_string(span.footnote), "<sup>", "</sup>", "",
            "note-" + std::to_string(span.footnote));
        break;
    }
  }
  return out;
}

// A value of a cairo tag's attributes: in single quotes, with quotes and backslashes
// escaped.
std::string TagString(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

void Writer::Document() {
  NewPage();
  BeginTag("Document");
  TitleBlock();
  for (const Section& section : doc_.sections) {
    BeginTag("Sect");
    SectionTitle(section.title);
    for (const Block& block : section.blocks) WriteBlock(block);
    EndTag();
  }
  if (!doc_.footnotes.empty()) Notes();
  WriteLinks();
  EndTag();
  Footer();
  cairo_show_page(cr_);
}

LayoutPtr Writer::NewLayout(const Style& style, double width) {
  LayoutPtr layout(pango_layout_new(context_), &g_object_unref);
  PangoFontDescription* font =
      pango_font_description_from_string(style.mono ? "DejaVu Sans Mono" : "DejaVu Sans");
  pango_font_description_set_absolute_size(font, style.size * kPango);
  if (style.bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
  if (style.italic) pango_font_description_set_style(font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  if (width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(width * kPango));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  if (style.spacing > 0) pango_layout_set_line_spacing(layout.get(), static_cast<float>(style.spacing));
  return layout;
}

LayoutPtr Writer::Text(std::string_view text, const Style& style, double width) {
  LayoutPtr layout = NewLayout(style, width);
  const std::string clean = CleanText(text);
  pango_layout_set_text(layout.get(), clean.data(), static_cast<int>(clean.size()));
  return layout;
}

LayoutPtr Writer::Markup(const std::string& markup, const Style& style, double width) {
  LayoutPtr layout = NewLayout(style, width);
  PangoAttrList* attrs = nullptr;
  char* text = nullptr;
  GError* error = nullptr;
  if (pango_parse_markup(markup.data(), static_cast<int>(markup.size()), 0, &attrs, &text,
                         nullptr, &error)) {
    pango_layout_set_text(layout.get(), text, -1);
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);
    g_free(text);
  } else {
    // Cannot happen with escaped text; should it, the words still show, as plain text.
    g_error_free(error);
    pango_layout_set_text(layout.get(), markup.data(), static_cast<int>(markup.size()));
  }
  return layout;
}

double Writer::LinesHeight(PangoLayout* layout, int n) {
  double bottom = 0;
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  int i = 0;
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    bottom = (logical.y + logical.height) / kPango;
  } while (++i < n && pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return bottom;
}

void Writer::Draw(PangoLayout* layout, double x, double y, const Rgb& colour) {
  Ink();
  Colour(colour);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout);
}

void Writer::Line(double x1, double y1, double x2, double y2, double width, const Rgb& colour) {
  Ink();
  Colour(colour);
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, x1, y1);
  cairo_line_to(cr_, x2, y2);
  cairo_stroke(cr_);
}

void Writer::Fill(double x, double y, double w, double h, const Rgb& colour) {
  Ink();
  Colour(colour);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_fill(cr_);
}

void Writer::Ink() {
  if (!Tagging() || furniture_) return;
  for (OpenTag& tag : open_tags_) {
    if (!tag.begun) cairo_tag_begin(cr_, tag.name.c_str(), nullptr);
    tag.begun = true;
  }
}

void Writer::LinkArea(const TextLink& link, double x, double y, double width, double height) {
  if (!Tagging() || width <= 0 || height <= 0) return;
  char rect[128];
  std::snprintf(rect, sizeof rect, " rect=[%.2f %.2f %.2f %.2f]", x, y, width, height);
  page_links_.push_back((link.uri.empty() ? "dest=" + TagString(link.dest) : "uri=" + TagString(link.uri)) +
                        rect);
}

void Writer::WriteLinks() {
  for (const std::string& attributes : page_links_) {
    cairo_tag_begin(cr_, CAIRO_TAG_LINK, attributes.c_str());
    cairo_tag_end(cr_, CAIRO_TAG_LINK);
  }
  page_links_.clear();
}

void Writer::LinkLine(PangoLayoutLine* line, const std::vector<TextLink>& links, double x, double top,
              double bottom) {
  for (const TextLink& link : links) {
    const int start = std::max(link.start, line->start_index);
    const int end = std::min(link.end, line->start_index + line->length);
    if (start >= end) continue;
    int* ranges = nullptr;
    int n = 0;
    pango_layout_line_get_x_ranges(line, start, end, &ranges, &n);
    for (int i = 0; i < n; ++i) {
      LinkArea(link, x + ranges[2 * i] / kPango, top, (ranges[2 * i + 1] - ranges[2 * i]) / kPango,
               bottom - top);
    }
    g_free(ranges);
  }
}

void Writer::NewPage() {
  // The open elements end on this page and begin again on the next (see above).
  // The root (the Document) stays open: a tagged PDF has one.
  for (size_t i = open_tags_.size(); i > 1; --i) {
    OpenTag& tag = open_tags_[i - 1];
    if (Tagging() && tag.begun) cairo_tag_end(cr_, tag.name.c_str());
    tag.begun = false;
  }
  WriteLinks();
  furniture_ = true;
  if (page_ > 0) {
    Footer();
    cairo_show_page(cr_);
  }
  ++page_;
  y_ = page_top_ = kTop;
  if (page_ > 1) RunningHead();
  furniture_ = false;
}

void Writer::RunningHead() {
  LayoutPtr title = Text(doc_.title, kRunning, kWidth * 0.6);
  pango_layout_set_ellipsize(title.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_height(title.get(), -1);
  Draw(title.get(), kLeft, 36, kMuted);
  LayoutPtr programme = Text(doc_.programme, kRunning, kWidth * 0.38);
  pango_layout_set_ellipsize(programme.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_height(programme.get(), -1);
  pango_layout_set_alignment(programme.get(), PANGO_ALIGN_RIGHT);
  Draw(programme.get(), kLeft + kWidth * 0.62, 36, kMuted);
  Line(kLeft, 50, kLeft + kWidth, 50, 0.5, kRule);
}

void Writer::Footer() {
  const double top = kPageHeight - 48;
  Line(kLeft, top, kLeft + kWidth, top, 0.5, kRule);
  LayoutPtr left = Text(doc_.title, kRunning, kWidth * 0.7);
  pango_layout_set_ellipsize(left.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_height(left.get(), -1);
  Draw(left.get(), kLeft, top + 8, kMuted);
  std::string number = "Page " + std::to_string(page_);
  if (total_pages_ > 0) number += " of " + std::to_string(total_pages_);
  LayoutPtr right = Text(number, kRunning, kWidth * 0.28);
  pango_layout_set_alignment(right.get(), PANGO_ALIGN_RIGHT);
  Draw(right.get(), kLeft + kWidth * 0.72, top + 8, kMuted);
}

void Writer::Bookmark(const std::string& title) {
  if (total_pages_ == 0) return;
  char attrs[96];
  std::snprintf(attrs, sizeof attrs, "page=%d pos=[%.1f %.1f]", page_, kLeft, y_);
  const std::string clean = CleanText(title);
  cairo_pdf_surface_add_outline(surface_, CAIRO_PDF_OUTLINE_ROOT, clean.c_str(), attrs,
                                static_cast<cairo_pdf_outline_flags_t>(0));
}

void Writer::Flow(PangoLayout* layout, double x, const Rgb& colour, const FlowOptions& options) {
  KeepTogether(LinesHeight(layout, 2));
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  double origin = y_;  // where the layout's `shift` sits on this page
  double shift = 0;
  double part_top = y_;
  bool first = true;
  // Lines are drawn after the decoration of their page's part, so it stays behind them.
  struct Pending {
    PangoLayoutLine* line;
    double x, baseline, top, bottom;
  };
  std::vector<Pending> pending;
  double marker_baseline = -1;
  const auto flush = [&] {
    Ink();
    if (options.decoration) options.decoration(part_top, y_);
    if (options.marker && marker_baseline >= 0) {
      Colour(options.marker_colour);
      cairo_move_to(cr_, options.marker_x,
                    marker_baseline - pango_layout_get_baseline(options.marker) / kPango);
      pango_cairo_show_layout(cr_, options.marker);
      marker_baseline = -1;
    }
    Colour(colour);
    for (const Pending& p : pending) {
      cairo_move_to(cr_, p.x, p.baseline);
      pango_cairo_show_layout_line(cr_, p.line);
      if (!options.links.empty()) LinkLine(p.line, options.links, x, p.top, p.bottom);
    }
    pending.clear();
  };
  const int line_count = pango_layout_get_line_count(layout);
  int index = 0;
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    const double top = logical.y / kPango;
    const double bottom = (logical.y + logical.height) / kPango;
    // The last two lines go with what must follow them, when it does not fit after them.
    const bool keep = options.keep_after > 0 && index == std::max(line_count - 2, 0) &&
                      origin + Height(layout) - shift + options.keep_after > kContentBottom;
    ++index;
    if ((keep || origin + bottom - shift > kContentBottom) && !AtPageTop()) {
      flush();
      NewPage();
      origin = y_;
      shift = top;
      part_top = y_;
    }
    const double baseline = origin + pango_layout_iter_get_baseline(iter) / kPango - shift;
    if (first) marker_baseline = baseline;
    first = false;
    pending.push_back({pango_layout_iter_get_line_readonly(iter), x + logical.x / kPango, baseline,
                       origin + top - shift, origin + bottom - shift});
    y_ = origin + bottom - shift;
  } while (pango_layout_iter_next_line(iter));
  flush();
  pango_layout_iter_free(iter);
}

void Writer::TitleBlock() {
  // A teal band across the top of the first page with the programme and the title.
  const double inner = kWidth;
  LayoutPtr programme = Text(doc_.programme, Style{11.5, true, false, false, 1.2}, inner);
  pango_layout_set_height(programme.get(), -2);
  pango_layout_set_ellipsize(programme.get(), PANGO_ELLIPSIZE_END);
  LayoutPtr title = Text(doc_.title, Style{27, true, false, false, 1.1}, inner);
  pango_layout_set_height(title.get(), -3);
  pango_layout_set_ellipsize(title.get(), PANGO_ELLIPSIZE_END);
  const double programme_height = doc_.programme.empty() ? 0 : Height(programme.get()) + 10;
  const double band = 58 + programme_height + Height(title.get()) + 34;
  Fill(0, 0, kPageWidth, band, kTeal);
  Fill(0, band, kPageWidth, 4, Hex(0x08404a));
  if (!doc_.programme.empty()) Draw(programme.get(), kLeft, 58, kCoverInk);
  BeginTag("H1");
  Draw(title.get(), kLeft, 58 + programme_height, kWhite);
  EndTag();
  y_ = page_top_ = band + 30;

  std::vector<std::pair<std::string, std::string>> rows;
  if (!doc_.scope.empty()) rows.emplace_back("Scope", doc_.scope);
  std::string period = doc_.period;
  if (!doc_.from.empty() && !doc_.to.empty()) {
    const std::string dates = LongDate(doc_.from) + " to " + LongDate(doc_.to);
    period = period.empty() ? dates : period + " (" + dates + ")";
  }
  if (!period.empty()) rows.emplace_back("Period", period);
  if (!doc_.data_as_of.empty()) rows.emplace_back("Data as of", LongTimestamp(doc_.data_as_of));
  constexpr double kLabel = 86;
  for (const auto& [label, value] : rows) {
    BeginTag("P");
    LayoutPtr value_layout = Text(value, kBody, kWidth - kLabel);
    LayoutPtr label_layout = Text(label, kMetaLabel, kLabel - 8);
    FlowOptions options;
    options.marker = label_layout.get();
    options.marker_x = kLeft;
    options.marker_colour = kMuted;
    Flow(value_layout.get(), kLeft + kLabel, kText, options);
    EndTag();
    y_ += 4;
  }
  Space(10);
  Line(kLeft, y_, kLeft + kWidth, y_, 0.75, kRule);
  Space(6);
}

void Writer::SectionTitle(const std::string& text) {
  Space(26);
  LayoutPtr layout = Text(text, kSectionTitle, kWidth);
  // Keep the title with the start of what follows.
  KeepTogether(Height(layout.get()) + 80);
  Bookmark(text);
  BeginTag("H2");
  Flow(layout.get(), kLeft, kTeal);
  EndTag();
  y_ += 5;
  Line(kLeft, y_, kLeft + kWidth, y_, 1.2, kTeal);
  y_ += 12;
}

void Writer::Subheading(const std::string& markup) {
  Space(14);
  LayoutPtr layout = Markup(markup, kSubheading, kWidth);
  KeepTogether(Height(layout.get()) + 48);
  BeginTag("H3");
  Flow(layout.get(), kLeft, kTeal);
  EndTag();
  y_ += 6;
}

void Writer::WriteBlock(const Block& block) {
  switch (block.kind) {
    case Block::Kind::kHeading:
      Subheading(InlineMarkup(doc_, block.text));
      break;
    case Block::Kind::kParagraph: {
      FlowOptions options;
      LayoutPtr layout = Markup(InlineMarkup(doc_, block.text, &options.links), kBody, kWidth);
      BeginTag("P");
      Flow(layout.get(), kLeft, kText, options);
      EndTag();
      y_ += 9;
      break;
    }
    case Block::Kind::kBullets:
      BeginTag("L");
      for (const Inline& item : block.items) {
        std::vector<TextLink> links;
        const std::string markup = InlineMarkup(doc_, item, &links);
        BeginTag("LI");
        ListItem(markup, "\u2022", 0, kBody, kTeal, std::move(links));
        EndTag();
        y_ += 4;
      }
      EndTag();
      y_ += 6;
      break;
    case Block::Kind::kTable:
      Table(block.table);
      break;
    case Block::Kind::kChart:
      Chart(block.chart);
      break;
    case Block::Kind::kQuote:
      Quote(block);
      break;
    case Block::Kind::kMarkdown:
      Markdown(block.markdown);
      break;
  }
}

void Writer::ListItem(const std::string& markup, const std::string& marker, int level,
              const Style& style, const Rgb& marker_colour, std::vector<TextLink> links) {
  constexpr double kStep = 18;
  const double x = kLeft + kStep * (level + 1);
  LayoutPtr layout = Markup(markup, style, kLeft + kWidth - x);
  LayoutPtr mark = Text(marker, Style{style.size, true, false, false, 0}, 0);
  FlowOptions options;
  options.marker = mark.get();
  options.marker_x = x - kStep + 3;
  options.marker_colour = marker_colour;
  options.links = std::move(links);
  Flow(layout.get(), x, kText, options);
}

void Writer::Quote(const Block& block) {
  Space(4);
  constexpr double kIndent = 22;
  constexpr double kGap = 5;  // between the words and who said them
  FlowOptions options;
  LayoutPtr words = Markup(InlineMarkup(doc_, block.text, &options.links), kQuoteText, kWidth - kIndent);
  LayoutPtr who = Text(block.attribution, kAttribution, kWidth - kIndent);
  const double who_height = block.attribution.empty() ? 0 : kGap + Height(who.get());
  // A quote is never parted from who said it: the whole of it on one page when it fits
  // on a page, else at least its last two lines with the attribution.
  if (Height(words.get()) + who_height <= kContentHeight) {
    KeepTogether(Height(words.get()) + who_height);
  } else {
    options.keep_after = who_height;
  }
  // A teal bar beside the words and who said them, on every page they reach.
  options.decoration = QuoteBar();
  BeginTag("BlockQuote");
  BeginTag("P");
  Flow(words.get(), kLeft + kIndent, kText, options);
  EndTag();
  if (!block.attribution.empty()) {
    Fill(kLeft + 2, y_, 3, kGap, kTeal);
    y_ += kGap;
    FlowOptions attribution;
    attribution.decoration = QuoteBar();
    BeginTag("P");
    Flow(who.get(), kLeft + kIndent, kMuted, attribution);
    EndTag();
  }
  EndTag();
  y_ += 14;
}

void Writer::Chart(const BarChart& chart) {
  const ChartSize size = BarChartSize(chart);
  double scale = kWidth / size.width;
  if (size.height * scale > kContentHeight) scale = kContentHeight / size.height;
  const double height = size.height * scale;
  Space(4);
  KeepTogether(height);
  BeginTag("Figure");
  Ink();
  cairo_save(cr_);
  cairo_translate(cr_, kLeft, y_);
  cairo_scale(cr_, scale, scale);
  DrawBarChart(cr_, chart);
  cairo_restore(cr_);
  EndTag();
  y_ += height + 10;
}

void Writer::Markdown(const std::string& markdown) {
  int previous_level = 0;
  for (const MdBlock& md : MarkdownBlocks(markdown)) {
    const int level = std::min(md.indent, 6);
    // The end of a list (or a quote): the space a paragraph would have after it.
    if (level < previous_level) Space(5);
    previous_level = level;
    const double x = kLeft + 18 * level;
    switch (md.kind) {
      case MdBlock::Kind::kHeading: {
        Space(10);
        const Style style = md.level <= 2 ? kSubheading : Style{11, true, false, false, 1.2};
        LayoutPtr layout = Markup(md.markup, style, kLeft + kWidth - x);
        KeepTogether(Height(layout.get()) + 40);
        BeginTag("H4");
        Flow(layout.get(), x, kTeal);
        EndTag();
        y_ += 5;
        break;
      }
      case MdBlock::Kind::kParagraph: {
        const Style style = md.quote ? kQuoteText : kBody;
        BeginTag("P");
        if (!md.marker.empty()) {
          ListItem(md.markup, md.marker, level - 1, style, kTeal);
        } else {
          LayoutPtr layout = Markup(md.markup, style, kLeft + kWidth - x);
          FlowOptions options;
          if (md.quote) options.decoration = QuoteBar();
          Flow(layout.get(), md.quote ? std::max(x, kLeft + 22) : x, kText, options);
        }
        EndTag();
        y_ += md.tight ? 4 : 9;
        break;
      }
      case MdBlock::Kind::kCode: {
        LayoutPtr layout = Markup(md.markup, kCode, kLeft + kWidth - x - 16);
        FlowOptions options;
        options.decoration = [this, x](double top, double bottom) {
          Fill(x, top - 4, kLeft + kWidth - x, bottom - top + 8, kCodeShade);
        };
        y_ += 4;
        BeginTag("Code");
        Flow(layout.get(), x + 8, kText, options);
        EndTag();
        y_ += 13;
        break;
      }
      case MdBlock::Kind::kRule:
        Space(6);
        Line(x, y_, kLeft + kWidth, y_, 0.75, kRule);
        y_ += 12;
        break;
    }
  }
}

void Writer::Notes() {
  BeginTag("Sect");
  SectionTitle("Notes");
  for (const Footnote& note : doc_.footnotes) {
    constexpr double kNumber = 24;
    LayoutPtr text = Text(note.text, kNote, kWidth - kNumber);
    LayoutPtr number = Text(std::to_string(note.number), Style{9, true, false, false, 0}, 0);
    FlowOptions options;
    options.marker = number.get();
    options.marker_x = kLeft;
    options.marker_colour = kTeal;
    KeepTogether(LinesHeight(text.get(), 2));
    // Where the note's mark in the text leads.
    if (Tagging()) {
      char attributes[96];
      std::snprintf(attributes, sizeof attributes, "name='note-%d' x=%.2f y=%.2f", note.number, kLeft, y_);
      cairo_tag_begin(cr_, CAIRO_TAG_DEST, attributes);
      cairo_tag_end(cr_, CAIRO_TAG_DEST);
    }
    BeginTag("Note");
    Flow(text.get(), kLeft + kNumber, kText, options);
    EndTag();
    y_ += 5;
  }
  EndTag();
}

}  // namespace lookout::report::pdf
