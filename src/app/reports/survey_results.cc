#include "app/reports/survey_results.h"

#include <algorithm>
#include <set>

#include "app/records/policy.h"
#include "app/reports/report_queries.h"
#include "domain/rules.h"

namespace lookout::app {

namespace {

const domain::EntityDef& SurveyDef() { return *domain::FindEntity("survey"); }
const domain::EntityDef& QuestionDef() { return *domain::FindEntity("survey_question"); }
const domain::EntityDef& IndicatorDef() { return *domain::FindEntity("indicator"); }

Status AuthorizeResults(const Actor& actor) {
  for (const domain::EntityDef* e : {&SurveyDef(), &QuestionDef(), &domain::SurveyResponseEntity()}) {
    LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, *e));
  }
  return Status::Ok();
}

// Whether reference data of `entity` has a record with this code (archived ones too: old
// responses still name them).
Result<bool> CodeExists(store::Transaction& tx, const domain::EntityDef& entity, const std::string& code) {
  store::ListQuery q;
  q.where = {{entity.code_field, store::Condition::Op::kEq, {Value(code)}}};
  q.archived = store::ListQuery::Archived::kInclude;
  q.limit = 1;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page found, tx.List(entity, q));
  return found.total > 0;
}

// The filter as the store's counts take it; kValidation naming what is wrong.
Result<store::AnswerCountQuery> CountQuery(store::Transaction& tx, const SurveyResultsFilter& filter) {
  store::AnswerCountQuery query;
  std::vector<FieldError> errors;
  if (!filter.attended_training.empty()) {
    if (!domain::FindVocabulary("attended_training")->Contains(filter.attended_training)) {
      errors.push_back({"attended_training", "expected yes, no or unknown"});
    }
    query.attended_training = filter.attended_training;
  }
  if (!filter.region.empty()) {
    LOOKOUT_ASSIGN_OR_RETURN(bool known, CodeExists(tx, domain::RegionEntity(), filter.region));
    if (!known) errors.push_back({"region", "there is no region with the code '" + filter.region + "'"});
    query.region = filter.region;
  }
  if (!filter.stakeholder_type.empty()) {
    LOOKOUT_ASSIGN_OR_RETURN(bool known, CodeExists(tx, domain::SectorEntity(), filter.stakeholder_type));
    if (!known) {
      errors.push_back({"stakeholder_type", "there is no sector with the code '" + filter.stakeholder_type + "'"});
    }
    query.stakeholder_type = filter.stakeholder_type;
  }
  if (!filter.period.empty()) {
    const std::optional<domain::Period> period = domain::Period::Parse(filter.period);
    if (!period) {
      errors.push_back({"period", "expected a financial year like 2025-26 or a quarter like 2025-26 Q3"});
    } else {
      LOOKOUT_ASSIGN_OR_RETURN(int month, FinancialYearStartMonthIn(tx));
      query.responded_from = period->First(month).ToString();
      query.responded_to = period->Last(month).ToString();
    }
  }
  if (!errors.empty()) return Status::Validation(std::move(errors));
  return query;
}

Result<std::vector<int64_t>> ResponsesOf(store::Transaction& tx, const std::vector<Record>& surveys,
                                         const store::AnswerCountQuery& query) {
  std::vector<int64_t> ids;
  for (const Record& s : surveys) ids.push_back(s.Id());
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<store::ResponseCountRow> rows, tx.CountResponses(ids, query));
  std::vector<int64_t> out;
  for (int64_t id : ids) {
    int64_t n = 0;
    for (const store::ResponseCountRow& r : rows) {
      if (r.survey == id) n = r.responses;
    }
    out.push_back(n);
  }
  return out;
}

std::string Text(const Record& r, const char* field) {
  return r.Get(field).is_null() ? "" : r.Get(field).ToDisplay();
}

}  // namespace

Result<domain::QuestionResult> TallyQuestionsIn(store::Transaction& tx,
                                                const std::vector<const Record*>& questions,
                                                const store::AnswerCountQuery& filter,
                                                const std::vector<std::string>& positive,
                                                std::vector<std::string>* inputs) {
  store::AnswerCountQuery query = filter;
  query.questions.clear();
  std::set<int64_t> surveys;
  for (const Record* q : questions) {
    query.questions.push_back(q->Id());
    surveys.insert(q->Get("survey").as_int());
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<store::AnswerCountRow> answers, tx.CountAnswers(query));
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<store::ResponseCountRow> responses,
                           tx.CountResponses({surveys.begin(), surveys.end()}, query));
  if (inputs != nullptr) {
    for (const store::AnswerCountRow& a : answers) {
      inputs->push_back("answers " + std::to_string(a.question) + " " + a.answer + " " +
                        std::to_string(a.count));
    }
    for (const store::ResponseCountRow& r : responses) {
      inputs->push_back("responses " + std::to_string(r.survey) + " " + std::to_string(r.responses));
    }
  }
  std::vector<std::pair<std::string, int64_t>> counts;
  for (const store::AnswerCountRow& a : answers) {
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == a.answer; });
    if (it == counts.end()) {
      counts.emplace_back(a.answer, a.count);
    } else {
      it->second += a.count;
    }
  }
  int64_t respondents = 0;
  for (const Record* q : questions) {
    for (const store::ResponseCountRow& r : responses) {
      if (Value(r.survey) == q->Get("survey")) respondents += r.responses;
    }
  }
  const Record& first = *questions.front();
  return domain::TallyCounts(Text(first, "kind"), Text(first, "options"), counts, respondents, positive);
}

Result<SurveyResults> ResultsOfSurvey(Services& services, const Actor& actor, int64_t survey,
                                      const SurveyResultsFilter& filter) {
  LOOKOUT_RETURN_IF_ERROR(AuthorizeResults(actor));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(false));
  SurveyResults out;
  LOOKOUT_ASSIGN_OR_RETURN(Record found, tx->Get(SurveyDef(), survey));
  out.surveys.push_back(std::move(found));
  LOOKOUT_ASSIGN_OR_RETURN(store::AnswerCountQuery query, CountQuery(*tx, filter));
  store::ListQuery questions;
  questions.where = {{"survey", store::Condition::Op::kEq, {Value(survey)}}};
  questions.sort_field = "position";
  questions.limit = 0;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page listed, tx->List(QuestionDef(), questions));
  out.questions = std::move(listed.items);
  LOOKOUT_ASSIGN_OR_RETURN(out.responses, ResponsesOf(*tx, out.surveys, query));
  for (const Record& q : out.questions) {
    LOOKOUT_ASSIGN_OR_RETURN(domain::QuestionResult r, TallyQuestionsIn(*tx, {&q}, query));
    out.results.push_back(std::move(r));
  }
  return out;
}

Result<SurveyResults> PooledSurveyResults(Services& services, const Actor& actor,
                                          const std::vector<int64_t>& questions, int64_t indicator,
                                          const SurveyResultsFilter& filter) {
  LOOKOUT_RETURN_IF_ERROR(AuthorizeResults(actor));
  if (indicator != 0) {
    LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, IndicatorDef()));
  }
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(false));
  SurveyResults out;
  std::vector<FieldError> errors;
  if (questions.empty()) errors.push_back({"question", "name at least one survey question"});
  std::set<int64_t> seen;
  for (int64_t id : questions) {
    if (!seen.insert(id).second) continue;
    auto q = tx->Get(QuestionDef(), id);
    if (!q.ok()) {
      if (q.status().code() != ErrorCode::kNotFound) return q.TakeStatus();
      errors.push_back({"question", "there is no survey question " + std::to_string(id)});
      continue;
    }
    if (!out.questions.empty() && Text(*q, "kind") != Text(out.questions.front(), "kind")) {
      errors.push_back({"question", "question " + std::to_string(id) +
                                        " is of another kind than the first: answers of different "
                                        "kinds cannot be pooled"});
      continue;
    }
    out.questions.push_back(std::move(q).value());
  }
  std::vector<std::string> positive;
  if (indicator != 0) {
    auto found = tx->Get(IndicatorDef(), indicator);
    if (!found.ok()) {
      if (found.status().code() != ErrorCode::kNotFound) return found.TakeStatus();
      errors.push_back({"indicator", "there is no indicator " + std::to_string(indicator)});
    } else {
      positive = domain::SplitChoices(Text(*found, "positive_answers"));
      out.indicator = std::move(found).value();
    }
  }
  auto query = CountQuery(*tx, filter);
  if (!query.ok()) {
    if (query.status().code() != ErrorCode::kValidation) return query.TakeStatus();
    for (const FieldError& e : query.status().fields()) errors.push_back(e);
  }
  if (!errors.empty()) return Status::Validation(std::move(errors));
  std::set<int64_t> survey_ids;
  for (const Record& q : out.questions) survey_ids.insert(q.Get("survey").as_int());
  for (int64_t id : survey_ids) {
    LOOKOUT_ASSIGN_OR_RETURN(Record s, tx->Get(SurveyDef(), id));
    out.surveys.push_back(std::move(s));
  }
  LOOKOUT_ASSIGN_OR_RETURN(out.responses, ResponsesOf(*tx, out.surveys, *query));
  std::vector<const Record*> pooled;
  for (const Record& q : out.questions) pooled.push_back(&q);
  LOOKOUT_ASSIGN_OR_RETURN(domain::QuestionResult r, TallyQuestionsIn(*tx, pooled, *query, positive));
  out.results.push_back(std::move(r));
  return out;
}

}  // namespace lookout::app
