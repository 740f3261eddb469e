// Import: every row of a file checked, then all written in one transaction, or none.
#include <cstdio>

#include "app/policy.h"
#include "app/record_checks.h"
#include "app/services.h"
#include "domain/rules.h"

namespace lookout::app {

using domain::EntityDef;

namespace {
constexpr int64_t kProgressEvery = 100;
}

Result<ImportReport> Services::Import(const Actor& actor, const EntityDef& entity,
                                      std::vector<ImportRow> rows, bool dry_run,
                                      const Progress& progress) {
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kCreate, entity));
  ImportReport report;
  report.rows = static_cast<int64_t>(rows.size());
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  internal::ReferenceChecker refs(*tx);
  std::vector<store::AuditEntry> audits;

  auto add_issues = [&](int64_t line, const std::vector<FieldError>& problems,
                        std::vector<ImportIssue>& into) {
    for (const FieldError& e : problems) into.push_back({line, e.field, e.message});
  };

  int64_t done = 0;
  for (ImportRow& row : rows) {
    Record& record = row.record;
    std::vector<FieldError> errors = internal::CheckWritableFields(entity, record, true);
    internal::ApplyDefaults(entity, record);
    internal::CanonicaliseSets(entity, record);

    if (entity.name == "task") {
      if (record.Get("status").is_null()) record.Set("status", "proposed");
      if (record.Get("reference").is_null()) {
        const std::string prefix = "T-" + std::to_string(clock_.Today().year) + "-";
        LOOKOUT_ASSIGN_OR_RETURN(int64_t next, tx->NextSequence(entity, "reference", prefix));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%s%04lld", prefix.c_str(), static_cast<long long>(next));
        record.Set("reference", std::string(buf));
      }
    }

    for (FieldError& e : domain::ValidateRecord(entity, record, domain::ValidationMode::kImport)) {
      errors.push_back(std::move(e));
    }
    LOOKOUT_RETURN_IF_ERROR(refs.Check(entity, record, errors));
    LOOKOUT_RETURN_IF_ERROR(internal::CheckUnique(*tx, entity, record, 0, errors));
    if (entity.name == "survey_response") {
      LOOKOUT_RETURN_IF_ERROR(internal::CheckSurveyAnswers(*tx, record, errors));
    }
    if (record.Id() > 0) {
      LOOKOUT_ASSIGN_OR_RETURN(bool taken, tx->Exists(entity, Value(record.Id())));
      if (taken) errors.push_back({"id", "id " + std::to_string(record.Id()) + " is already used"});
    } else if (record.Has("id") && !record.Get("id").is_null()) {
      errors.push_back({"id", "expected a positive whole number"});
    }
    if (entity.name == "insight" && errors.empty()) {
      LOOKOUT_RETURN_IF_ERROR(internal::ComputeInsightScore(*tx, record, errors));
    }

    if (errors.empty()) {
      const Status allowed =
          policy::AuthorizeRecord(actor, policy::Operation::kCreate, entity, record, *tx);
      if (allowed.code() == ErrorCode::kForbidden) {
        errors.push_back({"", allowed.message()});
      } else {
        LOOKOUT_RETURN_IF_ERROR(allowed);
      }
    }
    if (!errors.empty()) {
      add_issues(row.line, errors, report.errors);
    } else {
      auto id = tx->Insert(entity, record, meta);
      if (!id.ok()) {
        // The database refused a row the checks passed (a constraint the checks do not
        // know, such as a response id already imported for the survey). The store undoes
        // the failed insert on its own, so the remaining rows are still checked.
        if (id.status().code() == ErrorCode::kInternal ||
            id.status().code() == ErrorCode::kUnavailable) {
          return id.TakeStatus();
        }
        report.errors.push_back({row.line, "", id.status().message()});
        ++done;
        continue;
      }
      audits.push_back({meta.at, actor.id, actor.address, actor.request_id, "import", entity.name,
                        *id, internal::DescribeChanges(entity, Record{}, record), ""});
      add_issues(row.line, internal::ScreenFreeTextFields(entity, record), report.warnings);
    }
    ++done;
    if (progress && (done % kProgressEvery == 0 || done == report.rows)) {
      progress(done, report.rows);
    }
  }

  if (!report.errors.empty() || dry_run) return report;  // the transaction rolls back
  for (const store::AuditEntry& a : audits) LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(a));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  report.written = report.rows;
  return report;
}

}  // namespace lookout::app
