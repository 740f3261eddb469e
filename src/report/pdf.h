// The report document (doc.h) as a PDF for people to download, print and pass on: A4
// portrait, set in DejaVu Sans with cairo and pango, so its text is real text that can be
// searched, copied and read aloud.
#ifndef LOOKOUT_REPORT_PDF_H_
#define LOOKOUT_REPORT_PDF_H_

#include <string>

#include "core/status.h"
#include "report/doc.h"

namespace lookout::report {

// The PDF's bytes: a title block (title, programme, scope, period, data as of), then each
// section (headings, paragraphs, lists, tables whose header repeats on every page they run
// onto, charts drawn as RenderBarChartSvg draws them, quotes, case studies from Markdown),
// the footnotes as numbered notes, and "Page n of N" under every page. The document title is
// the PDF's title; its creation date is `doc.data_as_of`, so the same document gives the same
// bytes whenever it is rendered. Text from people (and from Markdown) is always escaped:
// it can never change the layout. An error only when cairo cannot write the file.
Result<std::string> RenderPdf(const ReportDoc& doc);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_PDF_H_
