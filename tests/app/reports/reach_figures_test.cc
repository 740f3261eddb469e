// Reach as each role may see it: exact for those who read the activities, under the
// disclosure rule (the published reports' breakdown rule) for funders and administrators.
#include "app/reports/reach_figures.h"

#include <gtest/gtest.h>

#include "app/numbers_fixture.h"

namespace lookout::app {
namespace {

using testing::NumbersTest;

class ReachFigures : public NumbersTest {
 protected:
  void SetUp() override {
    NumbersTest::SetUp();
    if (HasFatalFailure()) return;
    // Regions by group: EM 40 professionals and 3 young people; WM 60 professionals, 30
    // young people and 2 parents and carers. A 2024 activity is outside the year.
    Activity("EM", "2025-05-01", {{"professionals", "police", 40}, {"young_people", "", 3}});
    Activity("WM", "2025-06-01", {{"professionals", "health", 60}, {"young_people", "", 30}});
    Activity("WM", "2025-10-01", {{"parents_carers", "", 2}});
    Activity("EM", "2024-05-01", {{"young_people", "", 1}});
  }
  static const ReachCell& Cell(const app::ReachFigures& f, const std::string& region,
                               const std::string& group) {
    size_t g = 0;
    while (f.groups[g] != group) ++g;
    for (const app::ReachFigures::Row& r : f.regions) {
      if (r.region == region) return r.cells[g];
    }
    static const ReachCell kNone;
    ADD_FAILURE() << "no row for " << region;
    return kNone;
  }
  static const ReachCell& Total(const app::ReachFigures& f, const std::string& group) {
    size_t g = 0;
    while (f.groups[g] != group) ++g;
    return f.totals[g];
  }
};

TEST_F(ReachFigures, AFunderSeesSmallCountsWithheldAndTheCountsThatWouldGiveThemAway) {
  auto f = ReachFor(*services_, funder_, {.period = "2025-26"});
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_TRUE(f->controlled);
  EXPECT_EQ(f->threshold, 5);
  EXPECT_TRUE(f->detail.empty());
  // 3 young people in EM is withheld; WM's 30, the smallest other count of the group,
  // too, or the total (33) less 30 would give the 3 away.
  EXPECT_TRUE(Cell(*f, "EM", "young_people").suppressed);
  EXPECT_FALSE(Cell(*f, "EM", "young_people").count.has_value());
  EXPECT_TRUE(Cell(*f, "WM", "young_people").suppressed);
  EXPECT_EQ(Total(*f, "young_people").count, 33);
  // 2 parents and carers, alone in their group: the count and its total are withheld.
  EXPECT_TRUE(Cell(*f, "WM", "parents_carers").suppressed);
  EXPECT_TRUE(Total(*f, "parents_carers").suppressed);
  EXPECT_EQ(Cell(*f, "EM", "professionals").count, 40);
  EXPECT_EQ(Total(*f, "professionals").count, 100);
  EXPECT_TRUE(f->AnySuppressed());
  // An administrator, who reads no programme content, sees the same.
  auto admin = ReachFor(*services_, admin_, {.period = "2025-26"});
  ASSERT_TRUE(admin.ok());
  EXPECT_TRUE(admin->controlled);
}

TEST_F(ReachFigures, ThoseWhoReadTheActivitiesSeeTheExactSums) {
  for (const Actor* who : {&manager_, &em_officer_, &analyst_}) {
    auto f = ReachFor(*services_, *who, {.period = "2025-26"});
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    EXPECT_FALSE(f->controlled);
    EXPECT_EQ(Cell(*f, "EM", "young_people").count, 3);
    EXPECT_EQ(Total(*f, "parents_carers").count, 2);
    EXPECT_FALSE(f->detail.empty());
  }
  auto dated = ReachFor(*services_, manager_, {.from = "2024-01-01", .to = "2025-05-31"});
  ASSERT_TRUE(dated.ok()) << dated.status().ToString();
  EXPECT_EQ(Total(*dated, "young_people").count, 4);
}

TEST_F(ReachFigures, AFunderAsksForWholeYearsAndARegionIsItsRowOfTheWholeTable) {
  auto dated = ReachFor(*services_, funder_, {.from = "2025-05-01", .to = "2025-05-02"});
  ASSERT_EQ(dated.status().code(), ErrorCode::kValidation);
  EXPECT_NE(dated.status().ToString().find("whole financial years"), std::string::npos);
  // A quarter and its year could be subtracted to give another quarter's withheld count.
  auto quarter = ReachFor(*services_, funder_, {.period = "2025-26 Q1"});
  ASSERT_EQ(quarter.status().code(), ErrorCode::kValidation);
  EXPECT_NE(quarter.status().ToString().find("not a quarter"), std::string::npos);
  EXPECT_TRUE(ReachFor(*services_, manager_, {.period = "2025-26 Q1"}).ok());
  auto wm = ReachFor(*services_, funder_, {.period = "2025-26", .region = "WM"});
  ASSERT_TRUE(wm.ok()) << wm.status().ToString();
  ASSERT_EQ(wm->regions.size(), 1u);
  // Withheld in the whole table, so withheld here too, though 30 is not small.
  EXPECT_TRUE(Cell(*wm, "WM", "young_people").suppressed);
  EXPECT_TRUE(Total(*wm, "young_people").suppressed);
  EXPECT_EQ(ReachFor(*services_, funder_, {.period = "2025"}).status().code(), ErrorCode::kValidation);
  EXPECT_EQ(ReachFor(*services_, funder_, {.region = "XX"}).status().code(), ErrorCode::kValidation);
  // The current financial year when no period is given.
  auto current = ReachFor(*services_, funder_, {});
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->period, "2025-26");
}

TEST_F(ReachFigures, TheExactSumsAreNotForThoseWhoMayNotReadTheActivities) {
  EXPECT_EQ(services_->Reach(funder_, {}).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(services_->Reach(admin_, {}).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(services_->ListReach(funder_, {}).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(ReachFor(*services_, Actor::Anonymous("127.0.0.1", "r"), {}).status().code(),
            ErrorCode::kUnauthenticated);
}

TEST_F(ReachFigures, AListOfActivitiesSumsWhomItsActivitiesReached) {
  auto health = services_->ListReach(manager_, {{"sector", "health"}, {"period", "2025-26"}});
  ASSERT_TRUE(health.ok()) << health.status().ToString();
  int64_t professionals = 0, young = 0;
  for (const store::ReachRow& r : *health) {
    if (r.group == "professionals") professionals += r.count;
    if (r.group == "young_people") young += r.count;
  }
  EXPECT_EQ(professionals, 60);
  EXPECT_EQ(young, 30);
  auto themed = services_->List(manager_, domain::ActivityEntity(), {{"theme", "cse"}});
  ASSERT_TRUE(themed.ok()) << themed.status().ToString();
  EXPECT_EQ(themed->total, 4);
  auto none = services_->List(manager_, domain::ActivityEntity(), {{"theme", "msht"}});
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->total, 0);
  EXPECT_EQ(services_->List(manager_, domain::ActivityEntity(), {{"theme", "nonsense"}}).status().code(),
            ErrorCode::kValidation);
}

}  // namespace
}  // namespace lookout::app
