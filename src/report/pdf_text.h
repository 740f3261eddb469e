// What the PDF renderer (pdf.cc) needs of text before it lays it out: text from people made
// safe for pango, a case study's Markdown as blocks of pango markup, and dates as people
// write them. Internal to report/.
#ifndef LOOKOUT_REPORT_PDF_TEXT_H_
#define LOOKOUT_REPORT_PDF_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace lookout::report::pdf {

// Valid UTF-8 without control characters (newlines and tabs kept).
std::string CleanText(std::string_view text);
// CleanText, escaped for pango markup.
std::string Escape(std::string_view text);

// A block of a case study's Markdown, as pango markup.
struct MdBlock {
  enum class Kind { kParagraph, kHeading, kCode, kRule } kind = Kind::kParagraph;
  int level = 0;       // a heading's level
  int indent = 0;      // how deep in lists and quotes
  std::string marker;  // "•" or "3." before a list item's first block
  bool quote = false;
  bool tight = false;  // in a tight list: closer to the next block
  std::string markup;
};

// Markdown as blocks of pango markup, from libcmark's tree. Raw HTML is left out; links
// are written as their text.
std::vector<MdBlock> MarkdownBlocks(std::string_view markdown);

// "1 April 2025" from "2025-04-01"; anything else as it is.
std::string LongDate(const std::string& iso);
// "3 April 2026, 09:15 UTC" from "2026-04-03T09:15:00Z"; anything else as it is.
std::string LongTimestamp(const std::string& text);

}  // namespace lookout::report::pdf

#endif  // LOOKOUT_REPORT_PDF_TEXT_H_
