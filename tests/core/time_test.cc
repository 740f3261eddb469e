#include "core/time.h"

#include <gtest/gtest.h>

namespace lookout {
namespace {

TEST(Date, ParsesIsoDate) {
  auto d = Date::Parse("2026-03-09");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2026);
  EXPECT_EQ(d->month, 3);
  EXPECT_EQ(d->day, 9);
}

TEST(Date, RefusesDaysThatAreNotInTheCalendar) {
  EXPECT_FALSE(Date::Parse("2026-02-29"));
  EXPECT_FALSE(Date::Parse("2026-02-30"));
  EXPECT_FALSE(Date::Parse("2026-04-31"));
  EXPECT_FALSE(Date::Parse("2026-13-01"));
  EXPECT_FALSE(Date::Parse("2026-00-10"));
  EXPECT_FALSE(Date::Parse("2026-01-00"));
  EXPECT_FALSE(Date::Parse("2026-01-32"));
}

TEST(Date, AcceptsTheTwentyNinthOfFebruaryOnlyInLeapYears) {
  EXPECT_TRUE(Date::Parse("2024-02-29"));
  EXPECT_TRUE(Date::Parse("2000-02-29"));   // divisible by 400
  EXPECT_FALSE(Date::Parse("1900-02-29"));  // divisible by 100, not by 400
  EXPECT_FALSE(Date::Parse("2100-02-29"));
  EXPECT_FALSE(Date::Parse("2025-02-29"));
}

TEST(Date, RefusesOtherShapes) {
  for (const char* text :
       {"", "2026-3-9", "09/03/2026", "2026/03/09", "2026-03-09 ", " 2026-03-09", "20260309",
        "2026-03-0a", "+026-03-09", "2026-03-09T00:00:00Z", "abcd-ef-gh"}) {
    EXPECT_FALSE(Date::Parse(text)) << text;
  }
}

TEST(Date, RefusesYearsOutsideTheSupportedRange) {
  EXPECT_FALSE(Date::Parse("1899-12-31"));
  EXPECT_TRUE(Date::Parse("1900-01-01"));
  EXPECT_TRUE(Date::Parse("2200-12-31"));
  EXPECT_FALSE(Date::Parse("2201-01-01"));
}

TEST(Date, PrintsWithLeadingZeros) {
  EXPECT_EQ((Date{2026, 3, 9}).ToString(), "2026-03-09");
  EXPECT_EQ((Date{1999, 12, 31}).ToString(), "1999-12-31");
}

TEST(Date, CountsDaysFromTheEpoch) {
  EXPECT_EQ((Date{1970, 1, 1}).DaysSinceEpoch(), 0);
  EXPECT_EQ((Date{1970, 1, 2}).DaysSinceEpoch(), 1);
  EXPECT_EQ((Date{1969, 12, 31}).DaysSinceEpoch(), -1);
  EXPECT_EQ((Date{2000, 3, 1}).DaysSinceEpoch(), 11017);
  EXPECT_EQ(Date::FromDays(11017), (Date{2000, 3, 1}));
  EXPECT_EQ(Date::FromDays(-1), (Date{1969, 12, 31}));
}

TEST(Date, DayCountsRoundTripAcrossTwoCenturies) {
  Date d{1900, 1, 1};
  int64_t days = d.DaysSinceEpoch();
  for (int i = 0; i < 366 * 300; ++i) {
    Date next = Date::FromDays(days + 1);
    ASSERT_EQ(next.DaysSinceEpoch(), days + 1);
    ASSERT_LT(d, next) << d.ToString();
    ASSERT_TRUE(Date::Parse(next.ToString()) || next.year > 2200) << next.ToString();
    d = next;
    ++days;
  }
}

TEST(Date, AddsDaysAcrossMonthAndYearEnds) {
  EXPECT_EQ((Date{2025, 12, 31}).AddDays(1), (Date{2026, 1, 1}));
  EXPECT_EQ((Date{2024, 2, 28}).AddDays(1), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2025, 2, 28}).AddDays(1), (Date{2025, 3, 1}));
  EXPECT_EQ((Date{2026, 3, 1}).AddDays(-1), (Date{2026, 2, 28}));
}

TEST(Date, AddMonthsClampsTheDayToTheTargetMonth) {
  EXPECT_EQ((Date{2026, 1, 31}).AddMonths(1), (Date{2026, 2, 28}));
  EXPECT_EQ((Date{2024, 1, 31}).AddMonths(1), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2025, 11, 15}).AddMonths(3), (Date{2026, 2, 15}));
  EXPECT_EQ((Date{2026, 3, 31}).AddMonths(-1), (Date{2026, 2, 28}));
  EXPECT_EQ((Date{2026, 1, 10}).AddMonths(-1), (Date{2025, 12, 10}));
  EXPECT_EQ((Date{2026, 4, 1}).AddMonths(12), (Date{2027, 4, 1}));
}

TEST(Date, KnowsTheLengthOfEachMonth) {
  const int expected[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) EXPECT_EQ(Date::DaysInMonth(2025, m), expected[m - 1]) << m;
  EXPECT_EQ(Date::DaysInMonth(2024, 2), 29);
}

TEST(Date, OrdersByYearThenMonthThenDay) {
  EXPECT_LT((Date{2025, 12, 31}), (Date{2026, 1, 1}));
  EXPECT_LT((Date{2026, 1, 31}), (Date{2026, 2, 1}));
  EXPECT_LT((Date{2026, 2, 1}), (Date{2026, 2, 2}));
  EXPECT_EQ((Date{2026, 2, 2}), (Date{2026, 2, 2}));
}

TEST(Timestamp, FormatsUtcWithSecondPrecision) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(1795882460), "2026-11-28T16:14:20Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59Z");
}

TEST(Timestamp, ParsesWhatItFormats) {
  for (int64_t t : {int64_t{0}, int64_t{1795882460}, int64_t{951782400}, int64_t{4102444799}}) {
    auto parsed = ParseTimestamp(FormatTimestamp(t));
    ASSERT_TRUE(parsed) << t;
    EXPECT_EQ(*parsed, t);
  }
}

TEST(Timestamp, RefusesOtherShapes) {
  for (const char* text :
       {"", "2026-11-28", "2026-11-28 16:14:20Z", "2026-11-28T16:14:20",
        "2026-11-28T16:14:20+00:00", "2026-11-28T24:00:00Z", "2026-11-28T23:60:00Z",
        "2026-11-28T23:59:60Z", "2026-02-30T10:00:00Z", "2026-11-28T1a:14:20Z"}) {
    EXPECT_FALSE(ParseTimestamp(text)) << text;
  }
}

TEST(Clock, FixedClockSaysWhatItIsTold) {
  FixedClock clock(1795882460);
  EXPECT_EQ(clock.NowUnixSeconds(), 1795882460);
  EXPECT_EQ(clock.NowTimestamp(), "2026-11-28T16:14:20Z");
  EXPECT_EQ(clock.Today(), (Date{2026, 11, 28}));
  clock.Set(0);
  EXPECT_EQ(clock.Today(), (Date{1970, 1, 1}));
}

TEST(Clock, SystemClockIsAfterTheProjectBegan) {
  EXPECT_GT(Clock::System().NowUnixSeconds(), 1735689600);  // 2025-01-01
}

}  // namespace
}  // namespace lookout
