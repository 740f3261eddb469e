// The PostgreSQL engine, for deployments with several Lookout processes or more data.
#ifndef LOOKOUT_STORE_POSTGRES_POSTGRES_STORE_H_
#define LOOKOUT_STORE_POSTGRES_POSTGRES_STORE_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/backup.h"
#include "store/store.h"

namespace lookout::store::postgres {

// Opens `pool_size` connections to the "postgresql://..." (or "postgres://...") URL, as
// libpq reads it (user, password, host, port, database, ?options=...). kUnavailable when
// the server cannot be reached. Does not migrate.
Result<std::unique_ptr<Store>> Open(const std::string& url, int pool_size);

// The URL as libpq keyword/value pairs ("host='127.0.0.1' port='5432' ..."), the form the
// driver passes through unchanged. kBadRequest when libpq cannot read the URL.
Result<std::string> ConnectionString(const std::string& url);

// The same pairs one by one (keyword, value), and back to text with each value quoted.
using ConnectionParameters = std::vector<std::pair<std::string, std::string>>;
Result<ConnectionParameters> ParseConnection(const std::string& url);
std::string ConnectionText(const ConnectionParameters& parameters);

// store/backup.h on PostgreSQL (postgres_backup.cc), with pg_dump and pg_restore.
//
// Dumps the whole database at `url` with pg_dump --format=custom into the new file
// `file`; returns the schema the URL resolves to (where Lookout's tables are).
Result<std::string> CopyDatabase(const std::string& url, const std::string& file);
// The tables, views and sequences of every schema but the system's, as "schema.name".
Result<TableList> ListTables(const std::string& url, int limit);
// Loads the dump in `file` into the (empty) database at `url` with pg_restore
// --no-owner --no-privileges --exit-on-error --single-transaction, after checking that
// the URL resolves to `schema`, the schema the dump's Lookout tables are in.
Status LoadCopy(const std::string& url, const std::string& file, const std::string& schema);

}  // namespace lookout::store::postgres

#endif  // LOOKOUT_STORE_POSTGRES_POSTGRES_STORE_H_
