#include "io/record_file.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.h"
#include "core/time.h"
#include "domain/rules.h"
#include "io/csv.h"
#include "io/record_json.h"

namespace lookout::io {

bool IsSetByImport(std::string_view name) {
  return name == "version" || name == "created_at" || name == "created_by" ||
         name == "updated_at" || name == "updated_by";
}

std::string_view FileFormatName(FileFormat format) {
  return format == FileFormat::kCsv ? "csv" : "json";
}

std::optional<FileFormat> ParseFileFormat(std::string_view name) {
  const std::string l = AsciiLower(name);
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


std::vector<domain::FieldDef> ExportColumns(const domain::EntityDef& entity) {
  std::vector<domain::FieldDef> columns;
  columns.push_back({.name = "id", .type = domain::FieldType::kInt, .label = "Id",
                     .help = "Lookout's id of the record; empty in a new row to let Lookout "
                             "choose one"});
  for (const domain::FieldDef& f : entity.fields) {
    // A field named like a meta column that an import sets (version, created_*, ...)
    // cannot round-trip: the meta column is what the record holds under that name.
    if (IsSetByImport(f.name)) continue;
    columns.push_back(f);
  }
  columns.push_back({.name = "archived", .type = domain::FieldType::kBool, .label = "Archived",
                     .help = "true for an archived record; false or empty for a live one"});
  columns.push_back({.name = "archived_at", .type = domain::FieldType::kText,
                     .label = "Archived at",
                     .help = "UTC timestamp YYYY-MM-DDTHH:MM:SSZ of the archiving; empty when "
                             "live"});
  return columns;
}

std::string RecordsToCsv(const domain::EntityDef& entity, const std::vector<Record>& records) {
  const std::vector<domain::FieldDef> columns = ExportColumns(entity);
  std::string out;
  std::vector<std::string> cells;
  for (const domain::FieldDef& c : columns) cells.push_back(c.name);
  AppendCsvRecord(out, cells);
  for (const Record& record : records) {
    cells.clear();
    for (const domain::FieldDef& c : columns) {
      const Value& v = record.Get(c.name);
      // A live record may carry archived as null; the file says false either way.
      if (c.name == "archived" && v.is_null()) {
        cells.push_back("false");
      } else {
        cells.push_back(domain::FormatFieldText(c, v));
      }
    }
    AppendCsvRecord(out, cells);
  }
  return out;
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

  const std::vector<domain::FieldDef> columns = ExportColumns(entity);
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
  return RecordsToCsv(entity, records);
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

}  // namespace lookout::io
