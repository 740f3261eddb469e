// The SQLite engine: the default, embedded in the Lookout process.
#ifndef LOOKOUT_STORE_SQLITE_SQLITE_STORE_H_
#define LOOKOUT_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace lookout::store::sqlite {

// Opens the database file at `path` (creating it, and its folder, if missing) with
// `pool_size` connections, each in WAL mode with foreign keys on, a 5 s busy timeout and
// synchronous=NORMAL. ":memory:" opens a private in-memory database; it is served by one
// connection whatever `pool_size` says, because each SQLite connection would otherwise
// see a database of its own. Does not migrate.
Result<std::unique_ptr<Store>> Open(const std::string& path, int pool_size);

}  // namespace lookout::store::sqlite

#endif  // LOOKOUT_STORE_SQLITE_SQLITE_STORE_H_
