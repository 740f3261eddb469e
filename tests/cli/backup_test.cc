// `lookout backup` and `lookout restore` through the real binary, on SQLite and, when
// LOOKOUT_TEST_POSTGRES_URL names a server (scripts/with-postgres.sh), on PostgreSQL: a
// backup taken while records are being written restores exactly the records of one
// moment, with an intact audit trail; damaged backups, a newer schema, a database that is
// not empty and a database of the other kind are refused, and the database is left as it
// was; a password in the database URL is never printed nor put on a command line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "app/records/services.h"
#include "cli_test_util.h"
#include "core/time.h"
#include "domain/schema.h"
#include "io/files.h"
#include "io/record_file.h"
#include "store/backup.h"
#include "store/store.h"

namespace lookout::cli::clitest {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string PostgresServer() {
  const char* url = std::getenv("LOOKOUT_TEST_POSTGRES_URL");
  return url != nullptr ? url : "";
}

// Runs `sql` on the test server's own database, as its superuser.
void AdminExecute(const std::string& sql) {
  PGconn* conn = PQconnectdb(PostgresServer().c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType state = PQresultStatus(result);
  const std::string error = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  ASSERT_TRUE(state == PGRES_COMMAND_OK || state == PGRES_TUPLES_OK) << sql << ": " << error;
}

// `url` with its database name replaced.
std::string WithDatabase(const std::string& url, const std::string& name) {
  const size_t slash = url.find('/', url.find("://") + 3);
  const size_t query = url.find('?', slash);
  return url.substr(0, slash) + "/" + name +
         (query == std::string::npos ? "" : url.substr(query));
}

constexpr int64_t kFirstWrittenId = 900001;

// Writes insight records one transaction at a time through the use cases, as the server
// would, with ids kFirstWrittenId, kFirstWrittenId + 1, ... until stopped.
class Writer {
 public:
  explicit Writer(const std::string& url) : thread_([this, url] { Run(url); }) {}
  ~Writer() { Stop(); }

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  // Records committed so far.
  int64_t written() const { return written_; }
  // Waits until `count` records are committed; false after a minute or an error.
  bool WaitFor(int64_t count) {
    for (int i = 0; i < 1200 && written_ < count && !failed_; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return written_ >= count;
  }
  std::string error() {
    std::lock_guard<std::mutex> lock(mutex_);
    return error_;
  }

 private:
  void Fail(const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex_);
    error_ = what;
    failed_ = true;
  }

  void Run(const std::string& url) {
    auto store = store::Open(url, 1);
    if (!store.ok()) return Fail(store.status().ToString());
    app::Services services(*store.value(), Clock::System());
    const app::Actor actor = app::Actor::Cli("writer");
    const domain::EntityDef& insight = domain::InsightEntity();
    for (int64_t id = kFirstWrittenId; !stop_; ++id) {
      const std::string csv =
          "id,received_on,recorded_by,source_type,region,themes,summary,status\n" +
          std::to_string(id) +
          ",2025-06-01,2,partner_observation,NE,cse,Noted while a backup was running.,new\n";
      io::DecodedFile file = io::DecodeCsv(insight, csv);
      if (!file.errors.empty()) return Fail(file.errors.front().message);
      auto report = services.Import(actor, insight, std::move(file.rows), false);
      if (!report.ok()) return Fail(report.status().ToString());
      if (!report.value().errors.empty()) return Fail(report.value().errors.front().message);
      ++written_;
    }
  }

  std::atomic<bool> stop_{false};
  std::atomic<bool> failed_{false};
  std::atomic<int64_t> written_{0};
  std::mutex mutex_;
  std::string error_;
  std::thread thread_;
};

// How many of the Writer's records a CSV export of insight holds.
int64_t WrittenRows(const std::string& csv) {
  const std::regex row("(^|\n)9[0-9]{5},");
  return std::distance(std::sregex_iterator(csv.begin(), csv.end(), row), std::sregex_iterator());
}

// A temporary folder and databases of one kind, dropped afterwards.
class BackupTest : public ::testing::Test {
 protected:
  explicit BackupTest(std::string engine) : engine_(std::move(engine)) {}

  void SetUp() override {
    if (engine_ == "postgresql" && PostgresServer().empty()) {
      GTEST_SKIP() << "the PostgreSQL backup tests need LOOKOUT_TEST_POSTGRES_URL; run them "
                      "through scripts/with-postgres.sh";
    }
  }

  void TearDown() override {
    for (const std::string& name : created_) {
      AdminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  bool sqlite() const { return engine_ == "sqlite"; }

  // A new, empty database of the test's kind: a SQLite file not created yet, or a new
  // database on the PostgreSQL server.
  std::string NewDatabase(const std::string& name) {
    if (sqlite()) return "sqlite:" + (dir_ / (name + ".db"));
    const std::string database = "lookout_backup_" + std::to_string(::getpid()) + "_" + name;
    AdminExecute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    AdminExecute("CREATE DATABASE " + database);
    created_.push_back(database);
    return WithDatabase(PostgresServer(), database);
  }

  RunResult Lookout(const std::string& url, std::vector<std::string> args,
                    const std::vector<std::string>& env = {}) {
    args.insert(args.begin(), {"--database", url});
    return RunLookout(args, dir_.path(), env);
  }

  // A new database holding the example programme: records of every kind.
  std::string ProgrammeDatabase(const std::string& name) {
    const std::string url = NewDatabase(name);
    RunResult init = Lookout(url, {"init"});
    EXPECT_EQ(init.exit_code, 0) << init.err;
    const fs::path files = dir_.path() / (name + "-files");
    fs::create_directories(files);
    for (const std::string& kind : kProgrammeKinds) {
      fs::copy_file(FixtureDir("programme") / (kind + ".csv"), files / (kind + ".csv"));
    }
    RunResult imported = Lookout(url, {"import", "all", files.string()});
    EXPECT_EQ(imported.exit_code, 0) << imported.out << imported.err;
    return url;
  }

  // Every kind exported as CSV: file name -> bytes.
  std::map<std::string, std::string> ExportAll(const std::string& url, const std::string& name) {
    const fs::path folder = dir_.path() / name;
    RunResult r = Lookout(url, {"export", "all", "--format", "csv", "--output", folder.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::directory_iterator(folder)) {
      out[entry.path().filename().string()] = ReadFile(entry.path());
    }
    return out;
  }

  // The tables the database holds (none for a SQLite file that is not there).
  int64_t TableCount(const std::string& url) {
    auto tables = store::ListTables(url);
    EXPECT_TRUE(tables.ok()) << tables.status().ToString();
    return tables.ok() ? tables.value().count : -1;
  }

  nlohmann::json Manifest(const std::string& folder) {
    return nlohmann::json::parse(ReadFile(dir_.path() / folder / "manifest.json"));
  }
  void WriteManifest(const std::string& folder, const nlohmann::json& manifest) {
    WriteFile(dir_.path() / folder / "manifest.json", manifest.dump(2));
  }
  fs::path DataFile(const std::string& folder) {
    return dir_.path() / folder / Manifest(folder)["data_file"]["name"].get<std::string>();
  }
  // A copy of the backup folder `from`, to damage.
  std::string CopyOf(const std::string& from, const std::string& to) {
    fs::copy(dir_.path() / from, dir_.path() / to, fs::copy_options::recursive);
    return to;
  }
  // The manifest rewritten to match the data file as it now is.
  void Reseal(const std::string& folder) {
    auto digest = io::DigestFile(DataFile(folder).string());
    ASSERT_TRUE(digest.ok());
    nlohmann::json manifest = Manifest(folder);
    manifest["data_file"]["size"] = digest.value().size;
    manifest["data_file"]["sha256"] = digest.value().sha256;
    WriteManifest(folder, manifest);
  }

  // Restoring `folder` into a new database fails with `expected` in the message, and the
  // database is left empty (a SQLite file is not even created).
  void ExpectRefused(const std::string& folder, const std::string& expected) {
    const std::string target = NewDatabase("target_" + std::to_string(++targets_));
    RunResult r = Lookout(target, {"restore", folder});
    EXPECT_EQ(r.exit_code, 1) << folder << ": " << r.out;
    EXPECT_THAT(r.err, HasSubstr(expected)) << folder;
    EXPECT_THAT(r.err, HasSubstr("Nothing was restored.")) << folder;
    EXPECT_EQ(r.out, "") << folder;
    EXPECT_EQ(TableCount(target), 0) << folder;
    if (sqlite()) {
      EXPECT_FALSE(fs::exists(target.substr(7))) << folder;
    }
  }

  std::string engine_;
  TempDir dir_;
  std::vector<std::string> created_;
  int targets_ = 0;
};

class BackupCli : public BackupTest, public ::testing::WithParamInterface<std::string> {
 protected:
  BackupCli() : BackupTest(GetParam()) {}
};

INSTANTIATE_TEST_SUITE_P(Engines, BackupCli, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(BackupCli, CopiesTheDatabaseWhileItIsWrittenAndRestoresOneMoment) {
  const std::string source = ProgrammeDatabase("source");
  // Some 4 MB of insight, so that a SQLite copy takes several steps.
  std::string bulk = "id,received_on,recorded_by,source_type,region,themes,summary,status\n";
  std::string summary;
  while (summary.size() < 10000) summary += "Groups gather near the transport hub after dark. ";
  for (int i = 1; i <= 300; ++i) {
    bulk += std::to_string(100000 + i) + ",2025-05-01,2,partner_observation,NE,cce,Report " +
            std::to_string(i) + ". " + summary + ",new\n";
  }
  WriteFile(dir_.path() / "bulk.csv", bulk);
  RunResult loaded = Lookout(source, {"import", "insight", "bulk.csv"});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;

  Writer writer(source);
  ASSERT_TRUE(writer.WaitFor(30)) << writer.error();
  const int64_t before = writer.written();
  RunResult backup = Lookout(source, {"backup", "snapshot"});
  const int64_t after = writer.written();
  EXPECT_GT(after, before) << "no record was written while the backup ran";
  // Writes go on after the copy, so the original ends with records the copy lacks.
  ASSERT_TRUE(writer.WaitFor(after + 30)) << writer.error();
  writer.Stop();
  ASSERT_EQ(writer.error(), "");
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_THAT(backup.out, HasSubstr("into snapshot:"));
  EXPECT_THAT(backup.out, HasSubstr(sqlite() ? "lookout.db: " : "lookout.pgdump: "));
  EXPECT_THAT(backup.out, HasSubstr("manifest.json: taken "));
  EXPECT_TRUE(fs::is_regular_file(dir_.path() / "snapshot" / "manifest.json"));
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_THAT(entry.path().filename().string(), Not(HasSubstr("incomplete")));
  }

  const std::string copy = NewDatabase("copy");
  RunResult restored = Lookout(copy, {"restore", "snapshot"});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_THAT(restored.out, HasSubstr("Restored the backup in snapshot ("));
  EXPECT_THAT(restored.out, Not(HasSubstr("lookout migrate")));

  RunResult verified = Lookout(copy, {"audit", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("audit trail intact"));
  // The copy's trail is the original's as far as the copy goes: its last entry is the
  // original's entry of the same number, hash and all. (Checked before the exports below,
  // which add entries of their own.)
  std::smatch last;
  ASSERT_TRUE(std::regex_search(verified.out, last,
                                std::regex("last entry: ([0-9]+), hash ([0-9a-f]{64})")))
      << verified.out;
  {
    auto opened = store::Open(source, 1);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    auto tx = opened.value()->Begin(false);
    ASSERT_TRUE(tx.ok()) << tx.status().ToString();
    auto chain = tx.value()->ReadAuditChain(std::stoll(last[1].str()) - 1, 1);
    ASSERT_TRUE(chain.ok()) << chain.status().ToString();
    ASSERT_EQ(chain.value().size(), 1u);
    EXPECT_EQ(chain.value()[0].id, std::stoll(last[1].str()));
    EXPECT_EQ(chain.value()[0].hash, last[2].str());
  }

  const auto original = ExportAll(source, "original");
  const auto copied = ExportAll(copy, "copied");
  ASSERT_EQ(original.size(), domain::AllEntities().size());
  ASSERT_EQ(copied.size(), original.size());
  for (const auto& [file, bytes] : original) {
    const std::string& restored_bytes = copied.at(file);
    if (file != "insight.csv") {
      EXPECT_EQ(restored_bytes, bytes) << file << " differs in the restored database";
      continue;
    }
    // Insight: the records of the moment of the copy, byte for byte; then the original
    // has only the Writer's later records.
    ASSERT_LE(restored_bytes.size(), bytes.size());
    EXPECT_EQ(bytes.substr(0, restored_bytes.size()), restored_bytes);
    const int64_t in_copy = WrittenRows(restored_bytes);
    EXPECT_GE(in_copy, before);
    EXPECT_LE(in_copy, after + 1);  // + the one whose commit the copy may just have seen
    EXPECT_EQ(WrittenRows(bytes.substr(restored_bytes.size())),
              CsvRecordCount(bytes) - CsvRecordCount(restored_bytes));
    EXPECT_GT(WrittenRows(bytes), in_copy);
  }

  // The backup is on record in the original's trail, and in the copy's, written first.
  for (const std::string& url : {source, copy}) {
    RunResult listed = Lookout(url, {"audit", "list", "--action", "backup"});
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_THAT(listed.out, HasSubstr("entries 1 to 1 of 1")) << url;
    EXPECT_THAT(listed.out, HasSubstr("snapshot")) << url;
  }
}

TEST_P(BackupCli, WritesAManifestThatDescribesTheCopy) {
  const std::string source = ProgrammeDatabase("source");
  RunResult backup = Lookout(source, {"backup", "nightly/monday"});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  const nlohmann::json m = Manifest("nightly/monday");
  RunResult version = Lookout(source, {"version"});
  EXPECT_EQ(m["format"], 1);
  EXPECT_THAT(version.out, HasSubstr("lookout " + m["lookout_version"].get<std::string>()));
  EXPECT_THAT(version.out, HasSubstr("commit " + m["lookout_commit"].get<std::string>()));
  EXPECT_EQ(m["schema_version"], store::LatestSchemaVersion());
  EXPECT_EQ(m["database_kind"], engine_);
  EXPECT_TRUE(std::regex_match(m["created_at"].get<std::string>(),
                               std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z")));
  auto digest = io::DigestFile(DataFile("nightly/monday").string());
  ASSERT_TRUE(digest.ok());
  EXPECT_EQ(m["data_file"]["size"], digest.value().size);
  EXPECT_EQ(m["data_file"]["sha256"], digest.value().sha256);
  EXPECT_THAT(backup.out, HasSubstr(digest.value().sha256));
  EXPECT_EQ(m.contains("postgresql_schema"), !sqlite());
  // Only the copy and the manifest.
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_.path() / "nightly/monday")) {
    ++files;
  }
  EXPECT_EQ(files, 2);
}

TEST_P(BackupCli, NeverWritesIntoAFolderThatHoldsSomething) {
  const std::string source = ProgrammeDatabase("source");
  fs::create_directories(dir_.path() / "taken");
  WriteFile(dir_.path() / "taken" / "notes.txt", "keep me");
  RunResult r = Lookout(source, {"backup", "taken"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("taken already exists and is not empty"));
  EXPECT_EQ(ReadFile(dir_.path() / "taken" / "notes.txt"), "keep me");
  // An empty folder is fine.
  fs::create_directories(dir_.path() / "empty");
  RunResult into_empty = Lookout(source, {"backup", "empty"});
  EXPECT_EQ(into_empty.exit_code, 0) << into_empty.err;
  EXPECT_TRUE(fs::exists(dir_.path() / "empty" / "manifest.json"));
}

TEST_P(BackupCli, RefusesADamagedBackupAndLeavesTheDatabaseEmpty) {
  const std::string source = ProgrammeDatabase("source");
  ASSERT_EQ(Lookout(source, {"backup", "good"}).exit_code, 0);

  {
    const std::string folder = CopyOf("good", "flipped");
    std::string bytes = ReadFile(DataFile(folder));
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
    WriteFile(DataFile(folder), bytes);
    ExpectRefused(folder, "The backup is damaged: the SHA-256 of its data file");
  }
  {
    const std::string folder = CopyOf("good", "truncated");
    const std::string bytes = ReadFile(DataFile(folder));
    WriteFile(DataFile(folder), bytes.substr(0, bytes.size() / 2));
    ExpectRefused(folder, "has " + std::to_string(bytes.size() / 2) +
                              " bytes, and the manifest says " + std::to_string(bytes.size()));
  }
  {
    const std::string folder = CopyOf("good", "no-manifest");
    fs::remove(dir_.path() / folder / "manifest.json");
    ExpectRefused(folder, "no-manifest holds no manifest.json");
  }
  {
    const std::string folder = CopyOf("good", "no-data");
    fs::remove(DataFile(folder));
    ExpectRefused(folder, "is missing");
  }
  {
    const std::string folder = CopyOf("good", "garbled-manifest");
    WriteFile(dir_.path() / folder / "manifest.json", "{\"format\": 1, \"schema_ver");
    ExpectRefused(folder, "manifest.json is not valid JSON");
  }
  {
    // Damage the checksum cannot see, because the manifest was rewritten to match: the
    // engine still refuses the copy before anything is written.
    const std::string folder = CopyOf("good", "resealed");
    std::string bytes = ReadFile(DataFile(folder));
    bytes[0] = static_cast<char>(bytes[0] ^ 0x20);
    WriteFile(DataFile(folder), bytes);
    Reseal(folder);
    ExpectRefused(folder, sqlite() ? "is damaged" : "pg_restore could not load the backup");
  }
  ExpectRefused("nowhere", "There is no backup folder nowhere");

  // The good one still restores.
  const std::string target = NewDatabase("good_target");
  RunResult r = Lookout(target, {"restore", "good"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_P(BackupCli, RefusesABackupOfANewerSchemaOrFormat) {
  const std::string source = ProgrammeDatabase("source");
  ASSERT_EQ(Lookout(source, {"backup", "good"}).exit_code, 0);
  const int newer = store::LatestSchemaVersion() + 1;
  {
    const std::string folder = CopyOf("good", "newer-schema");
    nlohmann::json manifest = Manifest(folder);
    manifest["schema_version"] = newer;
    WriteManifest(folder, manifest);
    ExpectRefused(folder, "The backup's database schema is at version " + std::to_string(newer) +
                              ", newer than this lookout knows (" +
                              std::to_string(newer - 1) + ")");
  }
  {
    const std::string folder = CopyOf("good", "newer-format");
    nlohmann::json manifest = Manifest(folder);
    manifest["format"] = 2;
    WriteManifest(folder, manifest);
    ExpectRefused(folder, "is of backup format 2, written by a newer lookout");
  }
}

TEST_P(BackupCli, RefusesADatabaseThatIsNotEmpty) {
  const std::string source = ProgrammeDatabase("source");
  ASSERT_EQ(Lookout(source, {"backup", "good"}).exit_code, 0);
  const std::string other = NewDatabase("other");
  ASSERT_EQ(Lookout(other, {"init"}).exit_code, 0);
  const auto before = ExportAll(other, "before");
  const int64_t tables = TableCount(other);
  RunResult r = Lookout(other, {"restore", "good"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("The database is not empty: it already holds " +
                               std::to_string(tables) + " tables ("));
  EXPECT_THAT(r.err, HasSubstr("Nothing was restored."));
  EXPECT_EQ(ExportAll(other, "after"), before);
  // Nor into the database the backup came from.
  RunResult onto_itself = Lookout(source, {"restore", "good"});
  EXPECT_EQ(onto_itself.exit_code, 1);
  EXPECT_THAT(onto_itself.err, HasSubstr("The database is not empty"));
}

TEST_P(BackupCli, RefusesADatabaseWithoutLookoutTables) {
  const std::string empty = NewDatabase("empty");
  if (sqlite()) {
    RunResult r = Lookout(empty, {"backup", "nothing"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr("There is no database at"));
    EXPECT_FALSE(fs::exists(empty.substr(7)));
  } else {
    RunResult r = Lookout(empty, {"backup", "nothing"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr("has no Lookout tables: there is nothing to back up"));
  }
  EXPECT_FALSE(fs::exists(dir_.path() / "nothing"));
}

// The PostgreSQL client tool `name` as found on the PATH.
std::string RealTool(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    const size_t end = std::min(dirs.find(':', start), dirs.size());
    const fs::path candidate = fs::path(dirs.substr(start, end - start)) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return "";
}

class BackupCliPostgres : public BackupTest {
 protected:
  BackupCliPostgres() : BackupTest("postgresql") {}

  // A folder of stand-ins for pg_dump and pg_restore that record their arguments and the
  // PGPASSWORD they were given, then run the real tool (or, with `fail`, say `fail` and
  // exit 1); and the PATH that finds them first.
  std::string StandInTools(const std::string& fail = "") {
    const fs::path bin = dir_.path() / "bin";
    fs::create_directories(bin);
    for (const std::string tool : {"pg_dump", "pg_restore"}) {
      const std::string real = RealTool(tool);
      EXPECT_NE(real, "") << tool << " is not on the PATH";
      const std::string log = (dir_.path() / tool).string();
      WriteFile(bin / tool, "#!/bin/sh\n"
                            "printf '%s\\n' \"$@\" > '" + log + ".args'\n"
                            "printf '%s' \"${PGPASSWORD-}\" > '" + log + ".password'\n" +
                            (fail.empty() ? "exec '" + real + "' \"$@\"\n"
                                          : "echo '" + fail + "' >&2\nexit 1\n"));
      fs::permissions(bin / tool, fs::perms::owner_all);
    }
    const char* path = std::getenv("PATH");
    return "PATH=" + bin.string() + ":" + (path != nullptr ? path : "/usr/bin:/bin");
  }
};

TEST_F(BackupCliPostgres, KeepsThePasswordOffCommandLinesAndOutOfWhatItPrints) {
  const std::string secret = "NotForPrinting42";
  auto with_password = [&](const std::string& url) {
    const size_t at = url.find('@');
    return url.substr(0, at) + ":" + secret + url.substr(at);
  };
  const std::string source = with_password(ProgrammeDatabase("source"));
  const std::string path = StandInTools();
  RunResult backup = Lookout(source, {"backup", "guarded"}, {path});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  const std::string target = with_password(NewDatabase("target"));
  RunResult restore = Lookout(target, {"restore", "guarded"}, {path});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  for (const std::string tool : {"pg_dump", "pg_restore"}) {
    const std::string args = ReadFile(dir_.path() / (tool + ".args"));
    EXPECT_THAT(args, HasSubstr("--dbname=")) << tool;
    EXPECT_THAT(args, Not(HasSubstr(secret))) << tool;
    EXPECT_EQ(ReadFile(dir_.path() / (tool + ".password")), secret) << tool;
  }
  for (const std::string& printed : {backup.out, backup.err, restore.out, restore.err,
                                     ReadFile(dir_.path() / "guarded" / "manifest.json")}) {
    EXPECT_THAT(printed, Not(HasSubstr(secret)));
  }
  EXPECT_THAT(backup.out, HasSubstr(":***@"));
  EXPECT_EQ(Manifest("guarded")["postgresql_schema"], "public");
}

TEST_F(BackupCliPostgres, LeavesNoBackupBehindWhenPgDumpFails) {
  const std::string source = ProgrammeDatabase("source");
  RunResult r = Lookout(source, {"backup", "failed"}, {StandInTools("the disk is full")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("pg_dump could not copy the database (exit code 1): the disk is "
                               "full"));
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_THAT(entry.path().filename().string(), Not(HasSubstr("failed")));
  }
}

TEST_F(BackupCliPostgres, KeepsNothingOfARestoreThatFailsHalfWay) {
  const std::string source = ProgrammeDatabase("source");
  ASSERT_EQ(Lookout(source, {"backup", "good"}).exit_code, 0);
  const std::string target = NewDatabase("target");
  // Not a table, so the database counts as empty; but the dump's table "task", which
  // comes after many others, cannot be created beside a type of the same name.
  {
    PGconn* conn = PQconnectdb(target.c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PQclear(PQexec(conn, "CREATE TYPE task AS (x integer)"));
    PQfinish(conn);
  }
  RunResult r = Lookout(target, {"restore", "good"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("pg_restore could not load the backup"));
  EXPECT_THAT(r.err, HasSubstr("which was rolled back. Nothing was restored."));
  EXPECT_THAT(r.err, HasSubstr("task"));
  EXPECT_EQ(TableCount(target), 0);
}

TEST_F(BackupCliPostgres, RestoresIntoTheSchemaTheTablesCameFrom) {
  const std::string plain = NewDatabase("source");
  {
    PGconn* conn = PQconnectdb(plain.c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PQclear(PQexec(conn, "CREATE SCHEMA lookout_app"));
    PQfinish(conn);
  }
  const std::string in_schema = plain + "?options=-csearch_path%3Dlookout_app";
  ASSERT_EQ(Lookout(in_schema, {"init"}).exit_code, 0);
  ASSERT_EQ(Lookout(in_schema, {"backup", "schema"}).exit_code, 0);
  EXPECT_EQ(Manifest("schema")["postgresql_schema"], "lookout_app");

  const std::string target = NewDatabase("target");
  RunResult wrong = Lookout(target, {"restore", "schema"});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_THAT(wrong.err, HasSubstr("The backup keeps Lookout's tables in schema 'lookout_app', "
                                   "but through this database URL Lookout would use schema "
                                   "'public'"));
  EXPECT_EQ(TableCount(target), 0);
  const std::string target_in_schema = target + "?options=-csearch_path%3Dlookout_app";
  RunResult right = Lookout(target_in_schema, {"restore", "schema"});
  EXPECT_EQ(right.exit_code, 0) << right.err;
  RunResult verified = Lookout(target_in_schema, {"audit", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

TEST(BackupCliSqlite, RestoresAnOlderSchemaAndSaysToMigrate) {
  TempDir dir;
  const std::string source = "sqlite:" + (dir / "old.db");
  ASSERT_EQ(RunLookout({"--database", source, "init"}, dir.path()).exit_code, 0);
  // As if the newest migration had not been applied yet.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "old.db").c_str(), &db), SQLITE_OK);
  const std::string forget = "DELETE FROM schema_migrations WHERE version = " +
                             std::to_string(store::LatestSchemaVersion());
  ASSERT_EQ(sqlite3_exec(db, forget.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const int older = store::LatestSchemaVersion() - 1;

  RunResult backup = RunLookout({"--database", source, "backup", "old-backup"}, dir.path());
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_THAT(backup.out, HasSubstr("schema version " + std::to_string(older)));
  RunResult restored =
      RunLookout({"--database", "sqlite:" + (dir / "new.db"), "restore", "old-backup"}, dir.path());
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_THAT(restored.out, HasSubstr("The database schema is at version " +
                                      std::to_string(older) + " and this lookout needs version " +
                                      std::to_string(older + 1) +
                                      ": run `lookout migrate` before using it."));
}

// Backups of one kind of database are not restored into the other.
TEST(BackupCliKinds, RefusesABackupOfTheOtherKind) {
  if (PostgresServer().empty()) {
    GTEST_SKIP() << "needs LOOKOUT_TEST_POSTGRES_URL (scripts/with-postgres.sh)";
  }
  TempDir dir;
  const std::string database = "lookout_backup_kinds_" + std::to_string(::getpid());
  AdminExecute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  AdminExecute("CREATE DATABASE " + database);
  const std::string postgres = WithDatabase(PostgresServer(), database);
  const std::string sqlite = "sqlite:" + (dir / "lookout.db");
  for (const std::string& url : {postgres, sqlite}) {
    ASSERT_EQ(RunLookout({"--database", url, "init"}, dir.path()).exit_code, 0);
  }
  ASSERT_EQ(RunLookout({"--database", sqlite, "backup", "from-sqlite"}, dir.path()).exit_code, 0);
  ASSERT_EQ(RunLookout({"--database", postgres, "backup", "from-pg"}, dir.path()).exit_code, 0);
  AdminExecute("DROP DATABASE " + database + " WITH (FORCE)");
  AdminExecute("CREATE DATABASE " + database);

  RunResult into_pg =
      RunLookout({"--database", postgres, "restore", "from-sqlite"}, dir.path());
  EXPECT_EQ(into_pg.exit_code, 1);
  EXPECT_THAT(into_pg.err, HasSubstr("This is a backup of a SQLite database and the database "
                                     "to restore into is a PostgreSQL one"));
  RunResult into_sqlite = RunLookout(
      {"--database", "sqlite:" + (dir / "fresh.db"), "restore", "from-pg"}, dir.path());
  EXPECT_EQ(into_sqlite.exit_code, 1);
  EXPECT_THAT(into_sqlite.err, HasSubstr("This is a backup of a PostgreSQL database and the "
                                         "database to restore into is a SQLite one"));
  EXPECT_FALSE(fs::exists(dir / "fresh.db"));
  auto tables = store::ListTables(postgres);
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(tables.value().count, 0);
  AdminExecute("DROP DATABASE " + database + " WITH (FORCE)");
}

}  // namespace
}  // namespace lookout::cli::clitest
