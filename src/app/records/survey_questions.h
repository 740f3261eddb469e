// The rules of a survey's questions that need the store: each has its own place (1, 2,
// 3 ...) in its survey, which column mappings, the import page and response fingerprints
// name it by; and once the survey has responses, its questions keep their places, survey
// and kind. Internal to app/ (the use cases are Services::MoveSurveyQuestion and
// RemoveSurveyQuestion, and the checks of Create, Update and Archive).
#ifndef LOOKOUT_APP_RECORDS_SURVEY_QUESTIONS_H_
#define LOOKOUT_APP_RECORDS_SURVEY_QUESTIONS_H_

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "store/store.h"

namespace lookout::app::internal {

// How many responses survey `survey` has, archived ones included.
Result<int64_t> ResponsesOf(store::Transaction& tx, int64_t survey);

// The refusal (kConflict, naming the count) of `what` ("moved", "removed") done to a
// question of a survey that has responses; kOk while it has none.
Status CheckQuestionsMayMove(store::Transaction& tx, const Value& survey, const std::string& what);

// The refusal of an update to `question` (as stored) that changes its place, survey or
// kind while its survey has responses, on the field changed; kOk otherwise.
Status CheckQuestionChange(store::Transaction& tx, const Record& question, const Record& changes,
                           std::string* field);

// The place after the last live question of survey `survey` (1 for the first question).
Result<int64_t> NextQuestionPosition(store::Transaction& tx, const Value& survey);

// Appends a problem on "position" when another live question of the same survey (not
// `self_id`) holds the place `question` asks for.
Status CheckQuestionPosition(store::Transaction& tx, const Record& question, int64_t self_id,
                             std::vector<FieldError>& errors);

// The live questions of survey `survey`, in order of their places.
Result<std::vector<Record>> QuestionsOf(store::Transaction& tx, const Value& survey);

}  // namespace lookout::app::internal

#endif  // LOOKOUT_APP_RECORDS_SURVEY_QUESTIONS_H_
