// Scoring schemes and their factors. Insight keeps the scheme it was scored under, and its
// risk score follows from that scheme's factors: so the factors of a scheme that has scored
// insight keep scoring alike (codes, groups, weights and ranges; a label may be corrected).
// A change to them makes a new version of the scheme instead, which takes over as the
// active scheme, and the old version stays as it was for the assessments made under it.
#include "app/records/scoring_schemes.h"

#include "app/records/policy.h"
#include "app/records/record_checks.h"
#include "app/records/services.h"
#include "domain/rules.h"

namespace lookout::app {

namespace internal {

namespace {

const domain::EntityDef& SchemeDef() { return *domain::FindEntity("scoring_scheme"); }

Value::Rows RowsOf(const Value& v) { return v.is_rows() ? v.as_rows() : Value::Rows{}; }

}  // namespace

Result<int64_t> AssessmentsUnder(store::Transaction& tx, int64_t scheme_id) {
  return CountReferring(tx, domain::InsightEntity(), "scoring_scheme", scheme_id);
}

bool ChangesScoring(const Record& scheme, const Record& changes) {
  if (changes.Has("scheme_version") && !(changes.Get("scheme_version") == scheme.Get("scheme_version"))) {
    return true;
  }
  return changes.Has("factors") &&
         !domain::ScoreAlike(RowsOf(scheme.Get("factors")), RowsOf(changes.Get("factors")));
}

Status CheckSchemeChange(store::Transaction& tx, const Record& scheme, const Record& changes,
                         std::string* field) {
  if (!ChangesScoring(scheme, changes)) return Status::Ok();
  LOOKOUT_ASSIGN_OR_RETURN(int64_t scored, AssessmentsUnder(tx, scheme.Id()));
  if (scored == 0) return Status::Ok();
  *field = changes.Has("factors") ? "factors" : "scheme_version";
  const std::string v = scheme.Get("scheme_version").ToDisplay();
  return Status::Conflict(
      "Scoring scheme version " + v + " has scored " + std::to_string(scored) +
      (scored == 1 ? " insight item" : " insight items") +
      ", whose risk scores follow from its factors as they are: its version number and its "
      "factors' codes, groups, weights and ranges cannot change (a label can). Make a new "
      "version of the scheme with the changed factors instead: the assessments keep version " +
      v + ".");
}

Result<int64_t> NextSchemeVersion(store::Transaction& tx) {
  store::ListQuery query;
  query.archived = store::ListQuery::Archived::kInclude;
  query.sort_field = "scheme_version";
  query.descending = true;
  query.limit = 1;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, tx.List(SchemeDef(), query));
  if (page.items.empty() || !page.items.front().Get("scheme_version").is_int()) return 1;
  return page.items.front().Get("scheme_version").as_int() + 1;
}

}  // namespace internal

namespace {

using internal::AuditFor;
using internal::MetaFor;

const domain::EntityDef& SchemeDef() { return *domain::FindEntity("scoring_scheme"); }

// Whether `changes` to scheme `id` make a new version of it: they change how it scores
// and it has scored insight.
Result<bool> MakesNewVersion(store::Store& store, int64_t id, const Record& changes) {
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store.Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(SchemeDef(), id));
  if (!internal::ChangesScoring(current, changes)) return false;
  LOOKOUT_ASSIGN_OR_RETURN(int64_t scored, internal::AssessmentsUnder(*tx, id));
  return scored > 0;
}

// The new version of scheme `id` at `version` with `changes` applied: checked (every
// problem at once) and, when `write`, written with the old version made inactive if the
// new one is active, in one transaction.
Result<Saved> NewVersion(store::Store& store, const Clock& clock, const Actor& actor, int64_t id,
                         int64_t version, const Record& changes, bool write) {
  const domain::EntityDef& def = SchemeDef();
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kCreate, def));
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kUpdate, def));
  internal::Problems problems;
  problems.Add(internal::CheckWritableFields(def, changes, false));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store.Begin(write));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(def, id));
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeRecord(actor, policy::Operation::kUpdate, def, current, *tx));
  problems.Add(internal::CheckVersion(def, id, current, version), "version");
  Record next;
  for (const domain::FieldDef& f : def.fields) {
    if (changes.Has(f.name)) {
      next.Set(f.name, changes.Get(f.name));
    } else if (!current.Get(f.name).is_null()) {
      next.Set(f.name, current.Get(f.name));
    }
  }
  LOOKOUT_ASSIGN_OR_RETURN(int64_t number, internal::NextSchemeVersion(*tx));
  next.Set("scheme_version", number);
  internal::ApplyDefaults(def, next);
  std::vector<FieldError> errors = domain::ValidateRecord(def, next, domain::ValidationMode::kCreate);
  LOOKOUT_RETURN_IF_ERROR(internal::CheckUnique(*tx, def, next, 0, errors));
  problems.Add(std::move(errors));
  LOOKOUT_RETURN_IF_ERROR(problems.ToStatus());
  if (!write) return Saved{std::move(next), {}};

  const store::WriteMeta meta = MetaFor(actor, clock);
  const std::string from = current.Get("scheme_version").ToDisplay();
  LOOKOUT_ASSIGN_OR_RETURN(int64_t new_id, tx->Insert(def, next, meta));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(
      AuditFor(actor, meta, "create", def, new_id, internal::DescribeChanges(def, Record{}, next),
               "a new version of scoring scheme version " + from + ", which has scored insight")));
  if (next.Get("active") == Value(true) && current.Get("active") == Value(true)) {
    Record retire;
    retire.Set("active", false);
    LOOKOUT_RETURN_IF_ERROR(tx->Update(def, id, version, retire, meta));
    LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(
        AuditFor(actor, meta, "update", def, id, internal::DescribeChanges(def, current, retire),
                 "replaced by version " + std::to_string(number))));
  }
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(def, new_id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return Saved{std::move(saved), {}};
}

}  // namespace

Result<int64_t> Services::ScoringSchemeAssessments(const Actor& actor, int64_t id) {
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, SchemeDef()));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(Record scheme, tx->Get(SchemeDef(), id));
  (void)scheme;
  return internal::AssessmentsUnder(*tx, id);
}

Status Services::CheckChangeScoringScheme(const Actor& actor, int64_t id, int64_t version,
                                          Record changes) {
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kUpdate, SchemeDef()));
  LOOKOUT_ASSIGN_OR_RETURN(bool new_version, MakesNewVersion(store_, id, changes));
  if (!new_version) return CheckUpdate(actor, SchemeDef(), id, version, std::move(changes));
  return NewVersion(store_, clock_, actor, id, version, changes, false).TakeStatus();
}

Result<Saved> Services::ChangeScoringScheme(const Actor& actor, int64_t id, int64_t version,
                                            Record changes) {
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kUpdate, SchemeDef()));
  LOOKOUT_ASSIGN_OR_RETURN(bool new_version, MakesNewVersion(store_, id, changes));
  if (!new_version) return Update(actor, SchemeDef(), id, version, std::move(changes));
  return NewVersion(store_, clock_, actor, id, version, changes, true);
}

}  // namespace lookout::app
