// docs/data-formats.md is generated from the data model: it must equal what
// `lookout formats-doc` prints, so it cannot drift from the code.
#include <gtest/gtest.h>

#include "cli_test_util.h"

namespace lookout::cli::clitest {
namespace {

TEST(DataFormatsDoc, MatchesTheGeneratedText) {
  TempDir dir;
  RunResult r = RunLookout({"formats-doc", "--examples", FixtureDir("programme").string()}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string committed = ReadFile(SourceDir() / "docs" / "data-formats.md");
  EXPECT_EQ(committed, r.out)
      << "docs/data-formats.md is out of date: regenerate it with\n"
         "  lookout formats-doc --examples tests/cli/fixtures/programme > docs/data-formats.md";
}

TEST(DataFormatsDoc, DescribesEveryKindAndColumn) {
  TempDir dir;
  RunResult r = RunLookout({"formats-doc", "--examples", FixtureDir("programme").string()}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* kind : {"programme", "region", "police-force", "sector", "staff", "insight",
                           "task", "task-transition", "activity", "survey-response",
                           "outcome-event"}) {
    EXPECT_NE(r.out.find(std::string("### ") + kind + ":"), std::string::npos) << kind;
  }
  EXPECT_NE(r.out.find("| `grade_source` |"), std::string::npos);
  EXPECT_NE(r.out.find("| `audience` |"), std::string::npos);
}

}  // namespace
}  // namespace lookout::cli::clitest
