# Turns store/sql/migrations/NNNN_name.sql into a C++ table of (version, name, sql),
# so the binary carries its migrations and needs no files at run time.
file(GLOB files "${DIR}/*.sql")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(base ${f} NAME_WE)
  string(REGEX MATCH "^([0-9]+)_(.*)$" _ ${base})
  if(NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "migration file name must be NNNN_name.sql: ${f}")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name ${CMAKE_MATCH_2})
  file(READ ${f} sql)
  string(APPEND body "  {${version}, \"${name}\", R\"lookout_sql(${sql})lookout_sql\"},\n")
endforeach()
file(WRITE "${OUT}.tmp"
"// Generated from src/store/sql/migrations by cmake/embed_migrations.cmake. Do not edit.
#include \"store/sql/migrations.h\"

namespace lookout::store::sql {
const std::vector<EmbeddedMigration>& EmbeddedMigrations() {
  static const std::vector<EmbeddedMigration> kMigrations = {
${body}  };
  return kMigrations;
}
}  // namespace lookout::store::sql
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
