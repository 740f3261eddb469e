#include <gtest/gtest.h>

#include "domain/rules.h"

namespace lookout::domain {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

TEST(Period, ParsesAFinancialYear) {
  auto p = Period::Parse("2025-26");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->start_year, 2025);
  EXPECT_EQ(p->quarter, 0);
  EXPECT_EQ(p->ToString(), "2025-26");
}

TEST(Period, ParsesAQuarter) {
  auto p = Period::Parse("2025-26 Q3");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->start_year, 2025);
  EXPECT_EQ(p->quarter, 3);
  EXPECT_EQ(p->ToString(), "2025-26 Q3");
}

TEST(Period, ParsesTheTurnOfTheCentury) {
  auto p = Period::Parse("2099-00");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->start_year, 2099);
  EXPECT_EQ(p->ToString(), "2099-00");
  EXPECT_EQ(Period::Parse("1999-00 Q4")->ToString(), "1999-00 Q4");
}

TEST(Period, RefusesASecondYearThatDoesNotFollowTheFirst) {
  EXPECT_FALSE(Period::Parse("2025-27"));
  EXPECT_FALSE(Period::Parse("2025-25"));
  EXPECT_FALSE(Period::Parse("2099-99"));
}

TEST(Period, ParseIsStrict) {
  for (const char* text :
       {"", "2025", "2025-2026", "2025/26", "2025-26 ", " 2025-26", "2025-26  Q3", "2025-26 q3",
        "2025-26 Q0", "2025-26 Q5", "2025-26Q3", "2025-26 Q", "2025-26 Q34", "FY2025-26", "25-26",
        "2025-6", "abcd-ef", "2025-26 H1"}) {
    EXPECT_FALSE(Period::Parse(text)) << text;
  }
}

TEST(Period, RefusesStartYearsWhoseDaysDatesCannotHold) {
  EXPECT_FALSE(Period::Parse("1899-00"));
  EXPECT_TRUE(Period::Parse("1900-01"));
  EXPECT_TRUE(Period::Parse("2199-00"));
  EXPECT_FALSE(Period::Parse("2200-01"));
}

TEST(Period, WritesEveryQuarter) {
  for (int q = 1; q <= 4; ++q) {
    Period p{2030, q};
    EXPECT_EQ(p.ToString(), "2030-31 Q" + std::to_string(q));
    EXPECT_EQ(Period::Parse(p.ToString())->quarter, q);
  }
}

TEST(Period, AprilYearRunsFromAprilToMarch) {
  Period p = *Period::Parse("2025-26");
  EXPECT_EQ(p.First(4), D(2025, 4, 1));
  EXPECT_EQ(p.Last(4), D(2026, 3, 31));
}

TEST(Period, AprilQuartersCoverTheYearWithoutGaps) {
  const Date first[] = {D(2025, 4, 1), D(2025, 7, 1), D(2025, 10, 1), D(2026, 1, 1)};
  const Date last[] = {D(2025, 6, 30), D(2025, 9, 30), D(2025, 12, 31), D(2026, 3, 31)};
  for (int q = 1; q <= 4; ++q) {
    Period p{2025, q};
    EXPECT_EQ(p.First(4), first[q - 1]) << q;
    EXPECT_EQ(p.Last(4), last[q - 1]) << q;
  }
}

TEST(Period, JanuaryYearIsTheCalendarYearItStartsIn) {
  Period p = *Period::Parse("2025-26");
  EXPECT_EQ(p.First(1), D(2025, 1, 1));
  EXPECT_EQ(p.Last(1), D(2025, 12, 31));
  EXPECT_EQ((Period{2025, 1}).Last(1), D(2025, 3, 31));
  EXPECT_EQ((Period{2025, 4}).First(1), D(2025, 10, 1));
  EXPECT_EQ((Period{2025, 4}).Last(1), D(2025, 12, 31));
}

TEST(Period, SeptemberYearRunsFromSeptemberToAugust) {
  Period p = *Period::Parse("2025-26");
  EXPECT_EQ(p.First(9), D(2025, 9, 1));
  EXPECT_EQ(p.Last(9), D(2026, 8, 31));
  EXPECT_EQ((Period{2025, 2}).First(9), D(2025, 12, 1));
  EXPECT_EQ((Period{2025, 2}).Last(9), D(2026, 2, 28));
  EXPECT_EQ((Period{2025, 3}).First(9), D(2026, 3, 1));
}

TEST(Period, QuarterEndingInFebruaryKnowsLeapYears) {
  // With a September start, Q2 ends on the last day of February.
  EXPECT_EQ((Period{2023, 2}).Last(9), D(2024, 2, 29));
  EXPECT_EQ((Period{2024, 2}).Last(9), D(2025, 2, 28));
  // With a March start, the year ends on the last day of February.
  EXPECT_EQ((Period{2023, 0}).Last(3), D(2024, 2, 29));
  EXPECT_EQ((Period{2099, 0}).Last(3), D(2100, 2, 28));
}

TEST(Period, YearOfPlacesTheBoundaryDaysInTheRightYear) {
  EXPECT_EQ(Period::YearOf(D(2025, 4, 1), 4).ToString(), "2025-26");
  EXPECT_EQ(Period::YearOf(D(2025, 3, 31), 4).ToString(), "2024-25");
  EXPECT_EQ(Period::YearOf(D(2026, 3, 31), 4).ToString(), "2025-26");
  EXPECT_EQ(Period::YearOf(D(2025, 1, 1), 1).ToString(), "2025-26");
  EXPECT_EQ(Period::YearOf(D(2025, 12, 31), 1).ToString(), "2025-26");
  EXPECT_EQ(Period::YearOf(D(2025, 8, 31), 9).ToString(), "2024-25");
  EXPECT_EQ(Period::YearOf(D(2025, 9, 1), 9).ToString(), "2025-26");
  EXPECT_EQ(Period::YearOf(D(2024, 2, 29), 4).ToString(), "2023-24");
}

TEST(Period, QuarterOfPlacesQuarterEdgesCorrectly) {
  EXPECT_EQ(Period::QuarterOf(D(2025, 4, 1), 4).ToString(), "2025-26 Q1");
  EXPECT_EQ(Period::QuarterOf(D(2025, 6, 30), 4).ToString(), "2025-26 Q1");
  EXPECT_EQ(Period::QuarterOf(D(2025, 7, 1), 4).ToString(), "2025-26 Q2");
  EXPECT_EQ(Period::QuarterOf(D(2025, 12, 31), 4).ToString(), "2025-26 Q3");
  EXPECT_EQ(Period::QuarterOf(D(2026, 1, 1), 4).ToString(), "2025-26 Q4");
  EXPECT_EQ(Period::QuarterOf(D(2026, 3, 31), 4).ToString(), "2025-26 Q4");
  EXPECT_EQ(Period::QuarterOf(D(2026, 4, 1), 4).ToString(), "2026-27 Q1");
  EXPECT_EQ(Period::QuarterOf(D(2025, 3, 31), 1).ToString(), "2025-26 Q1");
  EXPECT_EQ(Period::QuarterOf(D(2025, 4, 1), 1).ToString(), "2025-26 Q2");
  EXPECT_EQ(Period::QuarterOf(D(2026, 2, 28), 9).ToString(), "2025-26 Q2");
  EXPECT_EQ(Period::QuarterOf(D(2026, 8, 31), 9).ToString(), "2025-26 Q4");
}

// Every day of several years, for three start months: the period found for a day
// contains it, and consecutive periods meet without gap or overlap.
TEST(Period, EveryDayLiesInTheYearAndQuarterFoundForIt) {
  for (int m : {1, 4, 9, 12}) {
    Date d = D(2023, 1, 1);
    while (d < D(2029, 1, 1)) {
      const Period y = Period::YearOf(d, m);
      const Period q = Period::QuarterOf(d, m);
      ASSERT_LE(y.First(m), d) << m << " " << d.ToString();
      ASSERT_LE(d, y.Last(m)) << m << " " << d.ToString();
      ASSERT_LE(q.First(m), d) << m << " " << d.ToString();
      ASSERT_LE(d, q.Last(m)) << m << " " << d.ToString();
      ASSERT_EQ(q.start_year, y.start_year);
      ASSERT_EQ(Period::QuarterOf(q.Last(m).AddDays(1), m).First(m), q.Last(m).AddDays(1));
      ASSERT_EQ(y.Last(m).AddDays(1), Period::YearOf(y.Last(m).AddDays(1), m).First(m));
      d = d.AddDays(1);
    }
  }
}

TEST(Period, AMonthOutsideOneToTwelveReadsAsApril) {
  Period p{2025, 0};
  EXPECT_EQ(p.First(0), D(2025, 4, 1));
  EXPECT_EQ(p.Last(13), D(2026, 3, 31));
  EXPECT_EQ(Period::YearOf(D(2025, 3, 31), -5).ToString(), "2024-25");
}

}  // namespace
}  // namespace lookout::domain
