// Markdown (CommonMark, with libcmark) for the text people write at length: case studies.
#ifndef LOOKOUT_REPORT_MARKDOWN_H_
#define LOOKOUT_REPORT_MARKDOWN_H_

#include <string>
#include <string_view>

namespace lookout::report {

// The HTML of `markdown`. Safe to put in a page: raw HTML in the text and links to
// javascript:, vbscript:, file: and data: (other than images) are left out (libcmark's
// safe mode), and every other character is escaped.
// `demote_headings` moves every heading that many levels down (at most to h6), so a case
// study's "## What we did" sits under the report's own headings.
std::string MarkdownToHtml(std::string_view markdown, int demote_headings = 0);

// The same Markdown with every heading `levels` deeper (at most level 6), as CommonMark,
// raw HTML left out.
std::string DemoteHeadings(std::string_view markdown, int levels);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_MARKDOWN_H_
