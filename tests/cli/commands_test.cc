// The command line as a person uses it: help, usage errors, version, migrate and init.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_test_util.h"

namespace lookout::cli::clitest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<std::string> kCommands = {"init",  "migrate", "import", "export",
                                            "serve", "demo",    "version"};

std::string Db(const TempDir& dir) { return "sqlite:" + (dir / "lookout.db"); }

TEST(CliHelp, MainHelpListsEveryCommandAndExitsZero) {
  TempDir dir;
  RunResult r = RunLookout({"--help"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& command : kCommands) EXPECT_THAT(r.out, HasSubstr(command));
  EXPECT_THAT(r.out, HasSubstr("--database"));
  EXPECT_THAT(r.out, Not(HasSubstr("formats-doc")));  // a hidden developer tool
}

TEST(CliHelp, EveryCommandHasHelp) {
  TempDir dir;
  for (const std::string& command : kCommands) {
    RunResult r = RunLookout({command, "--help"}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << command << ": " << r.err;
    EXPECT_THAT(r.out, HasSubstr(command)) << command;
    EXPECT_THAT(r.out, HasSubstr("--help")) << command;
  }
  // A help request creates no database.
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "var"));
}

TEST(CliUsage, UsageErrorsExitWithTwo) {
  TempDir dir;
  const std::vector<std::vector<std::string>> cases = {
      {},                                              // no command
      {"frobnicate"},                                  // unknown command
      {"import"},                                      // missing arguments
      {"import", "task"},                              // missing FILE
      {"import", "no-such-kind", "x.csv"},             // unknown kind
      {"import", "task", "tasks.txt"},                 // format not known from the name
      {"import", "task", "t.csv", "--format", "xml"},  // unknown format
      {"export", "task", "--format", "xml"},
      {"export", "all"},                               // all needs --output
      {"export", "no-such-kind"},
      {"init", "--fy-start-month", "13"},
      {"init", "--programme-name", ""},
      {"migrate", "--no-such-option"},
      {"serve", "--port", "70000"},
      {"demo", "--seed", "minus-one"},
  };
  for (const auto& args : cases) {
    std::vector<std::string> full = {"--database", Db(dir)};
    full.insert(full.end(), args.begin(), args.end());
    RunResult r = RunLookout(full, dir.path());
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    EXPECT_EQ(r.exit_code, 2) << shown << "\n" << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("lookout:")) << shown;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "lookout.db"));
}

TEST(CliUsage, UnknownKindErrorListsTheKinds) {
  TempDir dir;
  RunResult r = RunLookout({"import", "tasks-and-more", "x.csv"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("tasks-and-more"));
  EXPECT_THAT(r.err, HasSubstr("task-transition"));
  EXPECT_THAT(r.err, HasSubstr("survey-response"));
}

TEST(CliVersion, VersionShowsVersionCommitAndSchema) {
  TempDir dir;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--version"}, std::vector<std::string>{"version"}}) {
    RunResult r = RunLookout(args, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("lookout 0."));
    EXPECT_THAT(r.out, HasSubstr("commit "));
    EXPECT_THAT(r.out, HasSubstr("schema version "));
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "var"));  // no database touched
}

TEST(CliFailure, MissingDatabaseIsAFailureNotAUsageError) {
  TempDir dir;
  RunResult r = RunLookout({"--database", Db(dir), "export", "task"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("lookout: "));
  EXPECT_THAT(r.err, HasSubstr("lookout init"));
  EXPECT_FALSE(std::filesystem::exists(dir / "lookout.db"));
}

TEST(CliFailure, UnreadableImportFileIsReported) {
  TempDir dir;
  ASSERT_EQ(RunLookout({"--database", Db(dir), "init"}, dir.path()).exit_code, 0);
  RunResult r = RunLookout({"--database", Db(dir), "import", "task", dir / "missing.csv"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("missing.csv"));
}

TEST(CliMigrate, DryRunChangesNothingThenMigrateApplies) {
  TempDir dir;
  RunResult dry = RunLookout({"--database", Db(dir), "migrate", "--dry-run"}, dir.path());
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("pending"));
  EXPECT_THAT(dry.out, HasSubstr("Nothing was changed"));
  EXPECT_FALSE(std::filesystem::exists(dir / "lookout.db"));

  RunResult apply = RunLookout({"--database", Db(dir), "migrate"}, dir.path());
  EXPECT_EQ(apply.exit_code, 0) << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("Applied"));

  RunResult again = RunLookout({"--database", Db(dir), "migrate"}, dir.path());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("up to date"));
  EXPECT_THAT(again.out, Not(HasSubstr("pending")));
}

TEST(CliInit, InitLoadsReferenceDataAndIsIdempotent) {
  TempDir dir;
  RunResult first = RunLookout({"--database", Db(dir), "init", "--funder", "Example PCC"}, dir.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("added 11 regions, 44 police forces, 13 sectors"));
  EXPECT_THAT(first.out, HasSubstr("Prevention Programme"));
  EXPECT_THAT(first.out, HasSubstr("April"));

  const TempDir exports;
  ASSERT_EQ(RunLookout({"--database", Db(dir), "export", "all", "--output", exports / "before"},
                dir.path())
                .exit_code,
            0);
  RunResult second = RunLookout({"--database", Db(dir), "init"}, dir.path());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("Nothing to do"));
  ASSERT_EQ(RunLookout({"--database", Db(dir), "export", "all", "--output", exports / "after"},
                dir.path())
                .exit_code,
            0);
  for (const auto& entry : std::filesystem::directory_iterator(exports / "before")) {
    EXPECT_EQ(ReadFile(entry.path()),
              ReadFile(exports.path() / "after" / entry.path().filename()))
        << entry.path().filename() << " changed on the second init";
  }
  EXPECT_EQ(CsvRecordCount(ReadFile(exports.path() / "after" / "region.csv")), 11);
  EXPECT_EQ(CsvRecordCount(ReadFile(exports.path() / "after" / "police-force.csv")), 44);
  EXPECT_EQ(CsvRecordCount(ReadFile(exports.path() / "after" / "sector.csv")), 13);
  EXPECT_EQ(CsvRecordCount(ReadFile(exports.path() / "after" / "programme.csv")), 1);
  const std::string forces = ReadFile(exports.path() / "after" / "police-force.csv");
  // The force's programme region and its ROCU are separate facts.
  EXPECT_THAT(forces, HasSubstr("North Wales Police,WAL,W15000001,NWROCU (Titan)"));
  EXPECT_THAT(forces, HasSubstr("Kent Police,EE,E23000032,ERSOU"));
  const std::string programme = ReadFile(exports.path() / "after" / "programme.csv");
  EXPECT_THAT(programme, HasSubstr("Prevention Programme,Example PCC,4"));
}

TEST(CliInit, DefaultDatabaseIsVarLookoutDbInTheWorkingFolder) {
  TempDir dir;
  RunResult r = RunLookout({"init"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "var" / "lookout.db"));
}

}  // namespace
}  // namespace lookout::cli::clitest
