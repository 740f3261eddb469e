#include "app/imports/survey_file.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "core/text.h"
#include "core/time.h"
#include "domain/schema.h"
#include "domain/survey_stats.h"
#include "io/csv.h"
#include "io/record_file.h"
#include "io/xlsx_reader.h"

namespace lookout::app::survey_file {

using json = nlohmann::json;

// ---- Text ------------------------------------------------------------------------------

// ASCII white space and the no-break space (U+00A0) that spreadsheets leave behind.
std::string Trim(std::string_view text) { return std::string(TrimSpaceAndNbsp(text)); }

// At most `max` characters (code points), with "…" when cut.
std::string Shorten(const std::string& text, size_t max) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max) return text.substr(0, i) + "…";
      ++chars;
    }
  }
  return text;
}

std::string JoinList(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// ---- Wordings --------------------------------------------------------------------------

const std::set<std::string>& BlankWordings() {
  static const std::set<std::string> k = {"",          "na",          "notapplicable",
                                          "noanswer",  "noresponse",  "prefernottosay",
                                          "prefernottoanswer"};
  return k;
}

const std::set<std::string>& DontKnowWordings() {
  static const std::set<std::string> k = {"dontknow", "donotknow", "idontknow",
                                          "notsure",  "unsure",    "dontknownotsure"};
  return k;
}

const std::map<std::string, std::string>& AgreementWordings() {
  static const std::map<std::string, std::string> k = {
      {"stronglyagree", "strongly_agree"},
      {"agreestrongly", "strongly_agree"},
      {"agree", "agree"},
      {"somewhatagree", "agree"},
      {"tendtoagree", "agree"},
      {"neither", "neither"},
      {"neitheragreenordisagree", "neither"},
      {"neitheragreeordisagree", "neither"},
      {"neitherdisagreenoragree", "neither"},
      {"neutral", "neither"},
      {"disagree", "disagree"},
      {"somewhatdisagree", "disagree"},
      {"tendtodisagree", "disagree"},
      {"stronglydisagree", "strongly_disagree"},
      {"disagreestrongly", "strongly_disagree"},
  };
  return k;
}

std::string_view StripDigits(std::string_view key) {
  while (!key.empty() && std::isdigit(static_cast<unsigned char>(key.front()))) key.remove_prefix(1);
  while (!key.empty() && std::isdigit(static_cast<unsigned char>(key.back()))) key.remove_suffix(1);
  return key;
}

std::optional<std::string> AgreementWord(const std::string& key) {
  if (BlankWordings().count(key)) return std::string();
  if (DontKnowWordings().count(key)) return std::string("dont_know");
  auto it = AgreementWordings().find(key);
  if (it != AgreementWordings().end()) return it->second;
  return std::nullopt;
}

std::string AgreementWordingsText() {
  return "Strongly agree, Agree, Neither agree nor disagree (or Neutral), Disagree, "
         "Strongly disagree, Don't know";
}

// ---- The file as a table ---------------------------------------------------------------

Status TableError(int64_t line, const std::string& place, std::string message) {
  const std::string where = line > 0 ? place + " " + std::to_string(line) : "file";
  return Status::Validation({{where, std::move(message)}}, "The file cannot be read.");
}

Result<TextTable> ReadTable(std::string_view bytes) {
  if (io::LooksLikeZip(bytes) || io::LooksLikeOleFile(bytes)) {
    LOOKOUT_ASSIGN_OR_RETURN(io::XlsxSheet sheet, io::ReadXlsx(bytes));
    TextTable table;
    table.place = "row";
    for (io::XlsxSheet::Row& r : sheet.rows) table.rows.push_back({r.number, std::move(r.cells)});
    return table;
  }
  if (auto bad = FindInvalidUtf8(bytes)) {
    const int64_t line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(*bad), '\n');
    return TableError(line, "line",
                      "the file is not UTF-8 text: save it as \"CSV UTF-8\" (Excel) or export "
                      "it again as CSV");
  }
  LOOKOUT_ASSIGN_OR_RETURN(io::CsvTable csv, io::ParseCsv(bytes, /*separator=*/'\0'));
  TextTable table;
  if (!csv.header.empty()) table.rows.push_back({csv.header_line, std::move(csv.header)});
  for (io::CsvTable::Row& r : csv.rows) table.rows.push_back({r.line, std::move(r.cells)});
  // A line break inside a quoted value is kept as one "\n", whatever the file's line ends.
  for (TextRow& row : table.rows) {
    for (std::string& cell : row.cells) {
      if (cell.find('\r') == std::string::npos) continue;
      std::string unified;
      for (size_t k = 0; k < cell.size(); ++k) {
        if (cell[k] != '\r') {
          unified += cell[k];
        } else if (k + 1 >= cell.size() || cell[k + 1] != '\n') {
          unified += '\n';
        }
      }
      cell = std::move(unified);
    }
  }
  return table;
}

// ---- Columns ---------------------------------------------------------------------------

// "Q01. Text" and "3) Text" -> "Text": the code some tools put before a question's text.
std::string WithoutCode(const std::string& header) {
  size_t i = 0;
  while (i < header.size() && i < 20 &&
         (std::isalnum(static_cast<unsigned char>(header[i])) || header[i] == '_')) {
    ++i;
  }
  if (i == 0 || i >= header.size()) return "";
  if (header[i] != '.' && header[i] != ')' && header[i] != ':') return "";
  if (i + 1 >= header.size() || header[i + 1] != ' ') return "";
  return Trim(header.substr(i + 1));
}

std::vector<FileColumn> DescribeColumns(SurveyPreset preset, const std::vector<std::string>& first,
                                        const std::vector<std::string>* second) {
  std::vector<FileColumn> out;
  const size_t n = std::max(first.size(), second ? second->size() : size_t{0});
  std::string carried;
  for (size_t i = 0; i < n; ++i) {
    FileColumn c;
    c.index = i;
    c.letter = io::ColumnLetters(i);
    const std::string top = i < first.size() ? Trim(first[i]) : "";
    if (second != nullptr) {
      // SurveyMonkey: row 1 names the question (only above its first column), row 2 the
      // grid row or the choice, or "Response" for a one-column question.
      const std::string sub = i < second->size() ? Trim((*second)[i]) : "";
      if (!top.empty()) carried = top;
      const std::string sub_key = MatchKey(sub);
      const bool plain = sub_key.empty() || sub_key == "response" || sub_key == "openendedresponse";
      c.group = top.empty() && !sub.empty() ? carried : top;
      if (!plain) c.item = sub;
      c.header = c.item.empty() ? c.group : (c.group.empty() ? c.item : c.group + " / " + c.item);
      c.header_key = MatchKey(c.item.empty() ? c.group : c.header);
      if (c.item.empty()) {
        c.exact_keys.push_back(MatchKey(c.group));
      } else {
        c.exact_keys.push_back(MatchKey(c.item));
        c.group_key = MatchKey(c.group);
      }
    } else {
      c.header = top;
      c.header_key = MatchKey(top);
      c.exact_keys.push_back(c.header_key);
      const std::string bare = WithoutCode(top);
      if (!bare.empty()) c.exact_keys.push_back(MatchKey(bare));
      // "Question [grid row or choice]": Google Forms grids and checkboxes, LimeSurvey
      // arrays and multiple choice.
      const size_t open = top.rfind(" [");
      if (!top.empty() && top.back() == ']' && open != std::string::npos) {
        c.group = Trim(top.substr(0, open));
        c.item = Trim(top.substr(open + 2, top.size() - open - 3));
        c.exact_keys.push_back(MatchKey(c.item));
        c.group_key = MatchKey(c.group);
        const std::string bare_group = WithoutCode(c.group);
        if (!bare_group.empty()) c.group_key = MatchKey(bare_group);
      } else if (preset == SurveyPreset::kKobo && top.find('/') != std::string::npos) {
        // Kobo: "group_name/question" with groups, "question/choice" for the 0/1 columns
        // of a multiple-choice question.
        const size_t slash = top.rfind('/');
        c.item = top.substr(slash + 1);
        c.exact_keys.push_back(MatchKey(c.item));
        const std::string parent = top.substr(0, slash);
        const size_t before = parent.rfind('/');
        c.group = before == std::string::npos ? parent : parent.substr(before + 1);
        c.group_key = MatchKey(c.group);
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

const std::set<std::string>& PersonalHeaders() {
  static const std::set<std::string> k = {
      "email",     "emailaddress", "name",        "firstname", "lastname",
      "fullname",  "ipaddress",    "submittedby", "username",  "deviceid",
      "phonenumber", "simserial",  "subscriberid", "referrerurl", "respondentemail"};
  return k;
}

bool IsPersonal(const FileColumn& c) {
  if (PersonalHeaders().count(c.header_key)) return true;
  for (const std::string& k : c.exact_keys) {
    if (PersonalHeaders().count(k)) return true;
  }
  return false;
}

// Which columns a key names: those whose text matches (the header, a grid row or choice),
// else the columns of a question it names as a group.
std::vector<size_t> ColumnsMatching(const std::vector<FileColumn>& columns, const std::string& key) {
  std::vector<size_t> exact, grouped;
  if (key.empty()) return exact;
  for (const FileColumn& c : columns) {
    if (c.header_key == key ||
        std::find(c.exact_keys.begin(), c.exact_keys.end(), key) != c.exact_keys.end()) {
      exact.push_back(c.index);
    } else if (!c.group_key.empty() && c.group_key == key) {
      grouped.push_back(c.index);
    }
  }
  return exact.empty() ? grouped : exact;
}

// A mapping's reference to a column: its header text (or a grid row, a choice, a
// question of several columns), else its letter.
std::vector<size_t> ResolveColumnRef(const std::vector<FileColumn>& columns, const std::string& ref) {
  std::vector<size_t> found = ColumnsMatching(columns, MatchKey(ref));
  if (!found.empty()) return found;
  const std::string t = Trim(ref);
  if (t.size() <= 3 && std::all_of(t.begin(), t.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
      })) {
    const int64_t index = io::ColumnIndex(t);
    if (index >= 0 && static_cast<size_t>(index) < columns.size()) return {static_cast<size_t>(index)};
  }
  return {};
}

std::string DescribeColumns(const std::vector<FileColumn>& columns, const std::vector<size_t>& which) {
  if (which.empty()) return "";
  if (which.size() == 1) return "column " + columns[which.front()].Describe();
  const FileColumn& first = columns[which.front()];
  const FileColumn& last = columns[which.back()];
  const std::string name = !first.group.empty() ? first.group : first.header;
  return "columns " + first.letter + "-" + last.letter + " (" + Shorten(name) + ")";
}

// ---- Dates -----------------------------------------------------------------------------

std::optional<std::string> MakeDate(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  if (!Date::Parse(buf)) return std::nullopt;
  return std::string(buf);
}

// Reads up to three numbers separated by one of "/.-" at the start of `text`.
bool LeadingNumbers(std::string_view text, int (&n)[3], size_t (&len)[3], char& sep, size_t& used) {
  size_t i = 0;
  sep = 0;
  for (int k = 0; k < 3; ++k) {
    const size_t start = i;
    long v = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && i - start < 4) {
      v = v * 10 + (text[i] - '0');
      ++i;
    }
    if (i == start) return false;
    n[k] = static_cast<int>(v);
    len[k] = i - start;
    if (k < 2) {
      if (i >= text.size()) return false;
      const char c = text[i];
      if (c != '/' && c != '.' && c != '-') return false;
      if (sep != 0 && c != sep) return false;
      sep = c;
      ++i;
    }
  }
  used = i;
  return true;
}

std::optional<DateParts> SlashedParts(std::string_view text) {
  int n[3];
  size_t len[3];
  char sep = 0;
  size_t used = 0;
  const std::string t = Trim(text);
  if (!LeadingNumbers(t, n, len, sep, used)) return std::nullopt;
  if (used < t.size() && t[used] != ' ' && t[used] != 'T' && t[used] != ',') return std::nullopt;
  if (len[0] == 4) return std::nullopt;  // year first: no order question
  if (len[2] != 2 && len[2] != 4) return std::nullopt;
  DateParts p;
  p.a = n[0];
  p.b = n[1];
  p.year = len[2] == 2 ? 2000 + n[2] : n[2];
  return p;
}

}  // namespace lookout::app::survey_file
