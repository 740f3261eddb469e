#include "report/csv.h"

namespace lookout::report {

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

}  // namespace lookout::report
