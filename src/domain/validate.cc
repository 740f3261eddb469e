#include <cmath>
#include <set>

#include "core/text.h"
#include "domain/rules.h"

namespace lookout::domain {

namespace {

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!IsAsciiSpace(c)) return false;
  }
  return true;
}

std::vector<std::string_view> SplitSemicolons(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = s.find(';', start);
    if (end == std::string_view::npos) {
      parts.push_back(TrimSpace(s.substr(start)));
      return parts;
    }
    parts.push_back(TrimSpace(s.substr(start, end - start)));
    start = end + 1;
  }
}

// Returns the number of code points, or -1 when `s` is not well-formed UTF-8 (overlong
// forms, surrogates and values above U+10FFFF are refused, as the databases would).
int64_t CountUtf8(std::string_view s) {
  int64_t count = 0;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return -1;
    }
    if (i + len > s.size()) return -1;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return -1;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return -1;
    }
    i += len;
    ++count;
  }
  return count;
}

std::string CodeList(const Vocabulary& vocab) {
  std::string out;
  for (const Term& t : vocab.terms) out += (out.empty() ? "" : ", ") + t.code;
  return out;
}

std::string Quoted(std::string_view s) {
  constexpr size_t kMax = 40;
  if (s.size() > kMax) return "'" + std::string(s.substr(0, kMax)) + "...'";
  return "'" + std::string(s) + "'";
}

bool TargetsReferenceEntity(const FieldDef& field) {
  const EntityDef* target = FindEntity(field.target);
  return target != nullptr && target->IsReference();
}

// Absent, null, blank text, an empty set or no rows: what "required" refuses.
bool IsMissing(const Value& v) {
  if (v.is_null()) return true;
  if (v.is_text()) return IsBlank(v.as_text());
  if (v.is_list()) return v.as_list().empty();
  if (v.is_rows()) return v.as_rows().empty();
  return false;
}

// ---- Reading a record for the entity rules (values of the wrong type read as absent:
// the generic checks have already reported them) ------------------------------------------

std::optional<std::string> TextOf(const Record& r, const std::string& name) {
  const Value& v = r.Get(name);
  if (!v.is_text() || IsBlank(v.as_text())) return std::nullopt;
  return v.as_text();
}

bool IsTrue(const Record& r, const std::string& name) {
  const Value& v = r.Get(name);
  return v.is_bool() && v.as_bool();
}

bool ListHas(const Record& r, const std::string& name, std::string_view code) {
  const Value& v = r.Get(name);
  if (!v.is_list()) return false;
  for (const Value& e : v.as_list()) {
    if (e.is_text() && e.as_text() == code) return true;
  }
  return false;
}

bool ListNonEmpty(const Record& r, const std::string& name) {
  const Value& v = r.Get(name);
  return v.is_list() && !v.as_list().empty();
}

std::optional<Date> DateOf(const Record& r, const std::string& name) {
  const Value& v = r.Get(name);
  if (!v.is_text()) return std::nullopt;
  return Date::Parse(v.as_text());
}

const Value::Rows* RowsOf(const Record& r, const std::string& name) {
  const Value& v = r.Get(name);
  return v.is_rows() ? &v.as_rows() : nullptr;
}

std::string Indexed(const std::string& list, size_t i, const std::string& field) {
  return list + "[" + std::to_string(i) + "]." + field;
}

// ---- The validator ----------------------------------------------------------------------

class Validator {
 public:
  explicit Validator(ValidationMode mode) : mode_(mode) {}

  ValidationMode mode() const { return mode_; }
  std::vector<FieldError> Take() { return std::move(errors_); }

  // A problem found by the generic checks.
  void Add(std::string field, std::string message) {
    generic_fields_.insert(field);
    errors_.push_back({std::move(field), std::move(message)});
  }
  // A problem found by an entity rule. A field the generic checks already refused is not
  // reported again (a missing weight is "required", not also "must be greater than 0").
  void Rule(std::string field, std::string message) {
    if (generic_fields_.count(field)) return;
    for (const FieldError& e : errors_) {
      if (e.field == field && e.message == message) return;
    }
    errors_.push_back({std::move(field), std::move(message)});
  }

  void CheckRecord(const EntityDef& entity, const Record& record, const std::string& prefix) {
    for (const auto& [name, value] : record.fields) {
      if (entity.Find(name) == nullptr && !IsMetaColumn(name)) {
        Add(prefix + name,
            "is not a field of " + (entity.label.empty() ? entity.name : entity.label));
      }
    }
    for (const FieldDef& f : entity.fields) {
      const std::string path = prefix + f.name;
      const Value& v = record.Get(f.name);
      if (IsMissing(v)) {
        // System fields are set by Lookout (task reference and status, computed scores):
        // the use case fills them in before validating, so only their type is checked.
        if (f.required && !f.system) {
          Add(path, "is required");
          continue;
        }
        // Blank text in a typed field is still refused below; anything else absent is fine.
        if (!(v.is_text() && f.type != FieldType::kText && f.type != FieldType::kLongText)) {
          continue;
        }
      }
      CheckValue(f, v, path);
    }
  }

 private:
  void CheckText(const FieldDef& f, const std::string& s, const std::string& path) {
    const int64_t length = CountUtf8(s);
    if (length < 0) {
      Add(path, "is not valid UTF-8 text");
      return;
    }
    if (length > f.MaxLength()) {
      Add(path, "is too long: at most " + std::to_string(f.MaxLength()) + " characters (it has " +
                    std::to_string(length) + ")");
    }
    bool newline = false;
    bool control = false;
    for (char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '\n' || c == '\r') {
        newline = true;
      } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
        control = true;
      }
    }
    if (newline && f.type == FieldType::kText) Add(path, "must be a single line");
    if (control) Add(path, "contains a control character");
  }

  // One code of an enum or enum set, or one reference.
  void CheckElement(const FieldDef& f, const Value& v, const std::string& path) {
    if (f.type == FieldType::kEnum || f.type == FieldType::kEnumSet) {
      const Vocabulary* vocab = FindVocabulary(f.target);
      if (!v.is_text()) {
        Add(path, "must be a code");
      } else if (vocab == nullptr) {
        Add(path, "names a vocabulary Lookout does not have");
      } else if (!vocab->Contains(v.as_text())) {
        Add(path, Quoted(v.as_text()) + " is not allowed: expected one of: " + CodeList(*vocab));
      }
      return;
    }
    if (TargetsReferenceEntity(f)) {
      if (!v.is_text() || IsBlank(v.as_text())) {
        Add(path, "must be the code of a " + FindEntity(f.target)->label + " record");
      }
      return;
    }
    if (!v.is_int() || v.as_int() <= 0) {
      Add(path, "must be a record id: a whole number greater than 0");
    }
  }

  void CheckValue(const FieldDef& f, const Value& v, const std::string& path) {
    switch (f.type) {
      case FieldType::kText:
      case FieldType::kLongText:
        if (!v.is_text()) {
          Add(path, "must be text");
        } else {
          CheckText(f, v.as_text(), path);
        }
        return;
      case FieldType::kInt:
        if (!v.is_int()) Add(path, "must be a whole number");
        return;
      case FieldType::kReal:
        if (!(v.is_int() || v.is_real()) || !std::isfinite(v.as_real())) {
          Add(path, "must be a number");
        }
        return;
      case FieldType::kBool:
        if (!v.is_bool()) Add(path, "must be true or false");
        return;
      case FieldType::kDate:
        if (!v.is_text() || !Date::Parse(v.as_text())) {
          Add(path, "must be a date as YYYY-MM-DD, e.g. 2026-03-09");
        }
        return;
      case FieldType::kPeriod:
        if (!v.is_text() || !Period::Parse(v.as_text())) {
          Add(path,
              "must be a financial year as YYYY-YY, e.g. 2025-26, or a quarter of one, "
              "e.g. 2025-26 Q3");
        }
        return;
      case FieldType::kEnum:
      case FieldType::kRef:
        CheckElement(f, v, path);
        return;
      case FieldType::kEnumSet:
      case FieldType::kRefSet: {
        if (!v.is_list()) {
          Add(path, "must be a list");
          return;
        }
        std::set<std::string> seen;
        for (const Value& e : v.as_list()) {
          CheckElement(f, e, path);
          if ((e.is_text() || e.is_int()) && !seen.insert(e.ToDisplay()).second) {
            Add(path, Quoted(e.ToDisplay()) + " is listed twice");
          }
        }
        return;
      }
      case FieldType::kChildren: {
        if (!v.is_rows()) {
          Add(path, "must be a list of rows");
          return;
        }
        const EntityDef& child = ChildEntity(f);
        for (size_t i = 0; i < v.as_rows().size(); ++i) {
          CheckRecord(child, v.as_rows()[i], path + "[" + std::to_string(i) + "].");
        }
        return;
      }
    }
  }

  ValidationMode mode_;
  std::vector<FieldError> errors_;
  std::set<std::string> generic_fields_;
};

// ---- Entity rules -------------------------------------------------------------------------

void DatesInOrder(Validator& v, const Record& r, const std::string& first, const std::string& last,
                  const std::string& first_label) {
  auto a = DateOf(r, first);
  auto b = DateOf(r, last);
  if (a && b && *b < *a) v.Rule(last, "must not be before the " + first_label);
}

void InsightRules(Validator& v, const Record& r) {
  const std::string source = TextOf(r, "source_type").value_or("");
  const bool police = source == "police_intelligence";
  static const char* const kParts[] = {"grade_source", "grade_intelligence", "grade_handling"};
  int parts = 0;
  for (const char* p : kParts) parts += TextOf(r, p) ? 1 : 0;
  const auto legacy = TextOf(r, "legacy_grade");

  if (legacy) {
    if (v.mode() == ValidationMode::kCreate) {
      v.Rule("legacy_grade",
             "is accepted only on import: grade new intelligence on the 3x5x2 "
             "scale");
    } else if (!LegacyGrade::Parse(*legacy)) {
      v.Rule("legacy_grade",
             "must be a 5x5x5 grade: source A-E, intelligence 1-5, handling "
             "1-5, e.g. B24");
    }
    if (parts > 0) {
      v.Rule("legacy_grade",
             "cannot be given with a 3x5x2 grade: the two scales are never "
             "mixed; keep one of them");
    }
  }
  // Police intelligence needs its 3x5x2 grade, except material restored from a file that
  // carries only its legacy grade. Other sources need no grade, but one given must be whole.
  // (An update keeps what the import restored: the use case refuses setting a legacy grade.)
  const bool legacy_instead = police && parts == 0 && legacy && v.mode() != ValidationMode::kCreate;
  if ((police && !legacy_instead) || (!police && parts > 0)) {
    for (const char* p : kParts) {
      if (TextOf(r, p)) continue;
      v.Rule(p, police ? "is required for police intelligence (a 3x5x2 grade such as 1BP)"
                       : "is required when a 3x5x2 grade is given: give source, intelligence "
                         "and handling together");
    }
  }
  const bool handling_c = TextOf(r, "grade_handling").value_or("") == "C";
  const bool conditions = TextOf(r, "handling_conditions").has_value();
  if (handling_c && !conditions) {
    v.Rule("handling_conditions",
           "is required when the handling code is C: record the "
           "conditions of sharing");
  }
  if (!handling_c && conditions) {
    v.Rule("handling_conditions", "is only for handling code C");
  }
  if (IsTrue(r, "county_lines") && !ListHas(r, "themes", "cce")) {
    v.Rule("county_lines",
           "needs the CCE theme (county lines is a form of child criminal "
           "exploitation)");
  }
  if (ListNonEmpty(r, "nrm_exploitation_types") && !ListHas(r, "themes", "msht")) {
    v.Rule("nrm_exploitation_types", "needs the MSHT theme");
  }
  DatesInOrder(v, r, "received_on", "review_on", "date received");
  if (const Value::Rows* scores = RowsOf(r, "factor_scores")) {
    if (!scores->empty() && IsMissing(r.Get("scoring_scheme"))) {
      v.Rule("scoring_scheme", "is required when factor scores are given");
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < scores->size(); ++i) {
      if (auto factor = TextOf((*scores)[i], "factor"); factor && !seen.insert(*factor).second) {
        v.Rule(Indexed("factor_scores", i, "factor"),
               Quoted(*factor) + " is scored more than once");
      }
    }
  }
}

void TaskRules(Validator& v, const Record& r) {
  if (IsTrue(r, "county_lines") && !ListHas(r, "themes", "cce")) {
    v.Rule("county_lines",
           "needs the CCE theme (county lines is a form of child criminal "
           "exploitation)");
  }
  if (ListNonEmpty(r, "audience_sectors") && !ListHas(r, "audiences", "professionals")) {
    v.Rule("audience_sectors", "needs 'professionals' among the audiences");
  }
}

void CampaignRules(Validator& v, const Record& r) {
  DatesInOrder(v, r, "start_on", "end_on", "first day");
}

void ActivityRules(Validator& v, const Record& r) {
  DatesInOrder(v, r, "start_on", "end_on", "date");
  const Value::Rows* rows = RowsOf(r, "audience");
  if (rows == nullptr) return;
  constexpr int64_t kMaxCount = 1000000;
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < rows->size(); ++i) {
    const Record& row = (*rows)[i];
    const auto group = TextOf(row, "group");
    const auto sector = TextOf(row, "sector");
    if (group && *group == "professionals" && !sector) {
      v.Rule(Indexed("audience", i, "sector"), "is required for professionals");
    }
    if (group && *group != "professionals" && sector) {
      v.Rule(Indexed("audience", i, "sector"),
             "is only for professionals: leave it empty for " + *group);
    }
    const Value& count = row.Get("count");
    if (count.is_int() && (count.as_int() < 0 || count.as_int() > kMaxCount)) {
      v.Rule(Indexed("audience", i, "count"), "must be between 0 and 1,000,000");
    }
    if (group && !seen.insert({*group, sector.value_or("")}).second) {
      v.Rule(Indexed("audience", i, "group"),
             "repeats an earlier row for the same group and sector: add the counts together");
    }
  }
}

void ProgrammeRules(Validator& v, const Record& r) {
  const Value& m = r.Get("fy_start_month");
  if (m.is_int() && (m.as_int() < 1 || m.as_int() > 12)) {
    v.Rule("fy_start_month", "must be a month number from 1 (January) to 12 (December)");
  }
}

bool LooksLikeEmail(std::string_view s) {
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char c : s) {
    if (IsAsciiSpace(c) || static_cast<unsigned char>(c) < 0x20) return false;
  }
  const std::string_view domain = s.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == std::string_view::npos) return false;
  // Every label of the domain is non-empty: no leading, trailing or doubled dots.
  size_t start = 0;
  while (true) {
    size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    if (end == start) return false;
    if (end == domain.size()) return true;
    start = end + 1;
  }
}

void StaffRules(Validator& v, const Record& r) {
  if (TextOf(r, "role").value_or("") == "officer" && IsMissing(r.Get("home_region"))) {
    v.Rule("home_region", "is required for prevention officers");
  }
  if (auto email = TextOf(r, "email"); email && !LooksLikeEmail(*email)) {
    v.Rule("email", "must be an email address, e.g. name@example.org");
  }
}

void QuoteRules(Validator& v, const Record& r) {
  if (IsTrue(r, "approved") && !IsTrue(r, "consent_given")) {
    v.Rule("approved",
           "needs consent: a quote is approved for publication only when consent "
           "is given");
  }
  if (IsTrue(r, "consent_given") && IsMissing(r.Get("consent_on"))) {
    v.Rule("consent_on", "is required when consent is given");
  }
}

void ScoringSchemeRules(Validator& v, const Record& r) {
  const Value::Rows* factors = RowsOf(r, "factors");
  if (factors == nullptr) return;
  for (FieldError& e : ValidateScoringFactors(*factors)) {
    v.Rule(std::move(e.field), std::move(e.message));
  }
  for (FieldError& e : ValidateRiskBands(*factors, TextOf(r, "bands").value_or(""))) {
    v.Rule(std::move(e.field), std::move(e.message));
  }
}

void SurveyQuestionRules(Validator& v, const Record& r) {
  const std::string kind = TextOf(r, "kind").value_or("");
  if (kind == "single_choice" || kind == "multiple_choice") {
    const auto options = TextOf(r, "options");
    int choices = 0;
    std::set<std::string_view> seen;
    std::optional<std::string> twice;
    if (options) {
      for (std::string_view part : SplitSemicolons(*options)) {
        if (part.empty()) continue;
        ++choices;
        if (!seen.insert(part).second && !twice) twice = std::string(part);
      }
    }
    if (choices < 2) {
      v.Rule("options", "needs at least two choices, separated by ';', for a choice question");
    } else if (twice) {
      v.Rule("options", "lists " + Quoted(*twice) + " twice");
    }
  }
  const Value& pos = r.Get("position");
  // A survey has tens of questions, not millions: a bound keeps "the place after the last"
  // a place too.
  constexpr int64_t kMaxPosition = 10000;
  if (pos.is_int() && (pos.as_int() < 1 || pos.as_int() > kMaxPosition)) {
    v.Rule("position", "must be from 1 to " + std::to_string(kMaxPosition));
  }
}

void IndicatorRules(Validator& v, const Record& r) {
  const auto answers = TextOf(r, "positive_answers");
  if (!answers) return;
  for (std::string_view part : SplitSemicolons(*answers)) {
    if (part.empty()) {
      v.Rule("positive_answers",
             "has an empty answer: separate answers with ';' and leave "
             "none empty");
      return;
    }
  }
}

void SurveyResponseRules(Validator& v, const Record& r) {
  const Value::Rows* answers = RowsOf(r, "answers");
  if (answers == nullptr) return;
  std::set<std::string> seen;
  for (size_t i = 0; i < answers->size(); ++i) {
    const Value& q = (*answers)[i].Get("question");
    if (!q.is_int()) continue;
    if (!seen.insert(q.ToDisplay()).second) {
      v.Rule(Indexed("answers", i, "question"),
             "answers question " + q.ToDisplay() + " again: one answer per question");
    }
  }
}

void TaskTransitionRules(Validator& v, const Record& r) {
  const auto from = TextOf(r, "from_status");
  const auto to = TextOf(r, "to_status");
  if (from && to && IsChangesAsked(*from, *to)) {
    const std::string reason = TextOf(r, "reason").value_or("");
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      v.Rule("reason", "is required when the tasking meeting asks for changes: what to change");
    }
  } else if (from && to && IsTaskStatus(*from) && IsTaskStatus(*to)) {
    const std::string reason = TextOf(r, "reason").value_or("");
    Status s = CheckTaskTransition(*from, *to, reason);
    if (!s.ok()) {
      if (s.code() == ErrorCode::kIllegalTransition) {
        v.Rule("to_status", s.message());
      } else {
        for (const FieldError& e : s.fields()) v.Rule(e.field, e.message);
      }
    }
  }
  if (auto at = TextOf(r, "at"); at && !ParseTimestamp(*at)) {
    v.Rule("at", "must be a UTC timestamp as YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-03-09T14:30:00Z");
  }
}

}  // namespace

std::vector<FieldError> ValidateRecord(const EntityDef& entity, const Record& record,
                                       ValidationMode mode) {
  Validator v(mode);
  v.CheckRecord(entity, record, "");
  const std::string& n = entity.name;
  if (n == "insight")
    InsightRules(v, record);
  else if (n == "task")
    TaskRules(v, record);
  else if (n == "campaign")
    CampaignRules(v, record);
  else if (n == "activity")
    ActivityRules(v, record);
  else if (n == "programme")
    ProgrammeRules(v, record);
  else if (n == "staff")
    StaffRules(v, record);
  else if (n == "quote")
    QuoteRules(v, record);
  else if (n == "scoring_scheme")
    ScoringSchemeRules(v, record);
  else if (n == "survey_question")
    SurveyQuestionRules(v, record);
  else if (n == "indicator")
    IndicatorRules(v, record);
  else if (n == "survey_response")
    SurveyResponseRules(v, record);
  else if (n == "task_transition")
    TaskTransitionRules(v, record);
  return v.Take();
}

bool IsWellFormedUtf8(std::string_view text) {
  return text.find('\0') == std::string_view::npos && CountUtf8(text) >= 0;
}

}  // namespace lookout::domain
