// One store transaction on one leased connection. See store/store.h for the contract.
//
// Besides the contract: a write method that fails (a duplicate, a missing reference)
// leaves the transaction as it was before the call, on both engines, so a use case can
// report the error and still commit or roll back cleanly. Writes on a transaction begun
// read-only are refused.
#ifndef LOOKOUT_STORE_SQL_SQL_TRANSACTION_H_
#define LOOKOUT_STORE_SQL_SQL_TRANSACTION_H_

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/sql/dialect.h"
#include "store/sql/record_io.h"
#include "store/sql/sql_store.h"
#include "store/store.h"

namespace lookout::store::sql {

class SqlTransaction : public Transaction {
 public:
  // REQUIRES: the transaction has been begun on `lease`.
  SqlTransaction(Lease lease, bool write) : lease_(std::move(lease)), write_(write) {}
  ~SqlTransaction() override;

  Result<Record> Get(const domain::EntityDef& entity, int64_t id) override;
  Result<Record> GetByCode(const domain::EntityDef& entity, const std::string& code) override;
  Result<bool> Exists(const domain::EntityDef& entity, const Value& key) override;
  Result<int64_t> FindIdBy(const domain::EntityDef& entity, const std::string& field,
                           const Value& value) override;
  Result<Page> List(const domain::EntityDef& entity, const ListQuery& query) override;

  Result<int64_t> Insert(const domain::EntityDef& entity, const Record& record,
                         const WriteMeta& meta) override;
  Status Update(const domain::EntityDef& entity, int64_t id, int64_t expected_version,
                const Record& changes, const WriteMeta& meta) override;
  Status SetArchived(const domain::EntityDef& entity, int64_t id, int64_t expected_version,
                     bool archived, const WriteMeta& meta) override;

  Status AppendAudit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ListAudit(const std::string& entity, int64_t entity_id,
                                            int64_t limit) override;
  // In sql_audit.cc.
  Result<std::vector<StoredAuditEntry>> ReadAuditChain(int64_t after_id, int64_t limit) override;
  Result<AuditPage> QueryAudit(const AuditQuery& query) override;
  Status Delete(const domain::EntityDef& entity, int64_t id, int64_t expected_version) override;
  Result<int64_t> NextSequence(const domain::EntityDef& entity, const std::string& field,
                               const std::string& prefix) override;
  Result<std::vector<ReachRow>> AggregateReach(const ReachQuery& query) override;
  Result<std::vector<ReachRow>> AggregateReachOf(const ListQuery& query) override;
  Result<std::vector<AnswerCountRow>> CountAnswers(const AnswerCountQuery& query) override;
  Result<std::vector<ActivityCountRow>> CountActivities(const ReachQuery& query) override;
  Result<std::vector<ResponseCountRow>> CountResponses(const std::vector<int64_t>& surveys,
                                                       const AnswerCountQuery& query) override;
  Status TakeTurn(const std::string& key) override;
  Status PutReportFile(const ReportFile& file) override;
  Result<ReportFile> GetReportFile(int64_t report_id, const std::string& format) override;

  Status Commit() override;

 private:
  // Runs `body`, translating a driver exception into a Status that names what it can
  // (the field of a duplicate, for instance) in terms of `entity`.
  Status Guard(const domain::EntityDef* entity, const std::function<Status()>& body);
  // Guard for writes: refuses on a read-only or finished transaction, and runs `body`
  // inside a savepoint that is rolled back if it fails.
  Status GuardWrite(const domain::EntityDef& entity, const std::function<Status()>& body);
  Status CheckOpen() const;
  Status Translate(const std::exception& error, const domain::EntityDef* entity);

  int64_t Run(const SqlBuilder& query, const std::vector<Kind>& columns = {},
              const std::function<void(const RowView&)>& on_row = nullptr) {
    return lease_.Run(query, columns, on_row);
  }

  // " WHERE ..." of a list of `entity` (alias t): its conditions, scope and search, the
  // values bound. kValidation naming each condition it cannot apply.
  Status ListWhere(const domain::EntityDef& entity, const ListQuery& query, SqlBuilder& where);

  // Fills each record's set fields (as Lists) and child rows (as Rows), a few batched
  // queries per field whatever the number of records.
  void LoadDetails(const domain::EntityDef& entity, std::vector<Record>& records);
  // Reads the row of `entity` with `id` (without sets and child rows) into `out`.
  Status ReadRecordById(const domain::EntityDef& entity, int64_t id, Record& out, bool& found);

  // Writes the set fields and child rows present in `record` for `owner_id`; with
  // `replace`, existing rows of those fields are deleted first.
  Status WriteDetails(const domain::EntityDef& entity, int64_t owner_id, const Record& record,
                      bool replace);
  // Checks that every key of `record` is a field of `entity` (meta keys are allowed).
  Status CheckKeys(const domain::EntityDef& entity, const Record& record) const;
  // After an UPDATE matched no row: kNotFound or kConflict.
  Status MissingOrStale(const domain::EntityDef& entity, int64_t id, int64_t expected_version);
  // Lets the engine's id generator pass ids inserted explicitly into `table` (or into every
  // table, when empty).
  void FlushIdentity(const std::string& table);

  Lease lease_;
  bool write_;
  bool finished_ = false;
  // A statement failed outside a savepoint: the transaction can only be rolled back.
  bool failed_ = false;
  // Tables that received explicit ids since their identity was last brought forward.
  std::set<std::string> explicit_ids_;
};

}  // namespace lookout::store::sql

#endif  // LOOKOUT_STORE_SQL_SQL_TRANSACTION_H_
