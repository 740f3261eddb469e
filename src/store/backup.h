// Copies of a whole database, taken while other connections go on writing, and loaded
// back into an empty database: the engine half of `lookout backup` and `lookout restore`
// (app/backup.h writes and checks the folder and manifest around them).
//
// SQLite: the online backup API copies the live database page by page into a plain
// database file (rollback journal, no -wal file needed). PostgreSQL: pg_dump's custom
// format, one snapshot of the whole database, loaded with pg_restore in one transaction.
// The PostgreSQL client tools are found on the PATH; a password in the URL reaches them
// through the PGPASSWORD variable, never their command line.
#ifndef LOOKOUT_STORE_BACKUP_H_
#define LOOKOUT_STORE_BACKUP_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace lookout::store {

// What a copy holds besides its bytes.
struct CopyDetails {
  std::string engine;  // "sqlite" or "postgresql"
  // PostgreSQL: the schema the database URL resolves to, where Lookout's tables are
  // ("public" unless the URL sets search_path). Empty on SQLite.
  std::string schema;
};

// "SQLite" or "PostgreSQL", for people.
std::string EngineName(const std::string& engine);

// The name a copy's data file gets in a backup folder: "lookout.db" (SQLite) or
// "lookout.pgdump" (PostgreSQL).
std::string CopyFileName(const std::string& engine);

// Writes a consistent copy of the database at `url` to `file`, which must not exist.
// Other connections may go on writing meanwhile. Errors name what failed; on an error
// `file` may be left half written (the caller writes into a folder it removes).
Result<CopyDetails> CopyDatabase(const std::string& url, const std::string& file);

// The tables (and views and sequences) the database at `url` holds: SQLite, those of the
// file (none when the file does not exist); PostgreSQL, those of every schema but the
// system's, as "schema.name". At most `limit` names; `count` is how many there are.
struct TableList {
  std::vector<std::string> names;
  int64_t count = 0;
};
Result<TableList> ListTables(const std::string& url, int limit = 5);
// Whether the copy `details` describes may be loaded into the database at `url`: OK when
// that database is of the copy's engine and empty (ListTables finds nothing); kConflict
// saying which is not so otherwise, naming the first few tables it holds.
Status CheckTarget(const std::string& url, const CopyDetails& details);

// Loads the copy in `file` (written by CopyDatabase, described by `details`) into the
// database at `url`, after CheckTarget. All or nothing: on any error the target is as it
// was (a SQLite file that did not exist is removed again). SQLite: the copy must pass
// PRAGMA integrity_check before it is loaded, and the target after. PostgreSQL: the URL
// must resolve to the schema the copy's tables were in (kConflict otherwise, naming
// both), and pg_restore runs in a single transaction, stopping at the first error.
Status LoadCopy(const std::string& url, const std::string& file, const CopyDetails& details);

}  // namespace lookout::store

#endif  // LOOKOUT_STORE_BACKUP_H_
