#include "app/records/policy.h"

#include <algorithm>
#include <cctype>

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

// A field's value as a list: a set as it is, a single value as a list of one, null as
// an empty list.
Value::List AsList(const Value& v) {
  if (v.is_list()) return v.as_list();
  if (v.is_null()) return {};
  return {v};
}

// "NE, YH" from a list of codes.
std::string Codes(const Value::List& codes) {
  std::string out;
  for (const Value& c : codes) out += (out.empty() ? "" : ", ") + c.ToDisplay();
  return out.empty() ? "none" : out;
}

const Value& National() {
  static const Value kNational("NAT");
  return kNational;
}

// The officer's own region as a value ("" when none is recorded, which matches nothing).
Value OwnRegion(const Actor& actor) { return actor.region.empty() ? Value() : Value(actor.region); }

Status RefuseField(const std::string& field, const std::string& message) {
  return Status(ErrorCode::kForbidden, message, {{field, message}});
}

// Whether the officer leads or works on `task`, or the task covers their region: the
// tasks whose work they may record.
bool OfficerMayWorkOn(const Actor& actor, const Record& task) {
  const Value me(actor.staff_id);
  return (!actor.region.empty() && ListHas(task.Get("regions"), OwnRegion(actor))) ||
         (actor.staff_id > 0 && (task.Get("lead") == me || ListHas(task.Get("staff"), me)));
}

// "T-2026-0004" or "task 12".
std::string TaskName(const Record& task) {
  const Value& ref = task.Get("reference");
  return ref.is_text() && !ref.as_text().empty() ? ref.as_text() : "task " + std::to_string(task.Id());
}

// The field that ties a record to its task or tasks: "task", "tasks", or "" for none.
std::string TaskFieldOf(const EntityDef& entity) {
  for (const char* name : {"task", "tasks"}) {
    const domain::FieldDef* f = entity.Find(name);
    if (f != nullptr && f->target == "task") return name;
  }
  return "";
}

// The officer's rule for a task: one they are on, or in their region; and the regions they
// give it (all of them on create, those added or removed on update) are their own
// region or national: a task in another region is a tasking decision for managers.
// `stored` is the task before the change (nullptr on create, and when only the task as
// stored is checked, `saving` false).
Result<bool> OfficerTaskRule(const Actor& actor, const Record& task, const Record* stored,
                             bool saving, Status& refusal, store::Transaction& tx) {
  if (!OfficerMayWorkOn(actor, task)) {
    refusal = RefuseField("regions", "This task is outside your region (" +
                                         (actor.region.empty() ? std::string("none recorded")
                                                               : actor.region) +
                                         ") and you are neither its lead nor on its staff.");
    return false;
  }
  if (!saving) return true;
  const Value::List now = AsList(task.Get("regions"));
  const Value::List before = stored != nullptr ? AsList(stored->Get("regions")) : Value::List{};
  Value::List changed;
  for (const Value& r : now) {
    if (std::find(before.begin(), before.end(), r) == before.end()) changed.push_back(r);
  }
  Value::List removed;
  for (const Value& r : before) {
    if (std::find(now.begin(), now.end(), r) == now.end()) removed.push_back(r);
  }
  Value::List others;
  for (const Value& r : changed) {
    if (!(r == OwnRegion(actor)) && !(r == National())) others.push_back(r);
  }
  for (const Value& r : removed) {
    if (!(r == OwnRegion(actor)) && !(r == National())) others.push_back(r);
  }
  if (!others.empty()) {
    refusal = RefuseField(
        "regions", "You may give a task your own region (" +
                       (actor.region.empty() ? std::string("none recorded") : actor.region) +
                       ") or national (NAT) only: a manager decides tasks in " + Codes(others) +
                       ".");
    return false;
  }
  // A region taken off a task must not leave its activities and evidence there: they
  // would no longer be one of the task's regions.
  if (stored != nullptr && !removed.empty()) {
    std::string left;
    for (const domain::EntityDef* child : domain::AllEntities()) {
      const std::string field = TaskFieldOf(*child);
      if (field.empty() || child->region_field.empty()) continue;
      store::ListQuery query;
      const bool one_task = field == "task";
      query.where.push_back({field, one_task ? store::Condition::Op::kEq : store::Condition::Op::kHasAny,
                             {Value(stored->Id())}});
      const bool one_region = !child->Find(child->region_field)->IsSet();
      query.where.push_back({child->region_field,
                             one_region ? store::Condition::Op::kIn : store::Condition::Op::kHasAny,
                             removed});
      query.limit = 1;
      LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(*child, query));
      if (page.total > 0) {
        std::string kind = child->label;
        kind[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(kind[0])));
        left += (left.empty() ? "" : ", ") + std::to_string(page.total) + " " +
                (page.total == 1 ? kind : kind + " records");
      }
    }
    if (!left.empty()) {
      refusal = RefuseField("regions", "This task still has " + left + " in " + Codes(removed) +
                                           ": move or archive them before taking " +
                                           Codes(removed) + " off the task.");
      return false;
    }
  }
  return true;
}

// The officer's rule for a record of a task's work (campaign, activity, quote, case study,
// outcome event): tied to tasks, its regions are among the regions it may have for them:
// every region of a task the officer leads or staffs, and their own region on a task that
// covers it (on another task they are not on, none); tied to no task, it is in the
// officer's own region.
Result<bool> OfficerChildRule(const Actor& actor, const EntityDef& entity, const Record& r,
                              Status& refusal, store::Transaction& tx) {
  const std::string task_field = TaskFieldOf(entity);
  const Value::List regions = AsList(r.Get(entity.region_field));
  const Value::List task_ids = task_field.empty() ? Value::List{} : AsList(r.Get(task_field));
  if (task_ids.empty()) {
    const bool own_only = !regions.empty() && std::all_of(regions.begin(), regions.end(), [&](const Value& v) {
      return v == OwnRegion(actor);
    });
    if (own_only) return true;
    refusal = RefuseField(
        entity.region_field,
        entity.label + " records that belong to no task are recorded in your own region (" +
            (actor.region.empty() ? std::string("none recorded") : actor.region) +
            ") only; give the task whose work it was to record it in that task's regions.");
    return false;
  }
  Value::List covered;
  std::string names;
  for (const Value& id : task_ids) {
    if (!id.is_int()) continue;
    auto task = tx.Get(domain::TaskEntity(), id.as_int());
    if (!task.ok()) {
      if (task.status().code() == ErrorCode::kNotFound) continue;  // the reference check says so
      return task.TakeStatus();
    }
    if (!OfficerMayWorkOn(actor, *task)) {
      refusal = RefuseField(task_field, TaskName(*task) + " is a task in " +
                                            Codes(AsList(task->Get("regions"))) +
                                            " that you are not on: you may record the work of "
                                            "tasks in your region or that you lead or staff.");
      return false;
    }
    const Value me(actor.staff_id);
    const bool on_task = task->Get("lead") == me || ListHas(task->Get("staff"), me);
    for (const Value& region : AsList(task->Get("regions"))) {
      if (on_task || region == OwnRegion(actor)) covered.push_back(region);
    }
    names += (names.empty() ? "" : ", ") + TaskName(*task);
  }
  Value::List outside;
  for (const Value& region : regions) {
    if (std::find(covered.begin(), covered.end(), region) == covered.end()) outside.push_back(region);
  }
  if (!outside.empty()) {
    refusal = RefuseField(entity.region_field,
                          "You may record the work of " + names + " in " + Codes(covered) +
                              " only, not in " + Codes(outside) +
                              ": a task's work lies in its regions, and on a task you are not "
                              "on, in your own region.");
    return false;
  }
  return true;
}

// Whether an officer may write this record, and why not (in `refusal`). `saving`: the
// record as it would be saved (create, import, update), with `stored` the record before
// an update; otherwise the record as stored (update, archive).
Result<bool> OfficerMayWrite(const Actor& actor, const EntityDef& entity, const Record& r,
                             const Record* stored, bool saving, Status& refusal,
                             store::Transaction& tx) {
  const std::string& n = entity.name;
  const std::string own = actor.region.empty() ? std::string("none recorded") : actor.region;
  if (n == "insight") {
    if (r.Get("region") == OwnRegion(actor)) return true;
    refusal = RefuseField("region", "You record and change insight of your own region (" + own +
                                        ") only.");
    return false;
  }
  if (n == "partner") {
    if (r.Get("region") == OwnRegion(actor) || r.Get("region") == National()) return true;
    refusal = RefuseField("region", "You record and change partners of your own region (" + own +
                                        ") or national (NAT) ones only.");
    return false;
  }
  if (n == "task") return OfficerTaskRule(actor, r, stored, saving, refusal, tx);
  if (entity.region_field.empty()) {
    refusal = Refuse(actor, OpWord(saving ? Operation::kCreate : Operation::kUpdate) + " " +
                                entity.label + " records");
    return false;
  }
  return OfficerChildRule(actor, entity, r, refusal, tx);
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
  if (op == Operation::kCreate) return AuthorizeSave(actor, entity, nullptr, record, tx);
  Status refusal;
  LOOKOUT_ASSIGN_OR_RETURN(bool allowed,
                           OfficerMayWrite(actor, entity, record, nullptr, false, refusal, tx));
  return allowed ? Status::Ok() : refusal;
}

Status AuthorizeSave(const Actor& actor, const EntityDef& entity, const Record* stored,
                     const Record& saved, store::Transaction& tx) {
  if (IsOperator(actor) || actor.role != "officer") return Status::Ok();
  Status refusal;
  LOOKOUT_ASSIGN_OR_RETURN(bool allowed,
                           OfficerMayWrite(actor, entity, saved, stored, true, refusal, tx));
  return allowed ? Status::Ok() : refusal;
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
                           store::Transaction& /*tx*/) {
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
    if (OfficerMayWorkOn(actor, task)) return Status::Ok();
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

bool AggregatesControlled(const Actor& actor) {
  if (IsOperator(actor)) return false;
  return !Authorize(actor, Operation::kRead, domain::ActivityEntity()).ok();
}

Status AuthorizePublish(const Actor& actor) {
  if (IsOperator(actor)) return Status::Ok();
  if (IsAnonymous(actor)) return Unauthenticated();
  if (actor.role == "manager") return Status::Ok();
  return Refuse(actor, "publish reports or unlock a published period");
}

Status AuthorizeApproval(const Actor& actor, const Record& record, bool approve) {
  if (IsAnonymous(actor)) return Unauthenticated();
  if (actor.role != "manager" || actor.staff_id <= 0) {
    return Refuse(actor, approve ? "approve records for publication: a manager who did not record "
                                   "them approves them"
                                 : "withdraw an approval: that is for a manager");
  }
  if (approve && record.Get("created_by") == Value(actor.id)) {
    return Status(ErrorCode::kForbidden,
                  "You recorded this, so another manager must approve it for publication.");
  }
  // Nor may the last to change it: a manager who rewrites someone else's words has not had
  // them checked by a second person.
  if (approve && record.Get("updated_by") == Value(actor.id)) {
    return Status(ErrorCode::kForbidden,
                  "You made the last change to this, so another manager must approve it for publication.");
  }
  return Status::Ok();
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
