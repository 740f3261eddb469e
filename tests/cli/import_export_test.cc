// Import and export through the real binary: all-or-nothing imports that report every bad
// row with its line and column, dry runs, byte-identical round trips for every kind in
// CSV and JSON, and progress shown only on a terminal.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "cli_test_util.h"
#include "domain/schema.h"

namespace lookout::cli::clitest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

namespace fs = std::filesystem;

// A database in a temporary folder, initialised (schema, reference data, programme).
class CliDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult r = Lookout({"init"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  RunResult Lookout(std::vector<std::string> args, const std::string& db = "lookout.db") {
    args.insert(args.begin(), {"--database", "sqlite:" + (dir_ / db)});
    return RunLookout(args, dir_.path());
  }

  // Copies the named fixture files of the example programme into a new folder.
  std::string FixtureFolder(const std::string& name, const std::vector<std::string>& kinds) {
    const fs::path folder = dir_.path() / name;
    fs::create_directories(folder);
    for (const std::string& kind : kinds) {
      fs::copy_file(FixtureDir("programme") / (kind + ".csv"), folder / (kind + ".csv"));
    }
    return folder.string();
  }

  std::string Export(const std::string& kind, const std::string& db = "lookout.db") {
    RunResult r = Lookout({"export", kind}, db);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  // Exports every kind from the test's database, imports the files into a new database
  // and exports again: every file must come out byte for byte the same.
  void ExpectRoundTrip(const std::string& format) {
    const std::string first = dir_ / ("first-" + format);
    const std::string second = dir_ / ("second-" + format);
    const std::string fresh = "fresh-" + format + ".db";
    RunResult exported = Lookout({"export", "all", "--format", format, "--output", first});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    ASSERT_EQ(Lookout({"migrate"}, fresh).exit_code, 0);
    RunResult imported = Lookout({"import", "all", first}, fresh);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    RunResult again = Lookout({"export", "all", "--format", format, "--output", second}, fresh);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    int files = 0;
    for (const auto& entry : fs::directory_iterator(first)) {
      ++files;
      EXPECT_EQ(ReadFile(entry.path()), ReadFile(fs::path(second) / entry.path().filename()))
          << entry.path().filename() << " (" << format << ") differs after a round trip";
    }
    EXPECT_EQ(files, static_cast<int>(domain::AllEntities().size())) << "one file per kind";
  }

  TempDir dir_;
};

TEST_F(CliDatabase, ImportWithMistakesWritesNothingAndReportsEveryBadRow) {
  const std::string people = FixtureFolder("people", {"staff", "objective", "partner"});
  ASSERT_EQ(Lookout({"import", "all", people}).exit_code, 0);
  const std::string file = dir_ / "task.csv";
  WriteFile(file,
            "title,description,objectives,themes,regions,lead,priority,due_on,colour\n"  // 1
            "Good task,,1,cse,NE,2,high,2025-09-30,red\n"                                // 2
            "Another good task,\"A description\n"                                        // 3
            "over three\n"
            "lines\",1,cse,NE,2,high,2025-09-30,red\n"
            "Bad date,,1,cse,NE,2,high,2025-02-30,red\n"        // 6
            "Unknown code,,1,cse,NE,2,urgent,2025-09-30,red\n"  // 7
            ",,1,cse,NE,2,high,2025-09-30,red\n"                // 8: no title
            "Too few values,,1,cse\n"                           // 9
            "Missing lead,,1,cse,NE,999,high,2025-09-30,red\n"  // 10
            "Unknown region,,1,cse,XX,2,high,2025-09-30,red\n"  // 11
  );
  RunResult r = Lookout({"import", "task", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("line 1, column 9: unknown column 'colour'"));
  EXPECT_THAT(r.err, HasSubstr("line 6, column due_on: '2025-02-30' is not a date"));
  EXPECT_THAT(r.err, HasSubstr("line 7, column priority: 'urgent' is not allowed"));
  EXPECT_THAT(r.err, HasSubstr("line 8, column title: is required"));
  EXPECT_THAT(r.err, HasSubstr("line 9: 4 values where the header names 9 columns"));
  EXPECT_THAT(r.err, HasSubstr("line 10, column lead: there is no Staff member with id 999"));
  EXPECT_THAT(r.err, HasSubstr("line 11, column regions"));
  EXPECT_THAT(r.err, Not(HasSubstr("line 2,")));
  EXPECT_THAT(r.err, Not(HasSubstr("line 3,")));
  EXPECT_THAT(r.err, HasSubstr("nothing was written"));
  EXPECT_EQ(CsvRecordCount(Export("task")), 0);
}

TEST_F(CliDatabase, MissingRequiredColumnIsReportedOnce) {
  const std::string file = dir_ / "staff.csv";
  WriteFile(file, "name,role\nAsha,admin\nTom,manager\n");
  RunResult r = Lookout({"import", "staff", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("line 1, column email: the required column 'email' is missing"));
  EXPECT_THAT(r.err, Not(HasSubstr("line 2, column email")));
  EXPECT_EQ(CsvRecordCount(Export("staff")), 0);
}

TEST_F(CliDatabase, JsonImportReportsItemsAndWritesNothing) {
  const std::string file = dir_ / "staff.json";
  WriteFile(file,
            "[{\"name\": \"Asha\", \"email\": \"asha@example.org\", \"role\": \"admin\"},\n"
            " {\"name\": 5, \"email\": \"tom@example.org\", \"role\": \"admin\"},\n"
            " {\"name\": \"Ceri\", \"email\": \"ceri@example.org\", \"role\": \"chief\"},\n"
            " {\"name\": \"Dana\", \"email\": \"dana@example.org\", \"role\": \"admin\", "
            "\"shoe_size\": 7},\n"
            " \"not an object\"]\n");
  RunResult r = Lookout({"import", "staff", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("item 2, name: must be text"));
  EXPECT_THAT(r.err, HasSubstr("item 3, role: 'chief' is not allowed"));
  EXPECT_THAT(r.err, HasSubstr("item 4, shoe_size: is not a field"));
  EXPECT_THAT(r.err, HasSubstr("item 5"));
  EXPECT_THAT(r.err, Not(HasSubstr("item 1")));
  EXPECT_THAT(r.err, HasSubstr("nothing was written"));
  EXPECT_EQ(CsvRecordCount(Export("staff")), 0);
}

TEST_F(CliDatabase, MalformedFilesAreReportedWithTheirPosition) {
  WriteFile(dir_ / "quotes.csv", "name,email,role\n\"Asha,asha@example.org,admin\n");
  RunResult csv = Lookout({"import", "staff", dir_ / "quotes.csv"});
  EXPECT_EQ(csv.exit_code, 1);
  EXPECT_THAT(csv.err, HasSubstr("line 2"));
  EXPECT_THAT(csv.err, HasSubstr("closing '\"' is missing"));

  WriteFile(dir_ / "utf8.csv", "name,email,role\nAsh\xe9,asha@example.org,admin\n");
  RunResult utf8 = Lookout({"import", "staff", dir_ / "utf8.csv"});
  EXPECT_EQ(utf8.exit_code, 1);
  EXPECT_THAT(utf8.err, HasSubstr("line 2, column name: not valid UTF-8"));

  WriteFile(dir_ / "broken.json", "[{\"name\": \"Asha\",\n  \"email\": }]");
  RunResult json = Lookout({"import", "staff", dir_ / "broken.json"});
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_THAT(json.err, HasSubstr("not valid JSON"));
  EXPECT_THAT(json.err, HasSubstr("line 2"));
  EXPECT_EQ(CsvRecordCount(Export("staff")), 0);
}

TEST_F(CliDatabase, ByteOrderMarkAndCrlfLineEndsAreAccepted) {
  WriteFile(dir_ / "staff.csv",
            "\xEF\xBB\xBFname,email,role,home_region\r\n"
            "Asha Patel,asha@example.org,admin,\r\n"
            "Tom Reid,tom@example.org,officer,NE\r\n");
  RunResult r = Lookout({"import", "staff", dir_ / "staff.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("imported 2 staff records"));
  const std::string exported = Export("staff");
  EXPECT_THAT(exported, HasSubstr("1,Asha Patel,asha@example.org,admin,,true,false,\n"));
  EXPECT_THAT(exported, HasSubstr("2,Tom Reid,tom@example.org,officer,NE,true,false,\n"));
  EXPECT_NE(exported.substr(0, 3), "\xEF\xBB\xBF");  // exports carry no BOM
}

TEST_F(CliDatabase, DryRunChecksEverythingAndWritesNothing) {
  const std::string file = (FixtureDir("programme") / "staff.csv").string();
  RunResult dry = Lookout({"import", "staff", file, "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("nothing was written"));
  EXPECT_EQ(CsvRecordCount(Export("staff")), 0);

  RunResult bad_dry = Lookout({"import", "task", file, "--dry-run"});  // staff columns
  EXPECT_EQ(bad_dry.exit_code, 1);

  RunResult real = Lookout({"import", "staff", file});
  ASSERT_EQ(real.exit_code, 0) << real.err;
  EXPECT_THAT(real.out, HasSubstr("imported 4 staff records"));
  EXPECT_EQ(CsvRecordCount(Export("staff")), 4);
}

TEST_F(CliDatabase, ImportAllChecksEveryFileBeforeWritingAny) {
  const std::string folder = FixtureFolder("mixed", {"staff", "objective", "partner"});
  // The task file refers to staff the folder provides, and to one nobody provides.
  WriteFile(fs::path(folder) / "task.csv",
            "title,objectives,themes,regions,lead,priority\n"
            "Fine,1,cse,NE,2,high\n"
            "Bad lead,1,cse,NE,77,high\n");
  RunResult r = Lookout({"import", "all", folder});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("task.csv: line 3, column lead: there is no Staff member with id 77"));
  EXPECT_THAT(r.err, Not(HasSubstr("line 2")));
  EXPECT_THAT(r.err, HasSubstr("nothing was written"));
  EXPECT_EQ(CsvRecordCount(Export("staff")), 0);
  EXPECT_EQ(CsvRecordCount(Export("objective")), 0);

  RunResult dry = Lookout({"import", "all", FixtureFolder("good", kProgrammeKinds), "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(CsvRecordCount(Export("staff")), 0);
  EXPECT_EQ(CsvRecordCount(Export("activity")), 0);
}

TEST_F(CliDatabase, ExportToStandardOutputEqualsExportToAFile) {
  ASSERT_EQ(Lookout({"import", "all", FixtureFolder("seed", kProgrammeKinds)}).exit_code, 0);
  for (const std::string format : {"csv", "json"}) {
    const std::string file = dir_ / ("task." + format);
    RunResult to_file = Lookout({"export", "task", "--output", file});
    ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
    RunResult to_stdout = Lookout({"export", "task", "--format", format});
    ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
    EXPECT_EQ(ReadFile(file), to_stdout.out) << format;
  }
}

TEST_F(CliDatabase, ExportImportExportIsByteIdenticalForEveryKind) {
  RunResult seed = Lookout({"import", "all", FixtureFolder("seed", kProgrammeKinds)});
  ASSERT_EQ(seed.exit_code, 0) << seed.err;
  // Every kind holds records, so every kind's format is exercised.
  for (const std::string& kind : kProgrammeKinds) {
    EXPECT_GT(CsvRecordCount(Export(kind)), 0) << kind;
  }
  ExpectRoundTrip("csv");
  ExpectRoundTrip("json");
}

TEST_F(CliDatabase, DemoProgrammeRoundTripsByteIdentically) {
  RunResult demo = Lookout({"demo", "--seed", "7"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_THAT(demo.err, HasSubstr("DEMO"));
  EXPECT_GT(CsvRecordCount(Export("task")), 100);
  ExpectRoundTrip("csv");
  ExpectRoundTrip("json");
}

TEST_F(CliDatabase, ExportedFixturesAreTheFixtures) {
  // The example files (which docs/data-formats.md shows) are in the exact form an export
  // writes, so the documentation shows real exports.
  ASSERT_EQ(Lookout({"import", "all", FixtureFolder("seed", kProgrammeKinds)}).exit_code, 0);
  for (const std::string& kind : kProgrammeKinds) {
    EXPECT_EQ(Export(kind), ReadFile(FixtureDir("programme") / (kind + ".csv"))) << kind;
  }
}

TEST_F(CliDatabase, ProgressIsShownOnATerminalOnly) {
  const std::string file = (FixtureDir("programme") / "staff.csv").string();
  RunResult piped = Lookout({"import", "staff", file, "--dry-run"});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.err.find('\r'), std::string::npos) << piped.err;
  EXPECT_THAT(piped.err, Not(HasSubstr("checking")));
  RunResult exported = Lookout({"export", "region"});
  EXPECT_EQ(exported.err, "");

  RunResult terminal = RunOnTerminal(
      {"--database", "sqlite:" + (dir_ / "lookout.db"), "import", "staff", file, "--dry-run"},
      dir_.path());
  ASSERT_EQ(terminal.exit_code, 0) << terminal.out;
  EXPECT_THAT(terminal.out, HasSubstr("checking staff.csv: 4/4"));
}

}  // namespace
}  // namespace lookout::cli::clitest
