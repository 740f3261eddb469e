// A survey's questions: their places, moving one up or down and removing one while the
// survey has no responses, and the checks the other use cases make of them.
#include "app/records/survey_questions.h"

#include <algorithm>

#include "app/records/policy.h"
#include "app/reports/publish.h"
#include "app/records/record_checks.h"
#include "app/records/services.h"
#include "domain/schema.h"

namespace lookout::app {

namespace internal {

namespace {

const domain::EntityDef& QuestionDef() { return *domain::FindEntity("survey_question"); }

std::string Quoted(const Record& question) {
  std::string text = question.Get("text").ToDisplay();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return "\"" + text + "\"";
}

}  // namespace

Result<int64_t> ResponsesOf(store::Transaction& tx, int64_t survey) {
  return CountReferring(tx, domain::SurveyResponseEntity(), "survey", survey);
}

Status CheckQuestionsMayMove(store::Transaction& tx, const Value& survey, const std::string& what) {
  if (!survey.is_int()) return Status::Ok();
  LOOKOUT_ASSIGN_OR_RETURN(int64_t responses, ResponsesOf(tx, survey.as_int()));
  if (responses == 0) return Status::Ok();
  return Status::Conflict(
      "Survey " + std::to_string(survey.as_int()) + " has " + std::to_string(responses) +
      (responses == 1 ? " response" : " responses") + ", so its questions can no longer be " +
      what + ": the answers, the column mapping saved for its imports and the fingerprints of "
      "its responses name each question by its place. A question can still be added at the "
      "end, and its wording corrected.");
}

Status CheckQuestionChange(store::Transaction& tx, const Record& question, const Record& changes,
                           std::string* field) {
  for (const char* f : {"position", "survey", "kind"}) {
    if (!changes.Has(f) || changes.Get(f) == question.Get(f)) continue;
    *field = f;
    return CheckQuestionsMayMove(tx, question.Get("survey"),
                                 std::string(f) == "kind" ? "changed in kind" : "moved");
  }
  return Status::Ok();
}

Result<std::vector<Record>> QuestionsOf(store::Transaction& tx, const Value& survey) {
  store::ListQuery query;
  query.where.push_back({"survey", store::Condition::Op::kEq, {survey}});
  query.sort_field = "position";
  query.limit = 0;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(QuestionDef(), query));
  return std::move(page.items);
}

Result<int64_t> NextQuestionPosition(store::Transaction& tx, const Value& survey) {
  if (!survey.is_int()) return 1;
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> questions, QuestionsOf(tx, survey));
  int64_t last = 0;
  for (const Record& q : questions) {
    if (q.Get("position").is_int()) last = std::max(last, q.Get("position").as_int());
  }
  return last + 1;
}

Status CheckQuestionPosition(store::Transaction& tx, const Record& question, int64_t self_id,
                             std::vector<FieldError>& errors) {
  const Value& survey = question.Get("survey");
  const Value& position = question.Get("position");
  if (!survey.is_int() || !position.is_int() || question.Get("archived") == Value(true)) {
    return Status::Ok();
  }
  store::ListQuery query;
  query.where.push_back({"survey", store::Condition::Op::kEq, {survey}});
  query.where.push_back({"position", store::Condition::Op::kEq, {position}});
  query.limit = 2;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(QuestionDef(), query));
  for (const Record& other : page.items) {
    if (other.Id() == self_id) continue;
    errors.push_back({"position", "is already the place of question " + std::to_string(other.Id()) +
                                      " (" + Quoted(other) + ") in survey " +
                                      std::to_string(survey.as_int()) +
                                      ": each question of a survey has a place of its own"});
    break;
  }
  return Status::Ok();
}

}  // namespace internal

using internal::AuditFor;
using internal::MetaFor;

namespace {

// Sets question `q`'s place to `position` and records the change in the audit trail.
Status MoveTo(store::Transaction& tx, const Actor& actor, const store::WriteMeta& meta,
              const Record& q, int64_t position, const std::string& reason) {
  const domain::EntityDef& def = *domain::FindEntity("survey_question");
  Record change;
  change.Set("position", position);
  LOOKOUT_RETURN_IF_ERROR(tx.Update(def, q.Id(), q.Get("version").as_int(), change, meta));
  return tx.AppendAudit(AuditFor(actor, meta, "update", def, q.Id(),
                                 internal::DescribeChanges(def, q, change), reason));
}

}  // namespace

Result<int64_t> Services::SurveyResponseCount(const Actor& actor, int64_t survey) {
  LOOKOUT_RETURN_IF_ERROR(
      policy::Authorize(actor, policy::Operation::kRead, *domain::FindEntity("survey")));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(Record found, tx->Get(*domain::FindEntity("survey"), survey));
  (void)found;
  return internal::ResponsesOf(*tx, survey);
}

Result<Record> Services::MoveSurveyQuestion(const Actor& actor, int64_t id, int64_t version,
                                            int places) {
  const domain::EntityDef& def = *domain::FindEntity("survey_question");
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kUpdate, def));
  if (places != -1 && places != 1) {
    return Status::Validation({{"places", "must be -1 (up) or 1 (down)"}});
  }
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(def, id));
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeRecord(actor, policy::Operation::kUpdate, def, current, *tx));
  LOOKOUT_RETURN_IF_ERROR(internal::CheckVersion(def, id, current, version));
  // A survey of a published, locked period keeps its questions as the report counted them.
  LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
  LOOKOUT_RETURN_IF_ERROR(locks.Check(def, current));
  if (current.Get("archived") == Value(true)) {
    return Status::Conflict("Question " + std::to_string(id) + " is archived: it has no place to move from.");
  }
  LOOKOUT_RETURN_IF_ERROR(internal::CheckQuestionsMayMove(*tx, current.Get("survey"), "moved"));
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> questions, internal::QuestionsOf(*tx, current.Get("survey")));
  const auto at = std::find_if(questions.begin(), questions.end(),
                               [&](const Record& q) { return q.Id() == id; });
  const int64_t index = at - questions.begin();
  const int64_t other_index = index + places;
  if (other_index < 0 || other_index >= static_cast<int64_t>(questions.size())) {
    return Status::Conflict("Question " + std::to_string(id) + " is already the " +
                            (places < 0 ? "first" : "last") + " of its survey.");
  }
  const Record& other = questions[static_cast<size_t>(other_index)];
  const int64_t mine = current.Get("position").as_int();
  const int64_t theirs = other.Get("position").as_int();
  // Each question keeps a place of its own at every step (the database holds to it):
  // this one steps aside to a place no question has, the other takes its place, and it
  // takes the other's.
  const store::WriteMeta meta = MetaFor(actor, clock_);
  Record aside;
  aside.Set("position", -id);
  LOOKOUT_RETURN_IF_ERROR(tx->Update(def, id, version, aside, meta));
  const std::string why = places < 0 ? "moved up" : "moved down";
  LOOKOUT_RETURN_IF_ERROR(MoveTo(*tx, actor, meta, other, mine, why));
  LOOKOUT_ASSIGN_OR_RETURN(Record stepped_aside, tx->Get(def, id));
  Record change;
  change.Set("position", theirs);
  LOOKOUT_RETURN_IF_ERROR(tx->Update(def, id, stepped_aside.Get("version").as_int(), change, meta));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(
      AuditFor(actor, meta, "update", def, id, internal::DescribeChanges(def, current, change), why)));
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(def, id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return saved;
}

Result<Record> Services::RemoveSurveyQuestion(const Actor& actor, int64_t id, int64_t version,
                                              const std::string& reason) {
  const domain::EntityDef& def = *domain::FindEntity("survey_question");
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kArchive, def));
  LOOKOUT_RETURN_IF_ERROR(internal::CheckReason(reason));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(def, id));
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeRecord(actor, policy::Operation::kArchive, def, current, *tx));
  LOOKOUT_RETURN_IF_ERROR(internal::CheckVersion(def, id, current, version));
  LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
  LOOKOUT_RETURN_IF_ERROR(locks.Check(def, current));
  if (current.Get("archived") == Value(true)) {
    return Status::Conflict("Question " + std::to_string(id) + " is already removed (archived).");
  }
  LOOKOUT_RETURN_IF_ERROR(internal::CheckQuestionsMayMove(*tx, current.Get("survey"), "removed"));
  const store::WriteMeta meta = MetaFor(actor, clock_);
  LOOKOUT_RETURN_IF_ERROR(tx->SetArchived(def, id, version, true, meta));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditFor(actor, meta, "archive", def, id, "{}", reason)));
  // The questions after it close the gap, in order, so each keeps a place of its own.
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> questions, internal::QuestionsOf(*tx, current.Get("survey")));
  const int64_t removed_at = current.Get("position").as_int();
  for (const Record& q : questions) {
    const int64_t place = q.Get("position").as_int();
    if (place <= removed_at) continue;
    LOOKOUT_RETURN_IF_ERROR(MoveTo(*tx, actor, meta, q, place - 1,
                                   "question " + std::to_string(id) + " removed before it"));
  }
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(def, id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return saved;
}

}  // namespace lookout::app
