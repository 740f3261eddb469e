// The task lifecycle use cases: transitions and their history.
#include <set>

#include "app/records/policy.h"
#include "app/reports/publish.h"
#include "app/records/record_checks.h"
#include "app/reports/report_queries.h"
#include "app/records/services.h"
#include "domain/rules.h"

namespace lookout::app {

namespace {

// The refusal of a move made on a stale copy of the task (kOk when `version` is current).
Status CheckTaskVersion(const Record& current, int64_t version) {
  if (current.Get("version") == Value(version)) return Status::Ok();
  return Status::Conflict("Task " + current.Get("reference").ToDisplay() + " is at version " +
                          current.Get("version").ToDisplay() + ", not " +
                          std::to_string(version) +
                          ": someone else changed it after you loaded it. Reload it and try "
                          "again.");
}

// Whether a move from `from` to `to` changes what a report counts as completed.
bool ChangesCompleted(const std::string& from, const std::string& to) {
  auto counted = [](const std::string& status) {
    return status == "delivered" || status == "evaluated" || status == "closed";
  };
  return counted(from) != counted(to);
}

// The task as the move would leave it.
Record AfterMove(const Record& current, const std::string& to_status, const Clock& clock) {
  Record after = current;
  after.Set("status", to_status);
  if (to_status == "delivered") after.Set("delivered_on", clock.Today().ToString());
  return after;
}

}  // namespace

namespace internal {

std::string ChangesAskedBy(const Record& task, const Record& changes) {
  const Value& asked = changes.Get("changes_asked");
  if (!asked.is_text() || asked.as_text().find_first_not_of(" \t\r\n") == std::string::npos) {
    return "";
  }
  if (asked == task.Get("changes_asked")) return "";
  return asked.as_text();
}

Status CheckChangesAsked(const Actor& actor, const Record& task, const std::string& asked) {
  Problems problems;
  problems.Add(policy::AuthorizeTaskingDecision(actor), "changes_asked");
  if (!(task.Get("status") == Value("proposed"))) {
    problems.Add(Status::Validation({{"changes_asked",
                                      "can be asked only of a proposal: this task is " +
                                          task.Get("status").ToDisplay()}}),
                 "changes_asked");
  }
  const Status words = CheckReason(asked);
  for (const FieldError& e : words.fields()) {
    problems.Add(Status::Validation({{"changes_asked", e.message}}), "changes_asked");
  }
  return problems.ToStatus();
}

Status RecordChangesAsked(store::Transaction& tx, const Actor& actor, const store::WriteMeta& meta,
                          int64_t task_id, const std::string& asked) {
  Record entry;
  entry.Set("task", task_id);
  entry.Set("from_status", "proposed");
  entry.Set("to_status", "proposed");
  entry.Set("at", meta.at);
  if (actor.staff_id > 0) entry.Set("by", actor.staff_id);
  entry.Set("reason", asked);
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, tx.Insert(domain::TaskTransitionEntity(), entry, meta));
  (void)id;
  return Status::Ok();
}

}  // namespace internal

Status Services::CheckTransition(const Actor& actor, int64_t task_id, int64_t version,
                                 const std::string& to_status, const std::string& reason) {
  const domain::EntityDef& task = domain::TaskEntity();
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, task));
  internal::Problems problems;
  problems.Add(internal::CheckReason(reason), "reason");
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(task, task_id));
  if (to_status.empty() || !domain::IsTaskStatus(to_status)) {
    if (!to_status.empty()) {
      problems.Add(domain::CheckTaskTransition(current.Get("status").ToDisplay(), to_status, reason), "to");
    }
    return problems.ToStatus();
  }
  problems.Add(policy::AuthorizeTransition(actor, current, to_status, *tx), "to");
  problems.Add(CheckTaskVersion(current, version), "version");
  const std::string from = current.Get("status").is_text() ? current.Get("status").as_text() : "";
  problems.Add(domain::CheckTaskTransition(from, to_status, reason), "to");
  if (ChangesCompleted(from, to_status)) {
    LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
    const Status before = locks.Check(task, current);
    problems.Add(before, "to");
    if (before.ok()) problems.Add(locks.Check(task, AfterMove(current, to_status, clock_)), "to");
  }
  return problems.ToStatus();
}

Result<Record> Services::TransitionTask(const Actor& actor, int64_t task_id, int64_t version,
                                        const std::string& to_status, const std::string& reason) {
  const domain::EntityDef& task = domain::TaskEntity();
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, task));
  LOOKOUT_RETURN_IF_ERROR(internal::CheckReason(reason));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(task, task_id));
  // Whether the actor may make this move at all comes before whether the caller's copy is
  // fresh and the move legal from where the task stands (an unknown status is named first).
  if (!domain::IsTaskStatus(to_status)) {
    return domain::CheckTaskTransition(current.Get("status").ToDisplay(), to_status, reason);
  }
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeTransition(actor, current, to_status, *tx));
  LOOKOUT_RETURN_IF_ERROR(CheckTaskVersion(current, version));
  const std::string from = current.Get("status").is_text() ? current.Get("status").as_text() : "";
  LOOKOUT_RETURN_IF_ERROR(domain::CheckTaskTransition(from, to_status, reason));

  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  Record changes;
  changes.Set("status", to_status);
  if (to_status == "delivered") changes.Set("delivered_on", clock_.Today().ToString());
  // A move into or out of the statuses a report counts as completed changes a published
  // period's figures: refused while its records are locked. Evaluating and closing a
  // delivered task change nothing the report counts.
  if (ChangesCompleted(from, to_status)) {
    LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
    LOOKOUT_RETURN_IF_ERROR(locks.Check(task, current));
    LOOKOUT_RETURN_IF_ERROR(locks.Check(task, AfterMove(current, to_status, clock_)));
  }
  LOOKOUT_RETURN_IF_ERROR(tx->Update(task, task_id, version, changes, meta));

  Record transition;
  transition.Set("task", task_id);
  transition.Set("from_status", from);
  transition.Set("to_status", to_status);
  transition.Set("at", meta.at);
  if (actor.staff_id > 0) transition.Set("by", actor.staff_id);
  if (!reason.empty()) transition.Set("reason", reason);
  LOOKOUT_ASSIGN_OR_RETURN(int64_t transition_id,
                           tx->Insert(domain::TaskTransitionEntity(), transition, meta));
  (void)transition_id;

  store::AuditEntry audit;
  audit.at = meta.at;
  audit.actor = actor.id;
  audit.address = actor.address;
  audit.request_id = actor.request_id;
  audit.action = "transition";
  audit.entity = task.name;
  audit.entity_id = task_id;
  audit.changes = internal::DescribeChanges(task, current, changes);
  audit.reason = reason;
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(audit));

  // Approving a task answers the insight it names: mark that insight as tasked.
  if (to_status == "approved" && current.Get("insights").is_list()) {
    const domain::EntityDef& insight = domain::InsightEntity();
    for (const Value& id : current.Get("insights").as_list()) {
      if (!id.is_int()) continue;
      LOOKOUT_ASSIGN_OR_RETURN(Record item, tx->Get(insight, id.as_int()));
      const Value& status = item.Get("status");
      if (!(status == Value("new") || status == Value("assessed"))) continue;
      Record insight_change;
      insight_change.Set("status", "tasked");
      LOOKOUT_RETURN_IF_ERROR(
          tx->Update(insight, id.as_int(), item.Get("version").as_int(), insight_change, meta));
      store::AuditEntry a = audit;
      a.action = "update";
      a.entity = insight.name;
      a.entity_id = id.as_int();
      a.changes = internal::DescribeChanges(insight, item, insight_change);
      a.reason = "task " + current.Get("reference").ToDisplay() + " approved";
      LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(a));
    }
  }

  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(task, task_id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return saved;
}

Result<std::vector<Record>> Services::TaskHistory(const Actor& actor, int64_t task_id) {
  LOOKOUT_RETURN_IF_ERROR(
      policy::Authorize(actor, policy::Operation::kRead, domain::TaskTransitionEntity()));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(Record task, tx->Get(domain::TaskEntity(), task_id));
  (void)task;
  store::ListQuery query;
  query.where.push_back({"task", store::Condition::Op::kEq, {Value(task_id)}});
  query.sort_field = "id";
  query.limit = 0;
  query.archived = store::ListQuery::Archived::kInclude;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx->List(domain::TaskTransitionEntity(), query));
  return std::move(page.items);
}

Result<std::vector<std::string>> Services::AllowedTransitions(const Actor& actor,
                                                              int64_t task_id) {
  const domain::EntityDef& task = domain::TaskEntity();
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, task));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(task, task_id));
  std::vector<std::string> allowed;
  for (const std::string& to : domain::AllowedTaskTransitions(current.Get("status").ToDisplay())) {
    if (policy::AuthorizeTransition(actor, current, to, *tx).ok()) allowed.push_back(to);
  }
  return allowed;
}

Result<std::vector<Record>> DeliveredTasksIn(store::Transaction& tx, const Actor& actor,
                                             const std::string& from, const std::string& to,
                                             const std::string& region) {
  const domain::EntityDef& task = domain::TaskEntity();
  store::ListQuery query;
  query.where.push_back({"status", store::Condition::Op::kIn,
                         {Value("delivered"), Value("evaluated"), Value("closed")}});
  query.where.push_back({"delivered_on", store::Condition::Op::kOnOrAfter, {Value(from)}});
  query.where.push_back({"delivered_on", store::Condition::Op::kOnOrBefore, {Value(to)}});
  if (!region.empty()) {
    query.where.push_back({task.region_field, store::Condition::Op::kHasAny, {Value(region)}});
  }
  query.scope_any = policy::ReadScope(actor, task);
  query.sort_field = "id";
  query.limit = 0;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(task, query));
  return std::move(page.items);
}

Result<Services::DeliveredTasks> CountDeliveredTasks(store::Transaction& tx, const Actor& actor,
                                                     const std::string& from, const std::string& to,
                                                     const std::string& region) {
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> tasks, DeliveredTasksIn(tx, actor, from, to, region));
  std::set<int64_t> partners;
  for (const Record& t : tasks) {
    if (!t.Get("partners").is_list()) continue;
    for (const Value& id : t.Get("partners").as_list()) {
      if (id.is_int()) partners.insert(id.as_int());
    }
  }
  return Services::DeliveredTasks{static_cast<int64_t>(tasks.size()), static_cast<int64_t>(partners.size())};
}

Result<Services::DeliveredTasks> Services::TasksDelivered(const Actor& actor,
                                                          const std::string& from,
                                                          const std::string& to,
                                                          const std::string& region) {
  const domain::EntityDef& task = domain::TaskEntity();
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, task));
  std::vector<FieldError> errors;
  if (!Date::Parse(from)) errors.push_back({"from", "must be a date, YYYY-MM-DD"});
  if (!Date::Parse(to)) errors.push_back({"to", "must be a date, YYYY-MM-DD"});
  if (!errors.empty()) return Status::Validation(std::move(errors));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  return CountDeliveredTasks(*tx, actor, from, to, region);
}

}  // namespace lookout::app
