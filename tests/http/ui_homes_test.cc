// Each role's home page: the officer's task tables list every task once and mark those
// past their due date; every home opens on the latest period with activity when the
// current one has none, and says so. The tests run on 10 March 2026 (2025-26 Q4).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ui_page_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class UiHomesTest : public UiPageTest {};

TEST_F(UiHomesTest, AnOfficersHomeListsEachTaskOnceAndMarksTheOverdueOnes) {
  const int64_t overdue = AddTask("Hotel staff briefings", "in_progress", "2026-02-20", officer_.staff_id);
  const int64_t due = AddTask("Bus station roadshow", "approved", "2026-03-25", officer_.staff_id);
  const int64_t later = AddTask("Fast food outlet visits", "approved", "2026-06-30", officer_.staff_id);
  const int64_t undated = AddTask("Taxi marshal training", "in_progress", "", officer_.staff_id);
  const int64_t proposed = AddTask("School liaison sessions", "proposed", "2026-02-01", officer_.staff_id);
  Browser b = SignIn(officer_);
  const std::string home = Page(b, "/");
  for (int64_t task : {overdue, due, later, undated, proposed}) {
    EXPECT_EQ(Occurrences(home, "href=\"/tasks/" + std::to_string(task) + "\""), 1u)
        << ReferenceOf(task) << " is not listed exactly once on the officer's home";
  }
  // 20 February to 10 March 2026: 18 days. Only that task is overdue (a proposal is not
  // work under way).
  EXPECT_THAT(home, HasSubstr("Overdue by 18 days"));
  EXPECT_EQ(Occurrences(home, "lookout-tag--overdue"), 1u);
  // Each table holds the tasks it names: the overdue one first, then March's.
  const size_t overdue_at = home.find("href=\"/tasks/" + std::to_string(overdue) + "\"");
  const size_t due_at = home.find("href=\"/tasks/" + std::to_string(due) + "\"");
  const size_t later_at = home.find("href=\"/tasks/" + std::to_string(later) + "\"");
  const size_t undated_at = home.find("href=\"/tasks/" + std::to_string(undated) + "\"");
  EXPECT_LT(overdue_at, home.find("Due in March 2026"));
  EXPECT_GT(due_at, home.find("Due in March 2026"));
  EXPECT_LT(due_at, home.find("Your other open tasks"));
  EXPECT_GT(later_at, home.find("Your other open tasks"));
  EXPECT_LT(later_at, undated_at);  // tasks with no due date come last
}

TEST_F(UiHomesTest, TheTaskListAndBoardMarkOverdueTasksWithTheirDays) {
  AddTask("Hotel staff briefings", "approved", "2026-03-09", officer_.staff_id);
  AddTask("Delivered already", "delivered", "2026-01-01", officer_.staff_id);
  Browser b = SignIn(manager_);
  const std::string list = Page(b, "/tasks");
  EXPECT_THAT(list, HasSubstr("Overdue by 1 day<"));
  EXPECT_EQ(Occurrences(list, "lookout-tag--overdue"), 1u);  // delivered work is not overdue
  EXPECT_THAT(Page(b, "/tasks?view=board"), HasSubstr("Overdue by 1 day<"));
  EXPECT_THAT(Page(b, "/"), HasSubstr("Overdue by 1 day<"));  // the manager's overdue tasks
}

TEST_F(UiHomesTest, StaffHomesOpenOnTheLatestQuarterWithActivityAndSaySo) {
  // Nothing yet in 2025-26 Q4 (January to March 2026); 42 police officers in Q3.
  const int64_t task = AddTask("Custody suite reviews", "in_progress", "2026-06-30", officer_.staff_id);
  AddActivity(task, "2025-11-05", "EM", 42);
  for (const authtest::TestUser* user : {&officer_, &manager_, &analyst_}) {
    const std::string home = Page(SignIn(*user), "/");
    EXPECT_THAT(home, HasSubstr("No activity recorded yet in 2025-26 Q4; showing 2025-26 Q3."));
    EXPECT_THAT(home, HasSubstr("2025-26 Q3 (1 October 2025 to 31 December 2025)"));
    EXPECT_THAT(home, HasSubstr(">42<"));
  }
  // Once the current quarter has activity, it is the one shown, without a note.
  AddActivity(task, "2026-03-02", "EM", 7);
  const std::string home = Page(SignIn(officer_), "/");
  EXPECT_THAT(home, Not(HasSubstr("No activity recorded yet")));
  EXPECT_THAT(home, HasSubstr("2025-26 Q4 (1 January 2026 to 31 March 2026)"));
}

TEST_F(UiHomesTest, AnOfficersHomeLooksOnlyAtTheirRegionForTheLatestQuarter) {
  const int64_t task = AddTask("Regional campaign", "in_progress", "2026-06-30", manager_.staff_id, "NW");
  AddActivity(task, "2026-01-15", "NW", 30);  // this quarter, but another region
  const std::string home = Page(SignIn(officer_), "/");
  // Nothing in the East Midlands in any quarter: the current one, without a note, and
  // the officer's summary shows no other region's 30.
  EXPECT_THAT(home, Not(HasSubstr("No activity recorded yet")));
  EXPECT_THAT(home, HasSubstr("2025-26 Q4 (1 January 2026 to 31 March 2026)"));
  EXPECT_THAT(home, Not(HasSubstr(">30<")));
}

TEST_F(UiHomesTest, TheFundersDashboardOpensOnTheLatestYearWithActivity) {
  const int64_t task = AddTask("Transport campaign", "in_progress", "2026-06-30", manager_.staff_id);
  AddActivity(task, "2024-09-10", "EM", 120);  // 2024-25 only
  Browser b = SignIn(funder_);
  const std::string home = Page(b, "/");
  EXPECT_THAT(home, HasSubstr("No activity recorded yet in 2025-26; showing 2024-25."));
  EXPECT_THAT(home, HasSubstr("<option value=\"2024-25\" selected>"));
  // A year asked for is shown as asked, even when empty.
  const std::string asked = Page(b, "/?period=2025-26");
  EXPECT_THAT(asked, Not(HasSubstr("No activity recorded yet")));
  EXPECT_THAT(asked, HasSubstr("<option value=\"2025-26\" selected>"));
}

}  // namespace
}  // namespace lookout::http
