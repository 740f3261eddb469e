// Survey responses from the files survey tools export: SurveyMonkey, Google Forms,
// Microsoft Forms (XLSX), LimeSurvey, KoboToolbox, any CSV with a column mapping, and
// Lookout's own CSV. Pure: reading the file, finding which column holds what (a preset's
// rules, overridden by a mapping), and turning each row into a survey_response record
// with its answers in Lookout's codes, with every problem named by row and column.
// Services::ImportSurveyFile gathers the survey, its questions and the reference data,
// calls ConvertSurveyFile, and imports the rows all or nothing. docs/surveys.md describes
// the presets, the mapping and the wordings recognised.
#ifndef LOOKOUT_APP_IMPORTS_SURVEY_IMPORT_H_
#define LOOKOUT_APP_IMPORTS_SURVEY_IMPORT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/records/services.h"
#include "core/status.h"

namespace lookout::app {

// ---- Presets ---------------------------------------------------------------------------

enum class SurveyPreset {
  kLookout,         // Lookout's survey-response CSV (docs/data-formats.md)
  kSurveyMonkey,    // CSV (or XLSX) with two header rows
  kGoogleForms,     // CSV from the form's responses (or its sheet)
  kMicrosoftForms,  // the XLSX "Open results in Excel" gives
  kLimeSurvey,      // CSV export of responses
  kKobo,            // KoboToolbox CSV, often ';'-separated
  kGeneric,         // any CSV or XLSX, read with a column mapping
};

struct SurveyPresetInfo {
  SurveyPreset preset;
  const char* name;   // "surveymonkey": the CLI's --preset, the form's value
  const char* label;  // "SurveyMonkey": for people
};
// Every preset, in the order the import form lists them.
const std::vector<SurveyPresetInfo>& SurveyPresets();
// By name, any case ("google-forms"); nullopt for another name.
std::optional<SurveyPreset> ParseSurveyPreset(std::string_view name);
const SurveyPresetInfo& PresetInfo(SurveyPreset preset);
// "lookout, surveymonkey, google-forms, ...": for help and error messages.
std::string SurveyPresetNames();

// ---- The column mapping ----------------------------------------------------------------

// What a mapping says about one field: which column(s) hold it, or a value every response
// gets, and how the file's wordings translate into Lookout's codes.
struct ColumnChoice {
  bool given = false;    // the mapping names this field
  bool absent = false;   // given as null: the file has no such column
  std::vector<std::string> columns;  // header texts, or column letters ("F")
  std::string fixed;                 // "value": the same for every response
  std::map<std::string, std::string> values;  // the file's wording -> Lookout's code
};

struct ColumnMapping {
  std::string preset;  // the preset the mapping was saved with ("" when not saved)
  ColumnChoice response_id;
  ColumnChoice date;
  ColumnChoice stakeholder_type;
  ColumnChoice region;
  ColumnChoice attended_training;
  std::map<int64_t, ColumnChoice> questions;  // by the question's position
  std::string date_order;         // "", "dmy", "mdy" or "ymd"
  std::string agreement_numbers;  // "", "1=strongly_disagree" or "1=strongly_agree"
  std::map<std::string, std::string> answer_values;  // any answer's wording -> answer
  bool empty = true;  // nothing was given
};

// The mapping in its JSON form (docs/surveys.md). Errors: kValidation with one FieldError
// per problem, each naming the key ("questions.3", "date_order").
Result<ColumnMapping> ParseColumnMapping(std::string_view json_text);
// The mapping as it is saved on the survey: the same JSON, indented, with "preset" set.
// REQUIRES: ParseColumnMapping(json_text) is OK.
std::string SavedMappingText(std::string_view json_text, SurveyPreset preset);

// ---- Recognising answers ---------------------------------------------------------------

// Text reduced for comparison: letters and digits only, lower case (ASCII), typographic
// punctuation and spaces dropped: "Don’t  know" -> "dontknow", "strongly_agree" ->
// "stronglyagree".
std::string MatchKey(std::string_view text);

// An agreement answer as a code of the `agreement` vocabulary, "" for a wording that means
// no answer (N/A, prefer not to say), nullopt when not recognised. `numbers` is the
// mapping's agreement_numbers: without it, 1-5 are not recognised.
std::optional<std::string> AgreementAnswer(std::string_view text, std::string_view numbers = "");
// yes, no, dont_know; "" for no answer; nullopt when not recognised.
std::optional<std::string> YesNoAnswer(std::string_view text);
// yes, no or unknown (blank and "don't know" are unknown); nullopt when not recognised.
std::optional<std::string> AttendedTrainingAnswer(std::string_view text);

// A response date as "YYYY-MM-DD": ISO dates and timestamps, "2025/11/03 10:15:42 GMT",
// "03/11/2025 10:15" in `order` ("dmy" or "mdy"), "03.11.2025"; a time and a time zone
// after the date are dropped (the date is taken as written). nullopt when not a date.
std::optional<std::string> ResponseDate(std::string_view text, std::string_view order);

// ---- Converting a file -----------------------------------------------------------------

struct SurveyQuestionSpec {
  int64_t id = 0;
  int64_t position = 0;
  std::string text;
  std::string kind;     // question_kind
  std::string options;  // choices separated by ';'
};

// A region or sector: its code and the names a file may use for it.
struct ReferenceTerm {
  std::string code;
  std::vector<std::string> names;  // name, stakeholder label, aliases
};

struct SurveyImportContext {
  int64_t survey_id = 0;
  std::vector<SurveyQuestionSpec> questions;  // the survey's live questions
  std::vector<ReferenceTerm> regions;
  std::vector<ReferenceTerm> sectors;
};

struct ConvertedSurveyFile {
  // How the file counts its rows in messages: "line" (the physical line of a CSV file,
  // the header is line 1) or "row" (the row number of an XLSX sheet).
  std::string place = "line";
  std::vector<ImportRow> rows;  // survey_response records; a value that was not
                                // recognised is left out (its problem is in `errors`)
  // Every problem. `column` is "column D (I feel more confident…)" for a cell or column of
  // a tool's file, a field name ("attended_training") for Lookout's CSV, "mapping" for the
  // mapping, "" for the file or a row as a whole. `line` is 0 for the file or the mapping.
  std::vector<ImportIssue> errors;
  // For each row (by line), the file column each field of its record came from
  // ("region" -> "column F (Region)", "answers[2].answer" -> ...), to name the column of
  // a problem the import finds later.
  std::map<int64_t, std::map<std::string, std::string>> sources;
  std::vector<std::string> ignored_columns;   // "E (Name)": read by nothing, never stored
  std::vector<std::string> personal_columns;  // those of them that hold personal data
  std::vector<std::string> notes;             // for the summary ("no region column ...")
};

// The rows of `bytes`, a file exported by `preset`'s tool, as survey_response records of
// the context's survey. An XLSX file (a ZIP archive) is read as a workbook whatever the
// preset; a CSV file may be separated by ',', ';' or tabs (the header line decides).
// Every question of the survey needs a column (or null in the mapping); the response id
// is the tool's, or for files without one (Google Forms) a fingerprint of the date and
// the row's answers.
ConvertedSurveyFile ConvertSurveyFile(SurveyPreset preset, std::string_view bytes,
                                      const SurveyImportContext& context,
                                      const ColumnMapping& mapping);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_IMPORTS_SURVEY_IMPORT_H_
