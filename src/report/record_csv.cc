#include "report/record_csv.h"

#include "domain/rules.h"
#include "report/csv.h"

namespace lookout::report {

namespace {
bool IsSetByImport(const std::string& name) {
  return name == "version" || name == "created_at" || name == "created_by" ||
         name == "updated_at" || name == "updated_by";
}
}  // namespace

std::vector<domain::FieldDef> ExportColumns(const domain::EntityDef& entity) {
  std::vector<domain::FieldDef> columns;
  columns.push_back({.name = "id", .type = domain::FieldType::kInt, .label = "Id",
                     .help = "Lookout's id of the record; empty in a new row to let Lookout "
                             "choose one"});
  for (const domain::FieldDef& f : entity.fields) {
    // A field named like a meta column that an import sets (version, created_*, ...)
    // cannot round-trip: the meta column is what the record holds under that name.
    if (IsSetByImport(f.name)) continue;
    columns.push_back(f);
  }
  columns.push_back({.name = "archived", .type = domain::FieldType::kBool, .label = "Archived",
                     .help = "true for an archived record; false or empty for a live one"});
  columns.push_back({.name = "archived_at", .type = domain::FieldType::kText,
                     .label = "Archived at",
                     .help = "UTC timestamp YYYY-MM-DDTHH:MM:SSZ of the archiving; empty when "
                             "live"});
  return columns;
}

std::string RecordsToCsv(const domain::EntityDef& entity, const std::vector<Record>& records) {
  const std::vector<domain::FieldDef> columns = ExportColumns(entity);
  std::string out;
  std::vector<std::string> cells;
  for (const domain::FieldDef& c : columns) cells.push_back(c.name);
  AppendCsvRecord(out, cells);
  for (const Record& record : records) {
    cells.clear();
    for (const domain::FieldDef& c : columns) {
      const Value& v = record.Get(c.name);
      // A live record may carry archived as null; the file says false either way.
      if (c.name == "archived" && v.is_null()) {
        cells.push_back("false");
      } else {
        cells.push_back(domain::FormatFieldText(c, v));
      }
    }
    AppendCsvRecord(out, cells);
  }
  return out;
}

}  // namespace lookout::report
