// Survey results: a survey's results question by question, and the results of several
// questions pooled across surveys (what an impact report's survey figure counts, and where
// its link goes). Both are computed by app/survey_results.h, as the report's figures are,
// and shown the same way: the full distribution with each percentage of the base (the
// respondents who answered, "don't know" and blanks left out and shown beside it), "x out of
// y" over that base, and the 95% interval. Small counts are withheld under the disclosure
// rule (domain::ProtectResult), since these pages are read, shown and shared by the whole
// programme; managers and analysts, who import and check the responses, may ask for the
// exact counts (?counts=exact), and the page then says so.
#include <algorithm>

#include "app/reports/survey_results.h"
#include "domain/disclosure.h"
#include "domain/rules.h"
#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"
#include "report/format.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

const domain::EntityDef& SurveyDef() { return *domain::FindEntity("survey"); }
const domain::EntityDef& ResponseDef() { return domain::SurveyResponseEntity(); }

constexpr int kThreshold = domain::kDefaultSuppressionThreshold;

// Whether the page shows exact counts: asked for, by someone who manages the responses.
bool ExactCounts(const PageRequest& page) {
  return page.Query("counts") == "exact" && MayCreate(page, ResponseDef()).ok();
}

std::string Count(int64_t n, bool withheld) {
  return withheld ? domain::WithheldText(kThreshold) : report::Thousands(n);
}

std::string Plural(int64_t n, const std::string& one, const std::string& many) {
  return report::Thousands(n) + " " + (n == 1 ? one : many);
}

// What the positive answers are, in words: "agreed or strongly agreed", "answered yes",
// "answered 'Agree' or 'Strongly agree'".
std::string PositiveWords(const std::string& kind, const domain::QuestionResult& r) {
  std::vector<std::string> labels;
  std::vector<std::string> codes;
  for (const domain::AnswerCount& a : r.distribution) {
    if (!a.positive) continue;
    labels.push_back(a.label);
    codes.push_back(a.code);
  }
  if (kind == "agreement" && codes == std::vector<std::string>{"strongly_agree", "agree"}) {
    return "agreed or strongly agreed";
  }
  if (kind == "yes_no" && codes == std::vector<std::string>{"yes"}) return "answered yes";
  std::string out = "answered ";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += i + 1 == labels.size() ? " or " : ", ";
    out += "'" + labels[i] + "'";
  }
  return out;
}

// One result: its headline, its distribution with the percentage of the base beside each
// count, and what is outside the base, each count withheld where the rule says.
json ResultView(const std::string& kind, const domain::QuestionResult& r, bool exact) {
  const domain::ResultDisclosure rule = domain::ProtectResult(r, kind, exact ? 0 : kThreshold);
  json view = {{"free_text", kind == "free_text"}, {"has_rows", false}};
  if (kind == "free_text") {
    view["written"] = rule.written_withheld ? domain::WithheldText(kThreshold) + " written answers"
                                            : Plural(r.written, "written answer", "written answers");
    return view;
  }
  if (rule.base_too_small) {
    view["not_shown"] = r.base == 0
                            ? std::string("No respondent in this group answered this question.")
                            : "Fewer than " + std::to_string(kThreshold) +
                                  " respondents in this group answered this question, so its "
                                  "results are not shown.";
    return view;
  }
  json rows = json::array();
  json outside = json::array();
  for (size_t i = 0; i < r.distribution.size(); ++i) {
    const domain::AnswerCount& a = r.distribution[i];
    const bool withheld = rule.withheld[i];
    if (a.code == domain::kDontKnow) continue;
    std::string percent = "–";
    if (!withheld && r.base > 0) {
      percent = domain::Percent(static_cast<double>(a.count) / static_cast<double>(r.base));
    } else if (withheld) {
      percent = "not shown";
    }
    rows.push_back({{"label", a.label}, {"count", Count(a.count, withheld)}, {"percent", percent}});
  }
  const bool asks_dont_know = std::any_of(r.distribution.begin(), r.distribution.end(),
                                          [](const domain::AnswerCount& a) { return a.code == domain::kDontKnow; });
  if (asks_dont_know || r.dont_know > 0) {
    outside.push_back({{"label", "Don't know"},
                       {"count", Count(r.dont_know, rule.dont_know_withheld)},
                       {"percent", "not in the base"}});
  }
  outside.push_back({{"label", "No answer"},
                     {"count", Count(r.blank, rule.blank_withheld)},
                     {"percent", "not in the base"}});
  view["rows"] = rows;
  view["outside"] = outside;
  view["has_rows"] = !rows.empty();
  view["base"] = std::to_string(r.base);
  view["base_note"] = "Each percentage is of the base: the " + Plural(r.base, "respondent", "respondents") +
                      " who answered, 'don't know' answers and blanks left out" +
                      (kind == "multiple_choice" ? "; a respondent may give several answers, so "
                                                   "the percentages add up to more than 100%."
                                                 : ".");
  if (r.has_positive) {
    std::string headline = report::Thousands(r.positive) + " out of " +
                           Plural(r.base, "respondent", "respondents") + " " + PositiveWords(kind, r);
    if (r.base > 0) {
      headline += " (" + domain::Percent(static_cast<double>(r.positive) / static_cast<double>(r.base)) +
                  "; 95% interval " + domain::Percent(r.interval.lower) + " to " +
                  domain::Percent(r.interval.upper) + ")";
    }
    view["headline"] = headline;
    view["positive"] = std::to_string(r.positive);
  }
  return view;
}

json QuestionView(const Record& question, const std::string& survey_title, const domain::QuestionResult& r,
                  bool exact) {
  const std::string kind = PlainText(question.Get("kind"));
  json view = ResultView(kind, r, exact);
  view["position"] = PlainText(question.Get("position"));
  view["text"] = PlainText(question.Get("text"));
  view["kind"] = TermLabel("question_kind", kind);
  view["survey"] = survey_title;
  view["anchor"] = "question-" + std::to_string(question.Id());
  return view;
}

// The subgroups results can be limited to, from the query string.
app::SurveyResultsFilter FilterOf(const PageRequest& page) {
  return {page.Query("region"), page.Query("attended_training"), page.Query("stakeholder_type"),
          page.Query("period")};
}

// The filter controls of the subgroup form.
json FilterControls(Names& names, const ListRequest& subgroup, const json& period) {
  return {{"attended_training", FilterSelect("attended_training", "Attended training",
                                             VocabularyOptions("attended_training"), subgroup)},
          {"region", FilterSelect("region", "Region", names.Options("region"), subgroup)},
          {"stakeholder_type",
           FilterSelect("stakeholder_type", "Stakeholder type", names.Options("sector"), subgroup)},
          {"period", period}};
}

// The quarters of a year-long survey, to see the results of the responses given in one;
// false for a survey of one quarter.
json QuarterFilter(const Record& survey, const ListRequest& subgroup) {
  auto period = domain::Period::Parse(PlainText(survey.Get("period")));
  if (!period || period->quarter != 0) return false;
  json options = json::array();
  for (int q = 1; q <= 4; ++q) {
    const std::string p = domain::Period{period->start_year, q}.ToString();
    options.push_back({{"value", p}, {"text", p}});
  }
  return FilterSelect("period", "Quarter answered", options, subgroup);
}

// The links between the rule's counts and the exact ones, for those who may ask.
json CountsChoice(const PageRequest& page, const std::string& path, const ListRequest& subgroup,
                  const app::Params& keep) {
  if (!MayCreate(page, ResponseDef()).ok()) return false;
  app::Params params = keep;
  for (const auto& f : subgroup.filters) params.push_back(f);
  const bool exact = ExactCounts(page);
  if (!exact) params.emplace_back("counts", "exact");
  return {{"exact", exact}, {"href", PathWithQuery(path, params)}};
}

const std::vector<std::string>& SubgroupFilters() {
  static const std::vector<std::string> kFilters = {"attended_training", "region",
                                                    "stakeholder_type", "period"};
  return kFilters;
}

std::vector<int64_t> QuestionIds(const PageRequest& page, std::vector<FieldError>& errors) {
  std::vector<int64_t> ids;
  std::string all;
  for (const auto& [key, value] : page.http.query) {
    if (key == "question") all += (all.empty() ? "" : ",") + value;
  }
  size_t start = 0;
  while (start <= all.size() && !all.empty()) {
    size_t end = all.find(',', start);
    if (end == std::string::npos) end = all.size();
    const std::string part = all.substr(start, end - start);
    int64_t id = 0;
    if (!ParseId(part, &id)) {
      errors.push_back({"question", "'" + Shortened(part, 40) + "' is not a survey question's id"});
    } else {
      ids.push_back(id);
    }
    start = end + 1;
  }
  return ids;
}

}  // namespace

Result<Response> SurveyPage(PageRequest& page, int64_t id, const FormErrors& errors) {
  LOOKOUT_ASSIGN_OR_RETURN(auto survey, page.env->services.Get(page.actor, SurveyDef(), id));
  Names names(page.env->services, page.actor);
  ListRequest subgroup = ReadListRequest(page, SubgroupFilters());
  const bool exact = ExactCounts(page);
  auto results = app::ResultsOfSurvey(page.env->services, page.actor, id, FilterOf(page));
  if (!results.ok()) {
    // A subgroup that cannot be (a region that does not exist): said at the top, no results.
    if (results.status().code() != ErrorCode::kValidation) return results.status();
    subgroup.errors = results.status().fields();
    results = app::SurveyResults{};
  }
  json items = json::array();
  for (size_t i = 0; i < results->questions.size(); ++i) {
    items.push_back(QuestionView(results->questions[i], "", results->results[i], exact));
  }
  const int64_t responses = results->responses.empty() ? 0 : results->responses.front();
  json view = {{"id", id},
               {"rows", SummaryRows(SurveyDef(), survey, names, {"title", "import_mapping"})},
               {"responses", exact || !domain::IsSmallCount(responses, kThreshold)
                                 ? Plural(responses, "response", "responses")
                                 : domain::WithheldText(kThreshold) + " responses"},
               {"questions", items},
               {"has_questions", !items.empty()},
               {"subgroup", !subgroup.filters.empty()},
               {"filters", FilterControls(names, subgroup, QuarterFilter(survey, subgroup))},
               {"counts", CountsChoice(page, "/surveys/" + std::to_string(id), subgroup, {})},
               {"exact", exact},
               {"rule", domain::SuppressionRule(kThreshold)},
               {"can_import", MayCreate(page, ResponseDef()).ok()}};
  // Its questions in their places, for those who may change them: those of the results,
  // or, when the subgroup asked for could not be (no results), read on their own.
  std::vector<Record> questions = results->questions;
  if (!subgroup.errors.empty()) {
    LOOKOUT_ASSIGN_OR_RETURN(
        auto listed, page.env->services.List(
                         page.actor, *domain::FindEntity("survey_question"),
                         {{"survey", std::to_string(id)}, {"sort", "position"}, {"limit", "500"}}));
    questions = std::move(listed.items);
  }
  view["manage"] = SurveyQuestionsView(page, survey, questions);
  if (!subgroup.errors.empty()) view["error_summary"] = ErrorSummaryView(subgroup.errors);
  if (!errors.empty()) view["error_summary"] = errors.Summary("questions");
  return RenderPage(page, PlainText(survey.Get("title")), "survey", std::move(view),
                    !errors.empty()           ? errors.HttpStatus()
                    : subgroup.errors.empty() ? 200
                                              : 422);
}

namespace {

Result<Response> PooledPage(PageRequest& page) {
  Names names(page.env->services, page.actor);
  ListRequest subgroup = ReadListRequest(page, SubgroupFilters());
  std::vector<FieldError> errors;
  const std::vector<int64_t> ids = QuestionIds(page, errors);
  int64_t indicator = 0;
  if (!page.Query("indicator").empty() && !ParseId(page.Query("indicator"), &indicator)) {
    errors.push_back({"indicator", "expected an indicator's id"});
  }
  if (!errors.empty())
    return Status::Validation(errors, "This link to survey results is not right.");
  const bool exact = ExactCounts(page);
  LOOKOUT_ASSIGN_OR_RETURN(auto results, app::PooledSurveyResults(page.env->services, page.actor,
                                                                  ids, indicator, FilterOf(page)));
  json surveys = json::array();
  int64_t responses = 0;
  for (size_t i = 0; i < results.surveys.size(); ++i) {
    const Record& s = results.surveys[i];
    responses += results.responses[i];
    surveys.push_back(
        {{"href", "/surveys/" + std::to_string(s.Id())},
         {"title", PlainText(s.Get("title")) + " (" + PlainText(s.Get("period")) + ")"},
         {"responses", exact || !domain::IsSmallCount(results.responses[i], kThreshold)
                           ? Plural(results.responses[i], "response", "responses")
                           : domain::WithheldText(kThreshold) + " responses"}});
  }
  json questions = json::array();
  std::string survey_title;
  for (const Record& q : results.questions) {
    for (const Record& s : results.surveys) {
      if (q.Get("survey") == Value(s.Id())) survey_title = PlainText(s.Get("title"));
    }
    questions.push_back({{"text", PlainText(q.Get("text"))}, {"survey", survey_title},
                         {"href", "/surveys/" + PlainText(q.Get("survey"))}});
  }
  const std::string kind = PlainText(results.questions.front().Get("kind"));
  json result = ResultView(kind, results.results.front(), exact);
  result["text"] = PlainText(results.questions.front().Get("text"));
  app::Params keep;
  std::string question_list;
  for (int64_t q : ids) question_list += (question_list.empty() ? "" : ",") + std::to_string(q);
  keep.emplace_back("question", question_list);
  if (indicator != 0) keep.emplace_back("indicator", std::to_string(indicator));
  std::vector<std::string> who;
  if (!page.Query("attended_training").empty()) {
    who.push_back("who said they attended training: " +
                  TermLabel("attended_training", page.Query("attended_training")));
  }
  if (!page.Query("region").empty()) who.push_back("in " + names.Of("region", page.Query("region")));
  if (!page.Query("stakeholder_type").empty()) {
    who.push_back("of the sector " + names.Of("sector", page.Query("stakeholder_type")));
  }
  if (!page.Query("period").empty()) who.push_back("answering in " + page.Query("period"));
  std::string respondents = "All respondents";
  if (!who.empty()) {
    respondents = "Respondents";
    for (size_t i = 0; i < who.size(); ++i) respondents += (i == 0 ? " " : "; ") + who[i];
  }
  json view = {
      {"surveys", surveys},
      {"questions", questions},
      {"pooled", questions.size() > 1},
      {"respondents", respondents},
      {"responses", exact || !domain::IsSmallCount(responses, kThreshold)
                        ? Plural(responses, "response", "responses")
                        : domain::WithheldText(kThreshold) + " responses"},
      {"indicator", results.indicator
                        ? json{{"href", "/indicators/" + std::to_string(results.indicator->Id())},
                               {"statement", PlainText(results.indicator->Get("statement"))}}
                        : json(false)},
      {"result", result},
      {"counts", CountsChoice(page, "/surveys/results", subgroup, keep)},
      {"exact", exact},
      {"rule", domain::SuppressionRule(kThreshold)}};
  return RenderPage(page, questions.size() > 1 ? "Survey results across " + Plural(static_cast<int64_t>(surveys.size()), "survey", "surveys")
                                               : "Survey results",
                    "survey_results", std::move(view));
}

}  // namespace

void AddSurveyResultsPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/surveys/results",
          "The results of survey questions pooled across their surveys (an indicator's figure).",
          PageAccess::kSignedIn, [](PageRequest& page) { return PooledPage(page); });
  AddPage(router, env, "GET", "/surveys/{id}", "A survey's results, question by question.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            int64_t id = 0;
            if (!ParseId(page.params.Get("id"), &id)) {
              return Status::NotFound("There is no such survey.");
            }
            return SurveyPage(page, id, FormErrors{});
          });
}

}  // namespace lookout::http::ui
