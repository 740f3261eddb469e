#include "report/format.h"

#include <gtest/gtest.h>

#include <limits>

#include "core/time.h"

namespace lookout::report {
namespace {

TEST(Thousands, SeparatesThousandsWithCommas) {
  EXPECT_EQ(Thousands(0), "0");
  EXPECT_EQ(Thousands(999), "999");
  EXPECT_EQ(Thousands(12885), "12,885");
  EXPECT_EQ(Thousands(1000000), "1,000,000");
  EXPECT_EQ(Thousands(-1000), "-1,000");
  EXPECT_EQ(Thousands(std::numeric_limits<int64_t>::min()), "-9,223,372,036,854,775,808");
}

TEST(LondonTime, SummerTimeStartsAndEndsAtOneInTheMorningUtcOnTheLastSundays) {
  auto at = [](const char* text) { return *ParseTimestamp(text); };
  EXPECT_EQ(LondonUtcOffsetSeconds(at("2026-01-15T12:00:00Z")), 0);
  EXPECT_EQ(LondonUtcOffsetSeconds(at("2026-03-29T00:59:59Z")), 0);
  EXPECT_EQ(LondonUtcOffsetSeconds(at("2026-03-29T01:00:00Z")), 3600);
  EXPECT_EQ(LondonUtcOffsetSeconds(at("2026-07-01T12:00:00Z")), 3600);
  EXPECT_EQ(LondonUtcOffsetSeconds(at("2026-10-25T00:59:59Z")), 3600);
  EXPECT_EQ(LondonUtcOffsetSeconds(at("2026-10-25T01:00:00Z")), 0);
  EXPECT_EQ(LondonUtcOffsetSeconds(at("2025-03-30T01:00:00Z")), 3600);  // 2025: 30 March
  EXPECT_EQ(LondonUtcOffsetSeconds(at("2025-03-29T12:00:00Z")), 0);
}

TEST(LondonTime, SaysTheClockTimeAndTheDayInWords) {
  auto at = [](const char* text) { return *ParseTimestamp(text); };
  // Summer: 13:05 UTC is 14:05 in London.
  EXPECT_EQ(LondonTimeInWords(at("2026-07-01T13:05:00Z"), at("2026-07-01T09:00:00Z")), "14:05 today");
  // 23:30 UTC on 1 July is already 2 July in London.
  EXPECT_EQ(LondonTimeInWords(at("2026-07-01T23:30:00Z"), at("2026-07-01T12:00:00Z")), "00:30 tomorrow");
  EXPECT_EQ(LondonTimeInWords(at("2026-12-09T14:05:00Z"), at("2026-12-08T10:00:00Z")), "14:05 tomorrow");
  EXPECT_EQ(LondonTimeInWords(at("2026-12-07T23:10:00Z"), at("2026-12-08T10:00:00Z")), "23:10 yesterday");
  EXPECT_EQ(LondonTimeInWords(at("2026-12-09T14:05:00Z"), at("2026-12-01T10:00:00Z")),
            "14:05 on 9 December 2026");
}

}  // namespace
}  // namespace lookout::report
