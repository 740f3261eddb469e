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

}  // namespace
}  // namespace lookout::domain
