// Backup and restore of a SQLite database with SQLite's online backup API.
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/sqlite/sqlite_store.h"

namespace lookout::store::sqlite {

namespace {

// Pages copied per step: 1 MiB at the default page size. Between steps the database is
// free for others.
constexpr int kPagesPerStep = 256;
// Writes by other connections restart a copy; after this many restarts the rest is copied
// in one step, which in WAL mode reads one snapshot while writers carry on.
constexpr int kRestartsBeforeOneStep = 3;
// How long a copy waits for a lock another connection holds before giving up.
constexpr auto kBusyPatience = std::chrono::seconds(30);
constexpr auto kBusyPause = std::chrono::milliseconds(20);

// One connection of our own, outside the store's pool, closed when it goes.
class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { (void)Close(); }

  // `what` names the file in errors ("the database", "the backup's data file").
  Status Open(const std::string& path, int flags, const std::string& what) {
    path_ = path;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      const std::string reason = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      (void)Close();
      return Status(ErrorCode::kUnavailable, "Cannot open " + what + " " + path + ": " + reason +
                                                 ".");
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    return Status::Ok();
  }

  // The first column of every row `sql` returns, as text ("" for NULL).
  Result<std::vector<std::string>> Column(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr);
    std::vector<std::string> out;
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
      rc = sqlite3_step(statement);
      if (rc == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(statement, 0);
        out.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
      }
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) return Failure();
    return out;
  }

  // The error of the connection's last call, naming the file.
  Status Failure() const {
    const int code = sqlite3_extended_errcode(db_);
    const int primary = code & 0xff;
    const std::string message = path_ + ": " + sqlite3_errmsg(db_) + ".";
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
      return Status(ErrorCode::kUnavailable, "The database is busy: " + message);
    }
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
      return Status::Conflict("Not a sound SQLite database: " + message);
    }
    return Status::Internal(message);
  }

  // Closes the connection; an error when SQLite could not finish writing the file.
  Status Close() {
    if (db_ == nullptr) return Status::Ok();
    const int rc = sqlite3_close_v2(db_);
    db_ = nullptr;
    if (rc != SQLITE_OK) return Status::Internal("Could not close " + path_ + ": " +
                                                 sqlite3_errstr(rc) + ".");
    return Status::Ok();
  }

  sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// The problems PRAGMA integrity_check reports (none when the database is sound), the
// first few of them.
Result<std::vector<std::string>> IntegrityProblems(Connection& db) {
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<std::string> rows, db.Column("PRAGMA integrity_check(5)"));
  if (rows.size() == 1 && rows[0] == "ok") return std::vector<std::string>{};
  return rows;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

// Runs the backup from `source` into `target`, `pages` at a step (-1: all at once),
// switching to one step after repeated restarts. Returns the result of the last step
// (SQLITE_DONE on success) and finishes the backup.
int RunBackup(Connection& target, Connection& source, int pages) {
  sqlite3_backup* backup = sqlite3_backup_init(target.get(), "main", source.get(), "main");
  if (backup == nullptr) return sqlite3_errcode(target.get());
  int restarts = 0;
  int last_done = -1;
  auto busy_since = std::chrono::steady_clock::time_point{};
  int rc = SQLITE_OK;
  while (true) {
    rc = sqlite3_backup_step(backup, restarts >= kRestartsBeforeOneStep ? -1 : pages);
    if (rc == SQLITE_DONE) break;
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
      const auto now = std::chrono::steady_clock::now();
      if (busy_since == std::chrono::steady_clock::time_point{}) busy_since = now;
      if (now - busy_since > kBusyPatience) break;
      std::this_thread::sleep_for(kBusyPause);
      continue;
    }
    if (rc != SQLITE_OK) break;
    busy_since = {};
    // A restart copies from the first page again: fewer pages done than a step ago.
    const int done = sqlite3_backup_pagecount(backup) - sqlite3_backup_remaining(backup);
    if (done <= last_done) ++restarts;
    last_done = done;
    // A moment between steps for writers waiting on a database in rollback-journal mode.
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const int finished = sqlite3_backup_finish(backup);
  return rc == SQLITE_DONE && finished != SQLITE_OK ? finished : rc;
}

std::string BackupError(int rc, Connection& target) {
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    return "another connection held the database locked for more than " +
           std::to_string(kBusyPatience.count()) + " s";
  }
  const char* message = sqlite3_errmsg(target.get());
  return std::string(sqlite3_errstr(rc)) +
         (message != nullptr && std::string(message) != sqlite3_errstr(rc)
              ? std::string(" (") + message + ")"
              : "");
}

void RemoveDatabaseFiles(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix, ec);
  }
}

}  // namespace

Status CopyDatabase(const std::string& path, const std::string& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound("There is no database file at " + path + ".");
  }
  Connection source;
  // Read and write, not read-only: a reader of a WAL database writes its shared memory.
  LOOKOUT_RETURN_IF_ERROR(source.Open(path, SQLITE_OPEN_READWRITE, "the database"));
  Connection copy;
  LOOKOUT_RETURN_IF_ERROR(
      copy.Open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "the backup file"));
  const int rc = RunBackup(copy, source, kPagesPerStep);
  if (rc != SQLITE_DONE) {
    return Status(ErrorCode::kUnavailable,
                  "Could not copy the database " + path + ": " + BackupError(rc, copy) + ".");
  }
  // The copy stands alone: rollback journal, so no -wal file belongs with it.
  LOOKOUT_ASSIGN_OR_RETURN(auto mode, copy.Column("PRAGMA journal_mode = DELETE"));
  if (mode.empty() || mode[0] != "delete") {
    return Status::Internal("The copy " + file + " stayed in journal mode " +
                            (mode.empty() ? "?" : mode[0]) + ".");
  }
  LOOKOUT_RETURN_IF_ERROR(copy.Close());
  return source.Close();
}

Result<TableList> ListTables(const std::string& path, int limit) {
  TableList out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  Connection db;
  LOOKOUT_RETURN_IF_ERROR(db.Open(path, SQLITE_OPEN_READWRITE, "the database"));
  LOOKOUT_ASSIGN_OR_RETURN(
      std::vector<std::string> names,
      db.Column("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND "
                "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
  out.count = static_cast<int64_t>(names.size());
  if (static_cast<int>(names.size()) > limit) names.resize(static_cast<size_t>(limit));
  out.names = std::move(names);
  return out;
}

Status LoadCopy(const std::string& path, const std::string& file) {
  Connection source;
  LOOKOUT_RETURN_IF_ERROR(source.Open(file, SQLITE_OPEN_READONLY, "the backup's data file"));
  Result<std::vector<std::string>> damage = IntegrityProblems(source);
  if (!damage.ok() || !damage.value().empty()) {
    return Status::Conflict("The backup's data file " + file + " is damaged: " +
                            (damage.ok() ? "PRAGMA integrity_check reports " +
                                               Joined(damage.value())
                                         : damage.status().message()) +
                            " Nothing was restored.");
  }

  std::error_code ec;
  const bool existed = std::filesystem::exists(path, ec);
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Status(ErrorCode::kUnavailable, "Cannot create the folder " + parent.string() +
                                                 " for the database: " + ec.message() + ".");
    }
  }
  Connection target;
  // Whatever goes wrong from here, a file this load created goes again.
  struct Undo {
    Connection& target;
    const std::string& path;
    bool armed;
    ~Undo() {
      if (!armed) return;
      (void)target.Close();
      RemoveDatabaseFiles(path);
    }
  } undo{target, path, !existed};
  LOOKOUT_RETURN_IF_ERROR(
      target.Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "the database"));
  // A database in WAL mode cannot take pages of another size: load in rollback mode.
  LOOKOUT_ASSIGN_OR_RETURN(auto mode, target.Column("PRAGMA journal_mode = DELETE"));
  if (mode.empty() || mode[0] != "delete") {
    return Status::Conflict("The database " + path +
                            " is open in another process (is a lookout serving it?): stop it "
                            "and restore again. Nothing was restored.");
  }
  const int rc = RunBackup(target, source, -1);
  if (rc != SQLITE_DONE) {
    return Status(ErrorCode::kUnavailable, "Could not restore into " + path + ": " +
                                               BackupError(rc, target) +
                                               ". Nothing was restored.");
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<std::string> problems, IntegrityProblems(target));
  if (!problems.empty()) {
    return Status::Internal("The restored database " + path + " fails PRAGMA integrity_check (" +
                            Joined(problems) + ")" +
                            (existed ? ": it holds the copy but must not be used; empty it "
                                       "or choose another file and restore again."
                                     : ", so it was removed again."));
  }
  LOOKOUT_ASSIGN_OR_RETURN(mode, target.Column("PRAGMA journal_mode = WAL"));
  LOOKOUT_RETURN_IF_ERROR(target.Close());
  undo.armed = false;
  return source.Close();
}

}  // namespace lookout::store::sqlite
