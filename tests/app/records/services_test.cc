// Use-case tests over a real SQLite database: validation, references, conflicts,
// transitions, audit and all-or-nothing import.
#include "app/records/services.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/metrics_sample.h"
#include "core/time.h"
#include "domain/schema.h"
#include "store/store.h"

namespace lookout::app {
namespace {

using domain::FindEntity;

class ServicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("lookout-services-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto opened = store::Open("sqlite:" + path_.string(), 2);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    auto migrated = store_->Migrate(false);
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    services_ = std::make_unique<Services>(*store_, clock_);

    Create("region", {{"code", "EM"}, {"name", "East Midlands"}, {"nation", "England"}});
    Create("region", {{"code", "NAT"}, {"name", "National"}, {"nation", "England and Wales"}});
    Create("sector", {{"code", "police"}, {"name", "Police"}});
    Create("sector", {{"code", "transport"}, {"name", "Transport operator"}});
    officer_ = Create("staff", {{"name", "Officer One"},
                                {"email", "one@lookout.example"},
                                {"role", "officer"},
                                {"home_region", "EM"}});
    partner_ =
        Create("partner",
               {{"name", "Leicester Coach Station"}, {"sector", "transport"}, {"region", "EM"}});
    objective_ = Create("objective", {{
                                          "code",
                                          "everyone",
                                      },
                                      {"title", "Everyone's responsibility"}});
  }
  void TearDown() override {
    services_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }

  int64_t Create(const std::string& kind, std::map<std::string, Value> fields) {
    Record r;
    for (auto& [k, v] : fields) r.Set(k, v);
    auto saved = services_->Create(actor_, *FindEntity(kind), r);
    EXPECT_TRUE(saved.ok()) << kind << ": " << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }

  Record TaskInput() {
    Record r;
    r.Set("title", "Coach station staff training");
    r.Set("objectives", Value::List{Value(objective_)});
    r.Set("themes", Value::List{Value("cce")});
    r.Set("regions", Value::List{Value("EM")});
    r.Set("lead", officer_);
    r.Set("partners", Value::List{Value(partner_)});
    r.Set("priority", "high");
    return r;
  }

  Record InsightInput(std::string source, std::string theme, std::string summary) {
    Record r;
    r.Set("received_on", "2026-02-01");
    r.Set("recorded_by", officer_);
    r.Set("source_type", std::move(source));
    r.Set("region", "EM");
    r.Set("themes", Value::List{Value(std::move(theme))});
    r.Set("summary", std::move(summary));
    return r;
  }

  FixedClock clock_{1772323200};  // 2026-03-01T00:00:00Z
  Actor actor_ = Actor::Cli("tester");
  std::filesystem::path path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Services> services_;
  int64_t officer_ = 0, partner_ = 0, objective_ = 0;
};

TEST_F(ServicesTest, CreatesTaskAsProposedWithAReference) {
  auto saved = services_->Create(actor_, domain::TaskEntity(), TaskInput());
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->record.Get("status"), Value("proposed"));
  EXPECT_EQ(saved->record.Get("reference"), Value("T-2026-0001"));
  EXPECT_EQ(saved->record.Get("version"), Value(1));
  auto second = services_->Create(actor_, domain::TaskEntity(), TaskInput());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->record.Get("reference"), Value("T-2026-0002"));
}

TEST_F(ServicesTest, RefusesClientSuppliedStatusAndMetaFields) {
  Record r = TaskInput();
  r.Set("status", "delivered");
  r.Set("version", 7);
  auto saved = services_->Create(actor_, domain::TaskEntity(), r);
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.status().code(), ErrorCode::kValidation);
  ASSERT_EQ(saved.status().fields().size(), 2u);
}

TEST_F(ServicesTest, ReportsEveryMissingReferenceByField) {
  Record r = TaskInput();
  r.Set("lead", 999);
  r.Set("partners", Value::List{Value(partner_), Value(12345)});
  r.Set("regions", Value::List{Value("ZZ")});
  auto saved = services_->Create(actor_, domain::TaskEntity(), r);
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.status().code(), ErrorCode::kValidation);
  std::set<std::string> fields;
  for (const FieldError& e : saved.status().fields()) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"lead", "partners[1]", "regions[0]"}));
}

TEST_F(ServicesTest, StaleVersionIsAConflictAndChangesNothing) {
  auto saved = services_->Create(actor_, domain::PartnerEntity(), [] {
    Record r;
    r.Set("name", "Hotel A");
    r.Set("sector", "transport");
    r.Set("region", "EM");
    return r;
  }());
  ASSERT_TRUE(saved.ok());
  const int64_t id = saved->record.Id();
  Record change;
  change.Set("name", "Hotel B");
  ASSERT_TRUE(services_->Update(actor_, domain::PartnerEntity(), id, 1, change).ok());
  change.Set("name", "Hotel C");
  auto stale = services_->Update(actor_, domain::PartnerEntity(), id, 1, change);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), ErrorCode::kConflict);
  auto now = services_->Get(actor_, domain::PartnerEntity(), id);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->Get("name"), Value("Hotel B"));
  EXPECT_EQ(now->Get("version"), Value(2));
}

// A form asks these before it saves: every problem at once, nothing written.
TEST_F(ServicesTest, CheckCreateNamesEveryProblemAtOnceAndWritesNothing) {
  Create("region", {{"code", "NE"}, {"name", "North East"}, {"nation", "England"}});
  Actor officer;
  officer.id = "staff:" + std::to_string(officer_);
  officer.staff_id = officer_;
  officer.role = "officer";
  officer.region = "EM";
  officer.signed_in = true;
  Record partner;  // no name, an unknown sector, another region's
  partner.Set("sector", "nosuch");
  partner.Set("region", "NE");
  const Status checked = services_->CheckCreate(officer, domain::PartnerEntity(), partner);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.code(), ErrorCode::kValidation);  // as Create would answer first
  std::set<std::string> fields;
  for (const FieldError& e : checked.fields()) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "sector", "region"})) << checked.ToString();
  // Create itself stops at the first stage, and neither wrote anything.
  auto created = services_->Create(officer, domain::PartnerEntity(), partner);
  ASSERT_FALSE(created.ok());
  auto partners = services_->List(actor_, domain::PartnerEntity(), {});
  ASSERT_TRUE(partners.ok());
  EXPECT_EQ(partners->total, 1);

  Record fine;
  fine.Set("name", "Derby Coach Station");
  fine.Set("sector", "transport");
  fine.Set("region", "EM");
  EXPECT_TRUE(services_->CheckCreate(officer, domain::PartnerEntity(), fine).ok());
  const Status other = [&] {
    fine.Set("region", "NE");
    return services_->CheckCreate(officer, domain::PartnerEntity(), fine);
  }();
  EXPECT_EQ(other.code(), ErrorCode::kForbidden);
  ASSERT_EQ(other.fields().size(), 1u);
  EXPECT_EQ(other.fields()[0].field, "region");
}

TEST_F(ServicesTest, CheckUpdateAndCheckTransitionNameAStaleCopyWithTheOtherProblems) {
  auto task = services_->Create(actor_, domain::TaskEntity(), TaskInput());
  ASSERT_TRUE(task.ok());
  const int64_t id = task->record.Id();
  Record change;
  change.Set("title", Value());
  change.Set("county_lines", true);
  change.Set("themes", Value::List{Value("cse")});
  const Status checked = services_->CheckUpdate(actor_, domain::TaskEntity(), id, 7, change);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.code(), ErrorCode::kConflict);
  std::set<std::string> fields;
  for (const FieldError& e : checked.fields()) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"version", "title", "county_lines"})) << checked.ToString();

  const Status move = services_->CheckTransition(actor_, id, 7, "rejected", "");
  fields.clear();
  for (const FieldError& e : move.fields()) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"version", "reason"})) << move.ToString();
  EXPECT_TRUE(services_->CheckTransition(actor_, id, 1, "approved", "").ok());
  auto still = services_->Get(actor_, domain::TaskEntity(), id);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->Get("status"), Value("proposed"));
  EXPECT_EQ(still->Get("version"), Value(1));
}

TEST_F(ServicesTest, TransitionsFollowTheLifecycleAndKeepHistory) {
  auto task = services_->Create(actor_, domain::TaskEntity(), TaskInput());
  ASSERT_TRUE(task.ok());
  const int64_t id = task->record.Id();
  auto illegal = services_->TransitionTask(actor_, id, 1, "delivered", "");
  ASSERT_FALSE(illegal.ok());
  EXPECT_EQ(illegal.status().code(), ErrorCode::kIllegalTransition);

  auto approved = services_->TransitionTask(actor_, id, 1, "approved", "Fits the control strategy");
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  auto started = services_->TransitionTask(actor_, id, 2, "in_progress", "");
  ASSERT_TRUE(started.ok());
  auto delivered = services_->TransitionTask(actor_, id, 3, "delivered", "");
  ASSERT_TRUE(delivered.ok());
  EXPECT_EQ(delivered->Get("delivered_on"), Value("2026-03-01"));

  auto history = services_->TaskHistory(actor_, id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].Get("from_status"), Value("proposed"));
  EXPECT_EQ((*history)[0].Get("to_status"), Value("approved"));
  EXPECT_EQ((*history)[0].Get("reason"), Value("Fits the control strategy"));
  EXPECT_EQ((*history)[2].Get("to_status"), Value("delivered"));
}

TEST_F(ServicesTest, ApprovingATaskMarksItsInsightTasked) {
  Record insight = InsightInput("partner_observation", "cce",
                                "Young people seen travelling alone late at the coach station");
  auto saved = services_->Create(actor_, domain::InsightEntity(), insight);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->record.Get("status"), Value("new"));
  Record t = TaskInput();
  t.Set("insights", Value::List{Value(saved->record.Id())});
  auto task = services_->Create(actor_, domain::TaskEntity(), t);
  ASSERT_TRUE(task.ok());
  ASSERT_TRUE(services_->TransitionTask(actor_, task->record.Id(), 1, "approved", "").ok());
  auto after = services_->Get(actor_, domain::InsightEntity(), saved->record.Id());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->Get("status"), Value("tasked"));
}

TEST_F(ServicesTest, ListRejectsUnknownFiltersAndBadValuesField_by_field) {
  auto listed = services_->List(actor_, domain::TaskEntity(),
                                {{"colour", "blue"}, {"themes", "nonsense"}, {"limit", "0"}});
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.status().code(), ErrorCode::kValidation);
  EXPECT_EQ(listed.status().fields().size(), 3u);
}

TEST_F(ServicesTest, ListFiltersBySetRegionAndSearch) {
  ASSERT_TRUE(services_->Create(actor_, domain::TaskEntity(), TaskInput()).ok());
  Record other = TaskInput();
  other.Set("title", "Hotel awareness");
  other.Set("themes", Value::List{Value("cse")});
  other.Set("regions", Value::List{Value("NAT")});
  ASSERT_TRUE(services_->Create(actor_, domain::TaskEntity(), other).ok());

  auto by_theme = services_->List(actor_, domain::TaskEntity(), {{"themes", "cse"}});
  ASSERT_TRUE(by_theme.ok()) << by_theme.status().ToString();
  EXPECT_EQ(by_theme->total, 1);
  auto by_region = services_->List(actor_, domain::TaskEntity(), {{"region", "EM,NAT"}});
  ASSERT_TRUE(by_region.ok());
  EXPECT_EQ(by_region->total, 2);
  auto by_text = services_->List(actor_, domain::TaskEntity(), {{"q", "HOTEL"}});
  ASSERT_TRUE(by_text.ok());
  EXPECT_EQ(by_text->total, 1);
}

// lookout_import_rows_total of partners, as GET /metrics shows them.
const std::string kPartnersImported =
    "lookout_import_rows_total{kind=\"partner\",outcome=\"imported\"}";
const std::string kPartnersRejected =
    "lookout_import_rows_total{kind=\"partner\",outcome=\"rejected\"}";

TEST_F(ServicesTest, ImportWithAnyBadRowWritesNothingAndReportsEveryRow) {
  std::vector<ImportRow> rows;
  auto partner = [](std::string name, std::string sector, std::string region) {
    Record r;
    r.Set("name", std::move(name));
    r.Set("sector", std::move(sector));
    r.Set("region", std::move(region));
    return r;
  };
  rows.push_back({2, partner("Good Council", "police", "EM")});
  rows.push_back({3, partner("Bad Sector", "no_such_sector", "EM")});
  rows.push_back({4, partner("Bad Region", "police", "XX")});
  rows.push_back({5, partner("Bad Both", "no_such_sector", "XX")});  // one row, two problems
  const double rejected_before = metrics::testing::DefaultValue(kPartnersRejected);
  const double imported_before = metrics::testing::DefaultValue(kPartnersImported);
  auto report = services_->Import(actor_, domain::PartnerEntity(), rows, false);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->written, 0);
  // The rows with problems of their own are rejected; the good one is not imported.
  EXPECT_EQ(metrics::testing::DefaultValue(kPartnersRejected) - rejected_before, 3);
  EXPECT_EQ(metrics::testing::DefaultValue(kPartnersImported) - imported_before, 0);
  ASSERT_EQ(report->errors.size(), 4u);
  EXPECT_EQ(report->errors[0].line, 3);
  EXPECT_EQ(report->errors[0].column, "sector");
  EXPECT_EQ(report->errors[1].line, 4);
  auto listed = services_->List(actor_, domain::PartnerEntity(), {{"q", "Council"}});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->total, 0);
}

TEST_F(ServicesTest, ImportDryRunWritesNothingAndAGoodImportWritesAll) {
  std::vector<ImportRow> rows;
  for (int i = 0; i < 3; ++i) {
    Record r;
    r.Set("name", "Partner " + std::to_string(i));
    r.Set("sector", "police");
    r.Set("region", "EM");
    rows.push_back({i + 2, r});
  }
  const double imported_before = metrics::testing::DefaultValue(kPartnersImported);
  auto dry = services_->Import(actor_, domain::PartnerEntity(), rows, true);
  ASSERT_TRUE(dry.ok());
  EXPECT_TRUE(dry->errors.empty());
  EXPECT_EQ(dry->written, 0);
  EXPECT_EQ(services_->List(actor_, domain::PartnerEntity(), {{"q", "Partner "}})->total, 0);
  EXPECT_EQ(metrics::testing::DefaultValue(kPartnersImported), imported_before);  // not counted
  auto real = services_->Import(actor_, domain::PartnerEntity(), rows, false);
  ASSERT_TRUE(real.ok());
  EXPECT_EQ(real->written, 3);
  EXPECT_EQ(metrics::testing::DefaultValue(kPartnersImported) - imported_before, 3);
  EXPECT_EQ(services_->List(actor_, domain::PartnerEntity(), {{"q", "Partner "}})->total, 3);
}

TEST_F(ServicesTest, EveryChangeIsAudited) {
  auto saved = services_->Create(actor_, domain::TaskEntity(), TaskInput());
  ASSERT_TRUE(saved.ok());
  const int64_t id = saved->record.Id();
  Record change;
  change.Set("title", "Renamed");
  ASSERT_TRUE(services_->Update(actor_, domain::TaskEntity(), id, 1, change).ok());
  ASSERT_TRUE(services_->TransitionTask(actor_, id, 2, "cancelled", "Partner withdrew").ok());
  auto tx = store_->Begin(false);
  ASSERT_TRUE(tx.ok());
  auto audit = (*tx)->ListAudit("task", id, 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 3u);
  EXPECT_EQ((*audit)[0].action, "transition");  // newest first
  EXPECT_EQ((*audit)[0].reason, "Partner withdrew");
  EXPECT_EQ((*audit)[1].action, "update");
  EXPECT_NE((*audit)[1].changes.find("Renamed"), std::string::npos);
  EXPECT_EQ((*audit)[2].action, "create");
  EXPECT_EQ((*audit)[2].actor, "cli:tester");
}

TEST_F(ServicesTest, FreeTextIsRecordedInAuditOnlyAsChanged) {
  Record insight =
      InsightInput("officer_observation", "cse", "Concern about a hotel used for parties");
  auto saved = services_->Create(actor_, domain::InsightEntity(), insight);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  auto tx = store_->Begin(false);
  ASSERT_TRUE(tx.ok());
  auto audit = (*tx)->ListAudit("insight", saved->record.Id(), 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].changes.find("hotel used for parties"), std::string::npos);
  EXPECT_NE((*audit)[0].changes.find("\"summary\""), std::string::npos);
}

TEST_F(ServicesTest, FreeTextSurveyAnswersAreNotCopiedIntoTheAudit) {
  const int64_t survey = Create(
      "survey",
      {{"title", "Stakeholder survey"}, {"kind", "stakeholder_survey"}, {"period", "2025-26"}});
  const int64_t question = Create("survey_question", {{"survey", survey},
                                                      {"position", 1},
                                                      {"text", "What changed for you?"},
                                                      {"kind", "free_text"}});
  Record answer;
  answer.Set("question", question);
  answer.Set("answer", "We now ask about train tickets");
  Record response;
  response.Set("survey", survey);
  response.Set("attended_training", "yes");
  response.Set("answers", Value::Rows{answer});
  auto saved = services_->Create(actor_, domain::SurveyResponseEntity(), response);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  auto tx = store_->Begin(false);
  ASSERT_TRUE(tx.ok());
  auto audit = (*tx)->ListAudit("survey_response", saved->record.Id(), 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].changes.find("train tickets"), std::string::npos);
  EXPECT_NE((*audit)[0].changes.find("\"answers\""), std::string::npos);
}

TEST_F(ServicesTest, WarnsWhenFreeTextLooksIdentifying) {
  Record insight = InsightInput("officer_observation", "cse",
                                "Partner passed on a number to call: 07700 900123");
  auto saved = services_->Create(actor_, domain::InsightEntity(), insight);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  ASSERT_EQ(saved->warnings.size(), 1u);
  EXPECT_EQ(saved->warnings[0].rfind("summary: ", 0), 0u);
  EXPECT_EQ(saved->warnings[0].find("07700"), std::string::npos);
}


TEST_F(ServicesTest, AReasonThatLooksIdentifyingOrTooLongIsRefused) {
  auto task = services_->Create(actor_, domain::TaskEntity(), TaskInput());
  ASSERT_TRUE(task.ok());
  auto identifying = services_->TransitionTask(actor_, task->record.Id(), 1, "rejected",
                                               "Call the carer on 07700 900123");
  ASSERT_FALSE(identifying.ok());
  EXPECT_EQ(identifying.status().code(), ErrorCode::kValidation);
  auto long_reason =
      services_->TransitionTask(actor_, task->record.Id(), 1, "rejected", std::string(2001, 'x'));
  EXPECT_EQ(long_reason.status().code(), ErrorCode::kValidation);
  EXPECT_TRUE(services_->TransitionTask(actor_, task->record.Id(), 1, "rejected",
                                        "Another agency owns this problem")
                  .ok());
}

TEST_F(ServicesTest, SurveyAnswersMustBelongToTheSurveyAndFitTheQuestion) {
  const int64_t s1 = Create("survey", {{"title", "One"}, {"kind", "stakeholder_survey"}, {"period", "2025-26"}});
  const int64_t s2 = Create("survey", {{"title", "Two"}, {"kind", "stakeholder_survey"}, {"period", "2025-26"}});
  const int64_t yes_no = Create("survey_question", {{"survey", s1}, {"position", 1},
                                                    {"text", "Did you attend?"}, {"kind", "yes_no"}});
  const int64_t other = Create("survey_question", {{"survey", s2}, {"position", 1},
                                                   {"text", "Confident?"}, {"kind", "agreement"}});
  auto answer = [](int64_t q, std::string a) {
    Record r;
    r.Set("question", q);
    r.Set("answer", std::move(a));
    return r;
  };
  Record response;
  response.Set("survey", s1);
  response.Set("attended_training", "yes");
  response.Set("answers", Value::Rows{answer(yes_no, "agree"), answer(other, "agree")});
  auto saved = services_->Create(actor_, domain::SurveyResponseEntity(), response);
  ASSERT_FALSE(saved.ok());
  std::set<std::string> fields;
  for (const FieldError& e : saved.status().fields()) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"answers[0].answer", "answers[1].question"}));
  response.Set("answers", Value::Rows{answer(yes_no, "yes")});
  EXPECT_TRUE(services_->Create(actor_, domain::SurveyResponseEntity(), response).ok());
}

TEST_F(ServicesTest, ASetGivenInAnotherOrderIsNoChange) {
  Record input = TaskInput();
  input.Set("themes", Value::List{Value("msht"), Value("cce")});
  auto task = services_->Create(actor_, domain::TaskEntity(), input);
  ASSERT_TRUE(task.ok());
  EXPECT_EQ(task->record.Get("themes"), (Value(Value::List{Value("cce"), Value("msht")})));
  Record same;
  same.Set("themes", Value::List{Value("msht"), Value("cce")});
  auto updated = services_->Update(actor_, domain::TaskEntity(), task->record.Id(), 1, same);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->record.Get("version"), Value(1));
}

TEST_F(ServicesTest, ListRefusesParametersThatAreNotText) {
  auto listed = services_->List(actor_, domain::TaskEntity(), {{"q", std::string("\xff")}});
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.status().code(), ErrorCode::kValidation);
  auto nul = services_->List(actor_, domain::TaskEntity(), {{"q", std::string("a\0b", 3)}});
  EXPECT_EQ(nul.status().code(), ErrorCode::kValidation);
}

}  // namespace
}  // namespace lookout::app
