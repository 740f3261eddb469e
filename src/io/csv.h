// Writing CSV as RFC 4180 describes it, the form every Lookout export takes: fields
// separated by ',', records ended by "\n", a field quoted when it holds ',', '"', CR or LF
// or starts or ends with a space or tab, quotes inside a quoted field doubled. UTF-8, no
// byte order mark. And reading it, the one CSV reader every import uses (libcsv).
#ifndef LOOKOUT_IO_CSV_H_
#define LOOKOUT_IO_CSV_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace lookout::io {

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

// ---- Reading ------------------------------------------------------------------------------

// A CSV file as cells of text: its header and every record with the physical line (1 is
// the first line of the file) on which the record starts.
struct CsvTable {
  struct Row {
    int64_t line = 0;
    std::vector<std::string> cells;
  };
  std::vector<std::string> header;  // empty for an empty file
  int64_t header_line = 0;          // the line the header starts on
  std::vector<Row> rows;
};

// Parses RFC 4180 CSV with libcsv: quoted fields may hold commas, quotes ("") and line
// breaks; lines may end in LF, CRLF or CR; blank lines are skipped; spaces around an
// unquoted value are dropped; a UTF-8 byte order mark at the start is skipped. Cells are
// not checked for UTF-8 here. Errors (kValidation, one FieldError naming the line):
// a quote inside an unquoted value, text after a closing quote, a file ending inside a
// quoted value.
//
// `separator` is ',' for Lookout's own files; '\0' takes the most frequent of ',', ';' and
// tab on the first line (outside quotes), ',' when there is none (DetectSeparator), as
// files from survey tools and spreadsheets in other locales need.
Result<CsvTable> ParseCsv(std::string_view bytes, char separator = ',');
char DetectSeparator(std::string_view bytes);

}  // namespace lookout::io

#endif  // LOOKOUT_IO_CSV_H_
