// The one way every form of Lookout answers (http/ui/forms.h, docs/web.md "Forms"): every
// problem of a submission in one round, every value given kept, refusals (a stale copy, a
// locked period, a permission) shown on the form, a success banner once after the
// redirect; the users page; and the every-form browser walk's manifest, checked against
// the router the server really uses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "domain/rules.h"
#include "domain/schema.h"
#include "http/api/api.h"
#include "http/ui/ui.h"
#include "ui_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The text of the page's error summary.
std::string SummaryOf(const std::string& html) {
  const size_t start = html.find("govuk-error-summary__list");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</ul>", start) - start);
}

// How many links the error summary holds.
size_t SummaryItems(const std::string& html) {
  const std::string summary = SummaryOf(html);
  size_t n = 0;
  for (size_t at = summary.find("<li>"); at != std::string::npos; at = summary.find("<li>", at + 1)) ++n;
  return n;
}

int64_t AddObjective(app::Services& services, const std::string& code) {
  Record objective;
  objective.Set("code", code);
  objective.Set("title", "A better response");
  auto obj = services.Create(app::Actor::System(), *domain::FindEntity("objective"), objective);
  EXPECT_TRUE(obj.ok()) << obj.status().ToString();
  return obj.ok() ? obj->record.Id() : 0;
}

TEST_F(UiPagesTest, AProposalWithEveryKindOfProblemNamesThemAllAtOnceAndKeepsEveryValue) {
  const std::string objective = std::to_string(AddObjective(*services_, "RESPONSE"));
  const std::string lead = std::to_string(officer_.staff_id);
  Browser b = SignInWithForm(manager_);
  // No title (required), a due date that is not a date (type), county lines without the
  // CCE theme (a rule): three kinds of problem in one submission.
  auto res = PostForm("/tasks/new", b,
                      "title=&description=Briefings+for+night+staff&objectives=" + objective +
                          "&themes=cse&county_lines=true&regions=EM&regions=NE&lead=" + lead +
                          "&audiences=professionals&priority=high"
                          "&due_on-day=31&due_on-month=2&due_on-year=2026");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string summary = SummaryOf(res->body);
  EXPECT_THAT(summary, HasSubstr("Title is required"));
  EXPECT_THAT(summary, HasSubstr("Due date must be a real date"));
  EXPECT_THAT(summary, HasSubstr("County lines needs the CCE theme"));  // a rule
  EXPECT_EQ(SummaryItems(res->body), 3u) << summary;
  // The summary links to the controls, a date to its Day box.
  EXPECT_THAT(summary, HasSubstr("href=\"#field-title\""));
  EXPECT_THAT(summary, HasSubstr("href=\"#field-due_on\""));
  EXPECT_THAT(res->body, HasSubstr("id=\"field-due_on\" name=\"due_on-day\""));
  // Every value comes back as given: text, checkboxes, radios, the select, the date.
  EXPECT_THAT(res->body, HasSubstr("Briefings for night staff</textarea>"));
  EXPECT_THAT(res->body, HasSubstr("value=\"" + objective + "\" checked"));
  EXPECT_THAT(res->body, HasSubstr("value=\"cse\" checked"));
  EXPECT_THAT(res->body, HasSubstr("name=\"county_lines\" type=\"checkbox\" value=\"true\" checked"));
  EXPECT_THAT(res->body, HasSubstr("value=\"EM\" checked"));
  EXPECT_THAT(res->body, HasSubstr("value=\"NE\" checked"));
  EXPECT_THAT(res->body, HasSubstr("<option value=\"" + lead + "\" selected>"));
  EXPECT_THAT(res->body, HasSubstr("value=\"professionals\" checked"));
  EXPECT_THAT(res->body, HasSubstr("value=\"high\" checked"));
  EXPECT_THAT(res->body, HasSubstr("name=\"due_on-day\" type=\"text\" inputmode=\"numeric\" value=\"31\""));
  EXPECT_THAT(res->body, HasSubstr("name=\"due_on-month\" type=\"text\" inputmode=\"numeric\" value=\"2\""));
  auto tasks = services_->List(app::Actor::System(), domain::TaskEntity(), {});
  ASSERT_TRUE(tasks.ok());
  EXPECT_EQ(tasks->total, 0);
}

TEST_F(UiPagesTest, AFieldThatCannotBeReadIsNotAlsoCalledMissing) {
  Browser b = SignInWithForm(officer_);
  auto res = PostForm("/insight/new", b,
                      "received_on-day=31&received_on-month=2&received_on-year=2026&region=EM"
                      "&summary=Seen+near+the+hotel+car+park");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string summary = SummaryOf(res->body);
  EXPECT_THAT(summary, HasSubstr("Date received must be a real date"));
  EXPECT_THAT(summary, Not(HasSubstr("Date received is required")));
  // ...while the rules of the rest are checked in the same round.
  EXPECT_THAT(summary, HasSubstr("href=\"#field-source_type\""));
  EXPECT_THAT(summary, HasSubstr("href=\"#field-themes\""));
}

TEST_F(UiPagesTest, AnActivityWithEveryKindOfProblemKeepsTheReachGridAndTheNewPartner) {
  const int64_t task = AddTask("Hotel night staff awareness", "approved");
  Browser b = SignInWithForm(officer_);
  auto res = PostForm("/activities/new", b,
                      "task=" + std::to_string(task) +
                          "&type=training_session&title="
                          "&start_on-day=3&start_on-month=3&start_on-year=2026"
                          "&end_on-day=1&end_on-month=3&end_on-year=2026&region=EM"
                          "&place=Derby&reach-young_people=lots&reach-public=12"
                          "&reach-public-estimated=true&new_partner_name=Station+Hotel+Derby");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string summary = SummaryOf(res->body);
  EXPECT_THAT(summary, HasSubstr("Title is required"));                         // missing
  EXPECT_THAT(summary, HasSubstr("Young people: enter how many people"));        // type
  EXPECT_THAT(summary, HasSubstr("Last day must not be before the date"));      // rule
  EXPECT_THAT(summary, HasSubstr("Choose the new partner&apos;s sector"));        // rule
  EXPECT_THAT(summary, HasSubstr("href=\"#field-reach-young_people\""));
  EXPECT_THAT(summary, HasSubstr("href=\"#field-new_partner_sector\""));
  EXPECT_THAT(res->body, HasSubstr("<option value=\"training_session\" selected>"));
  EXPECT_THAT(res->body, HasSubstr("value=\"Derby\""));
  EXPECT_THAT(res->body, HasSubstr("value=\"lots\""));
  EXPECT_THAT(res->body, HasSubstr("value=\"12\""));
  EXPECT_THAT(res->body, HasSubstr("name=\"reach-public-estimated\" type=\"checkbox\" value=\"true\" checked"));
  EXPECT_THAT(res->body, HasSubstr("value=\"Station Hotel Derby\""));
  EXPECT_THAT(res->body, HasSubstr("name=\"end_on-day\" type=\"text\" inputmode=\"numeric\" value=\"1\""));

  // The new partner's sector, once chosen, stays chosen.
  auto sector = PostForm("/activities/new", b,
                         "task=" + std::to_string(task) +
                             "&type=training_session&title=&start_on-day=3&start_on-month=3"
                             "&start_on-year=2026&region=EM&reach-public=12&new_partner_sector=hospitality");
  ASSERT_TRUE(sector);
  EXPECT_EQ(sector->status, 422);
  EXPECT_THAT(sector->body, HasSubstr("<option value=\"hospitality\" selected>"));
  EXPECT_THAT(SummaryOf(sector->body), HasSubstr("Enter the new partner&apos;s name"));
  auto none = services_->List(app::Actor::System(), domain::ActivityEntity(), {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->total, 0);
  auto partners = services_->List(app::Actor::System(), domain::PartnerEntity(), {{"q", "Station Hotel"}});
  ASSERT_TRUE(partners.ok());
  EXPECT_EQ(partners->total, 0);  // nothing half-saved
}

TEST_F(UiPagesTest, AStaleAssessmentAnswers409WithTheFormAndItsValues) {
  AddScoringScheme();
  if (HasFatalFailure()) return;
  const int64_t id = AddInsight("EM", "P");
  Record change;
  change.Set("summary", "Adults seen offering lifts to teenagers at the bus station at night.");
  ASSERT_TRUE(services_->Update(app::Actor::System(), domain::InsightEntity(), id, 1, change).ok());

  Browser b = SignInWithForm(officer_);
  auto stale = PostForm("/insight/" + std::to_string(id) + "/assess", b,
                        "version=1&factor-harm=4&factor-likelihood=9&confidence=high");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  const std::string summary = SummaryOf(stale->body);
  EXPECT_THAT(summary, HasSubstr("Someone else changed this insight"));
  EXPECT_THAT(summary, HasSubstr("Likelihood: enter a score from 1 to 5"));  // in the same round
  EXPECT_THAT(stale->body, HasSubstr("value=\"4\""));
  EXPECT_THAT(stale->body, HasSubstr("value=\"9\""));
  EXPECT_THAT(stale->body, HasSubstr("value=\"high\" checked"));
}

TEST_F(UiPagesTest, ALockedPeriodKeepsTheFormWithTheReasonInTheSummary) {
  const int64_t task = AddTask("Hotel night staff awareness", "approved");
  Browser officer = SignInWithForm(officer_);
  RecordBriefing(officer, task, "&reach-professionals-hospitality=1200");
  if (HasFatalFailure()) return;
  Browser manager = SignInWithForm(manager_);
  auto published = PostForm("/reports/publish", manager, "period=2025-26&region=");
  ASSERT_TRUE(published);
  ASSERT_EQ(published->status, 303) << published->body;

  auto late = PostForm("/activities/new", officer,
                       "task=" + std::to_string(task) +
                           "&type=workshop&title=Late+entry&place=Leicester"
                           "&start_on-day=3&start_on-month=3&start_on-year=2026&region=EM"
                           "&reach-young_people=30&reach-young_people-estimated=true");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->status, 409);
  EXPECT_THAT(SummaryOf(late->body), HasSubstr("the period&apos;s records are locked"));
  EXPECT_THAT(SummaryOf(late->body), HasSubstr("href=\"#field-start_on\""));
  EXPECT_THAT(late->body, HasSubstr("value=\"Late entry\""));
  EXPECT_THAT(late->body, HasSubstr("value=\"Leicester\""));
  EXPECT_THAT(late->body, HasSubstr("value=\"30\""));
  EXPECT_THAT(late->body, HasSubstr("name=\"reach-young_people-estimated\" type=\"checkbox\" value=\"true\" checked"));

  // A record form of a locked kind keeps its form too (an outcome event of the year).
  auto event = PostForm("/outcome-events/new", manager,
                        "kind=nrm_referral&occurred_on-day=4&occurred_on-month=3&occurred_on-year=2026"
                        "&region=EM&description=A+referral+after+the+briefing");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->status, 409);
  EXPECT_THAT(event->body, HasSubstr("A referral after the briefing</textarea>"));
  EXPECT_THAT(SummaryOf(event->body), HasSubstr("locked"));
}

TEST_F(UiPagesTest, ASuccessBannerNamesTheRecordAndShowsOnce) {
  Browser b = SignInWithForm(manager_);
  auto added = PostForm("/partners/new", b, "name=Derby+Station+Hotel&sector=hospitality&region=EM&active=true");
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 303) << added->body;
  EXPECT_EQ(added->get_header_value("Location").find('?'), std::string::npos);  // no flag in the URL
  auto page = Follow(added, b);
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("govuk-notification-banner--success"));
  EXPECT_THAT(page->body, HasSubstr("Partner organisation &quot;Derby Station Hotel&quot; has been saved."));
  // The page that showed it clears it.
  bool cleared = false;
  for (size_t i = 0; i < page->get_header_value_count("Set-Cookie"); ++i) {
    const std::string set = page->get_header_value("Set-Cookie", i);
    cleared = cleared || (set.rfind("lookout_notice=;", 0) == 0 && set.find("Max-Age=0") != std::string::npos);
  }
  EXPECT_TRUE(cleared);
}

TEST_F(UiPagesTest, AddingAUserNeverFallsBackOnAMorePowerfulRole) {
  Browser b = SignInWithForm(admin_);
  auto form = Client().Get("/admin/users", b.Cookie());
  ASSERT_TRUE(form);
  EXPECT_THAT(form->body, HasSubstr("<option value=\"\" selected>Choose a role</option>"));
  EXPECT_THAT(form->body, Not(HasSubstr("<option value=\"admin\" selected>")));

  // A mistake in the email keeps the role chosen: it does not fall back on Administrator.
  auto bad = PostForm("/admin/users", b, "name=Otto+Officer&email=not-an-email&role=officer&region=WM");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_THAT(bad->body, HasSubstr("<option value=\"officer\" selected>"));
  EXPECT_THAT(bad->body, HasSubstr("<option value=\"WM\" selected>"));
  EXPECT_THAT(bad->body, Not(HasSubstr("<option value=\"admin\" selected>")));
  EXPECT_THAT(bad->body, HasSubstr("value=\"not-an-email\""));

  // No role chosen: said, with the other problems, and nothing is added.
  auto none = PostForm("/admin/users", b, "name=&email=otto%40example.org&role=&region=");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 422);
  EXPECT_THAT(SummaryOf(none->body), HasSubstr("Choose the user&apos;s role"));
  EXPECT_THAT(SummaryOf(none->body), HasSubstr("href=\"#field-name\""));
  auto staff = services_->List(app::Actor::System(), domain::StaffEntity(), {{"q", "otto"}});
  ASSERT_TRUE(staff.ok());
  EXPECT_EQ(staff->total, 0);
}

TEST_F(UiPagesTest, TheUsersPageAsksBeforeDisablingOrResettingAndSpeaksOfPeopleByName) {
  Record staff;
  staff.Set("name", "Nadia Noaccount");
  staff.Set("email", "nadia@example.org");
  staff.Set("role", "analyst");
  staff.Set("active", true);
  auto nadia = services_->Create(app::Actor::System(), domain::StaffEntity(), staff);
  ASSERT_TRUE(nadia.ok()) << nadia.status().ToString();
  // The officer's account is locked by failed sign-ins (at 09:00 UTC, 09:00 in London).
  for (int i = 0; i < 6; ++i) (void)SignInRequest(officer_.email, "wrong-password");

  Browser b = SignInWithForm(admin_);
  auto page = Client().Get("/admin/users", b.Cookie());
  ASSERT_TRUE(page);
  EXPECT_TRUE(std::regex_search(page->body, std::regex("Locked until 09:0[0-9] today")));
  EXPECT_THAT(page->body, HasSubstr(">1 session<"));  // the administrator's own
  EXPECT_THAT(page->body, HasSubstr(">0 sessions<"));
  // 'Reset password' only where there is an account; the others can be given one.
  const std::string id = std::to_string(nadia->record.Id());
  EXPECT_THAT(page->body, Not(HasSubstr("/admin/users/" + id + "/reset-password")));
  EXPECT_THAT(page->body, HasSubstr("/admin/users/" + id + "/create-account"));

  const std::string officer = "/admin/users/" + std::to_string(officer_.staff_id);
  auto ask = Client().Get((officer + "/disable").c_str(), b.Cookie());
  ASSERT_TRUE(ask);
  EXPECT_EQ(ask->status, 200);
  EXPECT_THAT(ask->body, HasSubstr("Disable Test officer?"));
  // A form sent without the confirmation only asks again.
  auto unconfirmed = PostForm(officer + "/disable", b, "");
  ASSERT_TRUE(unconfirmed);
  EXPECT_EQ(unconfirmed->status, 200);
  EXPECT_THAT(unconfirmed->body, HasSubstr("name=\"confirmed\" value=\"yes\""));
  auto still = services_->Get(app::Actor::System(), domain::StaffEntity(), officer_.staff_id);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->Get("active"), Value(true));
  auto disabled = PostForm(officer + "/disable", b, "confirmed=yes");
  ASSERT_TRUE(disabled);
  ASSERT_EQ(disabled->status, 303);
  auto after = Follow(disabled, b);
  ASSERT_TRUE(after);
  EXPECT_THAT(after->body, HasSubstr("Test officer is disabled; their sessions have ended."));

  auto reset_ask = PostForm(officer + "/reset-password", b, "");
  ASSERT_TRUE(reset_ask);
  EXPECT_THAT(reset_ask->body, HasSubstr("Reset the password of Test officer?"));
  auto given = PostForm("/admin/users/" + id + "/create-account", b, "");
  ASSERT_TRUE(given);
  EXPECT_EQ(given->status, 200);
  EXPECT_THAT(given->body, HasSubstr("Nadia Noaccount has an account now"));
  auto ended = PostForm(officer + "/sign-out-everywhere", b, "");
  ASSERT_TRUE(ended);
  auto ended_page = Follow(ended, b);
  ASSERT_TRUE(ended_page);
  EXPECT_THAT(ended_page->body, HasSubstr("Test officer is signed out everywhere: 0 sessions ended."));
}

// The POST page routes of the router the server uses: "POST /tasks/new".
std::set<std::string> PostPageRoutes(app::Services& services, app::Accounts& accounts) {
  auto router = ui::BuildWebRouter(services, accounts, ApiOptions{}, ui::UiOptions{});
  std::set<std::string> out;
  for (const Route& r : router->routes()) {
    if (r.method == "POST" && r.path.rfind("/api/", 0) != 0) out.insert("POST " + r.path);
  }
  return out;
}

TEST_F(UiPagesTest, EveryFormOfTheAppIsWalkedByTheBrowserTestOrSaysWhyNot) {
  const char* dir = std::getenv("LOOKOUT_SOURCE_DIR");
  const std::string path = std::string(dir ? dir : ".") + "/tests/browser/form-walk.json";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json manifest = nlohmann::json::parse(text.str(), nullptr, false);
  ASSERT_TRUE(manifest.is_object() && manifest.contains("walked") && manifest.contains("no_walk"))
      << path << " must hold {\"walked\": {route: walk}, \"no_walk\": {route: reason}}";
  std::set<std::string> listed;
  for (const char* part : {"walked", "no_walk"}) {
    for (const auto& [route, why] : manifest[part].items()) {
      EXPECT_TRUE(why.is_string() && !why.get<std::string>().empty())
          << route << " in " << part << " needs the walk's name or the reason it needs none";
      EXPECT_TRUE(listed.insert(route).second) << route << " is listed twice";
    }
  }
  const std::set<std::string> routes = PostPageRoutes(*services_, *accounts_);
  for (const std::string& route : routes) {
    EXPECT_TRUE(listed.count(route))
        << route << " is a form of the app that the every-form browser walk does not cover: "
        << "add its walk to tests/browser/journeys/every_form.mjs and the route to " << path
        << " (or, for a form of buttons only, the reason it needs no walk)";
  }
  for (const std::string& route : listed) {
    EXPECT_TRUE(routes.count(route)) << route << " in " << path << " is not a route of the app";
  }
}

}  // namespace
}  // namespace lookout::http
