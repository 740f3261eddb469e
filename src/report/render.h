// The text formats of a ReportDoc: JSON (every figure with its definition), Markdown and
// print-ready HTML. The PDF and XLSX renderers are in report/pdf.h and report/xlsx.h.
#ifndef LOOKOUT_REPORT_RENDER_H_
#define LOOKOUT_REPORT_RENDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "report/doc.h"

namespace lookout::report {

// The report as one JSON object: "report" (what, where, when, the disclosure rule),
// "figures" (each with its value, base, percentage, interval, definition, the records
// and filters it was computed from, its "path" within Lookout and the "link" to them:
// FigureUrl, null without a base URL),
// "sections" (blocks with their text as written), "footnotes". A suppressed figure has a
// null value. Keys in a fixed order; pretty-printed with two spaces; ends in a newline.
std::string RenderJson(const ReportDoc& doc);

// GitHub-flavoured Markdown: headings, lists, tables (charts are left out: their tables
// follow them), quotes, footnotes as [^n]. Text people wrote is escaped so it cannot
// change the document's structure; case study bodies are Markdown already and kept.
std::string RenderMarkdown(const ReportDoc& doc);

// A standalone HTML document, styled for screen and print (A4, page breaks before
// sections), with the charts as inline SVG above their tables, and every figure a link
// to the filtered list of records it was computed from (FigureUrl; plain text when the
// document has no base URL). Its only
// styles are in a <style> element: serve it with a Content-Security-Policy that allows
// inline styles and nothing else (ReportHtmlContentSecurityPolicy).
std::string RenderHtml(const ReportDoc& doc);
const char* ReportHtmlContentSecurityPolicy();

// The report's tables as CSV for a spreadsheet: each table's header and rows (numbers as
// written, suppressed cells as "[c]"), tables separated by a blank line, text cells made
// spreadsheet-safe. Meant for one-table documents such as the quarterly return.
std::string RenderCsv(const ReportDoc& doc);

// A report written in one of the formats, ready to save or send.
struct RenderedReport {
  std::string bytes;
  std::string content_type;  // "application/pdf", "text/markdown; charset=utf-8", ...
  std::string extension;     // "pdf", "md", ...
};
// The formats of the impact report, as users name them: html, pdf, md, xlsx, json.
const std::vector<std::string>& ReportFormats();
// The report in `format` (one of ReportFormats(), or csv; kValidation naming "format"
// otherwise).
Result<RenderedReport> RenderReport(const ReportDoc& doc, std::string_view format);
// "impact-2025-26-EM.pdf": a file name for the report in that format.
std::string ReportFileName(const ReportDoc& doc, const std::string& extension);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_RENDER_H_
