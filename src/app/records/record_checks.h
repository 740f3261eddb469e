// Checks and preparation shared by the write use cases (create, update, import): what a
// client may set, references that must exist, unique fields, defaults, computed fields,
// and the audit record of a change. Internal to app/.
#ifndef LOOKOUT_APP_RECORDS_RECORD_CHECKS_H_
#define LOOKOUT_APP_RECORDS_RECORD_CHECKS_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "core/value.h"
#include "domain/schema.h"
#include "store/store.h"

namespace lookout::app {
struct Actor;
}

namespace lookout::app::internal {

// SHA-256 of `bytes` as 64 lower-case hex digits (libsodium): a published file's and a
// report's inputs' fingerprint.
std::string Sha256Hex(std::string_view bytes);

// Who writes and when, for the rows a use case writes.
store::WriteMeta MetaFor(const Actor& actor, const Clock& clock);
// The audit entry of one change by `actor`.
store::AuditEntry AuditFor(const Actor& actor, const store::WriteMeta& meta, std::string action,
                           const domain::EntityDef& entity, int64_t id, std::string changes,
                           std::string reason = "");

// Errors for fields a client may not write: meta columns (id, version, created_* ...)
// and system fields. `allow_restore` (imports) permits id, archived, archived_at and
// system fields, which a file restores as they were.
std::vector<FieldError> CheckWritableFields(const domain::EntityDef& entity, const Record& input,
                                            bool allow_restore);

// Fills defaults for absent fields of a new record: booleans false ("active" true),
// empty sets; insight status "new".
void ApplyDefaults(const domain::EntityDef& entity, Record& record);

// Checks that every reference in `record` (refs, ref sets, refs inside child rows)
// names an existing record, remembering what it found so an import asks once per key.
class ReferenceChecker {
 public:
  explicit ReferenceChecker(store::Transaction& tx) : tx_(tx) {}
  // Appends one FieldError per missing reference among `fields` (all when empty).
  Status Check(const domain::EntityDef& entity, const Record& record,
               std::vector<FieldError>& errors, const std::set<std::string>& only = {});

 private:
  Result<bool> Exists(const std::string& target, const Value& key);
  Status CheckValue(const domain::FieldDef& field, const Value& value, const std::string& path,
                    std::vector<FieldError>& errors);
  store::Transaction& tx_;
  std::map<std::string, std::set<std::string>> known_;
};

// How many records of `entity`, archived ones included, hold `id` in `field`: the insight a
// scoring scheme scored, the responses of a survey.
Result<int64_t> CountReferring(store::Transaction& tx, const domain::EntityDef& entity,
                               const std::string& field, int64_t id);

// Errors for unique fields of `record` already used by another record than `self_id`.
Status CheckUnique(store::Transaction& tx, const domain::EntityDef& entity, const Record& record,
                   int64_t self_id, std::vector<FieldError>& errors);

// Computes insight.risk_score from its factor scores and scheme (null when there are no
// scores). Appends errors for unknown, missing or out-of-range factors.
Status ComputeInsightScore(store::Transaction& tx, Record& insight,
                           std::vector<FieldError>& errors);

// Warnings for free-text fields that look as if they identify someone.
std::vector<FieldError> ScreenFreeTextFields(const domain::EntityDef& entity, const Record& record);

// The audit "changes" JSON: {"field": [old, new], ...} for the fields that differ.
// Free-text fields are recorded as changed with their length, not their words: the
// audit trail must not become a second copy of sensitive text.
std::string DescribeChanges(const domain::EntityDef& entity, const Record& before,
                            const Record& after);

// Puts the values of set fields in the order the store keeps them (codes and ids
// ascending), so that equal sets compare equal and exports are stable.
void CanonicaliseSets(const domain::EntityDef& entity, Record& record);

// Errors for survey answers to questions of another survey, or answers that do not fit
// their question (an agreement code for an agreement question, yes/no, one of the options).
Status CheckSurveyAnswers(store::Transaction& tx, const Record& response,
                          std::vector<FieldError>& errors);

// A reason given for a transition or an archive: at most 2,000 characters of well-formed
// text, and nothing that looks like it identifies a person (it is kept in the audit
// trail, which retention cannot rewrite).
Status CheckReason(const std::string& reason);

// Every problem a check (Services::CheckCreate and the like) found, each refusal kept as
// field errors, and the code and message of the first refusal in the order the use case
// meets them, so a check answers with the code the write would have answered with.
class Problems {
 public:
  // Adds the problems `refusal` carries; a refusal without fields (a policy, a lock, a
  // stale copy) is put on `field`, the field that caused it. OK adds nothing.
  void Add(const Status& refusal, const std::string& field);
  // Adds validation errors.
  void Add(std::vector<FieldError> errors);
  bool empty() const { return code_ == ErrorCode::kOk; }
  Status ToStatus() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::vector<FieldError> fields_;
};

// The refusal of an update made on a stale copy (kConflict; kOk when `version` is the
// stored one).
Status CheckVersion(const domain::EntityDef& entity, int64_t id, const Record& current,
                    int64_t version);

// What the tasking meeting asks to change in a proposal, when `changes` to `task` (as
// stored) ask for it: a changes_asked text that is new; "" otherwise.
std::string ChangesAskedBy(const Record& task, const Record& changes);
// The refusal of asking for changes `asked` to `task`: a tasking decision (managers), of a
// proposal only, in words fit for the task's history (as a reason: CheckReason); the
// problems are on "changes_asked". kOk when it may be asked.
Status CheckChangesAsked(const Actor& actor, const Record& task, const std::string& asked);
// Keeps the request in the task's history (IsChangesAsked in domain/rules.h), where the
// meeting's minutes find it.
Status RecordChangesAsked(store::Transaction& tx, const Actor& actor, const store::WriteMeta& meta,
                          int64_t task_id, const std::string& asked);

// The fields of `changes` whose value differs from `current`.
Record EffectiveChanges(const Record& current, const Record& changes);

}  // namespace lookout::app::internal

#endif  // LOOKOUT_APP_RECORDS_RECORD_CHECKS_H_
