// Configuration: flags > LOOKOUT_* environment > configuration file > defaults, and
// `lookout config check` reporting the effective values, masking secrets and naming the
// key of anything wrong.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "cli_test_util.h"

namespace lookout::cli::clitest {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Assets() {
  const char* dir = std::getenv("LOOKOUT_ASSETS_DIR");
  return dir != nullptr ? dir : "";
}

// `config check` with the assets folder the build made, so only what a test breaks fails.
RunResult Check(const TempDir& dir, std::vector<std::string> args,
                const std::vector<std::string>& env = {}) {
  const bool own_assets = std::find(args.begin(), args.end(), "--assets-dir") != args.end();
  args.insert(args.begin(), {"--database", "sqlite:" + (dir / "lookout.db"), "config", "check"});
  if (!own_assets && !Assets().empty()) args.insert(args.end(), {"--assets-dir", Assets()});
  return RunLookout(args, dir.path(), env);
}

TEST(CliConfig, FlagBeatsEnvironmentBeatsFileBeatsDefault) {
  TempDir dir;
  WriteFile(dir.path() / "lookout.conf",
            "# Lookout\nport = 9001\nworkers = 7\nbind = \"127.0.0.2\"\n"
            "trusted-proxy = [\"127.0.0.1\", \"::1\"]\n");
  const std::string conf = "LOOKOUT_CONFIG=" + (dir / "lookout.conf");

  RunResult r = Check(dir, {}, {conf});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Configuration file: " + (dir / "lookout.conf")));
  EXPECT_THAT(r.out, ContainsRegex("port +9001 +file +LOOKOUT_PORT"));
  EXPECT_THAT(r.out, ContainsRegex("workers +7 +file"));
  EXPECT_THAT(r.out, ContainsRegex("bind +127.0.0.2 +file"));
  EXPECT_THAT(r.out, ContainsRegex("trusted-proxy +127.0.0.1, ::1 +file"));
  EXPECT_THAT(r.out, ContainsRegex("database +sqlite:.*lookout.db +flag"));
  EXPECT_THAT(r.out, HasSubstr("The configuration is valid."));

  r = Check(dir, {}, {conf, "LOOKOUT_PORT=9002"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ContainsRegex("port +9002 +environment"));
  EXPECT_THAT(r.out, ContainsRegex("workers +7 +file"));

  r = Check(dir, {"--port", "9003"}, {conf, "LOOKOUT_PORT=9002"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ContainsRegex("port +9003 +flag"));

  // Without the file: the defaults.
  r = Check(dir, {}, {});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Configuration file: none"));
  EXPECT_THAT(r.out, ContainsRegex("port +8080 +default"));
}

TEST(CliConfig, ServeRunsWithTheFilesDatabase) {
  TempDir dir;
  WriteFile(dir.path() / "lookout.conf",
            "database = \"sqlite:" + (dir / "from-file.db") + "\"\nport = 0\n");
  Background server({"--config", dir / "lookout.conf", "serve"}, dir.path());
  ASSERT_TRUE(server.WaitForOutput("Press Ctrl-C", 60)) << server.out() << server.err();
  EXPECT_THAT(server.out(), HasSubstr("from-file.db"));
  EXPECT_EQ(server.StopWith(SIGTERM), 0);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "from-file.db"));
}

TEST(CliConfig, UnknownKeySectionAndMissingFileAreNamed) {
  TempDir dir;
  WriteFile(dir.path() / "typo.conf", "prot = 9000\n");
  RunResult r = Check(dir, {"--config", dir / "typo.conf"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("unknown key \"prot\""));
  EXPECT_THAT(r.err, HasSubstr("typo.conf"));
  EXPECT_THAT(r.err, HasSubstr("Known keys: database, bind, port"));

  WriteFile(dir.path() / "section.conf", "[serve]\nport = 9000\n");
  r = Check(dir, {"--config", dir / "section.conf"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("section [serve]"));

  r = Check(dir, {}, {"LOOKOUT_CONFIG=" + (dir / "missing.conf")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("Cannot read the configuration file " + (dir / "missing.conf")));
  EXPECT_THAT(r.err, HasSubstr("LOOKOUT_CONFIG"));

  WriteFile(dir.path() / "twice.conf", "port = 1\nworkers = 2\nport = 3\n");
  r = Check(dir, {"--config", dir / "twice.conf"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("sets the key \"port\" twice"));
}

TEST(CliConfig, InvalidValuesAreNamedByKey) {
  TempDir dir;
  WriteFile(dir.path() / "bad-port.conf", "port = 70000\n");
  RunResult r = Check(dir, {"--config", dir / "bad-port.conf"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--port"));
  EXPECT_THAT(r.err, HasSubstr("the key \"port\" of the configuration file"));

  WriteFile(dir.path() / "bad.conf",
            "bind = \"localhost:80\"\ntrusted-proxy = [\"10.0.0.1\", \"proxy\"]\n"
            "tls-cert = \"" +
                (dir / "no-cert.pem") + "\"\n");
  r = Check(dir, {"--config", dir / "bad.conf"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--tls-cert requires --tls-key (the key \"tls-cert\" of the "
                               "configuration file"));

  r = Check(dir, {"--config", dir / "bad.conf", "--tls-key", dir / "no-key.pem"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("The configuration has 4 problems"));
  EXPECT_THAT(r.err, HasSubstr("bind: \"localhost:80\" is not an IPv4 or IPv6 address"));
  EXPECT_THAT(r.err, HasSubstr("trusted-proxy: \"proxy\" is not"));
  EXPECT_THAT(r.err, HasSubstr("tls-cert: cannot read the file"));
  EXPECT_THAT(r.err, HasSubstr("tls-key: cannot read the file"));

  r = Check(dir, {"--assets-dir", dir / "nowhere"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("assets-dir: no lookout.css in"));
}

// public-url: shown and checked by `config check`, and the base of the links of the
// reports `lookout report` writes (flag > environment > file, like every setting).
TEST(CliConfig, PublicUrlIsCheckedAndMakesReportLinksAbsolute) {
  TempDir dir;
  RunResult r = Check(dir, {});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ContainsRegex("public-url +\\(none: report links follow the address each browser used\\) +default"));
  r = Check(dir, {}, {"LOOKOUT_PUBLIC_URL=https://lookout.example.org/"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ContainsRegex("public-url +https://lookout.example.org/ +environment +LOOKOUT_PUBLIC_URL"));

  WriteFile(dir.path() / "bad-url.conf", "public-url = \"lookout.example.org/reports?x=1\"\n");
  r = Check(dir, {"--config", dir / "bad-url.conf"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--public-url"));
  EXPECT_THAT(r.err, HasSubstr("must start with https://"));
  EXPECT_THAT(r.err, HasSubstr("the key \"public-url\" of the configuration file"));

  const std::string db = "sqlite:" + (dir / "lookout.db");
  ASSERT_EQ(RunLookout({"--database", db, "init"}, dir.path()).exit_code, 0);
  WriteFile(dir.path() / "url.conf", "public-url = \"https://from-file.example\"\n");
  const std::vector<std::string> report = {"--database", db, "report", "impact", "--period", "2025-26",
                                           "--format", "json"};
  r = RunLookout(report, dir.path(), {"LOOKOUT_CONFIG=" + (dir / "url.conf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"link\": \"https://from-file.example/activities?from=2025-04-01"));
  r = RunLookout(report, dir.path(),
                 {"LOOKOUT_CONFIG=" + (dir / "url.conf"), "LOOKOUT_PUBLIC_URL=https://from-env.example"});
  EXPECT_THAT(r.out, HasSubstr("\"link\": \"https://from-env.example/activities?"));
  std::vector<std::string> flagged = report;
  flagged.insert(flagged.end(), {"--public-url", "https://from-flag.example"});
  r = RunLookout(flagged, dir.path(), {"LOOKOUT_PUBLIC_URL=https://from-env.example"});
  EXPECT_THAT(r.out, HasSubstr("\"link\": \"https://from-flag.example/activities?"));
  // Without it: no link, and the methods say why.
  r = RunLookout(report, dir.path(), {"LOOKOUT_CONFIG="});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"link\": null"));
  EXPECT_THAT(r.out, HasSubstr("without Lookout's public address"));
  flagged = report;
  flagged.insert(flagged.end(), {"--public-url", "/relative"});
  r = RunLookout(flagged, dir.path());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("must start with https://"));
}

TEST(CliConfig, DatabaseStateIsCheckedAndPasswordsMasked) {
  TempDir dir;
  ASSERT_EQ(
      RunLookout({"--database", "sqlite:" + (dir / "lookout.db"), "migrate"}, dir.path()).exit_code,
      0);
  RunResult r = Check(dir, {});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Database: answers, schema version"));

  // Nothing listens on port 1: the check fails on the database, never showing its password.
  WriteFile(dir.path() / "pg.conf",
            "database = \"postgresql://lookout:Sekret-Pass-42@127.0.0.1:1/lookout\"\n");
  r = RunLookout({"--config", dir / "pg.conf", "config", "check"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out,
              ContainsRegex("database +postgresql://lookout:\\*\\*\\*@127.0.0.1:1/lookout +file"));
  EXPECT_THAT(r.err, HasSubstr("database: "));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("Sekret-Pass-42")));

  // The metrics token is a secret too: shown as set, never as itself.
  r = Check(dir, {}, {"LOOKOUT_METRICS_TOKEN=metrics-Secret-0123456789"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ContainsRegex("metrics-token +\\*\\*\\* +environment"));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("metrics-Secret-0123456789")));
}

}  // namespace
}  // namespace lookout::cli::clitest
