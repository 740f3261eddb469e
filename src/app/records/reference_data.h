// The reference data every Lookout database starts with: the programme regions, the
// police forces (both from data/reference/*.csv, compiled into the binary) and the
// sector taxonomy; and the programme record itself. `lookout init` loads them. Loading
// goes through Services::Import and Services::Create, so it is validated and audited like
// any other change, and it only adds what is absent: running it again changes nothing.
#ifndef LOOKOUT_APP_RECORDS_REFERENCE_DATA_H_
#define LOOKOUT_APP_RECORDS_REFERENCE_DATA_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/records/services.h"
#include "core/embedded_file.h"
#include "core/status.h"
#include "core/value.h"

namespace lookout::app {

// data/reference/*.csv, compiled into the binary, in name order.
const std::vector<EmbeddedFile>& EmbeddedReferenceFiles();

// The reference records as the entities of domain/schema.h hold them, without ids.
// regions.csv: region_code -> code, region -> name, nation, also_known_as -> aliases.
// police_forces.csv: police_uk_id -> code, force -> name, region_code -> region,
// pfa_code, rocu, note. Errors (kInternal) only if the embedded files are malformed.
Result<std::vector<Record>> ReferenceRegions();
Result<std::vector<Record>> ReferencePoliceForces();
// The sector taxonomy: police, btp, rocu, local_authority, health, education, transport,
// hospitality, retail_fast_food, vcs, national_government, business, other; each with
// the stakeholder label reports attribute quotes by, all active.
std::vector<Record> ReferenceSectors();

struct ReferenceLoad {
  int64_t regions_added = 0;
  int64_t police_forces_added = 0;
  int64_t sectors_added = 0;
  int64_t Total() const { return regions_added + police_forces_added + sectors_added; }
};

// Adds every region, police force and sector whose code is not in the database yet
// (archived records count as present: an archived sector stays archived). Records that
// exist are left as they are, even when they differ from the embedded data: an
// administrator may have edited them. Each kind is one all-or-nothing import.
Result<ReferenceLoad> LoadReferenceData(Services& services, const Actor& actor);

struct ProgrammeSettings {
  std::string name = "Prevention Programme";
  std::string funder;       // empty: none recorded
  int fy_start_month = 4;   // April
};

// Records the programme unless one exists. Returns whether it created one.
Result<bool> EnsureProgramme(Services& services, const Actor& actor,
                             const ProgrammeSettings& settings);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_RECORDS_REFERENCE_DATA_H_
