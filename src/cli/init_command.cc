// lookout init [--programme-name NAME] [--funder NAME] [--fy-start-month N]
//              [--admin-email EMAIL [--admin-name NAME]]
#include <CLI/CLI.hpp>
#include <cstdlib>

#include "app/records/reference_data.h"
#include "cli/command.h"
#include "cli/init_steps.h"

namespace lookout::cli {

namespace {

class InitCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "Creates the database if it does not exist, applies pending migrations, loads the "
        "reference data (programme regions, police forces, sectors) that is missing and "
        "records the programme if none is recorded. With --admin-email, and when no account "
        "exists yet, it also creates the first administrator and prints a one-time password "
        "(or uses the password in the environment variable LOOKOUT_ADMIN_PASSWORD, which must "
        "meet the password policy). Running it again changes nothing."));
    app.add_option("--programme-name", settings_.name, "The programme's name")
        ->capture_default_str();
    app.add_option("--funder", settings_.funder, "Who funds the programme");
    app.add_option("--fy-start-month", settings_.fy_start_month,
                   "First month of the financial year, 1-12")
        ->check(CLI::Range(1, 12))
        ->capture_default_str();
    app.add_option("--admin-email", admin_.email,
                   "Email of the first administrator (created when no account exists)");
    app.add_option("--admin-name", admin_.name, "Name of the first administrator")
        ->capture_default_str();
  }

  Status Parse() override {
    if (settings_.name.empty()) {
      return Status::Validation({{"--programme-name", "must not be empty"}},
                                "The programme needs a name.");
    }
    if (!admin_.email.empty() && admin_.name.empty()) {
      return Status::Validation({{"--admin-name", "must not be empty"}},
                                "The first administrator needs a name.");
    }
    return Status::Ok();
  }

  Status Execute(Context& context) override {
    // The password comes from the environment, never from the command line, where other
    // users of the machine could read it in the process list.
    if (const char* password = std::getenv("LOOKOUT_ADMIN_PASSWORD"); password != nullptr) {
      admin_.password = password;
    }
    LOOKOUT_ASSIGN_OR_RETURN(InitOutcome outcome, RunInit(context, settings_, &admin_));
    if (!outcome.changed()) {
      context.out() << "Nothing to do: " << context.database_label()
                    << " is already initialised.\n";
    }
    return Status::Ok();
  }

 private:
  app::ProgrammeSettings settings_;
  FirstAdminRequest admin_;
};

}  // namespace

std::unique_ptr<Command> MakeInitCommand() { return std::make_unique<InitCommand>(); }

}  // namespace lookout::cli
