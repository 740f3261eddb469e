// lookout migrate [--dry-run]
#include <CLI/CLI.hpp>
#include <filesystem>
#include <set>

#include "cli/command.h"
#include "report/table.h"

namespace lookout::cli {

namespace {

struct MigrateRequest {
  bool dry_run = false;
};

class MigrateCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "Lists the schema migrations this lookout carries, which the database has, and "
        "applies the missing ones, each in its own transaction. A new SQLite database is "
        "created."));
    app.add_flag("--dry-run", request_.dry_run, "List what would be applied; change nothing");
  }

  Status Execute(Context& context) override {
    const std::string path = context.SqlitePath();
    std::error_code ec;
    if (request_.dry_run && !path.empty() && !std::filesystem::exists(path, ec)) {
      // A dry run must not create the file: list what this binary carries instead.
      LOOKOUT_ASSIGN_OR_RETURN(auto memory, store::Open("sqlite::memory:", 1));
      PrintTable(context, memory->KnownMigrations(), 0);
      context.out() << "dry run: there is no database at " << path << " yet; all "
                    << memory->KnownMigrations().size()
                    << " migrations would be applied. Nothing was changed.\n";
      return Status::Ok();
    }
    LOOKOUT_ASSIGN_OR_RETURN(store::Store * store, context.OpenStore(OpenMode::kAsIs));
    LOOKOUT_ASSIGN_OR_RETURN(int before, store->SchemaVersion());
    PrintTable(context, store->KnownMigrations(), before);
    LOOKOUT_ASSIGN_OR_RETURN(auto applied, store->Migrate(request_.dry_run));
    if (applied.empty()) {
      context.out() << "The database is up to date (schema version " << before << ").\n";
      return Status::Ok();
    }
    if (request_.dry_run) {
      context.out() << "dry run: " << applied.size() << " migration"
                    << (applied.size() == 1 ? "" : "s") << " would be applied ("
                    << Names(applied) << "). Nothing was changed.\n";
      return Status::Ok();
    }
    LOOKOUT_ASSIGN_OR_RETURN(int after, store->SchemaVersion());
    context.out() << "Applied " << applied.size() << " migration"
                  << (applied.size() == 1 ? "" : "s") << " (" << Names(applied)
                  << "); the schema is now at version " << after << ".\n";
    return Status::Ok();
  }

 private:
  static std::string Names(const std::vector<store::Store::Migration>& migrations) {
    std::string out;
    for (const auto& m : migrations) {
      out += (out.empty() ? "" : ", ") + std::to_string(m.version) + " " + m.name;
    }
    return out;
  }

  static void PrintTable(Context& context, const std::vector<store::Store::Migration>& known,
                         int current) {
    report::Table table;
    table.columns = {"version", "name", "state"};
    for (const auto& m : known) {
      table.AddRow({std::to_string(m.version), m.name, m.version <= current ? "applied" : "pending"});
    }
    context.out() << "Database: " << context.database_label() << "\n" << report::RenderText(table);
  }

  MigrateRequest request_;
};

}  // namespace

std::unique_ptr<Command> MakeMigrateCommand() { return std::make_unique<MigrateCommand>(); }

}  // namespace lookout::cli
