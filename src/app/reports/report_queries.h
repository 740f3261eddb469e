// Queries that reports share with the use cases of Services, run inside the caller's
// transaction so a report reads every figure from one consistent state of the records.
#ifndef LOOKOUT_APP_REPORTS_REPORT_QUERIES_H_
#define LOOKOUT_APP_REPORTS_REPORT_QUERIES_H_

#include <string>

#include "app/records/services.h"
#include "core/status.h"
#include "store/store.h"

namespace lookout::app {

// The tasks Services::TasksDelivered counts (delivered in [from, to], in `region` when
// given, readable by the actor), in `tx`, in id order.
Result<std::vector<Record>> DeliveredTasksIn(store::Transaction& tx, const Actor& actor,
                                             const std::string& from, const std::string& to,
                                             const std::string& region);

// Services::TasksDelivered's count, in `tx`. REQUIRES: the actor may read tasks and the
// dates are YYYY-MM-DD.
Result<Services::DeliveredTasks> CountDeliveredTasks(store::Transaction& tx, const Actor& actor,
                                                     const std::string& from, const std::string& to,
                                                     const std::string& region);

// The programme's financial year start month (4 when no programme is recorded), in `tx`.
Result<int> FinancialYearStartMonthIn(store::Transaction& tx);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_REPORTS_REPORT_QUERIES_H_
