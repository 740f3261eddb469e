#include "app/imports/survey_import.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "app/imports/survey_file.h"
#include "core/text.h"
#include "core/time.h"
#include "domain/schema.h"
#include "domain/survey_stats.h"
#include "io/csv.h"
#include "io/record_file.h"
#include "io/xlsx_reader.h"

namespace lookout::app {

namespace {

using json = nlohmann::json;
using survey_file::AgreementWord;
using survey_file::AllDigits;
using survey_file::BlankWordings;
using survey_file::DontKnowWordings;
using survey_file::JoinList;
using survey_file::LeadingNumbers;
using survey_file::MakeDate;
using survey_file::SlashedParts;
using survey_file::StripDigits;
using survey_file::Trim;

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
  const std::string n = AsciiLower(Trim(name));
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
        m.preset = AsciiLower(Trim(value.get<std::string>()));
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
      const std::string v = value.is_string() ? AsciiLower(Trim(value.get<std::string>())) : "";
      if (v != "dmy" && v != "mdy" && v != "ymd") {
        errors.push_back({key, "is dmy (03/11/2025 is 3 November), mdy (11/03/2025 is 3 "
                               "November) or ymd"});
      } else {
        m.date_order = v;
      }
    } else if (key == "agreement_numbers") {
      const std::string v = value.is_string() ? AsciiLower(MatchKey(value.get<std::string>())) : "";
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

namespace {

// Lookout's own CSV (docs/data-formats.md), as the import page has always read it: a file
// of this survey's responses needs no survey column, and a row naming another survey is
// refused.
void ConvertLookoutCsv(std::string_view bytes, const SurveyImportContext& context,
                       ConvertedSurveyFile& out) {
  io::DecodedFile decoded = io::DecodeCsv(domain::SurveyResponseEntity(), bytes);
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
  survey_file::ConvertToolFile(preset, bytes, context, mapping, out);
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });
  return out;
}

}  // namespace lookout::app
