// Publishing and locks people can see (docs/web.md, docs/reports.md): publishing asks first
// on a page that says what will be locked and who will see it; the reports page says who
// published the period and offers to unlock it instead of publishing again; a form whose
// date falls in a locked period says so before the person starts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>

#include "app/reports/publish.h"
#include "domain/rules.h"
#include "domain/schema.h"
#include "ui_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The banner of a locked period on a form, from its opening tag to its text.
std::string LockBanner(const std::string& html) {
  const size_t start = html.find("data-first=");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</p>", html.find("</p>", start) + 4) - start);
}

class UiPublishTest : public UiPagesTest {
 protected:
  // An approved task of the East Midlands with one briefing of 2 March 2026 that reached
  // 1,200 hospitality professionals, recorded by the officer.
  int64_t TaskWithABriefing() {
    const int64_t task = AddTask("Hotel night staff awareness", "approved");
    Browser officer = SignInWithForm(officer_);
    RecordBriefing(officer, task, "&reach-professionals-hospitality=1200");
    return task;
  }

  // Publishes the impact report of 2025-26 (for `region`, "" for the whole programme) as
  // the manager, confirmed; the published report's path.
  std::string Publish(Browser& manager, const std::string& region = "") {
    auto published = PostForm("/reports/publish", manager,
                              "period=2025-26&region=" + region + "&confirmed=yes");
    EXPECT_TRUE(published);
    if (!published) return "";
    EXPECT_EQ(published->status, 303) << published->body;
    return published->get_header_value("Location");
  }

  // The manager records an NRM referral of 4 March of `year` in `region`.
  httplib::Result PostReferral(Browser& manager, const std::string& year, const std::string& region,
                               const std::string& description) {
    return PostForm("/outcome-events/new", manager,
                    "kind=nrm_referral&occurred_on-day=4&occurred_on-month=3&occurred_on-year=" + year +
                        "&region=" + region + "&description=" + description);
  }

  int64_t PublishedReports() {
    auto list = services_->List(app::Actor::System(), domain::PublishedReportEntity(), {});
    EXPECT_TRUE(list.ok());
    return list.ok() ? list->total : -1;
  }
};

TEST_F(UiPublishTest, PublishingAsksFirstSayingWhatWillBeLockedAndWhoWillSeeIt) {
  TaskWithABriefing();
  if (HasFatalFailure()) return;
  Browser manager = SignInWithForm(manager_);
  // The reports page leads to the question; it no longer publishes at a click.
  auto reports = Client().Get("/reports?period=2025-26", manager.Cookie());
  ASSERT_TRUE(reports);
  EXPECT_THAT(reports->body, HasSubstr("href=\"/reports/publish?period=2025-26\""));
  EXPECT_THAT(reports->body, Not(HasSubstr("action=\"/reports/publish\"")));

  auto ask = Client().Get("/reports/publish?period=2025-26", manager.Cookie());
  ASSERT_TRUE(ask);
  EXPECT_EQ(ask->status, 200);
  const std::string& page = ask->body;
  EXPECT_THAT(page, HasSubstr("Publish the Impact report 2025-26?"));
  // What will be locked: the period's dates, and the records of each kind.
  EXPECT_THAT(page, HasSubstr("1 April 2025 to 31 March 2026"));
  EXPECT_TRUE(std::regex_search(page, std::regex("Activities</th>\\s*<td[^>]*>1</td>"))) << page;
  EXPECT_TRUE(std::regex_search(page, std::regex("Tasks delivered</th>\\s*<td[^>]*>0</td>")));
  EXPECT_THAT(page, HasSubstr("Survey responses</th>"));
  EXPECT_THAT(page, HasSubstr("Outcome events</th>"));
  // Who will see it, and what cannot be undone.
  EXPECT_THAT(page, HasSubstr("Funders (1 funder&apos;s account now)"));
  EXPECT_THAT(page, HasSubstr("The published files never change"));
  EXPECT_THAT(page, HasSubstr("name=\"confirmed\" value=\"yes\""));
  EXPECT_THAT(page, HasSubstr("Publish and lock the period"));

  // A form sent without the confirmation only asks again.
  auto unconfirmed = PostForm("/reports/publish", manager, "period=2025-26&region=");
  ASSERT_TRUE(unconfirmed);
  EXPECT_EQ(unconfirmed->status, 200);
  EXPECT_THAT(unconfirmed->body, HasSubstr("Publish the Impact report 2025-26?"));
  EXPECT_EQ(PublishedReports(), 0);

  const std::string where = Publish(manager);
  EXPECT_THAT(where, HasSubstr("/reports/published/"));
  EXPECT_EQ(PublishedReports(), 1);

  // Asked again, the page says it is published already and offers no button.
  auto again = Client().Get("/reports/publish?period=2025-26", manager.Cookie());
  ASSERT_TRUE(again);
  EXPECT_THAT(again->body, HasSubstr("It is published already. Published on 10 March 2026 by Test manager"));
  EXPECT_THAT(again->body, Not(HasSubstr("Publish and lock the period")));
  // Posted all the same (an old tab), the refusal is said on the same page.
  auto twice = PostForm("/reports/publish", manager, "period=2025-26&region=&confirmed=yes");
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 409);
  EXPECT_THAT(SummaryOf(twice->body), HasSubstr("already published"));
  EXPECT_EQ(PublishedReports(), 1);

  // Only managers publish.
  Browser officer = SignInWithForm(officer_);
  auto refused = Client().Get("/reports/publish?period=2025-26", officer.Cookie());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_F(UiPublishTest, TheConfirmationCountsWhatAOneRegionLockHoldsAndListsTheClaimCheck) {
  TaskWithABriefing();
  if (HasFatalFailure()) return;
  Browser manager = SignInWithForm(manager_);
  // The North East's report locks none of the East Midlands' records.
  auto north_east = Client().Get("/reports/publish?period=2025-26&region=NE", manager.Cookie());
  ASSERT_TRUE(north_east);
  EXPECT_EQ(north_east->status, 200);
  EXPECT_THAT(north_east->body, HasSubstr("Publish the Impact report 2025-26: North East?"));
  EXPECT_TRUE(std::regex_search(north_east->body, std::regex("Activities</th>\\s*<td[^>]*>0</td>")));
  // A quarter of the East Midlands: the briefing of 2 March 2026 is in 2025-26 Q4.
  auto quarter = Client().Get("/reports/publish?period=2025-26%20Q4&region=EM", manager.Cookie());
  ASSERT_TRUE(quarter);
  EXPECT_THAT(quarter->body, HasSubstr("1 January 2026 to 31 March 2026"));
  EXPECT_TRUE(std::regex_search(quarter->body, std::regex("Activities</th>\\s*<td[^>]*>1</td>")));
}

TEST_F(UiPublishTest, TheReportsPageSaysWhoPublishedAndOffersUnlockWithAReasonInsteadOfPublish) {
  TaskWithABriefing();
  if (HasFatalFailure()) return;
  Browser manager = SignInWithForm(manager_);
  const std::string where = Publish(manager);
  const std::string id = where.substr(where.rfind('/') + 1);

  auto reports = Client().Get("/reports?period=2025-26", manager.Cookie());
  ASSERT_TRUE(reports);
  EXPECT_THAT(reports->body, HasSubstr("Published on 10 March 2026 by Test manager; the period is locked."));
  EXPECT_THAT(reports->body, HasSubstr("action=\"/reports/published/" + id + "/unlock\""));
  EXPECT_THAT(reports->body, HasSubstr("name=\"return_to\" value=\"reports\""));
  EXPECT_THAT(reports->body, HasSubstr(">Unlock</button>"));
  EXPECT_THAT(reports->body, Not(HasSubstr("Publish this report")));

  // Officers read who published it, and are offered neither.
  Browser officer = SignInWithForm(officer_);
  auto officers = Client().Get("/reports?period=2025-26", officer.Cookie());
  ASSERT_TRUE(officers);
  EXPECT_THAT(officers->body, HasSubstr("Published on 10 March 2026 by Test manager; the period is locked."));
  EXPECT_THAT(officers->body, Not(HasSubstr("/unlock\"")));
  EXPECT_THAT(officers->body, Not(HasSubstr("Publish this report")));

  // A quarter of the locked year: its records are held by the year's report, and the
  // quarter's own report can still be published.
  auto quarter = Client().Get("/reports?period=2025-26%20Q4", manager.Cookie());
  ASSERT_TRUE(quarter);
  EXPECT_THAT(quarter->body, HasSubstr("Impact report 2025-26: Published on 10 March 2026 by Test "
                                       "manager: its records of 1 April 2025 to 31 March 2026 are locked."));
  EXPECT_THAT(quarter->body, HasSubstr("Publish this report"));

  // Unlocking from the reports page needs a reason; a refusal keeps the page and the form.
  auto no_reason = PostForm("/reports/published/" + id + "/unlock", manager,
                            "version=1&return_to=reports&reason=+");
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 422);
  EXPECT_THAT(no_reason->body, HasSubstr("<h1 class=\"govuk-heading-l\">Reports</h1>"));
  EXPECT_THAT(SummaryOf(no_reason->body), HasSubstr("href=\"#field-reason\""));
  EXPECT_THAT(SummaryOf(no_reason->body), HasSubstr("Say why the period"));
  auto unlocked = PostForm("/reports/published/" + id + "/unlock", manager,
                           "version=1&return_to=reports&reason=A+late+correction");
  ASSERT_TRUE(unlocked);
  ASSERT_EQ(unlocked->status, 303) << unlocked->body;
  EXPECT_EQ(unlocked->get_header_value("Location"), "/reports?period=2025-26");
  auto after = Follow(unlocked, manager);
  ASSERT_TRUE(after);
  EXPECT_THAT(after->body, HasSubstr("is unlocked: its records can change again."));
  EXPECT_THAT(after->body, HasSubstr("Publish this report"));
  EXPECT_THAT(after->body, HasSubstr("Not published"));
  // The reason is kept with the report, and on the audit trail.
  auto report = services_->Get(app::Actor::System(), domain::PublishedReportEntity(), std::stoll(id));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->Get("unlock_reason"), Value("A late correction"));
  auto audit = services_->store().Begin(false);
  ASSERT_TRUE(audit.ok());
  store::AuditQuery query;
  query.action = "unlock";
  auto entries = (*audit)->QueryAudit(query);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->items.size(), 1u);
  EXPECT_EQ(entries->items.front().entry.reason, "A late correction");
  EXPECT_EQ(entries->items.front().entry.actor, "staff:" + std::to_string(manager_.staff_id));
}

TEST_F(UiPublishTest, AFormSaysItsDateFallsInALockedPeriodBeforeThePersonStarts) {
  TaskWithABriefing();
  if (HasFatalFailure()) return;
  Browser manager = SignInWithForm(manager_);
  Publish(manager);
  Browser officer = SignInWithForm(officer_);

  // The activity form opens on today, 10 March 2026: in the locked year.
  auto activity = Client().Get("/activities/new", officer.Cookie());
  ASSERT_TRUE(activity);
  const std::string banner = LockBanner(activity->body);
  EXPECT_THAT(banner, HasSubstr("data-first=\"2025-04-01\" data-last=\"2026-03-31\" data-region=\"\">"));
  EXPECT_THAT(banner, HasSubstr("Records dated 1 April 2025 to 31 March 2026 are locked"));
  EXPECT_THAT(activity->body, HasSubstr("The Impact report 2025-26 was published on 10 March 2026"));
  // The date's hint names the locked periods, and the date is described by it.
  EXPECT_THAT(activity->body, HasSubstr("For example, 27 3 2026. Locked, as their reports are "
                                        "published: 1 April 2025 to 31 March 2026."));
  EXPECT_THAT(activity->body, HasSubstr("aria-describedby=\"field-start_on-hint\""));
  EXPECT_THAT(activity->body, HasSubstr("data-lookout-period-locks data-form=\"/activities/new\""));

  // A quote's form opens without a date: the banner is there for the script, hidden.
  auto quote = Client().Get("/quotes/new", officer.Cookie());
  ASSERT_TRUE(quote);
  EXPECT_THAT(LockBanner(quote->body), HasSubstr("data-region=\"\" hidden>"));
  EXPECT_THAT(quote->body, HasSubstr("Locked, as their reports are published: 1 April 2025 to 31 March 2026."));

  // After a refused save the banner shows beside the refusal, with every value kept.
  auto event = PostReferral(manager, "2026", "EM", "A+referral+after+the+briefing");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->status, 409);
  EXPECT_THAT(LockBanner(event->body), HasSubstr("data-region=\"\">"));
  EXPECT_THAT(SummaryOf(event->body), HasSubstr("locked"));

  // A date outside the locked year: no banner.
  auto earlier = PostReferral(manager, "2027", "EM", "");
  ASSERT_TRUE(earlier);
  EXPECT_EQ(earlier->status, 422);
  EXPECT_THAT(LockBanner(earlier->body), HasSubstr("hidden>"));

  // A campaign is locked by its days, a case study by its period.
  auto campaign = Client().Get("/campaigns/new", manager.Cookie());
  ASSERT_TRUE(campaign);
  EXPECT_THAT(campaign->body, HasSubstr("data-from-field=\"start_on\" data-to-field=\"end_on\" "
                                        "data-region-field=\"regions\""));
  auto study = Client().Get("/case-studies/new?period=2025-26", manager.Cookie());
  ASSERT_TRUE(study);
  EXPECT_THAT(study->body, HasSubstr("data-from-field=\"period\" data-to-field=\"period\" data-period"));
  EXPECT_THAT(LockBanner(study->body), HasSubstr("data-region=\"\">"));

  // Kinds that publishing does not lock carry no banner.
  auto insight = Client().Get("/insight/new", officer.Cookie());
  ASSERT_TRUE(insight);
  EXPECT_THAT(insight->body, Not(HasSubstr("data-lookout-period-locks")));
}

TEST_F(UiPublishTest, ARegionsLockShowsOnlyForThatRegion) {
  TaskWithABriefing();
  if (HasFatalFailure()) return;
  Browser manager = SignInWithForm(manager_);
  Publish(manager, "NE");
  Browser officer = SignInWithForm(officer_);
  // The officer's activity is in the East Midlands: the North East's lock is not theirs.
  auto activity = Client().Get("/activities/new", officer.Cookie());
  ASSERT_TRUE(activity);
  EXPECT_THAT(LockBanner(activity->body), HasSubstr("data-region=\"NE\" hidden>"));
  EXPECT_THAT(activity->body, HasSubstr("1 April 2025 to 31 March 2026 (North East)"));
  // A manager's outcome event in the North East in that year is.
  auto event = PostReferral(manager, "2026", "NE", "");
  ASSERT_TRUE(event);
  EXPECT_THAT(LockBanner(event->body), HasSubstr("data-region=\"NE\">"));
}

}  // namespace
}  // namespace lookout::http
