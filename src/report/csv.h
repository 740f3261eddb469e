// Writing CSV as RFC 4180 describes it, the form every Lookout export takes: fields
// separated by ',', records ended by "\n", a field quoted when it holds ',', '"', CR or LF
// or starts or ends with a space or tab, quotes inside a quoted field doubled. UTF-8, no
// byte order mark. Reading CSV is app/file_io's job (it uses libcsv).
#ifndef LOOKOUT_REPORT_CSV_H_
#define LOOKOUT_REPORT_CSV_H_

#include <string>
#include <string_view>
#include <vector>

namespace lookout::report {

// The field as it appears in a CSV file: unchanged, or quoted when it must be.
std::string CsvField(std::string_view value);

// A cell for a CSV file that people open in a spreadsheet: text a spreadsheet would take
// for a formula (starting with '=', '+', '-', '@', a tab or a carriage return) gets a
// leading apostrophe, so a typed reason can never run as a formula. Not for exports that
// must read back byte for byte.
std::string SpreadsheetSafe(std::string cell);

// Appends one record (the cells and a "\n") to `out`. A record of one empty cell is
// written as "" so that a reader does not take it for a blank line.
void AppendCsvRecord(std::string& out, const std::vector<std::string>& cells);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_CSV_H_
