#include "domain/survey_stats.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lookout::domain {
namespace {

TEST(SurveyStats, AgreementCountsStronglyAgreeAndAgreeOverTheBaseWithoutDontKnowOrBlanks) {
  const std::vector<std::string> answers = {"strongly_agree", "agree", "agree", "neither",
                                            "disagree", "dont_know", "", "strongly_disagree"};
  QuestionResult r = TallyQuestion("agreement", "", answers);
  EXPECT_EQ(r.respondents, 8);
  EXPECT_EQ(r.blank, 1);
  EXPECT_EQ(r.dont_know, 1);
  EXPECT_EQ(r.base, 6);
  EXPECT_EQ(r.positive, 3);
  ASSERT_EQ(r.distribution.size(), 6u);
  EXPECT_EQ(r.distribution[0].code, "strongly_agree");
  EXPECT_EQ(r.distribution[0].count, 1);
  EXPECT_EQ(r.distribution[1].count, 2);
  EXPECT_EQ(r.distribution[5].code, "dont_know");
  EXPECT_EQ(r.distribution[5].count, 1);
}

TEST(SurveyStats, YesNoAndChoicesCountEveryAnswerGiven) {
  QuestionResult yes = TallyQuestion("yes_no", "", {"yes", "no", "yes", ""});
  EXPECT_EQ(yes.positive, 2);
  EXPECT_EQ(yes.base, 3);
  QuestionResult multi =
      TallyQuestion("multiple_choice", "Training;Roadshow;Leaflet", {"Training;Roadshow", "Training", ""});
  EXPECT_FALSE(multi.has_positive);
  ASSERT_EQ(multi.distribution.size(), 3u);
  EXPECT_EQ(multi.distribution[0].count, 2);
  EXPECT_EQ(multi.distribution[1].count, 1);
  EXPECT_EQ(multi.distribution[2].count, 0);
  EXPECT_EQ(multi.base, 2);
  QuestionResult text = TallyQuestion("free_text", "", {"More sessions please", "", "Useful"});
  EXPECT_EQ(text.written, 2);
  EXPECT_TRUE(text.distribution.empty());
}

TEST(SurveyStats, WilsonIntervalMatchesPublishedValues) {
  // 81 of 263: 95% Wilson interval 0.2553 to 0.3662 (Wilson 1927; Newcombe 1998 example).
  Interval i = WilsonInterval(81, 263);
  EXPECT_NEAR(i.lower, 0.2553, 0.0001);
  EXPECT_NEAR(i.upper, 0.3662, 0.0001);
  Interval all = WilsonInterval(10, 10);
  EXPECT_NEAR(all.upper, 1.0, 1e-12);
  EXPECT_NEAR(all.lower, 0.7225, 0.0001);
  Interval none = WilsonInterval(0, 0);
  EXPECT_EQ(none.lower, 0);
  EXPECT_EQ(none.upper, 0);
}

TEST(SurveyStats, PercentRoundsHalfUp) {
  EXPECT_EQ(Percent(0.4236), "42%");
  EXPECT_EQ(Percent(0.425), "43%");
  EXPECT_EQ(Percent(1.0), "100%");
  EXPECT_EQ(Percent(0.0), "0%");
}

TEST(SurveyStats, WilsonIntervalAsPublishedToOneDecimal) {
  // The values the impact report's readers can check against published tables.
  auto text = [](int64_t x, int64_t n) {
    Interval i = WilsonInterval(x, n);
    return PercentOneDecimal(i.lower) + " to " + PercentOneDecimal(i.upper);
  };
  EXPECT_EQ(text(18, 20), "69.9% to 97.2%");
  EXPECT_EQ(text(0, 12), "0.0% to 24.2%");
  EXPECT_EQ(text(45, 60), "62.8% to 84.2%");
}

TEST(SurveyStats, CountsFromAnAggregateGiveTheSameResultAsTheAnswers) {
  const std::vector<std::string> answers = {"agree", "strongly_agree", "agree", "disagree",
                                            "dont_know", "", "", "neither"};
  QuestionResult direct = TallyQuestion("agreement", "", answers);
  QuestionResult counted = TallyCounts(
      "agreement", "",
      {{"agree", 2}, {"strongly_agree", 1}, {"disagree", 1}, {"dont_know", 1}, {"neither", 1}}, 8);
  EXPECT_EQ(counted.base, direct.base);
  EXPECT_EQ(counted.blank, 2);
  EXPECT_EQ(counted.positive, direct.positive);
  EXPECT_EQ(counted.dont_know, 1);
  ASSERT_EQ(counted.distribution.size(), direct.distribution.size());
  for (size_t i = 0; i < counted.distribution.size(); ++i) {
    EXPECT_EQ(counted.distribution[i].count, direct.distribution[i].count) << i;
  }
}

TEST(SurveyStats, AnIndicatorsPositiveAnswersReplaceTheQuestionsOwn) {
  // "Strongly agree" only, as an indicator may define it.
  QuestionResult strict = TallyCounts("agreement", "", {{"agree", 5}, {"strongly_agree", 3}}, 8,
                                      {"strongly_agree"});
  EXPECT_EQ(strict.positive, 3);
  EXPECT_EQ(strict.base, 8);
  // A choice question has a positive answer only when an indicator names one.
  QuestionResult rating = TallyCounts("single_choice", "excellent;good;fair;poor",
                                      {{"excellent", 4}, {"good", 3}, {"poor", 1}}, 9);
  EXPECT_FALSE(rating.has_positive);
  QuestionResult good = TallyCounts("single_choice", "excellent;good;fair;poor",
                                    {{"excellent", 4}, {"good", 3}, {"poor", 1}}, 9,
                                    {"excellent", "good"});
  EXPECT_TRUE(good.has_positive);
  EXPECT_EQ(good.positive, 7);
  EXPECT_EQ(good.base, 8);
  EXPECT_EQ(good.blank, 1);
}

}  // namespace
}  // namespace lookout::domain
