// lookout demo [--seed N] [--serve [--bind ADDRESS] [--port N] [--workers N]]
#include <CLI/CLI.hpp>

#include "app/demo.h"
#include "cli/command.h"
#include "cli/init_steps.h"
#include "cli/serve_steps.h"
#include "domain/schema.h"

namespace lookout::cli {

namespace {

struct DemoRequest {
  uint64_t seed = app::DemoOptions{}.seed;
  bool serve = false;
  ServeRequest serving;
};

constexpr const char* kBanner =
    "*** DEMO: this database is being filled with a SYNTHETIC programme. Every person, "
    "partner, insight and figure in it is invented. Do not enter real data into a demo "
    "database. ***\n";

class DemoCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "Initialises the database (like `lookout init`) and, if it holds no tasks yet, loads "
        "a realistic but entirely synthetic programme year: staff, partners, insight, tasks "
        "and their lifecycle, activities and reach, surveys, quotes, case studies and "
        "outcome events. The same seed always gives the same data. With --serve, then "
        "serves it."));
    app.add_option("--seed", request_.seed, "The seed of the synthetic data")
        ->capture_default_str();
    app.add_flag("--serve", request_.serve, "Serve the database afterwards");
    AddServeOptions(app, request_.serving);
  }

  Status Execute(Context& context) override {
    context.err() << kBanner;
    LOOKOUT_ASSIGN_OR_RETURN(InitOutcome init, RunInit(context, app::DemoProgrammeSettings()));
    (void)init;
    LOOKOUT_ASSIGN_OR_RETURN(app::Services * services, context.OpenServices(OpenMode::kAsIs));
    LOOKOUT_ASSIGN_OR_RETURN(
        store::Page tasks,
        services->List(context.actor(), domain::TaskEntity(),
                       {{"archived", "include"}, {"limit", "1"}}));
    if (tasks.total > 0) {
      context.out() << "Demo: the database already holds " << tasks.total
                    << " tasks, so the demo programme was not loaded again.\n";
    } else {
      app::DemoOptions options;
      options.seed = request_.seed;
      ProgressLine progress(context, "loading the demo programme");
      LOOKOUT_ASSIGN_OR_RETURN(
          app::DemoSummary summary,
          app::LoadDemo(*services, context.actor(), options, progress.Callback()));
      progress.Finish();
      context.out() << "Demo: loaded a synthetic programme year (" << summary.first_day << " to "
                    << summary.last_day << ", seed " << request_.seed
                    << "): " << summary.ToString() << ".\n";
    }
    if (!request_.serve) return Status::Ok();
    context.err() << kBanner;
    return ServeUntilSignalled(context, *services, request_.serving);
  }

 private:
  DemoRequest request_;
};

}  // namespace

std::unique_ptr<Command> MakeDemoCommand() { return std::make_unique<DemoCommand>(); }

}  // namespace lookout::cli
