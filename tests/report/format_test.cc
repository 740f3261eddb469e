#include "report/format.h"

#include <gtest/gtest.h>

#include <limits>

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

}  // namespace
}  // namespace lookout::report
