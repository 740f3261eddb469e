// What the use cases record in metrics::Default() (docs/operations.md lists every
// metric). Labels are fixed words and kinds of record: never who, never what was written.
#ifndef LOOKOUT_APP_RECORDS_USE_CASE_METRICS_H_
#define LOOKOUT_APP_RECORDS_USE_CASE_METRICS_H_

#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

#include "app/records/services.h"

namespace lookout::app {

// lookout_sign_in_failures_total{reason}: one refused sign-in (or wrong current password
// when changing it). `reason` is one of the fixed reasons of Accounts ("wrong password"),
// written as a label in snake case ("wrong_password").
void RecordSignInFailure(std::string_view reason);

// lookout_import_rows_total{kind,outcome}: the rows of one import that was not a dry run,
// by the kind of record and what became of them: "imported" (written), "rejected" (with a
// problem of their own) or "skipped" (survey responses imported before).
void RecordImportRows(std::string_view kind, int64_t imported, int64_t rejected, int64_t skipped);

// How many rows `issues` name: distinct lines, and when `rows` is given only the lines in
// it (a problem with a file's header or its mapping is no row's).
int64_t RowsWithIssues(const std::vector<ImportIssue>& issues,
                       const std::set<int64_t>* rows = nullptr);

// lookout_report_generation_seconds{kind,format}: the time one report took to build and
// write in `format` ("all" when publishing writes every format at once).
void RecordReportTime(std::string_view kind, std::string_view format, double seconds);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_RECORDS_USE_CASE_METRICS_H_
