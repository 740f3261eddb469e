// store/backup.h: picks the engine's way of copying from the database URL.
#include "store/backup.h"

#include <filesystem>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace lookout::store {

namespace {

// Where `url` points, refusing an in-memory database, which has nothing to copy to or
// from another process.
Result<Location> FileOrServer(const std::string& url, const char* doing) {
  LOOKOUT_ASSIGN_OR_RETURN(Location location, Locate(url));
  if (location.engine == "sqlite" && location.target == ":memory:") {
    return Status::BadRequest(std::string("An in-memory database cannot be ") + doing +
                              ": name a database file or server with --database.");
  }
  return location;
}

}  // namespace

std::string EngineName(const std::string& engine) {
  return engine == "sqlite" ? "SQLite" : engine == "postgresql" ? "PostgreSQL" : engine;
}

std::string CopyFileName(const std::string& engine) {
  return engine == "sqlite" ? "lookout.db" : "lookout.pgdump";
}

Result<CopyDetails> CopyDatabase(const std::string& url, const std::string& file) {
  LOOKOUT_ASSIGN_OR_RETURN(Location location, FileOrServer(url, "backed up"));
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    return Status::Conflict("The file " + file + " already exists: a copy is never written "
                            "over another file.");
  }
  CopyDetails details{location.engine, ""};
  if (location.engine == "sqlite") {
    LOOKOUT_RETURN_IF_ERROR(sqlite::CopyDatabase(location.target, file));
  } else {
    LOOKOUT_ASSIGN_OR_RETURN(details.schema, postgres::CopyDatabase(location.target, file));
  }
  return details;
}

Result<TableList> ListTables(const std::string& url, int limit) {
  LOOKOUT_ASSIGN_OR_RETURN(Location location, FileOrServer(url, "restored into"));
  if (location.engine == "sqlite") return sqlite::ListTables(location.target, limit);
  return postgres::ListTables(location.target, limit);
}

Status CheckTarget(const std::string& url, const CopyDetails& details) {
  LOOKOUT_ASSIGN_OR_RETURN(Location location, FileOrServer(url, "restored into"));
  if (location.engine != details.engine) {
    return Status::Conflict("This is a backup of a " + EngineName(details.engine) +
                            " database and the database to restore into is a " +
                            EngineName(location.engine) +
                            " one: a backup is restored only into a database of the same "
                            "kind. Nothing was restored.");
  }
  LOOKOUT_ASSIGN_OR_RETURN(TableList tables, ListTables(url, 5));
  if (tables.count == 0) return Status::Ok();
  std::string names;
  for (const std::string& name : tables.names) names += (names.empty() ? "" : ", ") + name;
  const int64_t more = tables.count - static_cast<int64_t>(tables.names.size());
  if (more > 0) names += " and " + std::to_string(more) + " more";
  return Status::Conflict("The database is not empty: it already holds " +
                          std::to_string(tables.count) + " table" +
                          (tables.count == 1 ? "" : "s") + " (" + names +
                          "). A backup is restored only into an empty database: create a new "
                          "one, or name another with --database. Nothing was restored.");
}

Status LoadCopy(const std::string& url, const std::string& file, const CopyDetails& details) {
  LOOKOUT_RETURN_IF_ERROR(CheckTarget(url, details));
  LOOKOUT_ASSIGN_OR_RETURN(Location location, Locate(url));
  if (location.engine == "sqlite") return sqlite::LoadCopy(location.target, file);
  return postgres::LoadCopy(location.target, file, details.schema);
}

}  // namespace lookout::store
