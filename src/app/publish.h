// Publishing a report: a manager freezes the report of a period (its files in every
// format, exactly as they were, and a hash of its inputs), which locks the period's
// records against change until a manager unlocks it, an audited act. Before anything is
// published the claim check runs: no percentage without its base, no suppressed cell
// recoverable, no quote without consent and approval, no unapproved case study.
#ifndef LOOKOUT_APP_PUBLISH_H_
#define LOOKOUT_APP_PUBLISH_H_

#include <map>
#include <string>
#include <vector>

#include "app/impact_report.h"
#include "app/services.h"
#include "core/status.h"
#include "report/doc.h"
#include "store/store.h"

namespace lookout::app {

// What is wrong with a report's claims, one sentence each; empty when it may be published.
// Quotes and case studies are looked up again in `tx` (as they stand now).
Result<std::vector<std::string>> CheckClaims(const report::ReportDoc& doc, store::Transaction& tx);

// Builds the impact report, checks its claims and publishes it: the published_report
// record (locked) and its files in every format, in one transaction. kForbidden unless a
// manager; kValidation (field "claims", one error per problem) when the claim check
// fails; the validation errors of BuildImpactReport for a bad request.
Result<Record> PublishImpactReport(Services& services, const Actor& actor,
                                   const ImpactReportRequest& request);

// Unlocks the period of a published report so its records may change again; the
// published files stay as they were. A manager's act with a reason, audited.
Result<Record> UnlockPublishedReport(Services& services, const Actor& actor, int64_t id,
                                     int64_t version, const std::string& reason);

// A published report's file in `format`, as it was published. Anyone who may read
// published reports (funders included); each download is recorded as a disclosure.
Result<store::ReportFile> PublishedReportFile(Services& services, const Actor& actor, int64_t id,
                                              const std::string& format);

namespace internal {

// The turn (store::Transaction::TakeTurn) publishing and the writes it locks take.
inline constexpr const char* kPeriodsTurn = "lookout:periods";

// The periods that published reports lock, read once for a use case's transaction.
class PeriodLocks {
 public:
  static Result<PeriodLocks> Load(store::Transaction& tx);
  // kConflict naming the report when `record` of `entity` falls in a locked period (and
  // region): its date (or period) in the period, its region the report's or the report
  // national. Kinds outside the report's inputs are never locked.
  Status Check(const domain::EntityDef& entity, const Record& record) const;

 private:
  struct Lock {
    int64_t report = 0;
    std::string period;  // "2025-26"
    std::string first, last;
    std::string region;  // empty: every region
    std::string title;
  };
  std::vector<Lock> locks_;
  // Surveys whose period a lock covers, with the lock: their questions and responses are
  // counted by the survey's period, whatever the date of a response.
  std::map<int64_t, std::vector<size_t>> locked_surveys_;
  int fy_start_month_ = 4;
};

}  // namespace internal

}  // namespace lookout::app

#endif  // LOOKOUT_APP_PUBLISH_H_
