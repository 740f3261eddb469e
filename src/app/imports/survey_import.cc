#include "app/imports/survey_import.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "app/imports/file_io.h"
#include "io/xlsx_reader.h"
#include "core/time.h"
#include "domain/schema.h"
#include "domain/survey_stats.h"

namespace lookout::app {

namespace {

using json = nlohmann::json;

// ---- Text ------------------------------------------------------------------------------

std::string Trim(std::string_view text) {
  // ASCII white space and the no-break space (U+00A0) that spreadsheets leave behind.
  auto space_at_start = [&](size_t i) -> size_t {
    if (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) return 1;
    if (i + 1 < text.size() && text.substr(i, 2) == "\xC2\xA0") return 2;
    return 0;
  };
  size_t begin = 0;
  while (size_t n = space_at_start(begin)) begin += n;
  size_t end = text.size();
  while (end > begin) {
    if (std::isspace(static_cast<unsigned char>(text[end - 1]))) {
      --end;
    } else if (end - begin >= 2 && text.substr(end - 2, 2) == "\xC2\xA0") {
      end -= 2;
    } else {
      break;
    }
  }
  return std::string(text.substr(begin, end - begin));
}

// At most `max` characters (code points), with "…" when cut.
std::string Shorten(const std::string& text, size_t max = 80) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max) return text.substr(0, i) + "…";
      ++chars;
    }
  }
  return text;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string JoinList(const std::vector<std::string>& items, const std::string& sep = ", ") {
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

struct TextRow {
  int64_t line = 0;
  std::vector<std::string> cells;
};

struct TextTable {
  std::string place = "line";
  std::vector<TextRow> rows;  // the header row(s) first
};

Status TableError(int64_t line, const std::string& place, std::string message) {
  const std::string where = line > 0 ? place + " " + std::to_string(line) : "file";
  return Status::Validation({{where, std::move(message)}}, "The file cannot be read.");
}

// The separator of a CSV file: the most frequent of ',', ';' and tab on its first line
// (outside quotes); ',' when none is there.
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

// RFC 4180 with a chosen separator: quoted values may hold separators, quotes ("") and
// line breaks; lines may end in LF, CRLF or CR; blank lines are skipped; each record
// keeps the physical line it starts on.
Result<TextTable> ParseDelimited(std::string_view bytes, char separator) {
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
  TextTable table;
  int64_t line = 1;
  int64_t record_line = 1;
  TextRow row;
  std::string cell;
  bool quoted = false;       // inside a quoted value
  bool was_quoted = false;   // the current value was quoted (and has closed)
  bool cell_started = false;
  auto end_cell = [&] {
    row.cells.push_back(was_quoted ? cell : Trim(cell));
    cell.clear();
    was_quoted = false;
    cell_started = false;
  };
  auto end_record = [&] {
    end_cell();
    const bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) {
      row.line = record_line;
      table.rows.push_back(std::move(row));
    }
    row = TextRow{};
  };
  size_t i = 0;
  while (i < bytes.size()) {
    const char c = bytes[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        was_quoted = true;
        ++i;
        continue;
      }
      if (c == '\r' || c == '\n') {
        cell += '\n';
        ++line;
        i += (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ? 2 : 1;
        continue;
      }
      cell += c;
      ++i;
      continue;
    }
    if (c == separator) {
      end_cell();
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      end_record();
      ++line;
      record_line = line;
      i += (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (was_quoted) {
      if (c == ' ' || c == '\t') {
        ++i;
        continue;
      }
      return TableError(line, "line",
                        "text after a closing '\"': a quote inside a quoted value is written "
                        "twice (\"\")");
    }
    if (c == '"' && Trim(cell).empty() && !cell_started) {
      cell.clear();
      quoted = true;
      cell_started = true;
      ++i;
      continue;
    }
    if (c != ' ' && c != '\t') cell_started = true;
    cell += c;
    ++i;
  }
  if (quoted) {
    return TableError(record_line, "line",
                      "the file ends inside a quoted value that starts on this line: a "
                      "closing '\"' is missing");
  }
  if (!cell.empty() || was_quoted || !row.cells.empty()) end_record();
  return table;
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
  return ParseDelimited(bytes, DetectSeparator(bytes));
}

// ---- Columns ---------------------------------------------------------------------------

struct FileColumn {
  size_t index = 0;
  std::string letter;
  std::string header;  // as people read it
  std::string group;   // the question a column of a grid or of choices belongs to
  std::string item;    // the grid row or the choice the column holds
  std::string header_key;
  std::vector<std::string> exact_keys;  // what a question's text or a mapping may match
  std::string group_key;
  bool blank = true;   // no data row has a value in it

  std::string Describe() const {
    return letter + (header.empty() ? " (no header)" : " (" + Shorten(header) + ")");
  }
};

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

struct DateParts {
  int a = 0, b = 0, year = 0;  // "a/b/year": which of a and b is the day is the question
};

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

}  // namespace

// ---- Presets ---------------------------------------------------------------------------

const std::vector<SurveyPresetInfo>& SurveyPresets() {
  static const std::vector<SurveyPresetInfo> k = {
      {SurveyPreset::kLookout, "lookout", "Lookout CSV"},
      {SurveyPreset::kSurveyMonkey, "surveymonkey", "SurveyMonkey"},
      {SurveyPreset::kGoogleForms, "google-forms", "Google Forms"},
      {SurveyPreset::kMicrosoftForms, "microsoft-forms", "Microsoft Forms (XLSX)"},
      {SurveyPreset::kLimeSurvey, "limesurvey", "LimeSurvey"},
      {SurveyPreset::kKobo, "kobo", "KoboToolbox"},
      {SurveyPreset::kGeneric, "generic", "Other CSV with a column mapping"},
  };
  return k;
}

std::optional<SurveyPreset> ParseSurveyPreset(std::string_view name) {
  const std::string n = Lower(Trim(name));
  for (const SurveyPresetInfo& p : SurveyPresets()) {
    if (n == p.name) return p.preset;
  }
  return std::nullopt;
}

const SurveyPresetInfo& PresetInfo(SurveyPreset preset) {
  for (const SurveyPresetInfo& p : SurveyPresets()) {
    if (p.preset == preset) return p;
  }
  return SurveyPresets().front();
}

std::string SurveyPresetNames() {
  std::string out;
  for (const SurveyPresetInfo& p : SurveyPresets()) out += (out.empty() ? "" : ", ") + std::string(p.name);
  return out;
}

// ---- Text keys and answers -------------------------------------------------------------

std::string MatchKey(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
      ++i;
      continue;
    }
    size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (i + len > text.size()) len = text.size() - i;
    uint32_t cp = 0;
    if (len == 2) cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
    if (len == 3) {
      cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
           (static_cast<unsigned char>(text[i + 2]) & 0x3F);
    }
    // Punctuation and spaces outside ASCII: no-break space, « » ¿ ¡ · and the General
    // Punctuation block (curly quotes, dashes, ellipsis).
    const bool punctuation = cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0xBF || cp == 0xA1 ||
                             cp == 0xB7 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 ||
                             cp == 0xFEFF;
    if (!punctuation) out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::optional<std::string> AgreementAnswer(std::string_view text, std::string_view numbers) {
  const std::string key = MatchKey(text);
  if (auto word = AgreementWord(key)) return word;
  if (!numbers.empty() && key.size() == 1 && key[0] >= '1' && key[0] <= '5') {
    static const char* kUp[] = {"strongly_disagree", "disagree", "neither", "agree", "strongly_agree"};
    const int n = key[0] - '1';
    return std::string(numbers == "1=strongly_agree" ? kUp[4 - n] : kUp[n]);
  }
  // "5 - Strongly agree", "Strongly agree (5)": the words decide.
  const std::string_view words = StripDigits(key);
  if (!words.empty() && words.size() != key.size()) {
    if (auto word = AgreementWord(std::string(words))) {
      if (!word->empty()) return word;
    }
  }
  return std::nullopt;
}

std::optional<std::string> YesNoAnswer(std::string_view text) {
  const std::string key = MatchKey(text);
  if (key == "yes" || key == "y") return std::string("yes");
  if (key == "no" || key == "n") return std::string("no");
  if (DontKnowWordings().count(key)) return std::string("dont_know");
  if (BlankWordings().count(key)) return std::string();
  return std::nullopt;
}

std::optional<std::string> AttendedTrainingAnswer(std::string_view text) {
  const std::string key = MatchKey(text);
  if (key == "yes" || key == "y") return std::string("yes");
  if (key == "no" || key == "n") return std::string("no");
  if (key == "unknown" || DontKnowWordings().count(key) || BlankWordings().count(key)) {
    return std::string("unknown");
  }
  return std::nullopt;
}

std::optional<std::string> ResponseDate(std::string_view text, std::string_view order) {
  const std::string t = Trim(text);
  if (t.empty()) return std::nullopt;
  int n[3];
  size_t len[3];
  char sep = 0;
  size_t used = 0;
  if (!LeadingNumbers(t, n, len, sep, used)) return std::nullopt;
  if (used < t.size() && t[used] != ' ' && t[used] != 'T' && t[used] != ',') return std::nullopt;
  if (len[0] == 4) {  // 2025-11-03, 2025/11/03 (Google Forms), with or without a time
    if (len[1] > 2 || len[2] > 2) return std::nullopt;
    return MakeDate(n[0], n[1], n[2]);
  }
  auto parts = SlashedParts(t);
  if (!parts) return std::nullopt;
  if (order == "mdy") return MakeDate(parts->year, parts->a, parts->b);
  if (order == "dmy" || order.empty()) return MakeDate(parts->year, parts->b, parts->a);
  return std::nullopt;
}

// ---- The mapping -----------------------------------------------------------------------

namespace {

const std::vector<std::string>& MappingKeys() {
  static const std::vector<std::string> k = {
      "preset", "response_id", "date", "date_order", "stakeholder_type", "region",
      "attended_training", "questions", "agreement_numbers", "answer_values"};
  return k;
}

void ParseChoice(const json& j, const std::string& key, ColumnChoice& out,
                 std::vector<FieldError>& errors) {
  out.given = true;
  auto add_column = [&](const json& c) {
    if (!c.is_string()) {
      errors.push_back({key, "a column is named by its header text or its letter, as a string"});
      return;
    }
    const std::string s = Trim(c.get<std::string>());
    if (!s.empty()) out.columns.push_back(s);
  };
  auto add_columns = [&](const json& c) {
    if (c.is_null()) {
      out.absent = true;
    } else if (c.is_array()) {
      for (const json& e : c) add_column(e);
      if (out.columns.empty()) out.absent = true;
    } else {
      add_column(c);
      if (c.is_string() && out.columns.empty()) out.absent = true;
    }
  };
  if (j.is_object()) {
    bool has_column = false;
    for (const auto& [k, v] : j.items()) {
      if (k == "column") {
        has_column = true;
        add_columns(v);
      } else if (k == "value") {
        if (!v.is_string()) {
          errors.push_back({key + ".value", "expected a string: the value every response gets"});
        } else {
          out.fixed = Trim(v.get<std::string>());
        }
      } else if (k == "values") {
        if (!v.is_object()) {
          errors.push_back({key + ".values",
                            "expected an object: {\"the file's wording\": \"Lookout's code\"}"});
          continue;
        }
        for (const auto& [from, to] : v.items()) {
          if (!to.is_string()) {
            errors.push_back({key + ".values." + from, "expected a string"});
          } else {
            out.values[MatchKey(from)] = Trim(to.get<std::string>());
          }
        }
      } else {
        errors.push_back({key + "." + k, "unknown key: use column, value or values"});
      }
    }
    if (!has_column && out.fixed.empty()) out.absent = true;
    if (has_column && !out.fixed.empty() && !out.absent) {
      errors.push_back({key, "give either a column or a value, not both"});
    }
    return;
  }
  add_columns(j);
}

}  // namespace

Result<ColumnMapping> ParseColumnMapping(std::string_view json_text) {
  ColumnMapping m;
  if (Trim(json_text).empty()) return m;
  json j;
  try {
    j = json::parse(json_text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    const size_t colon = what.find(": ");
    if (colon != std::string::npos && what.rfind("[json.exception", 0) == 0) what = what.substr(colon + 2);
    return Status::Validation({{"mapping", "is not valid JSON: " + what}},
                              "The column mapping cannot be read.");
  }
  if (!j.is_object()) {
    return Status::Validation({{"mapping", "must be a JSON object: {\"questions\": {...}, ...}"}},
                              "The column mapping cannot be read.");
  }
  std::vector<FieldError> errors;
  m.empty = j.empty();
  for (const auto& [key, value] : j.items()) {
    if (key == "preset") {
      if (!value.is_string() || !ParseSurveyPreset(value.get<std::string>())) {
        errors.push_back({key, "is one of: " + SurveyPresetNames()});
      } else {
        m.preset = Lower(Trim(value.get<std::string>()));
      }
    } else if (key == "response_id") {
      ParseChoice(value, key, m.response_id, errors);
      if (!m.response_id.fixed.empty()) {
        errors.push_back({key, "every response needs its own id: name a column, or null"});
      }
    } else if (key == "date") {
      ParseChoice(value, key, m.date, errors);
    } else if (key == "stakeholder_type") {
      ParseChoice(value, key, m.stakeholder_type, errors);
    } else if (key == "region") {
      ParseChoice(value, key, m.region, errors);
    } else if (key == "attended_training") {
      ParseChoice(value, key, m.attended_training, errors);
    } else if (key == "questions") {
      if (!value.is_object()) {
        errors.push_back({key, "expected an object: {\"1\": \"column\", ...} by question position"});
        continue;
      }
      for (const auto& [pos, column] : value.items()) {
        const std::string where = "questions." + pos;
        if (!AllDigits(pos) || pos.size() > 6 || std::stoll(pos) < 1) {
          errors.push_back({where, "questions are named by their position: 1, 2, 3 ..."});
          continue;
        }
        ParseChoice(column, where, m.questions[std::stoll(pos)], errors);
        if (!m.questions[std::stoll(pos)].fixed.empty()) {
          errors.push_back({where, "an answer cannot be fixed: name a column, or null"});
        }
      }
    } else if (key == "date_order") {
      const std::string v = value.is_string() ? Lower(Trim(value.get<std::string>())) : "";
      if (v != "dmy" && v != "mdy" && v != "ymd") {
        errors.push_back({key, "is dmy (03/11/2025 is 3 November), mdy (11/03/2025 is 3 "
                               "November) or ymd"});
      } else {
        m.date_order = v;
      }
    } else if (key == "agreement_numbers") {
      const std::string v = value.is_string() ? Lower(MatchKey(value.get<std::string>())) : "";
      if (v == "1stronglydisagree" || v == "5stronglyagree") {
        m.agreement_numbers = "1=strongly_disagree";
      } else if (v == "1stronglyagree" || v == "5stronglydisagree") {
        m.agreement_numbers = "1=strongly_agree";
      } else {
        errors.push_back({key, "is \"1=strongly_disagree\" (5 is strongly agree) or "
                               "\"1=strongly_agree\" (5 is strongly disagree)"});
      }
    } else if (key == "answer_values") {
      if (!value.is_object()) {
        errors.push_back({key, "expected an object: {\"the file's wording\": \"answer\"}"});
        continue;
      }
      for (const auto& [from, to] : value.items()) {
        if (!to.is_string()) {
          errors.push_back({key + "." + from, "expected a string"});
        } else {
          m.answer_values[MatchKey(from)] = Trim(to.get<std::string>());
        }
      }
    } else {
      errors.push_back({key, "unknown key: the keys are " + JoinList(MappingKeys())});
    }
  }
  if (!errors.empty()) {
    for (FieldError& e : errors) e.field = "mapping " + e.field;
    return Status::Validation(std::move(errors), "The column mapping cannot be used.");
  }
  return m;
}

std::string SavedMappingText(std::string_view json_text, SurveyPreset preset) {
  json j = json::parse(json_text);
  j["preset"] = PresetInfo(preset).name;
  return j.dump(2);
}

// ---- Converting ------------------------------------------------------------------------

namespace {

struct PresetRules {
  std::vector<std::string> id_keys;
  std::vector<std::string> date_keys;
  bool id_required = false;    // a file of this tool always has the column
  bool date_required = false;  // Google Forms: the timestamp identifies the response
  std::string date_order;      // for day-month dates no row decides: "dmy" or "mdy"
  bool fingerprint = false;    // no response id: a fingerprint of the row
};

PresetRules RulesFor(SurveyPreset preset) {
  PresetRules r;
  switch (preset) {
    case SurveyPreset::kSurveyMonkey:
      r.id_keys = {"respondentid"};
      r.date_keys = {"enddate", "startdate"};
      r.id_required = true;
      r.date_order = "mdy";
      break;
    case SurveyPreset::kGoogleForms:
      r.date_keys = {"timestamp"};
      r.date_required = true;
      r.date_order = "dmy";
      r.fingerprint = true;
      break;
    case SurveyPreset::kMicrosoftForms:
      r.id_keys = {"id"};
      r.date_keys = {"completiontime", "starttime"};
      r.id_required = true;
      r.date_order = "mdy";
      break;
    case SurveyPreset::kLimeSurvey:
      r.id_keys = {"responseid", "id"};
      r.date_keys = {"datesubmitted", "submitdate", "datelastaction", "datestarted"};
      r.id_required = true;
      r.date_order = "dmy";
      break;
    case SurveyPreset::kKobo:
      r.id_keys = {"uuid", "id"};
      r.date_keys = {"submissiontime", "end", "start", "today"};
      r.id_required = true;
      r.date_order = "dmy";
      break;
    case SurveyPreset::kGeneric:
    case SurveyPreset::kLookout:
      r.date_keys = {"date", "timestamp", "submitdate", "datesubmitted", "responsedate"};
      r.date_order = "dmy";
      r.fingerprint = true;
      break;
  }
  return r;
}

const std::vector<std::string>& StakeholderKeys() {
  static const std::vector<std::string> k = {
      "stakeholdertype",         "sector",
      "whichsectordoyouworkin",  "whatsectordoyouworkin",
      "whichsectorareyoufrom",   "whichsectordoyouworkinorrepresent",
      "organisationtype",        "organisationsector"};
  return k;
}
const std::vector<std::string>& RegionKeys() {
  static const std::vector<std::string> k = {"region", "whichregiondoyouworkin",
                                             "whatregiondoyouworkin", "whichregionareyoubasedin",
                                             "whichregionareyouin"};
  return k;
}
const std::vector<std::string>& TrainingKeys() {
  static const std::vector<std::string> k = {
      "attendedtraining",         "didyouattendtraining",
      "didyouattendatrainingsession", "didyouattendthetraining",
      "haveyouattendedtraining",  "haveyouattendedatrainingsession",
      "trainingattended"};
  return k;
}

// A reference (region or sector) from the file's wording: the mapping's values first, then
// a code, a name, a stakeholder label or an alias.
std::optional<std::string> MatchTerm(const std::vector<ReferenceTerm>& terms, const std::string& text,
                                     const std::map<std::string, std::string>& values) {
  const std::string key = MatchKey(text);
  if (auto v = values.find(key); v != values.end()) {
    const std::string to = MatchKey(v->second);
    for (const ReferenceTerm& t : terms) {
      if (MatchKey(t.code) == to) return t.code;
    }
    for (const ReferenceTerm& t : terms) {
      for (const std::string& n : t.names) {
        if (MatchKey(n) == to) return t.code;
      }
    }
    return std::nullopt;
  }
  for (const ReferenceTerm& t : terms) {
    if (Lower(t.code) == Lower(text) || MatchKey(t.code) == key) return t.code;
  }
  for (const ReferenceTerm& t : terms) {
    for (const std::string& n : t.names) {
      if (!n.empty() && MatchKey(n) == key) return t.code;
    }
  }
  return std::nullopt;
}

struct Field {
  std::vector<size_t> columns;  // empty: none in the file
  std::string fixed;
  std::map<std::string, std::string> values;
};

struct QuestionColumns {
  const SurveyQuestionSpec* question = nullptr;
  std::vector<size_t> columns;  // one, or several (a choice question over several columns)
};

bool Ticked(const std::string& cell) {
  static const std::set<std::string> kUnticked = {"",      "0",       "no",
                                                  "n",     "false",   "notselected",
                                                  "notchosen", "unchecked"};
  return kUnticked.count(MatchKey(cell)) == 0;
}

class Converter {
 public:
  Converter(SurveyPreset preset, const SurveyImportContext& context, const ColumnMapping& mapping,
            ConvertedSurveyFile& out)
      : preset_(preset), rules_(RulesFor(preset)), context_(context), mapping_(mapping), out_(out) {}

  void Run(std::string_view bytes) {
    if (preset_ == SurveyPreset::kMicrosoftForms && !io::LooksLikeZip(bytes) && !io::LooksLikeOleFile(bytes)) {
      out_.errors.push_back({0, "", "the file is not an Excel workbook (.xlsx), which is what "
                                    "Microsoft Forms exports (\"Open results in Excel\"): "
                                    "import that file"});
      return;
    }
    auto table = ReadTable(bytes);
    if (!table.ok()) {
      for (const FieldError& e : table.status().fields()) {
        int64_t line = 0;
        const size_t space = e.field.find(' ');
        if (space != std::string::npos && AllDigits(e.field.substr(space + 1))) {
          line = std::stoll(e.field.substr(space + 1));
        }
        out_.errors.push_back({line, "", e.message});
      }
      if (table.status().fields().empty()) out_.errors.push_back({0, "", table.status().message()});
      return;
    }
    out_.place = table->place;
    std::vector<TextRow>& rows = table->rows;
    const bool two_headers = preset_ == SurveyPreset::kSurveyMonkey;
    if (rows.size() < (two_headers ? 2u : 1u)) {
      out_.errors.push_back(
          {rows.empty() ? 1 : rows.front().line, "",
           two_headers ? "the file has no header: a SurveyMonkey export starts with two header "
                         "rows (the questions, then the answer columns)"
                       : "the file is empty: the first row must name the columns"});
      return;
    }
    header_line_ = rows[two_headers ? 1 : 0].line;
    columns_ = DescribeColumns(preset_, rows[0].cells, two_headers ? &rows[1].cells : nullptr);
    data_.assign(rows.begin() + (two_headers ? 2 : 1), rows.end());
    for (const TextRow& r : data_) {
      for (size_t i = 0; i < r.cells.size() && i < columns_.size(); ++i) {
        if (!Trim(r.cells[i]).empty()) columns_[i].blank = false;
      }
    }

    FindFields();
    FindQuestions();
    if (!out_.errors.empty()) return;  // the columns are wrong: rows would only repeat it
    PickDateOrder();
    ListIgnored();
    for (const TextRow& r : data_) ConvertRow(r);
  }

 private:
  void HeaderError(std::string message, std::string column = "") {
    out_.errors.push_back({header_line_, std::move(column), std::move(message)});
  }
  void MappingError(std::string message) { out_.errors.push_back({0, "mapping", std::move(message)}); }

  // The column(s) of a field: the mapping's, else the first column whose header is one of
  // `keys`.
  Field FindField(const char* name, const ColumnChoice& choice, const std::vector<std::string>& keys,
                  bool several_allowed = false) {
    Field f;
    f.values = choice.values;
    f.fixed = choice.fixed;
    if (choice.given) {
      for (const std::string& ref : choice.columns) {
        std::vector<size_t> found = ResolveColumnRef(columns_, ref);
        if (found.empty()) {
          MappingError(std::string("the mapping's ") + name + " names the column \"" + ref +
                       "\", which the file does not have");
          continue;
        }
        for (size_t i : found) {
          if (IsPersonal(columns_[i])) {
            MappingError(std::string("the mapping's ") + name + " names column " +
                         columns_[i].Describe() +
                         ", which holds personal data: Lookout never imports it");
            return Field{};
          }
          f.columns.push_back(i);
        }
      }
      if (!several_allowed && f.columns.size() > 1) {
        MappingError(std::string("the mapping's ") + name + " names " +
                     std::to_string(f.columns.size()) + " columns; give one");
        f.columns.resize(1);
      }
      return f;
    }
    for (const std::string& key : keys) {
      for (const FileColumn& c : columns_) {
        // Kobo's columns may carry their group's name: "group_about/region".
        const bool matches = c.header_key == key ||
                             (preset_ == SurveyPreset::kKobo && MatchKey(c.item) == key);
        if (matches) {
          f.columns.push_back(c.index);
          return f;
        }
      }
    }
    return f;
  }

  void FindFields() {
    id_ = FindField("response_id", mapping_.response_id, rules_.id_keys);
    date_ = FindField("date", mapping_.date, rules_.date_keys);
    stakeholder_ = FindField("stakeholder_type", mapping_.stakeholder_type, StakeholderKeys());
    region_ = FindField("region", mapping_.region, RegionKeys());
    training_ = FindField("attended_training", mapping_.attended_training, TrainingKeys());
    const std::string tool = PresetInfo(preset_).label;
    if (id_.columns.empty() && !mapping_.response_id.given && rules_.id_required) {
      HeaderError("no response id column (" + IdColumnNames() + "): is this file a " + tool +
                  " export? Choose the tool the file came from, or name the column in the "
                  "mapping (\"response_id\")");
    }
    if (date_.columns.empty() && date_.fixed.empty() && rules_.date_required &&
        !mapping_.date.given) {
      HeaderError("no Timestamp column: a " + tool +
                  " export starts with it, and it tells one response from another");
    }
    if (id_.columns.empty()) {
      fingerprint_ = true;
      out_.notes.push_back(
          "The file gives no response id: each response's id is a fingerprint of its date and "
          "answers, so the same response is recognised (and skipped) when the file is imported "
          "again.");
    }
    if (date_.columns.empty() && date_.fixed.empty()) {
      out_.notes.push_back("No date column: the responses are imported without a date.");
    }
    if (stakeholder_.columns.empty() && stakeholder_.fixed.empty()) {
      out_.notes.push_back(
          "No stakeholder type (sector) column: the responses are imported without one.");
    }
    if (region_.columns.empty() && region_.fixed.empty()) {
      out_.notes.push_back("No region column: the responses are imported without a region.");
    }
    if (training_.columns.empty() && training_.fixed.empty()) {
      out_.notes.push_back(
          "No attended-training column: every response is recorded as unknown.");
    }
    CheckFixed("stakeholder_type", stakeholder_.fixed, context_.sectors, stakeholder_.values);
    CheckFixed("region", region_.fixed, context_.regions, region_.values);
    if (!training_.fixed.empty() && !AttendedTrainingAnswer(training_.fixed)) {
      MappingError("the mapping's attended_training value '" + training_.fixed +
                   "' is not yes, no or unknown");
    }
    if (!date_.fixed.empty() && !ResponseDate(date_.fixed, "dmy")) {
      MappingError("the mapping's date value '" + date_.fixed + "' is not a date (YYYY-MM-DD)");
    }
  }

  std::string IdColumnNames() const {
    switch (preset_) {
      case SurveyPreset::kSurveyMonkey: return "\"Respondent ID\"";
      case SurveyPreset::kMicrosoftForms: return "\"ID\"";
      case SurveyPreset::kLimeSurvey: return "\"Response ID\" or \"id\"";
      case SurveyPreset::kKobo: return "\"_uuid\" or \"_id\"";
      default: return "none";
    }
  }

  void CheckFixed(const char* name, const std::string& fixed, const std::vector<ReferenceTerm>& terms,
                  const std::map<std::string, std::string>& values) {
    if (fixed.empty()) return;
    if (!MatchTerm(terms, fixed, values)) {
      MappingError(std::string("the mapping's ") + name + " value '" + fixed +
                   "' is not a known " + (std::string(name) == "region" ? "region" : "sector"));
    }
  }

  void FindQuestions() {
    for (const SurveyQuestionSpec& q : context_.questions) {
      QuestionColumns qc{&q, {}};
      const std::string label = "question " + std::to_string(q.position) + " (\"" +
                                Shorten(q.text) + "\")";
      if (auto m = mapping_.questions.find(q.position); m != mapping_.questions.end()) {
        if (m->second.absent) continue;  // the file does not hold this question
        Field f = FindField(("questions." + std::to_string(q.position)).c_str(), m->second, {},
                            /*several_allowed=*/true);
        if (f.columns.empty()) continue;  // reported
        qc.columns = f.columns;
      } else {
        qc.columns = ColumnsMatching(columns_, MatchKey(q.text));
        if (qc.columns.empty()) {
          HeaderError("no column for " + label +
                      ": no header matches the question's text. Name its column in the mapping "
                      "(\"questions\": {\"" + std::to_string(q.position) +
                      "\": \"the column's header or letter\"}), or null when the file does not "
                      "hold it");
          continue;
        }
        // A choice question over several columns: an "Other (please specify)" column holds
        // free text, never stored.
        if (qc.columns.size() > 1) {
          std::vector<size_t> kept;
          for (size_t i : qc.columns) {
            const FileColumn& c = columns_[i];
            const bool other = MatchKey(c.item).rfind("other", 0) == 0 && !OptionFor(q, c.item);
            if (!other) kept.push_back(i);
          }
          qc.columns = kept;
        }
        const bool several_ok = q.kind == "multiple_choice" || q.kind == "single_choice";
        bool same_group = true;
        for (size_t i : qc.columns) same_group = same_group && !columns_[i].group_key.empty() &&
                                                 columns_[i].group_key == MatchKey(q.text);
        if (qc.columns.size() > 1 && !(several_ok && same_group)) {
          std::vector<std::string> letters;
          for (size_t i : qc.columns) letters.push_back(columns_[i].letter);
          HeaderError(label + " matches " + std::to_string(qc.columns.size()) + " columns (" +
                      JoinList(letters) + "): name the one that holds it in the mapping "
                      "(\"questions\": {\"" + std::to_string(q.position) + "\": \"letter\"})");
          continue;
        }
      }
      for (size_t i : qc.columns) {
        if (IsPersonal(columns_[i])) {
          HeaderError(label + " would be read from column " + columns_[i].Describe() +
                      ", which holds personal data: Lookout never imports it");
        }
      }
      questions_.push_back(std::move(qc));
    }
  }

  // The order of day-month dates ("03/11/2025"): the mapping's, else what the file's own
  // dates show (a first number above 12 is a day), else the tool's usual order.
  void PickDateOrder() {
    date_order_ = mapping_.date_order;
    if (!date_order_.empty() || date_.columns.empty()) return;
    bool day_first = false, month_first = false;
    for (const TextRow& r : data_) {
      const size_t c = date_.columns.front();
      if (c >= r.cells.size()) continue;
      auto p = SlashedParts(r.cells[c]);
      if (!p) continue;
      if (p->a > 12 && p->b <= 12) day_first = true;
      if (p->b > 12 && p->a <= 12) month_first = true;
    }
    if (day_first && month_first) {
      HeaderError("the dates in column " + columns_[date_.columns.front()].Describe() +
                  " are written in both orders (day first and month first): say which in the "
                  "mapping (\"date_order\": \"dmy\" or \"mdy\")");
    }
    date_order_ = day_first ? "dmy" : month_first ? "mdy" : rules_.date_order;
  }

  void ListIgnored() {
    std::set<size_t> used;
    for (const Field* f : {&id_, &date_, &stakeholder_, &region_, &training_}) {
      used.insert(f->columns.begin(), f->columns.end());
    }
    for (const QuestionColumns& q : questions_) used.insert(q.columns.begin(), q.columns.end());
    for (const FileColumn& c : columns_) {
      if (used.count(c.index)) continue;
      if (c.header.empty() && c.blank) continue;  // an empty column at the edge of the file
      out_.ignored_columns.push_back(c.Describe());
      if (IsPersonal(c)) out_.personal_columns.push_back(c.Describe());
    }
  }

  std::optional<std::string> OptionFor(const SurveyQuestionSpec& q, const std::string& text) const {
    const std::string key = MatchKey(text);
    if (key.empty()) return std::nullopt;
    for (const std::string& option : domain::SplitChoices(q.options)) {
      if (MatchKey(option) == key) return option;
    }
    return std::nullopt;
  }

  // The file's wording through the mapping's answer_values.
  std::string Translated(const std::string& text) const {
    auto it = mapping_.answer_values.find(MatchKey(text));
    return it == mapping_.answer_values.end() ? text : it->second;
  }

  struct Answer {
    std::string value;    // "" when not answered
    std::string problem;  // why the cell was not recognised
  };

  // The choices of a multiple-choice cell: split at ';', else ',', else (Kobo) spaces;
  // every part must be one of the question's options.
  Answer Choices(const SurveyQuestionSpec& q, const std::string& cell,
                 std::set<std::string>& chosen) const {
    const std::string text = Trim(Translated(cell));
    if (text.empty() || BlankWordings().count(MatchKey(text))) return {};
    if (auto one = OptionFor(q, text)) {
      chosen.insert(*one);
      return {};
    }
    std::vector<char> separators = {';', ','};
    if (preset_ == SurveyPreset::kKobo) separators.push_back(' ');
    std::string first_unknown;
    for (char sep : separators) {
      if (text.find(sep) == std::string::npos) continue;
      std::vector<std::string> found;
      std::string unknown;
      size_t start = 0;
      while (start <= text.size()) {
        size_t end = text.find(sep, start);
        if (end == std::string::npos) end = text.size();
        const std::string part = Trim(Translated(Trim(text.substr(start, end - start))));
        if (!part.empty()) {
          if (auto o = OptionFor(q, part)) {
            found.push_back(*o);
          } else if (unknown.empty()) {
            unknown = part;
          }
        }
        start = end + 1;
      }
      if (unknown.empty()) {
        chosen.insert(found.begin(), found.end());
        return {};
      }
      if (first_unknown.empty()) first_unknown = unknown;
    }
    if (first_unknown.empty()) first_unknown = text;
    return {"", "'" + first_unknown + "' is not one of the question's choices: " + q.options};
  }

  Answer ReadAnswer(const SurveyQuestionSpec& q, const std::string& cell) const {
    const std::string text = Trim(Translated(cell));
    if (q.kind == "free_text") return {text, ""};
    if (q.kind == "agreement") {
      if (auto a = AgreementAnswer(text, mapping_.agreement_numbers)) return {*a, ""};
      std::string problem = "'" + text + "' is not an agreement answer Lookout recognises (" +
                            AgreementWordingsText() + ")";
      if (AllDigits(MatchKey(text)) && mapping_.agreement_numbers.empty()) {
        problem += "; numbers are read only when the mapping says which end of the scale 1 is "
                   "(\"agreement_numbers\": \"1=strongly_disagree\")";
      }
      return {"", problem};
    }
    if (q.kind == "yes_no") {
      if (auto a = YesNoAnswer(text)) return {*a, ""};
      return {"", "'" + text + "' is not a yes/no answer Lookout recognises (Yes, Y, No, N, "
                               "Don't know)"};
    }
    if (q.kind == "single_choice") {
      if (text.empty() || (BlankWordings().count(MatchKey(text)) && !OptionFor(q, text))) return {};
      if (auto o = OptionFor(q, text)) return {*o, ""};
      return {"", "'" + text + "' is not one of the question's choices: " + q.options};
    }
    if (q.kind == "multiple_choice") {
      std::set<std::string> chosen;
      Answer a = Choices(q, text, chosen);
      if (!a.problem.empty()) return a;
      return {InOptionOrder(q, chosen), ""};
    }
    return {text, ""};
  }

  std::string InOptionOrder(const SurveyQuestionSpec& q, const std::set<std::string>& chosen) const {
    std::string out;
    for (const std::string& option : domain::SplitChoices(q.options)) {
      if (chosen.count(option)) out += (out.empty() ? "" : ";") + option;
    }
    return out;
  }

  static std::string Cell(const TextRow& r, size_t i) {
    return i < r.cells.size() ? Trim(r.cells[i]) : std::string();
  }

  void RowError(const TextRow& r, size_t column, std::string message) {
    out_.errors.push_back({r.line, "column " + columns_[column].Describe(), std::move(message)});
  }

  void ConvertRow(const TextRow& r) {
    bool any = false;
    for (const std::string& c : r.cells) any = any || !Trim(c).empty();
    if (!any) return;
    for (size_t i = columns_.size(); i < r.cells.size(); ++i) {
      if (!Trim(r.cells[i]).empty()) {
        out_.errors.push_back({r.line, "",
                               std::to_string(r.cells.size()) + " values where the header has " +
                                   std::to_string(columns_.size()) +
                                   " columns (a value holding the separator must be quoted)"});
        return;
      }
    }
    ImportRow row;
    row.line = r.line;
    Record& record = row.record;
    auto& sources = out_.sources[r.line];
    record.Set("survey", context_.survey_id);
    std::set<size_t> fingerprint_columns;

    if (!id_.columns.empty()) {
      const size_t c = id_.columns.front();
      const std::string id = Cell(r, c);
      sources["external_id"] = "column " + columns_[c].Describe();
      if (id.empty()) {
        RowError(r, c, "no response id: every response of a " +
                           std::string(PresetInfo(preset_).label) + " export has one");
      } else {
        record.Set("external_id", id);
      }
    }

    std::string date_text;
    if (!date_.columns.empty()) {
      const size_t c = date_.columns.front();
      date_text = Cell(r, c);
      sources["responded_on"] = "column " + columns_[c].Describe();
      if (!date_text.empty()) {
        std::optional<std::string> date = ResponseDate(date_text, date_order_);
        if (!date && out_.place == "row" && date_text.find_first_not_of("0123456789.") == std::string::npos) {
          const std::string serial = io::SerialToDateText(std::strtod(date_text.c_str(), nullptr));
          if (!serial.empty()) date = serial.substr(0, 10);
        }
        if (date) {
          record.Set("responded_on", *date);
        } else {
          RowError(r, c, "'" + date_text + "' is not a date Lookout reads (such as 2025-11-03, "
                         "2025/11/03 10:15:42 GMT or 03/11/2025 10:15)");
        }
      }
    } else if (!date_.fixed.empty()) {
      record.Set("responded_on", *ResponseDate(date_.fixed, "dmy"));
      date_text = date_.fixed;
    }

    ReadReference(r, stakeholder_, context_.sectors, "stakeholder_type",
                  "a sector Lookout knows: give its code, name or stakeholder label (or translate "
                  "the file's wording under \"values\" in the mapping)",
                  record, sources, fingerprint_columns);
    ReadReference(r, region_, context_.regions, "region",
                  "a region Lookout knows: give its code or name (or translate the file's "
                  "wording under \"values\" in the mapping)",
                  record, sources, fingerprint_columns);

    std::string training = "unknown";
    if (!training_.columns.empty()) {
      const size_t c = training_.columns.front();
      const std::string text = Cell(r, c);
      fingerprint_columns.insert(c);
      sources["attended_training"] = "column " + columns_[c].Describe();
      auto mapped = training_.values.find(MatchKey(text));
      auto value = AttendedTrainingAnswer(mapped != training_.values.end() ? mapped->second : text);
      if (value) {
        training = *value;
      } else {
        RowError(r, c, "'" + text + "' is not an answer to whether they attended training "
                       "Lookout recognises (Yes, No, Don't know)");
      }
    } else if (!training_.fixed.empty()) {
      training = AttendedTrainingAnswer(training_.fixed).value_or("unknown");
    }
    record.Set("attended_training", training);

    Value::Rows answers;
    for (const QuestionColumns& qc : questions_) {
      const SurveyQuestionSpec& q = *qc.question;
      fingerprint_columns.insert(qc.columns.begin(), qc.columns.end());
      std::string value;
      if (qc.columns.size() == 1) {
        const Answer a = ReadAnswer(q, Cell(r, qc.columns.front()));
        if (!a.problem.empty()) RowError(r, qc.columns.front(), a.problem);
        value = a.value;
      } else if (q.kind == "multiple_choice" || q.kind == "single_choice") {
        // One column per choice: a ticked column gives its choice.
        std::set<std::string> chosen;
        for (size_t c : qc.columns) {
          const std::string cell = Cell(r, c);
          if (!Ticked(cell)) continue;
          if (auto o = OptionFor(q, columns_[c].item)) {
            chosen.insert(*o);
            continue;
          }
          const Answer a = Choices(q, cell, chosen);
          if (!a.problem.empty()) RowError(r, c, a.problem);
        }
        if (q.kind == "single_choice" && chosen.size() > 1) {
          RowError(r, qc.columns.front(), "more than one choice ticked for a single-choice question");
          chosen.clear();
        }
        value = InOptionOrder(q, chosen);
      } else {
        // Several columns for one answer: the one that holds something.
        int given = 0;
        for (size_t c : qc.columns) {
          const std::string cell = Cell(r, c);
          if (cell.empty()) continue;
          ++given;
          const Answer a = ReadAnswer(q, cell);
          if (!a.problem.empty()) RowError(r, c, a.problem);
          if (given == 1) value = a.value;
        }
        if (given > 1) {
          RowError(r, qc.columns.front(), "answers in more than one of the question's columns");
          value.clear();
        }
      }
      if (value.empty()) continue;
      const std::string path = "answers[" + std::to_string(answers.size()) + "]";
      const std::string where = DescribeColumns(columns_, qc.columns);
      sources[path + ".answer"] = where;
      sources[path + ".question"] = where;
      sources[path] = where;
      Record answer;
      answer.Set("question", q.id);
      answer.Set("answer", value);
      answers.push_back(std::move(answer));
    }
    record.Set("answers", std::move(answers));

    if (fingerprint_) {
      std::string material = date_text;
      for (size_t c : fingerprint_columns) material += "\x1f" + Cell(r, c);
      record.Set("external_id", Fingerprint(material));
    }
    out_.rows.push_back(std::move(row));
  }

  void ReadReference(const TextRow& r, const Field& field, const std::vector<ReferenceTerm>& terms,
                     const std::string& name, const std::string& expected, Record& record,
                     std::map<std::string, std::string>& sources, std::set<size_t>& used) {
    if (field.columns.empty()) {
      if (!field.fixed.empty()) {
        if (auto code = MatchTerm(terms, field.fixed, field.values)) record.Set(name, *code);
      }
      return;
    }
    const size_t c = field.columns.front();
    used.insert(c);
    sources[name] = "column " + columns_[c].Describe();
    const std::string text = Cell(r, c);
    if (text.empty() || BlankWordings().count(MatchKey(text))) return;
    if (auto code = MatchTerm(terms, text, field.values)) {
      record.Set(name, *code);
    } else {
      RowError(r, c, "'" + text + "' is not " + expected);
    }
  }

  // "gf-" and 32 hex digits: BLAKE2b of the row, numbered when the file repeats a row.
  std::string Fingerprint(const std::string& material) {
    static const bool initialised = sodium_init() >= 0;
    if (!initialised) throw std::runtime_error("libsodium could not be initialised");
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(material.data()),
                       material.size(), nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    std::string id = (preset_ == SurveyPreset::kGoogleForms ? "gf-" : "fp-") + std::string(hex);
    const int n = ++fingerprints_[id];
    if (n > 1) id += "-" + std::to_string(n);
    return id;
  }

  SurveyPreset preset_;
  PresetRules rules_;
  const SurveyImportContext& context_;
  const ColumnMapping& mapping_;
  ConvertedSurveyFile& out_;
  int64_t header_line_ = 1;
  std::vector<FileColumn> columns_;
  std::vector<TextRow> data_;
  Field id_, date_, stakeholder_, region_, training_;
  std::vector<QuestionColumns> questions_;
  std::string date_order_;
  bool fingerprint_ = false;
  std::map<std::string, int> fingerprints_;
};

// Lookout's own CSV (docs/data-formats.md), as the import page has always read it: a file
// of this survey's responses needs no survey column, and a row naming another survey is
// refused.
void ConvertLookoutCsv(std::string_view bytes, const SurveyImportContext& context,
                       ConvertedSurveyFile& out) {
  DecodedFile decoded = DecodeCsv(domain::SurveyResponseEntity(), bytes);
  for (const std::string& column : decoded.missing_required) {
    if (column != "survey") out.errors.push_back({1, column, "is missing: the file needs this column"});
  }
  for (const ImportIssue& issue : decoded.errors) {
    if (issue.line <= 1 && issue.column == "survey") continue;
    // A missing column is reported once above.
    if (issue.line == 1 && std::find(decoded.missing_required.begin(), decoded.missing_required.end(),
                                     issue.column) != decoded.missing_required.end()) {
      continue;
    }
    out.errors.push_back(issue);
  }
  for (ImportRow& row : decoded.rows) {
    const Value& named = row.record.Get("survey");
    if (named.is_null()) {
      row.record.Set("survey", context.survey_id);
    } else if (named != Value(context.survey_id)) {
      out.errors.push_back({row.line, "survey",
                            "names survey " + named.ToDisplay() + ", not this one (" +
                                std::to_string(context.survey_id) + ")"});
    }
    out.rows.push_back(std::move(row));
  }
}

}  // namespace

ConvertedSurveyFile ConvertSurveyFile(SurveyPreset preset, std::string_view bytes,
                                      const SurveyImportContext& context,
                                      const ColumnMapping& mapping) {
  ConvertedSurveyFile out;
  if (preset == SurveyPreset::kLookout) {
    if (io::LooksLikeZip(bytes) || io::LooksLikeOleFile(bytes)) {
      out.errors.push_back({0, "", "the file is a spreadsheet workbook, not a CSV file: Lookout's "
                                   "format is CSV (choose the tool the workbook came from)"});
      return out;
    }
    ConvertLookoutCsv(bytes, context, out);
    return out;
  }
  Converter(preset, context, mapping, out).Run(bytes);
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });
  return out;
}

}  // namespace lookout::app
