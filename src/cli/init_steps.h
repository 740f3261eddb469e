// The steps of `lookout init`, shared with `lookout demo` (which initialises first).
#ifndef LOOKOUT_CLI_INIT_STEPS_H_
#define LOOKOUT_CLI_INIT_STEPS_H_

#include <cstdint>
#include <string>

#include "app/records/reference_data.h"
#include "cli/command.h"

namespace lookout::cli {

// The first administrator `lookout init` creates when no account exists yet.
struct FirstAdminRequest {
  std::string email;  // empty: create none, and say how to
  std::string name = "Administrator";
  // Empty: a random one-time password is printed, to be changed at the first sign-in.
  // Otherwise (from LOOKOUT_ADMIN_PASSWORD) checked against the password policy and kept.
  std::string password;
};

struct InitOutcome {
  int64_t migrations_applied = 0;
  app::ReferenceLoad reference;
  bool programme_created = false;
  bool admin_created = false;
  bool changed() const {
    return migrations_applied > 0 || reference.Total() > 0 || programme_created || admin_created;
  }
};

// Creates the database if needed, applies pending migrations, loads missing reference
// data and records the programme if absent, printing one line per step to
// context.out(). With `admin`, also creates the first administrator when there is no
// account yet (printing a generated one-time password once), or says how to. Idempotent.
Result<InitOutcome> RunInit(Context& context, const app::ProgrammeSettings& settings,
                            const FirstAdminRequest* admin = nullptr);

}  // namespace lookout::cli

#endif  // LOOKOUT_CLI_INIT_STEPS_H_
