// The schema migrations compiled into the binary (generated from migrations/*.sql).
// The SQL is written once for both engines; the tokens {{id}}, {{int}}, {{real}} and
// {{bool}} are replaced by each engine's dialect before it runs.
#ifndef LOOKOUT_STORE_SQL_MIGRATIONS_H_
#define LOOKOUT_STORE_SQL_MIGRATIONS_H_

#include <vector>

namespace lookout::store::sql {

struct EmbeddedMigration {
  int version;
  const char* name;
  const char* sql;
};

// In version order.
const std::vector<EmbeddedMigration>& EmbeddedMigrations();

}  // namespace lookout::store::sql

#endif  // LOOKOUT_STORE_SQL_MIGRATIONS_H_
