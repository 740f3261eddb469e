// Importing a file of survey responses as a survey tool exported it: the survey, its
// questions and the reference data gathered, the file converted (app/survey_import.h),
// every row checked and written by Import, all or nothing, and a mapping given saved on the
// survey for the next import.
#include <algorithm>
#include <set>

#include "app/records/use_case_metrics.h"
#include "app/records/policy.h"
#include "app/records/services.h"
#include "app/imports/survey_import.h"
#include "domain/schema.h"

namespace lookout::app {

namespace {

const domain::EntityDef& SurveyDef() { return *domain::FindEntity("survey"); }
const domain::EntityDef& QuestionDef() { return *domain::FindEntity("survey_question"); }

std::string Text(const Value& v) { return v.is_text() ? v.as_text() : v.is_null() ? "" : v.ToDisplay(); }

// "answers[2].answer" -> "answers".
std::string ColumnRoot(const std::string& column) {
  return column.substr(0, column.find_first_of("[."));
}

std::string Where(const std::string& place, int64_t line, const std::string& column) {
  if (line <= 0) return column == "mapping" ? "the mapping" : "the file";
  std::string w = place + " " + std::to_string(line);
  if (!column.empty() && column != "mapping") w += ", " + column;
  return w;
}

}  // namespace

Result<SurveyFileReport> Services::ImportSurveyFile(const Actor& actor,
                                                    const SurveyFileImport& request) {
  const domain::EntityDef& responses = domain::SurveyResponseEntity();
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kCreate, responses));
  const std::optional<SurveyPreset> preset = ParseSurveyPreset(request.preset);
  if (!preset) {
    return Status::Validation({{"preset", "is one of: " + SurveyPresetNames()}},
                              "There is no preset called '" + request.preset + "'.");
  }
  LOOKOUT_ASSIGN_OR_RETURN(Record survey, Get(actor, SurveyDef(), request.survey));

  // The mapping: the request's, else the one saved on the survey for this preset.
  const bool given = request.mapping_json.find_first_not_of(" \t\r\n") != std::string::npos;
  ColumnMapping mapping;
  if (given) {
    if (*preset == SurveyPreset::kLookout) {
      return Status::Validation({{"mapping", "Lookout's own CSV names its columns: it needs no "
                                             "mapping"}},
                                "A Lookout CSV file is read without a column mapping.");
    }
    LOOKOUT_ASSIGN_OR_RETURN(mapping, ParseColumnMapping(request.mapping_json));
  } else if (*preset != SurveyPreset::kLookout) {
    const std::string saved = Text(survey.Get("import_mapping"));
    if (!saved.empty()) {
      auto parsed = ParseColumnMapping(saved);
      if (!parsed.ok()) {
        std::vector<FieldError> fields = parsed.status().fields();
        for (FieldError& f : fields) f.field = "saved " + f.field;
        return Status::Validation(std::move(fields),
                                  "The column mapping saved on the survey cannot be used: give "
                                  "a new one.");
      }
      if (parsed->preset.empty() || parsed->preset == PresetInfo(*preset).name) {
        mapping = std::move(parsed).value();
      }
    }
  }
  if (*preset == SurveyPreset::kGeneric && mapping.empty) {
    return Status::Validation(
        {{"mapping", "a file from another tool is read with a column mapping: say which column "
                     "holds the response id, the date, and each question (docs/surveys.md)"}},
        "The generic preset needs a column mapping.");
  }

  // What the file is read against: the survey's questions, the regions and sectors.
  SurveyImportContext context;
  context.survey_id = survey.Id();
  for (int64_t offset = 0;; offset += 500) {
    LOOKOUT_ASSIGN_OR_RETURN(
        store::Page page,
        List(actor, QuestionDef(),
             {{"survey", std::to_string(survey.Id())}, {"sort", "position"}, {"limit", "500"},
              {"offset", std::to_string(offset)}}));
    for (const Record& q : page.items) {
      context.questions.push_back({q.Id(), q.Get("position").is_int() ? q.Get("position").as_int() : 0,
                                   Text(q.Get("text")), Text(q.Get("kind")), Text(q.Get("options"))});
    }
    if (offset + 500 >= page.total) break;
  }
  auto terms = [&](const domain::EntityDef& entity, const std::vector<std::string>& name_fields,
                   std::vector<ReferenceTerm>& out) -> Status {
    for (int64_t offset = 0;; offset += 500) {
      LOOKOUT_ASSIGN_OR_RETURN(store::Page page,
                               List(actor, entity, {{"limit", "500"}, {"offset", std::to_string(offset)}}));
      for (const Record& r : page.items) {
        ReferenceTerm t{Text(r.Get("code")), {}};
        for (const std::string& f : name_fields) {
          const std::string v = Text(r.Get(f));
          if (f == "aliases") {
            size_t start = 0;
            while (start <= v.size()) {
              size_t end = v.find(';', start);
              if (end == std::string::npos) end = v.size();
              if (end > start) t.names.push_back(v.substr(start, end - start));
              start = end + 1;
            }
          } else if (!v.empty()) {
            t.names.push_back(v);
          }
        }
        out.push_back(std::move(t));
      }
      if (offset + 500 >= page.total) break;
    }
    return Status::Ok();
  };
  LOOKOUT_RETURN_IF_ERROR(terms(domain::RegionEntity(), {"name", "aliases"}, context.regions));
  LOOKOUT_RETURN_IF_ERROR(terms(domain::SectorEntity(), {"name", "stakeholder_label"}, context.sectors));

  ConvertedSurveyFile converted = ConvertSurveyFile(*preset, request.bytes, context, mapping);
  SurveyFileReport report;
  report.ignored_columns = converted.ignored_columns;
  report.personal_columns = converted.personal_columns;
  report.notes = converted.notes;

  // Every row is checked by the import, even when the file already has problems (writing
  // nothing then), so that every problem is listed at once.
  ImportOptions options;
  options.dry_run = request.dry_run || !converted.errors.empty();
  options.skip_imported_responses = true;
  const size_t rows = converted.rows.size();
  std::set<int64_t> row_lines;
  for (const ImportRow& row : converted.rows) row_lines.insert(row.line);
  LOOKOUT_ASSIGN_OR_RETURN(report.import,
                           Import(actor, responses, std::move(converted.rows), options));
  report.import.rows = static_cast<int64_t>(rows);

  // The problems, in row order: the conversion's, then the import's about cells not named
  // already, each placed at the file's column the value came from.
  const bool lookout = *preset == SurveyPreset::kLookout;
  std::vector<ImportIssue> issues = converted.errors;
  std::set<std::pair<int64_t, std::string>> named;
  std::set<std::string> missing_columns;  // Lookout's CSV: a column the header lacks
  for (const ImportIssue& e : converted.errors) {
    named.insert({e.line, lookout ? ColumnRoot(e.column) : e.column});
    if (lookout && e.line == 1 && !e.column.empty()) missing_columns.insert(ColumnRoot(e.column));
  }
  for (ImportIssue issue : report.import.errors) {
    if (lookout && missing_columns.count(ColumnRoot(issue.column))) continue;
    if (!lookout) {
      const auto row = converted.sources.find(issue.line);
      if (row != converted.sources.end()) {
        auto at = row->second.find(issue.column);
        if (at == row->second.end()) at = row->second.find(ColumnRoot(issue.column));
        if (at != row->second.end()) issue.column = at->second;
      }
      if (converted.place != "line") {
        const size_t at = issue.message.find(" at line ");
        if (at != std::string::npos) issue.message.replace(at, 9, " at " + converted.place + " ");
      }
    }
    if (named.count({issue.line, lookout ? ColumnRoot(issue.column) : issue.column})) continue;
    issues.push_back(std::move(issue));
  }
  std::stable_sort(issues.begin(), issues.end(),
                   [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });
  for (const ImportIssue& issue : issues) {
    report.problems.push_back({Where(converted.place, issue.line, issue.column), issue.message});
  }
  if (!report.problems.empty()) {
    report.import.written = 0;
    // Import counted its rows unless the file's own problems made it a dry run.
    if (!request.dry_run && !converted.errors.empty()) {
      RecordImportRows(responses.name, 0, RowsWithIssues(issues, &row_lines),
                       report.import.skipped);
    }
    return report;
  }

  // A mapping given is saved for the survey's next import, once the responses are in.
  if (given && !request.dry_run) {
    const std::string text = SavedMappingText(request.mapping_json, *preset);
    if (text != Text(survey.Get("import_mapping"))) {
      Record change;
      change.Set("import_mapping", text);
      auto saved = Update(actor, SurveyDef(), survey.Id(), survey.Get("version").as_int(), change);
      if (saved.ok()) {
        report.mapping_saved = true;
      } else {
        report.notes.push_back("The column mapping could not be saved on the survey (" +
                               saved.status().message() + "): give it again next time.");
      }
    }
  }
  return report;
}

}  // namespace lookout::app
