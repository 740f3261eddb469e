// The Store contract on SOCI, shared by SQLite and PostgreSQL. An engine folder supplies
// a Dialect (how to connect, type names, transaction start, error classification) and
// gets a whole store.
#ifndef LOOKOUT_STORE_SQL_SQL_STORE_H_
#define LOOKOUT_STORE_SQL_SQL_STORE_H_

#include <soci/soci.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/sql/dialect.h"
#include "store/sql/statement.h"
#include "store/store.h"

namespace lookout::store::sql {

class SqlStore;

// One pooled connection, leased for as long as this object lives. Movable, not copyable.
class Lease {
 public:
  // Counts the connection as in use until the lease ends (SqlStore::Pool).
  Lease(SqlStore* store, size_t position);
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&&) = delete;
  Lease(const Lease&) = delete;
  ~Lease();

  size_t position() const { return position_; }
  soci::session& session();
  StatementCache& cache();
  const Dialect& dialect() const;
  // Runs a statement with bound parameters and result columns of `columns` kinds through
  // the connection's statement cache. Throws soci::soci_error.
  int64_t Run(const SqlBuilder& query, const std::vector<Kind>& columns = {},
              const std::function<void(const RowView&)>& on_row = nullptr);
  // Runs a parameterless statement without caching it (transaction control, DDL).
  void Execute(const std::string& sql);
  // Marks the connection for replacement before its next use (after it was lost).
  void MarkBroken();

 private:
  SqlStore* store_;
  size_t position_;
};

class SqlStore : public Store {
 public:
  // Opens `pool_size` connections with `dialect`. kUnavailable when the database cannot
  // be reached, with the engine's reason.
  static Result<std::unique_ptr<SqlStore>> Create(std::unique_ptr<Dialect> dialect, int pool_size);
  ~SqlStore() override;

  std::string Engine() const override { return dialect_->Engine(); }
  // REQUIRES: the store outlives the transaction.
  Result<std::unique_ptr<Transaction>> Begin(bool write) override;
  std::vector<Migration> KnownMigrations() const override;
  Result<int> SchemaVersion() override;
  Result<std::vector<Migration>> Migrate(bool dry_run) override;
  bool Ping() override;
  PoolStatus Pool() const override;

  // The columns `table` has in the database, in table order (for schema checks).
  Result<std::vector<std::string>> TableColumnNames(const std::string& table);

  const Dialect& dialect() const { return *dialect_; }

 private:
  friend class Lease;
  struct Connection {
    StatementCache cache;
    uint64_t generation = 0;  // schema generation the cached statements were prepared for
    bool broken = false;
  };

  SqlStore(std::unique_ptr<Dialect> dialect, size_t pool_size);
  // Blocks until a connection is free; replaces it first if it was lost.
  Result<Lease> Acquire();
  void GiveBack(size_t position);
  Status Reconnect(size_t position);
  // Applies one migration in its own transaction unless another process applied it first.
  Status ApplyMigration(Lease& lease, int version, const std::string& name, const char* sql);
  // Runs the dialect's RefreshStatistics statement, if it has one.
  Status RefreshStatistics(Lease& lease);

  std::unique_ptr<Dialect> dialect_;
  size_t pool_size_;
  soci::connection_pool pool_;
  std::vector<Connection> connections_;
  // Bumped by Migrate: statements prepared before a schema change are prepared again.
  std::atomic<uint64_t> schema_generation_{0};
  // Connections leased now: made by Lease, given back by GiveBack.
  std::atomic<int64_t> leased_{0};
};

// The Status for a driver error caught at the store boundary.
Status StatusFromDbError(const DbError& error);

}  // namespace lookout::store::sql

#endif  // LOOKOUT_STORE_SQL_SQL_STORE_H_
