// Files in and out: reading a CSV or JSON file of one entity kind into ImportRows (with
// the position of every decoding problem), and writing records as such a file. The
// formats are described in docs/data-formats.md; both are driven by the entity
// definitions, so every kind reads and writes the same way. Validation beyond decoding
// (required fields, rules, references) is Services::Import's job.
#ifndef LOOKOUT_APP_IMPORTS_FILE_IO_H_
#define LOOKOUT_APP_IMPORTS_FILE_IO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/records/services.h"
#include "core/status.h"
#include "core/value.h"
#include "domain/schema.h"

namespace lookout::app {

enum class FileFormat { kCsv, kJson };

std::string_view FileFormatName(FileFormat format);  // "csv", "json"
// "csv" or "json" (any case); nullopt otherwise.
std::optional<FileFormat> ParseFileFormat(std::string_view name);
// From the path's extension (".csv", ".json", any case); nullopt otherwise.
std::optional<FileFormat> FormatFromPath(std::string_view path);

// ---- CSV as text -------------------------------------------------------------------------

// A CSV file as cells of text: its header and every record with the physical line (1 is
// the first line of the file) on which the record starts.
struct CsvTable {
  struct Row {
    int64_t line = 0;
    std::vector<std::string> cells;
  };
  std::vector<std::string> header;  // empty for an empty file
  std::vector<Row> rows;
};

// Parses RFC 4180 CSV with libcsv: quoted fields may hold commas, quotes ("") and line
// breaks; lines may end in LF, CRLF or CR; blank lines are skipped; spaces around an
// unquoted value are dropped; a UTF-8 byte order mark at the start is skipped. Cells are
// not checked for UTF-8 here. Errors (kValidation, one FieldError naming the line):
// a quote inside an unquoted value, text after a closing quote, a file ending inside a
// quoted value.
Result<CsvTable> ParseCsv(std::string_view bytes);

// The byte offset of the first byte of `text` that is not part of valid UTF-8 (overlong
// forms, surrogates and code points above U+10FFFF are invalid), or nullopt.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// ---- Import files ------------------------------------------------------------------------

// A file decoded into rows for Services::Import, and the problems decoding found. Every
// problem is reported, not just the first. `line` of a row and of an issue is the
// physical line a CSV record starts on (the header is line 1), or the 1-based position of
// the element in a JSON array ("item N"); an issue about the file as a whole has line 0.
// `column` names the column (or JSON key path) when the problem is one value; for an
// unknown CSV column it is "column N" counted from 1.
struct DecodedFile {
  std::vector<ImportRow> rows;  // rows decoded; a value that could not be decoded is left out
  std::vector<ImportIssue> errors;
  // Columns the file lacks although their field is required: reported once (line 1)
  // rather than for every row.
  std::vector<std::string> missing_required;
};

// A CSV file of `entity` as `lookout export` writes it (see report::ExportColumns): a
// header naming columns in any order, a subset of them allowed. Values are read with
// domain::ParseFieldText; an empty cell is an absent value. Decoding problems: a file
// with no header, unknown, empty or repeated column names, required columns missing, a
// record with a different number of values than the header, text that is not UTF-8,
// values of the wrong type. A record with the wrong number of values is left out of
// `rows`.
DecodedFile DecodeCsv(const domain::EntityDef& entity, std::string_view bytes);

// A JSON file of `entity`: one array of objects, each as io::RecordToJson writes it.
// "version", "created_at", "created_by", "updated_at" and "updated_by" are ignored (an
// import sets them). Decoding problems: malformed JSON (with its line and column in the
// file), a top level that is not an array, elements that are not objects, unknown keys,
// values of the wrong JSON type. An element with problems is left out of `rows`.
DecodedFile DecodeJson(const domain::EntityDef& entity, std::string_view bytes);

DecodedFile DecodeFile(const domain::EntityDef& entity, FileFormat format,
                       std::string_view bytes);

// ---- Export files ------------------------------------------------------------------------

// The CSV export of `records` (report::RecordsToCsv).
std::string EncodeCsv(const domain::EntityDef& entity, const std::vector<Record>& records);
// The JSON export: an array with one record per line, each io::RecordToJson's object without
// version, created_* and updated_*, keys in definition order. "[]\n" when empty.
std::string EncodeJson(const domain::EntityDef& entity, const std::vector<Record>& records);
std::string EncodeFile(const domain::EntityDef& entity, FileFormat format,
                       const std::vector<Record>& records);

// ---- The file system ---------------------------------------------------------------------

// The whole file. kNotFound when it does not exist, kBadRequest when it cannot be read
// (a folder, no permission), each message naming the path.
Result<std::string> ReadWholeFile(const std::string& path);
// Writes `bytes` to `path` through a temporary file beside it and a rename, so a reader
// never sees half a file. Errors name the path.
Status WriteWholeFile(const std::string& path, std::string_view bytes);

// A file's size and SHA-256 (64 lower-case hex digits), read a piece at a time so that a
// file of any size can be checked. Errors as ReadWholeFile's.
struct FileDigest {
  int64_t size = 0;
  std::string sha256;
};
Result<FileDigest> DigestFile(const std::string& path);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_IMPORTS_FILE_IO_H_
