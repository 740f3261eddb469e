// The retention policy on both engines: each rule just before and just after its
// boundary, insight that tasks answer kept, dry runs that change nothing, an audit entry
// for every action, and a chain that still verifies afterwards.
#include "app/ops/retention.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "app/ops/audit_trail.h"
#include "app/engine_fixture.h"

namespace lookout::app {
namespace {

using ::testing::ElementsAre;
using testing::EngineTest;
using ::testing::HasSubstr;

constexpr const char* kSummary =
    "Older boys wait outside the takeaway on Station Road after school and offer lifts.";

class RetentionTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Create("police_force",
           {{"code", "leicestershire"}, {"name", "Leicestershire"}, {"region", "EM"}});
    objective_ =
        Create("objective", {{"code", "everyone"}, {"title", "Everyone's responsibility"}});
  }

  // Police intelligence graded 2BC, with handling conditions, a force, themes and
  // location types: everything anonymisation must treat.
  int64_t NewInsight(const std::string& received_on, std::optional<std::string> review_on) {
    std::map<std::string, Value> fields = {
        {"received_on", received_on},
        {"recorded_by", officer_},
        {"source_type", "police_intelligence"},
        {"region", "EM"},
        {"force", "leicestershire"},
        {"themes", Value::List{Value("cce")}},
        {"location_types", Value::List{Value("fast_food_outlet"), Value("train_station")}},
        {"summary", kSummary},
        {"grade_source", "2"},
        {"grade_intelligence", "B"},
        {"grade_handling", "C"},
        {"handling_conditions", "Share only with the takeaway's area manager."}};
    if (review_on) fields["review_on"] = *review_on;
    return Create("insight", fields);
  }

  int64_t NewTask(int64_t insight) {
    return Create("task", {{"title", "Takeaway staff briefing"},
                           {"objectives", Value::List{Value(objective_)}},
                           {"themes", Value::List{Value("cce")}},
                           {"regions", Value::List{Value("EM")}},
                           {"lead", officer_},
                           {"priority", "high"},
                           {"insights", Value::List{Value(insight)}}});
  }

  void Cancel(int64_t task) {
    auto current = Load(domain::TaskEntity(), task);
    ASSERT_TRUE(current.ok());
    auto moved = services_->TransitionTask(cli_, task, current->Get("version").as_int(),
                                           "cancelled", "No longer needed");
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  }

  // A record as stored, read without a use case (so without a consultation entry).
  Result<Record> Load(const domain::EntityDef& entity, int64_t id) {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, store_->Begin(false));
    return tx->Get(entity, id);
  }
  Record Insight(int64_t id) {
    auto r = Load(domain::InsightEntity(), id);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Record{};
  }
  bool Archived(int64_t id) { return Insight(id).Get("archived") == Value(true); }

  RetentionReport RunAt(const char* timestamp, bool dry_run = false,
                        const RetentionPolicy& policy = {}) {
    clock_.Set(At(timestamp));
    auto report = RunRetention(*services_, cli_, policy, dry_run);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : RetentionReport{};
  }

  static std::vector<std::pair<std::string, int64_t>> Actions(const RetentionReport& report,
                                                              const std::string& entity) {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const RetentionAction& a : report.actions) {
      if (a.entity == entity) out.emplace_back(a.action, a.id);
    }
    return out;
  }

  int64_t CountRows(const std::string& table, const std::string& column, int64_t id) {
    return db_
        ->QueryInts("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = " +
                    std::to_string(id))
        .at(0);
  }

  Record Session(const std::string& token, const std::string& expires_at,
                 std::optional<std::string> ended_at) {
    Record r;
    r.Set("token_hash", token);
    r.Set("staff", officer_);
    r.Set("csrf_token", "csrf-" + token);
    r.Set("started_at", "2026-01-01T08:00:00Z");
    r.Set("last_seen_at", "2026-01-01T08:10:00Z");
    r.Set("expires_at", expires_at);
    if (ended_at) r.Set("ended_at", *ended_at);
    return r;
  }

  int64_t objective_ = 0;
};

TEST_P(RetentionTest, ArchivesInsightTheDayAfterItsReviewDate) {
  const int64_t past = NewInsight("2026-01-10", "2026-02-28");
  const int64_t due_today = NewInsight("2026-01-10", "2026-03-01");
  RetentionReport report = RunAt("2026-03-01T12:00:00Z");
  EXPECT_TRUE(Archived(past));
  EXPECT_FALSE(Archived(due_today));
  EXPECT_THAT(Actions(report, "insight"), ElementsAre(std::make_pair("retention_archive", past)));
  EXPECT_EQ(report.today, "2026-03-01");
}

TEST_P(RetentionTest, ArchivesInsightWithoutAReviewDateOnlyWhenReceivedMoreThan24MonthsAgo) {
  const int64_t older = NewInsight("2024-02-29", std::nullopt);
  const int64_t exactly = NewInsight("2024-03-01", std::nullopt);
  RetentionReport report = RunAt("2026-03-01T12:00:00Z");
  EXPECT_TRUE(Archived(older));
  EXPECT_FALSE(Archived(exactly));
  ASSERT_EQ(report.actions.size(), 1u);
  EXPECT_THAT(report.actions[0].rule,
              HasSubstr("no review date and received more than 24 months ago (2024-02-29)"));
}

TEST_P(RetentionTest, AReviewDateStillToComeKeepsOldInsight) {
  const int64_t id = NewInsight("2019-01-01", "2026-06-30");
  RunAt("2026-03-01T12:00:00Z");
  EXPECT_FALSE(Archived(id));
}

TEST_P(RetentionTest, TheArchiveAgeIsConfigurable) {
  const int64_t id = NewInsight("2025-08-31", std::nullopt);
  RetentionPolicy policy;
  policy.archive_after_months = 6;
  RunAt("2026-03-01T12:00:00Z", false, policy);
  EXPECT_TRUE(Archived(id));
}

TEST_P(RetentionTest, NeverArchivesInsightAnOpenTaskAnswers) {
  const int64_t open_linked = NewInsight("2026-01-10", "2026-02-01");
  const int64_t closed_linked = NewInsight("2026-01-10", "2026-02-01");
  NewTask(open_linked);
  const int64_t cancelled = NewTask(closed_linked);
  Cancel(cancelled);
  RunAt("2026-03-01T12:00:00Z");
  EXPECT_FALSE(Archived(open_linked));
  EXPECT_TRUE(Archived(closed_linked));
}

TEST_P(RetentionTest, AnonymisesInsightArchivedMoreThan12MonthsAgo) {
  const int64_t early = NewInsight("2025-01-10", "2025-02-01");
  const int64_t late = NewInsight("2025-01-10", "2025-02-28");
  RunAt("2025-02-28T23:00:00Z");  // archives `early` (its review date has passed)
  RunAt("2025-03-01T00:30:00Z");  // archives `late`
  ASSERT_TRUE(Archived(early));
  ASSERT_TRUE(Archived(late));

  RetentionReport report = RunAt("2026-03-01T12:00:00Z");
  EXPECT_THAT(Actions(report, "insight"),
              ElementsAre(std::make_pair("retention_anonymise", early)));

  Record gone = Insight(early);
  EXPECT_EQ(gone.Get("summary"), Value("[removed under the retention policy on 2026-03-01]"));
  EXPECT_TRUE(IsAnonymisedText(gone.Get("summary").as_text()));
  EXPECT_TRUE(gone.Get("handling_conditions").is_null());
  EXPECT_TRUE(gone.Get("force").is_null());
  // What reporting needs stays.
  EXPECT_EQ(gone.Get("themes"), Value(Value::List{Value("cce")}));
  EXPECT_EQ(gone.Get("location_types"),
            Value(Value::List{Value("fast_food_outlet"), Value("train_station")}));
  EXPECT_EQ(gone.Get("region"), Value("EM"));
  EXPECT_EQ(gone.Get("received_on"), Value("2025-01-10"));
  EXPECT_EQ(gone.Get("grade_handling"), Value("C"));

  Record kept = Insight(late);
  EXPECT_EQ(kept.Get("summary"), Value(kSummary));
  EXPECT_EQ(kept.Get("force"), Value("leicestershire"));
}

TEST_P(RetentionTest, TheAuditTrailNeverHoldsTheRemovedText) {
  const int64_t id = NewInsight("2024-01-10", "2024-02-01");
  RunAt("2024-03-01T12:00:00Z");
  RunAt("2025-04-01T12:00:00Z");
  ASSERT_TRUE(IsAnonymisedText(Insight(id).Get("summary").as_text()));
  bool anonymise_entry = false;
  for (const store::StoredAuditEntry& s : Trail()) {
    EXPECT_EQ(s.entry.changes.find("Station Road"), std::string::npos) << s.entry.changes;
    EXPECT_EQ(s.entry.changes.find("area manager"), std::string::npos) << s.entry.changes;
    if (s.entry.action == "retention_anonymise") {
      anonymise_entry = true;
      auto changes = nlohmann::json::parse(s.entry.changes);
      EXPECT_EQ(changes["summary"]["changed"], true);
      EXPECT_EQ(changes["force"], nlohmann::json::array({"leicestershire", nullptr}));
    }
  }
  EXPECT_TRUE(anonymise_entry);
}

TEST_P(RetentionTest, DeletesAnonymisedInsightOnlyWhenReceivedMoreThan72MonthsAgo) {
  const int64_t older = NewInsight("2020-02-29", "2020-06-01");
  const int64_t exactly = NewInsight("2020-03-01", "2020-06-01");
  RunAt("2020-07-01T12:00:00Z");  // both archived
  RunAt("2021-08-01T12:00:00Z");  // both anonymised
  ASSERT_TRUE(IsAnonymisedText(Insight(older).Get("summary").as_text()));
  ASSERT_TRUE(IsAnonymisedText(Insight(exactly).Get("summary").as_text()));

  RetentionReport report = RunAt("2026-03-01T12:00:00Z");
  EXPECT_THAT(Actions(report, "insight"), ElementsAre(std::make_pair("retention_delete", older)));
  auto deleted = Load(domain::InsightEntity(), older);
  ASSERT_FALSE(deleted.ok());
  EXPECT_EQ(deleted.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(CountRows("insight_themes", "owner_id", older), 0);
  EXPECT_EQ(CountRows("insight_location_types", "owner_id", older), 0);
  EXPECT_TRUE(Load(domain::InsightEntity(), exactly).ok());
  EXPECT_EQ(CountRows("insight_themes", "owner_id", exactly), 1);
}

TEST_P(RetentionTest, DeletesTheChildRowsOfDeletedInsight) {
  const int64_t scheme =
      Create("scoring_scheme", {{"scheme_version", int64_t{1}},
                                {"name", "Harm and likelihood"},
                                {"factors", Value::Rows{Record{{{"code", "harm"},
                                                                {"label", "Harm"},
                                                                {"group", "harm"},
                                                                {"weight", 1.0},
                                                                {"min_score", int64_t{1}},
                                                                {"max_score", int64_t{5}}}},
                                                        Record{{{"code", "likely"},
                                                                {"label", "Likelihood"},
                                                                {"group", "likelihood"},
                                                                {"weight", 1.0},
                                                                {"min_score", int64_t{1}},
                                                                {"max_score", int64_t{5}}}}}}});
  Record scored;
  scored.Set("scoring_scheme", scheme);
  scored.Set("factor_scores", Value::Rows{Record{{{"factor", "harm"}, {"score", int64_t{4}}}},
                                          Record{{{"factor", "likely"}, {"score", int64_t{2}}}}});
  const int64_t id = NewInsight("2019-01-10", "2019-02-01");
  auto updated = services_->Update(cli_, domain::InsightEntity(), id, 1, scored);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  ASSERT_EQ(CountRows("insight_factor_score", "parent_id", id), 2);

  RunAt("2019-03-01T12:00:00Z");
  RunAt("2020-04-01T12:00:00Z");
  RunAt("2026-03-01T12:00:00Z");
  EXPECT_FALSE(Load(domain::InsightEntity(), id).ok());
  EXPECT_EQ(CountRows("insight_factor_score", "parent_id", id), 0);
}

TEST_P(RetentionTest, OneRunAnonymisesAndDeletesWhatIsLongOverdue) {
  const int64_t id = NewInsight("2018-01-10", "2018-02-01");
  RunAt("2018-03-01T12:00:00Z");  // archived
  RetentionReport report = RunAt("2026-03-01T12:00:00Z");
  EXPECT_THAT(Actions(report, "insight"), ElementsAre(std::make_pair("retention_anonymise", id),
                                                      std::make_pair("retention_delete", id)));
  EXPECT_FALSE(Load(domain::InsightEntity(), id).ok());
}

TEST_P(RetentionTest, NeverDeletesInsightATaskAnswersEvenAClosedOne) {
  const int64_t id = NewInsight("2019-01-10", "2019-02-01");
  Cancel(NewTask(id));
  RunAt("2019-03-01T12:00:00Z");  // archived: the task is cancelled
  RetentionReport report = RunAt("2026-03-01T12:00:00Z");
  EXPECT_THAT(Actions(report, "insight"), ElementsAre(std::make_pair("retention_anonymise", id)));
  Record kept = Insight(id);
  EXPECT_TRUE(IsAnonymisedText(kept.Get("summary").as_text()));
  // A run later still keeps it.
  EXPECT_TRUE(RunAt("2030-01-01T12:00:00Z").actions.empty());
  EXPECT_TRUE(Load(domain::InsightEntity(), id).ok());
}

TEST_P(RetentionTest, NeverAnonymisesInsightAnOpenTaskAnswers) {
  const int64_t id = NewInsight("2024-01-10", "2024-02-01");
  RunAt("2024-03-01T12:00:00Z");  // archived
  ASSERT_TRUE(Archived(id));
  NewTask(id);  // a task takes up the archived insight again
  RunAt("2026-03-01T12:00:00Z");
  EXPECT_EQ(Insight(id).Get("summary"), Value(kSummary));
}

TEST_P(RetentionTest, ADryRunListsWhatARunDoesAndChangesNothing) {
  const int64_t to_archive = NewInsight("2026-01-10", "2026-02-01");
  const int64_t to_delete = NewInsight("2018-01-10", "2018-02-01");
  RunAt("2018-03-01T12:00:00Z");
  const Record archive_before = Insight(to_archive);
  const Record delete_before = Insight(to_delete);
  const size_t entries_before = Trail().size();

  RetentionReport dry = RunAt("2026-03-01T12:00:00Z", /*dry_run=*/true);
  EXPECT_TRUE(dry.dry_run);
  EXPECT_THAT(Actions(dry, "insight"), ElementsAre(std::make_pair("retention_archive", to_archive),
                                                   std::make_pair("retention_anonymise", to_delete),
                                                   std::make_pair("retention_delete", to_delete)));
  EXPECT_EQ(Insight(to_archive), archive_before);
  EXPECT_EQ(Insight(to_delete), delete_before);
  EXPECT_EQ(Trail().size(), entries_before);

  RetentionReport real = RunAt("2026-03-01T12:00:00Z");
  EXPECT_FALSE(real.dry_run);
  EXPECT_EQ(Actions(real, "insight"), Actions(dry, "insight"));
}

TEST_P(RetentionTest, EveryActionHasItsAuditEntryAndTheChainStillVerifies) {
  const int64_t id = NewInsight("2018-01-10", "2018-02-01");
  RunAt("2018-03-01T12:00:00Z");
  RunAt("2026-03-01T12:00:00Z");
  std::vector<std::string> actions;
  for (const store::StoredAuditEntry& s : Trail()) {
    if (s.entry.action.rfind("retention_", 0) != 0) continue;
    actions.push_back(s.entry.action);
    EXPECT_EQ(s.entry.entity, "insight");
    EXPECT_EQ(s.entry.entity_id, id);
    EXPECT_EQ(s.entry.actor, "cli:tester");
    EXPECT_THAT(s.entry.reason, HasSubstr("retention policy: "));
  }
  EXPECT_THAT(actions, ElementsAre("retention_archive", "retention_anonymise", "retention_delete"));
  auto verified = VerifyAuditTrail(*store_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact()) << DescribeVerification(*verified);
}

TEST_P(RetentionTest, DeletesSessionsAndSignInAttemptsMoreThan30DaysOld) {
  // Now is 2026-03-01T12:00:00Z; 30 days ago is 2026-01-30T12:00:00Z.
  {
    auto tx = store_->Begin(true);
    ASSERT_TRUE(tx.ok());
    const store::WriteMeta meta{"system", "2026-01-01T08:00:00Z"};
    auto insert = [&](const domain::EntityDef& e, const Record& r) {
      auto id = (*tx)->Insert(e, r, meta);
      EXPECT_TRUE(id.ok()) << id.status().ToString();
      return id.ok() ? *id : 0;
    };
    const auto& session = domain::SessionEntity();
    insert(session, Session("a", "2026-01-30T20:00:00Z", "2026-01-30T11:59:59Z"));  // ended: go
    insert(session, Session("b", "2026-01-30T20:00:00Z", "2026-01-30T12:00:00Z"));  // 30 days
    insert(session, Session("c", "2026-01-30T11:59:59Z", std::nullopt));            // expired: go
    insert(session, Session("d", "2026-03-01T20:00:00Z", std::nullopt));            // live
    const auto& attempt = domain::SignInAttemptEntity();
    for (const char* at :
         {"2026-01-30T11:59:59Z", "2026-01-30T12:00:00Z", "2026-02-28T09:00:00Z"}) {
      Record r;
      r.Set("address", "192.0.2.1");
      r.Set("email_hash", "hash");
      r.Set("at", at);
      r.Set("succeeded", false);
      insert(attempt, r);
    }
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  RetentionReport report = RunAt("2026-03-01T12:00:00Z");
  EXPECT_THAT(Actions(report, "session"),
              ElementsAre(std::make_pair("retention_delete", int64_t{1}),
                          std::make_pair("retention_delete", int64_t{3})));
  EXPECT_THAT(Actions(report, "sign_in_attempt"),
              ElementsAre(std::make_pair("retention_delete", int64_t{1})));
  EXPECT_EQ(db_->QueryInts("SELECT COUNT(*) FROM \"session\"").at(0), 2);
  EXPECT_EQ(db_->QueryInts("SELECT COUNT(*) FROM sign_in_attempt").at(0), 2);

  // One entry per kind, with the number deleted.
  std::map<std::string, std::string> summaries;
  for (const store::StoredAuditEntry& s : Trail()) {
    if (s.entry.action == "retention_delete") summaries[s.entry.entity] = s.entry.changes;
  }
  EXPECT_EQ(summaries["session"], "{\"deleted\":2}");
  EXPECT_EQ(summaries["sign_in_attempt"], "{\"deleted\":1}");
}

TEST_P(RetentionTest, OnlyAdministratorsAndTheOperatorMayApplyIt) {
  Actor officer;
  officer.id = "staff:1";
  officer.staff_id = 1;
  officer.role = "officer";
  officer.signed_in = true;
  auto refused = RunRetention(*services_, officer, {}, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kForbidden);
  auto anonymous = RunRetention(*services_, Actor::Anonymous("192.0.2.1", "r"), {}, true);
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.status().code(), ErrorCode::kUnauthenticated);
  Actor admin = officer;
  admin.role = "admin";
  EXPECT_TRUE(RunRetention(*services_, admin, {}, true).ok());
}

TEST_P(RetentionTest, RefusesAPolicyOutsideItsRanges) {
  RetentionPolicy policy;
  policy.delete_after_months = 0;
  policy.session_days = -3;
  auto refused = RunRetention(*services_, cli_, policy, true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kValidation);
  EXPECT_EQ(refused.status().fields().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Engines, RetentionTest, ::testing::Values("sqlite", "postgresql"),
                         testing::EngineName);

// ---- The policy's settings -----------------------------------------------------------

TEST(RetentionPolicy, HasTheDocumentedDefaults) {
  RetentionPolicy p;
  EXPECT_EQ(p.ToText(),
            "archive_after_months = 24\nanonymise_after_months = 12\ndelete_after_months = 72\n"
            "session_days = 30\nsign_in_attempt_days = 30\n");
}

TEST(RetentionPolicy, ReadsKeyValueLinesWithComments) {
  RetentionPolicy p;
  Status s = p.Load("# our settings\n\narchive_after_months = 36\r\n  session_days=14  \n");
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(p.archive_after_months, 36);
  EXPECT_EQ(p.session_days, 14);
  EXPECT_EQ(p.delete_after_months, 72);  // left as it was
  RetentionPolicy again;
  ASSERT_TRUE(again.Load(p.ToText()).ok());
  EXPECT_EQ(again.ToText(), p.ToText());
}

TEST(RetentionPolicy, ReadsAJsonObject) {
  RetentionPolicy p;
  ASSERT_TRUE(p.Load(R"({"anonymise_after_months": 0, "sign_in_attempt_days": 7})").ok());
  EXPECT_EQ(p.anonymise_after_months, 0);
  EXPECT_EQ(p.sign_in_attempt_days, 7);
}

TEST(RetentionPolicy, ReportsEveryBadLineWithItsNumber) {
  RetentionPolicy p;
  Status s = p.Load("archive_after_months = 0\nno equals sign\ncolour = red\nsession_days = x\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kValidation);
  std::vector<std::string> fields;
  for (const FieldError& e : s.fields()) fields.push_back(e.field);
  EXPECT_THAT(fields, ElementsAre("line 1, archive_after_months", "line 2", "line 3, colour",
                                  "line 4, session_days"));
  EXPECT_THAT(s.fields()[0].message, HasSubstr("from 1 to 1200"));
}

TEST(RetentionPolicy, RefusesJsonThatIsNotAnObjectOfWholeNumbers) {
  RetentionPolicy p;
  EXPECT_FALSE(p.Load("{\"archive_after_months\": \"24\"}").ok());
  EXPECT_FALSE(p.Load("{\"archive_after_months\": 2.5}").ok());
  EXPECT_FALSE(p.Load("{not json").ok());
  EXPECT_EQ(p.archive_after_months, 24);
}

TEST(RetentionPolicy, TheMarkerIsRecognisedExactly) {
  EXPECT_TRUE(IsAnonymisedText(AnonymisedText("2026-03-01")));
  EXPECT_FALSE(IsAnonymisedText("[removed under the retention policy on soon]"));
  EXPECT_FALSE(IsAnonymisedText(AnonymisedText("2026-03-01") + " and more"));
  EXPECT_FALSE(IsAnonymisedText("A summary"));
}

}  // namespace
}  // namespace lookout::app
