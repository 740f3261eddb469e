// What differs between the engines the SOCI store runs on. store/sqlite and
// store/postgres each implement a Dialect; everything else in store/sql is shared.
#ifndef LOOKOUT_STORE_SQL_DIALECT_H_
#define LOOKOUT_STORE_SQL_DIALECT_H_

#include <soci/soci.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/sql/statement.h"

namespace lookout::store::sql {

// A driver error, classified.
struct DbError {
  ErrorCode code = ErrorCode::kInternal;  // kDuplicate, kInvalidReference, kValidation,
                                          // kUnavailable or kInternal
  std::string table;             // the table concerned, when the engine says (may be empty)
  std::string column;            // the column concerned, when the engine says (may be empty)
  std::string message;           // the engine's message, for logs and internal errors
  bool connection_lost = false;  // the connection must be replaced before reuse
};

class Dialect {
 public:
  virtual ~Dialect() = default;

  // "sqlite" or "postgresql".
  virtual std::string Engine() const = 0;

  // Opens `session` and configures the connection (pragmas, settings). Called once per
  // pooled connection and again to replace a connection that was lost.
  virtual void Connect(soci::session& session) const = 0;

  // The engine's type for a migration token: "id", "int", "real" or "bool".
  virtual std::string TypeFor(std::string_view token) const = 0;

  // The statement that starts a transaction.
  virtual std::string Begin(bool write) const = 0;

  // Appended to a text column in ORDER BY so that both engines order text by bytes.
  virtual std::string TextOrder() const { return ""; }

  // Run after rows with explicit ids were inserted into `table`, so that the next id the
  // engine generates is above them. Empty when the engine needs nothing.
  virtual std::string ResetIdentity(const std::string& table) const = 0;

  // A statement that holds a lock named `key` until the transaction ends, so that
  // concurrent transactions doing the same thing (appending to the audit chain, numbering
  // references, migrating) take turns. Empty when write transactions are serialised
  // anyway. `key` is a constant or a metadata name, never user input.
  virtual std::string Lock(std::string_view /*key*/) const { return ""; }
  // A statement that refreshes the planner's statistics, run after migrating (at start-up
  // and by `lookout migrate`): "ANALYZE" on SQLite, which keeps none on its own, so the
  // report's aggregates use the right indexes; "" where the server does it (autovacuum).
  virtual std::string RefreshStatistics() const { return ""; }

  // A query returning the column names (text) of `table` in the current database or
  // schema, in table order.
  virtual SqlBuilder TableColumnsQuery(const std::string& table) const = 0;
  // A query returning one row (any one text column) when `table` exists.
  virtual SqlBuilder TableExistsQuery(const std::string& table) const = 0;

  // Classifies an exception thrown by the driver.
  virtual DbError Classify(const std::exception& error) const = 0;

  // The migration text with its type tokens replaced. Unknown tokens are left as they are
  // (and then fail loudly when the SQL runs).
  std::string Render(std::string_view migration) const;
};

// Splits a migration into statements at semicolons outside quotes and comments; drops
// comments and empty statements. Migrations hold no procedural blocks.
std::vector<std::string> SplitStatements(std::string_view sql);

}  // namespace lookout::store::sql

#endif  // LOOKOUT_STORE_SQL_DIALECT_H_
