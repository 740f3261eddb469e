#include "app/records/reference_data.h"

#include <map>
#include <set>

#include "domain/schema.h"
#include "io/csv.h"

namespace lookout::app {

namespace {

const EmbeddedFile* FindEmbedded(std::string_view name) {
  for (const EmbeddedFile& f : EmbeddedReferenceFiles()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

// Reads an embedded CSV file and maps its columns to fields: `mapping` is
// (file column, field name). Empty cells are left out of the record.
Result<std::vector<Record>> ReadEmbedded(
    std::string_view file, const std::vector<std::pair<std::string, std::string>>& mapping) {
  const EmbeddedFile* embedded = FindEmbedded(file);
  if (embedded == nullptr) {
    return Status::Internal("The reference file " + std::string(file) +
                            " is not compiled into this binary.");
  }
  auto table = io::ParseCsv(embedded->contents);
  if (!table.ok()) {
    return Status::Internal("The reference file " + std::string(file) +
                            " is malformed: " + table.status().ToString());
  }
  std::vector<int> index;
  for (const auto& [column, field] : mapping) {
    int found = -1;
    for (size_t i = 0; i < table->header.size(); ++i) {
      if (table->header[i] == column) found = static_cast<int>(i);
    }
    if (found < 0) {
      return Status::Internal("The reference file " + std::string(file) + " has no column " +
                              column + ".");
    }
    index.push_back(found);
  }
  std::vector<Record> records;
  for (const io::CsvTable::Row& row : table->rows) {
    if (row.cells.size() != table->header.size()) {
      return Status::Internal("The reference file " + std::string(file) + " has a malformed line " +
                              std::to_string(row.line) + ".");
    }
    Record r;
    for (size_t m = 0; m < mapping.size(); ++m) {
      const std::string& cell = row.cells[static_cast<size_t>(index[m])];
      if (!cell.empty()) r.Set(mapping[m].second, cell);
    }
    records.push_back(std::move(r));
  }
  return records;
}

Record Sector(std::string code, std::string name, std::string stakeholder_label) {
  Record r;
  r.Set("code", std::move(code));
  r.Set("name", std::move(name));
  r.Set("stakeholder_label", std::move(stakeholder_label));
  r.Set("active", true);
  return r;
}

// Imports the records of `wanted` whose code the database does not hold yet.
Result<int64_t> AddMissing(Services& services, const Actor& actor, const domain::EntityDef& entity,
                           const std::vector<Record>& wanted) {
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> existing, services.ExportAll(actor, entity));
  std::set<std::string> codes;
  for (const Record& r : existing) codes.insert(r.Get(entity.code_field).ToDisplay());
  std::vector<ImportRow> rows;
  for (size_t i = 0; i < wanted.size(); ++i) {
    if (codes.count(wanted[i].Get(entity.code_field).ToDisplay()) != 0) continue;
    rows.push_back({static_cast<int64_t>(i) + 2, wanted[i]});  // line in the file
  }
  if (rows.empty()) return int64_t{0};
  const int64_t count = static_cast<int64_t>(rows.size());
  LOOKOUT_ASSIGN_OR_RETURN(ImportReport report,
                           services.Import(actor, entity, std::move(rows), /*dry_run=*/false));
  if (!report.errors.empty()) {
    std::vector<FieldError> fields;
    for (const ImportIssue& e : report.errors) {
      fields.push_back(
          {"line " + std::to_string(e.line) + (e.column.empty() ? "" : ", column " + e.column),
           e.message});
    }
    return Status(ErrorCode::kInternal,
                  "The built-in " + entity.label + " reference data was refused.",
                  std::move(fields));
  }
  return count;
}

}  // namespace

Result<std::vector<Record>> ReferenceRegions() {
  return ReadEmbedded("regions.csv", {{"region_code", "code"},
                                      {"region", "name"},
                                      {"in_sentences", "prose_name"},
                                      {"nation", "nation"},
                                      {"also_known_as", "aliases"}});
}

Result<std::vector<Record>> ReferencePoliceForces() {
  return ReadEmbedded("police_forces.csv", {{"police_uk_id", "code"},
                                            {"force", "name"},
                                            {"region_code", "region"},
                                            {"pfa_code", "pfa_code"},
                                            {"rocu", "rocu"},
                                            {"note", "note"}});
}

std::vector<Record> ReferenceSectors() {
  return {
      Sector("police", "Police", "Police Stakeholder"),
      Sector("btp", "British Transport Police", "BTP representative"),
      Sector("rocu", "Regional organised crime unit", "ROCU Stakeholder"),
      Sector("local_authority", "Local authority", "Local Government Stakeholder"),
      Sector("health", "Health", "Health Stakeholder"),
      Sector("education", "Education", "Education Stakeholder"),
      Sector("transport", "Transport operator", "Transport Operator Stakeholder"),
      Sector("hospitality", "Hospitality and hotels", "Hospitality Stakeholder"),
      Sector("retail_fast_food", "Retail and fast food", "Retail and Fast Food Stakeholder"),
      Sector("vcs", "Voluntary and community sector",
             "Voluntary and Community Sector Organisation Stakeholder"),
      Sector("national_government", "National government", "National Government Stakeholder"),
      Sector("business", "Business", "Business Stakeholder"),
      Sector("other", "Other", "Stakeholder"),
  };
}

Result<ReferenceLoad> LoadReferenceData(Services& services, const Actor& actor) {
  ReferenceLoad load;
  // Regions first: police forces refer to them.
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> regions, ReferenceRegions());
  LOOKOUT_ASSIGN_OR_RETURN(load.regions_added,
                           AddMissing(services, actor, domain::RegionEntity(), regions));
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> forces, ReferencePoliceForces());
  LOOKOUT_ASSIGN_OR_RETURN(load.police_forces_added,
                           AddMissing(services, actor, domain::PoliceForceEntity(), forces));
  LOOKOUT_ASSIGN_OR_RETURN(load.sectors_added,
                           AddMissing(services, actor, domain::SectorEntity(), ReferenceSectors()));
  return load;
}

Result<bool> EnsureProgramme(Services& services, const Actor& actor,
                             const ProgrammeSettings& settings) {
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> existing,
                           services.ExportAll(actor, domain::ProgrammeEntity()));
  if (!existing.empty()) return false;
  Record programme;
  programme.Set("name", settings.name);
  if (!settings.funder.empty()) programme.Set("funder", settings.funder);
  programme.Set("fy_start_month", static_cast<int64_t>(settings.fy_start_month));
  LOOKOUT_ASSIGN_OR_RETURN(Saved saved,
                           services.Create(actor, domain::ProgrammeEntity(), std::move(programme)));
  (void)saved;
  return true;
}

}  // namespace lookout::app
