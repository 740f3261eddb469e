// The steps of `lookout init`, shared with `lookout demo` (which initialises first).
#ifndef LOOKOUT_CLI_INIT_STEPS_H_
#define LOOKOUT_CLI_INIT_STEPS_H_

#include <cstdint>

#include "app/reference_data.h"
#include "cli/command.h"

namespace lookout::cli {

struct InitOutcome {
  int64_t migrations_applied = 0;
  app::ReferenceLoad reference;
  bool programme_created = false;
  bool changed() const {
    return migrations_applied > 0 || reference.Total() > 0 || programme_created;
  }
};

// Creates the database if needed, applies pending migrations, loads missing reference
// data and records the programme if absent, printing one line per step to
// context.out(). Idempotent.
Result<InitOutcome> RunInit(Context& context, const app::ProgrammeSettings& settings);

}  // namespace lookout::cli

#endif  // LOOKOUT_CLI_INIT_STEPS_H_
