#include "store/sql/dialect.h"

#include <cctype>

namespace lookout::store::sql {

std::string Dialect::Render(std::string_view migration) const {
  std::string out;
  out.reserve(migration.size() + migration.size() / 4);
  size_t pos = 0;
  while (pos < migration.size()) {
    size_t open = migration.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = migration.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    std::string_view token = migration.substr(open + 2, close - open - 2);
    std::string type = TypeFor(token);
    out.append(migration.substr(pos, open - pos));
    if (type.empty()) {
      out.append(migration.substr(open, close + 2 - open));
    } else {
      out.append(type);
    }
    pos = close + 2;
  }
  out.append(migration.substr(pos));
  return out;
}

std::vector<std::string> SplitStatements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    size_t begin = 0;
    while (begin < current.size() && std::isspace(static_cast<unsigned char>(current[begin]))) {
      ++begin;
    }
    size_t end = current.size();
    while (end > begin && std::isspace(static_cast<unsigned char>(current[end - 1]))) --end;
    if (end > begin) out.push_back(current.substr(begin, end - begin));
    current.clear();
  };
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
      current += ' ';
      continue;
    }
    if (c == '\'' || c == '"') {
      // A quoted literal or identifier; a doubled quote inside it is an escaped quote.
      size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] == c) {
          if (j + 1 < sql.size() && sql[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      size_t end = j < sql.size() ? j + 1 : sql.size();
      current.append(sql.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == ';') {
      flush();
      ++i;
      continue;
    }
    current += c;
    ++i;
  }
  flush();
  return out;
}

}  // namespace lookout::store::sql
