// Assessing insight: the form says what each factor's scores mean and what the risk score
// means (the scheme's bands), the item's page names the band of its score, and a task
// proposed from the item starts with its themes, county-lines flag and region.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/schema.h"
#include "ui_page_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class UiInsightScoringTest : public UiPageTest {
 protected:
  // Harm and likelihood from 1 to 5 and position from 0 to 2: scores from 1 to 27.
  int64_t AddScheme(bool described) {
    auto factor = [](const char* code, const char* label, const char* group, int lo, int hi,
                     const char* scale) {
      Record r;
      r.Set("code", code);
      r.Set("label", label);
      r.Set("group", group);
      r.Set("weight", 1.0);
      r.Set("min_score", lo);
      r.Set("max_score", hi);
      if (scale != nullptr) r.Set("scale", scale);
      return r;
    };
    Record scheme;
    scheme.Set("scheme_version", 1);
    scheme.Set("name", "Prevention priority");
    scheme.Set("active", true);
    scheme.Set("factors",
               Value(Value::Rows{
                   factor("harm", "Harm to children", "harm", 1, 5,
                          described ? "1 = no known harm; 3 = harm to one child; 5 = serious harm to several children" : nullptr),
                   factor("likelihood", "Likelihood", "likelihood", 1, 5,
                          described ? "1 = unlikely; 5 = happening now" : nullptr),
                   factor("capacity", "Our capacity to act", "position", 0, 2, nullptr)}));
    if (described) scheme.Set("bands", "1 = Low: keep it under review; 8 = Medium: weigh it at tasking; 16 = High: propose a task now");
    auto made = services_->Create(app::Actor::System(), *domain::FindEntity("scoring_scheme"), scheme);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? made->record.Id() : 0;
  }

  int64_t AddObservation(bool county_lines) {
    Record r;
    r.Set("received_on", "2026-03-01");
    r.Set("recorded_by", officer_.staff_id);
    r.Set("source_type", "officer_observation");
    r.Set("region", "EM");
    r.Set("themes", Value::List{Value("cce"), Value("online")});
    if (county_lines) r.Set("county_lines", true);
    r.Set("summary", "Young people travelling alone late in the evening with new phones.");
    auto saved = services_->Create(app::Actor::System(), domain::InsightEntity(), r);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }
};

TEST_F(UiInsightScoringTest, TheAssessFormSaysWhatEachScoreAndTheRiskScoreMean) {
  AddScheme(true);
  const int64_t id = AddObservation(false);
  Browser b = SignIn(officer_);
  const std::string form = Page(b, "/insight/" + std::to_string(id) + "/assess");
  // Each factor's scale in its hint, which its box names (aria-describedby).
  EXPECT_THAT(form, HasSubstr("<li><strong>1</strong> = no known harm</li>"));
  EXPECT_THAT(form, HasSubstr("<li><strong>5</strong> = serious harm to several children</li>"));
  EXPECT_THAT(form, HasSubstr("<li><strong>5</strong> = happening now</li>"));
  EXPECT_THAT(form, HasSubstr("aria-describedby=\"field-factor-harm-hint\""));
  // What the score is and its bands, from the lowest score to the highest.
  EXPECT_THAT(form, HasSubstr("What the risk score means"));
  EXPECT_THAT(form, HasSubstr("Under this scheme it runs from 1 to 27."));
  EXPECT_THAT(form, HasSubstr(">1 to under 8<"));
  EXPECT_THAT(form, HasSubstr(">Medium: weigh it at tasking<"));
  EXPECT_THAT(form, HasSubstr(">16 to 27<"));

  // Saved, the item's page gives the score with its band, and so does the form.
  auto saved = PostForm("/insight/" + std::to_string(id) + "/assess", b,
                        "version=1&factor-harm=4&factor-likelihood=4&factor-capacity=2&confidence=medium");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  const std::string item = Page(b, "/insight/" + std::to_string(id));
  EXPECT_THAT(item, HasSubstr("18: High: propose a task now"));  // 4 * 4 + 2
  EXPECT_THAT(Page(b, "/insight/" + std::to_string(id) + "/assess"),
              HasSubstr("The score saved now: <strong>18: High: propose a task now</strong>."));
}

TEST_F(UiInsightScoringTest, ASchemeWithoutWordsStillGivesTheRangeOfItsScores) {
  AddScheme(false);
  const int64_t id = AddObservation(false);
  Browser b = SignIn(officer_);
  const std::string form = Page(b, "/insight/" + std::to_string(id) + "/assess");
  EXPECT_THAT(form, Not(HasSubstr("lookout-scale")));
  EXPECT_THAT(form, Not(HasSubstr("Risk bands")));
  EXPECT_THAT(form, HasSubstr("Under this scheme it runs from 1 to 27."));
  auto saved = PostForm("/insight/" + std::to_string(id) + "/assess", b,
                        "version=1&factor-harm=2&factor-likelihood=3&factor-capacity=0&confidence=low");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_THAT(Page(b, "/insight/" + std::to_string(id)), HasSubstr("6 (scores run from 1 to 27)"));
}

TEST_F(UiInsightScoringTest, AScaleOrBandThatDoesNotFitTheSchemeIsRefused) {
  Browser b = SignIn(admin_);
  const nlohmann::json scheme = {
      {"scheme_version", 2},
      {"name", "Broken words"},
      {"active", false},
      {"factors",
       {{{"code", "h"}, {"label", "Harm"}, {"group", "harm"}, {"weight", 1}, {"min_score", 1},
         {"max_score", 5}, {"scale", "0 = none; 5 = serious"}},
        {{"code", "l"}, {"label", "Likelihood"}, {"group", "likelihood"}, {"weight", 1},
         {"min_score", 1}, {"max_score", 5}}}},
      {"bands", "5 = Medium; 20 = High"}};
  auto res = Client().Post("/api/v1/scoring-schemes", b.WithCsrf(), scheme.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_THAT(res->body, HasSubstr("factors[0].scale"));
  EXPECT_THAT(res->body, HasSubstr("describes 0, which is not a score of this factor"));
  EXPECT_THAT(res->body, HasSubstr("\"bands\""));
  EXPECT_THAT(res->body, HasSubstr("above 1, the lowest score the factors allow"));
}

TEST_F(UiInsightScoringTest, AProposalFromInsightStartsWithItsThemesCountyLinesAndRegion) {
  const int64_t id = AddObservation(true);
  Browser b = SignIn(manager_);
  const std::string form = Page(b, "/tasks/new?insight=" + std::to_string(id));
  EXPECT_THAT(form, HasSubstr("name=\"insights\" value=\"" + std::to_string(id) + "\""));
  EXPECT_THAT(form, HasSubstr("name=\"themes\" type=\"checkbox\" value=\"cce\" checked"));
  EXPECT_THAT(form, HasSubstr("name=\"themes\" type=\"checkbox\" value=\"online\" checked"));
  EXPECT_THAT(form, Not(HasSubstr("name=\"themes\" type=\"checkbox\" value=\"cse\" checked")));
  EXPECT_THAT(form, HasSubstr("name=\"county_lines\" type=\"checkbox\" value=\"true\" checked"));
  EXPECT_THAT(form, HasSubstr("name=\"regions\" type=\"checkbox\" value=\"EM\" checked"));
}

}  // namespace
}  // namespace lookout::http
