// The report document (doc.h) as an Excel workbook, for people who take the numbers further:
// every table on a sheet of its own with its numbers as numbers, and every figure with its
// definition and the link to the records it counts.
#ifndef LOOKOUT_REPORT_XLSX_H_
#define LOOKOUT_REPORT_XLSX_H_

#include <string>

#include "core/status.h"
#include "report/doc.h"

namespace lookout::report {

// The .xlsx file's bytes. Sheets, in order:
//  - "About": the title block (title, programme, scope, period and its dates, data as of),
//    the methods section (how figures are counted and suppressed), the notes, and which
//    sheet holds which table;
//  - one sheet per table, in document order, named by the table's id (made unique, at most 31
//    characters, without []:*?/\): its title, a bold header row (frozen), the rows (numbers
//    as numbers, suppressed cells as their text, a bold total row) and its note;
//  - "Figures": every figure with its id, label, value (empty when suppressed), base,
//    approximate, suppressed, interval (as percentages), definition, records, filters
//    ("k=v; k=v") and link (FigureUrl: doc.base_url + link; the path as text without
//    a base URL).
// Text is written as text, never as a formula. The workbook's creation time is
// `doc.data_as_of`, so the same document gives the same bytes. An error only when the file
// cannot be written.
Result<std::string> RenderXlsx(const ReportDoc& doc);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_XLSX_H_
