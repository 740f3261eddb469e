// lookout backup PATH
#include <CLI/CLI.hpp>

#include "app/ops/backup.h"
#include "cli/command.h"
#include "cli/version.h"
#include "store/backup.h"

namespace lookout::cli {

namespace {

class BackupCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "Copies the whole database into PATH, a new folder (or an empty one), while Lookout "
        "may go on serving and writing: SQLite through its online backup API, PostgreSQL "
        "with pg_dump (one snapshot). PATH then holds the copy and manifest.json, which "
        "records this lookout's version, the schema version, the kind of database, when the "
        "copy was taken and the copy's size and SHA-256. The folder is written under a "
        "temporary name (PATH.incomplete-...) and renamed at the end, so a folder named PATH "
        "is always a finished backup. The backup is recorded in the audit trail. `lookout "
        "restore PATH` puts it back; docs/backup.md describes both."));
    app.add_option("PATH", folder_, "The new folder to write the backup into")->required();
  }

  Status Execute(Context& context) override {
    LOOKOUT_ASSIGN_OR_RETURN(store::Store * store, context.OpenStore(OpenMode::kExistingAsIs));
    app::BackupRequest request{folder_, context.database_url(), context.database_label(),
                               std::string(Version()), std::string(Commit())};
    LOOKOUT_ASSIGN_OR_RETURN(app::BackupOutcome outcome,
                             app::TakeBackup(*store, context.actor(), Clock::System(), request));
    const app::BackupManifest& m = outcome.manifest;
    context.out() << "Backed up " << m.database << " (" << store::EngineName(m.database_kind)
                  << ", schema version " << m.schema_version << ") into " << outcome.folder
                  << ":\n"
                  << "  " << m.data_file << ": " << m.data_size << " bytes, SHA-256 "
                  << m.data_sha256 << "\n"
                  << "  " << app::kManifestName << ": taken " << m.created_at << " by lookout "
                  << m.lookout_version << " (commit " << m.lookout_commit << ")\n";
    return Status::Ok();
  }

 private:
  std::string folder_;
};

}  // namespace

std::unique_ptr<Command> MakeBackupCommand() { return std::make_unique<BackupCommand>(); }

}  // namespace lookout::cli
