// The numbers of the web pages: a funder's dashboard under the disclosure rule, survey
// results on the base the headline uses, whom a list of activities reached, and approving
// quotes from their page.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "ui_page_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class UiNumbersTest : public UiPageTest {
 protected:
  void SetUp() override {
    UiPageTest::SetUp();
    if (HasFatalFailure()) return;
    other_manager_ = authtest::AddTestUser(*services_, *accounts_, "manager");
  }

  // The page at `path` as `user` sees it, freshly signed in; the answer whatever its status.
  httplib::Result PageAs(const std::string& path, const authtest::TestUser& user) {
    return Client().Get(path, SignIn(user).Cookie());
  }
  httplib::Result PostAs(const std::string& path, const authtest::TestUser& user, const std::string& body) {
    return PostForm(path, SignIn(user), body);
  }

  int64_t Make(const std::string& kind, std::map<std::string, Value> fields,
               const app::Actor& as = app::Actor::System()) {
    Record r;
    for (auto& [k, v] : fields) r.Set(k, v);
    auto saved = services_->Create(as, *domain::FindEntity(kind), r);
    EXPECT_TRUE(saved.ok()) << kind << ": " << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }
  app::Actor ActorOf(const authtest::TestUser& user, const std::string& role, const std::string& region = "") {
    app::Actor a;
    a.id = "staff:" + std::to_string(user.staff_id);
    a.staff_id = user.staff_id;
    a.role = role;
    a.region = region;
    a.signed_in = true;
    return a;
  }
  int64_t Task(const std::string& region) {
    const int64_t objective = Make("objective", {{"code", "o-" + region}, {"title", "Everyone's responsibility"}});
    return Make("task", {{"title", "Hotel staff training"},
                         {"objectives", Value::List{Value(objective)}},
                         {"themes", Value::List{Value("cse")}},
                         {"regions", Value::List{Value(region)}},
                         {"lead", officer_.staff_id},
                         {"priority", "medium"}});
  }
  void Activity(int64_t task, const std::string& region, const std::string& date, const std::string& group,
                const std::string& sector, int64_t count) {
    Record row;
    row.Set("group", group);
    if (!sector.empty()) row.Set("sector", sector);
    row.Set("count", count);
    row.Set("estimated", false);
    Make("activity", {{"task", task},
                      {"type", "workshop"},
                      {"title", "Workshop"},
                      {"start_on", date},
                      {"region", region},
                      {"audience", Value(Value::Rows{row})}});
  }

  authtest::TestUser other_manager_;
};

TEST_F(UiNumbersTest, AFundersDashboardShowsNoLiveSmallCount) {
  const int64_t em = Task("EM");
  const int64_t ne = Task("NE");
  Activity(em, "EM", "2025-11-03", "professionals", "police", 40);
  Activity(em, "EM", "2025-11-04", "parents_carers", "", 2);
  Activity(ne, "NE", "2025-12-01", "professionals", "health", 25);
  Activity(ne, "NE", "2025-12-02", "young_people", "", 60);

  auto home = PageAs("/", funder_);
  ASSERT_TRUE(home);
  ASSERT_EQ(home->status, 200) << home->body.substr(0, 300);
  // Parents and carers: 2 in all, withheld with the rule stated.
  EXPECT_THAT(home->body, Not(HasSubstr("<dd class=\"govuk-summary-list__value\">2</dd>")));
  EXPECT_THAT(home->body, HasSubstr("fewer than 5"));
  EXPECT_THAT(home->body, HasSubstr("not shown under the disclosure rule"));
  EXPECT_THAT(home->body, HasSubstr(">65<"));  // professionals, shown
  auto csv = PageAs("/?period=2025-26&format=csv", funder_);
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_THAT(csv->get_header_value("Content-Type"), HasSubstr("text/csv"));
  EXPECT_THAT(csv->body, HasSubstr("fewer than 5"));
  EXPECT_THAT(csv->body, Not(HasSubstr(",2,")));
  EXPECT_THAT(csv->body, Not(HasSubstr(",2\n")));
  // A manager, who reads the activities, sees the exact count on the home page.
  auto manager = PageAs("/", manager_);
  ASSERT_TRUE(manager);
  EXPECT_THAT(manager->body, Not(HasSubstr("fewer than 5")));
}

TEST_F(UiNumbersTest, SurveyResultsTakeThePercentagesOnTheBaseAndWithholdSmallCounts) {
  const int64_t survey = Make("survey", {{"title", "Stakeholder survey"}, {"kind", "stakeholder_survey"},
                                         {"period", "2025-26"}});
  const int64_t question = Make("survey_question", {{"survey", survey}, {"position", 1},
                                                    {"text", "I am more confident to act."},
                                                    {"kind", "agreement"}});
  int n = 0;
  auto respond = [&](const std::string& answer, int times) {
    for (int i = 0; i < times; ++i) {
      Record a;
      a.Set("question", question);
      a.Set("answer", answer);
      Make("survey_response", {{"survey", survey}, {"external_id", "R-" + std::to_string(++n)},
                               {"attended_training", "yes"}, {"region", "EM"},
                               {"answers", Value(Value::Rows{a})}});
    }
  };
  respond("strongly_agree", 6);
  respond("agree", 6);
  respond("disagree", 8);
  respond("dont_know", 2);
  const std::string path = "/surveys/" + std::to_string(survey);
  // Exact counts, for the analyst who manages the survey: 12 out of 20 agreed (60%); each
  // share is of those 20, "don't know" shown outside it.
  auto exact = PageAs(path + "?counts=exact", analyst_);
  ASSERT_TRUE(exact);
  ASSERT_EQ(exact->status, 200) << exact->body.substr(0, 300);
  EXPECT_THAT(exact->body, HasSubstr("12 out of 20 respondents agreed or strongly agreed (60%"));
  EXPECT_THAT(exact->body, HasSubstr("data-total-positive=\"12\" data-total-base=\"20\""));
  EXPECT_THAT(exact->body, HasSubstr(">40%<"));  // disagree: 8 of the 20 (not 8 of 22)
  EXPECT_THAT(exact->body, HasSubstr(">30%<"));  // strongly agree and agree: 6 of 20
  EXPECT_THAT(exact->body, HasSubstr("not in the base"));
  EXPECT_THAT(exact->body, HasSubstr("Do not share"));
  // What others see: the same headline, and the 2 "don't know" answers withheld.
  auto others = PageAs(path, officer_);
  ASSERT_TRUE(others);
  ASSERT_EQ(others->status, 200);
  EXPECT_THAT(others->body, HasSubstr("12 out of 20 respondents agreed or strongly agreed"));
  EXPECT_THAT(others->body, HasSubstr("fewer than 5"));
  EXPECT_THAT(others->body, Not(HasSubstr("Show the exact counts")));
  // An officer may not ask for exact counts.
  auto asked = PageAs(path + "?counts=exact", officer_);
  ASSERT_TRUE(asked);
  EXPECT_THAT(asked->body, Not(HasSubstr("Do not share")));
  // A small group: nothing of its results is shown.
  auto small = PageAs(path + "?region=NE", analyst_);
  ASSERT_TRUE(small);
  EXPECT_THAT(small->body, HasSubstr("No respondent in this group answered this question"));

  // The pooled view of the question gives the same x out of y.
  auto pooled = PageAs("/surveys/results?question=" + std::to_string(question), officer_);
  ASSERT_TRUE(pooled);
  ASSERT_EQ(pooled->status, 200) << pooled->body.substr(0, 300);
  EXPECT_THAT(pooled->body, HasSubstr("data-total-positive=\"12\" data-total-base=\"20\""));
  auto bad = PageAs("/surveys/results?question=abc", officer_);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
}

TEST_F(UiNumbersTest, AListOfActivitiesSaysWhomAllItsActivitiesReached) {
  const int64_t em = Task("EM");
  for (int i = 0; i < 30; ++i) Activity(em, "EM", "2025-10-01", "professionals", i % 2 ? "police" : "health", 10);
  auto all = PageAs("/activities?period=2025-26", manager_);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200);
  EXPECT_THAT(all->body, HasSubstr("data-total-records=\"30\""));
  EXPECT_THAT(all->body, HasSubstr("data-total-reach-professionals=\"300\""));
  auto police = PageAs("/activities?period=2025-26&sector=police", manager_);
  ASSERT_TRUE(police);
  EXPECT_THAT(police->body, HasSubstr("data-total-reach-professionals=\"150\""));
  auto themed = PageAs("/activities?theme=cce", manager_);
  ASSERT_TRUE(themed);
  EXPECT_THAT(themed->body, HasSubstr("data-total-records=\"0\""));
}

TEST_F(UiNumbersTest, AQuoteIsApprovedFromItsPageByAManagerWhoDidNotRecordIt) {
  const int64_t task = Task("EM");
  // The officer's form offers no "approved": approval is not the author's to give.
  auto form = PageAs("/quotes/new", officer_);
  ASSERT_TRUE(form);
  EXPECT_THAT(form->body, Not(HasSubstr("name=\"approved\"")));
  auto sneaked = PostAs("/quotes/new", officer_,
                      "text=Useful+session&stakeholder_type=police&region=EM&source=survey"
                      "&collected_on-day=3&collected_on-month=2&collected_on-year=2026&consent_given=true"
                      "&approved=true&task=" + std::to_string(task));
  ASSERT_TRUE(sneaked);
  auto quotes = services_->List(app::Actor::System(), *domain::FindEntity("quote"), {});
  ASSERT_TRUE(quotes.ok());
  for (const Record& q : quotes->items) EXPECT_EQ(q.Get("approved"), Value(false));

  const int64_t quote = Make("quote", {{"text", "The training changed how our staff look at late check-ins."},
                                       {"stakeholder_type", "police"}, {"region", "EM"}, {"source", "survey"},
                                       {"consent_given", true}, {"consent_on", "2026-02-03"},
                                       {"collected_on", "2026-02-03"}, {"task", task}},
                             ActorOf(manager_, "manager"));
  const std::string path = "/quotes/" + std::to_string(quote);
  auto author = PageAs(path, manager_);
  ASSERT_TRUE(author);
  EXPECT_THAT(author->body, Not(HasSubstr("Approve for publication</button>")));
  EXPECT_THAT(author->body, HasSubstr("another manager must approve it"));
  auto officer = PageAs(path, officer_);
  ASSERT_TRUE(officer);
  EXPECT_THAT(officer->body, Not(HasSubstr("Approve for publication</button>")));
  // A refusal keeps the record's page, with why in the error summary (forms.h).
  auto refused = PostAs(path + "/approve", officer_, "version=1");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_THAT(refused->body, HasSubstr("govuk-error-summary"));
  EXPECT_THAT(refused->body, HasSubstr("href=\"#field-approval\""));
  EXPECT_THAT(refused->body, HasSubstr("The training changed how our staff look at late check-ins."));

  auto other = PageAs(path, other_manager_);
  ASSERT_TRUE(other);
  EXPECT_THAT(other->body, HasSubstr("Approve for publication</button>"));
  auto stale = PostAs(path + "/approve", other_manager_, "version=7");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_THAT(stale->body, HasSubstr("govuk-error-summary"));
  EXPECT_THAT(stale->body, HasSubstr("id=\"field-approval\""));
  EXPECT_THAT(stale->body, HasSubstr("Approve for publication</button>"));
  auto approved = PostAs(path + "/approve", other_manager_, "version=1");
  ASSERT_TRUE(approved);
  ASSERT_EQ(approved->status, 303) << approved->body.substr(0, 300);
  // The success banner's notice names the record.
  EXPECT_THAT(approved->get_header_value("Set-Cookie"),
              HasSubstr("The training changed how our staff look at late check-ins.\" is approved for publication."));
  auto shown = PageAs(approved->get_header_value("Location"), officer_);
  ASSERT_TRUE(shown);
  EXPECT_THAT(shown->body, HasSubstr("Approved for publication by Test manager on"));
  // The API says the same, and refuses the author.
  auto api = Client(other_manager_.token).Get("/api/v1/quotes/" + std::to_string(quote));
  ASSERT_TRUE(api);
  EXPECT_THAT(api->body, HasSubstr("\"approved_by\":" + std::to_string(other_manager_.staff_id)));

  // Withdrawing it: a stale copy keeps the reason typed, beside the form.
  auto kept = PostAs(path + "/withdraw-approval", other_manager_, "version=1&reason=Consent+in+doubt");
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->status, 409);
  EXPECT_THAT(kept->body, HasSubstr("href=\"#field-approval-reason\""));
  EXPECT_THAT(kept->body, HasSubstr("value=\"Consent in doubt\""));
  EXPECT_THAT(kept->body, HasSubstr("<details class=\"govuk-details\" open>"));
}

}  // namespace
}  // namespace lookout::http
