#include "app/services.h"

#include "app/approval.h"
#include "app/policy.h"
#include "app/publish.h"
#include "app/record_checks.h"
#include "app/report_queries.h"
#include "domain/rules.h"

namespace lookout::app {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;
using domain::ValidationMode;

Actor Actor::Cli(const std::string& user) {
  Actor a;
  a.id = "cli:" + (user.empty() ? std::string("unknown") : user);
  return a;
}

Actor Actor::Anonymous(std::string address, std::string request_id) {
  Actor a;
  a.id = "anonymous";
  a.address = std::move(address);
  a.request_id = std::move(request_id);
  return a;
}

Services::Services(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

namespace {

using internal::AuditFor;
using internal::MetaFor;

Status ValidationOrOk(std::vector<FieldError> errors) {
  if (errors.empty()) return Status::Ok();
  return Status::Validation(std::move(errors));
}

std::vector<std::string> WarningTexts(const std::vector<FieldError>& warnings) {
  std::vector<std::string> out;
  for (const FieldError& w : warnings) out.push_back(w.field + ": " + w.message);
  return out;
}

}  // namespace

Result<Record> Services::Get(const Actor& actor, const EntityDef& entity, int64_t id) {
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, entity));
  // Reading insight is a consultation, recorded in the audit trail.
  const bool consult = entity.name == "insight" && !policy::IsOperator(actor);
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(consult));
  LOOKOUT_ASSIGN_OR_RETURN(Record record, tx->Get(entity, id));
  LOOKOUT_RETURN_IF_ERROR(
      policy::AuthorizeRecord(actor, policy::Operation::kRead, entity, record, *tx));
  if (consult) {
    const store::WriteMeta meta = MetaFor(actor, clock_);
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditFor(actor, meta, "consult", entity, id, "{}")));
    LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  }
  return record;
}

Result<Saved> Services::Create(const Actor& actor, const EntityDef& entity, Record input) {
  if (!entity.api_writable) {
    return Status(ErrorCode::kMethodNotAllowed,
                  entity.label + " records are written by Lookout, not created directly.");
  }
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kCreate, entity));
  LOOKOUT_RETURN_IF_ERROR(ValidationOrOk(internal::CheckWritableFields(entity, input, false)));
  internal::ApplyDefaults(entity, input);
  internal::CanonicaliseSets(entity, input);
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  const store::WriteMeta meta = MetaFor(actor, clock_);

  if (entity.name == "programme") {
    LOOKOUT_ASSIGN_OR_RETURN(store::Page existing, tx->List(entity, store::ListQuery{.limit = 1}));
    if (existing.total > 0) {
      return Status(ErrorCode::kDuplicate,
                    "The programme is already recorded: update it instead of creating another.");
    }
  }
  if (entity.name == "task") {
    const std::string prefix = "T-" + std::to_string(clock_.Today().year) + "-";
    LOOKOUT_ASSIGN_OR_RETURN(int64_t next, tx->NextSequence(entity, "reference", prefix));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%04lld", prefix.c_str(), static_cast<long long>(next));
    input.Set("reference", std::string(buf));
    input.Set("status", "proposed");
  }

  std::vector<FieldError> errors = domain::ValidateRecord(entity, input, ValidationMode::kCreate);
  internal::ReferenceChecker refs(*tx);
  LOOKOUT_RETURN_IF_ERROR(refs.Check(entity, input, errors));
  LOOKOUT_RETURN_IF_ERROR(internal::CheckUnique(*tx, entity, input, 0, errors));
  if (entity.name == "survey_response") {
    LOOKOUT_RETURN_IF_ERROR(internal::CheckSurveyAnswers(*tx, input, errors));
  }
  if (entity.name == "insight" && errors.empty()) {
    LOOKOUT_RETURN_IF_ERROR(internal::ComputeInsightScore(*tx, input, errors));
  }
  LOOKOUT_RETURN_IF_ERROR(ValidationOrOk(std::move(errors)));
  LOOKOUT_RETURN_IF_ERROR(
      policy::AuthorizeRecord(actor, policy::Operation::kCreate, entity, input, *tx));
  // A published report's period takes no new records until a manager unlocks it.
  LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
  LOOKOUT_RETURN_IF_ERROR(locks.Check(entity, input));

  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, tx->Insert(entity, input, meta));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditFor(
      actor, meta, "create", entity, id, internal::DescribeChanges(entity, Record{}, input))));
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(entity, id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return Saved{std::move(saved), WarningTexts(internal::ScreenFreeTextFields(entity, input))};
}

Result<Saved> Services::Update(const Actor& actor, const EntityDef& entity, int64_t id,
                               int64_t version, Record changes) {
  if (!entity.api_writable) {
    return Status(ErrorCode::kMethodNotAllowed,
                  entity.label + " records are written by Lookout, not changed directly.");
  }
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kUpdate, entity));
  LOOKOUT_RETURN_IF_ERROR(ValidationOrOk(internal::CheckWritableFields(entity, changes, false)));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(entity, id));
  LOOKOUT_RETURN_IF_ERROR(
      policy::AuthorizeRecord(actor, policy::Operation::kUpdate, entity, current, *tx));
  if (current.Get("version") != Value(version)) {
    return Status::Conflict(entity.label + " " + std::to_string(id) + " is at version " +
                            current.Get("version").ToDisplay() + ", not " +
                            std::to_string(version) +
                            ": someone else saved it after you loaded it. Reload it and apply "
                            "your change again.");
  }
  internal::CanonicaliseSets(entity, changes);
  // A proposal changed after the tasking meeting asked for changes goes back to the next
  // meeting with the request answered: what was asked is cleared (the audit keeps it).
  if (entity.name == "task" && current.Get("status") == Value("proposed") &&
      !changes.fields.empty() && !changes.Has("changes_asked") &&
      !current.Get("changes_asked").is_null()) {
    changes.Set("changes_asked", Value());
  }
  if (changes.Has("legacy_grade") &&
      !(changes.Get("legacy_grade") == current.Get("legacy_grade"))) {
    return Status::Validation({{"legacy_grade",
                                "is accepted only on import: grade new intelligence on the "
                                "3x5x2 scale"}});
  }
  Record merged = current;
  for (auto& [name, value] : changes.fields) merged.Set(name, value);
  // Child rows in an update get the same defaults as on create.
  internal::ApplyDefaults(entity, merged);

  std::vector<FieldError> errors = domain::ValidateRecord(entity, merged, ValidationMode::kUpdate);
  std::set<std::string> changed;
  for (const auto& [name, value] : changes.fields) changed.insert(name);
  internal::ReferenceChecker refs(*tx);
  if (!changed.empty()) LOOKOUT_RETURN_IF_ERROR(refs.Check(entity, merged, errors, changed));
  LOOKOUT_RETURN_IF_ERROR(internal::CheckUnique(*tx, entity, merged, id, errors));
  if (entity.name == "survey_response" && changes.Has("answers")) {
    LOOKOUT_RETURN_IF_ERROR(internal::CheckSurveyAnswers(*tx, merged, errors));
  }
  if (entity.name == "insight" && errors.empty()) {
    LOOKOUT_RETURN_IF_ERROR(internal::ComputeInsightScore(*tx, merged, errors));
    changes.Set("risk_score", merged.Get("risk_score"));
  }
  LOOKOUT_RETURN_IF_ERROR(ValidationOrOk(std::move(errors)));
  // Nor may a record be moved out of the actor's scope.
  LOOKOUT_RETURN_IF_ERROR(
      policy::AuthorizeRecord(actor, policy::Operation::kUpdate, entity, merged, *tx));

  // Defaults filled into child rows belong to the change as well.
  for (auto& [name, value] : changes.fields) value = merged.Get(name);
  Record effective = internal::EffectiveChanges(current, changes);
  if (effective.fields.empty()) return Saved{std::move(current), {}};
  // What is published is what was approved: a changed quote or case study is approved again.
  internal::WithdrawApprovalOnChange(entity, current, effective);
  // Neither a record counted in a published report nor one moved into its period changes
  // while the period is locked.
  LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
  LOOKOUT_RETURN_IF_ERROR(locks.Check(entity, current));
  LOOKOUT_RETURN_IF_ERROR(locks.Check(entity, merged));

  const store::WriteMeta meta = MetaFor(actor, clock_);
  LOOKOUT_RETURN_IF_ERROR(tx->Update(entity, id, version, effective, meta));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditFor(
      actor, meta, "update", entity, id, internal::DescribeChanges(entity, current, effective))));
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(entity, id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return Saved{std::move(saved), WarningTexts(internal::ScreenFreeTextFields(entity, effective))};
}

Result<Record> Services::Archive(const Actor& actor, const EntityDef& entity, int64_t id,
                                 int64_t version, bool archived, const std::string& reason) {
  if (!entity.api_writable) {
    return Status(ErrorCode::kMethodNotAllowed, entity.label + " records cannot be archived.");
  }
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kArchive, entity));
  LOOKOUT_RETURN_IF_ERROR(internal::CheckReason(reason));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(entity, id));
  LOOKOUT_RETURN_IF_ERROR(
      policy::AuthorizeRecord(actor, policy::Operation::kArchive, entity, current, *tx));
  if (current.Get("archived") == Value(archived)) {
    return Status(ErrorCode::kConflict, entity.label + " " + std::to_string(id) + " is already " +
                                            (archived ? "archived." : "live (not archived)."));
  }
  LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
  LOOKOUT_RETURN_IF_ERROR(locks.Check(entity, current));
  const store::WriteMeta meta = MetaFor(actor, clock_);
  LOOKOUT_RETURN_IF_ERROR(tx->SetArchived(entity, id, version, archived, meta));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(
      AuditFor(actor, meta, archived ? "archive" : "restore", entity, id, "{}", reason)));
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(entity, id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return saved;
}

Result<std::vector<store::ReachRow>> Services::Reach(const Actor& actor,
                                                     const store::ReachQuery& query) {
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeAggregate(actor));
  if (policy::AggregatesControlled(actor)) {
    return Status(ErrorCode::kForbidden,
                  "Exact sums of reach are for those who may read the activities; the "
                  "figures for your role are under the disclosure rule.");
  }
  std::vector<FieldError> errors;
  if (!query.from.empty() && !Date::Parse(query.from))
    errors.push_back({"from", "expected a date as YYYY-MM-DD"});
  if (!query.to.empty() && !Date::Parse(query.to))
    errors.push_back({"to", "expected a date as YYYY-MM-DD"});
  LOOKOUT_RETURN_IF_ERROR(ValidationOrOk(std::move(errors)));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  return tx->AggregateReach(query);
}

Result<int> FinancialYearStartMonthIn(store::Transaction& tx) {
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page,
                           tx.List(domain::ProgrammeEntity(), store::ListQuery{.limit = 1}));
  if (page.items.empty() || !page.items[0].Get("fy_start_month").is_int()) return 4;
  return static_cast<int>(page.items[0].Get("fy_start_month").as_int());
}

Result<int> Services::FinancialYearStartMonth() {
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  return FinancialYearStartMonthIn(*tx);
}

}  // namespace lookout::app
