// lookout serve [--bind ADDRESS] [--port N] [--workers N] [--tls-cert PEM --tls-key PEM]
//               [--trusted-proxy ADDRESS]... [--metrics-token TOKEN]
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
        "migrated with `lookout migrate`. With --tls-cert and --tls-key it serves HTTPS "
        "(TLS 1.2 or later) itself; behind a reverse proxy that ends TLS, name the proxy "
        "with --trusted-proxy so that the client's address and scheme are taken from its "
        "X-Forwarded-For and X-Forwarded-Proto (see docs/security.md). GET /metrics answers "
        "in the Prometheus text format to this machine, or to a scraper elsewhere that sends "
        "the --metrics-token (see docs/operations.md)."));
    AddServeOptions(app, request_);
  }

  Status Execute(Context& context) override {
    LOOKOUT_ASSIGN_OR_RETURN(app::Services * services,
                             context.OpenServices(OpenMode::kCreateIfNew));
    if (context.created_schema()) {
      context.out() << "Created the tables of the new database " << context.database_label()
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
