#include "report/xlsx.h"

#include <glib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace lookout::report {

namespace {

constexpr size_t kMaxCellChars = 32767;  // Excel's limit for the text of a cell
constexpr size_t kMaxSheetName = 31;     // and for a sheet's name, in UTF-16 units
constexpr lxw_color_t kTeal = 0x0b5563;
constexpr lxw_color_t kMuted = 0x505a5f;
constexpr lxw_color_t kWhite = 0xffffff;

// UTF-16 units of the UTF-8 character starting with byte `lead` (Excel counts in those).
size_t Units(unsigned char lead) { return lead >= 0xf0 ? 2 : 1; }
bool IsLead(char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }

// `text` cut to at most `max` UTF-16 units, on a character boundary.
std::string Truncate(const std::string& text, size_t max) {
  size_t units = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsLead(text[i])) continue;
    units += Units(static_cast<unsigned char>(text[i]));
    if (units > max) return text.substr(0, i);
  }
  return text;
}

// Text from people, fit for a cell: valid UTF-8, no control characters but line breaks and
// tabs, and no longer than a cell holds (what is cut ends in an ellipsis).
std::string CellText(std::string_view text) {
  std::string plain;
  plain.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    plain += (u < 0x20 && u != '\n' && u != '\t') || u == 0x7f ? ' ' : c;
  }
  std::unique_ptr<gchar, decltype(&g_free)> valid(
      g_utf8_make_valid(plain.data(), static_cast<gssize>(plain.size())), &g_free);
  std::string out = valid ? std::string(valid.get()) : std::string();
  const std::string cut = Truncate(out, kMaxCellChars);
  if (cut.size() < out.size()) return Truncate(out, kMaxCellChars - 1) + "\u2026";
  return out;
}

// How wide text looks, in characters: its longest line.
size_t DisplayWidth(const std::string& text) {
  size_t widest = 0, line = 0;
  for (char c : text) {
    if (c == '\n') {
      widest = std::max(widest, line);
      line = 0;
    } else if (IsLead(c)) {
      ++line;
    }
  }
  return std::max(widest, line);
}

std::string Fold(const std::string& name) {
  std::unique_ptr<gchar, decltype(&g_free)> folded(
      g_utf8_casefold(name.data(), static_cast<gssize>(name.size())), &g_free);
  return folded ? std::string(folded.get()) : name;
}

// A sheet name Excel accepts, not yet taken (Excel compares names without case).
std::string SheetName(const std::string& wanted, std::vector<std::string>& taken) {
  std::string name;
  for (char c : CellText(wanted)) {
    switch (c) {
      case '[': case ']': case ':': case '*': case '?': case '/': case '\\':
      case '\n': case '\t':
        name += ' ';
        break;
      default:
        name += c;
    }
  }
  // No apostrophe or space at either end.
  const size_t first = name.find_first_not_of(" '");
  name = first == std::string::npos ? std::string() : name.substr(first, name.find_last_not_of(" '") - first + 1);
  if (name.empty()) name = "Table";
  name = Truncate(name, kMaxSheetName);
  std::string candidate = name;
  for (int n = 2; std::find(taken.begin(), taken.end(), Fold(candidate)) != taken.end(); ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    std::string base = Truncate(name, kMaxSheetName - suffix.size());
    while (!base.empty() && (base.back() == ' ' || base.back() == '\'')) base.pop_back();
    candidate = base + suffix;
  }
  taken.push_back(Fold(candidate));
  return candidate;
}

// "1 April 2025 to 31 March 2026" parts stay ISO in a spreadsheet: sortable and unambiguous.
std::string PeriodText(const ReportDoc& doc) {
  std::string period = doc.period;
  if (!doc.from.empty() && !doc.to.empty()) {
    const std::string dates = doc.from + " to " + doc.to;
    period = period.empty() ? dates : period + " (" + dates + ")";
  }
  return period;
}

// How a cell looks.
struct Look {
  bool bold = false;
  bool italic = false;
  bool wrap = false;
  bool header = false;      // white on teal
  bool total = false;       // a rule above
  bool title = false;       // larger, teal
  bool muted = false;
  std::string number;       // a number format
};

class Book {
 public:
  explicit Book(lxw_workbook* workbook) : workbook_(workbook) {}

  lxw_error error() const { return error_; }
  void Check(lxw_error e) {
    if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
  }

  lxw_worksheet* AddSheet(const std::string& name) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, name.c_str());
    if (!sheet) Check(LXW_ERROR_SHEETNAME_ALREADY_USED);
    return sheet;
  }

  lxw_format* Format(const Look& look) {
    const std::string key = std::string(look.bold ? "b" : "-") + (look.italic ? "i" : "-") +
                            (look.wrap ? "w" : "-") + (look.header ? "h" : "-") +
                            (look.total ? "t" : "-") + (look.title ? "T" : "-") +
                            (look.muted ? "m" : "-") + look.number;
    auto it = formats_.find(key);
    if (it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(workbook_);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (look.bold || look.header || look.title) format_set_bold(f);
    if (look.italic) format_set_italic(f);
    if (look.wrap || look.header) format_set_text_wrap(f);
    if (look.header) {
      format_set_font_color(f, kWhite);
      format_set_bg_color(f, kTeal);
    }
    if (look.total) format_set_top(f, LXW_BORDER_THIN);
    if (look.title) {
      format_set_font_size(f, 14);
      format_set_font_color(f, kTeal);
    }
    if (look.muted) format_set_font_color(f, kMuted);
    if (!look.number.empty()) format_set_num_format(f, look.number.c_str());
    formats_[key] = f;
    return f;
  }

  void Text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, std::string_view text,
            const Look& look = {}) {
    const std::string clean = CellText(text);
    if (clean.empty()) return;
    Check(worksheet_write_string(sheet, row, col, clean.c_str(), Format(look)));
  }

  void Number(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, double value,
              const Look& look = {}) {
    if (!std::isfinite(value)) return;
    Check(worksheet_write_number(sheet, row, col, value, Format(look)));
  }

  void Boolean(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, bool value) {
    Check(worksheet_write_boolean(sheet, row, col, value ? 1 : 0, Format({})));
  }

  // A link that opens in a browser when it is a web address, else its text.
  void Link(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const std::string& url) {
    const std::string clean = CellText(url);
    const bool web = clean.rfind("https://", 0) == 0 || clean.rfind("http://", 0) == 0;
    // Excel opens links of up to 2,079 characters; a longer one is written as text.
    if (web && clean.size() <= 2079 && clean.find_first_of(" \n\t\"") == std::string::npos &&
        links_ < 65000) {
      if (worksheet_write_url(sheet, row, col, clean.c_str(), nullptr) == LXW_NO_ERROR) {
        ++links_;
        return;
      }
    }
    Text(sheet, row, col, clean);
  }

  void Width(lxw_worksheet* sheet, lxw_col_t col, double width, const Look& look = {}) {
    Check(worksheet_set_column(sheet, col, col, width, look.wrap ? Format(look) : nullptr));
  }

 private:
  lxw_workbook* workbook_;
  lxw_error error_ = LXW_NO_ERROR;
  std::map<std::string, lxw_format*> formats_;
  int links_ = 0;
};

// The number format a cell shows its number in, from how the report writes it.
std::string NumberFormat(const DocTable::Cell& cell) {
  const double v = *cell.number;
  const bool percent = !cell.text.empty() && cell.text.find('%') != std::string::npos;
  if (percent) return std::fabs(v) <= 1.0 ? "0%" : "0\"%\"";
  if (std::fabs(v - std::round(v)) < 1e-9) return "#,##0";
  return "#,##0.0##";
}

void AboutSheet(Book& book, lxw_worksheet* sheet, const ReportDoc& doc,
                const std::vector<std::pair<std::string, std::string>>& table_sheets) {
  lxw_row_t row = 0;
  book.Text(sheet, row, 0, doc.title.empty() ? "Report" : doc.title, Look{.title = true});
  row += 2;
  const auto pair = [&](const std::string& label, const std::string& value) {
    if (value.empty()) return;
    book.Text(sheet, row, 0, label, Look{.bold = true});
    book.Text(sheet, row, 1, value, Look{.wrap = true});
    ++row;
  };
  pair("Programme", doc.programme);
  pair("Scope", doc.scope);
  pair("Period", PeriodText(doc));
  pair("Data as of", doc.data_as_of);

  // How the figures are counted and what is withheld: the methods section, as written.
  for (const Section& section : doc.sections) {
    if (section.id != "methods") continue;
    ++row;
    book.Text(sheet, row++, 0, section.title.empty() ? "Methods" : section.title,
              Look{.bold = true});
    for (const Block& block : section.blocks) {
      switch (block.kind) {
        case Block::Kind::kHeading:
        case Block::Kind::kParagraph:
        case Block::Kind::kQuote:
          book.Text(sheet, row++, 1, InlineText(doc, block.text),
                    Look{.bold = block.kind == Block::Kind::kHeading, .wrap = true});
          break;
        case Block::Kind::kBullets:
          for (const Inline& item : block.items) {
            book.Text(sheet, row++, 1, "\u2022 " + InlineText(doc, item), Look{.wrap = true});
          }
          break;
        case Block::Kind::kMarkdown:
          book.Text(sheet, row++, 1, block.markdown, Look{.wrap = true});
          break;
        case Block::Kind::kTable:
        case Block::Kind::kChart:
          break;
      }
    }
  }

  if (!doc.footnotes.empty()) {
    ++row;
    book.Text(sheet, row++, 0, "Notes", Look{.bold = true});
    for (const Footnote& note : doc.footnotes) {
      book.Number(sheet, row, 0, note.number, Look{.number = "0"});
      book.Text(sheet, row++, 1, note.text, Look{.wrap = true});
    }
  }

  if (!table_sheets.empty()) {
    ++row;
    book.Text(sheet, row++, 0, "Sheets", Look{.bold = true});
    for (const auto& [name, title] : table_sheets) {
      book.Text(sheet, row, 0, name);
      book.Text(sheet, row++, 1, title, Look{.wrap = true});
    }
    book.Text(sheet, row, 0, "Figures");
    book.Text(sheet, row++, 1, "Every figure the report states: its definition, the records it "
                               "counts and the link to them",
              Look{.wrap = true});
  }
  book.Width(sheet, 0, 22);
  book.Width(sheet, 1, 100, Look{.wrap = true});
}

void TableSheet(Book& book, lxw_worksheet* sheet, const DocTable& table) {
  const size_t n = table.columns.size();
  book.Text(sheet, 0, 0, table.title, Look{.title = true});
  std::vector<size_t> widths(n, 8);
  for (size_t c = 0; c < n; ++c) {
    book.Text(sheet, 1, static_cast<lxw_col_t>(c), table.columns[c].label, Look{.header = true});
    widths[c] = std::max(widths[c], DisplayWidth(table.columns[c].label));
  }
  lxw_row_t row = 2;
  for (size_t r = 0; r < table.rows.size(); ++r, ++row) {
    const bool total = table.last_row_is_total && r + 1 == table.rows.size();
    for (size_t c = 0; c < n && c < table.rows[r].size(); ++c) {
      const DocTable::Cell& cell = table.rows[r][c];
      const auto col = static_cast<lxw_col_t>(c);
      widths[c] = std::max(widths[c], DisplayWidth(cell.text));
      if (cell.number && !cell.suppressed && std::isfinite(*cell.number)) {
        book.Number(sheet, row, col, *cell.number,
                    Look{.bold = total, .total = total, .number = NumberFormat(cell)});
      } else {
        book.Text(sheet, row, col, cell.text,
                  Look{.bold = total, .wrap = true, .total = total, .muted = cell.suppressed});
        if (total && cell.text.empty()) {
          book.Check(worksheet_write_blank(sheet, row, col, book.Format(Look{.total = true})));
        }
      }
    }
  }
  if (!table.note.empty()) book.Text(sheet, row + 1, 0, table.note, Look{.italic = true, .muted = true});
  for (size_t c = 0; c < n; ++c) {
    book.Width(sheet, static_cast<lxw_col_t>(c),
               static_cast<double>(std::min<size_t>(widths[c], 60) + 2));
  }
  if (n > 0) worksheet_freeze_panes(sheet, 2, 0);
}

void FiguresSheet(Book& book, lxw_worksheet* sheet, const ReportDoc& doc) {
  const std::vector<std::pair<std::string, double>> columns = {
      {"Id", 28},         {"Label", 36},          {"Value", 10},          {"Base", 10},
      {"Approximate", 12}, {"Suppressed", 11},    {"Interval lower", 14}, {"Interval upper", 14},
      {"Definition", 60}, {"Records", 16},        {"Filters", 36},        {"Link", 60}};
  for (size_t c = 0; c < columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    book.Text(sheet, 0, col, columns[c].first, Look{.header = true});
    const bool wrap = columns[c].first == "Definition" || columns[c].first == "Label";
    book.Width(sheet, col, columns[c].second, Look{.wrap = wrap});
  }
  lxw_row_t row = 1;
  for (const Figure& f : doc.figures) {
    book.Text(sheet, row, 0, f.id);
    book.Text(sheet, row, 1, f.label, Look{.wrap = true});
    // A suppressed figure's value is never written.
    if (f.value && !f.suppressed) book.Number(sheet, row, 2, static_cast<double>(*f.value), Look{.number = "#,##0"});
    if (f.base) book.Number(sheet, row, 3, static_cast<double>(*f.base), Look{.number = "#,##0"});
    book.Boolean(sheet, row, 4, f.approximate);
    book.Boolean(sheet, row, 5, f.suppressed);
    if (f.interval && !f.suppressed) {
      book.Number(sheet, row, 6, f.interval->first, Look{.number = "0.0%"});
      book.Number(sheet, row, 7, f.interval->second, Look{.number = "0.0%"});
    }
    book.Text(sheet, row, 8, f.definition, Look{.wrap = true});
    book.Text(sheet, row, 9, f.records);
    std::string filters;
    for (const auto& [key, value] : f.filters) {
      if (!filters.empty()) filters += "; ";
      filters += key + "=" + value;
    }
    book.Text(sheet, row, 10, filters);
    // Without Lookout's public address, the path within Lookout as text.
    if (const std::string url = FigureUrl(doc, f); !url.empty()) {
      book.Link(sheet, row, 11, url);
    } else if (!f.link.empty()) {
      book.Text(sheet, row, 11, f.link);
    }
    ++row;
  }
  worksheet_freeze_panes(sheet, 1, 0);
}

// A file in the system's temporary directory, removed when this goes.
class TempFile {
 public:
  TempFile() {
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) return;
    std::string pattern = (dir / "lookout-report-XXXXXX.xlsx").string();
    const int fd = mkstemps(pattern.data(), 5);
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Status XlsxError(const std::string& what) {
  return Status::Internal("The spreadsheet could not be written: " + what);
}

}  // namespace

Result<std::string> RenderXlsx(const ReportDoc& doc) {
  TempFile file;
  if (file.path().empty()) return XlsxError("no temporary file");

  lxw_workbook* workbook = workbook_new(file.path().c_str());
  if (!workbook) return XlsxError("the workbook could not be created");
  Book book(workbook);

  // The properties, with the data's timestamp as the creation time: same report, same bytes.
  const std::string title = CellText(doc.title);
  const std::string subject = CellText(doc.programme);
  lxw_doc_properties properties = {};
  properties.title = const_cast<char*>(title.c_str());
  properties.subject = const_cast<char*>(subject.c_str());
  properties.comments = const_cast<char*>("Made by Lookout");
  if (const std::optional<int64_t> t = ParseTimestamp(doc.data_as_of)) {
    properties.created = static_cast<time_t>(*t);
  }
  book.Check(workbook_set_properties(workbook, &properties));

  // Names first: About and Figures are taken, as is "History", which Excel reserves.
  std::vector<std::string> taken = {Fold("About"), Fold("Figures"), Fold("History")};
  std::vector<std::pair<const DocTable*, std::string>> tables;
  for (const Section& section : doc.sections) {
    for (const Block& block : section.blocks) {
      if (block.kind != Block::Kind::kTable) continue;
      tables.emplace_back(&block.table, SheetName(block.table.id, taken));
    }
  }
  std::vector<std::pair<std::string, std::string>> listing;
  for (const auto& [table, name] : tables) listing.emplace_back(name, table->title);

  if (lxw_worksheet* about = book.AddSheet("About")) AboutSheet(book, about, doc, listing);
  for (const auto& [table, name] : tables) {
    if (lxw_worksheet* sheet = book.AddSheet(name)) TableSheet(book, sheet, *table);
  }
  if (lxw_worksheet* figures = book.AddSheet("Figures")) FiguresSheet(book, figures, doc);

  const lxw_error closed = workbook_close(workbook);  // writes the file and frees the workbook
  if (book.error() != LXW_NO_ERROR) return XlsxError(lxw_strerror(book.error()));
  if (closed != LXW_NO_ERROR) return XlsxError(lxw_strerror(closed));

  std::ifstream in(file.path(), std::ios::binary);
  if (!in) return XlsxError("the file could not be read back");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) return XlsxError("the file is empty");
  return bytes;
}

}  // namespace lookout::report
