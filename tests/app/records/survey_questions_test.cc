// A survey's questions on both engines: each in a place of its own (the database holds to
// it), moved and removed while the survey has no responses, kept in their places after;
// and a scoring scheme that has scored insight keeping its factors, with a new version
// made instead.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/reports/publish.h"
#include "domain/rules.h"
#include "app/engine_fixture.h"

namespace lookout::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::EngineTest;

const domain::EntityDef& QuestionDef() { return *domain::FindEntity("survey_question"); }
const domain::EntityDef& SchemeDef() { return *domain::FindEntity("scoring_scheme"); }

class SurveyQuestionsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    survey_ = Create("survey", {{"title", "Stakeholder survey"}, {"kind", "stakeholder_survey"},
                                {"period", "2025-26"}});
    for (const char* text : {"A", "B", "C", "D"}) {
      Create("survey_question", {{"survey", survey_}, {"text", text}, {"kind", "yes_no"}});
    }
  }

  // "1A 2B ..." for the live questions in order.
  std::string Order() {
    auto found = services_->List(cli_, QuestionDef(), {{"survey", std::to_string(survey_)}, {"sort", "position"}});
    EXPECT_TRUE(found.ok());
    std::string out;
    if (!found.ok()) return out;
    for (const Record& q : found->items) {
      out += (out.empty() ? "" : " ") + q.Get("position").ToDisplay() + q.Get("text").ToDisplay();
    }
    return out;
  }

  // The live question in place `position`.
  Record At(int position) {
    auto found = services_->List(cli_, QuestionDef(), {{"survey", std::to_string(survey_)}, {"sort", "position"}});
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    if (found.ok()) {
      for (const Record& q : found->items) {
        if (q.Get("position") == Value(position)) return q;
      }
    }
    ADD_FAILURE() << "no question in place " << position;
    return Record{};
  }

  int64_t survey_ = 0;
};

TEST_P(SurveyQuestionsTest, NewQuestionsTakeThePlaceAfterTheLast) { EXPECT_EQ(Order(), "1A 2B 3C 4D"); }

TEST_P(SurveyQuestionsTest, MovesSwapPlacesAndRemovalsCloseTheGap) {
  Record c = At(3);
  auto up = services_->MoveSurveyQuestion(cli_, c.Id(), c.Get("version").as_int(), -1);
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_EQ(Order(), "1A 2C 3B 4D");
  Record a = At(1);
  auto top = services_->MoveSurveyQuestion(cli_, a.Id(), a.Get("version").as_int(), -1);
  EXPECT_EQ(top.status().code(), ErrorCode::kConflict);
  Record d = At(4);
  EXPECT_EQ(services_->MoveSurveyQuestion(cli_, d.Id(), d.Get("version").as_int(), 1).status().code(),
            ErrorCode::kConflict);
  Record two = At(2);
  auto removed = services_->RemoveSurveyQuestion(cli_, two.Id(), two.Get("version").as_int(), "asked twice");
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(Order(), "1A 2B 3D");
  // The generic archive closes the gap too; a restored question comes back at the end.
  Record b = At(2);
  auto archived = services_->Archive(cli_, QuestionDef(), b.Id(), b.Get("version").as_int(), true, "");
  ASSERT_TRUE(archived.ok()) << archived.status().ToString();
  EXPECT_EQ(Order(), "1A 2D");
  auto restored = services_->Archive(cli_, QuestionDef(), b.Id(), archived->Get("version").as_int(), false, "");
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(Order(), "1A 2D 3B");
}

TEST_P(SurveyQuestionsTest, TheDatabaseRefusesTwoQuestionsInOnePlace) {
  EXPECT_THROW(db_->Execute("UPDATE survey_question SET position = 1 WHERE text = 'B'"), std::exception);
  // An archived question leaves its place free.
  db_->Execute("UPDATE survey_question SET archived = 1 WHERE text = 'D'");
  db_->Execute("UPDATE survey_question SET position = 4 WHERE text = 'C'");
  EXPECT_EQ(Order(), "1A 2B 4C");
}

TEST_P(SurveyQuestionsTest, TheMigrationNumbersAgainOnlyTheSurveysWhoseQuestionsSharedAPlace) {
  const int64_t other = Create("survey", {{"title", "Feedback"}, {"kind", "post_session_feedback"},
                                          {"period", "2025-26"}});
  Create("survey_question", {{"survey", other}, {"position", 2}, {"text", "X"}, {"kind", "yes_no"}});
  Create("survey_question", {{"survey", other}, {"position", 5}, {"text", "Y"}, {"kind", "yes_no"}});
  // The database as it was before migration 9, with two questions in one place.
  db_->Execute("DROP INDEX ux_survey_question_place");
  db_->Execute("DELETE FROM schema_migrations WHERE version = 9");
  db_->Execute("UPDATE survey_question SET position = 1 WHERE text = 'B'");
  db_->Execute("UPDATE survey_question SET position = 7 WHERE text = 'D'");
  auto migrated = store_->Migrate(false);
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
  EXPECT_EQ(Order(), "1A 2B 3C 4D");
  auto kept = services_->List(cli_, QuestionDef(), {{"survey", std::to_string(other)}, {"sort", "position"}});
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->total, 2);
  EXPECT_EQ(kept->items[0].Get("position"), Value(2));
  EXPECT_EQ(kept->items[1].Get("position"), Value(5));
  EXPECT_THROW(db_->Execute("UPDATE survey_question SET position = 2 WHERE text = 'A'"), std::exception);
}

TEST_P(SurveyQuestionsTest, OnceTheSurveyHasResponsesItsQuestionsKeepTheirPlaces) {
  Create("survey_response", {{"survey", survey_}, {"attended_training", "yes"}});
  Record b = At(2);
  auto moved = services_->MoveSurveyQuestion(cli_, b.Id(), b.Get("version").as_int(), -1);
  EXPECT_EQ(moved.status().code(), ErrorCode::kConflict);
  EXPECT_THAT(moved.status().message(), HasSubstr("has 1 response, so its questions can no longer be moved"));
  EXPECT_EQ(services_->RemoveSurveyQuestion(cli_, b.Id(), b.Get("version").as_int(), "").status().code(),
            ErrorCode::kConflict);
  Record kind;
  kind.Set("kind", "free_text");
  EXPECT_EQ(services_->Update(cli_, QuestionDef(), b.Id(), b.Get("version").as_int(), kind).status().code(),
            ErrorCode::kConflict);
  const Status checked = services_->CheckUpdate(cli_, QuestionDef(), b.Id(), b.Get("version").as_int(), kind);
  EXPECT_EQ(checked.code(), ErrorCode::kConflict) << checked.ToString();
  ASSERT_FALSE(checked.fields().empty());
  EXPECT_EQ(checked.fields()[0].field, "kind");
  Record wording;
  wording.Set("text", "B, better worded");
  EXPECT_TRUE(services_->Update(cli_, QuestionDef(), b.Id(), b.Get("version").as_int(), wording).ok());
  Create("survey_question", {{"survey", survey_}, {"text", "E"}, {"kind", "yes_no"}});
  EXPECT_EQ(Order(), "1A 2B, better worded 3C 4D 5E");
}

TEST_P(SurveyQuestionsTest, AQuestionOfAPublishedPeriodsSurveyKeepsItsPlace) {
  Actor manager;
  manager.id = "staff:9";
  manager.staff_id = 9;
  manager.role = "manager";
  manager.signed_in = true;
  auto published = PublishImpactReport(*services_, manager, {"2025-26", "", 5, ""});
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  Record c = At(3);
  auto up = services_->MoveSurveyQuestion(cli_, c.Id(), c.Get("version").as_int(), -1);
  EXPECT_EQ(up.status().code(), ErrorCode::kConflict);
  EXPECT_THAT(up.status().message(), HasSubstr("the period's records are locked"));
  auto removed = services_->RemoveSurveyQuestion(cli_, c.Id(), c.Get("version").as_int(), "");
  EXPECT_EQ(removed.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(Order(), "1A 2B 3C 4D");
}

class SchemeVersionsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto factors = domain::ParseFieldText(
        *SchemeDef().Find("factors"),
        "code=harm,label=Harm,group=harm,weight=1,min_score=1,max_score=5 | "
        "code=likelihood,label=Likelihood,group=likelihood,weight=1,min_score=1,max_score=5");
    ASSERT_TRUE(factors.ok());
    factors_ = factors->as_rows();
    scheme_ = Create("scoring_scheme", {{"name", "Harm and likelihood"}, {"active", true}, {"factors", *factors}});
  }

  Record Scheme(int64_t id) {
    auto r = services_->Get(cli_, SchemeDef(), id);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : Record{};
  }

  int64_t scheme_ = 0;
  Value::Rows factors_;
};

TEST_P(SchemeVersionsTest, ASchemeThatScoredNothingChangesInPlace) {
  EXPECT_EQ(Scheme(scheme_).Get("scheme_version"), Value(1));
  Value::Rows heavier = factors_;
  heavier[0].Set("weight", 2.0);
  Record changes;
  changes.Set("factors", heavier);
  auto saved = services_->ChangeScoringScheme(cli_, scheme_, 1, changes);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->record.Id(), scheme_);
  EXPECT_EQ(saved->record.Get("factors").as_rows()[0].Get("weight"), Value(2.0));
}

TEST_P(SchemeVersionsTest, ASchemeThatScoredInsightGetsANewVersionInstead) {
  const int64_t insight = Create(
      "insight", {{"received_on", "2026-02-01"}, {"recorded_by", officer_}, {"source_type", "research_or_data"},
                  {"region", "EM"}, {"themes", Value::List{Value("cse")}}, {"summary", "Seen at the station."},
                  {"scoring_scheme", scheme_},
                  {"factor_scores", *domain::ParseFieldText(*domain::InsightEntity().Find("factor_scores"),
                                                            "factor=harm,score=4 | factor=likelihood,score=3")}});
  ASSERT_NE(insight, 0);
  // A label is corrected in place.
  Value::Rows relabelled = factors_;
  relabelled[0].Set("label", "Harm to a child");
  Record label;
  label.Set("factors", relabelled);
  auto in_place = services_->ChangeScoringScheme(cli_, scheme_, 1, label);
  ASSERT_TRUE(in_place.ok()) << in_place.status().ToString();
  EXPECT_EQ(in_place->record.Id(), scheme_);

  Value::Rows narrower = {relabelled[0], relabelled[1]};
  narrower[1].Set("max_score", 4);
  Record changes;
  changes.Set("factors", narrower);
  EXPECT_EQ(services_->Update(cli_, SchemeDef(), scheme_, 2, changes).status().code(), ErrorCode::kConflict);
  EXPECT_TRUE(services_->CheckChangeScoringScheme(cli_, scheme_, 2, changes).ok());
  auto made = services_->ChangeScoringScheme(cli_, scheme_, 2, changes);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_NE(made->record.Id(), scheme_);
  EXPECT_EQ(made->record.Get("scheme_version"), Value(2));
  EXPECT_EQ(made->record.Get("active"), Value(true));
  EXPECT_EQ(made->record.Get("name"), Value("Harm and likelihood"));
  const Record old = Scheme(scheme_);
  EXPECT_EQ(old.Get("active"), Value(false));
  EXPECT_EQ(old.Get("factors").as_rows()[1].Get("max_score"), Value(5));
  auto item = services_->Get(cli_, domain::InsightEntity(), insight);
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->Get("scoring_scheme"), Value(scheme_));
  EXPECT_EQ(*services_->ScoringSchemeAssessments(cli_, scheme_), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, SurveyQuestionsTest, ::testing::Values("sqlite", "postgresql"),
                         testing::EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, SchemeVersionsTest, ::testing::Values("sqlite", "postgresql"),
                         testing::EngineName);

}  // namespace
}  // namespace lookout::app
