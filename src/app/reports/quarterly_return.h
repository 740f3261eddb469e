// The funder's quarterly return: for each quarter of a financial year, by region and by
// theme, the tasks completed, the activities delivered and the people reached by group,
// with each quarter's totals. One table, written as CSV or XLSX (report/render.h).
#ifndef LOOKOUT_APP_REPORTS_QUARTERLY_RETURN_H_
#define LOOKOUT_APP_REPORTS_QUARTERLY_RETURN_H_

#include <string>

#include "app/records/services.h"
#include "core/status.h"
#include "report/doc.h"

namespace lookout::app {

// `year` is a financial year ("2025-26"); its quarters run from the programme's first
// month. Counts of people from 1 to threshold - 1 are withheld as in the impact report.
// kValidation naming "period" or "threshold"; kForbidden for those who may not produce
// reports (domain: policy::AuthorizeReport).
Result<report::ReportDoc> BuildQuarterlyReturn(Services& services, const Actor& actor,
                                               const std::string& year, int threshold = 5);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_REPORTS_QUARTERLY_RETURN_H_
