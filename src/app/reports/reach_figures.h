// People reached, by region and audience group, as the caller may see them. Everyone who
// may read the activities themselves (managers, officers, analysts, the command line)
// gets the exact sums. Everyone else (funders, administrators) gets the figures under the
// disclosure rule the published reports apply (domain::SuppressBreakdown: the table of
// regions by audience group, each group's total published): counts from 1 to threshold - 1
// withheld, and the next smallest in a group withheld too where a withheld count could be
// worked out from the total; and for whole financial years only, never a quarter or
// arbitrary dates, so that two answers (a year and its quarters, overlapping dates) cannot
// be subtracted to isolate a withheld count.
// The home pages and GET /api/v1/reach are built from this one answer.
#ifndef LOOKOUT_APP_REPORTS_REACH_FIGURES_H_
#define LOOKOUT_APP_REPORTS_REACH_FIGURES_H_

#include <optional>
#include <string>
#include <vector>

#include "app/records/services.h"
#include "core/status.h"
#include "store/store.h"

namespace lookout::app {

struct ReachRequest {
  // A financial year "2025-26" or a quarter "2025-26 Q3": its first and last days. When
  // neither a period nor dates are given: the current financial year.
  std::string period;
  // Dates instead of a period (YYYY-MM-DD, inclusive); for exact callers only.
  std::string from;
  std::string to;
  std::string region;  // one region's code; empty for every region
};

// One count as the caller may see it.
struct ReachCell {
  std::optional<int64_t> count;  // absent when withheld
  bool suppressed = false;       // withheld under the disclosure rule
  bool approximate = false;      // an estimated count is part of it
};

struct ReachFigures {
  bool controlled = false;  // the disclosure rule was applied
  int threshold = 0;        // its threshold, when controlled
  std::string period;       // as asked ("" when dates were given)
  std::string from, to;     // the days covered
  std::string region;       // as asked
  std::vector<std::string> groups;  // the audience groups' codes, in vocabulary order
  struct Row {
    std::string region;           // its code
    std::vector<ReachCell> cells;  // one per group
  };
  std::vector<Row> regions;       // regions anyone was reached in, by code
  std::vector<ReachCell> totals;  // one per group: the rows' totals
  // Exact callers only: the sums by region, group and sector, with how many activities
  // each covers (as store::Transaction::AggregateReach gives them). Empty when controlled.
  std::vector<store::ReachRow> detail;
  // Whether any count (a cell or a total) is withheld.
  bool AnySuppressed() const;
};

// The figures for `request`. kUnauthenticated for anonymous callers; kValidation naming
// "period", "from", "to" or "region" (a controlled caller giving dates: figures are for whole
// periods).
Result<ReachFigures> ReachFor(Services& services, const Actor& actor, const ReachRequest& request);

// The exact figures of rows already summed (a page that has them), as ReachFor gives an
// exact caller.
ReachFigures ExactReachFigures(std::vector<store::ReachRow> rows);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_REPORTS_REACH_FIGURES_H_
