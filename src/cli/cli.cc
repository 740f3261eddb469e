#include "cli/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/command.h"
#include "cli/config.h"
#include "cli/version.h"

namespace lookout::cli {

const std::vector<CommandSpec>& CommandTable() {
  static const std::vector<CommandSpec> kCommands = {
      {"init", "Create or complete the database: tables, reference data, the programme", false,
       MakeInitCommand},
      {"migrate", "List and apply the database's schema migrations", false, MakeMigrateCommand},
      {"import", "Import a CSV or JSON file of one kind of record (all or nothing)", false,
       MakeImportCommand},
      {"export", "Export every record of a kind as CSV or JSON", false, MakeExportCommand},
      {"report", "Write the impact report of a period: html, pdf, md, xlsx or json", false,
       MakeReportCommand},
      {"serve", "Serve the JSON API over HTTP", false, MakeServeCommand},
      {"user", "Add, list, disable and unlock users; reset passwords; sign users out", false,
       MakeUserCommand},
      {"demo", "Load a synthetic demo programme (and serve it with --serve)", false,
       MakeDemoCommand},
      {"audit", "Verify, list and export the audit trail", false, MakeAuditCommand},
      {"retention", "Apply the retention policy: archive, anonymise, delete", false,
       MakeRetentionCommand},
      {"backup", "Copy the whole database into a new folder, while it is in use", false,
       MakeBackupCommand},
      {"restore", "Restore a backup into an empty database", false, MakeRestoreCommand},
      {"config",
       "Check the configuration: print the effective settings and where each came "
       "from",
       false, MakeConfigCommand},
      {"version", "Show the version, the commit and the schema version", false, MakeVersionCommand},
      {"formats-doc", "Print docs/data-formats.md, generated from the data model", true,
       MakeFormatsDocCommand},
      {"openapi", "Print the OpenAPI description of the JSON API", true, MakeOpenApiCommand},
  };
  return kCommands;
}

namespace {

void PrintError(std::ostream& err, const Status& status) {
  err << "lookout: "
      << (status.message().empty() ? std::string(ErrorCodeMessage(status.code()))
                                   : status.message())
      << "\n";
  for (const FieldError& f : status.fields()) {
    err << "  " << (f.field.empty() ? "" : f.field + ": ") << f.message << "\n";
  }
}

// CLI11's message for a value it refused, with where the value came from when that was the
// configuration file (the flag's name alone would send the reader to the command line).
std::string ParseErrorMessage(const CLI::ParseError& e, int argc, const char* const* argv,
                              const ConfigFile& file) {
  std::string message = e.what();
  for (const SettingSpec& spec : SettingSpecs()) {
    if (message.find("--" + std::string(spec.key)) == std::string::npos) continue;
    if (SourceOf(spec.key, argc, argv, file) == SettingSource::kFile) {
      message += " (the key \"" + std::string(spec.key) + "\" of the configuration file " +
                 file.path + ")";
    }
  }
  return message;
}

int RunParsed(int argc, char** argv) {
  Result<ConfigFile> config = LoadConfigFile(argc, argv);
  if (!config.ok()) {
    PrintError(std::cerr, config.status());
    return kExitFailure;
  }
  CLI::App app{"Lookout: tasking, delivery and impact evidence for a prevention programme.",
               "lookout"};
  app.footer("Run `lookout COMMAND --help` for a command's options. Exit codes: 0 success, "
             "1 failure, 2 usage error.");
  app.fallthrough();  // --database may come after the command too
  std::string database = "sqlite:var/lookout.db";
  app.add_option("--database", database,
                 "The database: sqlite:PATH or postgresql://USER@HOST:PORT/NAME")
      ->envname("LOOKOUT_DATABASE")
      ->capture_default_str();
  bool show_version = false;
  app.add_flag("--version", show_version, "Show the version and exit");

  std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> commands;
  for (const CommandSpec& spec : CommandTable()) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.summary);
    if (spec.hidden) sub->group("");
    std::unique_ptr<Command> command = spec.make();
    command->Configure(*sub);
    commands.emplace_back(sub, std::move(command));
  }

  std::string config_flag;
  ApplyConfig(app, *config, &config_flag);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    std::cerr << "lookout: " << ParseErrorMessage(e, argc, argv, *config) << "\n"
              << "Run `lookout --help` (or `lookout COMMAND --help`) for usage.\n";
    return kExitUsage;
  }

  Context context(database, std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1);
  context.set_invocation({argc, argv, &*config});
  Command* chosen = nullptr;
  for (auto& [sub, command] : commands) {
    if (sub->parsed()) chosen = command.get();
  }
  if (show_version) {
    for (auto& [sub, command] : commands) {
      if (std::string(sub->get_name()) == "version") chosen = command.get();
    }
  }
  if (chosen == nullptr) {
    std::cerr << app.help() << "lookout: name a command.\n";
    return kExitUsage;
  }
  if (Status parsed = chosen->Parse(); !parsed.ok()) {
    PrintError(std::cerr, parsed);
    std::cerr << "Run `lookout COMMAND --help` for usage.\n";
    return kExitUsage;
  }
  Status status = chosen->Execute(context);
  std::cout.flush();
  if (!status.ok()) {
    PrintError(std::cerr, status);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

int Run(int argc, char** argv) {
  try {
    return RunParsed(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "lookout: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "lookout: internal error of an unknown kind\n";
  }
  return kExitFailure;
}

}  // namespace lookout::cli
