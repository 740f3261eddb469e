// lookout restore PATH
#include <CLI/CLI.hpp>

#include "app/ops/backup.h"
#include "cli/command.h"
#include "store/backup.h"

namespace lookout::cli {

namespace {

class RestoreCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "Restores the backup in PATH (written by `lookout backup`) into the database named "
        "by --database (or LOOKOUT_DATABASE), which must be empty and of the same kind as "
        "the backup's: a new SQLite file, or a new PostgreSQL database. Before anything is "
        "written it checks the manifest, the copy's size and SHA-256, that this lookout "
        "knows the backup's schema version, and the database. SQLite: the copy must pass "
        "PRAGMA integrity_check, and the restored database too. PostgreSQL: pg_restore in "
        "one transaction. Either everything is restored or nothing. A backup of an older "
        "schema is restored as it is: run `lookout migrate` next."));
    app.add_option("PATH", folder_, "The backup folder to restore")->required();
  }

  Status Execute(Context& context) override {
    LOOKOUT_ASSIGN_OR_RETURN(app::RestoreOutcome outcome,
                             app::RestoreBackup(folder_, context.database_url()));
    const app::BackupManifest& m = outcome.manifest;
    context.out() << "Restored the backup in " << folder_ << " (" << store::EngineName(m.database_kind)
                  << ", schema version " << m.schema_version << ", taken " << m.created_at
                  << " by lookout " << m.lookout_version << ") into "
                  << context.database_label() << ".\n";
    if (outcome.schema_version != m.schema_version) {
      context.err() << "lookout: note: the restored database is at schema version "
                    << outcome.schema_version << ", not " << m.schema_version
                    << " as the manifest says.\n";
    }
    if (outcome.schema_version < outcome.latest_schema) {
      context.out() << "The database schema is at version " << outcome.schema_version
                    << " and this lookout needs version " << outcome.latest_schema
                    << ": run `lookout migrate` before using it.\n";
    }
    return Status::Ok();
  }

 private:
  std::string folder_;
};

}  // namespace

std::unique_ptr<Command> MakeRestoreCommand() { return std::make_unique<RestoreCommand>(); }

}  // namespace lookout::cli
