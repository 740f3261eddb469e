// The groups of pages, each in its own file; ui.cc puts them together. Internal to
// http/ui/.
#ifndef LOOKOUT_HTTP_UI_PAGES_H_
#define LOOKOUT_HTTP_UI_PAGES_H_

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/router.h"
#include "http/ui/page.h"

namespace lookout::http::ui {

class FormErrors;  // http/ui/forms.h

// GET /assets/{file} and /assets/{folder}/{file}: the built front-end files.
void AddAssetRoutes(Router& router, const std::string& assets_dir);
// Signing in and out, and changing one's password (pages_account.cc).
void AddAccountPages(Router& router, const PageEnvPtr& env);
// The home page of each role (pages_home.cc).
void AddHomePages(Router& router, const PageEnvPtr& env);
// The insight log: list, record, view (pages_insight.cc).
void AddInsightPages(Router& router, const PageEnvPtr& env);
// Activities: list, record, view (pages_activities.cc).
void AddActivityPages(Router& router, const PageEnvPtr& env);
// Partners, campaigns, the outcome framework, quotes, case studies, outcome events,
// objectives, staff and reference data, from one set of pages (pages_records.cc).
void AddRecordPages(Router& router, const PageEnvPtr& env);
// The evaluation and administration index pages, the audit trail (pages_admin.cc).
void AddAdminPages(Router& router, const PageEnvPtr& env);
// One's API tokens and the administration of users (pages_users.cc).
void AddUserPages(Router& router, const PageEnvPtr& env);
// The reports page: a period's headline figures (pages_reports.cc).
void AddReportPages(Router& router, const PageEnvPtr& env);
// Surveys: the list and importing responses (pages_surveys.cc); it adds the results pages.
void AddSurveyPages(Router& router, const PageEnvPtr& env);
// Approving quotes and case studies from their pages (pages_approval.cc): the approve and
// withdraw routes of `entity` under `path` (records_pages.cc adds them for the kinds with
// approval), which show a refusal on the record's page again through `shown_again`; and
// the approval part of the record's page (false for other kinds), with `refused`'s problems
// on kApproveField or kWithdrawApprovalField beside their form.
inline constexpr const char* kApproveField = "approval";
inline constexpr const char* kWithdrawApprovalField = "approval-reason";
using RecordPageAgain = std::function<Result<Response>(PageRequest&, const FormErrors&)>;
void AddApprovalPages(Router& router, const PageEnvPtr& env, const domain::EntityDef& entity,
                      const std::string& path, const RecordPageAgain& shown_again);
nlohmann::json ApprovalView(PageRequest& page, const domain::EntityDef& entity, const Record& record,
                            const std::string& path, const FormErrors* refused = nullptr);
// A survey's results, and questions' results pooled across surveys (pages_survey_results.cc).
void AddSurveyResultsPages(Router& router, const PageEnvPtr& env);
// Survey `survey`'s page, its results and its questions (pages_survey_results.cc); `errors`
// are those of a move or removal of one of its questions that was refused, said at the top.
Result<Response> SurveyPage(PageRequest& page, int64_t survey, const FormErrors& errors);
// A survey's questions: moving and removing them (pages_survey_questions.cc).
void AddSurveyQuestionPages(Router& router, const PageEnvPtr& env);
// The questions section of a survey's page for those who may change its questions (false
// for others): each in its place with the moves open to it, 'Add a question', and why
// the questions keep their places once the survey has responses.
nlohmann::json SurveyQuestionsView(PageRequest& page, const Record& survey,
                                   const std::vector<Record>& questions);
// The tasking meeting and its minutes (pages_tasking.cc).
void AddTaskingPages(Router& router, const PageEnvPtr& env);
// Tasks: list and task page (pages_tasks.cc).
void AddTaskPages(Router& router, const PageEnvPtr& env);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_PAGES_H_
