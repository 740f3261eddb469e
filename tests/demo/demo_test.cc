// The demo programme: loaded once into a temporary SQLite database and checked for size,
// realism, screening of free text, legal task histories and determinism.
#include "demo/demo.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "demo/random.h"
#include "app/records/reference_data.h"
#include "app/records/services.h"
#include "core/time.h"
#include "domain/rules.h"
#include "domain/schema.h"
#include "store/store.h"

namespace lookout::demo {
namespace {

using app::Actor;
using app::Services;
using domain::FindEntity;

// A migrated SQLite database in the temporary folder, with or without reference data.
class TempDatabase {
 public:
  explicit TempDatabase(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("lookout-demo-" + std::to_string(::getpid()) + "-" + name + ".db")),
        clock_(1790000000) {
    Remove();
    auto opened = store::Open("sqlite:" + path_.string(), 2);
    if (!opened.ok()) {
      error_ = opened.status().ToString();
      return;
    }
    store_ = std::move(opened).value();
    auto migrated = store_->Migrate(false);
    if (!migrated.ok()) {
      error_ = migrated.status().ToString();
      return;
    }
    services_ = std::make_unique<Services>(*store_, clock_);
  }
  ~TempDatabase() {
    services_.reset();
    store_.reset();
    Remove();
  }

  // Empty when the database opened and migrated.
  const std::string& error() const { return error_; }
  Services& services() { return *services_; }
  const Actor& actor() const { return actor_; }

  std::string LoadReference() {
    auto loaded = LoadReferenceData(*services_, actor_);
    return loaded.ok() ? "" : loaded.status().ToString();
  }

  std::vector<Record> Export(const std::string& kind) {
    auto all = services_->ExportAll(actor_, *FindEntity(kind));
    EXPECT_TRUE(all.ok()) << kind << ": " << all.status().ToString();
    return all.ok() ? *all : std::vector<Record>{};
  }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  std::filesystem::path path_;
  FixedClock clock_;
  Actor actor_ = Actor::Cli("demo-test");
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Services> services_;
  std::string error_;
};

std::string Text(const Record& r, const std::string& field) {
  const Value& v = r.Get(field);
  return v.is_text() ? v.as_text() : "";
}

std::map<std::string, std::vector<Record>> ExportEverything(TempDatabase& db) {
  std::map<std::string, std::vector<Record>> all;
  for (const domain::EntityDef* e : domain::AllEntities()) all[e->name] = db.Export(e->name);
  return all;
}

// The demo loaded once for the whole suite with the default options.
class DemoProgramme : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new TempDatabase("shared");
    ASSERT_EQ(db_->error(), "");
    ASSERT_EQ(db_->LoadReference(), "");
    progress_calls_ = 0;
    auto loaded =
        LoadDemo(db_->services(), db_->actor(), DemoOptions{}, [](int64_t done, int64_t total) {
          ++progress_calls_;
          last_done_ = done;
          last_total_ = total;
        });
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    summary_ = new DemoSummary(*loaded);
  }
  static void TearDownTestSuite() {
    delete summary_;
    summary_ = nullptr;
    delete db_;
    db_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(db_, nullptr);
    ASSERT_NE(summary_, nullptr) << "the demo programme did not load";
  }

  static std::vector<Record> Export(const std::string& kind) { return db_->Export(kind); }

  // The checks, grouped into a few tests below: each test is a process of its own under
  // ctest, and each process loads the demo programme once.
  void HoldsAProgrammeYearOfTheReportedSize();
  void StaffAreTenRegionalOfficersAndAManagementTeam();
  void ReachesProfessionalsAndYoungPeopleOnTheReportedScale();
  void DeliversTasksOnTheReportedScaleWithinTheYear();
  void ReportsProgressToTheEnd();
  void EveryTaskHistoryIsALegalPathEndingAtItsStatus();
  void TasksAnswerInsightServeObjectivesAndReachPartners();
  void GradesPoliceIntelligenceOnOneScaleOnly();
  void RunsLookCloserInTheEastMidlandsInMarch();
  void StakeholderSurveyShowsHighAgreementWithABase();
  void QuotesAreAttributedByTypeAndRegionWithConsent();
  void GivesIdenticalRecordsForTheSameSeedAndOthersForAnother();
  void RefusesToLoadTwiceIntoTheSameDatabase();

  static TempDatabase* db_;
  static DemoSummary* summary_;
  static int64_t progress_calls_;
  static int64_t last_done_;
  static int64_t last_total_;
};
TempDatabase* DemoProgramme::db_ = nullptr;
DemoSummary* DemoProgramme::summary_ = nullptr;
int64_t DemoProgramme::progress_calls_ = 0;
int64_t DemoProgramme::last_done_ = 0;
int64_t DemoProgramme::last_total_ = 0;

void DemoProgramme::HoldsAProgrammeYearOfTheReportedSize() {
  struct Range {
    const char* kind;
    size_t low, high;
  };
  for (const Range& r : std::vector<Range>{{"programme", 1, 1},
                                           {"staff", 16, 16},
                                           {"objective", 7, 7},
                                           {"scoring_scheme", 1, 1},
                                           {"partner", 130, 180},
                                           {"insight", 550, 700},
                                           {"task", 330, 420},
                                           {"task_transition", 1200, 2200},
                                           {"campaign", 3, 5},
                                           {"activity", 850, 1200},
                                           {"outcome", 6, 6},
                                           {"indicator", 10, 14},
                                           {"survey", 3, 3},
                                           {"survey_question", 15, 25},
                                           {"survey_response", 750, 1000},
                                           {"quote", 25, 35},
                                           {"case_study", 5, 7},
                                           {"outcome_event", 50, 70}}) {
    const size_t n = Export(r.kind).size();
    EXPECT_GE(n, r.low) << r.kind;
    EXPECT_LE(n, r.high) << r.kind;
    EXPECT_EQ(summary_->Created(r.kind), static_cast<int64_t>(n)) << r.kind;
  }
  EXPECT_EQ(Export("region").size(), 11u) << "the demo adds no reference data";
}

void DemoProgramme::StaffAreTenRegionalOfficersAndAManagementTeam() {
  std::map<std::string, int> roles;
  std::set<std::string> officer_regions;
  for (const Record& s : Export("staff")) {
    ++roles[Text(s, "role")];
    EXPECT_NE(Text(s, "email").find("@lookout.example"), std::string::npos);
    if (Text(s, "role") == "officer") officer_regions.insert(Text(s, "home_region"));
  }
  EXPECT_EQ(roles["manager"], 3);
  EXPECT_EQ(roles["officer"], 10);
  EXPECT_EQ(roles["analyst"], 1);
  EXPECT_EQ(roles["admin"], 1);
  EXPECT_EQ(roles["funder"], 1);
  EXPECT_EQ(officer_regions.size(), 10u);
  EXPECT_FALSE(officer_regions.count("NAT"));
}

void DemoProgramme::ReachesProfessionalsAndYoungPeopleOnTheReportedScale() {
  auto reach = db_->services().Reach(db_->actor(), {summary_->first_day, summary_->last_day, ""});
  ASSERT_TRUE(reach.ok()) << reach.status().ToString();
  int64_t professionals = 0, young_people = 0, parents = 0, estimated_rows = 0;
  std::set<std::string> regions;
  for (const store::ReachRow& row : *reach) {
    if (row.group == "professionals") professionals += row.count;
    if (row.group == "young_people") young_people += row.count;
    if (row.group == "parents_carers") parents += row.count;
    if (row.any_estimated) ++estimated_rows;
    regions.insert(row.region);
  }
  EXPECT_GE(professionals, 10000);
  EXPECT_LE(professionals, 17000);
  EXPECT_GE(young_people, 900);
  EXPECT_LE(young_people, 1600);
  EXPECT_GT(parents, 0);
  EXPECT_GT(estimated_rows, 0) << "campaign stands and published briefings are estimates";
  EXPECT_EQ(regions.size(), 11u) << "all ten regions and national";
  EXPECT_EQ(summary_->professionals_reached, professionals);
  EXPECT_EQ(summary_->young_people_reached, young_people);
}

void DemoProgramme::DeliversTasksOnTheReportedScaleWithinTheYear() {
  const Date first = *Date::Parse(summary_->first_day);
  const Date last = *Date::Parse(summary_->last_day);
  int64_t delivered_in_year = 0;
  std::map<std::string, int> statuses;
  for (const Record& t : Export("task")) {
    ++statuses[Text(t, "status")];
    if (auto d = Date::Parse(Text(t, "delivered_on")); d && *d >= first && *d <= last) {
      ++delivered_in_year;
    }
  }
  EXPECT_EQ(delivered_in_year, summary_->tasks_delivered);
  EXPECT_GE(delivered_in_year, 320);
  EXPECT_LE(delivered_in_year, 400);
  // Every status of the lifecycle is represented, with most work finished.
  for (const char* s : {"proposed", "approved", "in_progress", "delivered", "evaluated", "closed",
                        "rejected", "cancelled"}) {
    EXPECT_GT(statuses[s], 0) << s;
  }
  EXPECT_GT(statuses["closed"] + statuses["evaluated"] + statuses["delivered"],
            statuses["proposed"] + statuses["approved"] + statuses["in_progress"] +
                statuses["rejected"] + statuses["cancelled"]);
}

void DemoProgramme::EveryTaskHistoryIsALegalPathEndingAtItsStatus() {
  for (const Record& task : Export("task")) {
    auto history = db_->services().TaskHistory(db_->actor(), task.Id());
    ASSERT_TRUE(history.ok()) << history.status().ToString();
    std::string at = Text(task, "created_at");
    std::string status = "proposed";
    for (const Record& step : *history) {
      EXPECT_EQ(Text(step, "from_status"), status) << Text(task, "reference");
      const std::string to = Text(step, "to_status");
      EXPECT_TRUE(domain::CheckTaskTransition(status, to, Text(step, "reason")).ok())
          << Text(task, "reference") << ": " << status << " -> " << to;
      EXPECT_GE(Text(step, "at"), at) << Text(task, "reference") << " goes back in time";
      EXPECT_TRUE(step.Get("by").is_int()) << "every step is done by a staff member";
      at = Text(step, "at");
      status = to;
    }
    EXPECT_EQ(Text(task, "status"), status) << Text(task, "reference");
    EXPECT_LE(at.substr(0, 10), summary_->last_day) << "no step after the year";
    if (status == "delivered" || status == "evaluated" || status == "closed") {
      EXPECT_FALSE(Text(task, "delivered_on").empty()) << Text(task, "reference");
    }
  }
}

void DemoProgramme::TasksAnswerInsightServeObjectivesAndReachPartners() {
  std::set<int64_t> national;
  for (const Record& t : Export("task")) {
    EXPECT_FALSE(t.Get("insights").as_list().empty()) << Text(t, "reference");
    EXPECT_FALSE(t.Get("objectives").as_list().empty()) << Text(t, "reference");
    EXPECT_FALSE(t.Get("partners").as_list().empty()) << Text(t, "reference");
    EXPECT_FALSE(t.Get("audiences").as_list().empty()) << Text(t, "reference");
    for (const Value& r : t.Get("regions").as_list()) {
      if (r == Value("NAT")) national.insert(t.Id());
    }
  }
  EXPECT_GE(national.size(), 15u) << "national tasks such as the BTP roadshows";
  // Approving a task marks its insight as tasked.
  std::map<std::string, int> statuses;
  for (const Record& i : Export("insight")) ++statuses[Text(i, "status")];
  EXPECT_GT(statuses["tasked"], 200);
  EXPECT_GT(statuses["assessed"], 0);
  EXPECT_GT(statuses["new"], 0);
  EXPECT_GT(statuses["no_further_action"], 0);
}

void DemoProgramme::GradesPoliceIntelligenceOnOneScaleOnly() {
  int graded = 0, legacy = 0, conditional = 0, assessed = 0;
  const auto insights = Export("insight");
  for (const Record& i : insights) {
    const bool has_3x5x2 = !Text(i, "grade_source").empty();
    const bool has_legacy = !Text(i, "legacy_grade").empty();
    EXPECT_FALSE(has_3x5x2 && has_legacy) << "insight " << i.Id() << " mixes the scales";
    if (Text(i, "source_type") == "police_intelligence") {
      EXPECT_TRUE(has_3x5x2 || has_legacy) << "insight " << i.Id();
    } else {
      EXPECT_FALSE(has_3x5x2 || has_legacy) << "insight " << i.Id();
    }
    graded += has_3x5x2;
    legacy += has_legacy;
    if (Text(i, "grade_handling") == "C") {
      ++conditional;
      EXPECT_FALSE(Text(i, "handling_conditions").empty());
    }
    if (i.Get("risk_score").is_real() || i.Get("risk_score").is_int()) {
      ++assessed;
      EXPECT_FALSE(i.Get("factor_scores").as_rows().empty());
    }
  }
  EXPECT_GT(graded, 150);
  EXPECT_GE(legacy, 1);
  EXPECT_LE(legacy, 10);
  EXPECT_GT(conditional, 10);
  EXPECT_GT(assessed, static_cast<int>(insights.size()) * 7 / 10) << "most items are assessed";
}

void DemoProgramme::RunsLookCloserInTheEastMidlandsInMarch() {
  int64_t campaign = 0;
  for (const Record& c : Export("campaign")) {
    if (Text(c, "name") != "#LookCloser") continue;
    campaign = c.Id();
    EXPECT_EQ(Text(c, "start_on"), "2026-03-09");
    EXPECT_EQ(Text(c, "end_on"), "2026-03-13");
    EXPECT_EQ(c.Get("regions"), Value(Value::List{Value("EM")}));
    EXPECT_TRUE(c.Get("task").is_int());
  }
  ASSERT_NE(campaign, 0);
  int days = 0;
  for (const Record& a : Export("activity")) {
    if (a.Get("campaign") == Value(campaign)) {
      ++days;
      EXPECT_EQ(Text(a, "region"), "EM");
    }
  }
  EXPECT_GE(days, 7);
}

void DemoProgramme::StakeholderSurveyShowsHighAgreementWithABase() {
  int64_t survey = 0;
  for (const Record& s : Export("survey")) {
    if (Text(s, "kind") == "stakeholder_survey") survey = s.Id();
  }
  ASSERT_NE(survey, 0);
  std::map<int64_t, std::string> agreement_questions;
  for (const Record& q : Export("survey_question")) {
    if (q.Get("survey") == Value(survey) && Text(q, "kind") == "agreement") {
      agreement_questions[q.Id()] = Text(q, "text");
      EXPECT_TRUE(q.Get("indicator").is_int()) << Text(q, "text");
    }
  }
  EXPECT_EQ(agreement_questions.size(), 8u);
  std::map<int64_t, std::pair<int, int>> agree_of;  // question -> (agree, answered)
  int responses = 0;
  std::map<std::string, int> attended;
  for (const Record& r : Export("survey_response")) {
    if (r.Get("survey") != Value(survey)) continue;
    ++responses;
    ++attended[Text(r, "attended_training")];
    for (const Record& a : r.Get("answers").as_rows()) {
      const int64_t q = a.Get("question").as_int();
      if (!agreement_questions.count(q) || Text(a, "answer") == "dont_know") continue;
      ++agree_of[q].second;
      if (Text(a, "answer") == "agree" || Text(a, "answer") == "strongly_agree")
        ++agree_of[q].first;
    }
  }
  EXPECT_GE(responses, 250);
  EXPECT_LE(responses, 300);
  EXPECT_GT(attended["yes"], 0);
  EXPECT_GT(attended["no"], 0);
  EXPECT_GT(attended["unknown"], 0);
  for (const auto& [q, counts] : agree_of) {
    const double share = static_cast<double>(counts.first) / counts.second;
    EXPECT_GE(share, 0.72) << agreement_questions[q];
    EXPECT_LE(share, 0.98) << agreement_questions[q];
  }
}

void DemoProgramme::QuotesAreAttributedByTypeAndRegionWithConsent() {
  int approved = 0;
  for (const Record& q : Export("quote")) {
    EXPECT_EQ(q.Get("consent_given"), Value(true));
    EXPECT_FALSE(Text(q, "consent_on").empty());
    EXPECT_FALSE(Text(q, "stakeholder_type").empty());
    EXPECT_FALSE(Text(q, "region").empty());
    approved += q.Get("approved") == Value(true);
  }
  EXPECT_GT(approved, 15);
}

void DemoProgramme::ReportsProgressToTheEnd() {
  EXPECT_GT(progress_calls_, 100);
  EXPECT_EQ(last_done_, last_total_);
}

void DemoProgramme::RefusesToLoadTwiceIntoTheSameDatabase() {
  const size_t tasks = Export("task").size();
  auto again = LoadDemo(db_->services(), db_->actor());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), ErrorCode::kConflict);
  EXPECT_NE(again.status().message().find("already holds"), std::string::npos)
      << again.status().message();
  EXPECT_EQ(Export("task").size(), tasks);
}

// Two more loads: the same seed into a new database, and another seed.
void DemoProgramme::GivesIdenticalRecordsForTheSameSeedAndOthersForAnother() {
  TempDatabase same("same-seed"), other("other-seed");
  for (TempDatabase* db : {&same, &other}) {
    ASSERT_EQ(db->error(), "");
    ASSERT_EQ(db->LoadReference(), "");
  }
  ASSERT_TRUE(LoadDemo(same.services(), same.actor(), DemoOptions{}).ok());
  DemoOptions options;
  options.seed = DemoOptions{}.seed + 1;
  ASSERT_TRUE(LoadDemo(other.services(), other.actor(), options).ok());

  const auto first = ExportEverything(*db_);
  const auto second = ExportEverything(same);
  const auto third = ExportEverything(other);
  for (const auto& [kind, records] : first) {
    ASSERT_EQ(records.size(), second.at(kind).size()) << kind;
    for (size_t i = 0; i < records.size(); ++i) {
      ASSERT_EQ(records[i], second.at(kind)[i]) << kind << " record " << records[i].Id();
    }
  }
  EXPECT_NE(first.at("insight"), third.at("insight"));
  EXPECT_NE(first.at("activity"), third.at("activity"));
  EXPECT_NE(first.at("survey_response"), third.at("survey_response"));
}

TEST_F(DemoProgramme, IsAProgrammeYearOfTheReportedSizeAndReach) {
  {
    SCOPED_TRACE("holds a programme year of the reported size");
    HoldsAProgrammeYearOfTheReportedSize();
  }
  {
    SCOPED_TRACE("staff are ten regional officers and a management team");
    StaffAreTenRegionalOfficersAndAManagementTeam();
  }
  {
    SCOPED_TRACE("reaches professionals and young people on the reported scale");
    ReachesProfessionalsAndYoungPeopleOnTheReportedScale();
  }
  {
    SCOPED_TRACE("delivers tasks on the reported scale within the year");
    DeliversTasksOnTheReportedScaleWithinTheYear();
  }
  {
    SCOPED_TRACE("reports progress to the end");
    ReportsProgressToTheEnd();
  }
}

TEST_F(DemoProgramme, RecordsItsWorkLikeARealProgramme) {
  {
    SCOPED_TRACE("every task history is a legal path ending at its status");
    EveryTaskHistoryIsALegalPathEndingAtItsStatus();
  }
  {
    SCOPED_TRACE("tasks answer insight serve objectives and reach partners");
    TasksAnswerInsightServeObjectivesAndReachPartners();
  }
  {
    SCOPED_TRACE("grades police intelligence on one scale only");
    GradesPoliceIntelligenceOnOneScaleOnly();
  }
  {
    SCOPED_TRACE("runs look closer in the east midlands in march");
    RunsLookCloserInTheEastMidlandsInMarch();
  }
  {
    SCOPED_TRACE("stakeholder survey shows high agreement with a base");
    StakeholderSurveyShowsHighAgreementWithABase();
  }
  {
    SCOPED_TRACE("quotes are attributed by type and region with consent");
    QuotesAreAttributedByTypeAndRegionWithConsent();
  }
}

TEST_F(DemoProgramme, LoadsTheSameRecordsForTheSameSeedAndRefusesToLoadTwice) {
  {
    SCOPED_TRACE("gives identical records for the same seed and others for another");
    GivesIdenticalRecordsForTheSameSeedAndOthersForAnother();
  }
  {
    SCOPED_TRACE("refuses to load twice into the same database");
    RefusesToLoadTwiceIntoTheSameDatabase();
  }
}

// Every kind's free-text fields, and the survey answers, hold nothing the screen flags.
TEST_F(DemoProgramme, FreeTextPassesTheIdentifyingDetailsScreen) {
  int64_t screened = 0;
  for (const domain::EntityDef* entity : domain::AllEntities()) {
    for (const Record& r : Export(entity->name)) {
      for (const domain::FieldDef& f : entity->fields) {
        if (!f.free_text || !r.Get(f.name).is_text()) continue;
        ++screened;
        const auto warnings = domain::ScreenFreeText(r.Get(f.name).as_text());
        EXPECT_TRUE(warnings.empty()) << entity->name << " " << r.Id() << " " << f.name << ": "
                                      << (warnings.empty() ? "" : warnings.front()) << "\n"
                                      << r.Get(f.name).as_text();
      }
      if (entity->name == "survey_response") {
        for (const Record& a : r.Get("answers").as_rows()) {
          EXPECT_TRUE(domain::ScreenFreeText(Text(a, "answer")).empty()) << Text(a, "answer");
        }
      }
    }
  }
  EXPECT_GT(screened, 1500);
}

// ---- Loading elsewhere -----------------------------------------------------------------------

TEST(DemoLoader, RefusesWithoutReferenceDataAndWritesNothing) {
  TempDatabase db("no-reference");
  ASSERT_EQ(db.error(), "");
  auto loaded = LoadDemo(db.services(), db.actor());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(loaded.status().message().find("lookout init"), std::string::npos)
      << loaded.status().message();
  EXPECT_TRUE(db.Export("staff").empty());
  EXPECT_TRUE(db.Export("programme").empty());
}

TEST(DemoLoader, RefusesAMalformedFinancialYear) {
  TempDatabase db("bad-year");
  ASSERT_EQ(db.error(), "");
  DemoOptions options;
  options.financial_year = "2025-27";
  auto loaded = LoadDemo(db.services(), db.actor(), options);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kValidation);
  ASSERT_FALSE(loaded.status().fields().empty());
  EXPECT_EQ(loaded.status().fields().front().field, "financial_year");
}

// ---- The generator's random numbers ----------------------------------------------------------

TEST(DemoRandom, FollowsTheSplitMix64Sequence) {
  // The published splitmix64 outputs for seed 0: the demo data depends on them not changing.
  demo::Rng rng(0);
  EXPECT_EQ(rng.Next(), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(rng.Next(), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(rng.Next(), 0x06c45d188009454fULL);
}

TEST(DemoRandom, BetweenStaysInItsRangeAndReachesBothEnds) {
  demo::Rng rng(2026);
  std::set<int64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const int64_t v = rng.Between(-3, 4);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 4);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 8u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(rng.Between(7, 7), 7);
}

TEST(DemoRandom, ForkedStreamsAreIndependentAndRepeatable) {
  const demo::Rng root(5);
  demo::Rng a = root.Fork("insight");
  demo::Rng b = root.Fork("insight");
  demo::Rng c = root.Fork("tasks");
  const uint64_t first = a.Next();
  EXPECT_EQ(first, b.Next());
  EXPECT_NE(first, c.Next());
}

TEST(DemoRandom, WeightedNeverPicksAZeroWeight) {
  demo::Rng rng(9);
  for (int i = 0; i < 1000; ++i) EXPECT_NE(rng.Weighted({1.0, 0.0, 2.0}), 1u);
}

}  // namespace
}  // namespace lookout::demo
