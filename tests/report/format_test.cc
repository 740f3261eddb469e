#include "report/format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "core/time.h"
#include "report/doc.h"

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

namespace lookout::report {
namespace {

TEST(PublicUrl, TakesAnAbsoluteHttpOrHttpsAddressWithAHost) {
  for (const char* good : {"https://lookout.example.org", "https://lookout.example.org/",
                           "http://localhost:8080", "HTTPS://Lookout.Example.org",
                           "https://192.0.2.7:8443/lookout", "https://[2001:db8::1]:8443",
                           "https://example.org/prevention/lookout/"}) {
    EXPECT_EQ(PublicUrlProblem(good), "") << good;
  }
}

TEST(PublicUrl, SaysWhatIsWrongWithAnythingElse) {
  EXPECT_EQ(PublicUrlProblem(""), "is empty");
  EXPECT_THAT(PublicUrlProblem("lookout.example.org"), testing::HasSubstr("must start with https://"));
  EXPECT_THAT(PublicUrlProblem("ftp://lookout.example.org"), testing::HasSubstr("must start with https://"));
  EXPECT_THAT(PublicUrlProblem("/reports"), testing::HasSubstr("must start with https://"));
  EXPECT_EQ(PublicUrlProblem("https://"), "has no host name");
  EXPECT_EQ(PublicUrlProblem("https://:8080"), "has no host name");
  EXPECT_EQ(PublicUrlProblem("https://user:pw@lookout.example.org"), "must not hold a user name or password");
  EXPECT_THAT(PublicUrlProblem("https://lookout.example.org?x=1"), testing::HasSubstr("must not have a query"));
  EXPECT_THAT(PublicUrlProblem("https://lookout.example.org/a?x=1"), testing::HasSubstr("must not have a query"));
  EXPECT_THAT(PublicUrlProblem("https://lookout.example.org/#top"), testing::HasSubstr("must not have a fragment"));
  EXPECT_THAT(PublicUrlProblem("https://lookout.example.org:0"), testing::HasSubstr("port out of range"));
  EXPECT_THAT(PublicUrlProblem("https://lookout.example.org:65536"), testing::HasSubstr("port out of range"));
  EXPECT_THAT(PublicUrlProblem("https://lookout.example.org:http"), testing::HasSubstr("not a number"));
  EXPECT_THAT(PublicUrlProblem("https://lookout.example.org:"), testing::HasSubstr("without a port"));
  EXPECT_THAT(PublicUrlProblem("https://look out.org"), testing::HasSubstr("host name cannot hold"));
  EXPECT_THAT(PublicUrlProblem("https://lookout.org/a b"), testing::HasSubstr("spaces"));
  EXPECT_THAT(PublicUrlProblem("https://lookout.org/\"><script>"), testing::HasSubstr("path cannot hold"));
  EXPECT_THAT(PublicUrlProblem("https://[zz::1]"), testing::HasSubstr("IPv6"));
}

TEST(PublicUrl, LosesItsTrailingSlashesSoAPathFollowsIt) {
  EXPECT_EQ(WithoutTrailingSlash("https://lookout.example.org/"), "https://lookout.example.org");
  EXPECT_EQ(WithoutTrailingSlash("https://example.org/lookout//"), "https://example.org/lookout");
  EXPECT_EQ(WithoutTrailingSlash("https://lookout.example.org"), "https://lookout.example.org");
}

TEST(JoinList, JoinsRunsAsProseDoes) {
  const auto words = [](std::vector<std::string> items) {
    std::vector<Inline> runs;
    for (std::string& item : items) runs.push_back({{Span::Kind::kText, std::move(item), "", 0}});
    return InlineText(ReportDoc{}, JoinList(std::move(runs)));
  };
  EXPECT_EQ(words({}), "");
  EXPECT_EQ(words({"professionals"}), "professionals");
  EXPECT_EQ(words({"professionals", "young people"}), "professionals and young people");
  EXPECT_EQ(words({"A", "B", "C"}), "A, B and C");
  EXPECT_EQ(words({"A", "B", "C", "D"}), "A, B, C and D");
}

}  // namespace
}  // namespace lookout::report
