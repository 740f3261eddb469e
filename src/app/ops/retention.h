// The retention policy: how long Lookout keeps insight, sessions and sign-in attempts,
// and the run that applies it. docs/retention.md explains the policy and its defaults.
//
// Insight goes through three steps, each a rule of the policy:
//   archive    live insight past its review date (review_on before today) or, without a
//              review date, received more than archive_after_months ago, unless an open
//              task (one not closed, rejected or cancelled) answers it;
//   anonymise  archived insight archived more than anonymise_after_months ago, unless an
//              open task answers it: every free-text field is emptied (the summary, which
//              is required, becomes "[removed under the retention policy on DATE]") and
//              the police force cleared; dates, region, themes, location types, grades
//              and scores stay, so counts and themes still report;
//   delete     anonymised insight received more than delete_after_months ago that no task
//              refers to: the row, its sets and its child rows are deleted. This is the
//              one place Lookout deletes a programme record.
// Sessions that ended, or expired, more than session_days ago and sign-in attempts older
// than sign_in_attempt_days are deleted too.
//
// Every step writes its audit entry (action retention_archive, retention_anonymise or
// retention_delete, the rule as the reason) in the same transaction as the change. The
// audit trail itself is never rewritten: its entries hold no free text (the use cases
// record only that a free-text field changed, and its length), so the chain stays whole.
#ifndef LOOKOUT_APP_OPS_RETENTION_H_
#define LOOKOUT_APP_OPS_RETENTION_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/records/services.h"
#include "core/status.h"

namespace lookout::app {

struct RetentionPolicy {
  int archive_after_months = 24;    // insight without a review date, after receipt
  int anonymise_after_months = 12;  // archived insight, after archiving
  int delete_after_months = 72;     // anonymised insight, after receipt
  int session_days = 30;            // sessions, after they ended or expired
  int sign_in_attempt_days = 30;    // sign-in attempts, after they were made

  // The names the configuration file and the command line use, in this order:
  // archive_after_months, anonymise_after_months, delete_after_months, session_days,
  // sign_in_attempt_days.
  static const std::vector<std::string>& Keys();
  // Sets one value from text. kValidation naming `key` when the key is unknown, the
  // value not a whole number, or outside its range (archive 1..1200 months, anonymise
  // 0..1200, delete 1..1200, days 1..3650).
  Status Set(std::string_view key, std::string_view value);
  // kValidation naming every value outside its range (see Set).
  Status Validate() const;
  // Reads a configuration file over these values: a JSON object of the keys above (whole
  // numbers) or lines of "key = value", with blank lines and lines starting with '#'
  // ignored. Keys left out keep their value. kValidation with one FieldError per problem,
  // naming the line ("line 3") or the key.
  Status Load(std::string_view text);
  // "archive_after_months = 24\n..." in the order of Keys(): the file Load reads back.
  std::string ToText() const;
};

// One thing the run did (or, on a dry run, would do).
struct RetentionAction {
  std::string action;  // "retention_archive", "retention_anonymise", "retention_delete"
  std::string entity;  // "insight", "session", "sign_in_attempt"
  int64_t id = 0;      // the record's id
  std::string rule;    // the rule that applied, as written in the audit entry's reason
};

struct RetentionReport {
  bool dry_run = false;
  std::string today;                     // the date the rules were applied on
  std::vector<RetentionAction> actions;  // in the order they were taken
  // Actions counted by "action entity" ("retention_archive insight").
  std::map<std::string, int64_t> Summary() const;
};

// Applies `policy` as of the services' clock, in one transaction: either every action
// with its audit entry is written, or (on an error, or with `dry_run`) none. The report
// lists the actions in the order taken; a dry run lists exactly what a real run would do
// at this moment. Only an administrator or the command line (the operator) may run it:
// kUnauthenticated or kForbidden otherwise.
Result<RetentionReport> RunRetention(Services& services, const Actor& actor,
                                     const RetentionPolicy& policy, bool dry_run);

// The text that replaces a required free-text field when insight is anonymised on `date`
// ("[removed under the retention policy on 2026-03-01]").
std::string AnonymisedText(const std::string& date);
// Whether `text` is such a replacement (the insight has been anonymised).
bool IsAnonymisedText(std::string_view text);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_OPS_RETENTION_H_
