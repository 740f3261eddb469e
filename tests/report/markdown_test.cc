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

TEST(Markdown, DemotedHeadingsKeepTheTextAndLoseRawHtml) {
  const std::string md = DemoteHeadings("# Title\n\n## What we did\n\n<script>x</script>\n\nText <b>bold</b>.\n", 2);
  EXPECT_THAT(md, HasSubstr("### Title"));
  EXPECT_THAT(md, HasSubstr("#### What we did"));
  EXPECT_THAT(md, HasSubstr("Text bold."));
  EXPECT_THAT(md, Not(HasSubstr("<script>")));
  EXPECT_THAT(md, Not(HasSubstr("<b>")));
  // Headings stop at level 6.
  EXPECT_THAT(DemoteHeadings("##### Deep\n", 3), HasSubstr("###### Deep"));
  const std::string html = MarkdownToHtml("## Section\n", 2);
  EXPECT_THAT(html, HasSubstr("<h4>Section</h4>"));
}

}  // namespace
}  // namespace lookout::report
