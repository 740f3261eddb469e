// A survey's questions on its page: the list in order with their places, 'Add a question',
// and, while the survey has no responses, moving a question up or down and removing it
// (after asking), without JavaScript. Once responses exist the page says why the
// questions keep their places. The use cases hold the rules (Services::MoveSurveyQuestion,
// RemoveSurveyQuestion); adding and changing a question are the record pages'.
#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

const domain::EntityDef& QuestionDef() { return *domain::FindEntity("survey_question"); }

std::string Responses(int64_t n) {
  return std::to_string(n) + (n == 1 ? " response" : " responses");
}

// The page asking before a question is removed; `errors` those of a removal refused.
Result<Response> RemovePage(PageRequest& page, const Record& question, const FormErrors& errors) {
  LOOKOUT_ASSIGN_OR_RETURN(auto survey,
                           page.env->services.Get(page.actor, *domain::FindEntity("survey"),
                                                  question.Get("survey").as_int()));
  json view = {{"id", question.Id()},
               {"version", PlainText(question.Get("version"))},
               {"survey_id", survey.Id()},
               {"survey_title", PlainText(survey.Get("title"))},
               {"position", PlainText(question.Get("position"))},
               {"question", PlainText(question.Get("text"))},
               {"reason", page.form.Get("reason")},
               {"reason_error", false}};
  if (!errors.empty()) {
    view["error_summary"] = errors.Summary("reason");
    view["reason_error"] = errors.list().front().message;
  }
  return RenderPage(page, "Remove question " + PlainText(question.Get("position")) + "?",
                    "survey_question_remove", std::move(view),
                    errors.empty() ? 200 : errors.HttpStatus());
}

}  // namespace

json SurveyQuestionsView(PageRequest& page, const Record& survey,
                         const std::vector<Record>& questions) {
  if (!MayCreate(page, QuestionDef()).ok()) return false;
  auto responses = page.env->services.SurveyResponseCount(page.actor, survey.Id());
  const int64_t count = responses.ok() ? *responses : 0;
  const bool movable = responses.ok() && count == 0;
  json items = json::array();
  for (size_t i = 0; i < questions.size(); ++i) {
    const Record& q = questions[i];
    items.push_back({{"id", q.Id()},
                     {"version", PlainText(q.Get("version"))},
                     {"position", PlainText(q.Get("position"))},
                     {"text", PlainText(q.Get("text"))},
                     {"kind", TermLabel("question_kind", PlainText(q.Get("kind")))},
                     {"can_up", movable && i > 0},
                     {"can_down", movable && i + 1 < questions.size()},
                     {"can_remove", movable}});
  }
  return {{"survey_id", survey.Id()},
          {"items", items},
          {"has_items", !items.empty()},
          {"movable", movable},
          {"frozen", movable ? ""
                             : "This survey has " + Responses(count) +
                                   ", so its questions keep their places: the answers, the "
                                   "column mapping saved for its imports and the fingerprints "
                                   "of its responses name each question by its place. A "
                                   "question can still be added at the end (it has no answers "
                                   "from the responses already imported), and a question's "
                                   "wording corrected."},
          {"can_change_survey", MayChange(page, *domain::FindEntity("survey"), survey).ok()}};
}

void AddSurveyQuestionPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "POST", "/survey-questions/{id}/move",
          "Move a survey's question one place up or down (before the survey has responses).",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto question, RecordOfPath(page, QuestionDef()));
            const int64_t survey = question.Get("survey").as_int();
            const std::string direction = page.form.Get("direction");
            FormErrors errors;
            int64_t version = 0;
            if (!ParseId(page.form.Get("version"), &version)) {
              errors.Add("", "The form has no version: reload the page and try again.");
            }
            if (direction != "up" && direction != "down") {
              errors.Add("", "Choose to move the question up or down.");
            }
            if (errors.empty()) {
              auto moved = page.env->services.MoveSurveyQuestion(page.actor, question.Id(), version,
                                                                 direction == "up" ? -1 : 1);
              if (moved.ok()) {
                return RedirectWithNotice(
                    page, "/surveys/" + std::to_string(survey),
                    "Question \"" + Shortened(PlainText(moved->Get("text")), 80) + "\" is now question " +
                        PlainText(moved->Get("position")) + ".");
              }
              if (!errors.Take(moved.status())) return moved.status();
            }
            return SurveyPage(page, survey, errors);
          });

  AddPage(router, env, "GET", "/survey-questions/{id}/remove",
          "Asks before a survey's question is removed.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto question, RecordOfPath(page, QuestionDef()));
            LOOKOUT_RETURN_IF_ERROR(MayChange(page, QuestionDef(), question));
            return RemovePage(page, question, FormErrors{});
          });

  AddPage(router, env, "POST", "/survey-questions/{id}/remove",
          "Remove a survey's question (before the survey has responses); those after it move up.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto question, RecordOfPath(page, QuestionDef()));
            FormErrors errors;
            int64_t version = 0;
            if (!ParseId(page.form.Get("version"), &version)) {
              errors.Add("reason", "The form has no version: reload the page and try again.");
              return RemovePage(page, question, errors);
            }
            auto removed = page.env->services.RemoveSurveyQuestion(
                page.actor, question.Id(), version, page.form.Get("reason"));
            if (!removed.ok()) {
              if (!errors.Take(removed.status(), nullptr, "reason")) return removed.status();
              return RemovePage(page, question, errors);
            }
            return RedirectWithNotice(page, "/surveys/" + PlainText(question.Get("survey")),
                                      "Question \"" +
                                          Shortened(PlainText(question.Get("text")), 80) +
                                          "\" has been removed from the survey.");
          });
}

}  // namespace lookout::http::ui
