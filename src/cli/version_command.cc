// lookout version (and lookout --version)
#include <CLI/CLI.hpp>

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
    // The migrations this binary carries, without touching (or creating) the database.
    context.out() << "lookout " << Version() << "\n"
                  << "commit " << Commit() << "\n"
                  << "schema version " << store::LatestSchemaVersion() << "\n";
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Command> MakeVersionCommand() { return std::make_unique<VersionCommand>(); }

}  // namespace lookout::cli
