// The text rules every layer shares.
#include "core/text.h"

#include <gtest/gtest.h>

namespace lookout {
namespace {

TEST(Text, TrimsAsciiSpaceBlanksAndNoBreakSpaces) {
  EXPECT_EQ(TrimSpace(" \t\r\n\f\va b\n"), "a b");
  EXPECT_EQ(TrimSpace("   "), "");
  EXPECT_EQ(TrimBlanks(" \tvalue\t "), "value");
  EXPECT_EQ(TrimBlanks("\nvalue\n"), "\nvalue\n");  // only spaces and tabs
  EXPECT_EQ(TrimSpaceAndNbsp("\xC2\xA0 Yes \xC2\xA0"), "Yes");
  EXPECT_EQ(TrimSpaceAndNbsp("caf\xC3\xA9"), "caf\xC3\xA9");  // not a no-break space
}

TEST(Text, ChangesAsciiCaseOnly) {
  EXPECT_EQ(AsciiLower("Hotel \xC3\x89TAPE"), "hotel \xC3\x89tape");
  EXPECT_EQ(LowerFirst("Staff member"), "staff member");
  EXPECT_EQ(UpperFirst("insight"), "Insight");
  EXPECT_EQ(LowerFirst(""), "");
}

TEST(Utf8, FindsTheFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("plain"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("ab\xE9z"), 2u);            // Latin-1
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);           // overlong
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);      // surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);   // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("ok\xE2\x80"), 2u);         // cut short
}

}  // namespace
}  // namespace lookout
