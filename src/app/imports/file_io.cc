#include "app/imports/file_io.h"

#include <csv.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "io/record_json.h"
#include "core/time.h"
#include "domain/rules.h"
#include "report/record_csv.h"

namespace lookout::app {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Meta columns a file never restores: an import sets them.
bool IsSetByImport(std::string_view name) {
  return name == "version" || name == "created_at" || name == "created_by" ||
         name == "updated_at" || name == "updated_by";
}

// ---- libcsv callbacks ----------------------------------------------------------------------

struct CsvState {
  CsvTable* table = nullptr;
  std::vector<std::string> cells;
  int64_t row_line = 0;
  bool between_rows = true;  // no record has begun since the last one ended
  bool have_header = false;
};

void OnField(void* data, size_t len, void* state_ptr) {
  auto* state = static_cast<CsvState*>(state_ptr);
  state->cells.emplace_back(data == nullptr ? "" : std::string(static_cast<char*>(data), len));
}

void OnRecord(int /*terminator*/, void* state_ptr) {
  auto* state = static_cast<CsvState*>(state_ptr);
  if (!state->have_header) {
    state->table->header = std::move(state->cells);
    state->have_header = true;
  } else {
    state->table->rows.push_back({state->row_line, std::move(state->cells)});
  }
  state->cells.clear();
  state->between_rows = true;
}

// libcsv skips spaces, tabs and line ends before a record starts; any other byte starts
// one. Mirroring that rule tells on which line each record starts.
bool StartsRecord(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return true;
  }
  return false;
}

FieldError LineError(int64_t line, std::string message) {
  return {"line " + std::to_string(line), std::move(message)};
}

}  // namespace

std::string_view FileFormatName(FileFormat format) {
  return format == FileFormat::kCsv ? "csv" : "json";
}

std::optional<FileFormat> ParseFileFormat(std::string_view name) {
  const std::string l = Lower(name);
  if (l == "csv") return FileFormat::kCsv;
  if (l == "json") return FileFormat::kJson;
  return std::nullopt;
}

std::optional<FileFormat> FormatFromPath(std::string_view path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return std::nullopt;
  }
  return ParseFileFormat(path.substr(dot + 1));
}

Result<CsvTable> ParseCsv(std::string_view bytes) {
  if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
  CsvTable table;
  CsvState state;
  state.table = &table;
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return Status::Internal("The CSV reader could not start.");
  }
  // Fed one physical line at a time, so that the line a record starts on is known.
  int64_t line = 0;
  size_t pos = 0;
  Status failure;
  while (pos < bytes.size()) {
    size_t end = pos;
    while (end < bytes.size() && bytes[end] != '\n' && bytes[end] != '\r') ++end;
    if (end < bytes.size()) {
      end += (bytes[end] == '\r' && end + 1 < bytes.size() && bytes[end + 1] == '\n') ? 2 : 1;
    }
    std::string_view chunk = bytes.substr(pos, end - pos);
    ++line;
    if (state.between_rows && StartsRecord(chunk)) {
      state.row_line = line;
      state.between_rows = false;
    }
    if (csv_parse(&parser, chunk.data(), chunk.size(), OnField, OnRecord, &state) != chunk.size()) {
      failure = Status::Validation(
          {LineError(line, csv_error(&parser) == CSV_EPARSE
                               ? "malformed quoting: a '\"' inside a value that does not start "
                                 "with '\"', or text after a closing '\"' (write a quote inside "
                                 "a quoted value as \"\")"
                               : std::string(csv_strerror(csv_error(&parser))))},
          "The file is not valid CSV.");
      break;
    }
    pos = end;
  }
  if (failure.ok() && csv_fini(&parser, OnField, OnRecord, &state) != 0) {
    failure =
        Status::Validation({LineError(state.row_line,
                                      "the file ends inside a quoted value that starts on this "
                                      "line: a closing '\"' is missing")},
                           "The file is not valid CSV.");
  }
  csv_free(&parser);
  if (!failure.ok()) return failure;
  return table;
}

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    const bool overlong =
        (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::nullopt;
}

DecodedFile DecodeCsv(const domain::EntityDef& entity, std::string_view bytes) {
  DecodedFile out;
  auto table = ParseCsv(bytes);
  if (!table.ok()) {
    for (const FieldError& e : table.status().fields()) {
      int64_t line = 0;
      if (e.field.rfind("line ", 0) == 0) line = std::stoll(e.field.substr(5));
      out.errors.push_back({line, "", e.message});
    }
    return out;
  }
  if (table->header.empty()) {
    out.errors.push_back({1, "", "the file is empty: the first line must name the columns"});
    return out;
  }

  const std::vector<domain::FieldDef> columns = report::ExportColumns(entity);
  std::map<std::string, const domain::FieldDef*> by_name;
  for (const domain::FieldDef& c : columns) by_name[c.name] = &c;

  // Header: which definition each column holds (nullptr: a column that is not read).
  std::vector<const domain::FieldDef*> header_defs;
  std::set<std::string> seen;
  for (size_t i = 0; i < table->header.size(); ++i) {
    const std::string& name = table->header[i];
    const std::string where = "column " + std::to_string(i + 1);
    const domain::FieldDef* def = nullptr;
    if (FindInvalidUtf8(name)) {
      out.errors.push_back({1, where, "the column name is not valid UTF-8 text"});
    } else if (name.empty()) {
      out.errors.push_back({1, where, "the column has no name"});
    } else if (auto it = by_name.find(name); it == by_name.end()) {
      out.errors.push_back({1, where,
                            "unknown column '" + name + "': " + entity.label +
                                " files have the columns listed in "
                                "docs/data-formats.md"});
    } else if (!seen.insert(name).second) {
      out.errors.push_back({1, where, "column '" + name + "' appears twice"});
    } else {
      def = it->second;
    }
    header_defs.push_back(def);
  }
  for (const domain::FieldDef& f : columns) {
    if (f.required && !f.system && seen.count(f.name) == 0) {
      out.missing_required.push_back(f.name);
      out.errors.push_back({1, f.name, "the required column '" + f.name + "' is missing"});
    }
  }

  for (CsvTable::Row& row : table->rows) {
    if (row.cells.size() != table->header.size()) {
      out.errors.push_back({row.line, "",
                            std::to_string(row.cells.size()) +
                                (row.cells.size() == 1 ? " value" : " values") +
                                " where the header names " + std::to_string(table->header.size()) +
                                " columns (a value holding a comma must be quoted)"});
      continue;
    }
    ImportRow decoded;
    decoded.line = row.line;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const domain::FieldDef* def = header_defs[i];
      if (def == nullptr) continue;
      const std::string& cell = row.cells[i];
      if (cell.empty()) continue;
      if (auto bad = FindInvalidUtf8(cell)) {
        out.errors.push_back({row.line, def->name,
                              "not valid UTF-8 text (byte " + std::to_string(*bad + 1) +
                                  " of the value): save the file as UTF-8"});
        continue;
      }
      Result<Value> value = domain::ParseFieldText(*def, cell);
      if (!value.ok()) {
        const auto& fields = value.status().fields();
        if (fields.empty()) {
          out.errors.push_back({row.line, def->name, value.status().message()});
        }
        for (const FieldError& e : fields) {
          out.errors.push_back({row.line, e.field.empty() ? def->name : e.field, e.message});
        }
        continue;
      }
      if (def->name == "id" && value->as_int() <= 0) {
        out.errors.push_back({row.line, "id",
                              "'" + cell +
                                  "' is not a record id: expected a "
                                  "whole number greater than 0, or nothing"});
        continue;
      }
      if (def->name == "archived_at" && !ParseTimestamp(cell)) {
        out.errors.push_back({row.line, "archived_at",
                              "'" + cell + "' is not a timestamp: expected YYYY-MM-DDTHH:MM:SSZ"});
        continue;
      }
      decoded.record.Set(def->name, std::move(value).value());
    }
    out.rows.push_back(std::move(decoded));
  }
  return out;
}

DecodedFile DecodeJson(const domain::EntityDef& entity, std::string_view bytes) {
  DecodedFile out;
  nlohmann::ordered_json doc;
  try {
    doc = nlohmann::ordered_json::parse(bytes.begin(), bytes.end());
  } catch (const nlohmann::json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> the part
    // after the bracket, which already names the line and column.
    std::string what = e.what();
    const size_t bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    out.errors.push_back({0, "", "not valid JSON: " + what});
    return out;
  }
  if (!doc.is_array()) {
    out.errors.push_back(
        {0, "",
         "the file must hold one JSON array of " + entity.label + " objects: [{...}, {...}]"});
    return out;
  }
  for (size_t i = 0; i < doc.size(); ++i) {
    const int64_t item = static_cast<int64_t>(i) + 1;
    nlohmann::ordered_json& element = doc[i];
    if (element.is_object()) {
      for (auto it = element.begin(); it != element.end();) {
        it = IsSetByImport(it.key()) ? element.erase(it) : std::next(it);
      }
    }
    Result<Record> record = io::RecordFromJson(entity, element);
    if (!record.ok()) {
      for (const FieldError& e : record.status().fields()) {
        out.errors.push_back({item, e.field == "body" ? "" : e.field, e.message});
      }
      if (record.status().fields().empty()) {
        out.errors.push_back({item, "", record.status().message()});
      }
      continue;
    }
    // Null and absent mean the same in a file: leave nulls out, as an empty CSV cell is.
    Record& r = record.value();
    for (auto it = r.fields.begin(); it != r.fields.end();) {
      it = it->second.is_null() ? r.fields.erase(it) : std::next(it);
    }
    if (const Value& id = r.Get("id"); id.is_int() && id.as_int() <= 0) {
      out.errors.push_back({item, "id", "expected a record id greater than 0, or null"});
      continue;
    }
    if (const Value& at = r.Get("archived_at"); at.is_text() && !ParseTimestamp(at.as_text())) {
      out.errors.push_back({item, "archived_at",
                            "'" + at.as_text() +
                                "' is not a timestamp: expected "
                                "YYYY-MM-DDTHH:MM:SSZ"});
      continue;
    }
    out.rows.push_back({item, std::move(r)});
  }
  return out;
}

DecodedFile DecodeFile(const domain::EntityDef& entity, FileFormat format, std::string_view bytes) {
  return format == FileFormat::kCsv ? DecodeCsv(entity, bytes) : DecodeJson(entity, bytes);
}

std::string EncodeCsv(const domain::EntityDef& entity, const std::vector<Record>& records) {
  return report::RecordsToCsv(entity, records);
}

std::string EncodeJson(const domain::EntityDef& entity, const std::vector<Record>& records) {
  if (records.empty()) return "[]\n";
  std::string out = "[\n";
  for (size_t i = 0; i < records.size(); ++i) {
    nlohmann::ordered_json object = io::RecordToJson(entity, records[i]);
    for (auto it = object.begin(); it != object.end();) {
      it = IsSetByImport(it.key()) ? object.erase(it) : std::next(it);
    }
    if (object.contains("archived") && object["archived"].is_null()) object["archived"] = false;
    out += object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out += i + 1 < records.size() ? ",\n" : "\n";
  }
  out += "]\n";
  return out;
}

std::string EncodeFile(const domain::EntityDef& entity, FileFormat format,
                       const std::vector<Record>& records) {
  return format == FileFormat::kCsv ? EncodeCsv(entity, records) : EncodeJson(entity, records);
}

namespace {

// The file opened for reading, or why it cannot be: kNotFound, or kBadRequest for a folder
// or a file that cannot be opened.
Result<std::ifstream> OpenForReading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound("There is no file " + path + ".");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return Status::BadRequest(path + " is a folder, not a file.");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::BadRequest("Cannot read " + path + ": " + std::strerror(errno) + ".");
  }
  return in;
}

}  // namespace

Result<std::string> ReadWholeFile(const std::string& path) {
  LOOKOUT_ASSIGN_OR_RETURN(std::ifstream in, OpenForReading(path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return Status::BadRequest("Cannot read " + path + ": " + std::strerror(errno) + ".");
  }
  return buffer.str();
}

Status WriteWholeFile(const std::string& path, std::string_view bytes) {
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return Status::BadRequest("Cannot write " + path + ": " + std::strerror(errno) + ".");
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      const std::string why = std::strerror(errno);
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return Status::BadRequest("Cannot write " + path + ": " + why + ".");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    return Status::BadRequest("Cannot write " + path + ": " + ec.message() + ".");
  }
  return Status::Ok();
}

Result<FileDigest> DigestFile(const std::string& path) {
  LOOKOUT_ASSIGN_OR_RETURN(std::ifstream in, OpenForReading(path));
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  FileDigest out;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                              static_cast<unsigned long long>(n));
    out.size += n;
  }
  if (in.bad()) {
    return Status::BadRequest("Cannot read " + path + ": " + std::strerror(errno) + ".");
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  out.sha256.assign(hex, crypto_hash_sha256_BYTES * 2);
  return out;
}

}  // namespace lookout::app
