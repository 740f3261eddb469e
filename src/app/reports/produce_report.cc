#include "app/reports/produce_report.h"

#include <utility>

#include "app/records/use_case_metrics.h"
#include "app/reports/quarterly_return.h"
#include "core/metrics.h"

namespace lookout::app {

const char* ReportKindName(ReportKind kind) {
  return kind == ReportKind::kQuarterly ? "quarterly" : "impact";
}

Result<ProducedReport> ProduceReport(Services& services, const Actor& actor,
                                     const ReportOrder& order) {
  const metrics::Stopwatch stopwatch;
  Result<report::ReportDoc> built =
      order.kind == ReportKind::kQuarterly
          ? BuildQuarterlyReturn(services, actor, order.request.period, order.request.threshold)
          : BuildImpactReport(services, actor, order.request);
  LOOKOUT_ASSIGN_OR_RETURN(report::ReportDoc doc, std::move(built));
  LOOKOUT_ASSIGN_OR_RETURN(report::RenderedReport rendered,
                           report::RenderReport(doc, order.format));
  RecordReportTime(ReportKindName(order.kind), order.format, stopwatch.Seconds());
  // A report taken out of Lookout is a disclosure, on record with who took which.
  Params what = {{"report", ReportKindName(order.kind)}, {"format", order.format},
                 {"period", order.request.period}};
  if (order.kind == ReportKind::kImpact) what.push_back({"region", order.request.region});
  LOOKOUT_RETURN_IF_ERROR(services.RecordDisclosure(actor, "report", 0, what));
  return ProducedReport{std::move(doc), std::move(rendered)};
}

}  // namespace lookout::app
