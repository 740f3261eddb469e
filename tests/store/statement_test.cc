// The typed statement layer under the store: placeholders, typed reads, batches, cache.
#include "store/sql/statement.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace lookout::store::sql {
namespace {

class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_.open(soci::sqlite3, ":memory:");
    session_ << "CREATE TABLE t (i INTEGER, r REAL, s TEXT)";
  }
  soci::session session_;
  StatementCache cache_{2};
};

TEST_F(StatementTest, AppendRenumbersTheOtherBuildersPlaceholders) {
  SqlBuilder where;
  where << " WHERE i = ";
  where.Param(Kind::kInt, int64_t{1}) << " OR s = ";
  where.Param(Kind::kText, "x");
  SqlBuilder q;
  q << "SELECT ";
  q.Param(Kind::kInt, int64_t{7}) << " FROM t";
  q.Append(where);
  EXPECT_EQ(q.sql(), "SELECT :p1 FROM t WHERE i = :p2 OR s = :p3");
  ASSERT_EQ(q.values().size(), 3u);
  EXPECT_EQ(q.values()[2], Value("x"));
}

TEST_F(StatementTest, ReadsTypedColumnsAndNulls) {
  SqlBuilder insert;
  insert << "INSERT INTO t (i, r, s) VALUES (";
  insert.Param(Kind::kInt, true) << ", ";
  insert.Param(Kind::kReal, int64_t{2}) << ", ";
  insert.Param(Kind::kText, Value()) << ")";
  EXPECT_EQ(cache_.Run(session_, insert, {}), 1);
  SqlBuilder select;
  select << "SELECT i, r, s FROM t";
  std::vector<Value> row;
  cache_.Run(session_, select, {Kind::kInt, Kind::kReal, Kind::kText}, [&](const RowView& r) {
    row = {r.Get(0), r.Get(1), r.Get(2)};
  });
  ASSERT_EQ(row.size(), 3u);
  EXPECT_EQ(row[0], Value(int64_t{1}));
  EXPECT_EQ(row[1], Value(2.0));
  EXPECT_TRUE(row[2].is_null());
}

TEST_F(StatementTest, FetchesResultsLongerThanOneBatchInOrder) {
  SqlBuilder select;
  select << "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000) "
            "SELECT x, 'row ' || x FROM n";
  for (int pass = 0; pass < 2; ++pass) {  // the second run reuses the prepared statement
    std::vector<int64_t> seen;
    cache_.Run(session_, select, {Kind::kInt, Kind::kText}, [&](const RowView& r) {
      seen.push_back(r.Int(0));
      EXPECT_EQ(r.Text(1), "row " + std::to_string(r.Int(0)));
    });
    ASSERT_EQ(seen.size(), 1000u);
    for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], static_cast<int64_t>(i + 1));
  }
}

TEST_F(StatementTest, KeepsWorkingPastItsBoundAndAfterAFailure) {
  for (int round = 0; round < 3; ++round) {
    for (int n = 1; n <= 4; ++n) {
      SqlBuilder q;
      q << "SELECT " << std::to_string(n) << " + ";
      q.Param(Kind::kInt, int64_t{round});
      int64_t got = 0;
      cache_.Run(session_, q, {Kind::kInt}, [&](const RowView& r) { got = r.Int(0); });
      EXPECT_EQ(got, n + round);
    }
  }
  SqlBuilder bad;
  bad << "INSERT INTO t (i) VALUES (";
  bad.Param(Kind::kInt, "not a number") << ")";
  EXPECT_THROW(cache_.Run(session_, bad, {}), soci::soci_error);
  SqlBuilder good;
  good << "INSERT INTO t (i) VALUES (";
  good.Param(Kind::kInt, int64_t{5}) << ")";
  EXPECT_EQ(cache_.Run(session_, good, {}), 1);
}

}  // namespace
}  // namespace lookout::store::sql
