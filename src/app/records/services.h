// The use cases: the only way the API, the pages and the CLI read or change programme
// records. Each call authorises, validates with domain/, runs one store transaction and
// writes its audit entry in that same transaction. Thread-safe: calls may run
// concurrently on a worker pool (each takes its own transaction).
#ifndef LOOKOUT_APP_RECORDS_SERVICES_H_
#define LOOKOUT_APP_RECORDS_SERVICES_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "core/value.h"
#include "domain/schema.h"
#include "io/record_file.h"
#include "store/store.h"

namespace lookout::app {

// Who is acting and from where. The CLI acts as "cli:<user>", start-up as "system".
struct Actor {
  std::string id = "system";  // "staff:12", "cli:root", "system", "api:anonymous"
  int64_t staff_id = 0;       // 0 when not a staff member
  std::string role;           // role code, empty for the system and the CLI
  std::string region;         // home region code for officers
  std::string address;        // client address
  std::string request_id;
  int64_t session_id = 0;    // the browser session acting, 0 otherwise
  int64_t api_token_id = 0;  // the API token acting, 0 otherwise
  bool signed_in = false;    // a staff member authenticated by session or token

  // No one: a request without a valid session or token. Every use case refuses it.
  static Actor Anonymous(std::string address, std::string request_id);

  static Actor System() { return Actor{}; }
  static Actor Cli(const std::string& user);
};

// Query-string style parameters: ("region", "EM"), ("theme", "cce"), ("q", "hotel").
using Params = std::vector<std::pair<std::string, std::string>>;

// One query parameter a use case accepts, as documentation describes it (the API's
// OpenAPI description is made from these). The constraints are JSON Schema's.
struct ParamDoc {
  std::string name;
  std::string description;
  std::string type = "string";       // "string", "integer" or "boolean"
  std::string format;                // "date", "date-time", ...; "" for none
  std::vector<std::string> allowed;  // the only values accepted, when they are a fixed list
  std::optional<int64_t> minimum;
  std::optional<int64_t> maximum;
  std::string default_value;  // what applies when it is left out; "" for none
};

// The paging parameters of a list of `things` ("records"): limit (1 to `max_limit`,
// `default_limit` when left out) and offset (0 or more).
std::vector<ParamDoc> PagingParameters(const std::string& things, int64_t default_limit,
                                       int64_t max_limit);

// A record as written, with warnings that did not stop it (free text that looks
// identifying, for example).
struct Saved {
  Record record;
  std::vector<std::string> warnings;
};

// A record of a file and a problem at a place in it (io/record_file.h).
using io::ImportIssue;
using io::ImportRow;

struct ImportReport {
  int64_t rows = 0;                   // rows read
  int64_t written = 0;                // rows written (0 on a dry run or when any row failed)
  int64_t skipped = 0;                // rows left out as already imported (ImportOptions)
  std::vector<ImportIssue> errors;    // every problem of every row; empty when all good
  std::vector<ImportIssue> warnings;  // free text that looks identifying, and the like
};

struct ImportOptions {
  bool dry_run = false;  // check everything, write nothing
  // Survey responses: a row whose external_id is already stored for its survey (live or
  // archived) was imported before: it is skipped (counted in ImportReport::skipped, not
  // checked, not written) instead of being refused as a duplicate. Two rows of the same
  // import with the same external_id are refused either way.
  bool skip_imported_responses = false;
};

// A file of survey responses as a survey tool exported it (app/survey_import.h).
struct SurveyFileImport {
  int64_t survey = 0;
  std::string preset;        // a SurveyPresets() name: "surveymonkey", "generic", "lookout"...
  std::string bytes;         // the file
  std::string mapping_json;  // the column mapping; empty: the one saved on the survey
  bool dry_run = false;
};

struct SurveyFileReport {
  ImportReport import;  // rows read, written, skipped; warnings
  // Every problem, "where" first: "line 7, column D (I feel more confident…)", "row 4,
  // column B (Region)" (XLSX), "line 3, attended_training" (Lookout's CSV), "line 1" (the
  // header), "the mapping". Nothing was written when there is any.
  std::vector<FieldError> problems;
  std::vector<std::string> ignored_columns;   // "E (Name)": never read, never stored
  std::vector<std::string> personal_columns;  // those that hold personal data
  std::vector<std::string> notes;             // how the file was read
  bool mapping_saved = false;  // the mapping given was saved on the survey for next time
};

using Progress = std::function<void(int64_t done, int64_t total)>;

class Services {
 public:
  Services(store::Store& store, const Clock& clock);

  store::Store& store() { return store_; }
  const Clock& clock() const { return clock_; }

  // Lists records matching `params`:
  //   a filterable field's name = value (several values separated by ','); for set fields
  //   a record matches when it has any of them;
  //   from / to (YYYY-MM-DD) and period ("2025-26", "2025-26 Q2") on the entity's date;
  //   q = text search; archived = exclude (default) | include | only;
  //   sort = field, or -field for descending; limit (1..500, default 50); offset.
  // Unknown parameters and bad values are kValidation with one FieldError each.
  Result<store::Page> List(const Actor& actor, const domain::EntityDef& entity,
                           const Params& params);
  // The records of `entity` the actor may tie a record to, matching `params` as List
  // does: what a form's picker offers (policy::AttachableScope: an officer's tasks and
  // the partners of their region and national ones; active officers and managers as a
  // task's lead or staff).
  Result<store::Page> ListAttachable(const Actor& actor, const domain::EntityDef& entity,
                                     const Params& params);
  // Every parameter List accepts for `entity`, in the order above: its filters (and
  // region for an entity whose region field has another name), from / to / period,
  // <date field>_from and _to for each date field, q, archived, sort (with every value
  // it takes), limit and offset.
  static std::vector<ParamDoc> ListParameters(const domain::EntityDef& entity);
  Result<Record> Get(const Actor& actor, const domain::EntityDef& entity, int64_t id);
  Result<Saved> Create(const Actor& actor, const domain::EntityDef& entity, Record input);
  // `changes` holds only the fields to change. kConflict when `version` is stale.
  Result<Saved> Update(const Actor& actor, const domain::EntityDef& entity, int64_t id,
                       int64_t version, Record changes);
  // Every problem Create (or Update) would meet with this input, found without writing
  // anything: the fields a client may not set, the record's validation, references,
  // unique fields, the record-level policy and the period locks, all of them in one
  // answer (where Create stops at the first stage that fails). A form asks this before it
  // saves, so that a person hears of every problem in one round. OK when Create would
  // write. Otherwise the code is that of the first stage that failed (what Create would
  // answer) and fields() holds every problem: a whole-record refusal is put on the field
  // that caused it (the entity's region field for the policy, its date field for a
  // locked period, "version" for a stale copy in CheckUpdate). An actor who may not
  // create (or change this record) at all gets that refusal alone; store failures
  // (kUnavailable, kNotFound for CheckUpdate's record) are returned as they are.
  Status CheckCreate(const Actor& actor, const domain::EntityDef& entity, Record input);
  Status CheckUpdate(const Actor& actor, const domain::EntityDef& entity, int64_t id,
                     int64_t version, Record changes);
  // Archives (archived=true) or restores a record.
  Result<Record> Archive(const Actor& actor, const domain::EntityDef& entity, int64_t id,
                         int64_t version, bool archived, const std::string& reason);

  // Moves a task to `to_status`, recording who, when and why.
  Result<Record> TransitionTask(const Actor& actor, int64_t task_id, int64_t version,
                                const std::string& to_status, const std::string& reason);
  // Every problem TransitionTask would meet, found without writing, in one answer (as
  // CheckCreate): the reason's text (on "reason"), and with `to_status` given, whether it
  // is a status, the actor's right to make the move (on "to"), a stale `version` (on
  // "version"), the move's legality and a reason it needs, and a locked period.
  Status CheckTransition(const Actor& actor, int64_t task_id, int64_t version,
                         const std::string& to_status, const std::string& reason);
  Result<std::vector<Record>> TaskHistory(const Actor& actor, int64_t task_id);
  // Tasks delivered in [from, to] (their delivery date, YYYY-MM-DD; delivered, evaluated
  // or closed since, archived ones left out), in `region` when given (a task of several
  // regions counts in each), and the distinct partners they were delivered with: the
  // report's "tasks completed". Only tasks the actor may read are counted.
  struct DeliveredTasks {
    int64_t tasks = 0;
    int64_t partners = 0;
  };
  Result<DeliveredTasks> TasksDelivered(const Actor& actor, const std::string& from,
                                        const std::string& to, const std::string& region);
  // The statuses the actor may move the task to now: legal from its status and allowed to
  // the actor by the policy, in the lifecycle's order (what a page offers).
  Result<std::vector<std::string>> AllowedTransitions(const Actor& actor, int64_t task_id);

  // A survey's questions each have a place of their own (1, 2, 3 ...), by which the
  // import page, column mappings and response fingerprints name them (docs/surveys.md). A
  // question created without a position takes the place after the last. While the survey
  // has no response (archived ones count) a question can be moved and removed; once it
  // has, its questions keep their places, survey and kind (Update and Archive refuse with
  // kConflict, saying why), though one can still be added at the end.
  // Moves question `id` one place up (`places` -1) or down (+1), swapping places with its
  // neighbour; kConflict when it is first (last) already.
  Result<Record> MoveSurveyQuestion(const Actor& actor, int64_t id, int64_t version, int places);
  // Removes (archives) question `id`, with `reason` in the audit trail: the questions after
  // it move up one place.
  Result<Record> RemoveSurveyQuestion(const Actor& actor, int64_t id, int64_t version,
                                      const std::string& reason);
  // How many responses survey `survey` has, archived ones included (0: its questions may
  // still be moved and removed).
  Result<int64_t> SurveyResponseCount(const Actor& actor, int64_t survey);

  // Scoring schemes: insight keeps the scheme it was scored under, and its risk score
  // follows from that scheme's factors. So once a scheme has scored insight (archived
  // items count), its version number and its factors' codes, groups, weights and ranges
  // stay as they are (Update refuses with kConflict, saying why); a label may be
  // corrected. A scheme created without a version number takes the one after the
  // highest.
  // How many insight items were scored under scheme `id`.
  Result<int64_t> ScoringSchemeAssessments(const Actor& actor, int64_t id);
  // Changes scheme `id` as Update does; but when `changes` would change how a scheme that
  // has scored insight scores, it makes a new version of the scheme with them instead
  // (the next version number; active when the form says so, and then the old version is
  // made inactive), leaving the old version as it was, in one transaction. Returns the
  // record saved: scheme `id`, or the new version.
  Result<Saved> ChangeScoringScheme(const Actor& actor, int64_t id, int64_t version,
                                    Record changes);
  // Every problem ChangeScoringScheme would meet, without writing (as CheckUpdate).
  Status CheckChangeScoringScheme(const Actor& actor, int64_t id, int64_t version,
                                  Record changes);

  // Validates every row (types, rules, references to the database or to earlier rows of
  // the same file, duplicates) and writes all of them in one transaction, or none.
  Result<ImportReport> Import(const Actor& actor, const domain::EntityDef& entity,
                              std::vector<ImportRow> rows, bool dry_run,
                              const Progress& progress = nullptr);
  Result<ImportReport> Import(const Actor& actor, const domain::EntityDef& entity,
                              std::vector<ImportRow> rows, const ImportOptions& options,
                              const Progress& progress = nullptr);
  // Imports the responses of a file exported by a survey tool into a survey, all or
  // nothing: reads it with the preset's rules and the mapping (the request's, else the
  // one saved on the survey for the same preset), checks every row as Import does, skips
  // responses already imported, and saves a mapping given for next time once the
  // responses are written. Problems with the file are in the report (problems), not an
  // error; errors are for the request (no such survey or preset, a mapping that is not
  // valid JSON or names unknown keys: kValidation naming "preset" or "mapping ...") and
  // the database.
  Result<SurveyFileReport> ImportSurveyFile(const Actor& actor, const SurveyFileImport& request);
  // Every record of the kind, archived ones included, in id order.
  Result<std::vector<Record>> ExportAll(const Actor& actor, const domain::EntityDef& entity,
                                        const Progress& progress = nullptr);

  // Records that the actor took a file out of Lookout (a report, a funder's return, the
  // tasking minutes): an "export" audit entry of `entity` (with `id` when the file is one
  // record's) saying what was taken in `what` ({"format", "pdf"}, {"period", "2025-26"},
  // ...: names and filters, never free text). Callers hand the file over only once this
  // has succeeded, so no file leaves without its record.
  Status RecordDisclosure(const Actor& actor, const std::string& entity, int64_t id,
                          const Params& what);

  // Reach summed by region, group and sector for activities in [from, to]: the exact sums,
  // for those who may read the activities (kForbidden for anyone else, who see reach under
  // the disclosure rule through app::ReachFor).
  Result<std::vector<store::ReachRow>> Reach(const Actor& actor, const store::ReachQuery& query);
  // The same sums over the activities a list of them with `params` shows (List's filters;
  // paging and sorting ignored): what a filtered list of activities reached.
  Result<std::vector<store::ReachRow>> ListReach(const Actor& actor, const Params& params);

  // The programme's financial year start month (4 when no programme is recorded).
  Result<int> FinancialYearStartMonth();

 private:
  // List within conditions of the policy's: every one of `all`, and one of `any` when
  // it is not empty.
  Result<store::Page> ListWithin(const Actor& actor, const domain::EntityDef& entity,
                                 const Params& params, std::vector<store::Condition> all,
                                 std::vector<store::Condition> any);
  // The audit entry for a consultation or disclosure of `records`.
  store::AuditEntry DisclosureEntry(const Actor& actor, const std::string& action,
                                    const domain::EntityDef& entity,
                                    const std::vector<Record>& records, const Params& params) const;

  store::Store& store_;
  const Clock& clock_;
};

}  // namespace lookout::app

#endif  // LOOKOUT_APP_RECORDS_SERVICES_H_
