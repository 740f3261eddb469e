// lookout demo [--seed N] [--serve [--bind ADDRESS] [--port N] [--workers N]]
#include <CLI/CLI.hpp>
#include <memory>

#include "app/accounts/accounts.h"
#include "demo/demo.h"
#include "cli/command.h"
#include "cli/init_steps.h"
#include "cli/serve_steps.h"
#include "domain/schema.h"

namespace lookout::cli {

namespace {

struct DemoRequest {
  uint64_t seed = demo::DemoOptions{}.seed;
  bool serve = false;
  ServeRequest serving;
};

// The demo's accounts, one per role, with passwords that are public: the same in every
// demo database, and printed. A demo database must never hold real data.
struct DemoAccount {
  const char* role;
  const char* password;
};
constexpr DemoAccount kDemoAccounts[] = {{"admin", "admin-demo-pass"},
                                         {"manager", "manager-demo-pass"},
                                         {"officer", "officer-demo-pass"},
                                         {"analyst", "analyst-demo-pass"},
                                         {"funder", "funder-demo-pass"}};

constexpr const char* kAccountsBanner =
    "*** DEMO ACCOUNTS: these passwords are PUBLIC: they are the same in every demo "
    "database, so anyone can sign in with them. Never put real data into a demo database, "
    "and never expose it beyond your own machine. ***\n";

// Gives the first demo staff member of each role an account with its public password.
Status EnsureDemoAccounts(Context& context, app::Services& services) {
  LOOKOUT_ASSIGN_OR_RETURN(std::unique_ptr<app::Accounts> accounts,
                           app::Accounts::Create(services.store(), services.clock()));
  std::ostream& out = context.out();
  out << kAccountsBanner;
  for (const DemoAccount& demo : kDemoAccounts) {
    LOOKOUT_ASSIGN_OR_RETURN(
        store::Page staff,
        services.List(context.actor(), domain::StaffEntity(),
                      {{"role", demo.role}, {"active", "true"}, {"sort", "id"}, {"limit", "1"}}));
    if (staff.items.empty()) {
      out << "  " << demo.role << ": no demo staff member with this role.\n";
      continue;
    }
    const Record& person = staff.items.front();
    const std::string email = person.Get("email").is_text() ? person.Get("email").as_text() : "";
    Result<std::string> made = accounts->CreateAccount(context.actor(), person.Id(), demo.password,
                                                       /*must_change_password=*/false);
    if (made.ok()) {
      out << "  " << demo.role << ": " << email << "  password: " << demo.password << "\n";
    } else if (made.status().code() == ErrorCode::kDuplicate) {
      out << "  " << demo.role << ": " << email
          << " has an account already (its password was left as it is).\n";
    } else {
      return made.TakeStatus();
    }
  }
  return Status::Ok();
}

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
        "outcome events. The same seed always gives the same data. It then gives one demo "
        "staff member of each role an account with a PUBLIC demo password, which it prints. "
        "With --serve, then serves it."));
    app.add_option("--seed", request_.seed, "The seed of the synthetic data")
        ->capture_default_str();
    app.add_flag("--serve", request_.serve, "Serve the database afterwards");
    AddServeOptions(app, request_.serving);
  }

  Status Execute(Context& context) override {
    context.err() << kBanner;
    LOOKOUT_ASSIGN_OR_RETURN(InitOutcome init, RunInit(context, demo::DemoProgrammeSettings()));
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
      demo::DemoOptions options;
      options.seed = request_.seed;
      ProgressLine progress(context, "loading the demo programme");
      LOOKOUT_ASSIGN_OR_RETURN(
          demo::DemoSummary summary,
          demo::LoadDemo(*services, context.actor(), options, progress.Callback()));
      progress.Finish();
      context.out() << "Demo: loaded a synthetic programme year (" << summary.first_day << " to "
                    << summary.last_day << ", seed " << request_.seed
                    << "): " << summary.ToString() << ".\n";
    }
    LOOKOUT_RETURN_IF_ERROR(EnsureDemoAccounts(context, *services));
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
