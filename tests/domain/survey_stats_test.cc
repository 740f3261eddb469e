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

std::vector<bool> Withheld(const QuestionResult& r, const ResultDisclosure& d) {
  std::vector<bool> out = d.withheld;
  EXPECT_EQ(out.size(), r.distribution.size());
  return out;
}

QuestionResult Agreement(int64_t sa, int64_t a, int64_t n, int64_t d, int64_t sd, int64_t dk,
                         int64_t blank) {
  std::vector<std::pair<std::string, int64_t>> counts = {
      {"strongly_agree", sa}, {"agree", a}, {"neither", n}, {"disagree", d},
      {"strongly_disagree", sd}, {"dont_know", dk}};
  return TallyCounts("agreement", "", counts, sa + a + n + d + sd + dk + blank);
}

TEST(SurveyStats, ThePositiveAnswersAreMarkedInTheDistribution) {
  const QuestionResult r = Agreement(1, 1, 1, 1, 1, 1, 0);
  EXPECT_TRUE(r.distribution[0].positive);
  EXPECT_TRUE(r.distribution[1].positive);
  EXPECT_FALSE(r.distribution[2].positive);
  EXPECT_FALSE(r.distribution[5].positive);
}

TEST(SurveyStats, SmallCountsAreWithheldAndPairedWithinThePositiveAndOtherAnswers) {
  // 23 out of 40 agreed: "agree" (3) is paired with "strongly agree" so the headline's 23
  // does not give it away; "disagree" (4) with "strongly disagree" (6), the smallest other
  // answer in the base.
  const QuestionResult r = Agreement(20, 3, 7, 4, 6, 0, 0);
  const ResultDisclosure d = ProtectResult(r, "agreement", 5);
  EXPECT_FALSE(d.base_too_small);
  EXPECT_EQ(Withheld(r, d), (std::vector<bool>{true, true, false, true, true, false}));
  EXPECT_FALSE(d.dont_know_withheld);
}

TEST(SurveyStats, DontKnowAndBlanksAreProtectedTogether) {
  const QuestionResult r = Agreement(12, 6, 0, 0, 0, 2, 8);
  const ResultDisclosure d = ProtectResult(r, "agreement", 5);
  EXPECT_TRUE(d.dont_know_withheld);
  EXPECT_TRUE(d.blank_withheld);  // 8, paired with the 2 so that neither follows from the other
  EXPECT_TRUE(d.withheld[5]);     // the "don't know" row of the distribution
}

TEST(SurveyStats, AResultWithASmallBaseIsNotShownAndChoicesStandAlone) {
  EXPECT_TRUE(ProtectResult(Agreement(2, 1, 0, 0, 0, 0, 9), "agreement", 5).base_too_small);
  QuestionResult multi = TallyCounts("multiple_choice", "Training;Roadshow;Leaflet",
                                     {{"Training;Roadshow", 2}, {"Training", 5}}, 7);
  const ResultDisclosure d = ProtectResult(multi, "multiple_choice", 5);
  EXPECT_EQ(d.withheld, (std::vector<bool>{false, true, false}));
  EXPECT_FALSE(ProtectResult(multi, "multiple_choice", 0).withheld[1]);
}

}  // namespace
}  // namespace lookout::domain
