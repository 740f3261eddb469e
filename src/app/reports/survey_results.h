// Survey results: the answers to one question, or to several questions of one kind pooled
// (an indicator evidenced in more than one survey), counted in the database and tallied into
// one result with domain::TallyCounts. The impact report's survey figures and the results
// pages are computed by this one function, so a figure and the page its link opens give the
// same "x out of y".
#ifndef LOOKOUT_APP_REPORTS_SURVEY_RESULTS_H_
#define LOOKOUT_APP_REPORTS_SURVEY_RESULTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/records/services.h"
#include "core/status.h"
#include "domain/survey_stats.h"
#include "store/store.h"

namespace lookout::app {

// Which respondents: empty members mean all.
struct SurveyResultsFilter {
  std::string region;             // the responses' region, by code
  std::string attended_training;  // yes, no or unknown
  std::string stakeholder_type;   // a sector's code
  std::string period;             // a financial year or a quarter: responses given in it
};

// The result of `questions` (of one kind; the first one's options) pooled over the live
// responses `filter` matches, in `tx`: every answer to any of them counted, and as
// respondents, for each question, its survey's responses (two questions of one survey
// count its respondents twice, as their answers are). `positive` as domain::TallyCounts
// takes it. `inputs`, when given, receives a line per aggregate row read (what a report's
// inputs hash is made of). REQUIRES: `questions` is not empty.
Result<domain::QuestionResult> TallyQuestionsIn(store::Transaction& tx,
                                                const std::vector<const Record*>& questions,
                                                const store::AnswerCountQuery& filter,
                                                const std::vector<std::string>& positive = {},
                                                std::vector<std::string>* inputs = nullptr);

// The results pages' answer.
struct SurveyResults {
  std::vector<Record> surveys;    // the surveys the questions belong to, by id
  std::vector<int64_t> responses;  // for each survey: its responses the filter matches
  std::vector<Record> questions;  // as asked (a survey's: in position order)
  std::optional<Record> indicator;  // whose positive answers count, when one was named
  // Pooled: one result of all the questions. Of a survey: one result per question.
  std::vector<domain::QuestionResult> results;
};

// The results of a survey's questions, one by one. kNotFound for no such survey;
// kValidation naming the filter that is wrong.
Result<SurveyResults> ResultsOfSurvey(Services& services, const Actor& actor, int64_t survey,
                                      const SurveyResultsFilter& filter);

// The result of `questions` pooled (as the impact report pools an indicator's questions),
// with the positive answers of `indicator` when it is not 0. kValidation naming "question"
// (none, unknown or of different kinds), "indicator" or the filter that is wrong.
Result<SurveyResults> PooledSurveyResults(Services& services, const Actor& actor,
                                          const std::vector<int64_t>& questions, int64_t indicator,
                                          const SurveyResultsFilter& filter);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_REPORTS_SURVEY_RESULTS_H_
