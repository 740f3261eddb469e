// The web pages over the real server: signing in and out, the page guard (redirects,
// CSRF, the forced password change), each role's home page, the insight and task pages
// with the GOV.UK error pattern, and the role matrix as pages show it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>

#include "domain/rules.h"
#include "domain/schema.h"
#include "ui_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST_F(UiPagesTest, ASignedOutVisitorIsSentToSignInAndBackAfterwards) {
  auto res = Client().Get("/tasks?region=EM");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303);
  // The server sends next=%2Ftasks%3Fregion%3DEM (PageHelpers tests the encoding); the
  // test client hands the Location header over decoded.
  EXPECT_EQ(res->get_header_value("Location"), "/sign-in?next=/tasks?region=EM");

  auto in = Client().Post("/sign-in",
                          "email=" + Encode(officer_.email) + "&password=" +
                              Encode(officer_.password) + "&next=%2Ftasks%3Fregion%3DEM",
                          kForm);
  ASSERT_TRUE(in);
  EXPECT_EQ(in->status, 303);
  EXPECT_EQ(in->get_header_value("Location"), "/tasks?region=EM");
  EXPECT_THAT(in->get_header_value("Set-Cookie"), StartsWith("lookout_session="));
  EXPECT_THAT(in->get_header_value("Set-Cookie"), HasSubstr("HttpOnly; SameSite=Lax"));
}

TEST_F(UiPagesTest, SignInNeverSendsAnyoneToAnotherSite) {
  for (const char* next : {"%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"}) {
    auto in = Client().Post("/sign-in",
                            "email=" + Encode(officer_.email) + "&password=" +
                                Encode(officer_.password) + "&next=" + next,
                            kForm);
    ASSERT_TRUE(in);
    EXPECT_EQ(in->status, 303);
    EXPECT_EQ(in->get_header_value("Location"), "/") << next;
  }
}

TEST_F(UiPagesTest, AnotherSitesPageCannotSignTheBrowserIn) {
  const std::string body =
      "email=" + Encode(officer_.email) + "&password=" + Encode(officer_.password) + "&next=%2F";
  for (const httplib::Headers& headers :
       {httplib::Headers{{"Sec-Fetch-Site", "cross-site"}},
        httplib::Headers{{"Origin", "https://attacker.example"}},
        httplib::Headers{{"Origin", "null"}}}) {
    auto res = Client().Post("/sign-in", headers, body, kForm);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << headers.begin()->first;
    EXPECT_TRUE(res->get_header_value("Set-Cookie").empty());
    EXPECT_THAT(res->body, HasSubstr("Lookout&apos;s own sign-in page"));
  }
  // Lookout's own sign-in page, as a browser sends it.
  auto own = Client().Post("/sign-in", {{"Sec-Fetch-Site", "same-origin"}}, body, kForm);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 303) << own->body;
  EXPECT_THAT(own->get_header_value("Set-Cookie"), StartsWith("lookout_session="));
}

TEST_F(UiPagesTest, ChangingThePasswordSaysTheApiTokensWereRevoked) {
  Browser b = SignInWithForm(officer_);
  auto form = Client().Get("/account/password", b.Cookie());
  ASSERT_TRUE(form);
  EXPECT_THAT(form->body, HasSubstr("revokes every API token"));
  auto changed = PostForm("/account/password", b,
                          "current=" + Encode(officer_.password) +
                              "&new=lantern+orchard+velvet+harbour&confirm=lantern+orchard+velvet+harbour");
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 303) << changed->body;
  // The success banner says so once, on the page the change leads to.
  auto shown = Follow(changed, b);
  ASSERT_TRUE(shown);
  EXPECT_THAT(shown->body, HasSubstr("govuk-notification-banner--success"));
  EXPECT_THAT(shown->body, HasSubstr("1 API token was revoked"));
  auto again = Client().Get(changed->get_header_value("Location"), b.Cookie());
  ASSERT_TRUE(again);
  EXPECT_THAT(again->body, Not(HasSubstr("API token was revoked")));
  auto token = Client().Get("/api/v1/partners", {{"Authorization", officer_.Bearer()}});
  ASSERT_TRUE(token);
  EXPECT_EQ(token->status, 401);
}

TEST_F(UiPagesTest, AWrongPasswordShowsTheErrorSummaryAndKeepsTheEmail) {
  auto res = Client().Post("/sign-in", "email=" + Encode(officer_.email) + "&password=wrong", kForm);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_THAT(res->body, HasSubstr("govuk-error-summary"));
  EXPECT_THAT(res->body, HasSubstr("<title>Error: "));
  EXPECT_THAT(res->body, HasSubstr("href=\"#field-email\""));
  EXPECT_THAT(res->body, HasSubstr("value=\"" + officer_.email + "\""));
  EXPECT_TRUE(res->get_header_value("Set-Cookie").empty());

  auto empty = Client().Post("/sign-in", "email=&password=", kForm);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 422);
  EXPECT_THAT(empty->body, HasSubstr("Enter your email address and your password."));
}

TEST_F(UiPagesTest, AFormWithoutTheSessionsCsrfTokenIsRefused) {
  Browser b = SignInWithForm(officer_);
  auto res = PostForm("/sign-out", b, "", /*with_csrf=*/false);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_THAT(res->body, HasSubstr("This form has expired"));
  auto forged = PostForm("/sign-out", b, "csrf_token=not-the-token", /*with_csrf=*/false);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  // The session is still live.
  auto home = Client().Get("/", b.Cookie());
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
}

TEST_F(UiPagesTest, SigningOutEndsTheSession) {
  Browser b = SignInWithForm(officer_);
  auto out = PostForm("/sign-out", b, "");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(out->get_header_value("Location"), "/sign-in?signed_out=1");
  EXPECT_THAT(out->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  auto home = Client().Get("/", b.Cookie());
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 303);
  EXPECT_THAT(home->get_header_value("Location"), StartsWith("/sign-in"));
}

TEST_F(UiPagesTest, AOneTimePasswordMustBeChangedBeforeAnyOtherPage) {
  auto reset = accounts_->ResetPassword(app::Actor::System(), officer_.staff_id);
  ASSERT_TRUE(reset.ok()) << reset.status().ToString();
  auto in = Client().Post("/sign-in", "email=" + Encode(officer_.email) + "&password=" + Encode(reset->one_time_password),
                          kForm);
  ASSERT_TRUE(in);
  EXPECT_EQ(in->status, 303);
  EXPECT_EQ(in->get_header_value("Location"), "/account/password");
  Browser b;
  b.token = CookieToken(in->get_header_value("Set-Cookie"));
  auto tasks = Client().Get("/tasks", b.Cookie());
  ASSERT_TRUE(tasks);
  EXPECT_EQ(tasks->status, 303);
  EXPECT_EQ(tasks->get_header_value("Location"), "/account/password");

  auto form = Client().Get("/account/password", b.Cookie());
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200);
  EXPECT_THAT(form->body, HasSubstr("one-time password"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(form->body, m, std::regex("name=\"csrf_token\" value=\"([^\"]+)\"")));
  b.csrf = m[1];

  auto mismatch = PostForm("/account/password", b,
                           "current=" + Encode(reset->one_time_password) + "&new=lantern+orchard+velvet+harbour" +
                               "&confirm=lantern+orchard+velvet");
  ASSERT_TRUE(mismatch);
  EXPECT_EQ(mismatch->status, 422);
  EXPECT_THAT(mismatch->body, HasSubstr("Enter the same new password twice"));
  EXPECT_THAT(mismatch->body, HasSubstr("href=\"#field-confirm\""));

  auto weak = PostForm("/account/password", b,
                       "current=" + Encode(reset->one_time_password) + "&new=password123&confirm=password123");
  ASSERT_TRUE(weak);
  EXPECT_EQ(weak->status, 422);
  EXPECT_THAT(weak->body, HasSubstr("The new password must be at least"));

  auto changed = PostForm("/account/password", b,
                          "current=" + Encode(reset->one_time_password) + "&new=lantern+orchard+velvet+harbour" +
                              "&confirm=lantern+orchard+velvet+harbour");
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 303) << changed->body;
  EXPECT_EQ(changed->get_header_value("Location"), "/");
  auto home = Client().Get("/", b.Cookie());
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_THAT(home->body, HasSubstr("Your work"));
}

TEST_F(UiPagesTest, EachRoleHasItsHomePageAndNavigation) {
  struct Case {
    const authtest::TestUser* user;
    const char* heading;
    bool programme_links;
  };
  for (const Case& c : {Case{&officer_, "Your work", true}, Case{&manager_, "Programme overview", true},
                        Case{&funder_, "Programme dashboard", false},
                        Case{&admin_, "Administration", false}}) {
    Browser b = SignInWithForm(*c.user);
    auto home = Client().Get("/", b.Cookie());
    ASSERT_TRUE(home);
    EXPECT_EQ(home->status, 200) << c.heading << home->body;
    EXPECT_THAT(home->body, HasSubstr(std::string("<h1 class=\"govuk-heading-l\">") + c.heading));
    EXPECT_EQ(home->body.find("href=\"/insight\"") != std::string::npos, c.programme_links)
        << c.heading;
  }
}

TEST_F(UiPagesTest, AFunderCannotOpenARecordPage) {
  const int64_t id = AddInsight("EM", "P");
  Browser b = SignInWithForm(funder_);
  for (const std::string& path : {std::string("/insight"), "/insight/" + std::to_string(id),
                                  std::string("/tasks"), std::string("/tasks/new")}) {
    auto res = Client().Get(path.c_str(), b.Cookie());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << path;
    EXPECT_THAT(res->body, HasSubstr("You cannot see this page")) << path;
    EXPECT_THAT(res->body, Not(HasSubstr("bus station"))) << path;
  }
}

TEST_F(UiPagesTest, ConditionallyHandledInsightShowsItsConditionsAndStaysInItsRegion) {
  const int64_t id = AddInsight("EM", "C");
  Browser own = SignInWithForm(officer_);
  auto page = Client().Get(("/insight/" + std::to_string(id)).c_str(), own.Cookie());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("lookout-handling-conditions"));
  EXPECT_THAT(page->body, HasSubstr("Share with the station manager only."));
  auto list = Client().Get("/insight", own.Cookie());
  ASSERT_TRUE(list);
  EXPECT_THAT(list->body, HasSubstr("Handling conditions"));

  Browser other = SignInWithForm(other_officer_);
  auto refused = Client().Get(("/insight/" + std::to_string(id)).c_str(), other.Cookie());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  auto other_list = Client().Get("/insight", other.Cookie());
  ASSERT_TRUE(other_list);
  EXPECT_EQ(other_list->status, 200);
  EXPECT_THAT(other_list->body, Not(HasSubstr("bus station")));
  EXPECT_THAT(other_list->body, HasSubstr("No insight matches these filters."));
}

TEST_F(UiPagesTest, RecordingInsightWithMistakesNamesEachFieldAndKeepsTheInput) {
  Browser b = SignInWithForm(officer_);
  auto res = PostForm("/insight/new", b,
                      "received_on-day=31&received_on-month=2&received_on-year=2026"
                      "&region=EM&themes=cse&summary=Seen+near+the+hotel+car+park");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_THAT(res->body, HasSubstr("govuk-error-summary"));
  EXPECT_THAT(res->body, HasSubstr("Date received must be a real date"));
  EXPECT_THAT(res->body, HasSubstr("href=\"#field-received_on\""));
  EXPECT_THAT(res->body, HasSubstr("Seen near the hotel car park</textarea>"));
  EXPECT_THAT(res->body, HasSubstr("value=\"31\""));

  auto missing = PostForm("/insight/new", b,
                          "received_on-day=3&received_on-month=2&received_on-year=2026&region=EM");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 422);
  EXPECT_THAT(missing->body, HasSubstr("href=\"#field-source_type\""));
  EXPECT_THAT(missing->body, HasSubstr("href=\"#field-summary\""));
  EXPECT_THAT(missing->body, HasSubstr("href=\"#field-themes\""));
}

TEST_F(UiPagesTest, AnOfficerRecordsInsightAndProposesATaskAnsweringIt) {
  Browser b = SignInWithForm(officer_);
  auto saved = PostForm("/insight/new", b,
                        "received_on-day=3&received_on-month=3&received_on-year=2026"
                        "&source_type=officer_observation&region=EM&themes=cce&county_lines=true"
                        "&location_types=train_station&summary=Groups+of+older+teenagers+meet+"
                        "younger+ones+off+the+last+train.");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  const std::string location = saved->get_header_value("Location");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(location, m, std::regex("/insight/([0-9]+)")));
  const std::string insight_id = m[1];
  auto page = Follow(saved, b);
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("Insight " + insight_id + " has been recorded."));
  // The banner is shown once: a reload does not bring it back.
  auto again = Client().Get(location.c_str(), b.Cookie());
  ASSERT_TRUE(again);
  EXPECT_THAT(again->body, Not(HasSubstr("has been recorded.")));
  EXPECT_THAT(page->body, HasSubstr("Officer observation"));
  EXPECT_THAT(page->body, HasSubstr("/tasks/new?insight=" + insight_id));

  auto form = Client().Get(("/tasks/new?insight=" + insight_id).c_str(), b.Cookie());
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200);
  EXPECT_THAT(form->body, HasSubstr("name=\"insights\" value=\"" + insight_id + "\""));

  Record objective;
  objective.Set("code", "RESPONSE");
  objective.Set("title", "A better response");
  auto obj = services_->Create(app::Actor::System(), *domain::FindEntity("objective"), objective);
  ASSERT_TRUE(obj.ok()) << obj.status().ToString();
  auto proposed = PostForm("/tasks/new", b,
                           "insights=" + insight_id + "&title=Station+staff+briefings" +
                               "&objectives=" + std::to_string(obj->record.Id()) +
                               "&themes=cce&regions=EM&priority=high&due_on-day=30" +
                               "&due_on-month=4&due_on-year=2026");
  ASSERT_TRUE(proposed);
  ASSERT_EQ(proposed->status, 303) << proposed->body;
  auto task = Follow(proposed, b);
  ASSERT_TRUE(task);
  EXPECT_THAT(task->body, HasSubstr("&quot;Station staff briefings&quot; has been proposed."));
  EXPECT_THAT(task->body, HasSubstr("Station staff briefings"));
  EXPECT_THAT(task->body, HasSubstr("Proposed"));
  EXPECT_THAT(task->body, HasSubstr("href=\"/insight/" + insight_id + "\""));
  // An officer may withdraw their own proposal but not approve it.
  EXPECT_THAT(task->body, HasSubstr("value=\"cancelled\""));
  EXPECT_THAT(task->body, Not(HasSubstr("value=\"approved\"")));
}

TEST_F(UiPagesTest, AManagerApprovesAProposalAndAStaleFormIsRefused) {
  Record objective;
  objective.Set("code", "RESPONSE");
  objective.Set("title", "A better response");
  auto obj = services_->Create(app::Actor::System(), *domain::FindEntity("objective"), objective);
  ASSERT_TRUE(obj.ok());
  Record task;
  task.Set("title", "Hotel night staff awareness");
  task.Set("objectives", Value::List{obj->record.Id()});
  task.Set("themes", Value::List{Value("cse")});
  task.Set("regions", Value::List{Value("EM")});
  task.Set("lead", officer_.staff_id);
  task.Set("priority", "high");
  auto created = services_->Create(app::Actor::System(), domain::TaskEntity(), task);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const std::string path = "/tasks/" + std::to_string(created->record.Id());

  Browser b = SignInWithForm(manager_);
  auto page = Client().Get(path.c_str(), b.Cookie());
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("value=\"approved\""));
  EXPECT_THAT(page->body, HasSubstr("value=\"rejected\""));

  auto rejected = PostForm(path + "/move", b, "version=1&to=rejected");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, 422);
  EXPECT_THAT(rejected->body, HasSubstr("govuk-error-summary"));

  auto approved = PostForm(path + "/move", b, "version=1&to=approved&reason=Fits+the+plan");
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->status, 303) << approved->body;
  EXPECT_EQ(approved->get_header_value("Location"), path);
  auto after = Follow(approved, b);
  ASSERT_TRUE(after);
  EXPECT_THAT(after->body, HasSubstr(" is now Approved."));
  EXPECT_THAT(after->body, HasSubstr("Fits the plan"));

  auto stale = PostForm(path + "/move", b, "version=1&to=in_progress");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_THAT(stale->body, HasSubstr("someone else changed it"));
}

TEST_F(UiPagesTest, ListsKeepTheirFiltersInTheQueryStringAndNameBadOnes) {
  AddInsight("EM", "P");
  Browser b = SignInWithForm(manager_);
  auto filtered = Client().Get("/insight?region=EM&themes=cse", b.Cookie());
  ASSERT_TRUE(filtered);
  EXPECT_EQ(filtered->status, 200);
  EXPECT_THAT(filtered->body, HasSubstr("Showing 1 to 1 of 1"));
  EXPECT_THAT(filtered->body, HasSubstr("<option value=\"EM\" selected>"));
  auto bad = Client().Get("/insight?from=yesterday", b.Cookie());
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_THAT(bad->body, HasSubstr("govuk-error-summary"));
  auto board = Client().Get("/tasks?view=board", b.Cookie());
  ASSERT_TRUE(board);
  EXPECT_EQ(board->status, 200);
  EXPECT_THAT(board->body, HasSubstr("lookout-board"));
}

TEST_F(UiPagesTest, ServesAssetsWithCachingAndNothingOutsideTheirFolder) {
  auto css = Client().Get("/assets/lookout.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_THAT(css->get_header_value("Content-Type"), StartsWith("text/css"));
  EXPECT_EQ(css->get_header_value("Cache-Control"), "public, max-age=86400");
  for (const char* path : {"/assets/..%2F..%2Fetc%2Fpasswd", "/assets/.hidden", "/assets/none.css",
                           "/assets/lookout.exe"}) {
    auto res = Client().Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
  }
}

TEST_F(UiPagesTest, UnknownPagesAndBadIdsAnswerTheNotFoundPage) {
  Browser b = SignInWithForm(manager_);
  for (const char* path : {"/tasks/999999", "/tasks/abc", "/insight/0"}) {
    auto res = Client().Get(path, b.Cookie());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_THAT(res->body, HasSubstr("Page not found")) << path;
  }
}

TEST_F(UiPagesTest, AnOfficerRecordsAnActivityWithItsReachAndANewPartner) {
  const int64_t task = AddTask("Hotel night staff awareness", "approved");
  Browser b = SignInWithForm(officer_);
  auto form = Client().Get(("/activities/new?task=" + std::to_string(task)).c_str(), b.Cookie());
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200);
  EXPECT_THAT(form->body, HasSubstr("<option value=\"" + std::to_string(task) + "\" selected>"));
  EXPECT_THAT(form->body, HasSubstr("name=\"reach-professionals-hospitality\""));

  const std::string base = "task=" + std::to_string(task) +
                           "&type=training_session&title=Night+staff+briefing"
                           "&start_on-day=2&start_on-month=3&start_on-year=2026&region=EM";
  auto none = PostForm("/activities/new", b, base);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 422);
  EXPECT_THAT(none->body, HasSubstr("Enter how many people the activity reached"));
  // The summary links to the grid's first box, which takes the focus.
  EXPECT_THAT(none->body, HasSubstr("href=\"#field-reach-professionals-"));

  auto bad = PostForm("/activities/new", b, base + "&reach-young_people=lots");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_THAT(bad->body, HasSubstr("Young people: enter how many people"));
  EXPECT_THAT(bad->body, HasSubstr("value=\"lots\""));

  auto saved = PostForm("/activities/new", b,
                        base + "&reach-professionals-hospitality=12&reach-public=30"
                               "&reach-public-estimated=true&new_partner_name=Station+Hotel+Derby"
                               "&new_partner_sector=hospitality");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  auto page = Follow(saved, b);
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("Activity &quot;Night staff briefing&quot; has been recorded, and "
                                    "&quot;Station Hotel Derby&quot; added to the partners."));
  EXPECT_THAT(page->body, HasSubstr("Who it reached: approximately 42"));
  EXPECT_THAT(page->body, HasSubstr("Professionals: Hospitality and hotels"));
  EXPECT_THAT(page->body, HasSubstr("Station Hotel Derby"));

  auto partners = services_->List(app::Actor::System(), domain::PartnerEntity(),
                                  {{"q", "Station Hotel Derby"}});
  ASSERT_TRUE(partners.ok());
  ASSERT_EQ(partners->total, 1);
  EXPECT_EQ(partners->items[0].Get("region"), Value("EM"));
}

TEST_F(UiPagesTest, AnOfficerCannotRecordAnActivityInAnotherRegion) {
  const int64_t task = AddTask("Hotel night staff awareness", "approved");
  Browser b = SignInWithForm(other_officer_);
  auto res = PostForm("/activities/new", b,
                      "task=" + std::to_string(task) +
                          "&type=training_session&title=Night+staff+briefing"
                          "&start_on-day=2&start_on-month=3&start_on-year=2026&region=EM"
                          "&reach-public=3");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_THAT(res->body, HasSubstr("govuk-error-summary"));
  auto activities = services_->List(app::Actor::System(), domain::ActivityEntity(), {});
  ASSERT_TRUE(activities.ok());
  EXPECT_EQ(activities->total, 0);
}

TEST_F(UiPagesTest, AManagerDecidesAtTheTaskingMeetingAndTheMinutesRecordIt) {
  const int64_t approve = AddTask("Station staff briefings", "proposed");
  const int64_t reject = AddTask("Leaflets for every bus", "proposed");
  Browser b = SignInWithForm(manager_);
  auto meeting = Client().Get("/tasking", b.Cookie());
  ASSERT_TRUE(meeting);
  ASSERT_EQ(meeting->status, 200);
  EXPECT_THAT(meeting->body, HasSubstr("2 proposals await a decision"));
  EXPECT_THAT(meeting->body, HasSubstr("Station staff briefings"));

  auto no_reason = PostForm("/tasking/" + std::to_string(reject), b, "version=1&decision=rejected");
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 422);
  EXPECT_THAT(no_reason->body, HasSubstr("Give the reason for rejecting the proposal"));
  EXPECT_THAT(no_reason->body, HasSubstr("href=\"#reason-" + std::to_string(reject) + "\""));

  auto rejected = PostForm("/tasking/" + std::to_string(reject), b,
                           "version=1&decision=rejected&reason=%3DHYPERLINK%28%22x%22%29+no+budget");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, 303) << rejected->body;
  auto approved = PostForm("/tasking/" + std::to_string(approve), b,
                           "version=1&decision=approved&lead=" + std::to_string(manager_.staff_id));
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->status, 303) << approved->body;
  auto task = services_->Get(app::Actor::System(), domain::TaskEntity(), approve);
  ASSERT_TRUE(task.ok());
  EXPECT_EQ(task->Get("status"), Value("approved"));
  EXPECT_EQ(task->Get("lead"), Value(manager_.staff_id));

  auto minutes = Client().Get("/tasking/minutes?date=2026-03-10", b.Cookie());
  ASSERT_TRUE(minutes);
  EXPECT_EQ(minutes->status, 200);
  EXPECT_THAT(minutes->body, HasSubstr("Station staff briefings"));
  EXPECT_THAT(minutes->body, HasSubstr("no budget"));
  auto csv = Client().Get("/tasking/minutes?date=2026-03-10&format=csv", b.Cookie());
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_THAT(csv->get_header_value("Content-Type"), StartsWith("text/csv"));
  EXPECT_THAT(csv->get_header_value("Content-Disposition"),
              HasSubstr("tasking-minutes-2026-03-10.csv"));
  EXPECT_THAT(csv->body, StartsWith("Task,Title,Decision,Reason,Lead,Decided by,Time (UTC)\n"));
  // A reason that a spreadsheet would run as a formula is written as text.
  EXPECT_THAT(csv->body, HasSubstr("'=HYPERLINK"));
  EXPECT_THAT(csv->body, HasSubstr(",Approved,"));

  Browser officer = SignInWithForm(officer_);
  auto refused = Client().Get("/tasking", officer.Cookie());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_F(UiPagesTest, AnAnalystImportsSurveyResponsesAllOrNothingAndSeesTheResults) {
  auto analyst = authtest::AddTestUser(*services_, *accounts_, "analyst");
  Record survey;
  survey.Set("title", "Stakeholder survey");
  survey.Set("kind", "stakeholder_survey");
  survey.Set("period", "2025-26");
  auto s = services_->Create(app::Actor::System(), *domain::FindEntity("survey"), survey);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  Record question;
  question.Set("survey", s->record.Id());
  question.Set("position", 1);
  question.Set("text", "I am more confident to act.");
  question.Set("kind", "agreement");
  auto q = services_->Create(app::Actor::System(), *domain::FindEntity("survey_question"), question);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  const std::string path = "/surveys/" + std::to_string(s->record.Id());
  const std::string qid = std::to_string(q->record.Id());

  Browser b = SignInWithForm(analyst);
  auto upload = [&](const std::string& csv) {
    const std::string body = "--B0undary\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
                             b.csrf +
                             "\r\n--B0undary\r\nContent-Disposition: form-data; name=\"file\"; "
                             "filename=\"responses.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
                             csv + "\r\n--B0undary--\r\n";
    return Client().Post((path + "/import").c_str(), b.Cookie(), body,
                         "multipart/form-data; boundary=B0undary");
  };
  const std::string header = "external_id,attended_training,answers\n";
  auto bad = upload(header + "R-1,yes,\"question=" + qid + ",answer=agree\"\n" +
                    "R-2,maybe,\"question=" + qid + ",answer=very much\"\n");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_THAT(bad->body, HasSubstr("line 3, attended_training"));
  EXPECT_THAT(bad->body, HasSubstr("very much"));
  auto none = services_->List(app::Actor::System(), domain::SurveyResponseEntity(), {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->total, 0);

  auto good = upload(header + "R-1,yes,\"question=" + qid + ",answer=agree\"\n" +
                     "R-2,no,\"question=" + qid + ",answer=disagree\"\n" +
                     "R-3,no,\"question=" + qid + ",answer=dont_know\"\n");
  ASSERT_TRUE(good);
  ASSERT_EQ(good->status, 303) << good->body;
  EXPECT_EQ(good->get_header_value("Location"), path);
  auto results = Follow(good, b);
  ASSERT_TRUE(results);
  EXPECT_THAT(results->body, HasSubstr("3 responses imported into &quot;Stakeholder survey&quot;."));
  EXPECT_THAT(results->body, HasSubstr("1 out of 2 respondents agreed or strongly agreed"));
  auto trained = Client().Get((path + "?attended_training=yes").c_str(), b.Cookie());
  ASSERT_TRUE(trained);
  EXPECT_THAT(trained->body, HasSubstr("1 out of 1 respondents agreed"));

  Browser officer = SignInWithForm(officer_);
  auto refused = Client().Get((path + "/import").c_str(), officer.Cookie());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_F(UiPagesTest, RecordPagesAddChangeAndShowWhatSomeoneElseSavedMeanwhile) {
  Browser b = SignInWithForm(officer_);
  auto added = PostForm("/partners/new", b, "name=Derby+Station+Hotel&sector=hospitality&region=EM&active=true");
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 303) << added->body;
  const std::string location = added->get_header_value("Location");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(location, m, std::regex("/partners/([0-9]+)")));
  const std::string path = "/partners/" + m[1].str();

  // Another region's partner is refused, with the form kept.
  auto other = PostForm("/partners/new", b, "name=Leeds+Hotel&sector=hospitality&region=YH");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  EXPECT_THAT(other->body, HasSubstr("value=\"Leeds Hotel\""));

  // The manager saves a change first; the officer's change on version 1 is stale.
  Browser manager = SignInWithForm(manager_);
  auto first = PostForm(path + "/edit", manager,
                        "version=1&name=Derby+Station+Hotel+and+Spa&sector=hospitality&region=EM&active=true");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 303) << first->body;
  auto stale = PostForm(path + "/edit", b,
                        "version=1&name=Derby+Station+Hotel+Ltd&sector=hospitality&region=EM&active=true");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_THAT(stale->body, HasSubstr("Someone else saved this record after you opened it"));
  EXPECT_THAT(stale->body, HasSubstr("Derby Station Hotel and Spa"));       // theirs
  EXPECT_THAT(stale->body, HasSubstr("value=\"Derby Station Hotel Ltd\""));  // mine, kept
  EXPECT_THAT(stale->body, HasSubstr("name=\"version\" value=\"2\""));      // saving again overwrites

  auto again = PostForm(path + "/edit", b,
                        "version=2&name=Derby+Station+Hotel+Ltd&sector=hospitality&region=EM&active=true");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 303) << again->body;

  auto archived = PostForm(path + "/archive", manager, "version=3&reason=closed+down");
  ASSERT_TRUE(archived);
  EXPECT_EQ(archived->status, 303) << archived->body;
  auto page = Client().Get(path.c_str(), manager.Cookie());
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("Archived"));
  EXPECT_THAT(page->body, HasSubstr("Restore it"));
}

TEST_F(UiPagesTest, ACaseStudyIsPreviewedAsSafeMarkdownBeforeItIsSaved) {
  Browser b = SignInWithForm(manager_);
  const std::string form = "title=Station+staff&summary=They+know+the+signs&period=2025-26"
                           "&body=%23%23+What+we+did%0A%0A**three**+stations+%3Cscript%3Ealert(1)%3C%2Fscript%3E";
  auto preview = PostForm("/case-studies/new", b, form + "&action=preview");
  ASSERT_TRUE(preview);
  EXPECT_EQ(preview->status, 200);
  EXPECT_THAT(preview->body, HasSubstr("<h2>What we did</h2>"));
  EXPECT_THAT(preview->body, HasSubstr("<strong>three</strong>"));
  EXPECT_THAT(preview->body, Not(HasSubstr("<script>alert")));
  auto none = services_->List(app::Actor::System(), *domain::FindEntity("case_study"), {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->total, 0);  // a preview saves nothing
  auto saved = PostForm("/case-studies/new", b, form + "&action=save");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 303) << saved->body;
}

TEST_F(UiPagesTest, OnlyAdministratorsBrowseTheAuditTrail) {
  Browser admin = SignInWithForm(admin_);
  auto trail = Client().Get("/admin/audit?action=sign_in", admin.Cookie());
  ASSERT_TRUE(trail);
  EXPECT_EQ(trail->status, 200);
  EXPECT_THAT(trail->body, HasSubstr("sign_in"));
  auto bad = Client().Get("/admin/audit?from=yesterday", admin.Cookie());
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  Browser manager = SignInWithForm(manager_);
  auto refused = Client().Get("/admin/audit", manager.Cookie());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_F(UiPagesTest, AnApiTokenIsShownOnceAndWorksUntilRevoked) {
  Browser b = SignInWithForm(officer_);
  auto bad = PostForm("/account/tokens", b, "name=&expires_on=soon");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_THAT(bad->body, HasSubstr("href=\"#field-name\""));
  EXPECT_THAT(bad->body, HasSubstr("href=\"#field-expires_on\""));
  auto made = PostForm("/account/tokens", b, "name=nightly+export&expires_on=2026-06-30");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 200) << made->body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(made->body, m, std::regex("lookout-secret__value\">([^<]+)<")));
  const std::string token = m[1];
  auto api = Client(token).Get("/api/v1/session");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 200);
  auto listed = Client().Get("/account/tokens", b.Cookie());
  ASSERT_TRUE(listed);
  EXPECT_THAT(listed->body, HasSubstr("nightly export"));
  EXPECT_THAT(listed->body, Not(HasSubstr(token)));  // never shown again
  ASSERT_TRUE(std::regex_search(listed->body, m, std::regex("/account/tokens/([0-9]+)/revoke")));
  auto revoked = PostForm("/account/tokens/" + m[1].str() + "/revoke", b, "");
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 303);
  auto after = Client(token).Get("/api/v1/session");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
}

TEST_F(UiPagesTest, AnAdministratorAddsAUserAndResetsAPassword) {
  Browser b = SignInWithForm(admin_);
  auto added = PostForm("/admin/users", b, "name=Nia+Newcomer&email=nia%40example.org&role=officer&region=WM");
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 200) << added->body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(added->body, m, std::regex("lookout-secret__value\">([^<]+)<")));
  auto in = SignInRequest("nia@example.org", m[1]);
  ASSERT_TRUE(in);
  EXPECT_EQ(in->status, 200);  // signed in, and must now choose a password

  auto no_region = PostForm("/admin/users", b, "name=Otto+Officer&email=otto%40example.org&role=officer&region=");
  ASSERT_TRUE(no_region);
  EXPECT_EQ(no_region->status, 422);
  EXPECT_THAT(no_region->body, HasSubstr("govuk-error-summary"));
  EXPECT_THAT(no_region->body, HasSubstr("value=\"Otto Officer\""));

  auto reset = PostForm("/admin/users/" + std::to_string(officer_.staff_id) + "/reset-password", b,
                        "confirmed=yes");
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->status, 200);
  EXPECT_THAT(reset->body, HasSubstr("Test officer has a new one-time password"));
  auto old = SignInRequest(officer_.email, officer_.password);
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 401);

  Browser manager = SignInWithForm(manager_);
  auto refused = Client().Get("/admin/users", manager.Cookie());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_F(UiPagesTest, TheReportsPageGivesAPeriodsHeadlineFigures) {
  const int64_t task = AddTask("Hotel night staff awareness", "approved");
  AddTask("Station staff briefings", "delivered");  // delivered today, 10 March 2026
  Browser officer = SignInWithForm(officer_);
  RecordBriefing(officer, task, "&reach-professionals-hospitality=1200&reach-public=30&reach-public-estimated=true");
  if (HasFatalFailure()) return;
  Browser b = SignInWithForm(manager_);
  auto page = Client().Get("/reports?period=2025-26&region=EM", b.Cookie());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("East Midlands, 2025-26"));
  EXPECT_THAT(page->body, HasSubstr("1,200"));
  EXPECT_THAT(page->body, HasSubstr("approximately 30"));
  const std::regex delivered_one("Tasks delivered</dt>\\s*<dd class=\"govuk-summary-list__value\">1</dd>");
  EXPECT_TRUE(std::regex_search(page->body, delivered_one)) << "one task delivered in 2025-26 in EM";
  auto other = Client().Get("/reports?period=2025-26&region=WM", b.Cookie());
  ASSERT_TRUE(other);
  EXPECT_THAT(other->body, Not(HasSubstr("1,200")));
  EXPECT_FALSE(std::regex_search(other->body, delivered_one)) << "none in WM";
  auto next_year = Client().Get("/reports?period=2026-27&region=EM", b.Cookie());
  ASSERT_TRUE(next_year);
  EXPECT_FALSE(std::regex_search(next_year->body, delivered_one)) << "none in 2026-27";
  auto bad = Client().Get("/reports?period=last+year", b.Cookie());
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  Browser funder = SignInWithForm(funder_);
  auto refused = Client().Get("/reports", funder.Cookie());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_F(UiPagesTest, TheImpactReportDownloadsInEveryFormat) {
  const int64_t task = AddTask("Hotel night staff awareness", "approved");
  Browser officer = SignInWithForm(officer_);
  RecordBriefing(officer, task, "&reach-professionals-hospitality=1200");
  if (HasFatalFailure()) return;
  Browser b = SignInWithForm(manager_);
  auto page = Client().Get("/reports?period=2025-26&region=EM", b.Cookie());
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("action=\"/reports/impact\""));
  EXPECT_THAT(page->body, HasSubstr("/reports/quarterly?period=2025-26&amp;format=csv"));
  auto html = Client().Get("/reports/impact?period=2025-26&region=EM&format=html", b.Cookie());
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 200);
  EXPECT_THAT(html->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(html->get_header_value("Content-Security-Policy"), HasSubstr("style-src 'unsafe-inline'"));
  EXPECT_THAT(html->body, HasSubstr("Impact report 2025-26: East Midlands"));
  EXPECT_THAT(html->body, HasSubstr("1,200"));
  // Every figure links back to Lookout's own list of the records behind it.
  EXPECT_THAT(html->body, HasSubstr("/activities?from=2025-04-01&amp;to=2026-03-31&amp;region=EM"));
  for (const char* format : {"pdf", "xlsx", "md", "json"}) {
    auto file = Client().Get(std::string("/reports/impact?period=2025-26&format=") + format, b.Cookie());
    ASSERT_TRUE(file);
    EXPECT_EQ(file->status, 200) << format;
    EXPECT_THAT(file->get_header_value("Content-Disposition"),
                HasSubstr(std::string("attachment; filename=\"impact-2025-26.") + format + "\""));
  }
  auto quarterly = Client().Get("/reports/quarterly?period=2025-26&format=csv", b.Cookie());
  ASSERT_TRUE(quarterly);
  EXPECT_EQ(quarterly->status, 200);
  EXPECT_THAT(quarterly->body, HasSubstr("Quarter,Region,Theme,Tasks completed,Activities"));
  EXPECT_THAT(quarterly->body, HasSubstr("Q4 (2026-01-01 to 2026-03-31),East Midlands,"));
  auto quarterly_xlsx = Client().Get("/reports/quarterly?period=2025-26&format=xlsx", b.Cookie());
  ASSERT_TRUE(quarterly_xlsx);
  EXPECT_EQ(quarterly_xlsx->body.substr(0, 2), "PK");
  auto pdf = Client().Get("/reports/impact?period=2025-26&format=pdf", b.Cookie());
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  auto bad = Client().Get("/reports/impact?period=2025&format=pdf", b.Cookie());
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  auto unknown = Client().Get("/reports/impact?period=2025-26&format=docx", b.Cookie());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 422);
  Browser funder = SignInWithForm(funder_);
  auto refused = Client().Get("/reports/impact?period=2025-26&format=pdf", funder.Cookie());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_F(UiPagesTest, AManagerPublishesAReportThatFundersDownloadAndUnlocksItsPeriod) {
  const int64_t task = AddTask("Hotel night staff awareness", "approved");
  Browser officer = SignInWithForm(officer_);
  RecordBriefing(officer, task, "&reach-professionals-hospitality=1200");
  if (HasFatalFailure()) return;
  Browser manager = SignInWithForm(manager_);
  auto page = Client().Get("/reports?period=2025-26", manager.Cookie());
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("Publish this report"));
  auto published = PostForm("/reports/publish", manager, "period=2025-26&region=");
  ASSERT_TRUE(published);
  ASSERT_EQ(published->status, 303) << published->body;
  const std::string where = published->get_header_value("Location");
  EXPECT_THAT(where, HasSubstr("/reports/published/"));
  const std::string path = where.substr(0, where.find('?'));
  auto shown = Follow(published, manager);
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->status, 200);
  EXPECT_THAT(shown->body, HasSubstr("is published, and its period&apos;s records are locked."));
  EXPECT_THAT(shown->body, HasSubstr("Unlock the period"));

  // The officer can no longer add an activity to the published year.
  auto late = PostForm("/activities/new", officer,
                       "task=" + std::to_string(task) +
                           "&type=workshop&title=Late+entry"
                           "&start_on-day=3&start_on-month=3&start_on-year=2026&region=EM"
                           "&reach-young_people=30");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->status, 409);
  EXPECT_THAT(late->body, HasSubstr("locked"));

  // A funder reads the list and downloads the same bytes twice; cannot unlock.
  Browser funder = SignInWithForm(funder_);
  auto list = Client().Get("/reports/published", funder.Cookie());
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_THAT(list->body, HasSubstr("Impact report 2025-26"));
  auto first = Client().Get(path + "/file?format=pdf", funder.Cookie());
  auto second = Client().Get(path + "/file?format=pdf", funder.Cookie());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body.substr(0, 5), "%PDF-");
  EXPECT_EQ(first->body, second->body);
  EXPECT_FALSE(first->get_header_value("ETag").empty());
  auto funder_page = Client().Get(path, funder.Cookie());
  ASSERT_TRUE(funder_page);
  EXPECT_THAT(funder_page->body, Not(HasSubstr("Unlock the period")));
  auto refused = PostForm(path + "/unlock", funder, "version=1&reason=No");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);

  // Unlocking needs a reason.
  auto no_reason = PostForm(path + "/unlock", manager, "version=1&reason=");
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 422);
  EXPECT_THAT(no_reason->body, HasSubstr("Say why the period"));
  auto unlocked = PostForm(path + "/unlock", manager, "version=1&reason=A+late+correction");
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(unlocked->status, 303);
  auto after = Client().Get(path, manager.Cookie());
  EXPECT_THAT(after->body, HasSubstr("Unlocked: A late correction"));
}

TEST_F(UiPagesTest, AnOfficerAssessesAndScoresInsightInTheirRegion) {
  AddScoringScheme();
  if (HasFatalFailure()) return;
  const int64_t id = AddInsight("EM", "P");
  const std::string path = "/insight/" + std::to_string(id) + "/assess";

  Browser b = SignInWithForm(officer_);
  auto form = Client().Get(path.c_str(), b.Cookie());
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200);
  EXPECT_THAT(form->body, HasSubstr("Harm to children"));

  auto out_of_range = PostForm(path, b, "version=1&factor-harm=9&factor-likelihood=2&confidence=high");
  ASSERT_TRUE(out_of_range);
  EXPECT_EQ(out_of_range->status, 422);
  EXPECT_THAT(out_of_range->body, HasSubstr("Harm to children: enter a score from 1 to 5"));
  EXPECT_THAT(out_of_range->body, HasSubstr("href=\"#field-factor-harm\""));
  EXPECT_THAT(out_of_range->body, HasSubstr("value=\"9\""));

  auto saved = PostForm(path, b, "version=1&factor-harm=4&factor-likelihood=3&confidence=high");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  auto insight = services_->Get(app::Actor::System(), domain::InsightEntity(), id);
  ASSERT_TRUE(insight.ok());
  EXPECT_EQ(insight->Get("status"), Value("assessed"));
  EXPECT_EQ(insight->Get("confidence"), Value("high"));
  EXPECT_EQ(insight->Get("risk_score"), Value(12.0));

  Browser other = SignInWithForm(other_officer_);
  auto refused = PostForm(path, other, "version=2&factor-harm=1&factor-likelihood=1&confidence=low");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_F(UiPagesTest, AnOfficerChangesTheirTaskButNotAnotherRegionsAndTheTaskShowsItsEvidence) {
  const int64_t id = AddTask("Hotel night staff awareness", "approved");
  const std::string path = "/tasks/" + std::to_string(id);
  auto task = services_->Get(app::Actor::System(), domain::TaskEntity(), id);
  ASSERT_TRUE(task.ok());
  const std::string objective = task->Get("objectives").as_list().front().ToDisplay();
  const std::string version = task->Get("version").ToDisplay();
  const std::string body = "version=" + version + "&title=Hotel+and+hostel+night+staff+awareness" +
                           "&objectives=" + objective + "&themes=cse&regions=EM&lead=" +
                           std::to_string(officer_.staff_id) + "&priority=high";
  Browser other = SignInWithForm(other_officer_);
  auto refused = PostForm(path + "/edit", other, body);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);

  Browser b = SignInWithForm(officer_);
  auto form = Client().Get((path + "/edit").c_str(), b.Cookie());
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 200);
  EXPECT_THAT(form->body, HasSubstr("value=\"Hotel night staff awareness\""));
  auto saved = PostForm(path + "/edit", b, body);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_EQ(saved->get_header_value("Location"), path);

  Record quote;
  quote.Set("text", "The night staff now call us when they are worried.");
  quote.Set("stakeholder_type", "hospitality");
  quote.Set("region", "EM");
  quote.Set("source", "interview");
  quote.Set("consent_given", true);
  quote.Set("consent_on", "2026-03-01");
  quote.Set("collected_on", "2026-03-01");
  quote.Set("task", id);
  auto q = services_->Create(app::Actor::System(), *domain::FindEntity("quote"), quote);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  auto page = Client().Get(path.c_str(), b.Cookie());
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("Hotel and hostel night staff awareness"));
  EXPECT_THAT(page->body, HasSubstr("href=\"/quotes/" + std::to_string(q->record.Id()) + "\""));
}

TEST_F(UiPagesTest, ACampaignsPageSumsThePeopleItsActivitiesReached) {
  const int64_t task = AddTask("Station days", "approved");
  Browser b = SignInWithForm(manager_);
  auto campaign = PostForm("/campaigns/new", b,
                           "name=LookCloser+week&start_on-day=1&start_on-month=3&start_on-year=2026"
                           "&end_on-day=7&end_on-month=3&end_on-year=2026&regions=EM");
  ASSERT_TRUE(campaign);
  ASSERT_EQ(campaign->status, 303) << campaign->body;
  std::smatch m;
  const std::string location = campaign->get_header_value("Location");
  ASSERT_TRUE(std::regex_match(location, m, std::regex("/campaigns/([0-9]+)")));
  const std::string id = m[1];
  for (const char* reach : {"&reach-public=300&reach-public-estimated=true", "&reach-young_people=25"}) {
    auto saved = PostForm("/activities/new", b,
                          "task=" + std::to_string(task) + "&campaign=" + id +
                              "&type=campaign_day&title=Station+stand&start_on-day=2"
                              "&start_on-month=3&start_on-year=2026&region=EM" + reach);
    ASSERT_TRUE(saved);
    ASSERT_EQ(saved->status, 303) << saved->body;
  }
  auto page = Client().Get(("/campaigns/" + id).c_str(), b.Cookie());
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("People reached"));
  EXPECT_THAT(page->body, HasSubstr("approximately 300"));
  EXPECT_THAT(page->body, HasSubstr(">25<"));
  EXPECT_THAT(page->body, HasSubstr("Activities (2)"));
}

TEST_F(UiPagesTest, TheTaskingMeetingAsksForChangesWhichLastUntilTheProposalIsChanged) {
  const int64_t id = AddTask("Leaflets for every bus", "proposed");
  Browser manager = SignInWithForm(manager_);
  auto no_reason = PostForm("/tasking/" + std::to_string(id), manager, "version=1&decision=changes");
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 422);
  EXPECT_THAT(no_reason->body, HasSubstr("Say what should change in the proposal"));
  auto asked = PostForm("/tasking/" + std::to_string(id), manager,
                        "version=1&decision=changes&reason=Name+the+two+depots+first");
  ASSERT_TRUE(asked);
  ASSERT_EQ(asked->status, 303) << asked->body;

  Browser officer = SignInWithForm(officer_);
  const std::string path = "/tasks/" + std::to_string(id);
  auto page = Client().Get(path.c_str(), officer.Cookie());
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("The tasking meeting asked for changes"));
  EXPECT_THAT(page->body, HasSubstr("Name the two depots first"));
  auto meeting = Client().Get("/tasking", manager.Cookie());
  ASSERT_TRUE(meeting);
  EXPECT_THAT(meeting->body, HasSubstr("Changes asked for, and not yet made"));

  auto task = services_->Get(app::Actor::System(), domain::TaskEntity(), id);
  ASSERT_TRUE(task.ok());
  EXPECT_EQ(task->Get("status"), Value("proposed"));
  Record change;
  change.Set("title", "Leaflets for the Derby and Nottingham bus depots");
  auto changed = services_->Update(app::Actor::System(), domain::TaskEntity(), id,
                                   task->Get("version").as_int(), change);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_TRUE(changed->record.Get("changes_asked").is_null());
  auto after = Client().Get(path.c_str(), officer.Cookie());
  ASSERT_TRUE(after);
  EXPECT_THAT(after->body, Not(HasSubstr("The tasking meeting asked for changes")));
}

TEST_F(UiPagesTest, AnAnalystImportsAGoogleFormsFileOnceAndSeesWhatWasLeftOut) {
  auto analyst = authtest::AddTestUser(*services_, *accounts_, "analyst");
  Record survey;
  survey.Set("title", "Roadshow feedback");
  survey.Set("kind", "post_session_feedback");
  survey.Set("period", "2025-26");
  auto s = services_->Create(app::Actor::System(), *domain::FindEntity("survey"), survey);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  Record question;
  question.Set("survey", s->record.Id());
  question.Set("position", 1);
  question.Set("text", "I am more confident to act.");
  question.Set("kind", "agreement");
  ASSERT_TRUE(services_->Create(app::Actor::System(), *domain::FindEntity("survey_question"), question).ok());
  const std::string path = "/surveys/" + std::to_string(s->record.Id()) + "/import";

  Browser b = SignInWithForm(analyst);
  auto form = Client().Get(path.c_str(), b.Cookie());
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 200);
  EXPECT_THAT(form->body, HasSubstr("id=\"field-preset-google-forms\""));
  EXPECT_THAT(form->body, HasSubstr("Microsoft Forms (XLSX)"));
  auto upload = [&](const std::string& preset, const std::string& mapping, const std::string& csv) {
    auto part = [](const std::string& name, const std::string& value) {
      return "--B0undary\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    };
    const std::string body = part("csrf_token", b.csrf) + part("preset", preset) + part("mapping", mapping) +
                             "--B0undary\r\nContent-Disposition: form-data; name=\"file\"; "
                             "filename=\"responses.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
                             csv + "\r\n--B0undary--\r\n";
    return Client().Post(path.c_str(), b.Cookie(), body, "multipart/form-data; boundary=B0undary");
  };
  const std::string header = "Timestamp,Email address,I am more confident to act.\n";
  auto bad = upload("google-forms", "", header + "2025/11/03 10:15:42 GMT,a@example.org,Agree\n" +
                                            "2025/11/03 10:17:02 GMT,b@example.org,Kinda\n");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_THAT(bad->body, HasSubstr("line 3, column C (I am more confident to act.)"));
  EXPECT_THAT(bad->body, HasSubstr("nothing was imported"));

  const std::string good = header + "2025/11/03 10:15:42 GMT,a@example.org,Agree\n" +
                           "2025/11/03 10:17:02 GMT,b@example.org,Strongly disagree\n";
  auto first = upload("google-forms", "", good);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200) << first->body;
  EXPECT_THAT(first->body, HasSubstr("2 responses imported."));
  EXPECT_THAT(first->body, HasSubstr("B (Email address)"));
  auto again = upload("google-forms", "", good);
  ASSERT_TRUE(again);
  EXPECT_THAT(again->body, HasSubstr("0 responses imported."));
  EXPECT_THAT(again->body, HasSubstr("2 responses were already imported and skipped."));
  auto stored = services_->List(app::Actor::System(), domain::SurveyResponseEntity(), {});
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->total, 2);

  auto unmapped = upload("generic", "", "Ref,Q1\nA,Agree\n");
  ASSERT_TRUE(unmapped);
  EXPECT_EQ(unmapped->status, 422);
  EXPECT_THAT(unmapped->body, HasSubstr("href=\"#field-mapping\""));
  auto mapped = upload("generic", R"({"response_id": "Ref", "questions": {"1": "Q1"}})",
                       "Ref,Q1\nA,Agree\n");
  ASSERT_TRUE(mapped);
  EXPECT_EQ(mapped->status, 200) << mapped->body;
  EXPECT_THAT(mapped->body, HasSubstr("The column mapping was saved"));
  auto reopened = Client().Get(path.c_str(), b.Cookie());
  ASSERT_TRUE(reopened);
  EXPECT_THAT(reopened->body, HasSubstr("&quot;preset&quot;: &quot;generic&quot;"));
  EXPECT_THAT(reopened->body, HasSubstr("value=\"generic\" checked"));
}

}  // namespace
}  // namespace lookout::http
