#include "store/sqlite/sqlite_store.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <system_error>

#include "store/sql/dialect.h"
#include "store/sql/sql_store.h"

namespace lookout::store::sqlite {

namespace {

using sql::DbError;
using sql::Kind;
using sql::SqlBuilder;

// "UNIQUE constraint failed: staff.email" -> table "staff", column "email". Several
// columns ("t.a, t.b") name the last, the one that makes the key distinct.
void TableAndColumn(const std::string& message, std::string_view marker, DbError& out) {
  size_t at = message.find(marker);
  if (at == std::string::npos) return;
  std::string rest = message.substr(at + marker.size());
  size_t comma = rest.rfind(", ");
  if (comma != std::string::npos) rest = rest.substr(comma + 2);
  size_t end = rest.find_first_of(" \n");
  if (end != std::string::npos) rest = rest.substr(0, end);
  size_t dot = rest.find('.');
  if (dot == std::string::npos) return;
  out.table = rest.substr(0, dot);
  out.column = rest.substr(dot + 1);
}

// The connection's sqlite3 handle. The driver does not export its backend's type
// information, which the sanitizer's check of this (well-defined) downcast would need.
__attribute__((no_sanitize("vptr"))) sqlite_api::sqlite3* NativeHandle(soci::session& session) {
  return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

class SqliteDialect : public sql::Dialect {
 public:
  explicit SqliteDialect(std::string path) : path_(std::move(path)) {}

  std::string Engine() const override { return "sqlite"; }

  void Connect(soci::session& session) const override {
    // SOCI reads "key=value" pairs when the text holds '='; a plain path otherwise.
    std::string connect = path_.find('=') == std::string::npos ? path_ : "db=" + path_;
    session.open(soci::sqlite3, connect);
    // Extended codes tell a unique violation from a foreign key violation.
    sqlite_api::sqlite3_extended_result_codes(NativeHandle(session), 1);
    session << "PRAGMA busy_timeout = 5000";
    if (path_ != ":memory:") session << "PRAGMA journal_mode = WAL";
    session << "PRAGMA foreign_keys = ON";
    session << "PRAGMA synchronous = NORMAL";
  }

  std::string TypeFor(std::string_view token) const override {
    if (token == "id") return "INTEGER PRIMARY KEY AUTOINCREMENT";
    if (token == "int" || token == "bool") return "INTEGER";
    if (token == "real") return "REAL";
    return "";
  }

  // IMMEDIATE takes the write lock at the start: two deferred transactions that both
  // read and then write would each wait for the other's lock until one times out.
  std::string Begin(bool write) const override { return write ? "BEGIN IMMEDIATE" : "BEGIN"; }

  // AUTOINCREMENT keeps its counter above every id inserted, explicit ones included.
  std::string ResetIdentity(const std::string&) const override { return ""; }
  std::string RefreshStatistics() const override { return "ANALYZE"; }

  SqlBuilder TableColumnsQuery(const std::string& table) const override {
    SqlBuilder q;
    q << "SELECT name FROM pragma_table_info(";
    q.Param(Kind::kText, table) << ") ORDER BY cid";
    return q;
  }

  SqlBuilder TableExistsQuery(const std::string& table) const override {
    SqlBuilder q;
    q << "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ";
    q.Param(Kind::kText, table);
    return q;
  }

  DbError Classify(const std::exception& error) const override {
    DbError out;
    int code = 0;
    if (const auto* sqlite_error = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
      code = sqlite_error->result();
    }
    const auto* soci_error = dynamic_cast<const soci::soci_error*>(&error);
    // The message without SOCI's context, which would repeat the bound values.
    out.message = soci_error != nullptr ? soci_error->get_error_message() : error.what();
    const std::string& m = out.message;
    int primary = code & 0xff;
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY ||
        m.find("UNIQUE constraint failed") != std::string::npos) {
      out.code = ErrorCode::kDuplicate;
      TableAndColumn(m, "constraint failed: ", out);
    } else if (code == SQLITE_CONSTRAINT_FOREIGNKEY ||
               m.find("FOREIGN KEY constraint failed") != std::string::npos) {
      out.code = ErrorCode::kInvalidReference;
    } else if (code == SQLITE_CONSTRAINT_NOTNULL ||
               m.find("NOT NULL constraint failed") != std::string::npos) {
      out.code = ErrorCode::kValidation;
      TableAndColumn(m, "constraint failed: ", out);
    } else if (code == SQLITE_CONSTRAINT_CHECK ||
               m.find("CHECK constraint failed") != std::string::npos) {
      out.code = ErrorCode::kValidation;
    } else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED ||
               m.find("database is locked") != std::string::npos) {
      out.code = ErrorCode::kUnavailable;
    } else {
      out.code = ErrorCode::kInternal;
    }
    return out;
  }

 private:
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<Store>> Open(const std::string& path, int pool_size) {
  if (path.empty()) return Status::BadRequest("The SQLite database path is empty.");
  if (path.find('=') != std::string::npos && path.find(' ') != std::string::npos) {
    return Status::BadRequest("The SQLite database path '" + path +
                              "' has both '=' and a space, which the driver cannot take: "
                              "choose another path.");
  }
  if (path != ":memory:") {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(parent, ec);
      if (ec) {
        return Status(ErrorCode::kUnavailable, "Cannot create the folder '" + parent.string() +
                                                   "' for the database: " + ec.message());
      }
    }
  } else {
    pool_size = 1;
  }
  LOOKOUT_ASSIGN_OR_RETURN(auto store,
                           sql::SqlStore::Create(std::make_unique<SqliteDialect>(path), pool_size));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace lookout::store::sqlite
