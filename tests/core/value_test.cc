#include "core/value.h"

#include <gtest/gtest.h>

namespace lookout {
namespace {

TEST(Value, DefaultIsNull) {
  Value v;
  EXPECT_TRUE(v.is_null());
  EXPECT_EQ(v.ToDisplay(), "null");
  EXPECT_EQ(Value(nullptr), Value());
}

TEST(Value, KeepsItsKind) {
  EXPECT_TRUE(Value(3).is_int());
  EXPECT_TRUE(Value(int64_t{3}).is_int());
  EXPECT_TRUE(Value(1.5).is_real());
  EXPECT_TRUE(Value(true).is_bool());
  EXPECT_TRUE(Value("cce").is_text());
  EXPECT_TRUE(Value(Value::List{}).is_list());
  EXPECT_TRUE(Value(Value::Rows{}).is_rows());
}

TEST(Value, IntegersReadAsReals) { EXPECT_DOUBLE_EQ(Value(3).as_real(), 3.0); }

TEST(Value, EqualityComparesKindAndContent) {
  EXPECT_EQ(Value(3), Value(int64_t{3}));
  EXPECT_NE(Value(3), Value(3.0));
  EXPECT_NE(Value("3"), Value(3));
  EXPECT_EQ(Value(Value::List{Value("a"), Value("b")}), Value(Value::List{Value("a"), Value("b")}));
  EXPECT_NE(Value(Value::List{Value("a"), Value("b")}), Value(Value::List{Value("b"), Value("a")}));
}

TEST(Value, DisplaysShortForms) {
  EXPECT_EQ(Value(42).ToDisplay(), "42");
  EXPECT_EQ(Value(false).ToDisplay(), "false");
  EXPECT_EQ(Value(1.5).ToDisplay(), "1.5");
  EXPECT_EQ(Value(Value::List{Value("cse"), Value("cce")}).ToDisplay(), "cse;cce");
  Record row;
  row.Set("count", Value(3));
  EXPECT_EQ(Value(Value::Rows{row, row}).ToDisplay(), "2 rows");
}

TEST(Record, AbsentFieldsReadAsNull) {
  Record r;
  EXPECT_FALSE(r.Has("title"));
  EXPECT_TRUE(r.Get("title").is_null());
  r.Set("title", Value("Roadshow"));
  EXPECT_TRUE(r.Has("title"));
  EXPECT_EQ(r.Get("title").as_text(), "Roadshow");
}

TEST(Record, IdIsZeroUnlessSetAsAnInteger) {
  Record r;
  EXPECT_EQ(r.Id(), 0);
  r.Set("id", Value("7"));
  EXPECT_EQ(r.Id(), 0);
  r.Set("id", Value(7));
  EXPECT_EQ(r.Id(), 7);
}

}  // namespace
}  // namespace lookout
