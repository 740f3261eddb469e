// lookout version (and lookout --version)
#include <CLI/CLI.hpp>
#include <algorithm>

#include "cli/command.h"
#include "cli/version.h"

namespace lookout::cli {

namespace {

class VersionCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText("Shows this lookout's version, the commit it was built from and the "
                    "database schema version it carries."));
  }

  Status Execute(Context& context) override {
    // An in-memory database answers which migrations this binary carries without
    // touching (or creating) the configured one.
    LOOKOUT_ASSIGN_OR_RETURN(auto memory, store::Open("sqlite::memory:", 1));
    int schema = 0;
    for (const auto& m : memory->KnownMigrations()) schema = std::max(schema, m.version);
    context.out() << "lookout " << Version() << "\n"
                  << "commit " << Commit() << "\n"
                  << "schema version " << schema << "\n";
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Command> MakeVersionCommand() { return std::make_unique<VersionCommand>(); }

}  // namespace lookout::cli
