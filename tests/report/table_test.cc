// Tables as Markdown and as aligned text.
#include "report/table.h"

#include <gtest/gtest.h>

namespace lookout::report {
namespace {

TEST(Table, MarkdownEscapesBarsAndLineBreaks) {
  Table t;
  t.columns = {"a", "b"};
  t.AddRow({"x|y", "one\ntwo"});
  EXPECT_EQ(RenderMarkdown(t), "| a | b |\n| --- | --- |\n| x\\|y | one two |\n");
}

TEST(Table, TextAlignsColumns) {
  Table t;
  t.columns = {"version", "name"};
  t.AddRow({"1", "initial"});
  EXPECT_EQ(RenderText(t), "version  name\n-------  -------\n1        initial\n");
}

}  // namespace
}  // namespace lookout::report
