#include "report/table.h"

#include <algorithm>

namespace lookout::report {

namespace {

std::string MarkdownCell(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '|') {
      out += "\\|";
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// Width on a terminal, approximated by the number of UTF-8 code points.
size_t DisplayWidth(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Cell(const std::vector<std::string>& row, size_t i) {
  return i < row.size() ? row[i] : std::string();
}

}  // namespace

std::string RenderMarkdown(const Table& table) {
  std::string out = "|";
  for (const std::string& c : table.columns) out += " " + MarkdownCell(c) + " |";
  out += "\n|";
  for (size_t i = 0; i < table.columns.size(); ++i) out += " --- |";
  out += "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      std::string cell = MarkdownCell(Cell(row, i));
      out += cell.empty() ? " |" : " " + cell + " |";
    }
    out += "\n";
  }
  return out;
}

std::string RenderText(const Table& table) {
  std::vector<size_t> width(table.columns.size(), 0);
  for (size_t i = 0; i < table.columns.size(); ++i) {
    width[i] = DisplayWidth(table.columns[i]);
    for (const auto& row : table.rows) width[i] = std::max(width[i], DisplayWidth(Cell(row, i)));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < width.size(); ++i) {
      std::string cell = Cell(cells, i);
      out += cell;
      if (i + 1 < width.size()) out += std::string(width[i] - DisplayWidth(cell) + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(table.columns);
  std::vector<std::string> dashes;
  for (size_t w : width) dashes.push_back(std::string(w, '-'));
  out += line(dashes);
  for (const auto& row : table.rows) out += line(row);
  return out;
}

}  // namespace lookout::report
