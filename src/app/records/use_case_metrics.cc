#include "app/records/use_case_metrics.h"

#include <string>

#include "core/metrics.h"

namespace lookout::app {

namespace {

// Registered at start-up, so that a scrape shows them before anything is recorded.
struct AppMetrics {
  metrics::CounterFamily& sign_in_failures = metrics::Default().AddCounter(
      "lookout_sign_in_failures_total",
      "Refused sign-ins (and wrong current passwords when changing one), by reason.", {"reason"});
  metrics::CounterFamily& import_rows = metrics::Default().AddCounter(
      "lookout_import_rows_total",
      "Rows of imports (dry runs left out), by kind of record and outcome: imported, rejected "
      "or skipped.",
      {"kind", "outcome"});
  metrics::HistogramFamily& report_seconds = metrics::Default().AddHistogram(
      "lookout_report_generation_seconds",
      "Seconds to build a report and write it out, by kind of report and format.",
      {"kind", "format"}, metrics::SlowDurationBuckets());
};

const AppMetrics& Metrics() {
  static const AppMetrics kMetrics;
  return kMetrics;
}
[[maybe_unused]] const AppMetrics& kAppMetricsAtStartUp = Metrics();

}  // namespace

void RecordSignInFailure(std::string_view reason) {
  std::string label(reason);
  for (char& c : label) {
    if (c == ' ' || c == '-') c = '_';
  }
  Metrics().sign_in_failures.With({label}).Inc();
}

void RecordImportRows(std::string_view kind, int64_t imported, int64_t rejected, int64_t skipped) {
  const std::pair<std::string_view, int64_t> outcomes[] = {
      {"imported", imported}, {"rejected", rejected}, {"skipped", skipped}};
  for (const auto& [outcome, rows] : outcomes) {
    // Made at zero as well, so that a kind's rejections have a series before the first.
    Metrics().import_rows.With({kind, outcome}).Inc(static_cast<double>(rows));
  }
}

int64_t RowsWithIssues(const std::vector<ImportIssue>& issues, const std::set<int64_t>* rows) {
  std::set<int64_t> lines;
  for (const ImportIssue& issue : issues) {
    if (rows == nullptr || rows->count(issue.line) != 0) lines.insert(issue.line);
  }
  return static_cast<int64_t>(lines.size());
}

void RecordReportTime(std::string_view kind, std::string_view format, double seconds) {
  Metrics().report_seconds.With({kind, format}).Observe(seconds);
}

}  // namespace lookout::app
