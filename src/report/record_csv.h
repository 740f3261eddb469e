// Records of one entity kind as a CSV export, driven by the entity's definition: the
// columns are id, the entity's fields in definition order, archived and archived_at;
// values are written with domain::FormatFieldText. This is the file format of
// `lookout export KIND --format csv`, which `lookout import` reads back (see
// docs/data-formats.md). Stable: columns are added, never renamed or removed.
#ifndef LOOKOUT_REPORT_RECORD_CSV_H_
#define LOOKOUT_REPORT_RECORD_CSV_H_

#include <string>
#include <vector>

#include "core/value.h"
#include "domain/schema.h"

namespace lookout::report {

// The definitions of the columns a file of `entity` has, in export order. The meta
// columns are described as fields too (id: integer, archived: boolean, archived_at: text
// holding a UTC timestamp), so that one code path reads and writes every column. A field
// that shares its name with a meta column an import sets (version, created_at,
// created_by, updated_at, updated_by) is left out: the record holds the meta value under
// that name, and an import may not write it.
std::vector<domain::FieldDef> ExportColumns(const domain::EntityDef& entity);

// The header line and one line per record, in the order given.
std::string RecordsToCsv(const domain::EntityDef& entity, const std::vector<Record>& records);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_RECORD_CSV_H_
