// The impact report: the programme's reach, tasks completed, outcomes with their survey
// evidence, quotes, case studies and breakdowns for one period, national or for one
// region, computed from the records in one read transaction and written as a
// report::ReportDoc (every figure with its definition and the list it came from). The
// renderers in report/ write it as HTML, Markdown, PDF, XLSX or JSON.
#ifndef LOOKOUT_APP_REPORTS_IMPACT_REPORT_H_
#define LOOKOUT_APP_REPORTS_IMPACT_REPORT_H_

#include <string>

#include "app/records/services.h"
#include "core/status.h"
#include "report/doc.h"
#include "store/store.h"

namespace lookout::app {

struct ImpactReportRequest {
  std::string period;  // a financial year "2025-26" or a quarter "2025-26 Q3"
  std::string region;  // a region's code; empty for the whole programme
  int threshold = 5;   // the disclosure rule's threshold (domain/disclosure.h); 1 or more
  // Lookout's public address, to which the figures' links are relative in files read
  // elsewhere (report::PublicUrlProblem says what it may be). Empty: the files do not link
  // the figures, and the methods say why.
  std::string base_url;
};

// Builds the report. kValidation naming "period", "region", "threshold" or "base_url" for bad
// requests; kForbidden for roles that may not produce reports (funders read published
// ones; administrators hold no programme content).
Result<report::ReportDoc> BuildImpactReport(Services& services, const Actor& actor,
                                            const ImpactReportRequest& request);
// The same in the caller's transaction (publishing builds and freezes it in one).
Result<report::ReportDoc> BuildImpactReportIn(Services& services, const Actor& actor,
                                              const ImpactReportRequest& request,
                                              store::Transaction& tx);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_REPORTS_IMPACT_REPORT_H_
