// Publishing a report: a manager freezes the report of a period (its files in every
// format, exactly as they were, and a hash of its inputs), which locks the period's
// records against change until a manager unlocks it, an audited act. Before anything is
// published the claim check runs: no percentage without its base, no suppressed cell
// recoverable, no quote without consent and approval, no unapproved case study.
#ifndef LOOKOUT_APP_REPORTS_PUBLISH_H_
#define LOOKOUT_APP_REPORTS_PUBLISH_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/reports/impact_report.h"
#include "app/records/services.h"
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

// A period that a published report locks: its records are neither created, changed nor
// archived until a manager unlocks it.
struct PeriodLock {
  int64_t report = 0;        // the published report
  std::string title;         // "Impact report 2025-26"
  std::string period;        // "2025-26"
  std::string first, last;   // the period's dates, YYYY-MM-DD
  std::string region;        // a region's code; "" for the whole programme
  std::string published_at;  // when, a timestamp
  std::string published_by;  // who, an actor id ("staff:3", "cli:root")
};

// How publishing dates a record of `entity`, which decides whether a lock covers it:
// from field `from` to field `to` (the same field for a single date; a campaign's first
// and last days), dates or, when `period`, a period field ("2025-26"). `from` is empty for
// kinds publishing does not lock by a date of theirs (insight, partners; survey questions
// follow their survey's period).
struct LockDating {
  std::string from;
  std::string to;
  bool period = false;
};
LockDating LockDatingOf(const domain::EntityDef& entity);

// Whether `lock` covers `record` of `entity` by its date and region (as every write's lock
// check decides): its dates meet the lock's period, and the lock is national, the kind has
// no region or the record is in the lock's region. `fy_start_month` reads period fields.
bool LockCovers(const PeriodLock& lock, const domain::EntityDef& entity, const Record& record,
                int fy_start_month);

// The periods locked now, oldest first: every signed-in role (the forms name them).
Result<std::vector<PeriodLock>> LockedPeriods(Services& services, const Actor& actor);

// What publishing a report would do, for the page that asks a manager to confirm.
struct PublicationPreview {
  std::string title;          // "Impact report 2025-26"
  std::string period;         // "2025-26"
  std::string first, last;    // the dates it locks
  std::string region;         // "" for the whole programme
  struct Locked {
    std::string entity;       // "activity"
    int64_t count = 0;        // records of that kind that become read-only
  };
  std::vector<Locked> locked;           // by kind, in the order of the schema; none left out
  std::vector<std::string> problems;    // the claim check's findings: it would be refused
  std::optional<PeriodLock> published;  // a report of this period and scope locked already
  int64_t funders = 0;                  // active funders' accounts, who will read it
};
// Builds the report and checks its claims as PublishImpactReport does, and counts the
// records its lock would cover, without writing anything. Managers only (AuthorizePublish).
Result<PublicationPreview> PreviewPublication(Services& services, const Actor& actor,
                                              const ImpactReportRequest& request);

namespace internal {

// The turn (store::Transaction::TakeTurn) publishing and the writes it locks take.
inline constexpr const char* kPeriodsTurn = "lookout:periods";

// The periods that published reports lock, read once for a use case's transaction.
class PeriodLocks {
 public:
  static Result<PeriodLocks> Load(store::Transaction& tx);
  // The locks of `locks` alone (what a publication would add), with the surveys they cover.
  static Result<PeriodLocks> Of(std::vector<PeriodLock> locks, store::Transaction& tx);
  // kConflict naming the report when `record` of `entity` falls in a locked period (and
  // region): LockCovers, or a question or response of a survey whose period is locked.
  // Kinds outside the report's inputs are never locked.
  Status Check(const domain::EntityDef& entity, const Record& record) const;
  const std::vector<PeriodLock>& locks() const { return locks_; }
  // The surveys whose period a lock covers: their questions and responses are locked.
  std::vector<int64_t> LockedSurveys() const;
  int fy_start_month() const { return fy_start_month_; }

 private:
  using Lock = PeriodLock;
  std::vector<Lock> locks_;
  // Surveys whose period a lock covers, with the lock: their questions and responses are
  // counted by the survey's period, whatever the date of a response.
  std::map<int64_t, std::vector<size_t>> locked_surveys_;
  int fy_start_month_ = 4;
};

}  // namespace internal

}  // namespace lookout::app

#endif  // LOOKOUT_APP_REPORTS_PUBLISH_H_
