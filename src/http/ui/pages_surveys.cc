// Surveys: the list, and importing a file of responses (Lookout's CSV, or a survey tool's
// export read with a preset and a column mapping), all or nothing, with every problem named
// by row and column. A survey's page, its results, is in pages_survey_results.cc.
#include <optional>

#include "app/imports/survey_import.h"
#include "domain/rules.h"
#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

const domain::EntityDef& SurveyDef() { return *domain::FindEntity("survey"); }
const domain::EntityDef& QuestionDef() { return *domain::FindEntity("survey_question"); }
const domain::EntityDef& ResponseDef() { return domain::SurveyResponseEntity(); }

// Every record of `entity` matching `params`, a page of 500 at a time.
Result<std::vector<Record>> ListAll(PageRequest& page, const domain::EntityDef& entity,
                                    app::Params params) {
  std::vector<Record> out;
  for (int64_t offset = 0;; offset += 500) {
    app::Params p = params;
    p.emplace_back("limit", "500");
    p.emplace_back("offset", std::to_string(offset));
    LOOKOUT_ASSIGN_OR_RETURN(store::Page found, page.env->services.List(page.actor, entity, p));
    for (Record& r : found.items) out.push_back(std::move(r));
    if (offset + 500 >= found.total) break;
  }
  return out;
}

// The import form's state: what was chosen, and what went wrong or right.
struct ImportState {
  std::string preset = "lookout";
  std::string mapping;
  std::string file_error;
  std::string preset_error;
  std::string mapping_error;
  std::vector<FieldError> problems;  // in the file, by where
  json result;                       // after an import that needs saying more than a count
};

Response ImportForm(PageRequest& page, const Record& survey, const ImportState& state, int status) {
  json problems = json::array();
  for (const FieldError& e : state.problems) problems.push_back({{"where", e.field}, {"message", e.message}});
  json presets = json::array();
  for (const app::SurveyPresetInfo& p : app::SurveyPresets()) {
    presets.push_back({{"value", p.name}, {"label", p.label}, {"checked", state.preset == p.name}});
  }
  json questions = json::array();
  auto listed = ListAll(page, QuestionDef(), {{"survey", std::to_string(survey.Id())}, {"sort", "position"}});
  if (listed.ok()) {
    for (const Record& q : *listed) {
      questions.push_back({{"position", PlainText(q.Get("position"))}, {"text", PlainText(q.Get("text"))},
                           {"kind", TermLabel("question_kind", PlainText(q.Get("kind")))}});
    }
  }
  json view = {{"id", survey.Id()},
               {"survey_title", PlainText(survey.Get("title"))},
               {"presets", presets},
               {"mapping", state.mapping},
               {"questions", questions},
               {"has_questions", !questions.empty()},
               {"problems", problems},
               {"has_problems", !problems.empty()}};
  json items = json::array();
  if (!state.preset_error.empty()) {
    view["preset_error"] = state.preset_error;
    items.push_back({{"text", state.preset_error}, {"href", "#field-preset-lookout"}});
  }
  if (!state.file_error.empty()) {
    view["file_error"] = state.file_error;
    items.push_back({{"text", state.file_error}, {"href", "#field-file"}});
  }
  if (!state.mapping_error.empty()) {
    view["mapping_error"] = state.mapping_error;
    items.push_back({{"text", "The column mapping: " + state.mapping_error}, {"href", "#field-mapping"}});
  }
  if (!problems.empty()) {
    const std::string count =
        problems.size() == 1 ? "1 problem" : std::to_string(problems.size()) + " problems";
    items.push_back({{"text", count + " in the file: nothing was imported"}, {"href", "#problems"}});
  }
  if (!items.empty()) view["error_summary"] = {{"items", items}};
  if (!state.result.is_null()) view["result"] = state.result;
  return RenderPage(page, "Import survey responses", "survey_import", std::move(view), status);
}

// The saved mapping's preset ("surveymonkey"), or "" when there is none.
std::string SavedPreset(const Record& survey) {
  const std::string saved = PlainText(survey.Get("import_mapping"));
  if (saved.empty()) return "";
  const json j = json::parse(saved, nullptr, false);
  if (!j.is_object() || !j.contains("preset") || !j["preset"].is_string()) return "";
  const std::string preset = j["preset"].get<std::string>();
  return app::ParseSurveyPreset(preset) ? preset : "";
}

std::string Plural(size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void AddSurveyPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/surveys", "Surveys, with how many responses each has.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            ListRequest list = ReadListRequest(page, {"kind", "period", "q"});
            LOOKOUT_ASSIGN_OR_RETURN(auto found, ListForPage(page, SurveyDef(), list));
            Names names(page.env->services, page.actor);
            json rows = json::array();
            for (const Record& s : found.items) {
              LOOKOUT_ASSIGN_OR_RETURN(
                  auto responses,
                  page.env->services.List(page.actor, ResponseDef(),
                                          {{"survey", std::to_string(s.Id())}, {"limit", "1"}}));
              rows.push_back({{"id", s.Id()},
                              {"survey_title", PlainText(s.Get("title"))},
                              {"kind", DisplayValue(*SurveyDef().Find("kind"), s, names)},
                              {"period", PlainText(s.Get("period"))},
                              {"responses", std::to_string(responses.total)}});
            }
            json view = {{"rows", rows},
                         {"can_add", MayCreate(page, SurveyDef()).ok()},
                         {"filters",
                          {{"kind", FilterSelect("kind", "Kind", VocabularyOptions("survey_kind"), list)},
                           {"q", list.Value("q")}}}};
            return RenderListPage(page, "Surveys", "survey_list", std::move(view), list,
                                  found.total);
          });

  // A survey's page, its results and its questions: pages_survey_results.cc.
  AddSurveyResultsPages(router, env);

  AddPage(router, env, "GET", "/surveys/{id}/import", "The form to import a file of responses.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(MayCreate(page, ResponseDef()));
            LOOKOUT_ASSIGN_OR_RETURN(auto survey, RecordOfPath(page, SurveyDef()));
            ImportState state;
            state.mapping = PlainText(survey.Get("import_mapping"));
            const std::string saved = SavedPreset(survey);
            if (!saved.empty()) state.preset = saved;
            return ImportForm(page, survey, state, 200);
          });

  AddPage(router, env, "POST", "/surveys/{id}/import",
          "Import a file of responses: all or nothing.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(MayCreate(page, ResponseDef()));
            LOOKOUT_ASSIGN_OR_RETURN(auto survey, RecordOfPath(page, SurveyDef()));
            const int64_t id = survey.Id();
            ImportState state;
            if (page.form.Has("preset")) state.preset = page.form.Get("preset");
            state.mapping = page.form.Get("mapping");
            const std::optional<app::SurveyPreset> preset = app::ParseSurveyPreset(state.preset);
            if (!preset) {
              state.preset_error = "Choose where the file comes from";
              state.preset = "lookout";
            }
            const Upload* file = page.form.File("file");
            if (file == nullptr || file->data.empty()) {
              state.file_error = "Choose the file of responses to import";
            }
            if (!state.preset_error.empty() || !state.file_error.empty()) {
              return ImportForm(page, survey, state, 422);
            }

            app::SurveyFileImport request;
            request.survey = id;
            request.preset = state.preset;
            request.bytes = file->data;
            // Lookout's own CSV names its columns: the mapping box is not read for it.
            if (*preset != app::SurveyPreset::kLookout) request.mapping_json = state.mapping;
            auto report = page.env->services.ImportSurveyFile(page.actor, request);
            if (!report.ok()) {
              if (report.status().code() != ErrorCode::kValidation) {
                // A refusal of the import as a whole (a locked period, a permission, a busy
                // database) keeps the form, said beside the file.
                FormErrors refused;
                if (!refused.Take(report.status(), nullptr, "file")) return report.status();
                state.file_error = refused.list().front().message;
                return ImportForm(page, survey, state, refused.HttpStatus());
              }
              std::string mapping_error;
              for (const FieldError& e : report.status().fields()) {
                if (e.field == "preset") {
                  state.preset_error = e.message;
                  continue;
                }
                std::string where = e.field;
                for (const char* prefix : {"saved mapping", "mapping"}) {
                  if (where.rfind(prefix, 0) == 0) where = where.substr(std::string(prefix).size());
                }
                if (!where.empty() && where.front() == ' ') where = where.substr(1);
                mapping_error += (mapping_error.empty() ? "" : "; ") +
                                 (where.empty() ? e.message : where + " " + e.message);
              }
              if (mapping_error.empty() && state.preset_error.empty())
                mapping_error = report.status().message();
              state.mapping_error = mapping_error;
              return ImportForm(page, survey, state, 422);
            }
            if (!report->problems.empty()) {
              state.problems = report->problems;
              return ImportForm(page, survey, state, 422);
            }
            const app::ImportReport& done = report->import;
            if (done.skipped == 0 && report->ignored_columns.empty() && report->notes.empty() &&
                !report->mapping_saved) {
              return RedirectWithNotice(
                  page, "/surveys/" + std::to_string(id),
                  Plural(static_cast<size_t>(done.written), "response", "responses") +
                      " imported into \"" + PlainText(survey.Get("title")) + "\".");
            }
            // A file from a survey tool: say what was skipped and left out, not just a count.
            json notes = json::array();
            for (const std::string& n : report->notes) notes.push_back({{"text", n}});
            json ignored = json::array();
            for (const std::string& c : report->ignored_columns) ignored.push_back({{"text", c}});
            json personal = json::array();
            for (const std::string& c : report->personal_columns) personal.push_back({{"text", c}});
            state.result = {
                {"imported", Plural(static_cast<size_t>(done.written), "response imported",
                                    "responses imported")},
                {"skipped", done.skipped > 0
                                ? Plural(static_cast<size_t>(done.skipped), "response was",
                                         "responses were") + " already imported and skipped."
                                : ""},
                {"ignored", ignored},
                {"has_ignored", !ignored.empty()},
                {"personal", personal},
                {"has_personal", !personal.empty()},
                {"notes", notes},
                {"has_notes", !notes.empty()},
                {"mapping_saved", report->mapping_saved}};
            auto fresh = page.env->services.Get(page.actor, SurveyDef(), id);
            if (fresh.ok()) state.mapping = PlainText(fresh->Get("import_mapping"));
            return ImportForm(page, fresh.ok() ? *fresh : survey, state, 200);
          });
}

}  // namespace lookout::http::ui
