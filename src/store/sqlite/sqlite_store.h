// The SQLite engine: the default, embedded in the Lookout process.
#ifndef LOOKOUT_STORE_SQLITE_SQLITE_STORE_H_
#define LOOKOUT_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "core/status.h"
#include "store/backup.h"
#include "store/store.h"

namespace lookout::store::sqlite {

// Opens the database file at `path` (creating it, and its folder, if missing) with
// `pool_size` connections, each in WAL mode with foreign keys on, a 5 s busy timeout and
// synchronous=NORMAL. ":memory:" opens a private in-memory database; it is served by one
// connection whatever `pool_size` says, because each SQLite connection would otherwise
// see a database of its own. Does not migrate.
Result<std::unique_ptr<Store>> Open(const std::string& path, int pool_size);

// store/backup.h on SQLite (sqlite_backup.cc). `path` is a database file, never
// ":memory:".
//
// Copies the database at `path` into the new file `file` with the online backup API, a
// megabyte a step so that no step holds the database for long; a copy that other
// connections' writes restart three times is finished in one step (which, in WAL mode,
// still lets them write). The copy is a plain rollback-journal database file.
Status CopyDatabase(const std::string& path, const std::string& file);
// The tables and views of the file at `path`; none when there is no file.
Result<TableList> ListTables(const std::string& path, int limit);
// Checks the copy in `file` with PRAGMA integrity_check, loads it into the (empty)
// database at `path` with the backup API in one step, which SQLite applies as one
// transaction, and checks the result. Creates the file (and its folder) when missing, and
// removes it again if the load fails.
Status LoadCopy(const std::string& path, const std::string& file);

}  // namespace lookout::store::sqlite

#endif  // LOOKOUT_STORE_SQLITE_SQLITE_STORE_H_
