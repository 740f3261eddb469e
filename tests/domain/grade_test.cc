#include <gtest/gtest.h>

#include "domain/rules.h"

namespace lookout::domain {
namespace {

TEST(Grade, ParsesThePlainForm) {
  auto g = Grade::Parse("1BP");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->source, '1');
  EXPECT_EQ(g->intelligence, 'B');
  EXPECT_EQ(g->handling, 'P');
  EXPECT_EQ(g->ToString(), "1BP");
}

TEST(Grade, ParsesTheBracketedForm) {
  auto g = Grade::Parse("[3EC]");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->ToString(), "3EC");
}

TEST(Grade, ParsesLowerCaseLettersAndWritesUpperCase) {
  auto g = Grade::Parse("2cp");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->ToString(), "2CP");
  ASSERT_TRUE(Grade::Parse("[1ac]"));
  EXPECT_EQ(Grade::Parse("[1ac]")->ToString(), "1AC");
}

TEST(Grade, AcceptsEveryCombinationOfTheThreeScales) {
  int accepted = 0;
  for (char s : std::string("123")) {
    for (char i : std::string("ABCDE")) {
      for (char h : std::string("PC")) {
        const std::string text{s, i, h};
        auto g = Grade::Parse(text);
        ASSERT_TRUE(g) << text;
        EXPECT_EQ(g->ToString(), text);
        ++accepted;
      }
    }
  }
  EXPECT_EQ(accepted, 30);
}

TEST(Grade, RefusesValuesOutsideEachScale) {
  for (const char* text : {"4AP", "0AP", "1FP", "1BX", "1BA", "B24", "ABP", "11P", "1B1"}) {
    EXPECT_FALSE(Grade::Parse(text)) << text;
  }
}

TEST(Grade, RefusesOtherShapes) {
  for (const char* text : {"", "1B", "1BPP", "[1BP", "1BP]", "[]", "[1B]", " 1BP", "1BP ", "1 B P",
                           "(1BP)", "[[1BP]]"}) {
    EXPECT_FALSE(Grade::Parse(text)) << text;
  }
}

TEST(LegacyGrade, ParsesSourceLetterAndTwoDigits) {
  auto g = LegacyGrade::Parse("B24");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->source, 'B');
  EXPECT_EQ(g->intelligence, '2');
  EXPECT_EQ(g->handling, '4');
  EXPECT_EQ(g->ToString(), "B24");
  EXPECT_EQ(LegacyGrade::Parse("e55")->ToString(), "E55");
  EXPECT_EQ(LegacyGrade::Parse("[A11]")->ToString(), "A11");
}

TEST(LegacyGrade, RefusesValuesOutsideEachScale) {
  for (const char* text : {"F11", "A61", "A16", "A01", "A10", "1BP", "BB4", "B2", "B245", ""}) {
    EXPECT_FALSE(LegacyGrade::Parse(text)) << text;
  }
}

TEST(LegacyGrade, TheTwoScalesNeverReadEachOther) {
  for (const char* text : {"1AP", "2BC", "3EP"}) EXPECT_FALSE(LegacyGrade::Parse(text)) << text;
  for (const char* text : {"A11", "B24", "E55"}) EXPECT_FALSE(Grade::Parse(text)) << text;
}

}  // namespace
}  // namespace lookout::domain
