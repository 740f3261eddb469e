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
  domain::FieldDef id;
  id.name = "id";
  id.type = domain::FieldType::kInt;
  id.label = "Id";
  id.help = "Lookout's id of the record; empty in a new row to let Lookout choose one";
  columns.push_back(id);
  for (const domain::FieldDef& f : entity.fields) {
    // A field named like a meta column that an import sets (version, created_*, ...)
    // cannot round-trip: the meta column is what the record holds under that name.
    if (IsSetByImport(f.name)) continue;
    columns.push_back(f);
  }
  domain::FieldDef archived;
  archived.name = "archived";
  archived.type = domain::FieldType::kBool;
  archived.label = "Archived";
  archived.help = "true for an archived record; false or empty for a live one";
  columns.push_back(archived);
  domain::FieldDef archived_at;
  archived_at.name = "archived_at";
  archived_at.type = domain::FieldType::kText;
  archived_at.label = "Archived at";
  archived_at.help = "UTC timestamp YYYY-MM-DDTHH:MM:SSZ of the archiving; empty when live";
  columns.push_back(archived_at);
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
