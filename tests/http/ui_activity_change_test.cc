// Changing and archiving an activity from its page (the record form, prefilled with its
// reach grid; stale-edit protection; the figures and the audit trail follow), and the
// tasking minutes recording every decision of the meeting, "changes asked" included.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "domain/rules.h"
#include "domain/schema.h"
#include "ui_fixture.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ActivityChangeTest : public UiPagesTest {
 protected:
  // An activity of the East Midlands recorded by the officer through the form, with 12
  // hospitality professionals and about 30 of the public; its id.
  int64_t RecordedActivity(Browser& officer) {
    task_ = AddTask("Hotel night staff awareness", "approved");
    RecordBriefing(officer, task_, "&reach-professionals-hospitality=12&reach-public=30&reach-public-estimated=true");
    auto found = services_->List(app::Actor::System(), domain::ActivityEntity(), {});
    EXPECT_TRUE(found.ok() && found->total == 1);
    return found.ok() && !found->items.empty() ? found->items[0].Id() : 0;
  }

  // The people reached in March 2026 in the East Midlands, as the figures sum them.
  int64_t ReachedInMarch() {
    auto rows = services_->Reach(app::Actor::System(), {.from = "2026-03-01", .to = "2026-03-31", .region = "EM"});
    EXPECT_TRUE(rows.ok());
    int64_t total = 0;
    if (rows.ok()) {
      for (const store::ReachRow& r : *rows) total += r.count;
    }
    return total;
  }

  std::vector<store::AuditEntry> Audit(int64_t id) {
    auto tx = store_->Begin(false);
    EXPECT_TRUE(tx.ok());
    auto entries = (*tx)->ListAudit("activity", id, 50);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<store::AuditEntry>{};
  }

  int64_t task_ = 0;
};

constexpr const char* kChanged =
    "&type=training_session&title=Night+staff+briefing%2C+Derby"
    "&start_on-day=2&start_on-month=3&start_on-year=2026&region=EM"
    "&reach-professionals-hospitality=15&reach-public=30&reach-public-estimated=true";

TEST_F(ActivityChangeTest, AnActivityIsChangedFromItsPageAndTheFiguresAndAuditFollow) {
  Browser b = SignInWithForm(officer_);
  const int64_t id = RecordedActivity(b);
  if (HasFatalFailure()) return;
  const std::string path = "/activities/" + std::to_string(id);
  EXPECT_EQ(ReachedInMarch(), 42);

  auto page = Client().Get(path.c_str(), b.Cookie());
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("href=\"" + path + "/edit\""));
  EXPECT_THAT(page->body, HasSubstr("action=\"" + path + "/archive\""));

  // The form is the one that records an activity, prefilled: the reach grid too.
  auto form = Client().Get((path + "/edit").c_str(), b.Cookie());
  ASSERT_TRUE(form);
  ASSERT_EQ(form->status, 200);
  EXPECT_THAT(form->body, HasSubstr("Change the activity"));
  EXPECT_THAT(form->body, HasSubstr("action=\"" + path + "/edit\""));
  EXPECT_THAT(form->body, HasSubstr("name=\"version\" value=\"1\""));
  EXPECT_THAT(form->body, HasSubstr("name=\"reach-professionals-hospitality\" type=\"text\" inputmode=\"numeric\" spellcheck=\"false\" value=\"12\""));
  EXPECT_THAT(form->body, HasSubstr("name=\"reach-public-estimated\" type=\"checkbox\" value=\"true\" checked"));
  EXPECT_THAT(form->body, HasSubstr("value=\"Night staff briefing\""));
  EXPECT_THAT(form->body, HasSubstr("name=\"new_partner_name\""));

  // Every problem at once, every value kept.
  auto bad = PostForm(path + "/edit", b,
                      "version=1&task=" + std::to_string(task_) +
                          "&type=training_session&title=&start_on-day=31&start_on-month=2&start_on-year=2026"
                          "&region=EM&reach-professionals-hospitality=lots&reach-public=30");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_THAT(bad->body, HasSubstr("Title is required"));
  EXPECT_THAT(bad->body, HasSubstr("Date must be a real date"));
  EXPECT_THAT(bad->body, HasSubstr("Hospitality and hotels: enter how many people"));
  EXPECT_THAT(bad->body, HasSubstr("value=\"lots\""));
  EXPECT_THAT(bad->body, HasSubstr("name=\"version\" value=\"1\""));

  auto saved = PostForm(path + "/edit", b, "version=1&task=" + std::to_string(task_) + kChanged);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_EQ(saved->get_header_value("Location"), path);
  auto after = Follow(saved, b);
  ASSERT_TRUE(after);
  EXPECT_THAT(after->body, HasSubstr("Activity &quot;Night staff briefing, Derby&quot; has been changed."));
  EXPECT_THAT(after->body, HasSubstr("Who it reached: approximately 45"));
  EXPECT_EQ(ReachedInMarch(), 45);

  // The audit trail keeps the counts before and after.
  bool found = false;
  for (const store::AuditEntry& e : Audit(id)) {
    if (e.action != "update") continue;
    const nlohmann::json changes = nlohmann::json::parse(e.changes);
    ASSERT_TRUE(changes.contains("audience")) << e.changes;
    EXPECT_EQ(changes["audience"][0][0]["count"], 12) << e.changes;
    EXPECT_EQ(changes["audience"][1][0]["count"], 15) << e.changes;
    found = true;
  }
  EXPECT_TRUE(found) << "no update of the activity in the audit trail";
}

TEST_F(ActivityChangeTest, AChangeOnAStaleCopyKeepsTheFormAndShowsWhatTheOtherPersonSaved) {
  Browser b = SignInWithForm(officer_);
  const int64_t id = RecordedActivity(b);
  if (HasFatalFailure()) return;
  const std::string path = "/activities/" + std::to_string(id);
  Browser manager = SignInWithForm(manager_);
  auto first = PostForm(path + "/edit", manager,
                        "version=1&task=" + std::to_string(task_) +
                            "&type=training_session&title=Night+staff+briefing"
                            "&start_on-day=2&start_on-month=3&start_on-year=2026&region=EM"
                            "&reach-professionals-hospitality=20");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 303) << first->body;

  auto stale = PostForm(path + "/edit", b, "version=1&task=" + std::to_string(task_) + kChanged);
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_THAT(stale->body, HasSubstr("Someone else saved this activity after you opened it"));
  // What they saved, beside what this person typed (kept).
  EXPECT_THAT(stale->body, HasSubstr("Who it reached"));
  EXPECT_THAT(stale->body, HasSubstr("Hospitality and hotels: 20"));
  EXPECT_THAT(stale->body, HasSubstr("value=\"Night staff briefing, Derby\""));
  EXPECT_THAT(stale->body, HasSubstr("value=\"15\""));
  EXPECT_THAT(stale->body, HasSubstr("name=\"version\" value=\"2\""));
  // Saving again replaces theirs.
  auto again = PostForm(path + "/edit", b, "version=2&task=" + std::to_string(task_) + kChanged);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 303) << again->body;
  EXPECT_EQ(ReachedInMarch(), 45);
}

TEST_F(ActivityChangeTest, AnArchivedActivityLeavesTheFiguresWithItsReasonInTheAuditTrail) {
  Browser b = SignInWithForm(officer_);
  const int64_t id = RecordedActivity(b);
  if (HasFatalFailure()) return;
  const std::string path = "/activities/" + std::to_string(id);
  auto stale = PostForm(path + "/archive", b, "version=7&reason=Recorded+twice");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_THAT(stale->body, HasSubstr("govuk-error-summary"));
  EXPECT_THAT(stale->body, HasSubstr("value=\"Recorded twice\""));

  auto archived = PostForm(path + "/archive", b, "version=1&reason=Recorded+twice");
  ASSERT_TRUE(archived);
  ASSERT_EQ(archived->status, 303) << archived->body;
  auto page = Follow(archived, b);
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("Activity &quot;Night staff briefing&quot; has been archived."));
  EXPECT_THAT(page->body, HasSubstr("Its people reached are left out of every figure."));
  EXPECT_THAT(page->body, HasSubstr("action=\"" + path + "/restore\""));
  EXPECT_THAT(page->body, Not(HasSubstr("href=\"" + path + "/edit\"")));
  EXPECT_EQ(ReachedInMarch(), 0);
  bool reason = false;
  for (const store::AuditEntry& e : Audit(id)) reason = reason || (e.action == "archive" && e.reason == "Recorded twice");
  EXPECT_TRUE(reason);

  auto restored = PostForm(path + "/restore", b, "version=2");
  ASSERT_TRUE(restored);
  ASSERT_EQ(restored->status, 303) << restored->body;
  EXPECT_EQ(ReachedInMarch(), 42);
}

TEST_F(ActivityChangeTest, AnOfficerOfAnotherRegionIsOfferedNeitherChangeNorArchive) {
  Browser b = SignInWithForm(officer_);
  const int64_t id = RecordedActivity(b);
  if (HasFatalFailure()) return;
  const std::string path = "/activities/" + std::to_string(id);
  Browser other = SignInWithForm(other_officer_);
  auto page = Client().Get(path.c_str(), other.Cookie());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, Not(HasSubstr("Change the activity")));
  EXPECT_THAT(page->body, Not(HasSubstr("/archive\"")));
  auto form = Client().Get((path + "/edit").c_str(), other.Cookie());
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 403);
  auto refused = PostForm(path + "/edit", other, "version=1&task=" + std::to_string(task_) + kChanged);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(ReachedInMarch(), 42);
}

TEST_F(UiPagesTest, TheMinutesRecordEveryDecisionOfTheMeetingChangesAskedIncluded) {
  const int64_t approve = AddTask("Station staff briefings", "proposed");
  const int64_t reject = AddTask("Leaflets for every bus", "proposed");
  const int64_t changes = AddTask("Hotel night staff awareness", "proposed");
  Browser b = SignInWithForm(manager_);
  for (const auto& [id, body] :
       {std::pair{approve, std::string("version=1&decision=approved&lead=") + std::to_string(officer_.staff_id)},
        std::pair{reject, std::string("version=1&decision=rejected&reason=No+budget+this+year")},
        std::pair{changes, std::string("version=1&decision=changes&reason=%3DName+the+two+hotels+first")}}) {
    auto decided = PostForm("/tasking/" + std::to_string(id), b, body);
    ASSERT_TRUE(decided);
    ASSERT_EQ(decided->status, 303) << decided->body;
  }
  auto minutes = Client().Get("/tasking/minutes?date=2026-03-10", b.Cookie());
  ASSERT_TRUE(minutes);
  ASSERT_EQ(minutes->status, 200);
  EXPECT_THAT(minutes->body, HasSubstr("Station staff briefings"));
  EXPECT_THAT(minutes->body, HasSubstr("No budget this year"));
  EXPECT_THAT(minutes->body, HasSubstr("Changes asked"));
  EXPECT_THAT(minutes->body, HasSubstr("=Name the two hotels first"));

  auto csv = Client().Get("/tasking/minutes?date=2026-03-10&format=csv", b.Cookie());
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_THAT(csv->body, HasSubstr(",Approved,"));
  EXPECT_THAT(csv->body, HasSubstr(",Rejected,No budget this year,"));
  // What the meeting asked, with who asked it; a formula is written as text.
  EXPECT_THAT(csv->body, HasSubstr("Hotel night staff awareness,Changes asked,'=Name the two hotels first,"));
  EXPECT_THAT(csv->body, HasSubstr(",Test manager,"));

  // The request stays in the proposal's history after the proposal is changed.
  auto task = services_->Get(app::Actor::System(), domain::TaskEntity(), changes);
  ASSERT_TRUE(task.ok());
  Record change;
  change.Set("title", "Hotel night staff awareness, Derby and Leicester");
  ASSERT_TRUE(services_->Update(app::Actor::System(), domain::TaskEntity(), changes,
                                task->Get("version").as_int(), change).ok());
  auto page = Client().Get(("/tasks/" + std::to_string(changes)).c_str(), b.Cookie());
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr("Changes asked by the tasking meeting"));
  EXPECT_THAT(page->body, HasSubstr("=Name the two hotels first"));
  auto again = Client().Get("/tasking/minutes?date=2026-03-10&format=csv", b.Cookie());
  ASSERT_TRUE(again);
  EXPECT_THAT(again->body, HasSubstr("Changes asked,'=Name the two hotels first,"));
}

TEST_F(UiPagesTest, OnlyAManagerAsksForChangesToAProposalAndOnlyOfAProposal) {
  const int64_t proposed = AddTask("Leaflets for every bus", "proposed");
  const int64_t approved = AddTask("Station staff briefings", "approved");
  auto ask = [&](const authtest::TestUser& user, int64_t id, int version) {
    httplib::Headers headers = {{"Authorization", user.Bearer()}};
    const nlohmann::json body = {{"version", version}, {"changes_asked", "Name the depots"}};
    return Client().Patch(("/api/v1/tasks/" + std::to_string(id)).c_str(), headers, body.dump(),
                          "application/json");
  };
  auto by_officer = ask(officer_, proposed, 1);
  ASSERT_TRUE(by_officer);
  EXPECT_EQ(by_officer->status, 403) << by_officer->body;
  auto approved_now = services_->Get(app::Actor::System(), domain::TaskEntity(), approved);
  ASSERT_TRUE(approved_now.ok());
  auto of_approved = ask(manager_, approved, static_cast<int>(approved_now->Get("version").as_int()));
  ASSERT_TRUE(of_approved);
  EXPECT_EQ(of_approved->status, 422) << of_approved->body;
  EXPECT_THAT(of_approved->body, HasSubstr("can be asked only of a proposal"));
  auto history = services_->TaskHistory(app::Actor::System(), proposed);
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->empty());
}

}  // namespace
}  // namespace lookout::http
