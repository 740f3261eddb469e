#include "app/policy.h"

#include <algorithm>

namespace lookout::app::policy {

using domain::EntityDef;

namespace {

enum class Group {
  kReference,  // region, police_force, sector
  kSetup,      // programme, objective, scoring_scheme
  kStaff,
  kPartner,
  kInsight,
  kTask,
  kTaskHistory,
  kDelivery,    // campaign, activity, outcome_event
  kEvidence,    // quote, case_study: officers gather them, analysts too
  kEvaluation,  // outcome, indicator, survey, survey_question, survey_response
  kPublished,   // published reports: what funders read; published through their use case
  kInternal,    // accounts, sessions, tokens: only through their own use cases
};

Group GroupOf(const EntityDef& e) {
  const std::string& n = e.name;
  if (e.internal) return Group::kInternal;
  if (n == "region" || n == "police_force" || n == "sector") return Group::kReference;
  if (n == "programme" || n == "objective" || n == "scoring_scheme") return Group::kSetup;
  if (n == "staff") return Group::kStaff;
  if (n == "partner") return Group::kPartner;
  if (n == "insight") return Group::kInsight;
  if (n == "task") return Group::kTask;
  if (n == "task_transition") return Group::kTaskHistory;
  if (n == "outcome" || n == "indicator" || n == "survey" || n == "survey_question" ||
      n == "survey_response") {
    return Group::kEvaluation;
  }
  if (n == "quote" || n == "case_study") return Group::kEvidence;
  if (n == "published_report") return Group::kPublished;
  return Group::kDelivery;
}

bool In(const std::string& role, std::initializer_list<const char*> roles) {
  return std::any_of(roles.begin(), roles.end(), [&](const char* r) { return role == r; });
}

std::string OpWord(Operation op) {
  switch (op) {
    case Operation::kRead:
      return "read";
    case Operation::kCreate:
      return "create";
    case Operation::kUpdate:
      return "change";
    case Operation::kArchive:
      return "archive";
  }
  return "use";
}

Status Refuse(const Actor& actor, std::string what) {
  return Status(ErrorCode::kForbidden, "Your role (" +
                                           (actor.role.empty() ? std::string("none") : actor.role) +
                                           ") may not " + std::move(what) + ".");
}

bool IsAnonymous(const Actor& actor) { return !actor.signed_in && !IsOperator(actor); }

Status Unauthenticated() {
  return Status(ErrorCode::kUnauthenticated, "Sign in first, or send a valid API token.");
}

bool ListHas(const Value& list, const Value& v) {
  if (!list.is_list()) return false;
  const auto& items = list.as_list();
  return std::find(items.begin(), items.end(), v) != items.end();
}

// Whether the officer leads or works on the task.
Result<bool> OnTask(const Actor& actor, const Value& task_id, store::Transaction& tx) {
  if (!task_id.is_int() || actor.staff_id <= 0) return false;
  auto task = tx.Get(domain::TaskEntity(), task_id.as_int());
  if (!task.ok()) {
    if (task.status().code() == ErrorCode::kNotFound) return false;
    return task.TakeStatus();
  }
  const Value me(actor.staff_id);
  return task->Get("lead") == me || ListHas(task->Get("staff"), me);
}

// Whether an officer may write this record: it is in their region, or belongs to a task
// they are on.
Result<bool> OfficerMayWrite(const Actor& actor, const EntityDef& entity, const Record& r,
                             store::Transaction& tx) {
  const Value own(actor.region);
  const bool has_region = !actor.region.empty();
  const std::string& n = entity.name;
  if (n == "insight") return has_region && r.Get("region") == own;
  if (n == "partner") {
    return (has_region && r.Get("region") == own) || r.Get("region") == Value("NAT");
  }
  if (n == "task") {
    const Value me(actor.staff_id);
    return (has_region && ListHas(r.Get("regions"), own)) || r.Get("lead") == me ||
           ListHas(r.Get("staff"), me);
  }
  if (n == "campaign" || n == "case_study") {
    if (has_region && ListHas(r.Get("regions"), own)) return true;
    if (n == "campaign") return OnTask(actor, r.Get("task"), tx);
    if (r.Get("tasks").is_list()) {
      for (const Value& t : r.Get("tasks").as_list()) {
        LOOKOUT_ASSIGN_OR_RETURN(bool on, OnTask(actor, t, tx));
        if (on) return true;
      }
    }
    return false;
  }
  // activity, quote, outcome_event: a region and usually a task.
  if (has_region && r.Get("region") == own) return true;
  return OnTask(actor, r.Get("task"), tx);
}

}  // namespace

bool IsOperator(const Actor& actor) {
  return actor.id == "system" || actor.id.rfind("cli:", 0) == 0;
}

Status Authorize(const Actor& actor, Operation op, const EntityDef& entity) {
  if (IsOperator(actor)) return Status::Ok();
  if (IsAnonymous(actor)) return Unauthenticated();
  const std::string& role = actor.role;
  const Group group = GroupOf(entity);
  const std::string what = OpWord(op) + " " + entity.label + " records";

  if (op == Operation::kRead) {
    switch (group) {
      case Group::kReference:
      case Group::kSetup:
      case Group::kStaff:
        if (In(role, {"admin", "manager", "officer", "analyst"})) return Status::Ok();
        break;
      case Group::kPartner:
      case Group::kInsight:
      case Group::kTask:
      case Group::kTaskHistory:
      case Group::kDelivery:
      case Group::kEvidence:
      case Group::kEvaluation:
        if (In(role, {"manager", "officer", "analyst"})) return Status::Ok();
        break;
      case Group::kPublished:
        if (In(role, {"manager", "officer", "analyst", "funder"})) return Status::Ok();
        break;
      case Group::kInternal:
        break;
    }
    return Refuse(actor, what);
  }

  switch (group) {
    case Group::kReference:
    case Group::kStaff:
      if (role == "admin") return Status::Ok();
      break;
    case Group::kSetup:
      if (In(role, {"admin", "manager"})) return Status::Ok();
      break;
    case Group::kPartner:
    case Group::kInsight:
    case Group::kTask:
      if (role == "manager") return Status::Ok();
      if (role == "officer" && op != Operation::kArchive) return Status::Ok();
      break;
    case Group::kDelivery:
      if (In(role, {"manager", "officer"})) return Status::Ok();
      break;
    case Group::kEvidence:
      if (In(role, {"manager", "officer", "analyst"})) return Status::Ok();
      break;
    case Group::kEvaluation:
      if (In(role, {"manager", "analyst"})) return Status::Ok();
      break;
    case Group::kPublished:
      if (role == "manager") return Status::Ok();
      break;
    case Group::kTaskHistory:
    case Group::kInternal:
      break;
  }
  return Refuse(actor, what);
}

Status AuthorizeRecord(const Actor& actor, Operation op, const EntityDef& entity,
                       const Record& record, store::Transaction& tx) {
  if (IsOperator(actor) || actor.role != "officer") return Status::Ok();
  if (op == Operation::kRead) {
    if (entity.name != "insight") return Status::Ok();
    if (record.Get("grade_handling") == Value("P")) return Status::Ok();
    if (!actor.region.empty() && record.Get("region") == Value(actor.region)) return Status::Ok();
    return Status(ErrorCode::kForbidden,
                  "This insight belongs to another region and is not graded for sharing "
                  "(handling code P): only that region's officer and managers may read it.");
  }
  LOOKOUT_ASSIGN_OR_RETURN(bool allowed, OfficerMayWrite(actor, entity, record, tx));
  if (allowed) return Status::Ok();
  return Refuse(actor, OpWord(op) + " " + entity.label + " records outside your region (" +
                           (actor.region.empty() ? "none recorded" : actor.region) +
                           ") or tasks you are not on");
}

std::vector<store::Condition> ReadScope(const Actor& actor, const EntityDef& entity) {
  if (IsOperator(actor) || actor.role != "officer" || entity.name != "insight") return {};
  std::vector<store::Condition> scope;
  if (!actor.region.empty()) {
    scope.push_back({"region", store::Condition::Op::kEq, {Value(actor.region)}});
  }
  scope.push_back({"grade_handling", store::Condition::Op::kEq, {Value("P")}});
  return scope;
}

AttachScope AttachableScope(const Actor& actor, const EntityDef& target) {
  using Op = store::Condition::Op;
  AttachScope scope;
  if (target.name == "staff") {
    scope.all.push_back({"role", Op::kIn, {Value("officer"), Value("manager")}});
    scope.all.push_back({"active", Op::kEq, {Value(true)}});
    return scope;
  }
  scope.any = ReadScope(actor, target);
  if (IsOperator(actor) || actor.role != "officer") return scope;
  if (target.name == "task") {
    // As OfficerMayWrite's rule for tasks: on it, or in the officer's region.
    if (!actor.region.empty()) scope.any.push_back({"regions", Op::kHasAny, {Value(actor.region)}});
    if (actor.staff_id > 0) {
      scope.any.push_back({"lead", Op::kEq, {Value(actor.staff_id)}});
      scope.any.push_back({"staff", Op::kHasAny, {Value(actor.staff_id)}});
    }
    // An officer with neither a region nor a staff record may attach to no task.
    if (scope.any.empty()) scope.any.push_back({"lead", Op::kEq, {Value(int64_t{-1})}});
  } else if (target.name == "partner") {
    Value::List regions = {Value("NAT")};
    if (!actor.region.empty()) regions.push_back(Value(actor.region));
    scope.all.push_back({"region", Op::kIn, std::move(regions)});
  }
  return scope;
}

Status AuthorizeTransition(const Actor& actor, const Record& task, const std::string& to_status,
                           store::Transaction& tx) {
  if (IsOperator(actor)) return Status::Ok();
  if (IsAnonymous(actor)) return Unauthenticated();
  const std::string& role = actor.role;
  if (role == "manager") return Status::Ok();
  const std::string what = "move a task to '" + to_status + "'";
  if (to_status == "evaluated" && role == "analyst") return Status::Ok();
  const bool officer_step = to_status == "in_progress" || to_status == "delivered" ||
                            to_status == "evaluated" ||
                            (to_status == "cancelled" && task.Get("status") == Value("proposed"));
  if (role == "officer" && officer_step) {
    LOOKOUT_ASSIGN_OR_RETURN(bool may, OfficerMayWrite(actor, domain::TaskEntity(), task, tx));
    if (may) return Status::Ok();
    return Refuse(actor, what + " for a task outside your region that you are not on");
  }
  return Refuse(actor, what + ": that is a tasking decision for a manager");
}

Status AuthorizeTaskingDecision(const Actor& actor) {
  if (IsOperator(actor)) return Status::Ok();
  if (IsAnonymous(actor)) return Unauthenticated();
  if (actor.role == "manager") return Status::Ok();
  return Refuse(actor, "take part in the tasking meeting: its decisions are for managers");
}

Status AuthorizeAggregate(const Actor& actor) {
  if (IsOperator(actor) || actor.signed_in) return Status::Ok();
  return Unauthenticated();
}

Status AuthorizePublish(const Actor& actor) {
  if (IsOperator(actor)) return Status::Ok();
  if (IsAnonymous(actor)) return Unauthenticated();
  if (actor.role == "manager") return Status::Ok();
  return Refuse(actor, "publish reports or unlock a published period");
}

Status AuthorizeReport(const Actor& actor) {
  if (IsOperator(actor)) return Status::Ok();
  if (IsAnonymous(actor)) return Unauthenticated();
  if (actor.role == "manager" || actor.role == "analyst" || actor.role == "officer") {
    return Status::Ok();
  }
  return Refuse(actor, actor.role == "funder" ? "produce reports; published reports are shared with you"
                                              : "produce reports");
}

}  // namespace lookout::app::policy
