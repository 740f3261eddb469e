#include "io/xlsx_reader.h"

#include <zip.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>

#include "core/time.h"

namespace lookout::io {

namespace {

constexpr uint64_t kMaxPartBytes = 64ull << 20;  // far above any survey export
constexpr int64_t kMaxColumns = 16384;            // XFD, Excel's last column

Status FileError(std::string message) {
  return Status::Validation({{"file", std::move(message)}}, "The file cannot be read.");
}

// The local name of an XML element: "x:row" -> "row". Most workbooks use the default
// namespace, but some writers prefix every element.
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == name) return c;
  }
  return {};
}

template <typename F>
void ForEachChild(const pugi::xml_node& node, std::string_view name, F f) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == name) f(c);
  }
}

// An attribute by local name ("r:id" is found as "id" only when asked for "r:id" or "id").
pugi::xml_attribute Attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view n = a.name();
    if (n == name) return a;
  }
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view n = a.name();
    const size_t colon = n.find(':');
    if (colon != std::string_view::npos && n.substr(colon + 1) == name) return a;
  }
  return {};
}

// The text of a string item (<si> or <is>): its <t>, or its rich-text runs' <t> joined.
// Phonetic runs (<rPh>) are left out.
std::string StringItemText(const pugi::xml_node& item) {
  if (pugi::xml_node t = Child(item, "t")) return t.text().get();
  std::string out;
  ForEachChild(item, "r", [&](const pugi::xml_node& run) {
    if (pugi::xml_node t = Child(run, "t")) out += t.text().get();
  });
  return out;
}

class Archive {
 public:
  explicit Archive(std::string_view bytes) : bytes_(bytes) {}
  ~Archive() {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  Status Open() {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
    if (source == nullptr) {
      zip_error_fini(&error);
      return Status::Internal("The ZIP reader could not start.");
    }
    zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (zip_ == nullptr) {
      zip_source_free(source);
      const std::string why = zip_error_strerror(&error);
      zip_error_fini(&error);
      return FileError("the file is not a readable XLSX workbook: its ZIP archive is damaged (" +
                       why + ")");
    }
    zip_error_fini(&error);
    return Status::Ok();
  }

  bool Has(const std::string& name) { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }

  // The part's bytes; nullopt when the archive has no such part.
  Result<std::optional<std::string>> Read(const std::string& name) {
    const zip_int64_t index = zip_name_locate(zip_, name.c_str(), 0);
    if (index < 0) return std::optional<std::string>();
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
      return FileError("the workbook's part " + name + " cannot be read");
    }
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > kMaxPartBytes) {
      return FileError("the workbook's part " + name +
                       " is too large for a survey export (more than 64 MiB)");
    }
    zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) {
      return FileError("the workbook's part " + name + " cannot be opened (" +
                       zip_strerror(zip_) + "); is the workbook protected with a password?");
    }
    std::string out;
    char buf[65536];
    for (;;) {
      const zip_int64_t n = zip_fread(file, buf, sizeof buf);
      if (n < 0) {
        zip_fclose(file);
        return FileError("the workbook's part " + name + " is damaged");
      }
      if (n == 0) break;
      out.append(buf, static_cast<size_t>(n));
      if (out.size() > kMaxPartBytes) {
        zip_fclose(file);
        return FileError("the workbook's part " + name +
                         " is too large for a survey export (more than 64 MiB)");
      }
    }
    zip_fclose(file);
    return std::optional<std::string>(std::move(out));
  }

 private:
  std::string_view bytes_;
  zip_t* zip_ = nullptr;
};

Status ParseXml(pugi::xml_document& doc, const std::string& text, const std::string& part) {
  const pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) {
    return FileError("the workbook's part " + part + " is not well-formed XML (" +
                     parsed.description() + " at byte " + std::to_string(parsed.offset) + ")");
  }
  return Status::Ok();
}

// "xl/worksheets/sheet1.xml" from a relationship target, which is relative to xl/ or
// absolute from the archive's root.
std::string ResolveTarget(std::string target) {
  if (!target.empty() && target.front() == '/') return target.substr(1);
  std::string base = "xl/";
  while (target.rfind("../", 0) == 0) {
    target = target.substr(3);
    base.clear();
  }
  return base + target;
}

// Whether a number format shows a date or a time.
bool IsDateFormat(int id, const std::map<int, std::string>& custom) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  auto it = custom.find(id);
  if (it == custom.end()) return false;
  const std::string& code = it->second;
  bool in_quote = false;
  bool in_bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (in_quote) {
      in_quote = c != '"';
      continue;
    }
    if (in_bracket) {
      in_bracket = c != ']';
      continue;
    }
    if (c == '"') {
      in_quote = true;
    } else if (c == '[') {
      in_bracket = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal, or a fill or space width
    } else if (c == ';') {
      break;  // the format for positive numbers decides
    } else {
      switch (c) {
        case 'd': case 'D': case 'm': case 'M': case 'y': case 'Y':
        case 'h': case 'H': case 's': case 'S':
          return true;
        default:
          break;
      }
    }
  }
  return false;
}

// "B12" -> column 1, row 12; false when it is not a cell reference.
bool ParseCellRef(std::string_view ref, int64_t& column, int64_t& row) {
  size_t i = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) ++i;
  if (i == 0 || i == ref.size()) return false;
  column = ColumnIndex(ref.substr(0, i));
  if (column < 0) return false;
  row = 0;
  for (size_t k = i; k < ref.size(); ++k) {
    if (!std::isdigit(static_cast<unsigned char>(ref[k]))) return false;
    row = row * 10 + (ref[k] - '0');
    if (row > 10'000'000) return false;
  }
  return row > 0;
}

}  // namespace

bool LooksLikeZip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

bool LooksLikeOleFile(std::string_view bytes) {
  return bytes.size() >= 8 &&
         bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

std::string ColumnLetters(size_t index) {
  std::string out;
  size_t n = index + 1;
  while (n > 0) {
    const size_t rem = (n - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  return out;
}

int64_t ColumnIndex(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return -1;
  int64_t n = 0;
  for (char c : letters) {
    const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (u < 'A' || u > 'Z') return -1;
    n = n * 26 + (u - 'A' + 1);
  }
  return n - 1 < kMaxColumns ? n - 1 : -1;
}

std::string SerialToDateText(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 200000) return "";
  double days_part = std::floor(serial);
  int64_t seconds = std::llround((serial - days_part) * 86400.0);
  int64_t days = static_cast<int64_t>(days_part);
  if (seconds >= 86400) {
    seconds -= 86400;
    ++days;
  }
  // Serial 25569 is 1970-01-01 in the 1900 system; the 1904 system counts from 1904-01-01.
  const int64_t epoch_days = date1904 ? days - 24107 : days - 25569;
  const Date date = Date::FromDays(epoch_days);
  if (date.year < 1900 || date.year > 2200) return "";
  std::string out = date.ToString();
  if (seconds != 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(seconds / 3600),
                  static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
    out += buf;
  }
  return out;
}

Result<XlsxSheet> ReadXlsx(std::string_view bytes) {
  if (LooksLikeOleFile(bytes)) {
    return FileError(
        "the file is an Excel 97-2003 workbook (.xls) or a workbook protected with a "
        "password: save it from Excel as an .xlsx workbook without a password, or as CSV UTF-8");
  }
  if (!LooksLikeZip(bytes)) {
    return FileError("the file is not an XLSX workbook (an .xlsx file is a ZIP archive)");
  }
  Archive archive(bytes);
  LOOKOUT_RETURN_IF_ERROR(archive.Open());

  LOOKOUT_ASSIGN_OR_RETURN(std::optional<std::string> workbook_xml, archive.Read("xl/workbook.xml"));
  if (!workbook_xml) {
    return FileError(
        "the file is a ZIP archive but not an XLSX workbook: it has no xl/workbook.xml");
  }
  pugi::xml_document workbook;
  LOOKOUT_RETURN_IF_ERROR(ParseXml(workbook, *workbook_xml, "xl/workbook.xml"));
  const pugi::xml_node wb = Child(workbook, "workbook");
  bool date1904 = false;
  if (pugi::xml_node pr = Child(wb, "workbookPr")) {
    const std::string v = Attribute(pr, "date1904").value();
    date1904 = v == "1" || v == "true";
  }
  XlsxSheet sheet;
  std::string sheet_rel;
  if (pugi::xml_node first = Child(Child(wb, "sheets"), "sheet")) {
    sheet.name = Attribute(first, "name").value();
    sheet_rel = Attribute(first, "r:id").value();
    if (sheet_rel.empty()) sheet_rel = Attribute(first, "id").value();
  }
  std::string sheet_path;
  if (!sheet_rel.empty()) {
    LOOKOUT_ASSIGN_OR_RETURN(std::optional<std::string> rels_xml,
                             archive.Read("xl/_rels/workbook.xml.rels"));
    if (rels_xml) {
      pugi::xml_document rels;
      LOOKOUT_RETURN_IF_ERROR(ParseXml(rels, *rels_xml, "xl/_rels/workbook.xml.rels"));
      ForEachChild(Child(rels, "Relationships"), "Relationship", [&](const pugi::xml_node& r) {
        if (sheet_path.empty() && sheet_rel == Attribute(r, "Id").value()) {
          sheet_path = ResolveTarget(Attribute(r, "Target").value());
        }
      });
    }
  }
  if (sheet_path.empty() || !archive.Has(sheet_path)) sheet_path = "xl/worksheets/sheet1.xml";
  if (sheet.name.empty()) sheet.name = "Sheet1";

  std::vector<std::string> shared;
  LOOKOUT_ASSIGN_OR_RETURN(std::optional<std::string> shared_xml,
                           archive.Read("xl/sharedStrings.xml"));
  if (shared_xml) {
    pugi::xml_document doc;
    LOOKOUT_RETURN_IF_ERROR(ParseXml(doc, *shared_xml, "xl/sharedStrings.xml"));
    ForEachChild(Child(doc, "sst"), "si",
                 [&](const pugi::xml_node& si) { shared.push_back(StringItemText(si)); });
  }

  // Which cell styles (the "s" attribute indexes cellXfs) show numbers as dates.
  std::vector<bool> date_style;
  LOOKOUT_ASSIGN_OR_RETURN(std::optional<std::string> styles_xml, archive.Read("xl/styles.xml"));
  if (styles_xml) {
    pugi::xml_document doc;
    LOOKOUT_RETURN_IF_ERROR(ParseXml(doc, *styles_xml, "xl/styles.xml"));
    const pugi::xml_node ss = Child(doc, "styleSheet");
    std::map<int, std::string> custom;
    ForEachChild(Child(ss, "numFmts"), "numFmt", [&](const pugi::xml_node& f) {
      custom[Attribute(f, "numFmtId").as_int()] = Attribute(f, "formatCode").value();
    });
    ForEachChild(Child(ss, "cellXfs"), "xf", [&](const pugi::xml_node& xf) {
      date_style.push_back(IsDateFormat(Attribute(xf, "numFmtId").as_int(), custom));
    });
  }

  LOOKOUT_ASSIGN_OR_RETURN(std::optional<std::string> sheet_xml, archive.Read(sheet_path));
  if (!sheet_xml) {
    return FileError("the workbook has no worksheet (" + sheet_path + " is missing)");
  }
  pugi::xml_document doc;
  LOOKOUT_RETURN_IF_ERROR(ParseXml(doc, *sheet_xml, sheet_path));
  const pugi::xml_node data = Child(Child(doc, "worksheet"), "sheetData");
  int64_t last_row = 0;
  std::vector<FieldError> problems;
  for (pugi::xml_node row = data.first_child(); row; row = row.next_sibling()) {
    if (row.type() != pugi::node_element || LocalName(row) != "row") continue;
    int64_t number = Attribute(row, "r").as_llong(0);
    if (number <= last_row) number = last_row + 1;
    last_row = number;
    XlsxSheet::Row out{number, {}};
    int64_t last_column = -1;
    bool any = false;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || LocalName(c) != "c") continue;
      int64_t column = last_column + 1;
      const std::string ref = Attribute(c, "r").value();
      if (!ref.empty()) {
        int64_t ref_row = 0;
        if (!ParseCellRef(ref, column, ref_row)) {
          problems.push_back({"file", "row " + std::to_string(number) + ": the cell reference '" +
                                          ref + "' is not one"});
          continue;
        }
      }
      if (column >= kMaxColumns) continue;
      last_column = column;
      const std::string type = Attribute(c, "t").value();
      const std::string v = Child(c, "v").text().get();
      std::string text;
      if (type == "s") {
        const size_t i = static_cast<size_t>(std::strtoull(v.c_str(), nullptr, 10));
        if (v.empty() || i >= shared.size()) {
          problems.push_back({"file", "row " + std::to_string(number) + ", column " +
                                          ColumnLetters(static_cast<size_t>(column)) +
                                          ": the cell names a shared string that is not there"});
          continue;
        }
        text = shared[i];
      } else if (type == "inlineStr") {
        text = StringItemText(Child(c, "is"));
      } else if (type == "b") {
        text = v == "1" ? "TRUE" : v.empty() ? "" : "FALSE";
      } else if (type == "str" || type == "e" || type == "d") {
        text = v;
      } else {
        text = v;
        const int64_t style = Attribute(c, "s").as_llong(-1);
        if (!v.empty() && style >= 0 && static_cast<size_t>(style) < date_style.size() &&
            date_style[static_cast<size_t>(style)]) {
          char* end = nullptr;
          const double serial = std::strtod(v.c_str(), &end);
          if (end != nullptr && *end == '\0') {
            const std::string date = SerialToDateText(serial, date1904);
            if (!date.empty()) text = date;
          }
        }
      }
      if (text.empty()) continue;
      if (out.cells.size() <= static_cast<size_t>(column)) out.cells.resize(static_cast<size_t>(column) + 1);
      out.cells[static_cast<size_t>(column)] = std::move(text);
      any = true;
    }
    if (any) sheet.rows.push_back(std::move(out));
  }
  if (!problems.empty()) return Status::Validation(std::move(problems), "The file cannot be read.");
  return sheet;
}

}  // namespace lookout::io
