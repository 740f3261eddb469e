// Surveys: the list, a survey's results question by question (the full distribution,
// "x out of y" over a stated base, the 95% interval), by subgroup, and importing a file of
// responses, all or nothing, with every problem named by line and column.
#include "app/file_io.h"
#include "domain/survey_stats.h"
#include "http/ui/display.h"
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

// The subgroups a survey's results can be limited to, as query-string filters.
const std::vector<std::string>& SubgroupFilters() {
  static const std::vector<std::string> kFilters = {"attended_training", "region",
                                                    "stakeholder_type"};
  return kFilters;
}

json QuestionView(const Record& question, const std::vector<Record>& responses) {
  const std::string kind = PlainText(question.Get("kind"));
  std::vector<std::string> answers;
  answers.reserve(responses.size());
  for (const Record& response : responses) {
    std::string answer;
    if (response.Get("answers").is_rows()) {
      for (const Record& a : response.Get("answers").as_rows()) {
        if (a.Get("question") == question.Get("id")) answer = PlainText(a.Get("answer"));
      }
    }
    answers.push_back(std::move(answer));
  }
  const domain::QuestionResult r =
      domain::TallyQuestion(kind, PlainText(question.Get("options")), answers);
  json rows = json::array();
  const int64_t shown_base = r.base + r.dont_know;  // the distribution includes "don't know"
  for (const domain::AnswerCount& a : r.distribution) {
    rows.push_back({{"label", a.label},
                    {"count", std::to_string(a.count)},
                    {"percent", shown_base > 0 ? domain::Percent(static_cast<double>(a.count) /
                                                                 static_cast<double>(shown_base))
                                               : "–"}});
  }
  json view = {{"position", PlainText(question.Get("position"))},
               {"text", PlainText(question.Get("text"))},
               {"kind", TermLabel("question_kind", kind)},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"respondents", std::to_string(r.respondents)},
               {"blank", std::to_string(r.blank)},
               {"dont_know", std::to_string(r.dont_know)},
               {"base", std::to_string(r.base)},
               {"free_text", kind == "free_text"},
               {"written", std::to_string(r.written)}};
  if (r.has_positive) {
    const std::string verb = kind == "agreement" ? "agreed or strongly agreed" : "answered yes";
    view["headline"] = std::to_string(r.positive) + " out of " + std::to_string(r.base) +
                       " respondents " + verb;
    if (r.base > 0) {
      view["headline"] = view["headline"].get<std::string>() + " (" +
                         domain::Percent(static_cast<double>(r.positive) / static_cast<double>(r.base)) +
                         "; 95% interval " + domain::Percent(r.interval.lower) + " to " +
                         domain::Percent(r.interval.upper) + ")";
    }
  }
  return view;
}

Response ImportForm(PageRequest& page, const Record& survey, const std::vector<FieldError>& errors,
                    int status) {
  json problems = json::array();
  for (const FieldError& e : errors) problems.push_back({{"where", e.field}, {"message", e.message}});
  json view = {{"id", survey.Id()},
               {"survey_title", PlainText(survey.Get("title"))},
               {"problems", problems},
               {"has_problems", !problems.empty()}};
  if (!errors.empty()) {
    const std::string count = errors.size() == 1 ? "1 problem" : std::to_string(errors.size()) + " problems";
    view["error_summary"] = {{"items", json::array({{{"text", count + " in the file: nothing was imported"},
                                                      {"href", "#problems"}}})}};
    if (errors.size() == 1 && errors.front().field == "file") {
      view["error_summary"]["items"][0] = {{"text", errors.front().message}, {"href", "#field-file"}};
      view["file_error"] = errors.front().message;
      view["problems"] = json::array();
      view["has_problems"] = false;
    }
  }
  return RenderPage(page, "Import survey responses", "survey_import", std::move(view), status);
}

}  // namespace

void AddSurveyPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/surveys", "Surveys, with how many responses each has.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            ListRequest list = ReadListRequest(page, {"kind", "period", "q"});
            auto found = ListForPage(page, SurveyDef(), list);
            if (!found.ok()) return ErrorPage(page, found.status());
            Names names(page.env->services, page.actor);
            json rows = json::array();
            for (const Record& s : found->items) {
              auto responses = page.env->services.List(
                  page.actor, ResponseDef(), {{"survey", std::to_string(s.Id())}, {"limit", "1"}});
              if (!responses.ok()) return ErrorPage(page, responses.status());
              rows.push_back({{"id", s.Id()},
                              {"survey_title", PlainText(s.Get("title"))},
                              {"kind", DisplayValue(*SurveyDef().Find("kind"), s, names)},
                              {"period", PlainText(s.Get("period"))},
                              {"responses", std::to_string(responses->total)}});
            }
            json view = {{"rows", rows},
                         {"filters",
                          {{"kind", FilterSelect("kind", "Kind", VocabularyOptions("survey_kind"), list)},
                           {"q", list.Value("q")}}}};
            return RenderListPage(page, "Surveys", "survey_list", std::move(view), list, found->total);
          });

  AddPage(router, env, "GET", "/surveys/{id}", "A survey's results, question by question.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            auto survey = RecordOfPath(page, SurveyDef());
            if (!survey.ok()) return ErrorPage(page, survey.status());
            const int64_t id = survey->Id();
            Names names(page.env->services, page.actor);
            ListRequest subgroup = ReadListRequest(page, SubgroupFilters());
            app::Params params = {{"survey", std::to_string(id)}};
            for (const auto& f : subgroup.filters) params.push_back(f);
            auto responses = ListAll(page, ResponseDef(), params);
            if (!responses.ok()) {
              if (responses.status().code() != ErrorCode::kValidation) {
                return ErrorPage(page, responses.status());
              }
              subgroup.errors = responses.status().fields();
              responses = std::vector<Record>{};
            }
            auto questions = ListAll(page, QuestionDef(), {{"survey", std::to_string(id)}, {"sort", "position"}});
            if (!questions.ok()) return ErrorPage(page, questions.status());
            json items = json::array();
            for (const Record& q : *questions) items.push_back(QuestionView(q, *responses));
            json view = {
                {"id", id},
                {"rows", SummaryRows(SurveyDef(), *survey, names, {"title"})},
                {"responses", std::to_string(responses->size())},
                {"questions", items},
                {"has_questions", !items.empty()},
                {"subgroup", !subgroup.filters.empty()},
                {"filters",
                 {{"attended_training", FilterSelect("attended_training", "Attended training",
                                                     VocabularyOptions("attended_training"), subgroup)},
                  {"region", FilterSelect("region", "Region", names.Options("region"), subgroup)},
                  {"stakeholder_type", FilterSelect("stakeholder_type", "Stakeholder type",
                                                    names.Options("sector"), subgroup)}}},
                {"imported", page.Query("imported")},
                {"can_import", MayCreate(page, ResponseDef()).ok()}};
            if (!subgroup.errors.empty()) view["error_summary"] = ErrorSummaryView(subgroup.errors);
            return RenderPage(page, PlainText(survey->Get("title")), "survey", std::move(view),
                              subgroup.errors.empty() ? 200 : 422);
          });

  AddPage(router, env, "GET", "/surveys/{id}/import", "The form to import a file of responses.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            if (Status may = MayCreate(page, ResponseDef()); !may.ok()) return ErrorPage(page, may);
            auto survey = RecordOfPath(page, SurveyDef());
            if (!survey.ok()) return ErrorPage(page, survey.status());
            return ImportForm(page, *survey, {}, 200);
          });

  AddPage(router, env, "POST", "/surveys/{id}/import", "Import a file of responses: all or nothing.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            if (Status may = MayCreate(page, ResponseDef()); !may.ok()) return ErrorPage(page, may);
            auto survey = RecordOfPath(page, SurveyDef());
            if (!survey.ok()) return ErrorPage(page, survey.status());
            const int64_t id = survey->Id();
            const Upload* file = page.form.File("file");
            if (file == nullptr || file->data.empty()) {
              return ImportForm(page, *survey, {{"file", "Choose the CSV file of responses to import"}}, 422);
            }
            app::DecodedFile decoded = app::DecodeCsv(ResponseDef(), file->data);
            std::vector<FieldError> problems;
            auto where = [](int64_t line, const std::string& column) {
              std::string w = line > 0 ? "line " + std::to_string(line) : "the file";
              if (!column.empty()) w += ", " + column;
              return w;
            };
            for (const std::string& column : decoded.missing_required) {
              if (column != "survey") problems.push_back({where(1, column), "is missing: the file needs this column"});
            }
            for (const app::ImportIssue& issue : decoded.errors) {
              // A file of this survey's responses needs no survey column: it is this one.
              if (issue.line <= 1 && issue.column == "survey") continue;
              problems.push_back({where(issue.line, issue.column), issue.message});
            }
            // Every row belongs to this survey: rows without a survey column take it, and a
            // row naming another survey is refused.
            for (app::ImportRow& row : decoded.rows) {
              const Value& named = row.record.Get("survey");
              if (named.is_null()) {
                row.record.Set("survey", id);
              } else if (named != Value(id)) {
                problems.push_back({where(row.line, "survey"),
                                    "names survey " + named.ToDisplay() + ", not this one (" +
                                        std::to_string(id) + ")"});
              }
            }
            if (!problems.empty()) {
              // The rows that could be read are checked too (writing nothing), so that every
              // problem of the file is listed at once; a cell already named is not named again.
              auto checked = page.env->services.Import(page.actor, ResponseDef(),
                                                       std::move(decoded.rows), /*dry_run=*/true);
              if (checked.ok()) {
                for (const app::ImportIssue& issue : checked->errors) {
                  const std::string at = where(issue.line, issue.column);
                  bool named = false;
                  for (const FieldError& p : problems) named = named || p.field == at;
                  if (!named) problems.push_back({at, issue.message});
                }
              }
              return ImportForm(page, *survey, problems, 422);
            }
            auto report = page.env->services.Import(page.actor, ResponseDef(),
                                                    std::move(decoded.rows), false);
            if (!report.ok()) {
              if (report.status().code() == ErrorCode::kValidation) {
                for (const FieldError& e : report.status().fields()) problems.push_back(e);
                if (problems.empty()) problems.push_back({"the file", report.status().message()});
                return ImportForm(page, *survey, problems, 422);
              }
              return ErrorPage(page, report.status());
            }
            for (const app::ImportIssue& issue : report->errors) {
              problems.push_back({where(issue.line, issue.column), issue.message});
            }
            if (!problems.empty()) return ImportForm(page, *survey, problems, 422);
            return Redirect("/surveys/" + std::to_string(id) + "?imported=" +
                            std::to_string(report->written));
          });
}

}  // namespace lookout::http::ui
