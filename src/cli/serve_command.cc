// lookout serve [--bind ADDRESS] [--port N] [--workers N]
#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/serve_steps.h"

namespace lookout::cli {

namespace {

class ServeCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "Serves the JSON API over HTTP until interrupted (Ctrl-C or SIGTERM), then stops "
        "cleanly. A new database is created and migrated first; an older schema must be "
        "migrated with `lookout migrate`."));
    AddServeOptions(app, request_);
  }

  Status Execute(Context& context) override {
    LOOKOUT_ASSIGN_OR_RETURN(app::Services * services,
                             context.OpenServices(OpenMode::kCreateIfNew));
    if (context.created_schema()) {
      context.out() << "Created the tables of the new database " << context.database_url()
                    << "; `lookout init` loads the reference data and the programme.\n";
    }
    return ServeUntilSignalled(context, *services, request_);
  }

 private:
  ServeRequest request_;
};

}  // namespace

std::unique_ptr<Command> MakeServeCommand() { return std::make_unique<ServeCommand>(); }

}  // namespace lookout::cli
