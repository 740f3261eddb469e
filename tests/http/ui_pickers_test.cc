// Pickers and links (docs/web.md, "Forms" and "How pages are built"): a form offers the
// tasks and partners the person may tie a record to (policy::AttachableScope), searchable
// with JavaScript and a plain select without; a lead or staff member is chosen among active
// officers and managers only; and every page that names a record links to it when the
// viewer may read it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>
#include <set>

#include "domain/rules.h"
#include "domain/schema.h"
#include "http/api/api.h"
#include "http/ui/display.h"
#include "http/ui/ui.h"
#include "ui_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The <select> (or group of checkboxes) of field `name` on a page, up to its end.
std::string Control(const std::string& html, const std::string& name) {
  const size_t at = html.find("name=\"" + name + "\"");
  if (at == std::string::npos) return "";
  const size_t select_end = html.find("</select>", at);
  const size_t group_end = html.find("</fieldset>", at);
  return html.substr(at, std::min(select_end, group_end) - at);
}

class UiPickersTest : public UiPagesTest {
 protected:
  void SetUp() override {
    UiPagesTest::SetUp();
    if (HasFatalFailure()) return;
    analyst_ = authtest::AddTestUser(*services_, *accounts_, "analyst");
    Record disabled;
    disabled.Set("name", "Dora Disabled");
    disabled.Set("email", "dora@example.org");
    disabled.Set("role", "officer");
    disabled.Set("home_region", "EM");
    disabled.Set("active", false);
    auto dora = services_->Create(app::Actor::System(), domain::StaffEntity(), disabled);
    ASSERT_TRUE(dora.ok()) << dora.status().ToString();
    own_task_ = AddTask("Hotel night staff awareness", "approved");
    other_task_ = Task("Station outreach, Newcastle", "NE", other_officer_.staff_id, {});
    staffed_task_ = Task("County lines briefings, Manchester", "NW", manager_.staff_id,
                         {Value(officer_.staff_id)});
    own_partner_ = Partner("Derby Station Hotel", "EM");
    other_partner_ = Partner("Tyne Buses", "NE");
    national_partner_ = Partner("British Transport Police", "NAT");
  }

  // An approved task of `region` led by `lead`, with `staff`.
  int64_t Task(const std::string& title, const std::string& region, int64_t lead,
               Value::List staff) {
    auto objectives = services_->List(app::Actor::System(), *domain::FindEntity("objective"), {});
    Record task;
    task.Set("title", title);
    task.Set("objectives", Value::List{objectives->items.front().Id()});
    task.Set("themes", Value::List{Value("cce")});
    task.Set("regions", Value::List{Value(region)});
    task.Set("lead", lead);
    if (!staff.empty()) task.Set("staff", Value(std::move(staff)));
    task.Set("priority", "medium");
    auto created = services_->Create(app::Actor::System(), domain::TaskEntity(), task);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    if (!created.ok()) return 0;
    auto moved = services_->TransitionTask(app::Actor::System(), created->record.Id(), 1, "approved", "");
    EXPECT_TRUE(moved.ok()) << moved.status().ToString();
    return created->record.Id();
  }

  int64_t Partner(const std::string& name, const std::string& region) {
    Record p;
    p.Set("name", name);
    p.Set("sector", "transport");
    p.Set("region", region);
    p.Set("active", true);
    auto saved = services_->Create(app::Actor::System(), domain::PartnerEntity(), p);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }

  static std::string Option(int64_t id) { return "<option value=\"" + std::to_string(id) + "\""; }
  static std::string Box(int64_t id) { return "type=\"checkbox\" value=\"" + std::to_string(id) + "\""; }

  authtest::TestUser analyst_;
  int64_t own_task_ = 0, other_task_ = 0, staffed_task_ = 0;
  int64_t own_partner_ = 0, other_partner_ = 0, national_partner_ = 0;
};

TEST_F(UiPickersTest, AnOfficerIsOfferedTheTasksAndPartnersTheyMayWorkWith) {
  Browser officer = SignInWithForm(officer_);
  auto form = Client().Get("/activities/new", officer.Cookie());
  ASSERT_TRUE(form);
  const std::string tasks = Control(form->body, "task");
  EXPECT_THAT(tasks, HasSubstr(Option(own_task_)));      // their region's, which they lead
  EXPECT_THAT(tasks, HasSubstr(Option(staffed_task_)));  // another region's they are on
  EXPECT_THAT(tasks, Not(HasSubstr(Option(other_task_))));
  const std::string partners = Control(form->body, "partners");
  EXPECT_THAT(partners, HasSubstr(Box(own_partner_)));
  EXPECT_THAT(partners, HasSubstr(Box(national_partner_)));
  EXPECT_THAT(partners, Not(HasSubstr(Box(other_partner_))));
  // Searchable with JavaScript; a plain select without.
  EXPECT_THAT(form->body, HasSubstr("name=\"task\" aria-describedby=\"field-task-hint\" data-lookout-autocomplete>"));
  EXPECT_THAT(form->body, HasSubstr("data-lookout-filter=\"Partners (optional)\""));

  // The same scope on every form that names a task or a partner.
  auto quote = Client().Get("/quotes/new", officer.Cookie());
  ASSERT_TRUE(quote);
  EXPECT_THAT(Control(quote->body, "task"), HasSubstr(Option(own_task_)));
  EXPECT_THAT(Control(quote->body, "task"), Not(HasSubstr(Option(other_task_))));
  auto event = Client().Get("/outcome-events/new", officer.Cookie());
  ASSERT_TRUE(event);
  EXPECT_THAT(Control(event->body, "partner"), HasSubstr(Option(national_partner_)));
  EXPECT_THAT(Control(event->body, "partner"), Not(HasSubstr(Option(other_partner_))));
  EXPECT_THAT(Control(event->body, "task"), Not(HasSubstr(Option(other_task_))));

  // A manager is offered every one.
  Browser manager = SignInWithForm(manager_);
  auto managers = Client().Get("/activities/new", manager.Cookie());
  ASSERT_TRUE(managers);
  EXPECT_THAT(Control(managers->body, "task"), HasSubstr(Option(other_task_)));
  EXPECT_THAT(Control(managers->body, "partners"), HasSubstr(Box(other_partner_)));
}

TEST_F(UiPickersTest, AChoiceOutsideTheScopeIsKeptNotDropped) {
  // A partner of another region ticked (a form sent back after a mistake) stays ticked.
  Browser officer = SignInWithForm(officer_);
  auto res = PostForm("/activities/new", officer,
                      "task=" + std::to_string(own_task_) +
                          "&type=workshop&title=&start_on-day=3&start_on-month=3&start_on-year=2026"
                          "&region=EM&reach-public=12&partners=" + std::to_string(other_partner_));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_THAT(Control(res->body, "partners"), HasSubstr(Box(other_partner_) + " checked"));
  EXPECT_THAT(Control(res->body, "partners"), HasSubstr("Tyne Buses"));
}

TEST_F(UiPickersTest, LeadsAreChosenAmongActiveOfficersAndManagersOnly) {
  Browser manager = SignInWithForm(manager_);
  for (const std::string& path : {std::string("/tasks/new"), "/tasks/" + std::to_string(own_task_) + "/edit"}) {
    auto form = Client().Get(path.c_str(), manager.Cookie());
    ASSERT_TRUE(form) << path;
    const std::string lead = Control(form->body, "lead");
    EXPECT_THAT(lead, HasSubstr(Option(officer_.staff_id))) << path;
    EXPECT_THAT(lead, HasSubstr(Option(manager_.staff_id))) << path;
    for (int64_t never : {funder_.staff_id, admin_.staff_id, analyst_.staff_id}) {
      EXPECT_THAT(lead, Not(HasSubstr(Option(never)))) << path;
    }
    EXPECT_THAT(lead, Not(HasSubstr("Dora Disabled"))) << path;
    // Two officers of the same name are told apart.
    EXPECT_THAT(lead, HasSubstr(">Test officer (EM)<")) << path;
    EXPECT_THAT(lead, HasSubstr(">Test officer (NE)<")) << path;
  }
  auto edit = Client().Get(("/tasks/" + std::to_string(own_task_) + "/edit").c_str(), manager.Cookie());
  ASSERT_TRUE(edit);
  const std::string staff = Control(edit->body, "staff");
  EXPECT_THAT(staff, HasSubstr(Box(other_officer_.staff_id)));
  EXPECT_THAT(staff, Not(HasSubstr(Box(funder_.staff_id))));
  EXPECT_THAT(staff, Not(HasSubstr("Dora Disabled")));
  // And at the tasking meeting.
  ASSERT_NE(AddTask("Taxi marshal briefings", "proposed"), 0);
  auto meeting = Client().Get("/tasking", manager.Cookie());
  ASSERT_TRUE(meeting);
  EXPECT_THAT(meeting->body, Not(HasSubstr("Dora Disabled")));
  EXPECT_THAT(meeting->body, Not(HasSubstr(Option(funder_.staff_id))));
}

TEST_F(UiPickersTest, PagesLinkTheRecordsTheyNameForThoseWhoMayReadThem) {
  // A campaign of the task, an outcome, and an activity and a quote that name them.
  Record campaign;
  campaign.Set("name", "Safer Stations Week");
  campaign.Set("start_on", "2026-03-01");
  campaign.Set("end_on", "2026-03-07");
  campaign.Set("regions", Value::List{Value("EM")});
  auto camp = services_->Create(app::Actor::System(), *domain::FindEntity("campaign"), campaign);
  ASSERT_TRUE(camp.ok()) << camp.status().ToString();
  Record outcome;
  outcome.Set("code", "P1");
  outcome.Set("statement", "Professionals are more confident to spot exploitation");
  outcome.Set("level", "professionals");
  auto out = services_->Create(app::Actor::System(), *domain::FindEntity("outcome"), outcome);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  Browser officer = SignInWithForm(officer_);
  auto saved = PostForm("/activities/new", officer,
                        "task=" + std::to_string(own_task_) +
                            "&type=training_session&title=Night+staff+briefing"
                            "&start_on-day=2&start_on-month=3&start_on-year=2026&region=EM"
                            "&campaign=" + std::to_string(camp->record.Id()) +
                            "&partners=" + std::to_string(own_partner_) +
                            "&partners=" + std::to_string(national_partner_) + "&reach-public=40");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  auto activity = Client().Get(saved->get_header_value("Location").c_str(), officer.Cookie());
  ASSERT_TRUE(activity);
  const std::string& page = activity->body;
  EXPECT_THAT(page, HasSubstr("<a class=\"govuk-link\" href=\"/tasks/" + std::to_string(own_task_) + "\">"));
  EXPECT_THAT(page, HasSubstr("href=\"/campaigns/" + std::to_string(camp->record.Id()) + "\">Safer Stations Week</a>"));
  EXPECT_THAT(page, HasSubstr("href=\"/partners/" + std::to_string(own_partner_) + "\">Derby Station Hotel</a>, "));
  EXPECT_THAT(page, HasSubstr("href=\"/partners/" + std::to_string(national_partner_) + "\">British Transport Police</a>"));
  // People and reference data are named, not linked.
  EXPECT_THAT(page, Not(HasSubstr("href=\"/admin/regions")));

  Record quote;
  quote.Set("text", "I now know what to look for on a night shift.");
  quote.Set("stakeholder_type", "transport");
  quote.Set("region", "EM");
  quote.Set("source", "survey");
  quote.Set("collected_on", "2026-03-03");
  quote.Set("outcome", out->record.Id());
  quote.Set("task", own_task_);
  auto q = services_->Create(app::Actor::System(), *domain::FindEntity("quote"), quote);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  auto quote_page = Client().Get(("/quotes/" + std::to_string(q->record.Id())).c_str(), officer.Cookie());
  ASSERT_TRUE(quote_page);
  EXPECT_THAT(quote_page->body, HasSubstr("href=\"/outcomes/" + std::to_string(out->record.Id()) + "\">P1</a>"));
  // The list of quotes links them too.
  auto quotes = Client().Get("/quotes", officer.Cookie());
  ASSERT_TRUE(quotes);
  EXPECT_THAT(quotes->body, HasSubstr("href=\"/quotes/" + std::to_string(q->record.Id()) + "\""));
}

TEST_F(UiPickersTest, TheMinutesLinkEachDecisionsTask) {
  const int64_t task = AddTask("Taxi marshal briefings", "proposed");
  auto created = services_->Get(app::Actor::System(), domain::TaskEntity(), task);
  ASSERT_TRUE(created.ok());
  const std::string id = std::to_string(task);
  Browser manager = SignInWithForm(manager_);
  auto decided = PostForm("/tasking/" + id, manager,
                          "version=1&decision=approved&lead=" + std::to_string(officer_.staff_id) + "&reason=");
  ASSERT_TRUE(decided);
  ASSERT_EQ(decided->status, 303) << decided->body;
  auto minutes = Client().Get("/tasking/minutes?date=2026-03-10", manager.Cookie());
  ASSERT_TRUE(minutes);
  EXPECT_THAT(minutes->body, HasSubstr("<a class=\"govuk-link\" href=\"/tasks/" + id + "\">" +
                                           created->Get("reference").as_text() + "</a>"));
}

TEST_F(UiPickersTest, EveryKindAPageLinksToHasThePageItLinksTo) {
  auto router = ui::BuildWebRouter(*services_, *accounts_, ApiOptions{}, ui::UiOptions{});
  std::set<std::string> pages;
  for (const Route& r : router->routes()) {
    if (r.method == "GET") pages.insert(r.path);
  }
  size_t linked = 0;
  for (const domain::EntityDef* e : domain::AllEntities()) {
    const std::string path = ui::RecordPagePath(e->name);
    if (path.empty()) continue;
    ++linked;
    EXPECT_TRUE(pages.count(path + "/{id}")) << e->name << " links to " << path
                                             << "/{id}, which is not a page of the app";
  }
  EXPECT_GE(linked, 10u);
}

}  // namespace
}  // namespace lookout::http
