// Approving quotes and case studies for publication. A report prints a quote or a case
// study only once it is approved, and the approval is a second person's check of what will
// be published: a manager who did not record it approves it, on the version they read, and
// who and when are kept on the record (approved_by, approved_at) and in the audit trail.
// Nobody creates a record already approved (the approval fields are set by Lookout alone),
// and a change to an approved record's content withdraws its approval, so that what is
// published is what was approved. Imports keep a historical approval only when the file
// names the manager who gave it and when (CheckImportedApproval).
#ifndef LOOKOUT_APP_RECORDS_APPROVAL_H_
#define LOOKOUT_APP_RECORDS_APPROVAL_H_

#include <string>
#include <vector>

#include "app/records/services.h"
#include "core/status.h"
#include "core/value.h"
#include "domain/schema.h"
#include "store/store.h"

namespace lookout::app {

// Whether records of `entity` are approved for publication (quotes, case studies).
bool HasApproval(const domain::EntityDef& entity);

// Approves the record (`approve`) or withdraws its approval, as the actor, on `version`
// (kConflict when stale). Approving: kForbidden unless the actor is a manager who did not
// record it; kConflict when already approved or in a locked period; kValidation when a
// quote has no consent recorded. Withdrawing: any manager, with an optional reason;
// kConflict when it is not approved. kNotFound for a kind without approval or no record.
// Answers the record as saved.
Result<Record> SetApproval(Services& services, const Actor& actor, const domain::EntityDef& entity,
                           int64_t id, int64_t version, bool approve, const std::string& reason = "");

// Why the actor may not approve `record` now (its kind, their role, its author, its
// consent, already approved), or OK: what a page asks before offering "Approve".
Status MayApprove(const Actor& actor, const domain::EntityDef& entity, const Record& record);

namespace internal {

// An update's `effective` changes to an approved record's content also withdraw its
// approval: the approval fields are added to them as cleared.
void WithdrawApprovalOnChange(const domain::EntityDef& entity, const Record& current,
                              Record& effective);

// Errors for the approval of a record being imported: people importing through Lookout
// never bring approvals; the command line (restoring or moving history) may, when the row
// names the manager who approved it (approved_by, a staff member with the manager role who
// is not the importer) and when (approved_at, a UTC timestamp not in the future). An
// unapproved row carries neither.
Status CheckImportedApproval(store::Transaction& tx, const Actor& actor,
                             const domain::EntityDef& entity, const Record& record,
                             const std::string& now, std::vector<FieldError>& errors);

}  // namespace internal

}  // namespace lookout::app

#endif  // LOOKOUT_APP_RECORDS_APPROVAL_H_
