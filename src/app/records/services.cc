#include "app/records/services.h"

#include <set>

#include "app/records/approval.h"
#include "app/records/policy.h"
#include "app/reports/publish.h"
#include "app/records/record_checks.h"
#include "app/reports/report_queries.h"
#include "app/records/scoring_schemes.h"
#include "app/records/survey_questions.h"
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
using internal::CheckVersion;
using internal::MetaFor;

Status ValidationOrOk(std::vector<FieldError> errors) {
  if (errors.empty()) return Status::Ok();
  return Status::Validation(std::move(errors));
}

// A task is led by an active officer or manager: never a funder, an administrator, an
// analyst or someone who has left (the pickers offer only those; a crafted request is
// refused the same). A lead that does not exist is the reference check's to report.
Status CheckTaskLead(store::Transaction& tx, int64_t staff_id, std::vector<FieldError>& errors) {
  auto staff = tx.Get(domain::StaffEntity(), staff_id);
  if (!staff.ok()) return staff.status().code() == ErrorCode::kNotFound ? Status::Ok() : staff.status();
  const std::string role = staff->Get("role").ToDisplay();
  const std::string name = staff->Get("name").ToDisplay();
  if (role != "officer" && role != "manager") {
    errors.push_back({"lead", "must be an officer or a manager: " + name + " is not"});
  } else if (staff->Get("active") == Value(false) || staff->Get("archived") == Value(true)) {
    errors.push_back({"lead", "must be an active officer or manager: " + name + " is no longer active"});
  }
  return Status::Ok();
}

// The rules a record must meet against the store, after its own validation: references,
// unique fields, survey answers, the insight's computed score. `changed` limits the
// reference check to the fields an update changes (empty: every field). Appends to
// `errors`; a Status error only for the store's own failures.
Status CheckStoredRules(store::Transaction& tx, const EntityDef& entity, Record& record,
                        int64_t self_id, const std::set<std::string>* changed, bool answers,
                        std::vector<FieldError>& errors) {
  internal::ReferenceChecker refs(tx);
  if (changed == nullptr) {
    LOOKOUT_RETURN_IF_ERROR(refs.Check(entity, record, errors));
  } else if (!changed->empty()) {
    LOOKOUT_RETURN_IF_ERROR(refs.Check(entity, record, errors, *changed));
  }
  LOOKOUT_RETURN_IF_ERROR(internal::CheckUnique(tx, entity, record, self_id, errors));
  if (entity.name == "survey_question") {
    LOOKOUT_RETURN_IF_ERROR(internal::CheckQuestionPosition(tx, record, self_id, errors));
  }
  if (entity.name == "task" && record.Get("lead").is_int() &&
      (changed == nullptr || changed->count("lead") > 0)) {
    LOOKOUT_RETURN_IF_ERROR(CheckTaskLead(tx, record.Get("lead").as_int(), errors));
  }
  if (entity.name == "survey_response" && answers) {
    LOOKOUT_RETURN_IF_ERROR(internal::CheckSurveyAnswers(tx, record, errors));
  }
  if (entity.name == "insight" && errors.empty()) {
    LOOKOUT_RETURN_IF_ERROR(internal::ComputeInsightScore(tx, record, errors));
  }
  return Status::Ok();
}

// The refusal of a write to records only Lookout writes (kOk for the others).
Status CheckApiWritable(const EntityDef& entity, const char* what) {
  if (entity.api_writable) return Status::Ok();
  return Status(ErrorCode::kMethodNotAllowed,
                entity.label + " records are written by Lookout, not " + what + " directly.");
}

// An update's record: `changes` applied to `merged` (the record as stored), with the
// defaults of child rows, validated and checked against the store into `errors`.
Status CheckMerged(store::Transaction& tx, const EntityDef& entity, int64_t id,
                   const Record& changes, Record& merged, std::vector<FieldError>& errors) {
  for (const auto& [name, value] : changes.fields) merged.Set(name, value);
  // Child rows in an update get the same defaults as on create.
  internal::ApplyDefaults(entity, merged);
  errors = domain::ValidateRecord(entity, merged, ValidationMode::kUpdate);
  std::set<std::string> changed;
  for (const auto& [name, value] : changes.fields) changed.insert(name);
  return CheckStoredRules(tx, entity, merged, id, &changed, changes.Has("answers"), errors);
}

// The refusal of a legacy grade changed by an update (kOk when it is not changed).
Status CheckLegacyGrade(const Record& current, const Record& changes) {
  if (changes.Has("legacy_grade") &&
      !(changes.Get("legacy_grade") == current.Get("legacy_grade"))) {
    return Status::Validation({{"legacy_grade",
                                "is accepted only on import: grade new intelligence on the "
                                "3x5x2 scale"}});
  }
  return Status::Ok();
}

// A new survey question without a position takes the place after its survey's last; a
// new scoring scheme without a version number the number after the highest.
Status NumberNewRecord(store::Transaction& tx, const EntityDef& entity, Record& input) {
  if (entity.name == "survey_question" && input.Get("position").is_null()) {
    LOOKOUT_ASSIGN_OR_RETURN(int64_t next, internal::NextQuestionPosition(tx, input.Get("survey")));
    input.Set("position", next);
  }
  if (entity.name == "scoring_scheme" && input.Get("scheme_version").is_null()) {
    LOOKOUT_ASSIGN_OR_RETURN(int64_t next, internal::NextSchemeVersion(tx));
    input.Set("scheme_version", next);
  }
  return Status::Ok();
}

// The rules of particular kinds that an update must meet against the store: a survey's
// questions keep their places once it has responses; a scoring scheme that has scored
// insight keeps scoring alike. Without `problems` the first refusal is returned (an
// update); with it, each is added there (a check).
Status CheckKindRules(store::Transaction& tx, const EntityDef& entity, const Record& current,
                      const Record& changes, internal::Problems* problems) {
  std::string field;
  Status refused;
  if (entity.name == "survey_question") {
    refused = internal::CheckQuestionChange(tx, current, changes, &field);
  } else if (entity.name == "scoring_scheme") {
    refused = internal::CheckSchemeChange(tx, current, changes, &field);
  }
  if (refused.ok() || problems == nullptr) return refused;
  if (refused.code() != ErrorCode::kConflict) return refused;
  problems->Add(refused, field);
  return Status::Ok();
}

// Adds the record-level policy's decision to a check's problems: a refusal is one
// (put on the region field). Another error (a reference the policy follows is missing)
// is the rules' to report when they found any; otherwise it is returned, as the write
// would have returned it.
Status AddPolicyDecision(internal::Problems& problems, const Status& decided, const EntityDef& entity) {
  switch (decided.code()) {
    case ErrorCode::kOk:
      return Status::Ok();
    case ErrorCode::kForbidden:
    case ErrorCode::kValidation:
    case ErrorCode::kInvalidReference:
      problems.Add(decided, entity.region_field);
      return Status::Ok();
    case ErrorCode::kNotFound:
      if (!problems.empty()) return Status::Ok();
      return decided;
    default:
      return decided;
  }
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
  if (Status allowed = policy::AuthorizeRecord(actor, policy::Operation::kRead, entity, record, *tx);
      !allowed.ok()) {
    // Trying to read a record one may not (C-handled insight of another region) is on
    // record too: the attempt matters as much as a read.
    if (allowed.code() == ErrorCode::kForbidden) {
      tx.reset();
      const store::WriteMeta meta = MetaFor(actor, clock_);
      LOOKOUT_ASSIGN_OR_RETURN(auto refused_tx, store_.Begin(true));
      LOOKOUT_RETURN_IF_ERROR(
          refused_tx->AppendAudit(AuditFor(actor, meta, "consult_refused", entity, id, "{}")));
      LOOKOUT_RETURN_IF_ERROR(refused_tx->Commit());
    }
    return allowed;
  }
  if (consult) {
    const store::WriteMeta meta = MetaFor(actor, clock_);
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditFor(actor, meta, "consult", entity, id, "{}")));
    LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  }
  return record;
}

Result<Saved> Services::Create(const Actor& actor, const EntityDef& entity, Record input) {
  LOOKOUT_RETURN_IF_ERROR(CheckApiWritable(entity, "created"));
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
  LOOKOUT_RETURN_IF_ERROR(NumberNewRecord(*tx, entity, input));

  std::vector<FieldError> errors = domain::ValidateRecord(entity, input, ValidationMode::kCreate);
  LOOKOUT_RETURN_IF_ERROR(CheckStoredRules(*tx, entity, input, 0, nullptr, true, errors));
  LOOKOUT_RETURN_IF_ERROR(ValidationOrOk(std::move(errors)));
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeSave(actor, entity, nullptr, input, *tx));
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
  LOOKOUT_RETURN_IF_ERROR(CheckApiWritable(entity, "changed"));
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kUpdate, entity));
  LOOKOUT_RETURN_IF_ERROR(ValidationOrOk(internal::CheckWritableFields(entity, changes, false)));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(entity, id));
  LOOKOUT_RETURN_IF_ERROR(
      policy::AuthorizeRecord(actor, policy::Operation::kUpdate, entity, current, *tx));
  LOOKOUT_RETURN_IF_ERROR(CheckVersion(entity, id, current, version));
  internal::CanonicaliseSets(entity, changes);
  // A proposal changed after the tasking meeting asked for changes goes back to the next
  // meeting with the request answered: what was asked is cleared (the audit keeps it).
  if (entity.name == "task" && current.Get("status") == Value("proposed") &&
      !changes.fields.empty() && !changes.Has("changes_asked") &&
      !current.Get("changes_asked").is_null()) {
    changes.Set("changes_asked", Value());
  }
  LOOKOUT_RETURN_IF_ERROR(CheckLegacyGrade(current, changes));
  LOOKOUT_RETURN_IF_ERROR(CheckKindRules(*tx, entity, current, changes, nullptr));
  // What the tasking meeting asks to change in a proposal is one of its decisions, kept
  // in the proposal's history (and so in the meeting's minutes).
  const std::string asked = entity.name == "task" ? internal::ChangesAskedBy(current, changes) : "";
  if (!asked.empty()) LOOKOUT_RETURN_IF_ERROR(internal::CheckChangesAsked(actor, current, asked));
  Record merged = current;
  std::vector<FieldError> errors;
  LOOKOUT_RETURN_IF_ERROR(CheckMerged(*tx, entity, id, changes, merged, errors));
  if (entity.name == "insight" && errors.empty()) changes.Set("risk_score", merged.Get("risk_score"));
  LOOKOUT_RETURN_IF_ERROR(ValidationOrOk(std::move(errors)));
  // Nor may a record be moved out of the actor's scope.
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeSave(actor, entity, &current, merged, *tx));

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
  if (!asked.empty()) LOOKOUT_RETURN_IF_ERROR(internal::RecordChangesAsked(*tx, actor, meta, id, asked));
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(entity, id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return Saved{std::move(saved), WarningTexts(internal::ScreenFreeTextFields(entity, effective))};
}

Status Services::CheckCreate(const Actor& actor, const EntityDef& entity, Record input) {
  LOOKOUT_RETURN_IF_ERROR(CheckApiWritable(entity, "created"));
  // Who may not create such records at all is told so, and nothing else.
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kCreate, entity));
  internal::Problems problems;
  problems.Add(internal::CheckWritableFields(entity, input, false));
  internal::ApplyDefaults(entity, input);
  internal::CanonicaliseSets(entity, input);
  if (entity.name == "task") {
    // Create numbers the task; any well-formed reference does for the checks.
    input.Set("reference", "T-" + std::to_string(clock_.Today().year) + "-0000");
    input.Set("status", "proposed");
  }
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  LOOKOUT_RETURN_IF_ERROR(NumberNewRecord(*tx, entity, input));
  if (entity.name == "programme") {
    LOOKOUT_ASSIGN_OR_RETURN(store::Page existing, tx->List(entity, store::ListQuery{.limit = 1}));
    if (existing.total > 0) {
      problems.Add(Status(ErrorCode::kDuplicate, "The programme is already recorded: update it "
                                                 "instead of creating another."),
                   "");
    }
  }
  std::vector<FieldError> errors = domain::ValidateRecord(entity, input, ValidationMode::kCreate);
  LOOKOUT_RETURN_IF_ERROR(CheckStoredRules(*tx, entity, input, 0, nullptr, true, errors));
  problems.Add(std::move(errors));
  LOOKOUT_RETURN_IF_ERROR(AddPolicyDecision(
      problems, policy::AuthorizeRecord(actor, policy::Operation::kCreate, entity, input, *tx),
      entity));
  LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
  problems.Add(locks.Check(entity, input), entity.date_field);
  return problems.ToStatus();
}

Status Services::CheckUpdate(const Actor& actor, const EntityDef& entity, int64_t id,
                             int64_t version, Record changes) {
  LOOKOUT_RETURN_IF_ERROR(CheckApiWritable(entity, "changed"));
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kUpdate, entity));
  internal::Problems problems;
  problems.Add(internal::CheckWritableFields(entity, changes, false));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(entity, id));
  // A record the actor may not change is refused as a whole: its other problems are moot.
  LOOKOUT_RETURN_IF_ERROR(
      policy::AuthorizeRecord(actor, policy::Operation::kUpdate, entity, current, *tx));
  problems.Add(CheckVersion(entity, id, current, version), "version");
  internal::CanonicaliseSets(entity, changes);
  problems.Add(CheckLegacyGrade(current, changes), "legacy_grade");
  LOOKOUT_RETURN_IF_ERROR(CheckKindRules(*tx, entity, current, changes, &problems));
  if (entity.name == "task") {
    const std::string asked = internal::ChangesAskedBy(current, changes);
    if (!asked.empty()) problems.Add(internal::CheckChangesAsked(actor, current, asked), "changes_asked");
  }
  Record merged = current;
  std::vector<FieldError> errors;
  LOOKOUT_RETURN_IF_ERROR(CheckMerged(*tx, entity, id, changes, merged, errors));
  problems.Add(std::move(errors));
  LOOKOUT_RETURN_IF_ERROR(AddPolicyDecision(
      problems, policy::AuthorizeRecord(actor, policy::Operation::kUpdate, entity, merged, *tx),
      entity));
  if (!internal::EffectiveChanges(current, changes).fields.empty()) {
    LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
    const Status before = locks.Check(entity, current);
    problems.Add(before, entity.date_field);
    if (before.ok()) problems.Add(locks.Check(entity, merged), entity.date_field);
  }
  return problems.ToStatus();
}

Result<Record> Services::Archive(const Actor& actor, const EntityDef& entity, int64_t id,
                                 int64_t version, bool archived, const std::string& reason) {
  if (!entity.api_writable) {
    return Status(ErrorCode::kMethodNotAllowed, entity.label + " records cannot be archived.");
  }
  // Removing a question of a survey closes the gap it leaves (and is refused once the
  // survey has responses).
  if (entity.name == "survey_question" && archived) {
    return RemoveSurveyQuestion(actor, id, version, reason);
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
  if (entity.name == "survey_question") {
    // A question restored takes its place again, or the place after the last when another
    // question holds it now.
    std::vector<FieldError> taken;
    Record restored = current;
    restored.Set("archived", false);
    LOOKOUT_RETURN_IF_ERROR(internal::CheckQuestionPosition(*tx, restored, id, taken));
    if (!taken.empty()) {
      LOOKOUT_ASSIGN_OR_RETURN(int64_t last, internal::NextQuestionPosition(*tx, current.Get("survey")));
      Record moved;
      moved.Set("position", last);
      LOOKOUT_RETURN_IF_ERROR(tx->Update(entity, id, version, moved, meta));
      LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(AuditFor(
          actor, meta, "update", entity, id, internal::DescribeChanges(entity, current, moved),
          "restored after the survey's last question")));
      LOOKOUT_ASSIGN_OR_RETURN(Record now, tx->Get(entity, id));
      version = now.Get("version").as_int();
    }
  }
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
