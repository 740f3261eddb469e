#include "cli/init_steps.h"

#include <memory>
#include <vector>

#include "app/accounts/accounts.h"
#include "domain/schema.h"

namespace lookout::cli {

namespace {
const char* MonthName(int month) {
  static const char* kNames[] = {"January", "February", "March",     "April",
                                 "May",     "June",     "July",      "August",
                                 "September", "October", "November", "December"};
  return month >= 1 && month <= 12 ? kNames[month - 1] : "?";
}
// The accounts step: the first administrator, when there is no account yet.
Result<bool> EnsureFirstAdmin(Context& context, app::Services& services,
                              const FirstAdminRequest& admin) {
  std::ostream& out = context.out();
  LOOKOUT_ASSIGN_OR_RETURN(std::unique_ptr<app::Accounts> accounts,
                           app::Accounts::Create(services.store(), services.clock()));
  LOOKOUT_ASSIGN_OR_RETURN(bool any, accounts->AnyAccount());
  if (any) {
    out << "Accounts: already set up";
    if (!admin.email.empty()) out << " (the first administrator is created only once)";
    out << "; manage them with `lookout user`.\n";
    return false;
  }
  if (admin.email.empty()) {
    out << "Accounts: none yet, so no one can sign in. Create the first administrator with "
           "`lookout init --admin-email EMAIL [--admin-name NAME]`.\n";
    return false;
  }
  Result<app::Accounts::FirstAdmin> created =
      accounts->CreateFirstAdmin(context.actor(), admin.name, admin.email, admin.password);
  if (!created.ok()) {
    Status status = created.TakeStatus();
    if (status.code() != ErrorCode::kValidation || admin.password.empty()) return status;
    // The policy speaks of "password": say where that password came from.
    std::vector<FieldError> fields;
    for (const FieldError& f : status.fields()) {
      fields.push_back({f.field == "password" ? "LOOKOUT_ADMIN_PASSWORD" : f.field, f.message});
    }
    return Status::Validation(std::move(fields), "The administrator's password from "
                                                 "LOOKOUT_ADMIN_PASSWORD is refused.");
  }
  out << "Accounts: created the first administrator, " << admin.name << " <" << admin.email
      << "> (staff id " << created->staff_id << ").\n";
  if (created->generated_password.empty()) {
    out << "  Their password is the one in LOOKOUT_ADMIN_PASSWORD.\n";
  } else {
    out << "  One-time password (shown only now; it must be changed at the first sign-in):\n"
        << "    " << created->generated_password << "\n";
  }
  return true;
}

}  // namespace

Result<InitOutcome> RunInit(Context& context, const app::ProgrammeSettings& settings,
                            const FirstAdminRequest* admin) {
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
  if (admin != nullptr) {
    LOOKOUT_ASSIGN_OR_RETURN(outcome.admin_created, EnsureFirstAdmin(context, *services, *admin));
  }
  return outcome;
}

}  // namespace lookout::cli
