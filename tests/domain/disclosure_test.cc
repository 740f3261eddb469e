#include "domain/disclosure.h"

#include <gtest/gtest.h>

namespace lookout::domain {
namespace {

std::string Shape(const SuppressedTable& t) {
  std::string out;
  for (const auto& row : t.cells) {
    for (Suppression s : row) out += s == Suppression::kShown ? '.' : s == Suppression::kPrimary ? 'P' : 'S';
    out += '|';
  }
  return out;
}

TEST(Disclosure, SmallCountsAreSuppressedAndZeroIsShown) {
  // One column: the categories of a breakdown whose total is the headline figure.
  SuppressedTable t = Suppress({{120}, {3}, {0}, {45}}, 5, false, true);
  // 3 is primary; alone in its column it could be recovered from the total, so the next
  // smallest count above zero (45) goes too.
  EXPECT_EQ(Shape(t), ".|P|.|S|");
  EXPECT_TRUE(NoCellRecoverable({{120}, {3}, {0}, {45}}, t, false, true));
}

TEST(Disclosure, TwoSmallCountsProtectEachOther) {
  SuppressedTable t = Suppress({{120}, {3}, {4}, {45}}, 5, false, true);
  EXPECT_EQ(Shape(t), ".|P|P|.|");
}

TEST(Disclosure, ThresholdIsConfigurable) {
  EXPECT_EQ(Shape(Suppress({{9}, {12}, {30}}, 10, false, true)), "P|S|.|");
  EXPECT_EQ(Shape(Suppress({{9}, {12}, {30}}, 5, false, true)), ".|.|.|");
  EXPECT_EQ(Shape(Suppress({{1}, {2}}, 0, false, true)), ".|.|");
}

TEST(Disclosure, RowsAndColumnsAreBothProtected) {
  // Regions by audience group, with row totals (each region's reach) and column totals
  // (each group's headline figure) published.
  const std::vector<std::vector<int64_t>> cells = {{50, 2, 30}, {40, 60, 70}, {80, 90, 100}};
  SuppressedTable t = Suppress(cells, 5, true, true);
  // 2 is primary. Its row pairs it with 30; its column with 60. Then 30's column and 60's
  // row each hold one suppressed cell, so 70 (the smallest left in both) goes: every row and
  // column now holds zero or two suppressed cells.
  EXPECT_EQ(Shape(t), ".PS|.SS|...|");
  EXPECT_TRUE(NoCellRecoverable(cells, t));
}

TEST(Disclosure, AZeroIsNeverWithheldTheTotalIsInstead) {
  // 3 beside zeros only: withholding a zero would not protect it; the total goes.
  SuppressedTable t = Suppress({{3}, {0}, {0}}, 5, false, true);
  EXPECT_EQ(Shape(t), "P|.|.|");
  EXPECT_TRUE(t.column_total_suppressed[0]);
  EXPECT_TRUE(NoCellRecoverable({{3}, {0}, {0}}, t, false, true));
}

TEST(Disclosure, ASingleSmallCellWithNothingToPairHidesItsTotal) {
  SuppressedTable t = Suppress({{3}}, 5, true, true);
  EXPECT_TRUE(t.row_total_suppressed[0]);
  EXPECT_TRUE(t.column_total_suppressed[0]);
  EXPECT_TRUE(NoCellRecoverable({{3}}, t));
}

TEST(Disclosure, TheCheckFindsARecoverableCell) {
  const std::vector<std::vector<int64_t>> cells = {{120}, {3}, {45}};
  SuppressedTable only_primary;
  only_primary.cells = {{Suppression::kShown}, {Suppression::kPrimary}, {Suppression::kShown}};
  only_primary.row_total_suppressed = {false, false, false};
  only_primary.column_total_suppressed = {false};
  EXPECT_FALSE(NoCellRecoverable(cells, only_primary, false, true));
}

TEST(Disclosure, TheRuleIsStatedInWords) {
  EXPECT_NE(SuppressionRule(5).find("from 1 to 4"), std::string::npos);
  EXPECT_NE(SuppressionRule(5).find("fewer than 5"), std::string::npos);
}

TEST(Disclosure, ABreakdownWithholdsSmallTotalsAndTotalsWithNothingToPair) {
  // Regions by two groups. Column 0: 3 is paired with 40. Column 1: the only count is 2, so
  // its total (2, itself small) is withheld as well.
  const BreakdownDisclosure b = SuppressBreakdown({{3, 0}, {40, 2}, {50, 0}}, 2, 5);
  EXPECT_EQ(Shape(b.table), "P.|SP|..|");
  EXPECT_EQ(b.totals, (std::vector<int64_t>{93, 2}));
  EXPECT_EQ(b.total_withheld, (std::vector<bool>{false, true}));
}

TEST(Disclosure, ABreakdownOfNoRowsHasZeroTotalsShown) {
  const BreakdownDisclosure b = SuppressBreakdown({}, 4, 5);
  EXPECT_EQ(b.totals, (std::vector<int64_t>{0, 0, 0, 0}));
  EXPECT_EQ(b.total_withheld, (std::vector<bool>{false, false, false, false}));
}

TEST(Disclosure, ASmallTotalSplitOverTwoCellsIsWithheld) {
  // 2 + 1: the cells protect each other, but the total, 3, is small itself.
  const BreakdownDisclosure b = SuppressBreakdown({{2}, {1}, {0}}, 1, 5);
  EXPECT_EQ(Shape(b.table), "P|P|.|");
  EXPECT_TRUE(b.total_withheld[0]);
  EXPECT_EQ(WithheldText(5), "fewer than 5");
}

}  // namespace
}  // namespace lookout::domain
