// Reading an XLSX workbook (Office Open XML, as Microsoft Forms, Excel and most survey tools
// save it) into rows of cell text: the first worksheet only, with each row's number as the
// spreadsheet shows it. libzip opens the archive and pugixml reads the XML parts; nothing
// here knows what the cells mean.
#ifndef LOOKOUT_IO_XLSX_READER_H_
#define LOOKOUT_IO_XLSX_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace lookout::io {

struct XlsxSheet {
  struct Row {
    int64_t number = 0;              // the row's number in the sheet (1 is the first)
    std::vector<std::string> cells;  // by column: [0] is column A; missing cells are ""
  };
  std::string name;       // the worksheet's name ("Sheet1")
  std::vector<Row> rows;  // the rows holding at least one cell with text, in order
};

// Whether `bytes` start like a ZIP archive (an XLSX file is one).
bool LooksLikeZip(std::string_view bytes);
// Whether `bytes` start like an OLE compound file: an Excel 97-2003 .xls workbook, or an
// .xlsx workbook protected with a password.
bool LooksLikeOleFile(std::string_view bytes);

// The first worksheet of the workbook in `bytes`. Cells become text:
// - shared strings and inline strings as written (rich-text runs joined);
// - numbers as stored ("3", "0.25"); booleans as TRUE / FALSE; error values as written;
// - numbers formatted as dates or times (built-in formats 14-22 and 45-47, or a custom
//   format with day, month, year or hour codes) as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS"
//   from the serial number (the 1900 date system, or 1904 when the workbook says so);
// - formulas as their cached value.
// Errors (kValidation, one FieldError "file"): not a ZIP archive, an .xls or protected
// workbook, a ZIP that is not a workbook, a part that is missing or not well-formed XML, a
// part too large to be a survey export (more than 64 MiB uncompressed).
Result<XlsxSheet> ReadXlsx(std::string_view bytes);

// The spreadsheet name of a 0-based column: 0 -> "A", 25 -> "Z", 26 -> "AA".
std::string ColumnLetters(size_t index);
// The 0-based column of a name such as "AB" (any case); -1 when it is not one (1 to 3
// letters).
int64_t ColumnIndex(std::string_view letters);

// An Excel serial date-time (days since 1899-12-30, or since 1904-01-01 with `date1904`)
// as "YYYY-MM-DD", with " HH:MM:SS" when it has a time of day. "" for a serial outside
// the years 1900..2200.
std::string SerialToDateText(double serial, bool date1904 = false);

}  // namespace lookout::io

#endif  // LOOKOUT_IO_XLSX_READER_H_
