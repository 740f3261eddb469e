// The PDF renderer's page writer (internal to report/): it lays a ReportDoc out on cairo
// pages, top to bottom, with pango for the text. pdf_writer.cc holds the pages, the text
// flow, the structure tags and links and the blocks; pdf_table.cc the tables. RenderPdf
// (pdf.cc) runs it twice: once to count the pages, once to write them.
#ifndef LOOKOUT_REPORT_PDF_WRITER_H_
#define LOOKOUT_REPORT_PDF_WRITER_H_

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "report/doc.h"

namespace lookout::report::pdf {

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

// A link over part of a layout's text: its bytes [start, end) in the text pango holds
// (the markup's text, tags taken out), and where it goes: an address, or a named place in
// the PDF (a note).
struct TextLink {
  int start = 0;
  int end = 0;
  std::string uri;   // "https://..."
  std::string dest;  // "note-3"
};

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
  std::vector<TextLink> links;  // parts of the text that link elsewhere
  // Height that must follow the layout's last line on its page (a quote's attribution):
  // the last two lines move to the next page rather than leave it behind.
  double keep_after = 0;
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

  void Document();

  int pages() const { return page_; }
  cairo_status_t status() const { return cairo_status(cr_); }

 private:
  // --- layouts -------------------------------------------------------------------------

  LayoutPtr NewLayout(const Style& style, double width);

  // Plain text: never read as markup.
  LayoutPtr Text(std::string_view text, const Style& style, double width);

  // Markup built by this file from escaped text.
  LayoutPtr Markup(const std::string& markup, const Style& style, double width);

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
  static double LinesHeight(PangoLayout* layout, int n);

  void Colour(const Rgb& c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

  // Draws a layout whole, its top left corner at (x, y).
  void Draw(PangoLayout* layout, double x, double y, const Rgb& colour);

  void Line(double x1, double y1, double x2, double y2, double width, const Rgb& colour);

  void Fill(double x, double y, double w, double h, const Rgb& colour);

  // --- structure and links -------------------------------------------------------------
  //
  // The PDF is tagged (cairo's structure tags: headings, paragraphs, lists, tables,
  // figures, quotes, notes, in one Document) so that a screen reader can follow it, and
  // its figures link to their records as in the HTML. cairo 1.16 cannot mark the running
  // head and the footer as artifacts, so no element but the Document spans a page break:
  // at each break the open ones end, the page's furniture is drawn outside them, and they
  // begin again on the new page. The measuring pass writes neither tags nor links.

  bool Tagging() const { return total_pages_ > 0; }

  // An element begins in the PDF when something is drawn in it (Ink), so that a page
  // break before its first line leaves no empty element behind.
  void BeginTag(const std::string& name) { open_tags_.push_back({name, false}); }
  void EndTag() {
    if (open_tags_.empty()) return;
    if (Tagging() && open_tags_.back().begun) cairo_tag_end(cr_, open_tags_.back().name.c_str());
    open_tags_.pop_back();
  }
  // Called before anything is drawn: begins the open elements not yet begun on this page
  // (none while the page's furniture is drawn).
  void Ink();

  // A link over the rectangle (x, y, width, height) of this page, written with the page's
  // other links when the page is done (WriteLinks). A link tag begun inside a paragraph
  // takes the paragraph's text out of it in cairo 1.16's structure, so links are written
  // outside every element but the Document.
  void LinkArea(const TextLink& link, double x, double y, double width, double height);
  void WriteLinks();

  // The links of `links` on one line of a layout drawn with its origin at `x` and the
  // line's top and bottom at `top` and `bottom` on this page.
  void LinkLine(PangoLayoutLine* line, const std::vector<TextLink>& links, double x, double top,
                double bottom);

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

  void NewPage();

  void RunningHead();

  void Footer();

  // An outline entry (the PDF's bookmarks) for what starts at y_ on this page.
  void Bookmark(const std::string& title);

  // Draws a layout line by line from y_ down at x, carrying on at the top of the next page
  // when a page is full. Keeps the first two lines together.
  void Flow(PangoLayout* layout, double x, const Rgb& colour, const FlowOptions& options = {});

  // --- the title block -----------------------------------------------------------------

  void TitleBlock();

  // --- blocks --------------------------------------------------------------------------

  void SectionTitle(const std::string& text);

  void Subheading(const std::string& markup);

  void WriteBlock(const Block& block);

  // A list item: its marker hanging in the margin of its text, `level` steps in.
  void ListItem(const std::string& markup, const std::string& marker, int level,
                const Style& style, const Rgb& marker_colour, std::vector<TextLink> links = {});

  void Quote(const Block& block);

  Decoration QuoteBar() {
    return [this](double top, double bottom) { Fill(kLeft + 2, top, 3, bottom - top, kTeal); };
  }

  void Chart(const BarChart& chart);

  void Markdown(const std::string& markdown);

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
  std::vector<double> ColumnWidths(const DocTable& table);

  Row MakeRow(const DocTable& table, const std::vector<double>& widths,
              const std::vector<std::string>& texts, const Style& style);

  void DrawHeader(const Row& header, const std::vector<double>& widths);

  // A cell that shows a figure links to the figure's records, as in the HTML.
  void LinkCell(const DocTable::Cell& cell, PangoLayout* layout, double x, double y);

  void Table(const DocTable& table);

  void TableNote(const DocTable& table);

  // --- notes ---------------------------------------------------------------------------

  void Notes();

  cairo_surface_t* surface_;
  cairo_t* cr_;
  PangoContext* context_ = nullptr;
  const ReportDoc& doc_;
  const int total_pages_;
  int page_ = 0;
  struct OpenTag {
    std::string name;
    bool begun = false;  // on this page
  };
  std::vector<OpenTag> open_tags_;  // the structure elements open, outermost first
  bool furniture_ = false;          // drawing the running head or the footer
  std::vector<std::string> page_links_;  // the link tags' attributes of this page
  double y_ = kTop;
  double page_top_ = kTop;
};

}  // namespace lookout::report::pdf

#endif  // LOOKOUT_REPORT_PDF_WRITER_H_
