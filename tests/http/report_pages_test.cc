// The reports the web gives: their links are absolute, built from the public-url setting,
// else from the address the browser asked for (Host, or X-Forwarded-Host from a trusted
// proxy), never from a header anyone else can forge; and they name regions as the
// administrator words them on the Regions page.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "api_fixture.h"
#include "auth_test_util.h"
#include "ui_fixture.h"
#include "domain/schema.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Every href of a report's HTML (the notes' own "#note-n" marks left out).
std::set<std::string> Links(const std::string& html) {
  std::set<std::string> out;
  const std::regex href("href=\"([^\"#][^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

// Header names are stored in lower case; asking for one as it is usually written ("Host")
// finds it too, so no lookup can silently miss.
TEST(RequestHeader, IsFoundWhateverTheCaseOfItsName) {
  Request request;
  request.headers["host"] = "lookout.example.org";
  request.headers["x-forwarded-host"] = "proxy.example.org";
  ASSERT_NE(request.Header("Host"), nullptr);
  EXPECT_EQ(*request.Header("Host"), "lookout.example.org");
  EXPECT_EQ(*request.Header("host"), "lookout.example.org");
  EXPECT_EQ(*request.Header("X-Forwarded-Host"), "proxy.example.org");
  EXPECT_EQ(request.Header("Content-Type"), nullptr);
}

class ReportLinksTest : public UiPagesTest {
 protected:
  void SetUp() override {
    UiPagesTest::SetUp();
    if (HasFatalFailure()) return;
    // An activity of the period, so that the report has figures that link to records.
    Browser officer = SignInWithForm(officer_);
    RecordBriefing(officer, AddTask("Hotel night staff awareness", "in_progress"), "&reach-public=30");
    if (HasFatalFailure()) return;
    browser_ = SignIn(manager_);
  }

  // The impact report's HTML, asked for with `headers` besides the session's cookie.
  std::string ReportHtml(const httplib::Headers& headers) {
    httplib::Headers all = browser_.Cookie();
    all.insert(headers.begin(), headers.end());
    auto res = Client().Get("/reports/impact?period=2025-26&format=html", all);
    EXPECT_TRUE(res);
    if (!res) return "";
    EXPECT_EQ(res->status, 200) << res->body;
    return res->body;
  }

  Browser browser_;
};

TEST_F(ReportLinksTest, WithoutAPublicUrlLinksFollowTheAddressTheBrowserAskedFor) {
  const std::set<std::string> links = Links(ReportHtml({{"Host", "reports.example.test:8443"}}));
  ASSERT_FALSE(links.empty());
  for (const std::string& link : links) {
    EXPECT_EQ(link.rfind("http://reports.example.test:8443/", 0), 0u) << link;
  }
  EXPECT_TRUE(links.count("http://reports.example.test:8443/activities?from=2025-04-01&amp;to=2026-03-31"));
  // X-Forwarded-Host from a client that is no trusted proxy is not believed.
  for (const std::string& link : Links(ReportHtml({{"Host", "reports.example.test"},
                                                   {"X-Forwarded-Host", "attacker.example"}}))) {
    EXPECT_EQ(link.rfind("http://reports.example.test/", 0), 0u) << link;
  }
  // A Host that is not a host name and port gives no links rather than strange ones.
  const std::string odd = ReportHtml({{"Host", "evil.example/phish?x="}});
  EXPECT_TRUE(Links(odd).empty());
  EXPECT_THAT(odd, HasSubstr("without Lookout&#39;s public address"));
}

class ReportLinksBehindProxyTest : public ReportLinksTest {
 protected:
  std::vector<std::string> TrustedProxies() const override { return {"127.0.0.1"}; }
};

TEST_F(ReportLinksBehindProxyTest, ATrustedProxyGivesTheHostAndScheme) {
  const std::set<std::string> links = Links(ReportHtml(
      {{"Host", "127.0.0.1:8080"}, {"X-Forwarded-Host", "lookout.example.net"}, {"X-Forwarded-Proto", "https"}}));
  ASSERT_FALSE(links.empty());
  for (const std::string& link : links) EXPECT_EQ(link.rfind("https://lookout.example.net/", 0), 0u) << link;
}

class ReportLinksWithPublicUrlTest : public ReportLinksTest {
 protected:
  std::string PublicUrl() const override { return "https://lookout.example.org"; }
};

TEST_F(ReportLinksWithPublicUrlTest, DownloadsAndPublishedFilesLinkToThePublicUrl) {
  const std::set<std::string> links = Links(ReportHtml({{"Host", "127.0.0.1:8080"}}));
  ASSERT_FALSE(links.empty());
  for (const std::string& link : links) EXPECT_EQ(link.rfind("https://lookout.example.org/", 0), 0u) << link;

  // Published: the frozen files carry the same links.
  auto published = Client().Post("/reports/publish", browser_.Cookie(),
                                 "period=2025-26&region=&confirmed=yes&csrf_token=" + browser_.csrf,
                                 "application/x-www-form-urlencoded");
  ASSERT_TRUE(published);
  ASSERT_EQ(published->status, 303) << published->body;
  const std::string location = published->get_header_value("Location");
  const std::string id = location.substr(std::string("/reports/published/").size(),
                                         location.find('?') - std::string("/reports/published/").size());
  auto html = Client().Get(("/reports/published/" + id + "/file?format=html").c_str(), browser_.Cookie());
  ASSERT_TRUE(html);
  ASSERT_EQ(html->status, 200);
  for (const std::string& link : Links(html->body)) {
    EXPECT_EQ(link.rfind("https://lookout.example.org/", 0), 0u) << link;
  }
  auto json = Client().Get(("/reports/published/" + id + "/file?format=json").c_str(), browser_.Cookie());
  ASSERT_TRUE(json);
  EXPECT_THAT(json->body, HasSubstr("\"link\": \"https://lookout.example.org/activities?"));
  EXPECT_THAT(json->body, Not(HasSubstr("\"link\": \"/")));
}

// An administrator words a region's name in sentences on the Regions page; the reports
// follow.
TEST_F(ReportLinksTest, TheRegionsPageChangesHowReportsNameARegion) {
  auto regions = services_->ExportAll(app::Actor::System(), domain::RegionEntity());
  ASSERT_TRUE(regions.ok());
  int64_t em = 0;
  for (const Record& r : *regions) {
    if (r.Get("code") == Value("EM")) em = r.Id();
  }
  ASSERT_NE(em, 0);
  const authtest::TestUser admin = authtest::AddTestUser(*services_, *accounts_, "admin");
  const Browser b = SignIn(admin);
  const std::string path = "/admin/regions/" + std::to_string(em) + "/edit";
  auto form = Client().Get(path.c_str(), b.Cookie());
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200);
  EXPECT_THAT(form->body, HasSubstr("Name in sentences"));
  EXPECT_THAT(form->body, HasSubstr("value=\"the East Midlands\""));
  auto saved = Client().Post(path.c_str(), b.Cookie(),
                             "code=EM&name=East+Midlands&prose_name=the+East+Midlands+region&nation=England"
                             "&aliases=&version=1&csrf_token=" + b.csrf,
                             "application/x-www-form-urlencoded");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 303) << saved->body;
  auto md = Client().Get("/reports/impact?period=2025-26&region=EM&format=md", browser_.Cookie());
  ASSERT_TRUE(md);
  EXPECT_THAT(md->body, HasSubstr("Throughout 2025-26, in the East Midlands region, the programme has:"));
}

}  // namespace
}  // namespace lookout::http
