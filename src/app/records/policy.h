// Who may do what to which record: the role matrix of docs/security.md, enforced here in
// app/ so that the API, the pages and the CLI share one set of checks. Every use case in
// Services asks the policy before it reads or writes.
//
// Roles: admin (accounts, reference data, retention; no programme content), manager
// (everything, every region; tasking decisions), officer (reads tasks, activities and
// partners nationally; writes in their own region and on tasks they are on, always within
// the regions of the task (AuthorizeSave);
// reads other regions' insight only when it is graded for sharing (handling P)),
// analyst (reads all programme content; manages the outcome framework, surveys and
// reports), funder (aggregates only: never a record). The command line acts as the
// operator who holds the database and may do everything; anonymous callers nothing.
#ifndef LOOKOUT_APP_RECORDS_POLICY_H_
#define LOOKOUT_APP_RECORDS_POLICY_H_

#include <string>
#include <vector>

#include "app/records/services.h"
#include "core/status.h"
#include "core/value.h"
#include "domain/schema.h"
#include "store/store.h"

namespace lookout::app::policy {

enum class Operation {
  kRead,    // list, get, export
  kCreate,  // create, import
  kUpdate,
  kArchive,  // archive and restore
};

// Whether the actor is the command line or the system (the database's operator).
bool IsOperator(const Actor& actor);

// The entity-level rule: may this actor do `op` to records of `entity` at all?
// kUnauthenticated for anonymous actors, kForbidden otherwise when not allowed.
Status Authorize(const Actor& actor, Operation op, const domain::EntityDef& entity);

// The record-level rule for one record as stored (region scope, handling codes): may the
// actor read it, archive it, or change it at all? For kUpdate, call AuthorizeSave with
// the record as it would be saved as well, so a record can neither be changed outside
// one's scope nor moved out of it. kCreate is AuthorizeSave without a stored record.
// `tx` answers questions about related records (is the officer on this task?).
// REQUIRES: Authorize(actor, op, entity) is OK.
Status AuthorizeRecord(const Actor& actor, Operation op, const domain::EntityDef& entity,
                       const Record& record, store::Transaction& tx);

// The record-level rule for a record as it would be saved: on create and import
// (`stored` nullptr) and on update (`stored` the record as it is now; call
// AuthorizeRecord with `stored` first). For an officer: insight in their region;
// partners in their region or national; tasks they are on or in their region, given no
// region but their own or national (NAT), nor a region taken off while the task's
// records are in it; a record of a task's work (campaign, activity, quote, case study,
// outcome event) lies in its tasks' regions: any of them on a task the officer leads or
// staffs, their own on another task covering it; without a task, in their own region. A refusal is kForbidden with the field
// at fault in its fields(), for forms and import reports.
Status AuthorizeSave(const Actor& actor, const domain::EntityDef& entity, const Record* stored,
                     const Record& saved, store::Transaction& tx);

// The conditions confining a list of `entity` to what the actor may read (at least one
// must hold); empty when the actor may read every record the entity-level rule allows.
std::vector<store::Condition> ReadScope(const Actor& actor, const domain::EntityDef& entity);

// The records of `target` an actor may tie a record to (what a form's picker offers):
// every one of `all` must hold, and at least one of `any` when it is not empty.
//   task: an officer records work on tasks they lead or staff and tasks of their region
//     (the tasks AuthorizeRecord lets them record work on); others, every task;
//   partner: an officer works with partners of their region and national ones; others,
//     every partner;
//   staff: the people who lead or staff a task: active officers and managers, never
//     funders, analysts, administrators or disabled users, for everyone;
//   any other kind: what the actor may read (ReadScope).
struct AttachScope {
  std::vector<store::Condition> all;
  std::vector<store::Condition> any;
};
AttachScope AttachableScope(const Actor& actor, const domain::EntityDef& target);

// Task transitions: approving, rejecting, cancelling and closing are tasking decisions
// (managers); starting, delivering and evaluating belong to those who may edit the task
// (its lead gathers the evaluation evidence), and analysts may evaluate any task. An
// officer may withdraw (cancel) their own proposal.
Status AuthorizeTransition(const Actor& actor, const Record& task, const std::string& to_status,
                           store::Transaction& tx);

// The tasking meeting and its decisions (approving, rejecting, asking for changes to a
// proposal) and its minutes: managers.
Status AuthorizeTaskingDecision(const Actor& actor);

// Aggregates (reach, dashboards): every signed-in role.
Status AuthorizeAggregate(const Actor& actor);

// Whether the aggregates the actor sees are under the disclosure rule: true for those who
// may not read the records they are counted from (funders, administrators), who see the
// rule's figures (domain/disclosure.h) and whole financial years only; false for those who may
// read the records anyway (managers, officers, analysts, the command line).
bool AggregatesControlled(const Actor& actor);

// Producing a report (aggregates and approved evidence of any period and region):
// managers, analysts and officers. Funders read the reports managers publish;
// administrators hold no programme content.
Status AuthorizeReport(const Actor& actor);

// Publishing a report, which locks its period's records, and unlocking a period: managers.
Status AuthorizePublish(const Actor& actor);

// Approving a quote or case study for publication: a manager who did not record it (its
// created_by), since the approval is a second person's check. Withdrawing an approval
// (`approve` false): any manager. Not the command line: an approval names its manager.
Status AuthorizeApproval(const Actor& actor, const Record& record, bool approve);

}  // namespace lookout::app::policy

#endif  // LOOKOUT_APP_RECORDS_POLICY_H_
