#include "store/sql/sql_store.h"

#include <utility>

#include "store/sql/sql_transaction.h"

namespace lookout::store::sql {

Status StatusFromDbError(const DbError& error) {
  switch (error.code) {
    case ErrorCode::kUnavailable:
      return {ErrorCode::kUnavailable,
              "The database is busy or unreachable: try again. (" + error.message + ")"};
    case ErrorCode::kDuplicate:
    case ErrorCode::kInvalidReference:
    case ErrorCode::kValidation:
      return {error.code, std::string(ErrorCodeMessage(error.code))};
    default:
      return Status::Internal("Database error: " + error.message);
  }
}

// ---- Lease --------------------------------------------------------------------------------

Lease::Lease(SqlStore* store, size_t position) : store_(store), position_(position) {
  store_->leased_.fetch_add(1, std::memory_order_relaxed);
}

Lease::Lease(Lease&& other) noexcept : store_(other.store_), position_(other.position_) {
  other.store_ = nullptr;
}

Lease::~Lease() {
  if (store_ != nullptr) store_->GiveBack(position_);
}

soci::session& Lease::session() { return store_->pool_.at(position_); }
StatementCache& Lease::cache() { return store_->connections_[position_].cache; }
const Dialect& Lease::dialect() const { return *store_->dialect_; }

int64_t Lease::Run(const SqlBuilder& query, const std::vector<Kind>& columns,
                   const std::function<void(const RowView&)>& on_row) {
  return cache().Run(session(), query, columns, on_row);
}

void Lease::Execute(const std::string& sql) { session() << sql; }

void Lease::MarkBroken() { store_->connections_[position_].broken = true; }

// ---- SqlStore -----------------------------------------------------------------------------

SqlStore::SqlStore(std::unique_ptr<Dialect> dialect, size_t pool_size)
    : dialect_(std::move(dialect)),
      pool_size_(pool_size),
      pool_(pool_size),
      connections_(pool_size) {}

SqlStore::~SqlStore() = default;

Result<std::unique_ptr<SqlStore>> SqlStore::Create(std::unique_ptr<Dialect> dialect,
                                                   int pool_size) {
  if (pool_size < 1) {
    return Status::BadRequest("The connection pool needs at least one connection, not " +
                              std::to_string(pool_size) + ".");
  }
  std::unique_ptr<SqlStore> store;
  try {
    store.reset(new SqlStore(std::move(dialect), static_cast<size_t>(pool_size)));
  } catch (const std::exception& e) {
    return Status(ErrorCode::kUnavailable,
                  std::string("Cannot set up the connection pool: ") + e.what());
  }
  for (size_t i = 0; i < store->pool_size_; ++i) {
    try {
      store->dialect_->Connect(store->pool_.at(i));
    } catch (const std::exception& e) {
      return Status(ErrorCode::kUnavailable,
                    "Cannot open the " + store->dialect_->Engine() + " database: " + e.what());
    }
  }
  return store;
}

void SqlStore::GiveBack(size_t position) {
  leased_.fetch_sub(1, std::memory_order_relaxed);
  pool_.give_back(position);
}

Store::PoolStatus SqlStore::Pool() const {
  return {static_cast<int64_t>(pool_size_), leased_.load(std::memory_order_relaxed)};
}

Status SqlStore::Reconnect(size_t position) {
  Connection& c = connections_[position];
  c.cache.Clear();
  soci::session& session = pool_.at(position);
  try {
    session.close();
  } catch (const std::exception&) {
    // The old connection is gone either way; opening a new one is what matters.
  }
  try {
    dialect_->Connect(session);
    c.broken = false;
    return Status::Ok();
  } catch (const std::exception& e) {
    c.broken = true;
    return Status(ErrorCode::kUnavailable,
                  "Cannot reconnect to the " + dialect_->Engine() + " database: " + e.what());
  }
}

Result<Lease> SqlStore::Acquire() {
  size_t leased = 0;
  try {
    leased = pool_.lease();
  } catch (const std::exception& e) {
    return Status(ErrorCode::kUnavailable, std::string("No database connection: ") + e.what());
  }
  Lease lease(this, leased);
  // The lease is ours alone now, so its connection state can be touched without locks.
  size_t position = lease.position();
  Connection& c = connections_[position];
  if (c.broken) LOOKOUT_RETURN_IF_ERROR(Reconnect(position));
  uint64_t generation = schema_generation_.load();
  if (c.generation != generation) {
    c.cache.Clear();
    c.generation = generation;
  }
  return lease;
}

Result<std::unique_ptr<Transaction>> SqlStore::Begin(bool write) {
  LOOKOUT_ASSIGN_OR_RETURN(Lease lease, Acquire());
  for (int attempt = 0;; ++attempt) {
    try {
      lease.Execute(dialect_->Begin(write));
      return std::unique_ptr<Transaction>(new SqlTransaction(std::move(lease), write));
    } catch (const std::exception& e) {
      DbError error = dialect_->Classify(e);
      if (!error.connection_lost || attempt > 0) return StatusFromDbError(error);
      // A connection the server dropped while it sat in the pool: replace it once.
      lease.MarkBroken();
      LOOKOUT_RETURN_IF_ERROR(Reconnect(lease.position()));
    }
  }
}

bool SqlStore::Ping() {
  size_t position = 0;
  // A pool whose every connection is busy for seconds is not ready for more work.
  if (!pool_.try_lease(position, 2000)) return false;
  Lease lease(this, position);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (connections_[position].broken && !Reconnect(position).ok()) return false;
    try {
      SqlBuilder q;
      q << "SELECT 1";
      int64_t one = 0;
      lease.Run(q, {Kind::kInt}, [&](const RowView& row) { one = row.Int(0); });
      return one == 1;
    } catch (const std::exception& e) {
      // A connection the server dropped is replaced once; the database answering on a
      // new one is ready.
      if (!dialect_->Classify(e).connection_lost) return false;
      lease.MarkBroken();
    }
  }
  return false;
}

Result<std::vector<std::string>> SqlStore::TableColumnNames(const std::string& table) {
  LOOKOUT_ASSIGN_OR_RETURN(Lease lease, Acquire());
  std::vector<std::string> names;
  try {
    lease.Run(dialect_->TableColumnsQuery(table), {Kind::kText},
              [&](const RowView& row) { names.push_back(row.Text(0)); });
  } catch (const std::exception& e) {
    return StatusFromDbError(dialect_->Classify(e));
  }
  return names;
}

}  // namespace lookout::store::sql
