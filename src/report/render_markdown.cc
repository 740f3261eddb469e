// The Markdown of a report: for a person to read as text, paste into a document, or keep
// under version control beside the published PDF.
#include "domain/disclosure.h"
#include "report/markdown.h"
#include "report/render.h"
#include "report/table.h"

namespace lookout::report {

namespace {

// Text people wrote, escaped so it stays text: no emphasis, links, HTML or headings.
std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  // At the start of a line '#' would make a heading.
  if (!text.empty() && text[0] == '#') out += '\\';
  for (char c : text) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '|':
        out += '\\';
        out += c;
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string InlineMarkdown(const ReportDoc& doc, const Inline& text) {
  std::string out;
  for (const Span& s : text) {
    switch (s.kind) {
      case Span::Kind::kText:
        out += Escape(s.text);
        break;
      case Span::Kind::kStrong:
        if (!s.text.empty()) out += "**" + Escape(s.text) + "**";
        break;
      case Span::Kind::kFigure:
        if (const Figure* f = doc.FindFigure(s.figure)) out += Escape(FigureText(*f, doc.threshold));
        break;
      case Span::Kind::kFootnote:
        out += "[^" + std::to_string(s.footnote) + "]";
        break;
    }
  }
  return out;
}

}  // namespace

std::string RenderMarkdown(const ReportDoc& doc) {
  std::string out = "# " + Escape(doc.title) + "\n\n";
  out += Escape(doc.programme) + ". " + Escape(doc.scope) + ", " + Escape(doc.period) + " (" +
         doc.from + " to " + doc.to + "). Figures as of " + doc.data_as_of + ".\n";
  for (const Section& section : doc.sections) {
    out += "\n## " + Escape(section.title) + "\n";
    for (const Block& b : section.blocks) {
      switch (b.kind) {
        case Block::Kind::kHeading:
          out += "\n### " + InlineMarkdown(doc, b.text) + "\n";
          break;
        case Block::Kind::kParagraph:
          out += "\n" + InlineMarkdown(doc, b.text) + "\n";
          break;
        case Block::Kind::kBullets:
          out += "\n";
          for (const Inline& item : b.items) out += "- " + InlineMarkdown(doc, item) + "\n";
          break;
        case Block::Kind::kTable: {
          Table t;
          for (const DocTable::Column& c : b.table.columns) t.columns.push_back(c.label);
          for (const auto& row : b.table.rows) {
            std::vector<std::string> cells;
            for (const DocTable::Cell& c : row) cells.push_back(Escape(c.text));
            t.AddRow(std::move(cells));
          }
          out += "\n**" + Escape(b.table.title) + "**\n\n" + RenderMarkdown(t);
          if (!b.table.note.empty()) out += "\n" + Escape(b.table.note) + "\n";
          break;
        }
        case Block::Kind::kChart:
          break;  // the table after it holds the same figures
        case Block::Kind::kQuote:
          out += "\n> " + InlineMarkdown(doc, b.text) + "\n>\n> — " + Escape(b.attribution) + "\n";
          break;
        case Block::Kind::kMarkdown: {
          // Under the case study's "###" heading: the body's "##" become "####".
          const std::string body = DemoteHeadings(b.markdown, 2);
          out += "\n" + body;
          if (!body.empty() && body.back() != '\n') out += "\n";
          break;
        }
      }
    }
  }
  if (!doc.footnotes.empty()) {
    out += "\n## Notes\n\n";
    for (const Footnote& n : doc.footnotes) {
      out += "[^" + std::to_string(n.number) + "]: " + Escape(n.text) + "\n";
    }
  }
  return out;
}

}  // namespace lookout::report
