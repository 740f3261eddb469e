#include "cli/init_steps.h"

#include "domain/schema.h"

namespace lookout::cli {

namespace {
const char* MonthName(int month) {
  static const char* kNames[] = {"January", "February", "March",     "April",
                                 "May",     "June",     "July",      "August",
                                 "September", "October", "November", "December"};
  return month >= 1 && month <= 12 ? kNames[month - 1] : "?";
}
}  // namespace

Result<InitOutcome> RunInit(Context& context, const app::ProgrammeSettings& settings) {
  InitOutcome outcome;
  std::ostream& out = context.out();
  LOOKOUT_ASSIGN_OR_RETURN(store::Store * store, context.OpenStore(OpenMode::kAsIs));
  LOOKOUT_ASSIGN_OR_RETURN(auto applied, store->Migrate(/*dry_run=*/false));
  LOOKOUT_ASSIGN_OR_RETURN(int schema, store->SchemaVersion());
  outcome.migrations_applied = static_cast<int64_t>(applied.size());
  if (applied.empty()) {
    out << "Schema: up to date (version " << schema << ").\n";
  } else {
    out << "Schema: applied " << applied.size() << " migration" << (applied.size() == 1 ? "" : "s")
        << ", now at version " << schema << ".\n";
  }

  LOOKOUT_ASSIGN_OR_RETURN(app::Services * services, context.OpenServices(OpenMode::kAsIs));
  LOOKOUT_ASSIGN_OR_RETURN(outcome.reference, app::LoadReferenceData(*services, context.actor()));
  if (outcome.reference.Total() == 0) {
    out << "Reference data: already loaded.\n";
  } else {
    out << "Reference data: added " << outcome.reference.regions_added << " regions, "
        << outcome.reference.police_forces_added << " police forces, "
        << outcome.reference.sectors_added << " sectors.\n";
  }

  LOOKOUT_ASSIGN_OR_RETURN(outcome.programme_created,
                           app::EnsureProgramme(*services, context.actor(), settings));
  if (outcome.programme_created) {
    out << "Programme: recorded \"" << settings.name << "\""
        << (settings.funder.empty() ? "" : ", funded by " + settings.funder)
        << "; its financial year starts in " << MonthName(settings.fy_start_month) << ".\n";
  } else {
    out << "Programme: already recorded (change it through the API, not init).\n";
  }
  return outcome;
}

}  // namespace lookout::cli
