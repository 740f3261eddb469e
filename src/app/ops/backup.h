// Backups: a folder holding a consistent copy of the whole database (store/backup.h) and
// manifest.json, which says what the copy is and how to tell that it is whole. Written
// under a temporary name and renamed when complete, so a folder with the backup's name
// is always a finished backup. Restored only into an empty database of the same kind,
// after every check has passed. docs/backup.md describes both for operators.
#ifndef LOOKOUT_APP_OPS_BACKUP_H_
#define LOOKOUT_APP_OPS_BACKUP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "app/records/services.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace lookout::app {

// The manifest format this lookout writes and the newest it reads.
inline constexpr int kBackupFormat = 1;
inline constexpr const char* kManifestName = "manifest.json";

struct BackupManifest {
  int format = kBackupFormat;
  std::string lookout_version;  // of the lookout that wrote it
  std::string lookout_commit;
  int schema_version = 0;        // of the database copied
  std::string database_kind;     // "sqlite" or "postgresql"
  std::string database;          // the database URL, any password masked
  std::string postgresql_schema; // PostgreSQL: where Lookout's tables are; "" on SQLite
  std::string created_at;        // UTC timestamp, when the copy began
  std::string data_file;         // the data file's name in the folder
  int64_t data_size = 0;         // its size in bytes
  std::string data_sha256;       // its SHA-256, 64 lower-case hex digits
};

// The manifest as the JSON object manifest.json holds (keys in this order).
std::string ManifestToJson(const BackupManifest& manifest);
// Reads manifest.json's text; `where` (its path) names it in errors. kBadRequest for text
// that is not JSON, a key missing or of the wrong type, a data file name that is not a
// plain file name, a kind Lookout does not know; kConflict for a format newer than
// kBackupFormat.
Result<BackupManifest> ParseManifest(std::string_view json, const std::string& where);

struct BackupRequest {
  std::string folder;          // the new folder to write; must not exist, or be empty
  std::string database_url;    // the database `store` was opened on
  std::string database_label;  // the same as it may be printed (password masked)
  std::string lookout_version;
  std::string lookout_commit;
};
struct BackupOutcome {
  std::string folder;  // the finished backup
  BackupManifest manifest;
};

// Copies the database while others may go on writing into the new folder, first
// recording the backup in the audit trail (a copy of everything is a disclosure).
// Refuses an existing folder that is not empty, a database without Lookout's tables or
// with a schema newer than this lookout's, and a copy a migration ran during. On any
// error nothing is left under the folder's name.
Result<BackupOutcome> TakeBackup(store::Store& store, const Actor& actor, const Clock& clock,
                                 const BackupRequest& request);

// Reads a backup folder's manifest and checks its data file against it: kNotFound for a
// folder or manifest that is not there, kConflict for a data file that is missing or
// whose size or SHA-256 differ from the manifest's (the backup is damaged). Each message
// names the file.
Result<BackupManifest> ReadBackupManifest(const std::string& folder);
Status CheckBackupData(const std::string& folder, const BackupManifest& manifest);

struct RestoreOutcome {
  BackupManifest manifest;
  int schema_version = 0;  // the restored database's
  int latest_schema = 0;   // this lookout's
};

// Restores the backup in `folder` into the database at `database_url`, checking first,
// in this order: the manifest, the schema version (kConflict when newer than this
// lookout knows), the kind of database and that it is empty (store::CheckTarget), the
// data file's size and SHA-256. Then loads it all or nothing (store::LoadCopy).
Result<RestoreOutcome> RestoreBackup(const std::string& folder, const std::string& database_url);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_OPS_BACKUP_H_
