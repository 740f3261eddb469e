// `lookout audit` and `lookout retention` through the real binary: verify finds a row
// changed or deleted directly in the database, list and export filter the trail, an
// export is itself recorded, and retention runs (dry or not) print what they do.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>

#include "cli_test_util.h"

namespace lookout::cli::clitest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class AuditCli : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult r = Lookout({"init"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  RunResult Lookout(std::vector<std::string> args) {
    args.insert(args.begin(), {"--database", "sqlite:" + (dir_ / "lookout.db")});
    return RunLookout(args, dir_.path());
  }

  // Runs SQL on the database file behind Lookout's back.
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "lookout.db").c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }

  // Staff and three insights whose dates lie far enough in the past (or future) that
  // the outcome does not depend on the day the test runs:
  //   1: received in 2015 without a review date        -> archived
  //   2: received in 2015, to be reviewed in 2199      -> kept
  //   3: archived in 2011, received in 2010, no task   -> anonymised, then deleted
  void ImportInsight() {
    WriteFile(dir_.path() / "staff.csv",
              "id,name,email,role,home_region,active\n"
              "1,Tom Reid,tom.reid@example.org,officer,NE,true\n");
    WriteFile(dir_.path() / "insight.csv",
              "id,received_on,recorded_by,source_type,region,themes,summary,review_on,status,"
              "archived,archived_at\n"
              "1,2015-01-01,1,partner_observation,NE,cce,Older boys wait outside the takeaway.,"
              ",new,false,\n"
              "2,2015-01-01,1,partner_observation,NE,cse,Hotel staff report concerns.,"
              "2199-12-31,new,false,\n"
              "3,2010-01-01,1,partner_observation,NE,msht,Workers moved between car washes.,"
              "2010-06-01,assessed,true,2011-01-01T00:00:00Z\n");
    RunResult staff = Lookout({"import", "staff", "staff.csv"});
    ASSERT_EQ(staff.exit_code, 0) << staff.out << staff.err;
    RunResult insight = Lookout({"import", "insight", "insight.csv"});
    ASSERT_EQ(insight.exit_code, 0) << insight.out << insight.err;
  }

  TempDir dir_;
};

TEST_F(AuditCli, HelpListsTheAuditAndRetentionCommands) {
  RunResult r = Lookout({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("audit"));
  EXPECT_THAT(r.out, HasSubstr("retention"));
  RunResult audit = Lookout({"audit", "--help"});
  EXPECT_EQ(audit.exit_code, 0);
  for (const char* sub : {"verify", "list", "export"}) EXPECT_THAT(audit.out, HasSubstr(sub));
}

TEST_F(AuditCli, VerifySaysTheTrailIsIntact) {
  RunResult r = Lookout({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("^audit trail intact: [0-9]+ entries\n")))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("last entry: "));
}

TEST_F(AuditCli, VerifyFindsARowChangedInTheDatabase) {
  Tamper("UPDATE audit_entry SET actor = 'cli:someone-else' WHERE id = 5");
  RunResult r = Lookout({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out,
              HasSubstr("audit trail broken at entry 5: its hash does not match its contents"));
  EXPECT_THAT(r.err, HasSubstr("lookout: "));
}

TEST_F(AuditCli, VerifyFindsADeletedRow) {
  Tamper("DELETE FROM audit_entry WHERE id = 7");
  RunResult r = Lookout({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("audit trail broken at entry 8: entry 7 is missing"));
}

TEST_F(AuditCli, ListShowsAFilteredPageNewestFirst) {
  RunResult r =
      Lookout({"audit", "list", "--entity", "region", "--action", "import", "--limit", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("actor"));
  EXPECT_TRUE(std::regex_search(r.out, std::regex("entries 1 to 3 of [0-9]+, newest first")))
      << r.out;
  int rows = 0;
  for (size_t at = r.out.find(" import "); at != std::string::npos;
       at = r.out.find(" import ", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, 3) << r.out;
  EXPECT_THAT(r.out, Not(HasSubstr(" sector ")));
}

TEST_F(AuditCli, ListRefusesABadDate) {
  RunResult r = Lookout({"audit", "list", "--from", "last tuesday"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("from: expected a date"));
}

TEST_F(AuditCli, ExportWritesTheFileAndIsItselfRecorded) {
  RunResult r = Lookout({"audit", "export", "--output", "trail.json", "--entity", "sector",
                         "--reason", "annual check"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("audit entries to trail.json"));
  const std::string file = ReadFile(dir_.path() / "trail.json");
  EXPECT_EQ(file.front(), '[');
  EXPECT_THAT(file, HasSubstr("\"entity\":\"sector\""));
  EXPECT_THAT(file, Not(HasSubstr("\"entity\":\"region\"")));

  RunResult listed = Lookout({"audit", "list", "--action", "export", "--entity", "audit"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("annual check"));
  EXPECT_THAT(listed.out, HasSubstr("entries 1 to 1 of 1"));

  RunResult csv = Lookout({"audit", "export", "-o", "trail.csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(ReadFile(dir_.path() / "trail.csv")
                .rfind("id,at,actor,address,request_id,action,entity,entity_id,changes,reason,"
                       "prev_hash,hash\n",
                       0),
            0u);
  EXPECT_EQ(Lookout({"audit", "verify"}).exit_code, 0);
}

TEST_F(AuditCli, ExportNeedsAnOutputFile) {
  RunResult r = Lookout({"audit", "export"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--output"));
}

TEST_F(AuditCli, RetentionDryRunListsWhatWouldHappenAndChangesNothing) {
  ImportInsight();
  const std::string before = Lookout({"export", "insight"}).out;
  RunResult dry = Lookout({"retention", "run", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("(dry run: nothing was changed)"));
  EXPECT_THAT(dry.out, HasSubstr("archive_after_months = 24"));
  EXPECT_THAT(dry.out, HasSubstr("would archive insight 1: retention policy: no review date"));
  EXPECT_THAT(dry.out, HasSubstr("would anonymise insight 3: retention policy: archived more"));
  EXPECT_THAT(dry.out, HasSubstr("would delete insight 3: retention policy: anonymised"));
  EXPECT_THAT(dry.out, Not(HasSubstr("insight 2")));
  EXPECT_EQ(Lookout({"export", "insight"}).out, before);
}

TEST_F(AuditCli, RetentionRunPrintsASummaryByAction) {
  ImportInsight();
  RunResult r = Lookout({"retention", "run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("dry run")));
  EXPECT_TRUE(std::regex_search(r.out, std::regex("retention_archive +insight +1\n"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("retention_anonymise +insight +1\n"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("retention_delete +insight +1\n"))) << r.out;
  const std::string left = Lookout({"export", "insight"}).out;
  EXPECT_THAT(left, HasSubstr("Hotel staff report concerns."));
  EXPECT_THAT(left, Not(HasSubstr("car washes")));
  EXPECT_EQ(Lookout({"audit", "verify"}).exit_code, 0);
  // Nothing is due a second time.
  EXPECT_THAT(Lookout({"retention", "run"}).out, HasSubstr("nothing is due under the policy"));
}

TEST_F(AuditCli, RetentionReadsItsSettingsFromAFileAndFlags) {
  ImportInsight();
  WriteFile(dir_.path() / "retention.conf",
            "# keep everything for a century\narchive_after_months = 1200\n");
  RunResult r = Lookout({"retention", "run", "--dry-run", "--settings", "retention.conf",
                         "--delete-after-months", "1200"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("archive_after_months = 1200"));
  EXPECT_THAT(r.out, HasSubstr("delete_after_months = 1200"));
  EXPECT_THAT(r.out, Not(HasSubstr("would archive")));
  EXPECT_THAT(r.out, Not(HasSubstr("would delete")));
  EXPECT_THAT(r.out, HasSubstr("would anonymise insight 3"));
}

TEST_F(AuditCli, RetentionRefusesBadSettings) {
  WriteFile(dir_.path() / "bad.conf", "archive_after_months = 24\nkeep everything\n");
  RunResult file = Lookout({"retention", "run", "--settings", "bad.conf"});
  EXPECT_EQ(file.exit_code, 1);
  EXPECT_THAT(file.err, HasSubstr("bad.conf"));
  EXPECT_THAT(file.err, HasSubstr("line 2"));
  RunResult flag = Lookout({"retention", "run", "--session-days", "0"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_THAT(flag.err, HasSubstr("--session-days"));
  RunResult missing = Lookout({"retention", "run", "--settings", "no-such-file.conf"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("no-such-file.conf"));
}

}  // namespace
}  // namespace lookout::cli::clitest
