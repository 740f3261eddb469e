// The audit trail page: each entry as a sentence with names, filtered by person and by
// record as people name them, paged, with the entry as recorded one click away.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "domain/schema.h"
#include "ui_page_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class UiAuditPageTest : public UiPageTest {
 protected:
  void SetUp() override {
    UiPageTest::SetUp();
    if (HasFatalFailure()) return;
    Record staff;
    staff.Set("name", "Helen Marsh");
    staff.Set("email", "helen.marsh@example.org");
    staff.Set("role", "manager");
    staff.Set("active", true);
    auto made = services_->Create(app::Actor::System(), domain::StaffEntity(), staff);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    helen_.id = "staff:" + std::to_string(made->record.Id());
    helen_.staff_id = made->record.Id();
    helen_.role = "manager";
    helen_.signed_in = true;
  }

  // Helen Marsh changes `field` of the task to `value`.
  void Change(int64_t task, const std::string& field, const Value& value) {
    auto current = services_->Get(app::Actor::System(), domain::TaskEntity(), task);
    ASSERT_TRUE(current.ok()) << current.status().ToString();
    Record changes;
    changes.Set(field, value);
    auto saved = services_->Update(helen_, domain::TaskEntity(), task,
                                   current->Get("version").as_int(), changes);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  }

  app::Actor helen_;
};

TEST_F(UiAuditPageTest, EachEntryReadsAsASentenceWithNames) {
  const int64_t task = AddTask("Hotel staff briefings", "approved", "2026-04-14", officer_.staff_id);
  const std::string ref = ReferenceOf(task);
  Change(task, "due_on", Value("2026-04-30"));
  Change(task, "description", Value("Briefings for night staff at the three station hotels."));
  Change(task, "priority", Value("low"));
  // Files taken from the pages are on record as downloads.
  ASSERT_TRUE(services_->RecordDisclosure(helen_, "report", 0,
                                          {{"report", "impact"}, {"format", "pdf"},
                                           {"period", "2025-26"}, {"region", "EM"}})
                  .ok());
  Browser b = SignIn(admin_);
  Page(b, "/admin/audit");  // reading the trail is on record too
  const std::string trail = Page(b, "/admin/audit");
  EXPECT_THAT(trail, HasSubstr("Helen Marsh changed the due date of " + ref +
                               " from 14 April 2026 to 30 April 2026."));
  // Free text is kept as its length only: the sentence says what changed, not the words.
  EXPECT_THAT(trail, HasSubstr("Helen Marsh changed the description of " + ref + "."));
  EXPECT_THAT(trail, HasSubstr("Helen Marsh changed the priority of " + ref + " from High to Low."));
  EXPECT_THAT(trail, HasSubstr("Helen Marsh downloaded the impact report of 2025-26 for East Midlands (pdf)."));
  EXPECT_TRUE(std::regex_search(trail, std::regex("Test admin read [a-z0-9]+ entries of the audit trail\\.")))
      << "the first reading of the trail is not a sentence on the second";
  EXPECT_THAT(trail, HasSubstr("Lookout moved " + ref + " from Proposed to Approved."));
  EXPECT_THAT(trail, HasSubstr("Lookout added the task " + ref + "."));
  EXPECT_THAT(trail, HasSubstr("Test admin signed in."));
  EXPECT_THAT(trail, HasSubstr("href=\"/tasks/" + std::to_string(task) + "\">Open " + ref + "</a>"));
  // The entry as recorded, one click away (a disclosure that works without JavaScript).
  EXPECT_THAT(trail, HasSubstr("<summary class=\"govuk-details__summary\">"));
  EXPECT_THAT(trail, HasSubstr("&quot;due_on&quot;: ["));
  EXPECT_THAT(trail, HasSubstr("&quot;action&quot;: &quot;update&quot;"));
  EXPECT_THAT(trail, Not(HasSubstr("staff:" + std::to_string(helen_.staff_id) + "<")));
}

TEST_F(UiAuditPageTest, ARecordNamedByFreeTextIsNamedByItsKindAndIdAndIsNotFoundByItsWords) {
  // An activity's title is free text: the trail keeps its length only, and its page neither
  // shows it through the activity's name nor finds the activity by it.
  const int64_t task = AddTask("Hotel staff briefings", "approved", "2026-04-14", officer_.staff_id);
  const int64_t activity = AddActivity(task, "2026-03-02", "EM", 12);
  Browser b = SignIn(admin_);
  const std::string trail = Page(b, "/admin/audit?entity=activity");
  EXPECT_THAT(trail, HasSubstr("added activity " + std::to_string(activity) + "."));
  EXPECT_THAT(trail, Not(HasSubstr("Custody suite briefing")));
  const std::string search = Page(b, "/admin/audit?record=custody%20suite", 422);
  EXPECT_THAT(search, HasSubstr("No record is called &apos;custody suite&apos;"));
  EXPECT_THAT(search, Not(HasSubstr("Custody suite briefing")));
}

TEST_F(UiAuditPageTest, FiltersByPersonAndByRecordAsPeopleNameThem) {
  const int64_t hotel = AddTask("Hotel staff briefings", "approved", "2026-04-14", officer_.staff_id);
  const int64_t taxi = AddTask("Taxi marshal briefings", "approved", "2026-05-01", officer_.staff_id);
  Change(hotel, "priority", Value("low"));
  Browser b = SignIn(admin_);
  const std::string helen = "staff%3A" + std::to_string(helen_.staff_id);

  // By person: chosen by name.
  const std::string all = Page(b, "/admin/audit");
  EXPECT_THAT(all, HasSubstr("<option value=\"staff:" + std::to_string(helen_.staff_id) + "\">Helen Marsh</option>"));
  const std::string hers = Page(b, "/admin/audit?actor=" + helen);
  EXPECT_THAT(hers, HasSubstr("Helen Marsh changed the priority"));
  EXPECT_THAT(hers, Not(HasSubstr("Lookout moved")));

  // By record: a task's reference, or a part of its title.
  const std::string by_reference = Page(b, "/admin/audit?record=" + ReferenceOf(hotel));
  EXPECT_THAT(by_reference, HasSubstr("Lookout moved " + ReferenceOf(hotel)));
  EXPECT_THAT(by_reference, Not(HasSubstr(ReferenceOf(taxi))));
  EXPECT_THAT(by_reference, HasSubstr("value=\"" + ReferenceOf(hotel) + "\""));  // kept in the box
  const std::string by_title = Page(b, "/admin/audit?record=taxi%20marshal");
  EXPECT_THAT(by_title, HasSubstr("Lookout moved " + ReferenceOf(taxi)));
  EXPECT_THAT(by_title, Not(HasSubstr("Lookout moved " + ReferenceOf(hotel))));
  // A staff member by name: the entries about their record.
  EXPECT_THAT(Page(b, "/admin/audit?record=helen%20marsh"), HasSubstr("added the staff member Helen Marsh"));

  // Two records match: the page asks which, each a link that keeps the other filters.
  const std::string both = Page(b, "/admin/audit?record=briefings&action=transition", 422);
  EXPECT_THAT(both, HasSubstr("2 records match &apos;briefings&apos;: choose one"));
  EXPECT_THAT(both, HasSubstr("action=transition&amp;entity=task&amp;entity_id=" + std::to_string(taxi)));
  EXPECT_THAT(both, HasSubstr("Task: " + ReferenceOf(hotel) + " Hotel staff briefings"));
  // None: said, with what to give instead.
  const std::string none = Page(b, "/admin/audit?record=ferry%20terminal", 422);
  EXPECT_THAT(none, HasSubstr("No record is called &apos;ferry terminal&apos;"));
  EXPECT_THAT(none, HasSubstr("href=\"#field-record\""));
}

TEST_F(UiAuditPageTest, PagesKeepTheFilters) {
  const int64_t task = AddTask("Hotel staff briefings", "approved", "2026-04-01", officer_.staff_id);
  for (int day = 2; day <= 28; ++day) {
    Change(task, "due_on", Value("2026-04-" + std::string(day < 10 ? "0" : "") + std::to_string(day)));
  }
  Browser b = SignIn(admin_);
  const std::string first = Page(b, "/admin/audit?record=" + ReferenceOf(task));
  EXPECT_THAT(first, HasSubstr("Showing 1 to 25 of 29"));
  EXPECT_THAT(first, HasSubstr("/admin/audit?record=" + ReferenceOf(task) + "&amp;page=2"));
  const std::string second = Page(b, "/admin/audit?record=" + ReferenceOf(task) + "&page=2");
  EXPECT_THAT(second, HasSubstr("Lookout added the task " + ReferenceOf(task)));
}

TEST_F(UiAuditPageTest, OnlyAdministratorsReadTheTrail) {
  for (const authtest::TestUser* user : {&manager_, &officer_, &analyst_, &funder_}) {
    Page(SignIn(*user), "/admin/audit?record=anything", 403);
  }
}

}  // namespace
}  // namespace lookout::http
