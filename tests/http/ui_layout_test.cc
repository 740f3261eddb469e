// What every page shares and what a person notices on any of them: the navigation that
// folds behind a menu button on a narrow screen (and shows every link without
// JavaScript), Lookout's icon, and periods chosen from the programme's own.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/schema.h"
#include "ui_page_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class UiLayoutTest : public UiPageTest {};

TEST_F(UiLayoutTest, TheNavigationFoldsBehindAMenuButtonAndKeepsEveryLinkInThePage) {
  const std::string home = Page(SignIn(manager_), "/");
  // GOV.UK Frontend's service navigation, with its menu toggle (shown by its script on a
  // narrow screen), controlling the list of links.
  EXPECT_THAT(home, HasSubstr("class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\""));
  EXPECT_THAT(home, HasSubstr("<button type=\"button\" class=\"govuk-service-navigation__toggle "
                              "govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden"));
  EXPECT_THAT(home, HasSubstr("<ul class=\"govuk-service-navigation__list\" id=\"navigation\">"));
  // Without JavaScript the button stays hidden and every link is in the page.
  for (const char* link : {"/insight", "/tasks", "/activities", "/reports", "/tasking"}) {
    EXPECT_THAT(home, HasSubstr(std::string("class=\"govuk-service-navigation__link\" href=\"") + link + "\""));
  }
}

TEST_F(UiLayoutTest, EveryPageLinksLookoutsIconAndBrowsersFindItWhereTheyLook) {
  auto sign_in = Client().Get("/sign-in");
  ASSERT_TRUE(sign_in);
  for (const std::string& page : {sign_in->body, Page(SignIn(officer_), "/")}) {
    EXPECT_THAT(page, HasSubstr("<link rel=\"icon\" href=\"/assets/favicon.ico?v=test\" sizes=\"32x32\">"));
    EXPECT_THAT(page, HasSubstr("<link rel=\"icon\" href=\"/assets/favicon.svg?v=test\" type=\"image/svg+xml\">"));
    EXPECT_THAT(page, HasSubstr("<link rel=\"apple-touch-icon\" href=\"/assets/apple-touch-icon.png?v=test\">"));
  }
  auto icon = Client().Get("/favicon.ico");
  ASSERT_TRUE(icon);
  EXPECT_EQ(icon->status, 200);
  EXPECT_EQ(icon->get_header_value("Content-Type"), "image/x-icon");
  EXPECT_EQ(icon->body, "stand-in icon\n");
}

TEST_F(UiLayoutTest, ASurveysPeriodIsChosenFromTheProgrammesPeriods) {
  Browser b = SignIn(manager_);
  const std::string form = Page(b, "/surveys/new");
  EXPECT_THAT(form, HasSubstr("<select class=\"govuk-select\" id=\"field-period\" name=\"period\""));
  // Today is in 2025-26: from 2022-23 to 2026-27, each year and its quarters, named.
  EXPECT_THAT(form, HasSubstr("<option value=\"2025-26\">2025-26 (April 2025 to March 2026)</option>"));
  EXPECT_THAT(form, HasSubstr("<option value=\"2025-26 Q4\">2025-26 Q4 (January to March 2026)</option>"));
  EXPECT_THAT(form, HasSubstr("<option value=\"2026-27 Q1\">"));
  EXPECT_THAT(form, HasSubstr("<option value=\"2022-23\">"));
  EXPECT_THAT(form, Not(HasSubstr("<option value=\"2021-22\">")));
  auto saved = PostForm("/surveys/new", b, "title=Station+staff+survey&kind=stakeholder_survey&period=2025-26+Q4");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 303) << saved->body;

  // A survey of a period outside that range keeps its period on the form.
  Record old;
  old.Set("title", "Baseline survey");
  old.Set("kind", "stakeholder_survey");
  old.Set("period", "2019-20");
  auto made = services_->Create(app::Actor::System(), *domain::FindEntity("survey"), old);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  const std::string edit = Page(b, "/surveys/" + std::to_string(made->record.Id()) + "/edit");
  EXPECT_THAT(edit, HasSubstr("<option value=\"2019-20\" selected>2019-20 (April 2019 to March 2020)</option>"));
}

TEST_F(UiLayoutTest, ListsAndReportsOfferTheSamePeriods) {
  Browser b = SignIn(manager_);
  // The case studies' period filter offered no period at all.
  const std::string list = Page(b, "/case-studies?period=2025-26");
  EXPECT_THAT(list, HasSubstr("<option value=\"2025-26\" selected>2025-26 (April 2025 to March 2026)</option>"));
  const std::string reports = Page(b, "/reports?period=2025-26%20Q3");
  EXPECT_THAT(reports, HasSubstr("<option value=\"2025-26 Q3\" selected>2025-26 Q3 (October to December 2025)</option>"));
}

}  // namespace
}  // namespace lookout::http
