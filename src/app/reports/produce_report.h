// A report built and written out in one format: what the report pages and `lookout
// report` hand to the user. The time both steps take is observed in
// lookout_report_generation_seconds{kind,format} (app_metrics.h).
#ifndef LOOKOUT_APP_REPORTS_PRODUCE_REPORT_H_
#define LOOKOUT_APP_REPORTS_PRODUCE_REPORT_H_

#include <string>

#include "app/reports/impact_report.h"
#include "app/records/services.h"
#include "core/status.h"
#include "report/doc.h"
#include "report/render.h"

namespace lookout::app {

enum class ReportKind { kImpact, kQuarterly };

// "impact" or "quarterly".
const char* ReportKindName(ReportKind kind);

struct ReportOrder {
  ReportKind kind = ReportKind::kImpact;
  // The impact report's request; of the quarterly return only the period (a financial
  // year) and the threshold are read.
  ImpactReportRequest request;
  std::string format;  // report::RenderReport's formats
};

struct ProducedReport {
  report::ReportDoc doc;
  report::RenderedReport rendered;
};

// Builds the report (BuildImpactReport or BuildQuarterlyReturn) and renders it in the
// order's format, with their errors. Only a report produced in full is timed.
Result<ProducedReport> ProduceReport(Services& services, const Actor& actor,
                                     const ReportOrder& order);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_REPORTS_PRODUCE_REPORT_H_
