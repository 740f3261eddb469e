#include "app/records/approval.h"

#include <cctype>

#include "app/records/policy.h"
#include "app/reports/publish.h"
#include "app/records/record_checks.h"

namespace lookout::app {

namespace {

bool Approved(const Record& r) { return r.Get("approved") == Value(true); }

std::string Label(const domain::EntityDef& entity) {
  std::string label = entity.label;
  if (!label.empty()) label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  return label;
}

// What stops an approval besides who asks: already approved, a quote without consent.
Status Approvable(const domain::EntityDef& entity, const Record& record) {
  if (Approved(record)) {
    return Status::Conflict("This " + Label(entity) + " is already approved for publication.");
  }
  if (entity.name == "quote" && record.Get("consent_given") != Value(true)) {
    return Status::Validation({{"consent_given", "record the speaker's consent before the quote is approved"}},
                              "A quote is approved only once the speaker's consent is recorded.");
  }
  return Status::Ok();
}

}  // namespace

bool HasApproval(const domain::EntityDef& entity) {
  return entity.name == "quote" || entity.name == "case_study";
}

Status MayApprove(const Actor& actor, const domain::EntityDef& entity, const Record& record) {
  if (!HasApproval(entity)) return Status::NotFound(entity.label + " records are not approved for publication.");
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeApproval(actor, record, true));
  return Approvable(entity, record);
}

Result<Record> SetApproval(Services& services, const Actor& actor, const domain::EntityDef& entity,
                           int64_t id, int64_t version, bool approve, const std::string& reason) {
  if (!HasApproval(entity)) {
    return Status::NotFound(entity.label + " records are not approved for publication.");
  }
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, entity));
  if (!reason.empty()) LOOKOUT_RETURN_IF_ERROR(internal::CheckReason(reason));
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(true));
  LOOKOUT_ASSIGN_OR_RETURN(Record current, tx->Get(entity, id));
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeApproval(actor, current, approve));
  if (current.Get("version") != Value(version)) {
    return Status::Conflict(entity.label + " " + std::to_string(id) + " is at version " +
                            current.Get("version").ToDisplay() + ", not " + std::to_string(version) +
                            ": someone changed it after you read it. Read it again before you " +
                            (approve ? "approve it." : "withdraw its approval."));
  }
  if (approve) {
    LOOKOUT_RETURN_IF_ERROR(Approvable(entity, current));
  } else if (!Approved(current)) {
    return Status::Conflict("This " + Label(entity) + " is not approved: there is nothing to withdraw.");
  }
  // A record a published report prints stays as it was while the period is locked.
  LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
  LOOKOUT_RETURN_IF_ERROR(locks.Check(entity, current));
  const store::WriteMeta meta = internal::MetaFor(actor, services.clock());
  Record changes;
  changes.Set("approved", approve);
  changes.Set("approved_by", approve ? Value(actor.staff_id) : Value());
  changes.Set("approved_at", approve ? Value(meta.at) : Value());
  LOOKOUT_RETURN_IF_ERROR(tx->Update(entity, id, version, changes, meta));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(internal::AuditFor(
      actor, meta, approve ? "approve" : "withdraw_approval", entity, id,
      internal::DescribeChanges(entity, current, changes), reason)));
  LOOKOUT_ASSIGN_OR_RETURN(Record saved, tx->Get(entity, id));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  return saved;
}

namespace internal {

void WithdrawApprovalOnChange(const domain::EntityDef& entity, const Record& current,
                              Record& effective) {
  if (!HasApproval(entity) || !Approved(current)) return;
  bool content = false;
  for (const auto& [name, value] : effective.fields) {
    const domain::FieldDef* f = entity.Find(name);
    if (f != nullptr && !f->system) content = true;
  }
  if (!content) return;
  effective.Set("approved", false);
  effective.Set("approved_by", Value());
  effective.Set("approved_at", Value());
}

Status CheckImportedApproval(store::Transaction& tx, const Actor& actor,
                             const domain::EntityDef& entity, const Record& record,
                             const std::string& now, std::vector<FieldError>& errors) {
  if (!HasApproval(entity)) return Status::Ok();
  const Value& by = record.Get("approved_by");
  const Value& at = record.Get("approved_at");
  if (!Approved(record)) {
    for (const char* field : {"approved_by", "approved_at"}) {
      if (!record.Get(field).is_null()) {
        errors.push_back({field, "is given for a record that is not approved: leave it empty"});
      }
    }
    return Status::Ok();
  }
  if (!policy::IsOperator(actor)) {
    errors.push_back({"approved", "a record is approved in Lookout by a manager who did not record "
                                  "it: import it unapproved and have it approved"});
    return Status::Ok();
  }
  if (!by.is_int()) {
    errors.push_back({"approved_by", "an approved record needs the staff id of the manager who "
                                     "approved it (or import it unapproved and have a manager "
                                     "approve it in Lookout)"});
  } else {
    auto staff = tx.Get(domain::StaffEntity(), by.as_int());
    if (!staff.ok() && staff.status().code() != ErrorCode::kNotFound) return staff.TakeStatus();
    if (staff.ok() && staff->Get("role") != Value("manager")) {
      errors.push_back({"approved_by", "staff member " + by.ToDisplay() +
                                           " is not a manager: only a manager approves a record"});
    }
  }
  const std::optional<int64_t> when = at.is_text() ? ParseTimestamp(at.as_text()) : std::nullopt;
  if (!when) {
    errors.push_back({"approved_at", "an approved record needs when it was approved, as a UTC "
                                     "timestamp like 2025-11-03T10:15:00Z"});
  } else if (at.as_text() > now) {
    errors.push_back({"approved_at", "is in the future"});
  }
  return Status::Ok();
}

}  // namespace internal

}  // namespace lookout::app
