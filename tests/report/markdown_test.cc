#include "report/markdown.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lookout::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Markdown, RendersHeadingsListsAndEmphasis) {
  const std::string html =
      MarkdownToHtml("## What changed\n\n- a *new* referral route\n- **two** partners\n");
  EXPECT_THAT(html, HasSubstr("<h2>What changed</h2>"));
  EXPECT_THAT(html, HasSubstr("<li>a <em>new</em> referral route</li>"));
  EXPECT_THAT(html, HasSubstr("<strong>two</strong>"));
}

TEST(Markdown, LeavesOutRawHtmlAndDangerousLinks) {
  const std::string html =
      MarkdownToHtml("<script>alert(1)</script>\n\n[click](javascript:alert(1)) <b>bold</b> & <\n");
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, Not(HasSubstr("javascript:")));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
  EXPECT_THAT(html, HasSubstr("&amp; &lt;"));
}

}  // namespace
}  // namespace lookout::report
