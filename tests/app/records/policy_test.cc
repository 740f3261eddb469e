// The role matrix and regional scope, enforced in the use cases (docs/security.md).
#include "app/records/policy.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "app/records/services.h"
#include "core/time.h"
#include "domain/schema.h"
#include "app/programme_fixture.h"
#include "store/store.h"

namespace lookout::app {
namespace {

using domain::FindEntity;

class PolicyTest : public testing::ProgrammeTest {
 protected:
  void SetUp() override {
    ProgrammeTest::SetUp();
    if (HasFatalFailure()) return;
    for (const char* code : {"EM", "WM", "NAT"}) {
      Make("region", {{"code", code}, {"name", code}, {"nation", "England"}});
    }
    Make("sector", {{"code", "police"}, {"name", "Police"}});
    em_officer_ = Staff("officer", "EM", "em@lookout.example");
    wm_officer_ = Staff("officer", "WM", "wm@lookout.example");
    manager_ = Staff("manager", "", "manager@lookout.example");
    analyst_ = Staff("analyst", "", "analyst@lookout.example");
    funder_ = Staff("funder", "", "funder@lookout.example");
    admin_ = Staff("admin", "", "admin@lookout.example");
    objective_ = Make("objective", {{"code", "o1"}, {"title", "Everyone's responsibility"}});

    em_own_ = Make("insight", InsightFields("EM", "C"));
    wm_shared_ = Make("insight", InsightFields("WM", "P"));
    wm_conditional_ = Make("insight", InsightFields("WM", "C"));
    wm_ungraded_ = Make("insight", InsightFields("WM", "none"));
  }
  std::map<std::string, Value> InsightFields(const std::string& region, const std::string& handling) {
    std::map<std::string, Value> f = {{"received_on", "2026-01-10"},
                                      {"recorded_by", em_officer_.staff_id},
                                      {"source_type", "police_intelligence"},
                                      {"region", region},
                                      {"themes", Value::List{Value("cce")}},
                                      {"summary", "Insight about a coach station in " + region}};
    if (handling == "none") {
      f["source_type"] = "partner_observation";
    } else if (handling == "P") {
      f["grade_source"] = "1";
      f["grade_intelligence"] = "B";
      f["grade_handling"] = "P";
    } else {
      f["grade_source"] = "2";
      f["grade_intelligence"] = "C";
      f["grade_handling"] = "C";
      f["handling_conditions"] = "Not to be shared outside safeguarding partners";
    }
    return f;
  }
  std::set<int64_t> InsightIds(const Actor& a, Params params = {}) {
    auto page = services_->List(a, domain::InsightEntity(), params);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::set<int64_t> ids;
    if (page.ok()) {
      for (const Record& r : page->items) ids.insert(r.Id());
    }
    return ids;
  }
  Record TaskFor(const Actor& lead, const std::string& region) {
    Record t;
    t.Set("title", "Hotel staff training");
    t.Set("objectives", Value::List{Value(objective_)});
    t.Set("themes", Value::List{Value("cse")});
    t.Set("regions", Value::List{Value(region)});
    t.Set("lead", lead.staff_id);
    t.Set("priority", "medium");
    return t;
  }

  Record ActivityOn(int64_t task, const std::string& region) {
    Record a;
    a.Set("task", task);
    a.Set("type", "training_session");
    a.Set("title", "Training for hotel staff");
    a.Set("start_on", "2026-02-10");
    a.Set("region", region);
    return a;
  }
  Record QuoteIn(const std::string& region, std::optional<int64_t> task) {
    Record q;
    q.Set("text", "The session changed how we check in young guests.");
    q.Set("stakeholder_type", "police");
    q.Set("region", region);
    q.Set("source", "survey");
    q.Set("collected_on", "2026-02-12");
    if (task) q.Set("task", *task);
    return q;
  }
  Record EventIn(const std::string& region, int64_t task) {
    Record e;
    e.Set("kind", "process_change");
    e.Set("occurred_on", "2026-02-14");
    e.Set("region", region);
    e.Set("task", task);
    e.Set("description", "The hotel changed its check-in process.");
    return e;
  }
  int64_t MakeTask(const Actor& by, Record task) {
    auto saved = services_->Create(by, domain::TaskEntity(), std::move(task));
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }
  int64_t VersionOf(const domain::EntityDef& e, int64_t id) {
    auto r = services_->Get(Actor::Cli("test"), e, id);
    return r.ok() ? r->Get("version").as_int() : 0;
  }
  // The field a refusal names ("" when none).
  static std::string RefusedField(const Status& status) {
    return status.fields().empty() ? "" : status.fields().front().field;
  }

  Actor em_officer_, wm_officer_, manager_, analyst_, funder_, admin_;
  int64_t objective_ = 0;
  int64_t em_own_ = 0, wm_shared_ = 0, wm_conditional_ = 0, wm_ungraded_ = 0;
};

TEST_F(PolicyTest, AnonymousCallersAreAskedToSignIn) {
  const Actor nobody = Actor::Anonymous("127.0.0.1", "req-1");
  for (const domain::EntityDef* e : domain::AllEntities()) {
    auto page = services_->List(nobody, *e, {});
    ASSERT_FALSE(page.ok()) << e->name;
    EXPECT_EQ(page.status().code(), ErrorCode::kUnauthenticated) << e->name;
  }
  EXPECT_EQ(services_->Reach(nobody, {}).status().code(), ErrorCode::kUnauthenticated);
}

TEST_F(PolicyTest, AFunderGetsNoRecordOfAnyKindButSeesAggregates) {
  for (const domain::EntityDef* e : domain::AllEntities()) {
    // Published reports are what funders read: aggregates, frozen as published.
    if (e->name == "published_report") {
      EXPECT_TRUE(services_->List(funder_, *e, {}).ok());
      continue;
    }
    auto page = services_->List(funder_, *e, {});
    ASSERT_FALSE(page.ok()) << e->name;
    EXPECT_EQ(page.status().code(), ErrorCode::kForbidden) << e->name;
    EXPECT_EQ(services_->ExportAll(funder_, *e).status().code(), ErrorCode::kForbidden);
  }
  EXPECT_EQ(services_->Get(funder_, domain::InsightEntity(), em_own_).status().code(),
            ErrorCode::kForbidden);
  // Aggregates, under the disclosure rule (app/reach_figures.h); never the exact sums.
  EXPECT_EQ(services_->Reach(funder_, {}).status().code(), ErrorCode::kForbidden);
}

TEST_F(PolicyTest, AnAdministratorKeepsReferenceDataButReadsNoProgrammeContent) {
  EXPECT_TRUE(services_->List(admin_, domain::RegionEntity(), {}).ok());
  Record sector;
  sector.Set("code", "faith");
  sector.Set("name", "Faith groups");
  EXPECT_TRUE(services_->Create(admin_, domain::SectorEntity(), sector).ok());
  EXPECT_EQ(services_->List(admin_, domain::InsightEntity(), {}).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(services_->List(admin_, domain::TaskEntity(), {}).status().code(),
            ErrorCode::kForbidden);
  sector.Set("code", "sport");
  EXPECT_EQ(services_->Create(manager_, domain::SectorEntity(), sector).status().code(),
            ErrorCode::kForbidden);
}

TEST_F(PolicyTest, AnOfficerSeesOwnRegionAndSharedInsightOnly) {
  EXPECT_EQ(InsightIds(em_officer_), (std::set<int64_t>{em_own_, wm_shared_}));
  EXPECT_EQ(InsightIds(wm_officer_),
            (std::set<int64_t>{wm_shared_, wm_conditional_, wm_ungraded_}));
  EXPECT_EQ(InsightIds(manager_).size(), 4u);
  EXPECT_EQ(InsightIds(analyst_).size(), 4u);
}

TEST_F(PolicyTest, ConditionallyHandledInsightNeverReachesAnotherRegionsOfficer) {
  auto get = services_->Get(em_officer_, domain::InsightEntity(), wm_conditional_);
  ASSERT_FALSE(get.ok());
  EXPECT_EQ(get.status().code(), ErrorCode::kForbidden);
  EXPECT_TRUE(InsightIds(em_officer_, {{"q", "coach station in WM"}}).count(wm_conditional_) == 0);
  // Their own region's C-handled insight is theirs; no other region's.
  EXPECT_EQ(InsightIds(em_officer_, {{"grade_handling", "C"}}), (std::set<int64_t>{em_own_}));
  EXPECT_TRUE(InsightIds(em_officer_, {{"region", "WM"}, {"limit", "500"}}).count(wm_conditional_) == 0);
  auto exported = services_->ExportAll(em_officer_, domain::InsightEntity());
  ASSERT_TRUE(exported.ok());
  for (const Record& r : *exported) {
    EXPECT_NE(r.Id(), wm_conditional_);
    EXPECT_NE(r.Id(), wm_ungraded_);
  }
  EXPECT_TRUE(services_->Get(wm_officer_, domain::InsightEntity(), wm_conditional_).ok());
}

TEST_F(PolicyTest, AnOfficerWritesInsightOnlyInTheirRegionAndCannotMoveItOut) {
  Record other;
  for (auto& [k, v] : InsightFields("WM", "P")) other.Set(k, v);
  EXPECT_EQ(services_->Create(em_officer_, domain::InsightEntity(), other).status().code(),
            ErrorCode::kForbidden);
  Record own;
  for (auto& [k, v] : InsightFields("EM", "P")) own.Set(k, v);
  auto saved = services_->Create(em_officer_, domain::InsightEntity(), own);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  Record move;
  move.Set("region", "WM");
  EXPECT_EQ(services_->Update(em_officer_, domain::InsightEntity(), saved->record.Id(), 1, move)
                .status()
                .code(),
            ErrorCode::kForbidden);
  Record edit;
  edit.Set("summary", "Updated after the partner meeting");
  EXPECT_EQ(services_->Update(em_officer_, domain::InsightEntity(), wm_shared_, 1, edit)
                .status()
                .code(),
            ErrorCode::kForbidden);
}

TEST_F(PolicyTest, OnlyManagersMakeTaskingDecisions) {
  auto task = services_->Create(em_officer_, domain::TaskEntity(), TaskFor(em_officer_, "EM"));
  ASSERT_TRUE(task.ok()) << task.status().ToString();
  const int64_t id = task->record.Id();
  auto by_officer = services_->TransitionTask(em_officer_, id, 1, "approved", "");
  EXPECT_EQ(by_officer.status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(services_->TransitionTask(analyst_, id, 1, "approved", "").status().code(),
            ErrorCode::kForbidden);
  ASSERT_TRUE(services_->TransitionTask(manager_, id, 1, "approved", "").ok());
  EXPECT_EQ(services_->TransitionTask(wm_officer_, id, 2, "in_progress", "").status().code(),
            ErrorCode::kForbidden);
  EXPECT_TRUE(services_->TransitionTask(em_officer_, id, 2, "in_progress", "").ok());
}

TEST_F(PolicyTest, AnOfficerProposesTasksOnlyForTheirRegionOrAsLead) {
  EXPECT_EQ(services_->Create(em_officer_, domain::TaskEntity(), TaskFor(wm_officer_, "WM"))
                .status()
                .code(),
            ErrorCode::kForbidden);
  // A national task the officer leads is theirs to propose.
  EXPECT_TRUE(services_->Create(em_officer_, domain::TaskEntity(), TaskFor(em_officer_, "NAT")).ok());
  // Officers read every region's tasks.
  auto listed = services_->List(wm_officer_, domain::TaskEntity(), {});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->total, 1);
}

// What a form's picker offers: the records the actor may tie a record to.
TEST_F(PolicyTest, APickerOffersWhatTheActorMayTieARecordTo) {
  auto ids = [&](const Actor& a, const char* kind) {
    auto page = services_->ListAttachable(a, *FindEntity(kind), {});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::set<int64_t> out;
    if (page.ok()) {
      for (const Record& r : page->items) out.insert(r.Id());
    }
    return out;
  };
  const int64_t em_task = Make("task", TaskFor(em_officer_, "EM").fields);
  const int64_t wm_task = Make("task", TaskFor(wm_officer_, "WM").fields);
  Record staffed = TaskFor(manager_, "WM");
  staffed.Set("staff", Value::List{Value(em_officer_.staff_id)});
  const int64_t wm_staffed = Make("task", staffed.fields);
  EXPECT_EQ(ids(em_officer_, "task"), (std::set<int64_t>{em_task, wm_staffed}));
  EXPECT_EQ(ids(manager_, "task"), (std::set<int64_t>{em_task, wm_task, wm_staffed}));
  EXPECT_EQ(ids(analyst_, "task"), (std::set<int64_t>{em_task, wm_task, wm_staffed}));

  const int64_t em_partner = Make("partner", {{"name", "Derby hotel"}, {"sector", "police"}, {"region", "EM"}});
  const int64_t wm_partner = Make("partner", {{"name", "Coventry hotel"}, {"sector", "police"}, {"region", "WM"}});
  const int64_t national = Make("partner", {{"name", "British Transport Police"}, {"sector", "police"}, {"region", "NAT"}});
  EXPECT_EQ(ids(em_officer_, "partner"), (std::set<int64_t>{em_partner, national}));
  EXPECT_EQ(ids(manager_, "partner"), (std::set<int64_t>{em_partner, wm_partner, national}));

  // Leads and staff of a task: active officers and managers, whoever asks.
  Record disabled;
  disabled.Set("name", "Former officer");
  disabled.Set("email", "former@lookout.example");
  disabled.Set("role", "officer");
  disabled.Set("home_region", "EM");
  disabled.Set("active", false);
  Make("staff", disabled.fields);
  const std::set<int64_t> leads = {em_officer_.staff_id, wm_officer_.staff_id, manager_.staff_id};
  EXPECT_EQ(ids(manager_, "staff"), leads);
  EXPECT_EQ(ids(em_officer_, "staff"), leads);
  // Insight is offered as it is read: an officer's own region's and what is shared.
  EXPECT_EQ(ids(em_officer_, "insight"), (std::set<int64_t>{em_own_, wm_shared_}));
}

TEST_F(PolicyTest, TheOutcomeFrameworkAndSurveysBelongToAnalystsAndManagers) {
  Record outcome;
  outcome.Set("code", "P1");
  outcome.Set("statement", "Professionals feel more confident");
  outcome.Set("level", "professionals");
  EXPECT_EQ(services_->Create(em_officer_, *domain::FindEntity("outcome"), outcome).status().code(),
            ErrorCode::kForbidden);
  EXPECT_TRUE(services_->Create(analyst_, *domain::FindEntity("outcome"), outcome).ok());
  EXPECT_TRUE(services_->List(em_officer_, *domain::FindEntity("outcome"), {}).ok());
}

TEST_F(PolicyTest, ReadingInsightIsRecordedAsAConsultationAndExportsAsDisclosures) {
  ASSERT_TRUE(services_->Get(manager_, domain::InsightEntity(), em_own_).ok());
  ASSERT_TRUE(services_->List(em_officer_, domain::InsightEntity(), {{"q", "a name"}}).ok());
  ASSERT_TRUE(services_->ExportAll(analyst_, domain::PartnerEntity()).ok());
  auto tx = store_->Begin(false);
  ASSERT_TRUE(tx.ok());
  auto read = (*tx)->ListAudit("insight", em_own_, 10);
  ASSERT_TRUE(read.ok());
  ASSERT_FALSE(read->empty());
  EXPECT_EQ((*read)[0].action, "consult");
  EXPECT_EQ((*read)[0].actor, manager_.id);
  auto listed = (*tx)->ListAudit("insight", 0, 10);
  ASSERT_TRUE(listed.ok());
  ASSERT_FALSE(listed->empty());
  EXPECT_EQ((*listed)[0].actor, em_officer_.id);
  EXPECT_EQ((*listed)[0].changes.find("a name"), std::string::npos);
  auto exported = (*tx)->ListAudit("partner", 0, 10);
  ASSERT_TRUE(exported.ok());
  ASSERT_FALSE(exported->empty());
  EXPECT_EQ((*exported)[0].action, "export");
}

TEST_F(PolicyTest, ImportRowsOutsideTheOfficersScopeAreRefusedAndNothingIsWritten) {
  std::vector<ImportRow> rows;
  Record own, other;
  for (auto& [k, v] : InsightFields("EM", "P")) own.Set(k, v);
  for (auto& [k, v] : InsightFields("WM", "P")) other.Set(k, v);
  rows.push_back({2, own});
  rows.push_back({3, other});
  auto report = services_->Import(em_officer_, domain::InsightEntity(), rows, false);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->written, 0);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].line, 3);
  EXPECT_EQ(services_->Import(em_officer_, domain::TaskTransitionEntity(), {}, false)
                .status()
                .code(),
            ErrorCode::kForbidden);
}

TEST_F(PolicyTest, AnOfficerCannotPutATaskInAnotherRegionByNamingThemselvesLead) {
  // The hole: an officer of EM proposing a WM task that they lead.
  auto other = services_->Create(em_officer_, domain::TaskEntity(), TaskFor(em_officer_, "WM"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(RefusedField(other.status()), "regions");
  Record both = TaskFor(em_officer_, "EM");
  both.Set("regions", Value::List{Value("EM"), Value("WM")});
  EXPECT_EQ(services_->Create(em_officer_, domain::TaskEntity(), both).status().code(),
            ErrorCode::kForbidden);
  // Their own region and national are theirs.
  Record own_and_national = TaskFor(em_officer_, "EM");
  own_and_national.Set("regions", Value::List{Value("EM"), Value("NAT")});
  EXPECT_TRUE(services_->Create(em_officer_, domain::TaskEntity(), own_and_national).ok());
  // A manager decides tasks anywhere.
  EXPECT_TRUE(services_->Create(manager_, domain::TaskEntity(), TaskFor(em_officer_, "WM")).ok());
}

TEST_F(PolicyTest, AnOfficerChangesATasksRegionsOnlyWithinTheirOwnAndNational) {
  const int64_t id = MakeTask(manager_, TaskFor(em_officer_, "EM"));
  Record add_wm;
  add_wm.Set("regions", Value::List{Value("EM"), Value("WM")});
  auto moved = services_->Update(em_officer_, domain::TaskEntity(), id, 1, add_wm);
  EXPECT_EQ(moved.status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(RefusedField(moved.status()), "regions");
  Record add_national;
  add_national.Set("regions", Value::List{Value("EM"), Value("NAT")});
  ASSERT_TRUE(services_->Update(em_officer_, domain::TaskEntity(), id, 1, add_national).ok());

  // A task a manager gave two regions: its EM officer edits it, but does not take WM off.
  Record shared = TaskFor(em_officer_, "EM");
  shared.Set("regions", Value::List{Value("EM"), Value("WM")});
  const int64_t two = MakeTask(manager_, shared);
  Record retitle;
  retitle.Set("title", "Hotel and coach station staff training");
  EXPECT_TRUE(services_->Update(em_officer_, domain::TaskEntity(), two, 1, retitle).ok());
  Record drop_wm;
  drop_wm.Set("regions", Value::List{Value("EM")});
  EXPECT_EQ(services_->Update(em_officer_, domain::TaskEntity(), two, 2, drop_wm).status().code(),
            ErrorCode::kForbidden);
}

TEST_F(PolicyTest, ARecordOfATasksWorkLiesInOneOfTheTasksRegions) {
  const int64_t em_task = MakeTask(em_officer_, TaskFor(em_officer_, "EM"));
  const int64_t wm_task = MakeTask(manager_, TaskFor(wm_officer_, "WM"));
  const domain::EntityDef& activity = domain::ActivityEntity();
  const domain::EntityDef& quote = *domain::FindEntity("quote");
  const domain::EntityDef& event = *domain::FindEntity("outcome_event");

  // Their own task, another region: refused, with the field at fault.
  auto elsewhere = services_->Create(em_officer_, activity, ActivityOn(em_task, "WM"));
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(RefusedField(elsewhere.status()), "region");
  EXPECT_EQ(services_->Create(em_officer_, quote, QuoteIn("WM", em_task)).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(services_->Create(em_officer_, event, EventIn("WM", em_task)).status().code(),
            ErrorCode::kForbidden);
  // Their own region, on another region's task they are not on: refused too.
  auto on_other = services_->Create(em_officer_, activity, ActivityOn(wm_task, "EM"));
  EXPECT_EQ(on_other.status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(RefusedField(on_other.status()), "task");
  // Without a task, evidence is in their own region only.
  EXPECT_EQ(services_->Create(em_officer_, quote, QuoteIn("WM", std::nullopt)).status().code(),
            ErrorCode::kForbidden);
  EXPECT_TRUE(services_->Create(em_officer_, quote, QuoteIn("EM", std::nullopt)).ok());

  // What is allowed stays allowed, and cannot be moved out afterwards.
  auto own = services_->Create(em_officer_, activity, ActivityOn(em_task, "EM"));
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_TRUE(services_->Create(em_officer_, quote, QuoteIn("EM", em_task)).ok());
  EXPECT_TRUE(services_->Create(em_officer_, event, EventIn("EM", em_task)).ok());
  Record to_wm;
  to_wm.Set("region", "WM");
  EXPECT_EQ(services_->Update(em_officer_, activity, own->record.Id(), 1, to_wm).status().code(),
            ErrorCode::kForbidden);
  Record to_wm_task;
  to_wm_task.Set("task", wm_task);
  to_wm_task.Set("region", "WM");
  EXPECT_EQ(
      services_->Update(em_officer_, activity, own->record.Id(), 1, to_wm_task).status().code(),
      ErrorCode::kForbidden);

  // Managers keep their national powers.
  EXPECT_TRUE(services_->Create(manager_, activity, ActivityOn(em_task, "WM")).ok());
  EXPECT_TRUE(services_->Create(analyst_, quote, QuoteIn("NAT", em_task)).ok());
}

TEST_F(PolicyTest, OfficersOnANationalTaskRecordItsWorkNationally) {
  Record national = TaskFor(manager_, "NAT");
  national.Set("staff", Value::List{Value(em_officer_.staff_id), Value(wm_officer_.staff_id)});
  const int64_t task = MakeTask(manager_, national);
  const domain::EntityDef& activity = domain::ActivityEntity();
  EXPECT_TRUE(services_->Create(em_officer_, activity, ActivityOn(task, "NAT")).ok());
  EXPECT_TRUE(services_->Create(wm_officer_, activity, ActivityOn(task, "NAT")).ok());
  // Being on a national task does not open every region to its staff.
  EXPECT_EQ(services_->Create(em_officer_, activity, ActivityOn(task, "WM")).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(services_->Create(em_officer_, activity, ActivityOn(task, "EM")).status().code(),
            ErrorCode::kForbidden);
}

TEST_F(PolicyTest, ARegionIsNotTakenOffATaskWhileItsWorkIsRecordedThere) {
  Record both = TaskFor(em_officer_, "EM");
  both.Set("regions", Value::List{Value("EM"), Value("NAT")});
  const int64_t task = MakeTask(em_officer_, both);
  auto national = services_->Create(em_officer_, domain::ActivityEntity(), ActivityOn(task, "NAT"));
  ASSERT_TRUE(national.ok()) << national.status().ToString();
  Record only_em;
  only_em.Set("regions", Value::List{Value("EM")});
  auto dropped = services_->Update(em_officer_, domain::TaskEntity(), task, 1, only_em);
  ASSERT_FALSE(dropped.ok());
  EXPECT_EQ(dropped.status().code(), ErrorCode::kForbidden);
  EXPECT_NE(dropped.status().message().find("1 activity"), std::string::npos)
      << dropped.status().message();
  ASSERT_TRUE(services_->Archive(em_officer_, domain::ActivityEntity(), national->record.Id(), 1,
                                 true, "Recorded under the wrong task")
                  .ok());
  EXPECT_TRUE(services_->Update(em_officer_, domain::TaskEntity(), task, 1, only_em).ok());
}

TEST_F(PolicyTest, AnImportOfRowsOutsideTheOfficersTaskRegionsNamesRowAndColumn) {
  const int64_t task = MakeTask(em_officer_, TaskFor(em_officer_, "EM"));
  std::vector<ImportRow> rows = {{2, ActivityOn(task, "EM")}, {3, ActivityOn(task, "WM")}};
  auto report = services_->Import(em_officer_, domain::ActivityEntity(), rows, false);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->written, 0);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].line, 3);
  EXPECT_EQ(report->errors[0].column, "region");
  auto listed = services_->List(manager_, domain::ActivityEntity(), {});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->total, 0);
}

}  // namespace
}  // namespace lookout::app
