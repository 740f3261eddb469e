// Surveys from the pages (adding one, its questions in their places, moving and removing
// them until the survey has responses, and why not after), and a scoring scheme's factors
// changed in a page form of rows (every problem of every row at once; a scheme that has
// scored insight gets a new version instead).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "domain/rules.h"
#include "domain/schema.h"
#include "ui_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const domain::EntityDef& SurveyDef() { return *domain::FindEntity("survey"); }
const domain::EntityDef& QuestionDef() { return *domain::FindEntity("survey_question"); }
const domain::EntityDef& SchemeDef() { return *domain::FindEntity("scoring_scheme"); }

class SurveyPagesTest : public UiPagesTest {
 protected:
  void SetUp() override {
    UiPagesTest::SetUp();
    if (HasFatalFailure()) return;
    analyst_ = authtest::AddTestUser(*services_, *accounts_, "analyst");
  }

  // The texts of survey `survey`'s live questions in order, with their places.
  std::vector<std::string> Questions(int64_t survey) {
    auto found = services_->List(app::Actor::System(), QuestionDef(),
                                 {{"survey", std::to_string(survey)}, {"sort", "position"}});
    EXPECT_TRUE(found.ok());
    std::vector<std::string> out;
    if (found.ok()) {
      for (const Record& q : found->items) out.push_back(q.Get("position").ToDisplay() + " " + q.Get("text").ToDisplay());
    }
    return out;
  }

  Record Question(int64_t survey, int64_t position) {
    auto found = services_->List(app::Actor::System(), QuestionDef(),
                                 {{"survey", std::to_string(survey)}, {"position", std::to_string(position)}});
    EXPECT_TRUE(found.ok() && found->total == 1);
    return found.ok() && !found->items.empty() ? found->items[0] : Record{};
  }

  authtest::TestUser analyst_;
};

TEST_F(SurveyPagesTest, AnAnalystAddsASurveyAndItsQuestionsFromThePages) {
  Browser b = SignInWithForm(analyst_);
  auto home = Client().Get("/", b.Cookie());
  ASSERT_TRUE(home);
  EXPECT_THAT(home->body, HasSubstr("href=\"/surveys\""));
  auto list = Client().Get("/surveys", b.Cookie());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->body, HasSubstr("href=\"/surveys/new\""));
  EXPECT_THAT(list->body, HasSubstr("Add a survey"));

  auto added = PostForm("/surveys/new", b, "title=Hotel+staff+feedback&kind=post_session_feedback&period=2025-26");
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 303) << added->body;
  const std::string path = added->get_header_value("Location");
  const int64_t survey = std::stoll(path.substr(path.rfind('/') + 1));
  auto page = Follow(added, b);
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("href=\"/survey-questions/new?survey=" + std::to_string(survey) + "\""));
  EXPECT_THAT(page->body, HasSubstr("Add a question"));
  EXPECT_THAT(page->body, HasSubstr("No question yet."));

  auto form = Client().Get(("/survey-questions/new?survey=" + std::to_string(survey)).c_str(), b.Cookie());
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200);
  EXPECT_THAT(form->body, Not(HasSubstr("name=\"position\"")));
  EXPECT_THAT(form->body, HasSubstr("href=\"/surveys/" + std::to_string(survey) + "\">Cancel"));
  for (const char* text : {"I+know+the+signs", "I+know+whom+to+call", "I+would+act"}) {
    auto q = PostForm("/survey-questions/new", b,
                      "survey=" + std::to_string(survey) + "&text=" + text + "&kind=agreement");
    ASSERT_TRUE(q);
    ASSERT_EQ(q->status, 303) << q->body;
    EXPECT_EQ(q->get_header_value("Location"), path);
  }
  EXPECT_EQ(Questions(survey), (std::vector<std::string>{"1 I know the signs", "2 I know whom to call", "3 I would act"}));
  auto shown = Client().Get(path.c_str(), b.Cookie());
  ASSERT_TRUE(shown);
  EXPECT_THAT(shown->body, HasSubstr("Up<span class=\"govuk-visually-hidden\"> question 2</span>"));
  EXPECT_THAT(shown->body, HasSubstr("href=\"/survey-questions/" + std::to_string(Question(survey, 3).Id()) + "/remove\""));

  // The analyst's navigation has Surveys, current on a survey's pages.
  EXPECT_THAT(shown->body, HasSubstr("href=\"/surveys\" aria-current"));
}

TEST_F(SurveyPagesTest, QuestionsMoveAndGoUntilTheSurveyHasResponsesAndThenThePageSaysWhy) {
  Record s;
  s.Set("title", "Stakeholder survey");
  s.Set("kind", "stakeholder_survey");
  s.Set("period", "2025-26");
  auto created = services_->Create(app::Actor::System(), SurveyDef(), s);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const int64_t survey = created->record.Id();
  for (const char* text : {"First", "Second", "Third"}) {
    Record q;
    q.Set("survey", survey);
    q.Set("text", text);
    q.Set("kind", "yes_no");
    auto made = services_->Create(app::Actor::System(), QuestionDef(), q);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
  }
  EXPECT_EQ(Questions(survey), (std::vector<std::string>{"1 First", "2 Second", "3 Third"}));
  Browser b = SignInWithForm(analyst_);
  const std::string path = "/surveys/" + std::to_string(survey);

  const Record third = Question(survey, 3);
  auto moved = PostForm("/survey-questions/" + std::to_string(third.Id()) + "/move", b, "version=1&direction=up");
  ASSERT_TRUE(moved);
  ASSERT_EQ(moved->status, 303) << moved->body;
  EXPECT_EQ(moved->get_header_value("Location"), path);
  auto banner = Follow(moved, b);
  ASSERT_TRUE(banner);
  EXPECT_THAT(banner->body, HasSubstr("Question &quot;Third&quot; is now question 2."));
  EXPECT_EQ(Questions(survey), (std::vector<std::string>{"1 First", "2 Third", "3 Second"}));
  // A move made on a stale copy is refused on the survey's page, saying why.
  auto stale = PostForm("/survey-questions/" + std::to_string(third.Id()) + "/move", b, "version=1&direction=up");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_THAT(stale->body, HasSubstr("govuk-error-summary"));
  EXPECT_EQ(Questions(survey), (std::vector<std::string>{"1 First", "2 Third", "3 Second"}));

  const Record first = Question(survey, 1);
  auto ask = Client().Get(("/survey-questions/" + std::to_string(first.Id()) + "/remove").c_str(), b.Cookie());
  ASSERT_TRUE(ask);
  ASSERT_EQ(ask->status, 200);
  EXPECT_THAT(ask->body, HasSubstr("Remove question 1?"));
  auto removed = PostForm("/survey-questions/" + std::to_string(first.Id()) + "/remove", b,
                          "version=" + first.Get("version").ToDisplay() + "&reason=Asked+twice");
  ASSERT_TRUE(removed);
  ASSERT_EQ(removed->status, 303) << removed->body;
  // The gap closes: the others move up.
  EXPECT_EQ(Questions(survey), (std::vector<std::string>{"1 Third", "2 Second"}));

  // A response arrives: the questions keep their places.
  Record response;
  response.Set("survey", survey);
  response.Set("attended_training", "yes");
  ASSERT_TRUE(services_->Create(app::Actor::System(), domain::SurveyResponseEntity(), response).ok());
  auto page = Client().Get(path.c_str(), b.Cookie());
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("This survey has 1 response, so its questions keep their places"));
  EXPECT_THAT(page->body, Not(HasSubstr("/move\"")));
  EXPECT_THAT(page->body, Not(HasSubstr("/remove\"")));
  EXPECT_THAT(page->body, HasSubstr("Add a question"));
  const Record second = Question(survey, 2);
  auto refused = PostForm("/survey-questions/" + std::to_string(second.Id()) + "/move", b,
                          "version=" + second.Get("version").ToDisplay() + "&direction=up");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 409);
  EXPECT_THAT(refused->body, HasSubstr("has 1 response, so its questions can no longer be moved"));
  auto not_removed = PostForm("/survey-questions/" + std::to_string(second.Id()) + "/remove", b,
                              "version=" + second.Get("version").ToDisplay());
  ASSERT_TRUE(not_removed);
  EXPECT_EQ(not_removed->status, 409);
  EXPECT_THAT(not_removed->body, HasSubstr("can no longer be removed"));
  EXPECT_EQ(Questions(survey), (std::vector<std::string>{"1 Third", "2 Second"}));

  // Through the API too: a place, a kind or an archive.
  httplib::Headers headers = {{"Authorization", analyst_.Bearer()}};
  const nlohmann::json body = {{"version", second.Get("version").as_int()}, {"position", 5}};
  auto api = Client().Patch(("/api/v1/survey-questions/" + std::to_string(second.Id())).c_str(), headers,
                            body.dump(), "application/json");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 409) << api->body;
  // A question can still be added, at the end; its wording corrected.
  auto added = PostForm("/survey-questions/new", b,
                        "survey=" + std::to_string(survey) + "&text=Would+you+recommend+it&kind=yes_no");
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 303) << added->body;
  EXPECT_EQ(Questions(survey), (std::vector<std::string>{"1 Third", "2 Second", "3 Would you recommend it"}));
}

TEST_F(SurveyPagesTest, TwoQuestionsOfASurveyNeverShareAPlace) {
  Record s;
  s.Set("title", "Stakeholder survey");
  s.Set("kind", "stakeholder_survey");
  s.Set("period", "2025-26");
  auto created = services_->Create(app::Actor::System(), SurveyDef(), s);
  ASSERT_TRUE(created.ok());
  Record q;
  q.Set("survey", created->record.Id());
  q.Set("position", 1);
  q.Set("text", "First");
  q.Set("kind", "yes_no");
  ASSERT_TRUE(services_->Create(app::Actor::System(), QuestionDef(), q).ok());
  q.Set("text", "Also first");
  auto twice = services_->Create(app::Actor::System(), QuestionDef(), q);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), ErrorCode::kValidation);
  ASSERT_FALSE(twice.status().fields().empty());
  EXPECT_EQ(twice.status().fields()[0].field, "position");
  EXPECT_THAT(twice.status().fields()[0].message, HasSubstr("is already the place of question"));
}

class SchemeFormTest : public UiPagesTest {
 protected:
  int64_t SchemeId() {
    auto found = services_->List(app::Actor::System(), SchemeDef(), {{"sort", "scheme_version"}});
    EXPECT_TRUE(found.ok() && found->total >= 1);
    return found.ok() && !found->items.empty() ? found->items[0].Id() : 0;
  }
  std::string Path() { return "/admin/scoring-schemes/" + std::to_string(SchemeId()); }
};

// The form of a scheme's details and its factor rows: rows 0 and 1 as the fixture's,
// then `more`.
std::string FactorForm(const std::string& version, const std::string& rows, const std::string& more) {
  return "version=" + version + "&name=Harm+and+likelihood&active=true&factors-rows=" + rows +
         "&factors%5B0%5D.code=harm&factors%5B0%5D.label=Harm+to+children&factors%5B0%5D.group=harm"
         "&factors%5B0%5D.weight=1&factors%5B0%5D.min_score=1&factors%5B0%5D.max_score=5"
         "&factors%5B1%5D.code=likelihood&factors%5B1%5D.label=Likelihood&factors%5B1%5D.group=likelihood"
         "&factors%5B1%5D.weight=1&factors%5B1%5D.min_score=1&factors%5B1%5D.max_score=5" + more;
}

TEST_F(SchemeFormTest, FactorsAreAddedChangedAndRemovedInThePageForm) {
  AddScoringScheme();
  if (HasFatalFailure()) return;
  Browser b = SignInWithForm(admin_);
  auto form = Client().Get((Path() + "/edit").c_str(), b.Cookie());
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200);
  EXPECT_THAT(form->body, HasSubstr("name=\"factors[0].code\" type=\"text\" value=\"harm\""));
  EXPECT_THAT(form->body, HasSubstr("name=\"factors[1].label\" type=\"text\" value=\"Likelihood\""));
  EXPECT_THAT(form->body, HasSubstr("name=\"factors[2].code\" type=\"text\" value=\"\""));
  EXPECT_THAT(form->body, HasSubstr("Add another factor"));
  EXPECT_THAT(form->body, HasSubstr("Remove factor 2"));

  // Another empty row, and the values typed kept.
  auto more = PostForm(Path() + "/edit", b, FactorForm("1", "3", "&factors%5B2%5D.code=capacity&action=add-row"));
  ASSERT_TRUE(more);
  EXPECT_EQ(more->status, 200);
  EXPECT_THAT(more->body, HasSubstr("name=\"factors[2].code\" type=\"text\" value=\"capacity\""));
  EXPECT_THAT(more->body, HasSubstr("name=\"factors[3].code\" type=\"text\" value=\"\""));

  // Every problem of every row at once, each on its cell, every value kept.
  auto bad = PostForm(Path() + "/edit", b,
                      FactorForm("1", "4",
                                 "&factors%5B2%5D.code=&factors%5B2%5D.label=Capacity&factors%5B2%5D.group=position"
                                 "&factors%5B2%5D.weight=heavy&factors%5B2%5D.min_score=1&factors%5B2%5D.max_score=3"
                                 "&factors%5B3%5D.code=ownership&factors%5B3%5D.label=Ownership&factors%5B3%5D.group=position"
                                 "&factors%5B3%5D.weight=1&factors%5B3%5D.min_score=5&factors%5B3%5D.max_score=lots"));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_THAT(bad->body, HasSubstr("Factor 3: code is required"));
  EXPECT_THAT(bad->body, HasSubstr("href=\"#field-factors-2-code\""));
  EXPECT_THAT(bad->body, HasSubstr("Factor 3: Weight"));
  EXPECT_THAT(bad->body, HasSubstr("href=\"#field-factors-2-weight\""));
  EXPECT_THAT(bad->body, HasSubstr("Factor 4: Highest score must be a whole number"));
  EXPECT_THAT(bad->body, HasSubstr("href=\"#field-factors-3-max_score\""));
  EXPECT_THAT(bad->body, HasSubstr("value=\"heavy\""));
  EXPECT_THAT(bad->body, HasSubstr("value=\"lots\""));
  EXPECT_THAT(bad->body, HasSubstr("value=\"Capacity\""));

  // Removing one and adding one: rows after a removed one keep their problems' places.
  auto saved = PostForm(Path() + "/edit", b,
                        FactorForm("1", "3",
                                   "&factors%5B0%5D.remove=true"
                                   "&factors%5B2%5D.code=severity&factors%5B2%5D.label=Severity&factors%5B2%5D.group=harm"
                                   "&factors%5B2%5D.weight=2&factors%5B2%5D.min_score=1&factors%5B2%5D.max_score=4"));
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  auto scheme = services_->Get(app::Actor::System(), SchemeDef(), SchemeId());
  ASSERT_TRUE(scheme.ok());
  const Value::Rows& factors = scheme->Get("factors").as_rows();
  ASSERT_EQ(factors.size(), 2u);
  EXPECT_EQ(factors[0].Get("code"), Value("likelihood"));
  EXPECT_EQ(factors[1].Get("code"), Value("severity"));
  EXPECT_EQ(factors[1].Get("weight"), Value(2.0));
  EXPECT_EQ(scheme->Get("scheme_version"), Value(1));
}

TEST_F(SchemeFormTest, AChangeToTheFactorsOfASchemeThatScoredInsightMakesANewVersion) {
  AddScoringScheme();
  if (HasFatalFailure()) return;
  const int64_t old_id = SchemeId();
  const int64_t insight = AddInsight("EM", "P");
  Browser officer = SignInWithForm(officer_);
  auto assessed = PostForm("/insight/" + std::to_string(insight) + "/assess", officer,
                           "version=1&factor-harm=4&factor-likelihood=3&confidence=high");
  ASSERT_TRUE(assessed);
  ASSERT_EQ(assessed->status, 303) << assessed->body;

  Browser b = SignInWithForm(admin_);
  auto form = Client().Get((Path() + "/edit").c_str(), b.Cookie());
  ASSERT_TRUE(form);
  EXPECT_THAT(form->body, HasSubstr("This version has scored 1 insight item"));

  // A label is corrected in place.
  std::string body = FactorForm("1", "2", "");
  body.replace(body.find("Harm+to+children"), 16, "Harm+to+a+child");
  auto label = PostForm(Path() + "/edit", b, body);
  ASSERT_TRUE(label);
  ASSERT_EQ(label->status, 303) << label->body;
  EXPECT_EQ(label->get_header_value("Location"), Path());

  // Rows with problems on a scheme that has scored: every problem named, nothing made.
  auto bad = PostForm(Path() + "/edit", b,
                      FactorForm("2", "4",
                                 "&factors%5B2%5D.code=ownership&factors%5B2%5D.label=No+other+agency+owns+it"
                                 "&factors%5B2%5D.group=position&factors%5B2%5D.weight=heavy"
                                 "&factors%5B2%5D.min_score=0&factors%5B2%5D.max_score=2"
                                 "&factors%5B3%5D.code=reach&factors%5B3%5D.group=harm&factors%5B3%5D.weight=1"
                                 "&factors%5B3%5D.min_score=1&factors%5B3%5D.max_score=lots"));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422) << bad->body;
  EXPECT_THAT(bad->body, HasSubstr("Factor 3: Weight"));
  EXPECT_THAT(bad->body, HasSubstr("Factor 4: label is required"));
  EXPECT_THAT(bad->body, HasSubstr("Factor 4: Highest score must be a whole number"));
  EXPECT_THAT(bad->body, HasSubstr("value=\"heavy\""));

  // A weight changed makes version 2, active; version 1 stays for the insight it scored.
  std::string weight = FactorForm("2", "2", "");
  weight.replace(weight.find("factors%5B1%5D.weight=1"), 23, "factors%5B1%5D.weight=3");
  auto saved = PostForm(Path() + "/edit", b, weight);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_NE(saved->get_header_value("Location"), Path());
  auto page = Follow(saved, b);
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("version 2 has been made from version 1"));
  auto schemes = services_->List(app::Actor::System(), SchemeDef(), {{"sort", "scheme_version"}});
  ASSERT_TRUE(schemes.ok());
  ASSERT_EQ(schemes->total, 2);
  EXPECT_EQ(schemes->items[0].Get("active"), Value(false));
  EXPECT_EQ(schemes->items[0].Get("factors").as_rows()[1].Get("weight"), Value(1.0));
  EXPECT_EQ(schemes->items[1].Get("scheme_version"), Value(2));
  EXPECT_EQ(schemes->items[1].Get("active"), Value(true));
  EXPECT_EQ(schemes->items[1].Get("factors").as_rows()[1].Get("weight"), Value(3.0));
  auto item = services_->Get(app::Actor::System(), domain::InsightEntity(), insight);
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->Get("scoring_scheme"), Value(old_id));

  // The API refuses to change it in place, saying why.
  httplib::Headers headers = {{"Authorization", admin_.Bearer()}};
  auto old_scheme = services_->Get(app::Actor::System(), SchemeDef(), old_id);
  ASSERT_TRUE(old_scheme.ok());
  nlohmann::json patch = {{"version", old_scheme->Get("version").as_int()},
                          {"factors", nlohmann::json::array({{{"code", "harm"}, {"label", "Harm"}, {"group", "harm"},
                                                              {"weight", 1}, {"min_score", 1}, {"max_score", 5}}})}};
  auto api = Client().Patch(("/api/v1/scoring-schemes/" + std::to_string(old_id)).c_str(), headers,
                            patch.dump(), "application/json");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 409) << api->body;
  EXPECT_THAT(api->body, HasSubstr("has scored 1 insight item"));
}

TEST_F(SchemeFormTest, AnAdministratorAddsASchemeWithItsFactors) {
  Browser b = SignInWithForm(admin_);
  auto list = Client().Get("/admin/scoring-schemes", b.Cookie());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->body, HasSubstr("href=\"/admin/scoring-schemes/new\""));
  auto form = Client().Get("/admin/scoring-schemes/new", b.Cookie());
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200);
  EXPECT_THAT(form->body, HasSubstr("name=\"factors[2].code\""));
  auto saved = PostForm("/admin/scoring-schemes/new", b, FactorForm("0", "3", ""));
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  auto scheme = services_->Get(app::Actor::System(), SchemeDef(), SchemeId());
  ASSERT_TRUE(scheme.ok());
  EXPECT_EQ(scheme->Get("scheme_version"), Value(1));
  EXPECT_EQ(scheme->Get("factors").as_rows().size(), 2u);
}

}  // namespace
}  // namespace lookout::http
