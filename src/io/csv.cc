#include "io/csv.h"

#include <csv.h>

namespace lookout::io {

namespace {
bool NeedsQuotes(std::string_view value) {
  if (value.empty()) return false;
  if (value.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  // Readers commonly trim unquoted fields (libcsv does), so edge spaces need quotes to
  // survive a round trip.
  auto edge = [](char c) { return c == ' ' || c == '\t'; };
  return edge(value.front()) || edge(value.back());
}
}  // namespace

std::string CsvField(std::string_view value) {
  if (!NeedsQuotes(value)) return std::string(value);
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void AppendCsvRecord(std::string& out, const std::vector<std::string>& cells) {
  if (cells.size() == 1 && cells[0].empty()) {
    out += "\"\"\n";
    return;
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(cells[i]);
  }
  out += '\n';
}

std::string SpreadsheetSafe(std::string cell) {
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(cell.begin(), '\'');
  }
  return cell;
}

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

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
    state->table->header_line = state->row_line;
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

char DetectSeparator(std::string_view bytes) {
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : bytes) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') ++comma;
    if (c == ';') ++semicolon;
    if (c == '\t') ++tab;
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

Result<CsvTable> ParseCsv(std::string_view bytes, char separator) {
  if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
  CsvTable table;
  CsvState state;
  state.table = &table;
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return Status::Internal("The CSV reader could not start.");
  }
  csv_set_delim(&parser, separator == '\0' ? DetectSeparator(bytes) : separator);
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

}  // namespace lookout::io
