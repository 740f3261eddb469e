#include "report/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <cmark.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.h"
#include "report/chart_cairo.h"

namespace lookout::report {

namespace {

// ---------------------------------------------------------------------------------------
// Page geometry (points) and the house style.

constexpr double kPageWidth = 595.276;  // A4 portrait
constexpr double kPageHeight = 841.89;
constexpr double kLeft = 62;
constexpr double kRight = 62;
constexpr double kTop = 70;      // where the text of a page starts (below the running head)
constexpr double kBottom = 72;   // the footer sits in this margin
constexpr double kWidth = kPageWidth - kLeft - kRight;
constexpr double kContentBottom = kPageHeight - kBottom;
constexpr double kContentHeight = kContentBottom - kTop;

constexpr double kPango = PANGO_SCALE;

struct Rgb {
  double r, g, b;
};
constexpr Rgb Hex(unsigned v) {
  return {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0};
}
constexpr Rgb kTeal = Hex(0x0b5563);       // Lookout's colour: headings, rules, table heads
constexpr Rgb kText = Hex(0x0b0c0c);
constexpr Rgb kMuted = Hex(0x505a5f);      // notes, captions, the running head and foot
constexpr Rgb kRule = Hex(0xb1b4b6);
constexpr Rgb kRowLine = Hex(0xd8dcdd);
constexpr Rgb kStripe = Hex(0xf3f6f7);
constexpr Rgb kCoverInk = Hex(0xd5e6ea);   // the programme's name on the teal band
constexpr Rgb kWhite = Hex(0xffffff);
constexpr Rgb kCodeShade = Hex(0xf0f2f3);

struct Style {
  double size = 10;
  bool bold = false;
  bool italic = false;
  bool mono = false;
  double spacing = 0;  // line spacing as a factor of the font's height; 0 for the font's own
};
constexpr Style kBody{10, false, false, false, 1.3};
constexpr Style kSectionTitle{17, true, false, false, 1.1};
constexpr Style kSubheading{12.5, true, false, false, 1.15};
constexpr Style kQuoteText{11, false, true, false, 1.35};
constexpr Style kAttribution{9, true, false, false, 0};
constexpr Style kTableTitle{10.5, true, false, false, 1.2};
constexpr Style kCell{9, false, false, false, 1.15};
constexpr Style kCellBold{9, true, false, false, 1.15};
constexpr Style kSmall{8.5, false, false, false, 1.25};
constexpr Style kSmallItalic{8.5, false, true, false, 1.25};
constexpr Style kNote{9, false, false, false, 1.3};
constexpr Style kCode{8.5, false, false, true, 1.2};
constexpr Style kRunning{8, false, false, false, 0};
constexpr Style kMetaLabel{9, true, false, false, 0};

// ---------------------------------------------------------------------------------------
// Text from people: valid UTF-8 without control characters, and escaped for pango markup.

std::string CleanText(std::string_view text) {
  std::string plain;
  plain.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u == '\n' || u == '\t') {
      plain += c;
    } else if (u < 0x20 || u == 0x7f) {
      plain += ' ';
    } else {
      plain += c;
    }
  }
  std::unique_ptr<gchar, decltype(&g_free)> valid(
      g_utf8_make_valid(plain.data(), static_cast<gssize>(plain.size())), &g_free);
  return valid ? std::string(valid.get()) : std::string();
}

std::string Escape(std::string_view text) {
  const std::string clean = CleanText(text);
  std::unique_ptr<gchar, decltype(&g_free)> escaped(
      g_markup_escape_text(clean.data(), static_cast<gssize>(clean.size())), &g_free);
  return escaped ? std::string(escaped.get()) : std::string();
}

// An inline run as pango markup: strong text bold, figures as FigureText, footnote marks
// as superscript numbers. Every piece of text is escaped.
std::string InlineMarkup(const ReportDoc& doc, const Inline& text) {
  std::string out;
  for (const Span& span : text) {
    switch (span.kind) {
      case Span::Kind::kText:
        out += Escape(span.text);
        break;
      case Span::Kind::kStrong:
        out += "<b>" + Escape(span.text) + "</b>";
        break;
      case Span::Kind::kFigure:
        if (const Figure* f = doc.FindFigure(span.figure)) {
          out += Escape(FigureText(*f, doc.threshold));
        }
        break;
      case Span::Kind::kFootnote:
        out += "<sup>" + std::to_string(span.footnote) + "</sup>";
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Markdown (a case study's body) as blocks of pango markup, from libcmark's tree. Raw HTML
// is left out; links are written as their text.

struct MdBlock {
  enum class Kind { kParagraph, kHeading, kCode, kRule } kind = Kind::kParagraph;
  int level = 0;       // a heading's level
  int indent = 0;      // how deep in lists and quotes
  std::string marker;  // "•" or "3." before a list item's first block
  bool quote = false;
  bool tight = false;  // in a tight list: closer to the next block
  std::string markup;
};

std::vector<MdBlock> MarkdownBlocks(std::string_view markdown) {
  std::vector<MdBlock> blocks;
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root(
      cmark_parse_document(markdown.data(), markdown.size(),
                           CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8),
      &cmark_node_free);
  if (!root) return blocks;
  struct List {
    bool ordered;
    int next;
    bool tight;
  };
  std::vector<List> lists;
  int quotes = 0;
  std::string pending_marker;
  MdBlock current;
  const auto start = [&](MdBlock::Kind kind) {
    current = MdBlock{};
    current.kind = kind;
    current.indent = static_cast<int>(lists.size()) + quotes;
    current.marker = std::exchange(pending_marker, "");
    current.quote = quotes > 0;
    current.tight = !lists.empty() && lists.back().tight;
  };
  const auto literal = [](cmark_node* node) {
    const char* text = cmark_node_get_literal(node);
    return text ? Escape(text) : std::string();
  };

  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(root.get()),
                                                               &cmark_iter_free);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const bool enter = event == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
        if (enter) {
          start(MdBlock::Kind::kParagraph);
        } else {
          blocks.push_back(std::move(current));
        }
        break;
      case CMARK_NODE_HEADING:
        if (enter) {
          start(MdBlock::Kind::kHeading);
          current.level = cmark_node_get_heading_level(node);
        } else {
          blocks.push_back(std::move(current));
        }
        break;
      case CMARK_NODE_LIST:
        if (enter) {
          lists.push_back({cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                           cmark_node_get_list_start(node), cmark_node_get_list_tight(node) != 0});
        } else if (!lists.empty()) {
          lists.pop_back();
        }
        break;
      case CMARK_NODE_ITEM:
        if (enter && !lists.empty()) {
          List& list = lists.back();
          pending_marker = list.ordered ? std::to_string(list.next++) + "." : "\u2022";
        } else {
          pending_marker.clear();
        }
        break;
      case CMARK_NODE_BLOCK_QUOTE:
        quotes += enter ? 1 : -1;
        break;
      case CMARK_NODE_CODE_BLOCK: {
        start(MdBlock::Kind::kCode);
        std::string code = literal(node);
        while (!code.empty() && code.back() == '\n') code.pop_back();
        current.markup = std::move(code);
        blocks.push_back(std::move(current));
        break;
      }
      case CMARK_NODE_THEMATIC_BREAK:
        start(MdBlock::Kind::kRule);
        blocks.push_back(std::move(current));
        break;
      case CMARK_NODE_TEXT:
        current.markup += literal(node);
        break;
      case CMARK_NODE_CODE:
        current.markup += "<tt>" + literal(node) + "</tt>";
        break;
      case CMARK_NODE_SOFTBREAK:
        current.markup += ' ';
        break;
      case CMARK_NODE_LINEBREAK:
        current.markup += '\n';
        break;
      case CMARK_NODE_EMPH:
        current.markup += enter ? "<i>" : "</i>";
        break;
      case CMARK_NODE_STRONG:
        current.markup += enter ? "<b>" : "</b>";
        break;
      default:  // the document, raw HTML (left out), links and images (their text only)
        break;
    }
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------
// Dates as people write them.

constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                   "May",     "June",     "July",      "August",
                                   "September", "October", "November", "December"};

std::string LongDate(const Date& d) {
  return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

// "1 April 2025" from "2025-04-01"; anything else as it is.
std::string LongDate(const std::string& iso) {
  const std::optional<Date> date = Date::Parse(iso);
  return date ? LongDate(*date) : iso;
}

// "3 April 2026, 09:15 UTC" from "2026-04-03T09:15:00Z"; anything else as it is.
std::string LongTimestamp(const std::string& text) {
  const std::optional<int64_t> t = ParseTimestamp(text);
  if (!t) return text;
  const int64_t seconds = ((*t % 86400) + 86400) % 86400;
  char time[16];
  std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60));
  return LongDate(Date::FromDays((*t - seconds) / 86400)) + ", " + time + " UTC";
}

// ---------------------------------------------------------------------------------------
// The page writer: lays the document out page by page, top to bottom.

using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

// Something drawn beside the lines a Flow puts on one page (a quote's bar, a code block's
// shade): called with the top and bottom of each page's part, before it is drawn.
using Decoration = std::function<void(double top, double bottom)>;

// How Flow draws a layout besides its lines.
struct FlowOptions {
  PangoLayout* marker = nullptr;  // drawn beside the first line (a bullet, a number)
  double marker_x = 0;
  Rgb marker_colour = kText;
  Decoration decoration;
};

class Writer {
 public:
  // `total_pages` is 0 on the measuring pass (and then no outline is written).
  Writer(cairo_surface_t* surface, const ReportDoc& doc, int total_pages)
      : surface_(surface), cr_(cairo_create(surface)), doc_(doc), total_pages_(total_pages) {
    context_ = pango_cairo_create_context(cr_);
    // Line breaking follows the language: fixed, so the layout never depends on the locale.
    pango_context_set_language(context_, pango_language_from_string("en-gb"));
  }
  ~Writer() {
    g_object_unref(context_);
    cairo_destroy(cr_);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void Document() {
    NewPage();
    TitleBlock();
    for (const Section& section : doc_.sections) {
      SectionTitle(section.title);
      for (const Block& block : section.blocks) WriteBlock(block);
    }
    if (!doc_.footnotes.empty()) Notes();
    Footer();
    cairo_show_page(cr_);
  }

  int pages() const { return page_; }
  cairo_status_t status() const { return cairo_status(cr_); }

 private:
  // --- layouts -------------------------------------------------------------------------

  LayoutPtr NewLayout(const Style& style, double width) {
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

  // Plain text: never read as markup.
  LayoutPtr Text(std::string_view text, const Style& style, double width) {
    LayoutPtr layout = NewLayout(style, width);
    const std::string clean = CleanText(text);
    pango_layout_set_text(layout.get(), clean.data(), static_cast<int>(clean.size()));
    return layout;
  }

  // Markup built by this file from escaped text.
  LayoutPtr Markup(const std::string& markup, const Style& style, double width) {
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

  static double Height(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return logical.height / kPango;
  }
  static double WidthOf(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return (logical.x + logical.width) / kPango;
  }
  // The height of the first `n` lines.
  static double LinesHeight(PangoLayout* layout, int n) {
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

  void Colour(const Rgb& c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

  // Draws a layout whole, its top left corner at (x, y).
  void Draw(PangoLayout* layout, double x, double y, const Rgb& colour) {
    Colour(colour);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
  }

  void Line(double x1, double y1, double x2, double y2, double width, const Rgb& colour) {
    Colour(colour);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x1, y1);
    cairo_line_to(cr_, x2, y2);
    cairo_stroke(cr_);
  }

  void Fill(double x, double y, double w, double h, const Rgb& colour) {
    Colour(colour);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_fill(cr_);
  }

  // --- pages ---------------------------------------------------------------------------

  bool AtPageTop() const { return y_ <= page_top_ + 0.01; }
  double Room() const { return kContentBottom - y_; }
  // Starts a new page unless `height` fits on this one (or this one is still empty).
  void KeepTogether(double height) {
    if (height > Room() && !AtPageTop()) NewPage();
  }
  // Space between blocks, which a page break swallows.
  void Space(double height) {
    if (!AtPageTop()) y_ = std::min(y_ + height, kContentBottom);
  }

  void NewPage() {
    if (page_ > 0) {
      Footer();
      cairo_show_page(cr_);
    }
    ++page_;
    y_ = page_top_ = kTop;
    if (page_ > 1) RunningHead();
  }

  void RunningHead() {
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

  void Footer() {
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

  // An outline entry (the PDF's bookmarks) for what starts at y_ on this page.
  void Bookmark(const std::string& title) {
    if (total_pages_ == 0) return;
    char attrs[96];
    std::snprintf(attrs, sizeof attrs, "page=%d pos=[%.1f %.1f]", page_, kLeft, y_);
    const std::string clean = CleanText(title);
    cairo_pdf_surface_add_outline(surface_, CAIRO_PDF_OUTLINE_ROOT, clean.c_str(), attrs,
                                  static_cast<cairo_pdf_outline_flags_t>(0));
  }

  // Draws a layout line by line from y_ down at x, carrying on at the top of the next page
  // when a page is full. Keeps the first two lines together.
  void Flow(PangoLayout* layout, double x, const Rgb& colour, const FlowOptions& options = {}) {
    KeepTogether(LinesHeight(layout, 2));
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    double origin = y_;  // where the layout's `shift` sits on this page
    double shift = 0;
    double part_top = y_;
    bool first = true;
    // Lines are drawn after the decoration of their page's part, so it stays behind them.
    struct Pending {
      PangoLayoutLine* line;
      double x, baseline;
    };
    std::vector<Pending> pending;
    double marker_baseline = -1;
    const auto flush = [&] {
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
      }
      pending.clear();
    };
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      const double top = logical.y / kPango;
      const double bottom = (logical.y + logical.height) / kPango;
      if (origin + bottom - shift > kContentBottom && !AtPageTop()) {
        flush();
        NewPage();
        origin = y_;
        shift = top;
        part_top = y_;
      }
      const double baseline = origin + pango_layout_iter_get_baseline(iter) / kPango - shift;
      if (first) marker_baseline = baseline;
      first = false;
      pending.push_back({pango_layout_iter_get_line_readonly(iter), x + logical.x / kPango, baseline});
      y_ = origin + bottom - shift;
    } while (pango_layout_iter_next_line(iter));
    flush();
    pango_layout_iter_free(iter);
  }

  // --- the title block -----------------------------------------------------------------

  void TitleBlock() {
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
    Draw(title.get(), kLeft, 58 + programme_height, kWhite);
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
      LayoutPtr value_layout = Text(value, kBody, kWidth - kLabel);
      LayoutPtr label_layout = Text(label, kMetaLabel, kLabel - 8);
      FlowOptions options;
      options.marker = label_layout.get();
      options.marker_x = kLeft;
      options.marker_colour = kMuted;
      Flow(value_layout.get(), kLeft + kLabel, kText, options);
      y_ += 4;
    }
    Space(10);
    Line(kLeft, y_, kLeft + kWidth, y_, 0.75, kRule);
    Space(6);
  }

  // --- blocks --------------------------------------------------------------------------

  void SectionTitle(const std::string& text) {
    Space(26);
    LayoutPtr layout = Text(text, kSectionTitle, kWidth);
    // Keep the title with the start of what follows.
    KeepTogether(Height(layout.get()) + 80);
    Bookmark(text);
    Flow(layout.get(), kLeft, kTeal);
    y_ += 5;
    Line(kLeft, y_, kLeft + kWidth, y_, 1.2, kTeal);
    y_ += 12;
  }

  void Subheading(const std::string& markup) {
    Space(14);
    LayoutPtr layout = Markup(markup, kSubheading, kWidth);
    KeepTogether(Height(layout.get()) + 48);
    Flow(layout.get(), kLeft, kTeal);
    y_ += 6;
  }

  void WriteBlock(const Block& block) {
    switch (block.kind) {
      case Block::Kind::kHeading:
        Subheading(InlineMarkup(doc_, block.text));
        break;
      case Block::Kind::kParagraph: {
        LayoutPtr layout = Markup(InlineMarkup(doc_, block.text), kBody, kWidth);
        Flow(layout.get(), kLeft, kText);
        y_ += 9;
        break;
      }
      case Block::Kind::kBullets:
        for (const Inline& item : block.items) {
          ListItem(InlineMarkup(doc_, item), "\u2022", 0, kBody, kTeal);
          y_ += 4;
        }
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

  // A list item: its marker hanging in the margin of its text, `level` steps in.
  void ListItem(const std::string& markup, const std::string& marker, int level,
                const Style& style, const Rgb& marker_colour) {
    constexpr double kStep = 18;
    const double x = kLeft + kStep * (level + 1);
    LayoutPtr layout = Markup(markup, style, kLeft + kWidth - x);
    LayoutPtr mark = Text(marker, Style{style.size, true, false, false, 0}, 0);
    FlowOptions options;
    options.marker = mark.get();
    options.marker_x = x - kStep + 3;
    options.marker_colour = marker_colour;
    Flow(layout.get(), x, kText, options);
  }

  void Quote(const Block& block) {
    Space(4);
    constexpr double kIndent = 22;
    LayoutPtr words = Markup(InlineMarkup(doc_, block.text), kQuoteText, kWidth - kIndent);
    // A teal bar beside the words and who said them, on every page they reach.
    FlowOptions options;
    options.decoration = QuoteBar();
    Flow(words.get(), kLeft + kIndent, kText, options);
    if (!block.attribution.empty()) {
      Fill(kLeft + 2, y_, 3, 5, kTeal);
      y_ += 5;
      LayoutPtr who = Text(block.attribution, kAttribution, kWidth - kIndent);
      Flow(who.get(), kLeft + kIndent, kMuted, options);
    }
    y_ += 14;
  }

  Decoration QuoteBar() {
    return [this](double top, double bottom) { Fill(kLeft + 2, top, 3, bottom - top, kTeal); };
  }

  void Chart(const BarChart& chart) {
    const ChartSize size = BarChartSize(chart);
    double scale = kWidth / size.width;
    if (size.height * scale > kContentHeight) scale = kContentHeight / size.height;
    const double height = size.height * scale;
    Space(4);
    KeepTogether(height);
    cairo_save(cr_);
    cairo_translate(cr_, kLeft, y_);
    cairo_scale(cr_, scale, scale);
    DrawBarChart(cr_, chart);
    cairo_restore(cr_);
    y_ += height + 10;
  }

  void Markdown(const std::string& markdown) {
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
          Flow(layout.get(), x, kTeal);
          y_ += 5;
          break;
        }
        case MdBlock::Kind::kParagraph: {
          const Style style = md.quote ? kQuoteText : kBody;
          if (!md.marker.empty()) {
            ListItem(md.markup, md.marker, level - 1, style, kTeal);
          } else {
            LayoutPtr layout = Markup(md.markup, style, kLeft + kWidth - x);
            FlowOptions options;
            if (md.quote) options.decoration = QuoteBar();
            Flow(layout.get(), md.quote ? std::max(x, kLeft + 22) : x, kText, options);
          }
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
          Flow(layout.get(), x + 8, kText, options);
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

  // --- tables --------------------------------------------------------------------------

  static constexpr double kPadX = 6;
  static constexpr double kPadY = 4.5;

  struct Row {
    std::vector<LayoutPtr> cells;
    double height = 0;
    bool total = false;
  };

  // Column widths that fill the text width: each column as wide as its widest cell when all
  // fit, else its longest word plus a share of what is left.
  std::vector<double> ColumnWidths(const DocTable& table) {
    const size_t n = table.columns.size();
    std::vector<double> natural(n, 0), minimum(n, 0);
    const auto measure = [&](const std::string& text, const Style& style, size_t c) {
      LayoutPtr layout = Text(text, style, 0);
      natural[c] = std::max(natural[c], WidthOf(layout.get()));
      pango_layout_set_width(layout.get(), 1);
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
      minimum[c] = std::max(minimum[c], WidthOf(layout.get()));
    };
    for (size_t c = 0; c < n; ++c) measure(table.columns[c].label, kCellBold, c);
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const bool total = table.last_row_is_total && r + 1 == table.rows.size();
      for (size_t c = 0; c < n && c < table.rows[r].size(); ++c) {
        measure(table.rows[r][c].text, total ? kCellBold : kCell, c);
      }
    }
    double sum_natural = 0, sum_minimum = 0;
    for (size_t c = 0; c < n; ++c) {
      natural[c] += 2 * kPadX;
      minimum[c] = std::min(std::min(minimum[c] + 2 * kPadX, natural[c]), kWidth * 0.45);
      sum_natural += natural[c];
      sum_minimum += minimum[c];
    }
    std::vector<double> widths(n);
    if (sum_natural <= kWidth) {
      // Room to spare: the text columns share it, else all columns do.
      double text_natural = 0;
      for (size_t c = 0; c < n; ++c) {
        if (!table.columns[c].numeric) text_natural += natural[c];
      }
      const double spare = kWidth - sum_natural;
      for (size_t c = 0; c < n; ++c) {
        widths[c] = natural[c] + (text_natural > 0
                                      ? (table.columns[c].numeric ? 0 : spare * natural[c] / text_natural)
                                      : spare / static_cast<double>(n));
      }
    } else if (sum_minimum <= kWidth) {
      const double spare = kWidth - sum_minimum;
      const double stretch = sum_natural - sum_minimum;
      for (size_t c = 0; c < n; ++c) {
        widths[c] = minimum[c] + (stretch > 0 ? spare * (natural[c] - minimum[c]) / stretch : 0);
      }
    } else {
      for (size_t c = 0; c < n; ++c) widths[c] = minimum[c] * kWidth / sum_minimum;
    }
    return widths;
  }

  Row MakeRow(const DocTable& table, const std::vector<double>& widths,
              const std::vector<std::string>& texts, const Style& style) {
    Row row;
    double tallest = 0;
    for (size_t c = 0; c < widths.size(); ++c) {
      LayoutPtr layout = Text(c < texts.size() ? texts[c] : std::string(), style,
                              std::max(widths[c] - 2 * kPadX, 1.0));
      if (table.columns[c].numeric) pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
      // A cell never grows past what a page holds: what is longer ends in an ellipsis.
      pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
      pango_layout_set_height(layout.get(), static_cast<int>(kContentHeight * 0.6 * kPango));
      tallest = std::max(tallest, Height(layout.get()));
      row.cells.push_back(std::move(layout));
    }
    row.height = tallest + 2 * kPadY;
    return row;
  }

  void DrawHeader(const Row& header, const std::vector<double>& widths) {
    Fill(kLeft, y_, kWidth, header.height, kTeal);
    double x = kLeft;
    for (size_t c = 0; c < widths.size(); ++c) {
      Draw(header.cells[c].get(), x + kPadX, y_ + kPadY, kWhite);
      x += widths[c];
    }
    y_ += header.height;
  }

  void Table(const DocTable& table) {
    Space(6);
    LayoutPtr title = Text(table.title, kTableTitle, kWidth);
    const size_t n = table.columns.size();
    if (n == 0) {
      if (!table.title.empty()) Flow(title.get(), kLeft, kText);
      TableNote(table);
      return;
    }
    const std::vector<double> widths = ColumnWidths(table);
    std::vector<std::string> labels;
    for (const DocTable::Column& column : table.columns) labels.push_back(column.label);
    const Row header = MakeRow(table, widths, labels, kCellBold);

    std::vector<Row> rows;
    rows.reserve(table.rows.size());
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const bool total = table.last_row_is_total && r + 1 == table.rows.size();
      std::vector<std::string> texts;
      for (size_t c = 0; c < n; ++c) {
        texts.push_back(c < table.rows[r].size() ? table.rows[r][c].text : std::string());
      }
      Row row = MakeRow(table, widths, texts, total ? kCellBold : kCell);
      row.total = total;
      rows.push_back(std::move(row));
    }

    // The title, the header and the first row stay together.
    const double title_height = table.title.empty() ? 0 : Height(title.get()) + 6;
    KeepTogether(title_height + header.height + (rows.empty() ? 0 : rows[0].height));
    if (!table.title.empty()) {
      Flow(title.get(), kLeft, kText);
      y_ += 6;
    }
    DrawHeader(header, widths);
    for (size_t r = 0; r < rows.size(); ++r) {
      const Row& row = rows[r];
      if (y_ + row.height > kContentBottom) {
        NewPage();
        LayoutPtr continued = Text(table.title.empty() ? "Table continued" : table.title + " (continued)",
                                   kSmallItalic, kWidth);
        Flow(continued.get(), kLeft, kMuted);
        y_ += 4;
        DrawHeader(header, widths);
      }
      if (row.total) {
        Line(kLeft, y_, kLeft + kWidth, y_, 1.2, kText);
      } else if (r % 2 == 1) {
        Fill(kLeft, y_, kWidth, row.height, kStripe);
      }
      double x = kLeft;
      for (size_t c = 0; c < n; ++c) {
        const bool suppressed = c < table.rows[r].size() && table.rows[r][c].suppressed;
        Draw(row.cells[c].get(), x + kPadX, y_ + kPadY, suppressed ? kMuted : kText);
        x += widths[c];
      }
      y_ += row.height;
      if (!row.total) Line(kLeft, y_, kLeft + kWidth, y_, 0.5, kRowLine);
    }
    if (!rows.empty() && rows.back().total) Line(kLeft, y_, kLeft + kWidth, y_, 1.2, kText);
    TableNote(table);
  }

  void TableNote(const DocTable& table) {
    if (!table.note.empty()) {
      y_ += 6;
      LayoutPtr note = Text(table.note, kSmall, kWidth);
      Flow(note.get(), kLeft, kMuted);
    }
    y_ += 16;
  }

  // --- notes ---------------------------------------------------------------------------

  void Notes() {
    SectionTitle("Notes");
    for (const Footnote& note : doc_.footnotes) {
      constexpr double kNumber = 24;
      LayoutPtr text = Text(note.text, kNote, kWidth - kNumber);
      LayoutPtr number = Text(std::to_string(note.number), Style{9, true, false, false, 0}, 0);
      FlowOptions options;
      options.marker = number.get();
      options.marker_x = kLeft;
      options.marker_colour = kTeal;
      Flow(text.get(), kLeft + kNumber, kText, options);
      y_ += 5;
    }
  }

  cairo_surface_t* surface_;
  cairo_t* cr_;
  PangoContext* context_ = nullptr;
  const ReportDoc& doc_;
  const int total_pages_;
  int page_ = 0;
  double y_ = kTop;
  double page_top_ = kTop;
};

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t Discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

Status CairoError(cairo_status_t status) {
  return Status::Internal(std::string("The PDF could not be written: ") +
                          cairo_status_to_string(status));
}

}  // namespace

Result<std::string> RenderPdf(const ReportDoc& doc) {
  // Two passes: the first counts the pages, so the second can write "Page n of N". Both lay
  // the document out on a PDF surface, so they break lines and pages alike.
  int total_pages = 0;
  {
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(Discard, nullptr, kPageWidth, kPageHeight);
    cairo_status_t status;
    {
      Writer writer(surface, doc, 0);
      writer.Document();
      total_pages = writer.pages();
      status = writer.status();
    }
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) return CairoError(status);
  }

  std::string pdf;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendTo, &pdf, kPageWidth, kPageHeight);
  const std::string title = CleanText(doc.title);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  if (!doc.programme.empty()) {
    const std::string subject = CleanText(doc.programme);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Lookout");
  // The data's timestamp as the creation date: the same report, the same bytes.
  if (ParseTimestamp(doc.data_as_of)) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, doc.data_as_of.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, doc.data_as_of.c_str());
  }
  cairo_status_t status;
  {
    Writer writer(surface, doc, total_pages);
    writer.Document();
    status = writer.status();
  }
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return CairoError(status);
  return pdf;
}

}  // namespace lookout::report
