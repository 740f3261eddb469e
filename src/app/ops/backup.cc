#include "app/ops/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/files.h"
#include "store/backup.h"

namespace lookout::app {

namespace {

namespace fs = std::filesystem;

const char* const kNothingRestored = " Nothing was restored.";

// Flushes a file or folder to the disk, so a backup reported as written survives a crash.
Status SyncToDisk(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::Internal("Cannot open " + path.string() + " to flush it to disk: " +
                            std::strerror(errno) + ".");
  }
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) {
    return Status::Internal("Cannot flush " + path.string() + " to disk: " +
                            std::strerror(error) + ".");
  }
  return Status::Ok();
}

// The folder a backup may be written to: one that does not exist yet, or an empty one.
Status CheckNewFolder(const fs::path& folder) {
  std::error_code ec;
  if (!fs::exists(folder, ec)) return Status::Ok();
  if (!fs::is_directory(folder, ec)) {
    return Status::Conflict(folder.string() + " already exists and is not a folder: name a new "
                            "folder for the backup.");
  }
  if (!fs::is_empty(folder, ec)) {
    return Status::Conflict(folder.string() + " already exists and is not empty: a backup goes "
                            "into a new (or empty) folder, so it never mixes with another.");
  }
  if (ec) return Status::BadRequest("Cannot look into " + folder.string() + ": " + ec.message());
  return Status::Ok();
}

// The backup on record in the audit trail, like every export: a copy of everything.
Status RecordBackup(store::Store& store, const Actor& actor, const Clock& clock,
                    const std::string& folder) {
  store::AuditEntry entry;
  entry.at = clock.NowTimestamp();
  entry.actor = actor.id;
  entry.address = actor.address;
  entry.request_id = actor.request_id;
  entry.action = "backup";
  entry.entity = "database";
  entry.changes = nlohmann::ordered_json{{"folder", folder}}.dump();
  LOOKOUT_ASSIGN_OR_RETURN(auto tx, store.Begin(true));
  LOOKOUT_RETURN_IF_ERROR(tx->AppendAudit(entry));
  return tx->Commit();
}

// A temporary folder beside the backup's, removed again unless kept.
class IncompleteFolder {
 public:
  ~IncompleteFolder() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  Status Create(const fs::path& folder) {
    std::string pattern = folder.string() + ".incomplete-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      return Status::BadRequest("Cannot create a folder beside " + folder.string() + ": " +
                                std::strerror(errno) + ".");
    }
    path_ = pattern;
    return Status::Ok();
  }
  const fs::path& path() const { return path_; }
  void Keep() { path_.clear(); }

 private:
  fs::path path_;
};

bool IsPlainFileName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of(std::string("/\\\0", 3)) == std::string::npos;
}

bool IsSha256Hex(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string JsonMessage(const std::exception& e) {
  std::string message = e.what();
  const size_t end = message.find("] ");
  return end == std::string::npos ? message : message.substr(end + 2);
}

}  // namespace

std::string ManifestToJson(const BackupManifest& m) {
  nlohmann::ordered_json json = {
      {"format", m.format},
      {"lookout_version", m.lookout_version},
      {"lookout_commit", m.lookout_commit},
      {"schema_version", m.schema_version},
      {"database_kind", m.database_kind},
      {"database", m.database},
  };
  if (!m.postgresql_schema.empty()) json["postgresql_schema"] = m.postgresql_schema;
  json["created_at"] = m.created_at;
  json["data_file"] = {{"name", m.data_file}, {"size", m.data_size}, {"sha256", m.data_sha256}};
  return json.dump(2) + "\n";
}

Result<BackupManifest> ParseManifest(std::string_view text, const std::string& where) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return Status::BadRequest(where + " is not valid JSON (" + JsonMessage(e) +
                              "): the backup is damaged." + kNothingRestored);
  }
  if (!json.is_object()) {
    return Status::BadRequest(where + " does not hold a JSON object: it is not a Lookout "
                              "backup's manifest." + kNothingRestored);
  }
  auto missing = [&where](const std::string& key, const char* type) {
    return Status::BadRequest(where + " has no " + type + " '" + key +
                              "': the manifest is damaged or not Lookout's." + kNothingRestored);
  };
  BackupManifest m;
  auto text_of = [&](const nlohmann::json& object, const std::string& key,
                     std::string& out) -> Status {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return missing(key, "text");
    out = it->get<std::string>();
    return Status::Ok();
  };
  auto number_of = [&](const nlohmann::json& object, const std::string& key,
                       int64_t& out) -> Status {
    auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer() || it->get<int64_t>() < 0) {
      return missing(key, "whole number");
    }
    out = it->get<int64_t>();
    return Status::Ok();
  };

  int64_t format = 0;
  LOOKOUT_RETURN_IF_ERROR(number_of(json, "format", format));
  if (format > kBackupFormat) {
    return Status::Conflict(where + " is of backup format " + std::to_string(format) +
                            ", written by a newer lookout; this one reads format " +
                            std::to_string(kBackupFormat) + " only." + kNothingRestored);
  }
  m.format = static_cast<int>(format);
  LOOKOUT_RETURN_IF_ERROR(text_of(json, "lookout_version", m.lookout_version));
  LOOKOUT_RETURN_IF_ERROR(text_of(json, "lookout_commit", m.lookout_commit));
  int64_t schema = 0;
  LOOKOUT_RETURN_IF_ERROR(number_of(json, "schema_version", schema));
  if (schema > 1'000'000) return missing("schema_version", "plausible");
  m.schema_version = static_cast<int>(schema);
  LOOKOUT_RETURN_IF_ERROR(text_of(json, "database_kind", m.database_kind));
  if (m.database_kind != "sqlite" && m.database_kind != "postgresql") {
    return Status::BadRequest(where + " names a kind of database Lookout does not know ('" +
                              m.database_kind + "')." + kNothingRestored);
  }
  LOOKOUT_RETURN_IF_ERROR(text_of(json, "database", m.database));
  if (m.database_kind == "postgresql") {
    LOOKOUT_RETURN_IF_ERROR(text_of(json, "postgresql_schema", m.postgresql_schema));
  }
  LOOKOUT_RETURN_IF_ERROR(text_of(json, "created_at", m.created_at));
  auto data = json.find("data_file");
  if (data == json.end() || !data->is_object()) return missing("data_file", "object");
  LOOKOUT_RETURN_IF_ERROR(text_of(*data, "name", m.data_file));
  if (!IsPlainFileName(m.data_file)) {
    return Status::BadRequest(where + " names the data file '" + m.data_file +
                              "', which is not a file name inside the backup folder." +
                              kNothingRestored);
  }
  LOOKOUT_RETURN_IF_ERROR(number_of(*data, "size", m.data_size));
  LOOKOUT_RETURN_IF_ERROR(text_of(*data, "sha256", m.data_sha256));
  if (!IsSha256Hex(m.data_sha256)) return missing("sha256", "SHA-256 (64 hex digits)");
  return m;
}

Result<BackupOutcome> TakeBackup(store::Store& store, const Actor& actor, const Clock& clock,
                                 const BackupRequest& request) {
  fs::path folder = fs::path(request.folder).lexically_normal();
  if (!folder.has_filename()) folder = folder.parent_path();  // "backups/monday/"
  if (folder.empty() || folder == "." || folder == "..") {
    return Status::BadRequest("Name a new folder for the backup, not '" + request.folder + "'.");
  }
  LOOKOUT_RETURN_IF_ERROR(CheckNewFolder(folder));

  LOOKOUT_ASSIGN_OR_RETURN(const int schema, store.SchemaVersion());
  const int latest = store::LatestSchemaVersion();
  if (schema == 0) {
    return Status::NotFound("The database " + request.database_label +
                            " has no Lookout tables: there is nothing to back up.");
  }
  if (schema > latest) {
    return Status::Conflict("The database schema is at version " + std::to_string(schema) +
                            ", newer than this lookout knows (" + std::to_string(latest) +
                            "): back it up with a newer lookout.");
  }
  BackupManifest manifest;
  manifest.lookout_version = request.lookout_version;
  manifest.lookout_commit = request.lookout_commit;
  manifest.schema_version = schema;
  manifest.database_kind = store.Engine();
  manifest.database = request.database_label;
  manifest.created_at = clock.NowTimestamp();
  manifest.data_file = store::CopyFileName(manifest.database_kind);

  LOOKOUT_RETURN_IF_ERROR(RecordBackup(store, actor, clock, folder.string()));

  std::error_code ec;
  const fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) {
    return Status::BadRequest("Cannot create the folder " + parent.string() + ": " +
                              ec.message() + ".");
  }
  IncompleteFolder incomplete;
  LOOKOUT_RETURN_IF_ERROR(incomplete.Create(folder));
  const fs::path data = incomplete.path() / manifest.data_file;
  LOOKOUT_ASSIGN_OR_RETURN(store::CopyDetails details,
                           store::CopyDatabase(request.database_url, data.string()));
  manifest.postgresql_schema = details.schema;
  LOOKOUT_ASSIGN_OR_RETURN(const int after, store.SchemaVersion());
  if (after != schema) {
    return Status::Conflict("A migration ran while the backup was taken (schema version " +
                            std::to_string(schema) + ", then " + std::to_string(after) +
                            "): take the backup again.");
  }
  LOOKOUT_RETURN_IF_ERROR(SyncToDisk(data));
  LOOKOUT_ASSIGN_OR_RETURN(io::FileDigest digest, io::DigestFile(data.string()));
  manifest.data_size = digest.size;
  manifest.data_sha256 = digest.sha256;

  // The manifest last: a folder without one was never finished.
  const fs::path manifest_path = incomplete.path() / kManifestName;
  LOOKOUT_RETURN_IF_ERROR(io::WriteWholeFile(manifest_path.string(), ManifestToJson(manifest)));
  LOOKOUT_RETURN_IF_ERROR(SyncToDisk(manifest_path));
  LOOKOUT_RETURN_IF_ERROR(SyncToDisk(incomplete.path()));
  fs::rename(incomplete.path(), folder, ec);
  if (ec) {
    return Status::Conflict("Cannot give the finished backup its name " + folder.string() +
                            ": " + ec.message() + ". Nothing was kept.");
  }
  incomplete.Keep();
  LOOKOUT_RETURN_IF_ERROR(SyncToDisk(parent));
  return BackupOutcome{folder.string(), manifest};
}

Result<BackupManifest> ReadBackupManifest(const std::string& folder) {
  std::error_code ec;
  if (!fs::exists(folder, ec)) {
    return Status::NotFound("There is no backup folder " + folder + "." + kNothingRestored);
  }
  if (!fs::is_directory(folder, ec)) {
    return Status::BadRequest(folder + " is a file, not a backup folder." + kNothingRestored);
  }
  const std::string path = (fs::path(folder) / kManifestName).string();
  Result<std::string> text = io::ReadWholeFile(path);
  if (!text.ok() && text.status().code() == ErrorCode::kNotFound) {
    return Status::NotFound(folder + " holds no " + kManifestName +
                            ", so it is not a finished Lookout backup (a backup that was "
                            "interrupted has none)." + kNothingRestored);
  }
  if (!text.ok()) {
    return Status(text.status().code(), text.status().message() + kNothingRestored);
  }
  return ParseManifest(text.value(), path);
}

Status CheckBackupData(const std::string& folder, const BackupManifest& manifest) {
  const std::string data = (fs::path(folder) / manifest.data_file).string();
  std::error_code ec;
  if (!fs::is_regular_file(data, ec)) {
    return Status::Conflict("The backup is damaged: its data file " + data + " is missing." +
                            kNothingRestored);
  }
  const uintmax_t size = fs::file_size(data, ec);
  if (ec) return Status::BadRequest("Cannot read " + data + ": " + ec.message() + ".");
  if (size != static_cast<uintmax_t>(manifest.data_size)) {
    return Status::Conflict("The backup is damaged: its data file " + data + " has " +
                            std::to_string(size) + " bytes, and the manifest says " +
                            std::to_string(manifest.data_size) + "." + kNothingRestored);
  }
  LOOKOUT_ASSIGN_OR_RETURN(io::FileDigest digest, io::DigestFile(data));
  if (digest.sha256 != manifest.data_sha256) {
    return Status::Conflict("The backup is damaged: the SHA-256 of its data file " + data +
                            " is " + digest.sha256 + ", and the manifest says " +
                            manifest.data_sha256 + "." + kNothingRestored);
  }
  return Status::Ok();
}

Result<RestoreOutcome> RestoreBackup(const std::string& folder, const std::string& database_url) {
  LOOKOUT_ASSIGN_OR_RETURN(BackupManifest manifest, ReadBackupManifest(folder));
  const int latest = store::LatestSchemaVersion();
  if (manifest.schema_version > latest) {
    return Status::Conflict(
        "The backup's database schema is at version " + std::to_string(manifest.schema_version) +
        ", newer than this lookout knows (" + std::to_string(latest) +
        "): restore it with lookout " + manifest.lookout_version + " (which took it) or newer." +
        kNothingRestored);
  }
  const store::CopyDetails details{manifest.database_kind, manifest.postgresql_schema};
  LOOKOUT_RETURN_IF_ERROR(store::CheckTarget(database_url, details));
  LOOKOUT_RETURN_IF_ERROR(CheckBackupData(folder, manifest));
  const std::string data = (fs::path(folder) / manifest.data_file).string();
  LOOKOUT_RETURN_IF_ERROR(store::LoadCopy(database_url, data, details));
  LOOKOUT_ASSIGN_OR_RETURN(auto restored, store::Open(database_url, 1));
  LOOKOUT_ASSIGN_OR_RETURN(const int schema, restored->SchemaVersion());
  return RestoreOutcome{manifest, schema, latest};
}

}  // namespace lookout::app
