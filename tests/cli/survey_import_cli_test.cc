// `lookout import survey-responses --survey ID --preset NAME FILE`: a file as a survey tool
// exported it, all or nothing, every problem on its own line as "line N, column X: ...".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_test_util.h"

namespace lookout::cli::clitest {
namespace {

using ::testing::HasSubstr;

class SurveyImportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Lookout({"init"}).exit_code, 0);
    WriteFile(dir_ / "survey.csv",
              "title,kind,period\nExploitation awareness training feedback,post_session_feedback,"
              "2025-26 Q3\n");
    WriteFile(dir_ / "survey-question.csv",
              "survey,position,text,kind,options\n"
              "1,1,I feel more confident to recognise the signs of exploitation.,agreement,\n"
              "1,2,I know how to report a concern about a child.,agreement,\n"
              "1,3,Would you recommend the session to a colleague?,yes_no,\n"
              "1,4,Which parts of the session were most useful?,multiple_choice,"
              "Case studies;Local data;Referral pathways\n"
              "1,5,What will you do differently as a result?,free_text,\n");
    ASSERT_EQ(Lookout({"import", "survey", "survey.csv"}).exit_code, 0);
    ASSERT_EQ(Lookout({"import", "survey-question", "survey-question.csv"}).exit_code, 0);
  }

  RunResult Lookout(std::vector<std::string> args) {
    args.insert(args.begin(), {"--database", "sqlite:" + (dir_ / "lookout.db")});
    return RunLookout(args, dir_.path());
  }

  static std::string Sample(const std::string& name) {
    return ReadFile(SourceDir() / "tests" / "app" / "fixtures" / "surveys" / name);
  }

  int Responses() { return CsvRecordCount(Lookout({"export", "survey-response"}).out); }

  TempDir dir_;
};

TEST_F(SurveyImportCli, ABrokenFileListsEveryProblemByLineAndColumnAndWritesNothing) {
  std::string file = Sample("surveymonkey.csv");
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{
           {"West Midlands,No,Neither agree nor disagree,Disagree,No",
            "West Midlands,No,Kind of agree,Disagree,No"},
           {"Hospitality and hotels,London", "Hospitality and hotels,Atlantis"}}) {
    const size_t at = file.find(from);
    ASSERT_NE(at, std::string::npos);
    file.replace(at, from.size(), to);
  }
  WriteFile(dir_ / "responses.csv", file);
  RunResult r = Lookout({"import", "survey-responses", "--survey", "1", "--preset",
                         "surveymonkey", "responses.csv"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("responses.csv: 2 problems; nothing was written."));
  EXPECT_THAT(r.err, HasSubstr("\n  line 5, column M (How far do you agree with the following "
                               "statements? / I feel more confident"));
  EXPECT_THAT(r.err, HasSubstr("'Kind of agree' is not an agreement answer"));
  EXPECT_THAT(r.err, HasSubstr("\n  line 8, column K (Which region do you work in?): 'Atlantis' "
                               "is not a region"));
  EXPECT_EQ(Responses(), 0);
}

TEST_F(SurveyImportCli, ImportsOnceSkipsOnTheSecondRunAndSavesTheMapping) {
  WriteFile(dir_ / "kobo.csv", Sample("kobo.csv"));
  RunResult dry = Lookout({"import", "survey-responses", "--survey", "1", "--preset", "kobo",
                           "--dry-run", "kobo.csv"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("dry run: 12 survey responses in kobo.csv are valid"));
  EXPECT_EQ(Responses(), 0);

  RunResult first = Lookout({"import", "survey-responses", "--survey", "1", "--preset", "kobo",
                             "kobo.csv"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("imported 12 survey responses into survey 1"));
  EXPECT_THAT(first.out, HasSubstr("personal data left out: U (_submitted_by)"));
  RunResult again = Lookout({"import", "survey-responses", "--survey", "1", "--preset", "kobo",
                             "kobo.csv"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("imported 0 survey responses into survey 1 from kobo.csv; "
                                   "skipped 12 already imported"));
  EXPECT_EQ(Responses(), 12);

  // Another survey with the same questions, from any CSV with a mapping.
  WriteFile(dir_ / "survey2.csv", "title,kind,period\nSecond run,post_session_feedback,2025-26 Q4\n");
  std::string questions = ReadFile(dir_.path() / "survey-question.csv");
  for (size_t at = questions.find("\n1,"); at != std::string::npos; at = questions.find("\n1,", at + 1)) {
    questions.replace(at, 3, "\n2,");
  }
  WriteFile(dir_ / "questions2.csv", questions);
  ASSERT_EQ(Lookout({"import", "survey", "survey2.csv"}).exit_code, 0);
  ASSERT_EQ(Lookout({"import", "survey-question", "questions2.csv"}).exit_code, 0);
  WriteFile(dir_ / "generic.csv", Sample("generic.csv"));
  WriteFile(dir_ / "mapping.json", Sample("generic-mapping.json"));
  RunResult unmapped = Lookout({"import", "survey-responses", "--survey", "2", "--preset",
                                "generic", "generic.csv"});
  EXPECT_EQ(unmapped.exit_code, 1);
  EXPECT_THAT(unmapped.err, HasSubstr("needs a column mapping"));
  RunResult mapped = Lookout({"import", "survey-responses", "--survey", "2", "--preset",
                              "generic", "--mapping", "mapping.json", "generic.csv"});
  ASSERT_EQ(mapped.exit_code, 0) << mapped.err;
  EXPECT_THAT(mapped.out, HasSubstr("saved the column mapping on survey 2"));
  RunResult reused = Lookout({"import", "survey-responses", "--survey", "2", "--preset",
                              "generic", "generic.csv"});
  ASSERT_EQ(reused.exit_code, 0) << reused.err;
  EXPECT_THAT(reused.out, HasSubstr("skipped 12 already imported"));
  EXPECT_EQ(Responses(), 24);
}

TEST_F(SurveyImportCli, UsageMistakesAreUsageErrors) {
  WriteFile(dir_ / "kobo.csv", Sample("kobo.csv"));
  RunResult no_survey = Lookout({"import", "survey-responses", "--preset", "kobo", "kobo.csv"});
  EXPECT_EQ(no_survey.exit_code, 2);
  EXPECT_THAT(no_survey.err, HasSubstr("--survey"));
  RunResult bad_preset = Lookout({"import", "survey-responses", "--survey", "1", "--preset",
                                  "typeform", "kobo.csv"});
  EXPECT_EQ(bad_preset.exit_code, 2);
  EXPECT_THAT(bad_preset.err, HasSubstr("surveymonkey, google-forms"));
  RunResult other_kind = Lookout({"import", "task", "--survey", "1", "--preset", "kobo", "kobo.csv"});
  EXPECT_EQ(other_kind.exit_code, 2);
  EXPECT_THAT(other_kind.err, HasSubstr("imported as survey-responses, not 'task'"));
}

}  // namespace
}  // namespace lookout::cli::clitest
