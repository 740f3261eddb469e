// The migration runner: schema_migrations records what has been applied; each pending
// migration runs in its own transaction, so a failure leaves the schema at the last
// migration that succeeded.
#include <chrono>
#include <set>

#include "core/time.h"
#include "store/sql/migrations.h"
#include "store/sql/sql_store.h"

namespace lookout::store::sql {

namespace {

constexpr const char* kMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (\n"
    "  version {{int}} PRIMARY KEY,\n"
    "  name TEXT NOT NULL,\n"
    "  applied_at TEXT NOT NULL\n"
    ")";

bool TableExists(Lease& lease, const std::string& table) {
  bool found = false;
  lease.Run(lease.dialect().TableExistsQuery(table), {Kind::kText},
            [&](const RowView&) { found = true; });
  return found;
}

std::set<int> AppliedVersions(Lease& lease) {
  std::set<int> applied;
  if (!TableExists(lease, "schema_migrations")) return applied;
  SqlBuilder q;
  q << "SELECT version FROM schema_migrations";
  lease.Run(q, {Kind::kInt},
            [&](const RowView& row) { applied.insert(static_cast<int>(row.Int(0))); });
  return applied;
}

std::string NowTimestamp() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return FormatTimestamp(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

}  // namespace

std::vector<Store::Migration> SqlStore::KnownMigrations() const {
  std::vector<Migration> out;
  for (const EmbeddedMigration& m : EmbeddedMigrations()) out.push_back({m.version, m.name});
  return out;
}

Result<int> SqlStore::SchemaVersion() {
  LOOKOUT_ASSIGN_OR_RETURN(Lease lease, Acquire());
  try {
    std::set<int> applied = AppliedVersions(lease);
    return applied.empty() ? 0 : *applied.rbegin();
  } catch (const std::exception& e) {
    return StatusFromDbError(dialect_->Classify(e));
  }
}

Status SqlStore::ApplyMigration(Lease& lease, int version, const std::string& name,
                                const char* sql) {
  std::string step = "starting";
  try {
    lease.Execute(dialect_->Begin(true));
    if (std::string lock = dialect_->Lock("lookout:migrations"); !lock.empty()) lease.Execute(lock);
    SqlBuilder check;
    check << "SELECT version FROM schema_migrations WHERE version = ";
    check.Param(Kind::kInt, static_cast<int64_t>(version));
    bool already = false;
    lease.Run(check, {Kind::kInt}, [&](const RowView&) { already = true; });
    if (!already) {
      for (const std::string& statement : SplitStatements(dialect_->Render(sql))) {
        step = statement.substr(0, statement.find('\n'));
        lease.Execute(statement);
      }
      step = "recording it";
      SqlBuilder record;
      record << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (";
      record.Param(Kind::kInt, static_cast<int64_t>(version)) << ", ";
      record.Param(Kind::kText, name) << ", ";
      record.Param(Kind::kText, NowTimestamp()) << ")";
      lease.Run(record);
    }
    lease.Execute("COMMIT");
    return Status::Ok();
  } catch (const std::exception& e) {
    DbError error = dialect_->Classify(e);
    try {
      lease.Execute("ROLLBACK");
    } catch (const std::exception&) {
      lease.MarkBroken();
    }
    return Status(
        error.code == ErrorCode::kUnavailable ? ErrorCode::kUnavailable : ErrorCode::kInternal,
        "Migration " + std::to_string(version) + " (" + name + ") failed at '" + step +
            "': " + error.message);
  }
}

Status SqlStore::RefreshStatistics(Lease& lease) {
  const std::string statement = dialect_->RefreshStatistics();
  if (statement.empty()) return Status::Ok();
  try {
    lease.Execute(statement);
  } catch (const std::exception& e) {
    return StatusFromDbError(dialect_->Classify(e));
  }
  return Status::Ok();
}

Result<std::vector<Store::Migration>> SqlStore::Migrate(bool dry_run) {
  LOOKOUT_ASSIGN_OR_RETURN(Lease lease, Acquire());
  const std::vector<EmbeddedMigration>& known = EmbeddedMigrations();
  int newest_known = known.empty() ? 0 : known.back().version;
  std::set<int> applied;
  try {
    applied = AppliedVersions(lease);
  } catch (const std::exception& e) {
    return StatusFromDbError(dialect_->Classify(e));
  }
  if (!applied.empty() && *applied.rbegin() > newest_known) {
    return Status::Conflict(
        "The database schema is at version " + std::to_string(*applied.rbegin()) +
        ", newer than this Lookout, which knows migrations up to " + std::to_string(newest_known) +
        ": use a Lookout release at least as new as the one that last "
        "migrated this database.");
  }
  std::vector<Migration> pending;
  for (const EmbeddedMigration& m : known) {
    if (applied.count(m.version) == 0) pending.push_back({m.version, m.name});
  }
  if (dry_run) return pending;
  if (pending.empty()) {
    LOOKOUT_RETURN_IF_ERROR(RefreshStatistics(lease));
    return pending;
  }

  try {
    lease.Execute(dialect_->Render(kMigrationsTable));
  } catch (const std::exception& e) {
    return StatusFromDbError(dialect_->Classify(e));
  }
  for (const EmbeddedMigration& m : known) {
    if (applied.count(m.version) != 0) continue;
    Status status = ApplyMigration(lease, m.version, m.name, m.sql);
    // Statements prepared before the schema changed are prepared again on next use.
    schema_generation_.fetch_add(1);
    lease.cache().Clear();
    LOOKOUT_RETURN_IF_ERROR(status);
  }
  LOOKOUT_RETURN_IF_ERROR(RefreshStatistics(lease));
  return pending;
}

}  // namespace lookout::store::sql
