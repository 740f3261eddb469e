// Import: every row of a file checked, then all written in one transaction, or none.
#include <cstdio>
#include <map>
#include <utility>

#include "app/records/use_case_metrics.h"
#include "app/records/approval.h"
#include "app/records/policy.h"
#include "app/reports/publish.h"
#include "app/records/record_checks.h"
#include "app/records/services.h"
#include "domain/rules.h"

namespace lookout::app {

using domain::EntityDef;

namespace {
constexpr int64_t kProgressEvery = 100;
}

Result<ImportReport> Services::Import(const Actor& actor, const EntityDef& entity,
                                      std::vector<ImportRow> rows, bool dry_run,
                                      const Progress& progress) {
  ImportOptions options;
  options.dry_run = dry_run;
  return Import(actor, entity, std::move(rows), options, progress);
}

Result<ImportReport> Services::Import(const Actor& actor, const EntityDef& entity,
                                      std::vector<ImportRow> rows, const ImportOptions& options,
                                      const Progress& progress) {
  const bool dry_run = options.dry_run;
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kCreate, entity));
  ImportReport report;
  report.rows = static_cast<int64_t>(rows.size());
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_.Begin(true));
  const store::WriteMeta meta{actor.id, clock_.NowTimestamp()};
  internal::ReferenceChecker refs(*tx);
  LOOKOUT_ASSIGN_OR_RETURN(internal::PeriodLocks locks, internal::PeriodLocks::Load(*tx));
  std::vector<store::AuditEntry> audits;

  auto add_issues = [&](int64_t line, const std::vector<FieldError>& problems,
                        std::vector<ImportIssue>& into) {
    for (const FieldError& e : problems) into.push_back({line, e.field, e.message});
  };

  // Survey responses by (survey, external_id): the line of the file that gave each.
  std::map<std::pair<std::string, std::string>, int64_t> response_ids;

  int64_t done = 0;
  for (ImportRow& row : rows) {
    Record& record = row.record;
    std::vector<FieldError> errors = internal::CheckWritableFields(entity, record, true);

    if (entity.name == "survey_response") {
      const Value& survey = record.Get("survey");
      const Value& external_id = record.Get("external_id");
      if (external_id.is_text() && !external_id.as_text().empty() && survey.is_int()) {
        const auto key = std::make_pair(survey.ToDisplay(), external_id.as_text());
        auto [earlier, first] = response_ids.emplace(key, row.line);
        if (!first) {
          errors.push_back({"external_id", "response id '" + external_id.as_text() +
                                               "' is given twice in the file: the first is at line " +
                                               std::to_string(earlier->second)});
        } else if (options.skip_imported_responses) {
          store::ListQuery query;
          query.where = {{"survey", store::Condition::Op::kEq, {survey}},
                         {"external_id", store::Condition::Op::kEq, {external_id}}};
          query.archived = store::ListQuery::Archived::kInclude;
          query.limit = 1;
          LOOKOUT_ASSIGN_OR_RETURN(store::Page stored, tx->List(entity, query));
          if (stored.total > 0) {
            ++report.skipped;
            ++done;
            if (progress && (done % kProgressEvery == 0 || done == report.rows)) {
              progress(done, report.rows);
            }
            continue;
          }
        }
      }
    }
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
    LOOKOUT_RETURN_IF_ERROR(
        internal::CheckImportedApproval(*tx, actor, entity, record, meta.at, errors));
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
      const Status allowed = policy::AuthorizeSave(actor, entity, nullptr, record, *tx);
      if (allowed.code() == ErrorCode::kForbidden) {
        // The column at fault, when the policy names it.
        if (allowed.fields().empty()) errors.push_back({"", allowed.message()});
        for (const FieldError& e : allowed.fields()) errors.push_back(e);
      } else {
        LOOKOUT_RETURN_IF_ERROR(allowed);
      }
    }
    // A row in the period of a published report waits for the period to be unlocked.
    if (errors.empty()) {
      const Status open = locks.Check(entity, record);
      if (open.code() == ErrorCode::kConflict) {
        errors.push_back({"", open.message()});
      } else {
        LOOKOUT_RETURN_IF_ERROR(open);
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

  if (dry_run) return report;  // the transaction rolls back
  if (!report.errors.empty()) {
    RecordImportRows(entity.name, 0, RowsWithIssues(report.errors), report.skipped);
    return report;  // the transaction rolls back
  }
  for (const store::AuditEntry& a : audits) LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(a));
  LOOKOUT_RETURN_IF_ERROR(tx->Commit());
  report.written = report.rows - report.skipped;
  RecordImportRows(entity.name, report.written, 0, report.skipped);
  return report;
}

}  // namespace lookout::app
