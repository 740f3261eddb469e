// How a `lookout` command is built. Each command is a small class: Configure() declares
// its options on a CLI11 subcommand, binding them to the command's typed request;
// Parse() checks what CLI11 cannot (a kind name, a format, a file's extension) and is a
// usage error (exit 2) when it fails; Execute() runs the request against the use cases
// (exit 1 when it fails). Every command is registered once, in CommandTable(), which
// also drives `lookout --help`.
#ifndef LOOKOUT_CLI_COMMAND_H_
#define LOOKOUT_CLI_COMMAND_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/records/services.h"
#include "core/status.h"
#include "store/store.h"

namespace CLI {
class App;
class Option;
}

namespace lookout::cli {

struct ConfigFile;

// The command line and configuration file a command runs with (for `config check`).
struct Invocation {
  int argc = 0;
  const char* const* argv = nullptr;
  const ConfigFile* config = nullptr;
};

// How a command needs the database.
enum class OpenMode {
  // The database must exist with the schema this binary expects; a missing SQLite file
  // or an older schema is an error that says which command fixes it.
  kExisting,
  // A missing SQLite file (and its folder) is created and a database with no schema yet
  // is migrated; an older schema is still an error (run `lookout migrate`).
  kCreateIfNew,
  // Opened as it is, whatever its schema (for `migrate` and `init`).
  kAsIs,
  // The database must exist (as for kExisting), whatever its schema (for `backup`,
  // which copies an older schema as it is).
  kExistingAsIs,
};

// What a command runs with: the database, the output streams, whether a person is
// watching standard error. Owns the store and the services it opens.
class Context {
 public:
  Context(std::string database_url, std::ostream& out, std::ostream& err, bool err_is_terminal);
  ~Context();

  const std::string& database_url() const { return database_url_; }
  // The database URL as it may be printed: any password replaced by "***".
  std::string database_label() const;
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  // True when standard error is a terminal: progress is shown only then.
  bool interactive() const { return err_is_terminal_; }

  // The SQLite file the database URL names, or "" for PostgreSQL and in-memory databases.
  std::string SqlitePath() const;
  // Opens the database (once; later calls return the same store).
  Result<store::Store*> OpenStore(OpenMode mode);
  // The use cases on the opened store (OpenStore first, with the same mode).
  Result<app::Services*> OpenServices(OpenMode mode);
  // Whether OpenStore created the tables of a new database (kCreateIfNew).
  bool created_schema() const { return created_schema_; }
  // The person running the command, as the audit trail records them ("cli:alice").
  const app::Actor& actor() const { return actor_; }
  const Invocation& invocation() const { return invocation_; }
  void set_invocation(Invocation invocation) { invocation_ = invocation; }

 private:
  std::string database_url_;
  std::ostream& out_;
  std::ostream& err_;
  bool err_is_terminal_;
  app::Actor actor_;
  Invocation invocation_;
  bool created_schema_ = false;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<app::Services> services_;
};

// A progress line on standard error ("importing task.csv: 300/1200"), redrawn in place;
// silent unless standard error is a terminal.
class ProgressLine {
 public:
  ProgressLine(Context& context, std::string label);
  ~ProgressLine();  // ends the line if anything was drawn
  // A callback for the use cases.
  app::Progress Callback();
  void Update(int64_t done, int64_t total);
  void Finish();

 private:
  Context& context_;
  std::string label_;
  bool drawn_ = false;
};

class Command {
 public:
  virtual ~Command() = default;
  // Declares the options and arguments on `app`, bound to the command's request.
  virtual void Configure(CLI::App& app) = 0;
  // Checks and completes the parsed request. An error here is a usage error.
  virtual Status Parse() { return Status::Ok(); }
  // Runs the request, writing results to context.out() and notes to context.err().
  virtual Status Execute(Context& context) = 0;
};

struct CommandSpec {
  const char* name;     // "import"
  const char* summary;  // one line for `lookout --help`
  bool hidden;          // left out of --help (tools for developers)
  std::function<std::unique_ptr<Command>()> make;
};

// Every command, in the order --help lists them.
const std::vector<CommandSpec>& CommandTable();

// Factories, one per command (each in its own .cc file).
std::unique_ptr<Command> MakeInitCommand();
std::unique_ptr<Command> MakeMigrateCommand();
std::unique_ptr<Command> MakeImportCommand();
std::unique_ptr<Command> MakeExportCommand();
std::unique_ptr<Command> MakeReportCommand();
std::unique_ptr<Command> MakeServeCommand();
std::unique_ptr<Command> MakeUserCommand();
std::unique_ptr<Command> MakeDemoCommand();
std::unique_ptr<Command> MakeVersionCommand();
std::unique_ptr<Command> MakeFormatsDocCommand();
std::unique_ptr<Command> MakeOpenApiCommand();
std::unique_ptr<Command> MakeAuditCommand();
std::unique_ptr<Command> MakeRetentionCommand();
std::unique_ptr<Command> MakeBackupCommand();
std::unique_ptr<Command> MakeRestoreCommand();
std::unique_ptr<Command> MakeConfigCommand();

// `text` wrapped at 80 columns for a help screen, ending with a line break.
std::string HelpText(std::string_view text);

// The names of the entity kinds as the CLI spells them ("task-transition"), for help
// texts and error messages.
std::string KindList();

}  // namespace lookout::cli

#endif  // LOOKOUT_CLI_COMMAND_H_
