// Records of one kind as a file, CSV or JSON, both ways: the files `lookout export` writes
// and `lookout import` reads back (docs/data-formats.md). Driven by the entity definitions,
// so every kind reads and writes the same way. Validation beyond decoding (required fields,
// rules, references) is app::Services::Import's job.
//
// CSV: the columns are id, the entity's fields in definition order, archived and
// archived_at; values are written with domain::FormatFieldText. Stable: columns are added,
// never renamed or removed. JSON: one array of objects as io::RecordToJson writes them.
#ifndef LOOKOUT_IO_RECORD_FILE_H_
#define LOOKOUT_IO_RECORD_FILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "domain/schema.h"

namespace lookout::io {

enum class FileFormat { kCsv, kJson };

std::string_view FileFormatName(FileFormat format);  // "csv", "json"
// "csv" or "json" (any case); nullopt otherwise.
std::optional<FileFormat> ParseFileFormat(std::string_view name);
// From the path's extension (".csv", ".json", any case); nullopt otherwise.
std::optional<FileFormat> FormatFromPath(std::string_view path);

// One record of a file, with where it is.
struct ImportRow {
  int64_t line = 0;  // line in the file (or element index for JSON), for error messages
  Record record;
};

// One problem with one row of an import: where it is and what is wrong.
struct ImportIssue {
  int64_t line = 0;    // ImportRow::line
  std::string column;  // field name as in the file ("grade_source", "audience[1].count"),
                       // empty when the problem is the row as a whole
  std::string message;
};

// Whether a meta column is one an import sets (version, created_at, created_by,
// updated_at, updated_by): a file never restores it.
bool IsSetByImport(std::string_view name);

// The definitions of the columns a file of `entity` has, in export order. The meta
// columns are described as fields too (id: integer, archived: boolean, archived_at: text
// holding a UTC timestamp), so that one code path reads and writes every column. A field
// that shares its name with a meta column an import sets (version, created_at,
// created_by, updated_at, updated_by) is left out: the record holds the meta value under
// that name, and an import may not write it.
std::vector<domain::FieldDef> ExportColumns(const domain::EntityDef& entity);

// The header line and one line per record, in the order given.
std::string RecordsToCsv(const domain::EntityDef& entity, const std::vector<Record>& records);

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

// The CSV export of `records` (RecordsToCsv).
std::string EncodeCsv(const domain::EntityDef& entity, const std::vector<Record>& records);
// The JSON export: an array with one record per line, each io::RecordToJson's object without
// version, created_* and updated_*, keys in definition order. "[]\n" when empty.
std::string EncodeJson(const domain::EntityDef& entity, const std::vector<Record>& records);
std::string EncodeFile(const domain::EntityDef& entity, FileFormat format,
                       const std::vector<Record>& records);

}  // namespace lookout::io

#endif  // LOOKOUT_IO_RECORD_FILE_H_
