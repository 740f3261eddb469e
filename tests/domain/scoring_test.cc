#include <gtest/gtest.h>

#include "domain/rules.h"

namespace lookout::domain {
namespace {

Record Factor(const std::string& code, const std::string& group, double weight, int lo = 1,
              int hi = 5) {
  Record r;
  r.Set("code", code);
  r.Set("label", "Factor " + code);
  r.Set("group", group);
  r.Set("weight", weight);
  r.Set("min_score", lo);
  r.Set("max_score", hi);
  return r;
}

Record Score(const std::string& factor, int score) {
  Record r;
  r.Set("factor", factor);
  r.Set("score", score);
  return r;
}

Value::Rows Scheme() {
  return {Factor("physical", "harm", 2), Factor("community", "harm", 1),
          Factor("likely", "likelihood", 1), Factor("capacity", "position", 1, -2, 2)};
}

bool HasField(const std::vector<FieldError>& errors, const std::string& field) {
  for (const FieldError& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(RiskScore, IsHarmTimesLikelihoodPlusPosition) {
  // harm = (2*4 + 1*1) / 3 = 3; likelihood = 2; position = 1 -> 3 * 2 + 1 = 7.
  auto r = ComputeRiskScore(Scheme(), {Score("physical", 4), Score("community", 1),
                                       Score("likely", 2), Score("capacity", 1)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_DOUBLE_EQ(*r, 7.0);
}

TEST(RiskScore, UsesWeightedMeansAndRoundsToTwoDecimals) {
  // harm = (2*5 + 1*4) / 3 = 4.6667; likelihood = 3; position = -2 -> 14 - 2 = 12.
  auto r = ComputeRiskScore(Scheme(), {Score("physical", 5), Score("community", 4),
                                       Score("likely", 3), Score("capacity", -2)});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(*r, 12.0);
  // harm = (2*5 + 1*3) / 3 = 4.3333; likelihood = 1; position 0 -> 4.33.
  r = ComputeRiskScore(Scheme(), {Score("physical", 5), Score("community", 3), Score("likely", 1),
                                  Score("capacity", 0)});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(*r, 4.33);
}

TEST(RiskScore, PositionCountsZeroWhenTheSchemeHasNone) {
  Value::Rows scheme = {Factor("h", "harm", 1.5), Factor("l", "likelihood", 0.5)};
  auto r = ComputeRiskScore(scheme, {Score("h", 3), Score("l", 5)});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(*r, 15.0);
}

TEST(RiskScore, NamesAnUnknownFactor) {
  auto r =
      ComputeRiskScore(Scheme(), {Score("physical", 4), Score("community", 1), Score("likely", 2),
                                  Score("capacity", 1), Score("financial", 3)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kValidation);
  EXPECT_TRUE(HasField(r.status().fields(), "factor_scores[4].factor"));
}

TEST(RiskScore, NamesAMissingFactor) {
  auto r =
      ComputeRiskScore(Scheme(), {Score("physical", 4), Score("likely", 2), Score("capacity", 1)});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.status().fields().size(), 1u);
  EXPECT_EQ(r.status().fields()[0].field, "factor_scores");
  EXPECT_NE(r.status().fields()[0].message.find("community"), std::string::npos);
}

TEST(RiskScore, NamesAScoreOutOfItsRange) {
  auto r = ComputeRiskScore(Scheme(), {Score("physical", 6), Score("community", 1),
                                       Score("likely", 0), Score("capacity", 3)});
  ASSERT_FALSE(r.ok());
  const auto& f = r.status().fields();
  EXPECT_TRUE(HasField(f, "factor_scores[0].score"));
  EXPECT_TRUE(HasField(f, "factor_scores[2].score"));
  EXPECT_TRUE(HasField(f, "factor_scores[3].score"));
  EXPECT_FALSE(HasField(f, "factor_scores[1].score"));
}

TEST(RiskScore, AcceptsScoresAtBothEndsOfTheRange) {
  EXPECT_TRUE(ComputeRiskScore(Scheme(), {Score("physical", 1), Score("community", 5),
                                          Score("likely", 5), Score("capacity", -2)})
                  .ok());
}

TEST(RiskScore, RefusesAFactorScoredTwice) {
  auto r =
      ComputeRiskScore(Scheme(), {Score("physical", 4), Score("community", 1), Score("likely", 2),
                                  Score("capacity", 1), Score("likely", 3)});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasField(r.status().fields(), "factor_scores[4].factor"));
}

TEST(RiskScore, RefusesAScoreThatIsNotANumber) {
  Record bad = Score("likely", 2);
  bad.Set("score", "high");
  auto r = ComputeRiskScore(
      Scheme(), {Score("physical", 4), Score("community", 1), bad, Score("capacity", 1)});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasField(r.status().fields(), "factor_scores[2].score"));
}

TEST(RiskScore, RefusesToScoreUnderAnInvalidScheme) {
  Value::Rows scheme = {Factor("h", "harm", 0)};
  auto r = ComputeRiskScore(scheme, {Score("h", 3)});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasField(r.status().fields(), "factors[0].weight"));
}

TEST(ScoringFactors, AcceptsAWellFormedScheme) {
  EXPECT_TRUE(ValidateScoringFactors(Scheme()).empty());
}

TEST(ScoringFactors, AcceptsIntegerWeights) {
  Record h = Factor("h", "harm", 1);
  h.Set("weight", 2);
  EXPECT_TRUE(ValidateScoringFactors({h, Factor("l", "likelihood", 1)}).empty());
}

TEST(ScoringFactors, RefusesDuplicateCodes) {
  auto errors = ValidateScoringFactors(
      {Factor("h", "harm", 1), Factor("l", "likelihood", 1), Factor("h", "position", 1)});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "factors[2].code");
}

TEST(ScoringFactors, RefusesWeightsThatAreNotPositive) {
  auto errors = ValidateScoringFactors(
      {Factor("h", "harm", 0), Factor("l", "likelihood", -1), Factor("p", "position", 0.001)});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "factors[0].weight");
  EXPECT_EQ(errors[1].field, "factors[1].weight");
}

TEST(ScoringFactors, RefusesALowestScoreAboveTheHighest) {
  auto errors =
      ValidateScoringFactors({Factor("h", "harm", 1, 5, 1), Factor("l", "likelihood", 1, 3, 3)});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "factors[0].max_score");
}

TEST(ScoringFactors, NeedsAHarmAndALikelihoodFactor) {
  auto errors = ValidateScoringFactors({Factor("h", "harm", 1)});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "factors");
  EXPECT_NE(errors[0].message.find("likelihood"), std::string::npos);
  errors = ValidateScoringFactors({Factor("l", "likelihood", 1), Factor("p", "position", 1)});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("harm"), std::string::npos);
  EXPECT_EQ(ValidateScoringFactors({}).size(), 2u);
}

TEST(ScoringFactors, RefusesAnUnknownGroupAndMissingParts) {
  Record f;
  f.Set("code", "x");
  f.Set("group", "severity");
  auto errors = ValidateScoringFactors({Factor("h", "harm", 1), Factor("l", "likelihood", 1), f});
  EXPECT_TRUE(HasField(errors, "factors[2].group"));
  EXPECT_TRUE(HasField(errors, "factors[2].weight"));
  EXPECT_TRUE(HasField(errors, "factors[2].min_score"));
  EXPECT_TRUE(HasField(errors, "factors[2].max_score"));
  EXPECT_FALSE(HasField(errors, "factors[2].code"));
}

TEST(Scale, ReadsScoresAndTheirMeanings) {
  auto points = ParseScale(" 1 = no known harm;3= harm to one child ; 5 = serious harm, to several ;");
  ASSERT_TRUE(points.ok()) << points.status().ToString();
  ASSERT_EQ(points->size(), 3u);
  EXPECT_DOUBLE_EQ((*points)[0].value, 1);
  EXPECT_EQ((*points)[0].meaning, "no known harm");
  EXPECT_EQ((*points)[1].meaning, "harm to one child");
  EXPECT_DOUBLE_EQ((*points)[2].value, 5);
  EXPECT_EQ((*points)[2].meaning, "serious harm, to several");
  auto none = ParseScale("  ");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto bands = ParseScale("2.5 = Low: keep it under review; 10 = High: task it");
  ASSERT_TRUE(bands.ok());
  EXPECT_DOUBLE_EQ((*bands)[0].value, 2.5);
  EXPECT_EQ((*bands)[0].meaning, "Low: keep it under review");
}

TEST(Scale, SaysWhichPartDoesNotRead) {
  auto no_equals = ParseScale("1 = none; three is some");
  ASSERT_FALSE(no_equals.ok());
  EXPECT_NE(no_equals.status().message().find("'three is some'"), std::string::npos);
  auto no_number = ParseScale("low = none");
  ASSERT_FALSE(no_number.ok());
  EXPECT_NE(no_number.status().message().find("does not start with a number"), std::string::npos);
  auto no_meaning = ParseScale("1 = ");
  ASSERT_FALSE(no_meaning.ok());
  EXPECT_NE(no_meaning.status().message().find("says nothing"), std::string::npos);
  auto backwards = ParseScale("5 = much; 1 = little");
  ASSERT_FALSE(backwards.ok());
  EXPECT_NE(backwards.status().message().find("lowest up"), std::string::npos);
  EXPECT_FALSE(ParseScale("1 = a;; 2 = b").ok());
}

TEST(ScoringFactors, RefusesAScaleThatDescribesNoScoreOfTheFactor) {
  Record h = Factor("h", "harm", 1);
  h.Set("scale", "1 = none; 6 = off the scale");
  Record l = Factor("l", "likelihood", 1);
  l.Set("scale", "1 = unlikely; 2.5 = maybe");
  Record p = Factor("p", "position", 1);
  p.Set("scale", "none at all");
  auto errors = ValidateScoringFactors({h, l, p});
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "factors[0].scale");
  EXPECT_NE(errors[0].message.find("6"), std::string::npos);
  EXPECT_EQ(errors[1].field, "factors[1].scale");
  EXPECT_EQ(errors[2].field, "factors[2].scale");
  h.Set("scale", "1 = none; 5 = serious");
  EXPECT_TRUE(ValidateScoringFactors({h, Factor("l", "likelihood", 1)}).empty());
}

TEST(RiskBands, TheRangeIsEveryFactorAtEachEnd) {
  // Lowest: harm 1 * likelihood 1 + position -2 = -1; highest: 5 * 5 + 2 = 27.
  const auto [lowest, highest] = RiskScoreRange(Scheme());
  EXPECT_DOUBLE_EQ(lowest, -1);
  EXPECT_DOUBLE_EQ(highest, 27);
}

TEST(RiskBands, EveryScoreHasABandAndEveryBandAScore) {
  EXPECT_TRUE(ValidateRiskBands(Scheme(), "-1 = Low; 8 = Medium; 16 = High").empty());
  EXPECT_TRUE(ValidateRiskBands(Scheme(), "").empty());
  auto gap = ValidateRiskBands(Scheme(), "0 = Low; 8 = High");
  ASSERT_EQ(gap.size(), 1u);
  EXPECT_EQ(gap[0].field, "bands");
  EXPECT_NE(gap[0].message.find("-1, the lowest score"), std::string::npos);
  auto unreachable = ValidateRiskBands(Scheme(), "-5 = Low; 30 = Off the scale");
  ASSERT_EQ(unreachable.size(), 1u);
  EXPECT_NE(unreachable[0].message.find("27, the highest score"), std::string::npos);
  auto unreadable = ValidateRiskBands(Scheme(), "low from 1");
  ASSERT_EQ(unreadable.size(), 1u);
  EXPECT_EQ(unreadable[0].field, "bands");
  // A mistake in a factor's scale does not hide one in the bands: both are said at once.
  Value::Rows misworded = Scheme();
  misworded[0].Set("scale", "9 = off the scale");
  EXPECT_EQ(ValidateRiskBands(misworded, "0 = Low").size(), 1u);
}

TEST(RiskBands, AScoreFallsInTheBandStartingAtOrBelowIt) {
  auto bands = ParseScale("2 = Low; 8 = Medium; 16 = High");
  ASSERT_TRUE(bands.ok());
  EXPECT_EQ(RiskBand(*bands, 1.5), nullptr);
  EXPECT_EQ(RiskBand(*bands, 2)->meaning, "Low");
  EXPECT_EQ(RiskBand(*bands, 7.99)->meaning, "Low");
  EXPECT_EQ(RiskBand(*bands, 8)->meaning, "Medium");
  EXPECT_EQ(RiskBand(*bands, 30)->meaning, "High");
  EXPECT_EQ(RiskBand({}, 5), nullptr);
}

}  // namespace
}  // namespace lookout::domain
