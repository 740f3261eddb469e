// The HTML of a report: one standalone, print-ready document. Every figure links to the
// filtered list of records it was computed from, with its definition as the link's title.
#include "domain/disclosure.h"
#include "report/format.h"
#include "report/markdown.h"
#include "report/render.h"

namespace lookout::report {

namespace {

constexpr const char* kStyle = R"css(
:root { color: #0b0c0c; background: #fff; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.5;
       margin: 0 auto; max-width: 52rem; padding: 1.5rem; overflow-wrap: break-word; }
@media (max-width: 40rem) { body { padding: .75rem; } h1 { font-size: 1.6rem; } }
h1, h2, h3 { color: #0b5563; line-height: 1.25; }
h1 { font-size: 2rem; margin: 0 0 .5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 1rem; border-bottom: 2px solid #0b5563; padding-bottom: .25rem; }
h3 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
.meta { color: #484949; margin: 0 0 1.5rem; }
a { color: #0b5563; text-decoration: underline; text-underline-offset: .15em; }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
ul { padding-left: 1.5rem; }
li { margin-bottom: .4rem; }
.lookout-table-scroll { overflow-x: auto; margin: .5rem 0; position: relative;
  background:
    linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)) left center / 40px 100% no-repeat local,
    linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) right center / 40px 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(11, 12, 12, .25), rgba(11, 12, 12, 0)) left center / 14px 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(11, 12, 12, .25), rgba(11, 12, 12, 0)) right center / 14px 100% no-repeat scroll; }
.lookout-table-scroll:focus { outline: 3px solid #ffdd00; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .5rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: .4rem .5rem; text-align: left; vertical-align: top; }
thead th { border-bottom-width: 2px; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #484949; font-size: .9rem; margin-top: .25rem; }
figure.chart { margin: 1.5rem 0 .5rem; }
figure.chart svg { max-width: 100%; height: auto; }
figure.quote { margin: 1.5rem 0; padding: .5rem 0 .5rem 1.25rem; border-left: 5px solid #0b5563; }
figure.quote blockquote { margin: 0; font-size: 1.1rem; font-weight: bold; }
figure.quote figcaption { margin-top: .5rem; color: #484949; }
.case-study { margin: 1rem 0; }
sup { line-height: 0; }
.notes li { font-size: .95rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-before: page; }
  section:first-of-type h2 { break-before: avoid; }
  h2, h3, caption { break-after: avoid; }
  table, figure { break-inside: avoid; }
  .lookout-table-scroll { overflow: visible; background: none; }
  a { color: inherit; text-decoration: none; }
}
)css";

std::string FigureLink(const ReportDoc& doc, const Figure& f) {
  const std::string text = HtmlEscape(FigureText(f, doc.threshold));
  const std::string url = FigureUrl(doc, f);
  if (url.empty()) return text;
  return "<a href=\"" + HtmlEscape(url) + "\" title=\"" + HtmlEscape(f.definition) + "\">" + text +
         "</a>";
}

std::string InlineHtml(const ReportDoc& doc, const Inline& text) {
  std::string out;
  for (const Span& s : text) {
    switch (s.kind) {
      case Span::Kind::kText:
        out += HtmlEscape(s.text);
        break;
      case Span::Kind::kStrong:
        if (!s.text.empty()) out += "<strong>" + HtmlEscape(s.text) + "</strong>";
        break;
      case Span::Kind::kFigure:
        if (const Figure* f = doc.FindFigure(s.figure)) out += FigureLink(doc, *f);
        break;
      case Span::Kind::kFootnote: {
        const std::string n = std::to_string(s.footnote);
        out += "<sup><a href=\"#note-" + n + "\" id=\"ref-" + n + "\" aria-label=\"Note " + n +
               "\">" + n + "</a></sup>";
        break;
      }
    }
  }
  return out;
}

std::string TableHtml(const ReportDoc& doc, const DocTable& t) {
  // A wide table scrolls inside its own region on a narrow screen, not the whole page,
  // shadowed at the edge that hides columns (the same box as Lookout's pages).
  std::string out = "<div class=\"lookout-table-scroll\" role=\"region\" aria-label=\"" + HtmlEscape(t.title) +
                    "\" tabindex=\"0\">\n<table>\n<caption>" + HtmlEscape(t.title) +
                    "</caption>\n<thead><tr>";
  for (const DocTable::Column& c : t.columns) {
    out += std::string("<th scope=\"col\"") + (c.numeric ? " class=\"num\"" : "") + ">" +
           HtmlEscape(c.label) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const bool total = t.last_row_is_total && r + 1 == t.rows.size();
    out += "<tr>";
    for (size_t c = 0; c < t.rows[r].size(); ++c) {
      const DocTable::Cell& cell = t.rows[r][c];
      const bool numeric = c < t.columns.size() && t.columns[c].numeric;
      std::string content = HtmlEscape(cell.text);
      if (const Figure* f = cell.figure.empty() ? nullptr : doc.FindFigure(cell.figure)) {
        if (const std::string url = FigureUrl(doc, *f); !url.empty() && !cell.suppressed) {
          content = "<a href=\"" + HtmlEscape(url) + "\" title=\"" +
                    HtmlEscape(f->definition) + "\">" + content + "</a>";
        }
      }
      if (total) content = "<strong>" + content + "</strong>";
      if (c == 0) {
        out += "<th scope=\"row\">" + content + "</th>";
      } else {
        out += std::string("<td") + (numeric ? " class=\"num\"" : "") + ">" + content + "</td>";
      }
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n";
  if (!t.note.empty()) out += "<p class=\"note\">" + HtmlEscape(t.note) + "</p>\n";
  return out;
}

}  // namespace

const char* ReportHtmlContentSecurityPolicy() {
  return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
         "form-action 'none'; frame-ancestors 'none'";
}

std::string RenderHtml(const ReportDoc& doc) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" + HtmlEscape(doc.title) + " – " + HtmlEscape(doc.programme) +
                    "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
  out += "<h1>" + HtmlEscape(doc.title) + "</h1>\n";
  out += "<p class=\"meta\">" + HtmlEscape(doc.programme) + ". " + HtmlEscape(doc.scope) + ", " +
         HtmlEscape(doc.period) + " (" + HtmlEscape(doc.from) + " to " + HtmlEscape(doc.to) +
         "). Figures as of " + HtmlEscape(doc.data_as_of) + ".</p>\n";
  for (const Section& section : doc.sections) {
    out += "<section id=\"" + HtmlEscape(section.id) + "\" aria-labelledby=\"h-" +
           HtmlEscape(section.id) + "\">\n<h2 id=\"h-" + HtmlEscape(section.id) + "\">" +
           HtmlEscape(section.title) + "</h2>\n";
    for (const Block& b : section.blocks) {
      switch (b.kind) {
        case Block::Kind::kHeading:
          out += "<h3>" + InlineHtml(doc, b.text) + "</h3>\n";
          break;
        case Block::Kind::kParagraph:
          out += "<p>" + InlineHtml(doc, b.text) + "</p>\n";
          break;
        case Block::Kind::kBullets:
          out += "<ul>\n";
          for (const Inline& item : b.items) out += "<li>" + InlineHtml(doc, item) + "</li>\n";
          out += "</ul>\n";
          break;
        case Block::Kind::kTable:
          out += TableHtml(doc, b.table);
          break;
        case Block::Kind::kChart:
          out += "<figure class=\"chart\">" + RenderBarChartSvg(b.chart) + "</figure>\n";
          break;
        case Block::Kind::kQuote:
          out += "<figure class=\"quote\"><blockquote><p>" + InlineHtml(doc, b.text) +
                 "</p></blockquote><figcaption>" + HtmlEscape(b.attribution) +
                 "</figcaption></figure>\n";
          break;
        case Block::Kind::kMarkdown:
          out += "<div class=\"case-study\">" + MarkdownToHtml(b.markdown, 2) + "</div>\n";
          break;
      }
    }
    out += "</section>\n";
  }
  if (!doc.footnotes.empty()) {
    out += "<section id=\"notes\" class=\"notes\" aria-labelledby=\"h-notes\">\n"
           "<h2 id=\"h-notes\">Notes</h2>\n<ol>\n";
    for (const Footnote& n : doc.footnotes) {
      const std::string num = std::to_string(n.number);
      out += "<li id=\"note-" + num + "\">" + HtmlEscape(n.text) + " <a href=\"#ref-" + num +
             "\" aria-label=\"Back to the text of note " + num + "\">Back</a></li>\n";
    }
    out += "</ol>\n</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace lookout::report
