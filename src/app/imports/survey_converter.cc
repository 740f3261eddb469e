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
    if (AsciiLower(t.code) == AsciiLower(text) || MatchKey(t.code) == key) return t.code;
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

}  // namespace

void ConvertToolFile(SurveyPreset preset, std::string_view bytes, const SurveyImportContext& context,
                     const ColumnMapping& mapping, ConvertedSurveyFile& out) {
  Converter(preset, context, mapping, out).Run(bytes);
}

}  // namespace lookout::app::survey_file
