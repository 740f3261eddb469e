// store::Open: picks the engine from the database URL.
#include <algorithm>
#include <string_view>

#include "store/postgres/postgres_store.h"
#include "store/sql/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace lookout::store {

namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}
bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

Result<Location> Locate(const std::string& url) {
  if (url == "sqlite::memory:") return Location{"sqlite", ":memory:"};
  if (StartsWith(url, "sqlite:")) {
    std::string path = url.substr(7);
    // "sqlite:///var/lookout.db" is accepted as well as "sqlite:/var/lookout.db".
    if (StartsWith(path, "//")) path = path.substr(2);
    if (path.empty()) return Status::BadRequest("The database URL 'sqlite:' names no file.");
    return Location{"sqlite", path};
  }
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return Location{"postgresql", url};
  }
  if (EndsWith(url, ".db") && url.find("://") == std::string::npos) {
    return Location{"sqlite", url};
  }
  // Only the scheme is echoed: the rest of a mistyped URL may hold a password.
  std::string scheme = url.substr(0, url.find(':'));
  if (scheme.size() > 20 || scheme == url)
    scheme = url.size() > 20 ? url.substr(0, 20) + "..." : url;
  return Status::BadRequest("Unknown kind of database '" + scheme +
                            "': use sqlite:PATH, sqlite::memory:, a file path ending in .db, or "
                            "postgresql://USER@HOST:PORT/DATABASE.");
}

Result<std::unique_ptr<Store>> Open(const std::string& url, int pool_size) {
  if (pool_size < 1) {
    return Status::BadRequest("The connection pool needs at least one connection, not " +
                              std::to_string(pool_size) + ".");
  }
  LOOKOUT_ASSIGN_OR_RETURN(Location location, Locate(url));
  if (location.engine == "sqlite") return sqlite::Open(location.target, pool_size);
  return postgres::Open(location.target, pool_size);
}

int LatestSchemaVersion() {
  int latest = 0;
  for (const sql::EmbeddedMigration& m : sql::EmbeddedMigrations()) {
    latest = std::max(latest, m.version);
  }
  return latest;
}

}  // namespace lookout::store
