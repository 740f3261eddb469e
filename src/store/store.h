// The storage contract. app/ talks to these interfaces only; store/sql implements them
// on SOCI for both engines, and store/sqlite and store/postgres open the connections.
// One contract test suite (tests/store/store_contract_test.cc) runs against every engine.
#ifndef LOOKOUT_STORE_STORE_H_
#define LOOKOUT_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/value.h"
#include "domain/schema.h"

namespace lookout::store {

// One condition of a list query. `field` is a field of the entity being listed (already
// checked against its definition by the caller); values are bound, never spliced.
struct Condition {
  enum class Op {
    kEq,        // column = value (kRef/kEnum/kText/kBool/kInt/kPeriod fields)
    kIn,        // column IN (values)
    kHasAny,    // set field contains any of the values (kEnumSet/kRefSet)
    kOnOrAfter, // column >= value (dates)
    kOnOrBefore // column <= value (dates)
  };
  std::string field;
  Op op = Op::kEq;
  std::vector<Value> values;
  // When `field` holds child rows: the field of the rows that `values` are compared with
  // (kEq, kIn or kHasAny); the record matches when any of its rows does.
  std::string child_field;
};

struct ListQuery {
  std::vector<Condition> where;  // every one must hold
  // When not empty, at least one must hold: the part of the entity the actor may see
  // (e.g. insight of the officer's own region, or graded for sharing).
  std::vector<Condition> scope_any;
  std::string search;  // case-insensitive substring over the entity's searchable fields
  enum class Archived { kExclude, kInclude, kOnly } archived = Archived::kExclude;
  std::string sort_field;  // empty: the entity's default order; ties broken by id
  bool descending = false;
  int64_t limit = 50;      // 0 = no limit (exports)
  int64_t offset = 0;
};

struct Page {
  std::vector<Record> items;  // full records, sets and child rows included
  int64_t total = 0;          // matching records, ignoring limit and offset
};

// Who made a change and from where; stamped on rows and audit entries.
struct WriteMeta {
  std::string actor;       // "staff:12", "cli:root", "system:init"
  std::string at;          // UTC timestamp, from the use case's clock
};

struct AuditEntry {
  std::string at;
  std::string actor;
  std::string address;     // client address, empty for the CLI
  std::string request_id;
  std::string action;      // create, update, archive, unarchive, transition, import, ...
  std::string entity;      // entity name, e.g. "task"
  int64_t entity_id = 0;
  std::string changes;     // JSON: {"field": [old, new], ...}; secrets never recorded
  std::string reason;
};

// An audit entry as the trail holds it: its place in the chain and its hashes.
struct StoredAuditEntry {
  int64_t id = 0;
  AuditEntry entry;
  std::string prev_hash;  // the hash of the entry before it; empty for the first entry
  std::string hash;       // AuditHash(prev_hash, entry) unless the row was tampered with
};

// The hash the trail stores for `entry` appended after an entry whose hash is
// `prev_hash` ("" for the first entry): SHA-256, as 64 lower-case hex digits, of the
// previous hash and every field of the entry, each field preceded by its length so that
// no two different entries hash the same text. Verification recomputes it.
std::string AuditHash(const std::string& prev_hash, const AuditEntry& entry);

// A filtered page of the audit trail. Empty strings and a 0 entity_id mean "any".
struct AuditQuery {
  std::string actor;      // exactly
  std::string action;     // exactly
  std::string entity;     // exactly
  int64_t entity_id = 0;
  std::string from;       // `at` >= from (compared as text: a UTC timestamp)
  std::string to;         // `at` <= to
  bool oldest_first = false;  // id order instead of newest (highest id) first
  int64_t limit = 50;     // 0 = no limit
  int64_t offset = 0;
};
struct AuditPage {
  std::vector<StoredAuditEntry> items;  // in the order the query asked for
  int64_t total = 0;                    // matching entries, ignoring limit and offset
};

// Reach summed over live activities: one row per (region, group, sector), and with
// `detailed` per (region, activity type, task, group, sector).
struct ReachQuery {
  std::string from;  // inclusive start_on bounds, YYYY-MM-DD
  std::string to;
  std::string region;  // empty: all
  bool detailed = false;
};
struct ReachRow {
  std::string region;
  std::string group;
  std::string sector;  // empty unless group is professionals
  int64_t count = 0;
  bool any_estimated = false;
  int64_t activities = 0;
  std::string type;  // detailed only: the activities' type
  int64_t task = 0;  // detailed only: the task they deliver
};

// Answers to survey questions counted in the database: one row per (question, answer)
// over the live responses that match.
struct AnswerCountQuery {
  std::vector<int64_t> questions;
  std::string region;             // the responses' region; empty: all
  std::string attended_training;  // "yes", "no", "unknown"; empty: all
  std::string stakeholder_type;   // the responses' sector code; empty: all
  std::string responded_from;     // responses given on or after this day (YYYY-MM-DD); empty: any
  std::string responded_to;       // on or before this day; empty: any
};
struct AnswerCountRow {
  int64_t question = 0;
  std::string answer;
  int64_t count = 0;
};
// Live activities counted: one row per (region, task) for activities dated in [from, to].
struct ActivityCountRow {
  std::string region;
  int64_t task = 0;
  int64_t activities = 0;
};

// A published report's file, as it was published.
struct ReportFile {
  int64_t report_id = 0;
  std::string format;        // "pdf", "html", ...
  std::string content_type;
  std::string file_name;
  std::string sha256;        // of `bytes`, lower-case hex
  std::string bytes;
};

// How many live responses of each survey match (region, attended_training as above).
struct ResponseCountRow {
  int64_t survey = 0;
  int64_t responses = 0;
};

// A unit of work: every read and write of one use case. Not thread-safe. Destroying a
// transaction that was not committed rolls it back.
class Transaction {
 public:
  virtual ~Transaction() = default;

  // The full record (meta columns, fields, sets, child rows) or kNotFound.
  virtual Result<Record> Get(const domain::EntityDef& entity, int64_t id) = 0;
  // By the reference entity's code field, or kNotFound.
  virtual Result<Record> GetByCode(const domain::EntityDef& entity, const std::string& code) = 0;
  // Whether a live or archived record with this key exists: an id for ordinary entities,
  // a code for reference entities.
  virtual Result<bool> Exists(const domain::EntityDef& entity, const Value& key) = 0;
  // The id of a live record whose `field` equals `value`, or 0.
  virtual Result<int64_t> FindIdBy(const domain::EntityDef& entity, const std::string& field,
                                   const Value& value) = 0;
  virtual Result<Page> List(const domain::EntityDef& entity, const ListQuery& query) = 0;

  // Inserts a validated record with version 1 and returns its id. When `record` carries an
  // "id" (an import restoring records) that id is kept; kDuplicate if it is taken.
  // "archived"/"archived_at" in the record are kept too.
  virtual Result<int64_t> Insert(const domain::EntityDef& entity, const Record& record,
                                 const WriteMeta& meta) = 0;
  // Applies `changes` (fields present are replaced, sets and child rows replaced whole)
  // if the stored version equals `expected_version`, and bumps the version.
  // kNotFound, or kConflict when the version is stale.
  virtual Status Update(const domain::EntityDef& entity, int64_t id, int64_t expected_version,
                        const Record& changes, const WriteMeta& meta) = 0;
  // Archives (or restores) a record; same version rule as Update.
  virtual Status SetArchived(const domain::EntityDef& entity, int64_t id,
                             int64_t expected_version, bool archived, const WriteMeta& meta) = 0;

  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditEntry>> ListAudit(const std::string& entity, int64_t entity_id,
                                                    int64_t limit) = 0;
  // Up to `limit` (1 or more) entries with ids above `after_id`, in id order, exactly as
  // stored (hashes included): the chain read a batch at a time for verification.
  virtual Result<std::vector<StoredAuditEntry>> ReadAuditChain(int64_t after_id,
                                                               int64_t limit) = 0;
  // The entries matching `query` in its order, with their total. kBadRequest for a
  // negative limit or offset.
  virtual Result<AuditPage> QueryAudit(const AuditQuery& query) = 0;

  // Deletes the record (its row, its set rows and its child rows) if the stored version
  // equals `expected_version`. The one real deletion of a record, kept for the retention
  // policy: everything else archives. kNotFound; kConflict when the version is stale or
  // when another record still refers to this one (the message names which). Writes no
  // audit entry: the caller does, in the same transaction.
  virtual Status Delete(const domain::EntityDef& entity, int64_t id, int64_t expected_version) = 0;

  // The next free number for references like T-2026-0042: one more than the highest
  // `field` value starting with `prefix` (1 when none).
  virtual Result<int64_t> NextSequence(const domain::EntityDef& entity, const std::string& field,
                                       const std::string& prefix) = 0;

  virtual Result<std::vector<ReachRow>> AggregateReach(const ReachQuery& query) = 0;
  // The same sums over the live and archived activities a list `query` of activities
  // selects (its conditions, scope, search and archived choice; not its sort or paging):
  // what a filtered list of activities reached, one row per (region, group, sector).
  virtual Result<std::vector<ReachRow>> AggregateReachOf(const ListQuery& query) = 0;
  virtual Result<std::vector<AnswerCountRow>> CountAnswers(const AnswerCountQuery& query) = 0;
  // `query.detailed` is ignored.
  virtual Result<std::vector<ActivityCountRow>> CountActivities(const ReachQuery& query) = 0;
  // `query.questions` is ignored; `surveys` are the surveys counted.
  virtual Result<std::vector<ResponseCountRow>> CountResponses(const std::vector<int64_t>& surveys,
                                                               const AnswerCountQuery& query) = 0;

  // Waits until no other write transaction holds the turn named `key` (a constant), and
  // holds it until this transaction ends: transactions that must not interleave (publishing
  // a period, and writing records that a publication locks) take turns. A no-op where
  // write transactions are serialised anyway (SQLite), and in a read-only transaction.
  virtual Status TakeTurn(const std::string& key) = 0;

  // A published report's files: written once, at publication; kDuplicate when the report
  // already has a file of that format.
  virtual Status PutReportFile(const ReportFile& file) = 0;
  // kNotFound when the report has no file of that format.
  virtual Result<ReportFile> GetReportFile(int64_t report_id, const std::string& format) = 0;

  virtual Status Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // "sqlite" or "postgresql".
  virtual std::string Engine() const = 0;
  // A read-only or read-write transaction. Blocks while every connection is busy.
  virtual Result<std::unique_ptr<Transaction>> Begin(bool write) = 0;

  struct Migration {
    int version;
    std::string name;
  };
  // Migrations known to this binary, and which have been applied.
  virtual std::vector<Migration> KnownMigrations() const = 0;
  virtual Result<int> SchemaVersion() = 0;
  // Applies pending migrations, each in its own transaction. kUnavailable-like refusal
  // (kConflict) when the database is newer than this binary.
  virtual Result<std::vector<Migration>> Migrate(bool dry_run) = 0;
  // True when the database answers a trivial query.
  virtual bool Ping() = 0;

  struct PoolStatus {
    int64_t size = 0;    // connections the pool holds
    int64_t in_use = 0;  // of them, leased to a transaction (or a ping) now
  };
  // The connection pool at this moment. Never blocks and never touches the database.
  virtual PoolStatus Pool() const = 0;
};

// Opens "sqlite:PATH" (or a bare path ending in .db), "sqlite::memory:" or
// "postgresql://..." with `pool_size` connections. Does not migrate.
Result<std::unique_ptr<Store>> Open(const std::string& url, int pool_size = 4);

// Where a database URL points, read as Open reads it.
struct Location {
  std::string engine;  // "sqlite" or "postgresql", as Store::Engine() names them
  std::string target;  // SQLite: the file's path, or ":memory:"; PostgreSQL: the URL
};
// kBadRequest for a URL Open would refuse (the message never repeats a password).
Result<Location> Locate(const std::string& url);

// The highest schema version this binary's migrations reach.
int LatestSchemaVersion();

}  // namespace lookout::store

#endif  // LOOKOUT_STORE_STORE_H_
