// The database URL is printed in banners and errors: never with its password.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/command.h"

namespace lookout::cli {
namespace {

std::string Label(const std::string& url) {
  std::ostringstream out, err;
  Context context(url, out, err, false);
  return context.database_label();
}

TEST(DatabaseLabel, HidesThePasswordOfAPostgresqlUrl) {
  EXPECT_EQ(Label("postgresql://lookout:TopSecret42@db.internal:5432/lookout"),
            "postgresql://lookout:***@db.internal:5432/lookout");
  EXPECT_EQ(Label("postgresql://db.internal/lookout?user=lookout&password=TopSecret42&sslmode=require"),
            "postgresql://db.internal/lookout?user=lookout&password=***&sslmode=require");
}

TEST(DatabaseLabel, LeavesUrlsWithoutAPasswordAlone) {
  EXPECT_EQ(Label("postgresql://lookout@127.0.0.1:5432/lookout"),
            "postgresql://lookout@127.0.0.1:5432/lookout");
  EXPECT_EQ(Label("sqlite:var/lookout.db"), "sqlite:var/lookout.db");
}

}  // namespace
}  // namespace lookout::cli
