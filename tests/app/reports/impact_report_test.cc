// The impact report, computed from a small programme written as import files
// (tests/app/fixtures/impact/) and compared with expected files a person can read
// (tests/app/golden/): footnote numbering, rounding, 'approximately', suppression and
// subgroup bases. The same files must come out of SQLite and PostgreSQL.
// LOOKOUT_UPDATE_GOLDEN=1 rewrites the expected files (then read the difference).
#include <gmock/gmock.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/engine_fixture.h"
#include "app/records/reference_data.h"
#include "app/reports/impact_report.h"
#include "app/reports/produce_report.h"
#include "app/reports/publish.h"
#include "app/reports/quarterly_return.h"
#include "core/metrics_sample.h"
#include "io/record_file.h"
#include "report/render.h"

namespace lookout::app {
namespace {

using testing::EngineTest;

std::filesystem::path SourceDir() {
  const char* dir = std::getenv("LOOKOUT_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Compares `actual` with the expected file, or rewrites it when asked to.
void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::filesystem::path path = SourceDir() / "tests/app/golden" / name;
  if (std::getenv("LOOKOUT_UPDATE_GOLDEN") != nullptr) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing: run with LOOKOUT_UPDATE_GOLDEN=1";
  const std::string expected = ReadFile(path);
  EXPECT_EQ(actual, expected) << "The report differs from " << path
                              << "; if the change is intended, run with LOOKOUT_UPDATE_GOLDEN=1 "
                                 "and read the difference.";
}

class ImpactReportTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    clock_.Set(At("2026-04-15T09:30:00Z"));
    ASSERT_TRUE(LoadReferenceData(*services_, cli_).ok());
    for (const char* kind : {"programme", "staff", "objective", "partner", "task", "campaign",
                             "activity", "outcome", "indicator", "survey", "survey-question",
                             "survey-response", "quote", "case-study", "outcome-event"}) {
      std::string name = kind;
      std::replace(name.begin(), name.end(), '-', '_');
      const domain::EntityDef& entity = *domain::FindEntity(name);
      const std::string bytes =
          ReadFile(SourceDir() / "tests/app/fixtures/impact" / (std::string(kind) + ".csv"));
      io::DecodedFile decoded = io::DecodeCsv(entity, bytes);
      for (const ImportIssue& issue : decoded.errors) {
        ADD_FAILURE() << kind << " line " << issue.line << " " << issue.column << ": " << issue.message;
      }
      auto report = services_->Import(cli_, entity, std::move(decoded.rows), false);
      ASSERT_TRUE(report.ok()) << kind << ": " << report.status().ToString();
      for (const ImportIssue& issue : report->errors) {
        ADD_FAILURE() << kind << " line " << issue.line << " " << issue.column << ": " << issue.message;
      }
    }
  }

  report::ReportDoc Build(const std::string& period, const std::string& region = "") {
    auto doc = BuildImpactReport(*services_, cli_, {period, region, 5, "https://lookout.example"});
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    return doc.ok() ? std::move(doc).value() : report::ReportDoc{};
  }
};

TEST_P(ImpactReportTest, TheNationalReportMatchesItsExpectedFiles) {
  const report::ReportDoc doc = Build("2025-26");
  ExpectGolden("impact-2025-26.md", report::RenderMarkdown(doc));
  ExpectGolden("impact-2025-26.json", report::RenderJson(doc));
}

TEST_P(ImpactReportTest, ARegionsReportMatchesItsExpectedFile) {
  ExpectGolden("impact-2025-26-EM.md", report::RenderMarkdown(Build("2025-26", "EM")));
}

TEST_P(ImpactReportTest, HeadlineFiguresCountTheActivitiesOfThePeriodOnly) {
  const report::ReportDoc doc = Build("2025-26");
  // 12 + 40 + 3 + 25: the archived activity (1,000) and last year's are left out; the
  // transport count was estimated.
  const report::Figure* professionals = doc.FindFigure("reach.professionals");
  ASSERT_NE(professionals, nullptr);
  EXPECT_EQ(professionals->value, 80);
  EXPECT_TRUE(professionals->approximate);
  EXPECT_EQ(report::FigureText(*professionals, 5), "approximately 80");
  EXPECT_EQ(doc.FindFigure("reach.young_people")->value, 120);
  // Four parents and carers: under the threshold, never written.
  const report::Figure* parents = doc.FindFigure("reach.parents_carers");
  EXPECT_TRUE(parents->suppressed);
  EXPECT_FALSE(parents->value.has_value());
  EXPECT_EQ(report::FigureText(*parents, 5), "fewer than 5");
  EXPECT_EQ(doc.FindFigure("tasks.completed")->value, 2);
  EXPECT_EQ(doc.FindFigure("partners.engaged")->value, 3);
  EXPECT_EQ(doc.FindFigure("campaigns")->value, 1);
  EXPECT_EQ(doc.FindFigure("activities")->value, 4);
  EXPECT_EQ(doc.FindFigure("tasks.completed")->link,
            "/tasks?status=delivered%2Cevaluated%2Cclosed&delivered_on_from=2025-04-01&"
            "delivered_on_to=2026-03-31");
}

TEST_P(ImpactReportTest, SurveyEvidenceStatesItsBaseAndSubgroup) {
  const report::ReportDoc doc = Build("2025-26");
  // 12 respondents: one "don't know" and one blank outside the base.
  const report::Figure* confident = doc.FindFigure("indicator.PRO-CONF-1");
  ASSERT_NE(confident, nullptr);
  EXPECT_EQ(confident->value, 8);
  EXPECT_EQ(confident->base, 10);
  // Only the 8 who attended training, one of them "don't know".
  const report::Figure* practice = doc.FindFigure("indicator.PRO-PRAC-1");
  EXPECT_EQ(practice->value, 6);
  EXPECT_EQ(practice->base, 7);
  EXPECT_EQ(report::FigureText(*practice, 5), "6 out of 7 respondents (86%)");
  // Two feedback surveys of the year pooled; last year's survey left out.
  EXPECT_EQ(doc.FindFigure("indicator.FB-KNOW")->value, 7);
  EXPECT_EQ(doc.FindFigure("indicator.FB-KNOW")->base, 9);
  EXPECT_EQ(doc.FindFigure("indicator.OLD-1"), nullptr);
  // The indicator's own positive answers: "strongly agree" only.
  EXPECT_EQ(doc.FindFigure("indicator.CYP-SAFE-1")->value, 4);
  EXPECT_EQ(doc.FindFigure("indicator.CYP-SAFE-1")->base, 12);
  // Footnotes in order of appearance.
  ASSERT_GE(doc.footnotes.size(), 4u);
  for (size_t i = 0; i < doc.footnotes.size(); ++i) EXPECT_EQ(doc.footnotes[i].number, static_cast<int>(i) + 1);
  EXPECT_NE(doc.footnotes[0].text.find("8 out of 10 respondents"), std::string::npos) << doc.footnotes[0].text;
}

TEST_P(ImpactReportTest, ARegionsSmallSurveyBaseIsNotShown) {
  const report::ReportDoc doc = Build("2025-26", "EM");
  const report::Figure* feedback = doc.FindFigure("indicator.FB-KNOW");
  ASSERT_NE(feedback, nullptr);
  EXPECT_TRUE(feedback->suppressed);
  EXPECT_FALSE(feedback->value.has_value());
  EXPECT_FALSE(feedback->interval.has_value());
}

TEST_P(ImpactReportTest, BreakdownsSuppressSmallCountsAndWhatWouldGiveThemAway) {
  const report::ReportDoc doc = Build("2025-26");
  // Professionals by sector: education 3 is under the threshold; hospitality 12, the
  // smallest other, is withheld so 3 cannot be worked out from the total.
  EXPECT_TRUE(doc.FindFigure("reach.sector.education.professionals")->suppressed);
  EXPECT_TRUE(doc.FindFigure("reach.sector.hospitality.professionals")->suppressed);
  EXPECT_FALSE(doc.FindFigure("reach.sector.police.professionals")->suppressed);
  EXPECT_EQ(doc.FindFigure("reach.sector.police.professionals")->value, 40);
  // Quotes: approved, with consent, in the period only.
  const std::string md = report::RenderMarkdown(doc);
  EXPECT_NE(md.find("National Government Stakeholder"), std::string::npos);
  EXPECT_NE(md.find("Local Government Stakeholder in the East Midlands"), std::string::npos);
  EXPECT_EQ(md.find("not yet approved"), std::string::npos);
  EXPECT_EQ(md.find("Words from last year"), std::string::npos);
  EXPECT_EQ(md.find("Hotels in Leicester"), std::string::npos);  // an unapproved case study
}

TEST_P(ImpactReportTest, TheHtmlLinksEveryFigureToItsRecords) {
  const std::string html = report::RenderHtml(Build("2025-26"));
  EXPECT_NE(html.find("<a href=\"https://lookout.example/activities?from=2025-04-01&amp;to=2026-03-31\""),
            std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("id=\"note-1\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST_P(ImpactReportTest, ThePdfHoldsTheHeadlineFiguresAsText) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "pdftotext (poppler-utils, installed by the test command) reads the PDF";
  }
  auto rendered = report::RenderReport(Build("2025-26"), "pdf");
  ASSERT_TRUE(rendered.ok()) << rendered.status().ToString();
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("lookout-pdf-" + std::to_string(::getpid()) + "-" + GetParam());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "impact.pdf", std::ios::binary) << rendered->bytes;
  ASSERT_EQ(std::system(("pdftotext -enc UTF-8 '" + (dir / "impact.pdf").string() + "' '" +
                         (dir / "impact.txt").string() + "'").c_str()),
            0);
  // Lines wrap where the page is full: read the text as one line.
  std::string text;
  for (char c : ReadFile(dir / "impact.txt")) {
    const bool space = c == '\n' || c == ' ';
    if (!(space && !text.empty() && text.back() == ' ')) text += space ? ' ' : c;
  }
  std::filesystem::remove_all(dir);
  EXPECT_THAT(text, ::testing::HasSubstr("approximately 80"));
  EXPECT_THAT(text, ::testing::HasSubstr("120 young people"));
  EXPECT_THAT(text, ::testing::HasSubstr("8 out of 10 respondents (80%)"));
  EXPECT_THAT(text, ::testing::HasSubstr("National Government Stakeholder"));
}

TEST_P(ImpactReportTest, APeriodWithNoRecordsGivesAReportOfZeros) {
  const report::ReportDoc doc = Build("2030-31");
  ASSERT_NE(doc.FindFigure("reach.professionals"), nullptr);
  EXPECT_EQ(doc.FindFigure("reach.professionals")->value, 0);
  EXPECT_FALSE(report::RenderMarkdown(doc).empty());
  auto quarterly = BuildQuarterlyReturn(*services_, cli_, "2030-31");
  ASSERT_TRUE(quarterly.ok()) << quarterly.status().ToString();
}

// Sentences name a region as prose does, "in the East Midlands", and attributions follow:
// a programme that renames its regions in the reference data changes its report.
TEST_P(ImpactReportTest, SentencesAndAttributionsNameRegionsAsProseDoes) {
  const std::string em = report::RenderMarkdown(Build("2025-26", "EM"));
  EXPECT_THAT(em, ::testing::HasSubstr("Throughout 2025-26, in the East Midlands, the programme has:"));
  EXPECT_THAT(em, ::testing::HasSubstr("— Local Government Stakeholder in the East Midlands"));
  EXPECT_THAT(em, ::testing::Not(::testing::HasSubstr("in East Midlands")));
  // National work has no place to name: its quotes name the stakeholder alone.
  const std::string national = report::RenderMarkdown(Build("2025-26"));
  EXPECT_THAT(national, ::testing::HasSubstr("— National Government Stakeholder\n"));

  auto regions = services_->ExportAll(cli_, domain::RegionEntity());
  ASSERT_TRUE(regions.ok());
  for (const Record& r : *regions) {
    if (r.Get("code") != Value("EM")) continue;
    EXPECT_EQ(r.Get("prose_name"), Value("the East Midlands"));
    Record renamed;
    renamed.Set("prose_name", "the East Midlands region");
    ASSERT_TRUE(services_->Update(cli_, domain::RegionEntity(), r.Id(), r.Get("version").as_int(), renamed).ok());
  }
  const std::string after = report::RenderMarkdown(Build("2025-26", "EM"));
  EXPECT_THAT(after, ::testing::HasSubstr("in the East Midlands region, the programme has:"));
  EXPECT_THAT(after, ::testing::HasSubstr("— Local Government Stakeholder in the East Midlands region"));
}

// A sentence names only the groups and things that were recorded: no "0 members of the
// public", no "ran 0 campaigns".
TEST_P(ImpactReportTest, HeadlineSentencesLeaveOutWhatWasNotRecorded) {
  const report::ReportDoc doc = Build("2025-26", "EM");
  EXPECT_EQ(doc.FindFigure("reach.public")->value, 0);
  EXPECT_EQ(doc.FindFigure("campaigns")->value, 0);
  std::vector<std::string> items;
  for (const report::Block& b : doc.sections.front().blocks) {
    for (const report::Inline& item : b.items) items.push_back(report::InlineText(doc, item));
  }
  EXPECT_EQ(items, (std::vector<std::string>{
                       "Reached 55 professionals and 120 young people.",
                       "Also reached fewer than 5 parents and carers.",
                       "Completed 1 task to prevent child sexual abuse and exploitation, modern slavery, "
                       "human trafficking and criminal exploitation.",
                       "Delivered 3 activities, working with 2 partner organisations on the tasks completed."}));
  // The whole programme: every group, listed as prose lists them.
  const report::ReportDoc national = Build("2025-26");
  const report::Block& list = national.sections.front().blocks[1];
  EXPECT_EQ(report::InlineText(national, list.items[0]),
            "Reached approximately 80 professionals and 120 young people across England and Wales.");
  EXPECT_EQ(report::InlineText(national, list.items[1]),
            "Also reached fewer than 5 parents and carers and approximately 600 members of the public.");
  EXPECT_EQ(report::InlineText(national, list.items[3]),
            "Delivered 4 activities and ran 1 campaign, working with 3 partner organisations on the tasks completed.");
}

// Nothing recorded at all: the report says so in a sentence, not in a list of noughts.
TEST_P(ImpactReportTest, APeriodWithNothingRecordedSaysSo) {
  const report::ReportDoc doc = Build("2030-31", "EM");
  ASSERT_EQ(doc.sections.front().blocks.size(), 1u);
  EXPECT_EQ(report::InlineText(doc, doc.sections.front().blocks[0].text),
            "No activities, completed tasks or campaigns are recorded for 2030-31 in the East Midlands.");
}

// Links in files read elsewhere are absolute, from Lookout's public address; without one,
// the files link nothing (a relative link from a file on a disk leads nowhere) and say why.
TEST_P(ImpactReportTest, LinksAreAbsoluteOrAbsentAndABadPublicUrlIsRefused) {
  const std::string linked = report::RenderHtml(Build("2025-26"));
  EXPECT_THAT(linked, ::testing::Not(::testing::HasSubstr("href=\"/")));
  auto plain = BuildImpactReport(*services_, cli_, {"2025-26", "", 5, ""});
  ASSERT_TRUE(plain.ok());
  const std::string html = report::RenderHtml(*plain);
  EXPECT_THAT(html, ::testing::Not(::testing::HasSubstr("href=\"/")));
  EXPECT_THAT(html, ::testing::Not(::testing::HasSubstr("href=\"http")));
  EXPECT_THAT(report::RenderMarkdown(*plain), ::testing::HasSubstr("without Lookout's public address"));
  EXPECT_THAT(report::RenderJson(*plain), ::testing::HasSubstr("\"link\": null"));
  // A trailing slash is dropped; a query or a relative address is refused.
  auto slash = BuildImpactReport(*services_, cli_, {"2025-26", "", 5, "https://lookout.example/"});
  ASSERT_TRUE(slash.ok());
  EXPECT_EQ(slash->FindFigure("activities")->link.rfind("/activities", 0), 0u);
  EXPECT_EQ(report::FigureUrl(*slash, *slash->FindFigure("activities")).rfind("https://lookout.example/activities", 0), 0u);
  for (const char* bad : {"lookout.example", "https://lookout.example/?a=1", "javascript:alert(1)"}) {
    auto refused = BuildImpactReport(*services_, cli_, {"2025-26", "", 5, bad});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().fields().at(0).field, "base_url") << bad;
  }
}

// The pages and `lookout report` produce reports through ProduceReport: the document and
// its rendering, timed by kind and format; what fails is not timed.
TEST_P(ImpactReportTest, ProducingAReportRendersItAndTimesIt) {
  const std::string impact_md = "lookout_report_generation_seconds_count{kind=\"impact\",format=\"md\"}";
  const std::string quarterly_csv =
      "lookout_report_generation_seconds_count{kind=\"quarterly\",format=\"csv\"}";
  const double impact_before = metrics::testing::DefaultValue(impact_md);
  const double quarterly_before = metrics::testing::DefaultValue(quarterly_csv);

  auto impact = ProduceReport(*services_, cli_,
                              {ReportKind::kImpact, {"2025-26", "", 5, "https://lookout.example"}, "md"});
  ASSERT_TRUE(impact.ok()) << impact.status().ToString();
  EXPECT_EQ(impact->rendered.bytes, report::RenderMarkdown(Build("2025-26")));
  EXPECT_EQ(impact->doc.period, "2025-26");
  auto quarterly = ProduceReport(*services_, cli_, {ReportKind::kQuarterly, {"2025-26"}, "csv"});
  ASSERT_TRUE(quarterly.ok()) << quarterly.status().ToString();
  EXPECT_EQ(quarterly->rendered.extension, "csv");

  EXPECT_EQ(ProduceReport(*services_, cli_, {ReportKind::kImpact, {"2025"}, "md"}).status().code(),
            ErrorCode::kValidation);
  EXPECT_EQ(ProduceReport(*services_, cli_, {ReportKind::kImpact, {"2025-26"}, "docx"}).status().code(),
            ErrorCode::kValidation);
  EXPECT_EQ(metrics::testing::DefaultValue(impact_md) - impact_before, 1);
  EXPECT_EQ(metrics::testing::DefaultValue(quarterly_csv) - quarterly_before, 1);
  EXPECT_EQ(metrics::testing::DefaultValue(
                "lookout_report_generation_seconds_count{kind=\"impact\",format=\"docx\"}"),
            0);
}

TEST_P(ImpactReportTest, BadRequestsNameTheirField) {
  auto bad = BuildImpactReport(*services_, cli_, {"2025", "XX", 0, ""});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kValidation);
  std::vector<std::string> fields;
  for (const FieldError& e : bad.status().fields()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"period", "threshold", "region"}));
}

TEST_P(ImpactReportTest, FundersAndAdministratorsCannotProduceReports) {
  Actor funder;
  funder.id = "staff:9";
  funder.staff_id = 9;
  funder.role = "funder";
  funder.signed_in = true;
  EXPECT_EQ(BuildImpactReport(*services_, funder, {"2025-26"}).status().code(), ErrorCode::kForbidden);
  Actor admin = funder;
  admin.role = "admin";
  EXPECT_EQ(BuildImpactReport(*services_, admin, {"2025-26"}).status().code(), ErrorCode::kForbidden);
  Actor analyst = funder;
  analyst.role = "analyst";
  EXPECT_TRUE(BuildImpactReport(*services_, analyst, {"2025-26"}).ok());
}

Actor Role(const std::string& role) {
  Actor a;
  a.id = "staff:9";
  a.staff_id = 9;
  a.role = role;
  a.region = role == "officer" ? "EM" : "";
  a.signed_in = true;
  return a;
}

Record Activity(int64_t task, const std::string& date, const std::string& region) {
  Record r;
  r.Set("task", task);
  r.Set("type", "workshop");
  r.Set("title", "A late workshop");
  r.Set("start_on", date);
  r.Set("region", region);
  return r;
}

TEST_P(ImpactReportTest, PublishingFreezesTheFilesAndLocksThePeriod) {
  const Actor manager = Role("manager");
  const std::string timed = "lookout_report_generation_seconds_count{kind=\"impact\",format=\"all\"}";
  const double timed_before = metrics::testing::DefaultValue(timed);
  auto published = PublishImpactReport(*services_, manager, {"2025-26", "", 5, "https://lookout.example"});
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(metrics::testing::DefaultValue(timed) - timed_before, 1);
  EXPECT_EQ(published->Get("locked"), Value(true));
  EXPECT_EQ(published->Get("inputs_hash").ToDisplay().size(), 64u);
  const int64_t id = published->Id();
  // Every format is kept, and is what the report was when it was published.
  const report::ReportDoc now = Build("2025-26");
  EXPECT_EQ(published->Get("inputs_hash").ToDisplay(), now.inputs_hash);
  std::map<std::string, std::string> files;
  for (const char* format : {"html", "pdf", "md", "xlsx", "json"}) {
    auto file = PublishedReportFile(*services_, Role("funder"), id, format);
    ASSERT_TRUE(file.ok()) << format << ": " << file.status().ToString();
    EXPECT_FALSE(file->bytes.empty()) << format;
    files[format] = file->bytes;
  }
  EXPECT_EQ(files["md"], report::RenderMarkdown(now));
  EXPECT_EQ(files["pdf"].substr(0, 5), "%PDF-");
  EXPECT_EQ(files["xlsx"].substr(0, 2), "PK");

  // The period's records are locked: no new activity in it, no change to one counted.
  auto inside = services_->Create(manager, domain::ActivityEntity(), Activity(1, "2026-01-15", "WM"));
  ASSERT_FALSE(inside.ok());
  EXPECT_EQ(inside.status().code(), ErrorCode::kConflict);
  EXPECT_THAT(inside.status().message(), ::testing::HasSubstr("Impact report 2025-26"));
  Record rename;
  rename.Set("title", "Renamed");
  EXPECT_EQ(services_->Update(manager, domain::ActivityEntity(), 1, 1, rename).status().code(),
            ErrorCode::kConflict);
  // Nor moved into it from outside.
  auto after = services_->Create(manager, domain::ActivityEntity(), Activity(3, "2026-04-10", "EM"));
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  Record back;
  back.Set("start_on", "2026-03-31");
  EXPECT_EQ(services_->Update(manager, domain::ActivityEntity(), after->record.Id(), 1, back).status().code(),
            ErrorCode::kConflict);
  // A second report of the same period waits for the unlock.
  EXPECT_EQ(PublishImpactReport(*services_, manager, {"2025-26", "", 5, ""}).status().code(),
            ErrorCode::kConflict);

  // Unlocking is a manager's act, with a reason, on the audit trail.
  EXPECT_EQ(UnlockPublishedReport(*services_, Role("analyst"), id, 1, "typo").status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(UnlockPublishedReport(*services_, manager, id, 1, "  ").status().code(),
            ErrorCode::kValidation);
  auto unlocked = UnlockPublishedReport(*services_, manager, id, 1, "An activity was recorded twice.");
  ASSERT_TRUE(unlocked.ok()) << unlocked.status().ToString();
  EXPECT_EQ(unlocked->Get("locked"), Value(false));
  EXPECT_TRUE(services_->Update(manager, domain::ActivityEntity(), 1, 1, rename).ok());
  std::vector<std::string> actions;
  for (const auto& e : Trail()) {
    if (e.entry.entity == "published_report") actions.push_back(e.entry.action);
  }
  // Each file read is a disclosure, recorded as an export (the five formats above).
  EXPECT_EQ(actions, (std::vector<std::string>{"publish", "export", "export", "export", "export",
                                               "export", "unlock"}));
  // The published files are as they were, even though the records changed since.
  auto again = PublishedReportFile(*services_, manager, id, "pdf");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bytes, files["pdf"]);
  // The hash of the inputs follows what the figures count: archiving an activity of the
  // period changes it; renaming one did not.
  EXPECT_EQ(Build("2025-26").inputs_hash, now.inputs_hash);
  ASSERT_TRUE(services_->Archive(manager, domain::ActivityEntity(), 1, 2, true, "Recorded twice").ok());
  EXPECT_NE(Build("2025-26").inputs_hash, now.inputs_hash);
}

TEST_P(ImpactReportTest, ARegionsPublishedReportLocksThatRegionOnly) {
  ASSERT_TRUE(PublishImpactReport(*services_, cli_, {"2025-26", "EM", 5, ""}).ok());
  const Actor manager = Role("manager");
  EXPECT_EQ(services_->Create(manager, domain::ActivityEntity(), Activity(1, "2025-12-01", "EM")).status().code(),
            ErrorCode::kConflict);
  EXPECT_TRUE(services_->Create(manager, domain::ActivityEntity(), Activity(2, "2025-12-01", "WM")).ok());
}

TEST_P(ImpactReportTest, AnImportIntoALockedPeriodWritesNothing) {
  ASSERT_TRUE(PublishImpactReport(*services_, cli_, {"2025-26", "", 5, ""}).ok());
  std::vector<ImportRow> rows = {{2, Activity(1, "2026-04-02", "EM")}, {3, Activity(1, "2026-02-02", "EM")}};
  auto report = services_->Import(cli_, domain::ActivityEntity(), std::move(rows), false);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].line, 3);
  EXPECT_THAT(report->errors[0].message, ::testing::HasSubstr("locked"));
  EXPECT_EQ(report->written, 0);
}

TEST_P(ImpactReportTest, ALockedSurveyTakesNoResponseWhateverItsDateAndTasksCannotBeDeliveredIntoIt) {
  clock_.Set(At("2026-03-20T09:00:00Z"));  // still in 2025-26
  ASSERT_TRUE(PublishImpactReport(*services_, cli_, {"2025-26", "", 5, ""}).ok());
  // A response to the year's survey, undated: counted by its survey's period.
  Record response;
  response.Set("survey", 1);
  response.Set("attended_training", "yes");
  EXPECT_EQ(services_->Create(cli_, domain::SurveyResponseEntity(), response).status().code(),
            ErrorCode::kConflict);
  // Task 3 is in progress: delivering it today would add to the year's tasks completed.
  auto task = services_->Get(cli_, domain::TaskEntity(), 3);
  ASSERT_TRUE(task.ok());
  auto delivered = services_->TransitionTask(cli_, 3, task->Get("version").as_int(), "delivered", "");
  EXPECT_EQ(delivered.status().code(), ErrorCode::kConflict) << delivered.status().ToString();
  // Evaluating task 2, delivered in the year, changes nothing the report counts.
  auto done = services_->Get(cli_, domain::TaskEntity(), 2);
  EXPECT_TRUE(services_->TransitionTask(cli_, 2, done->Get("version").as_int(), "closed", "").ok());
}

TEST_P(ImpactReportTest, OnlyManagersPublish) {
  for (const char* role : {"officer", "analyst", "funder", "admin"}) {
    EXPECT_EQ(PublishImpactReport(*services_, Role(role), {"2025-26", "", 5, ""}).status().code(),
              ErrorCode::kForbidden)
        << role;
  }
}

TEST_P(ImpactReportTest, TheClaimCheckFindsWhatMustNotBePublished) {
  report::ReportDoc doc = Build("2025-26");
  auto tx = store_->Begin(false);
  ASSERT_TRUE(tx.ok());
  auto clean = CheckClaims(doc, **tx);
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->empty()) << ::testing::PrintToString(*clean);

  // A percentage over a base under the threshold; a withheld cell that the column total
  // gives away; a quote without consent; an unapproved case study.
  for (report::Figure& f : doc.figures) {
    if (f.id == "indicator.PRO-PRAC-1") f.base = 3, f.value = 2;
  }
  for (report::Section& s : doc.sections) {
    for (report::Block& b : s.blocks) {
      if (b.kind == report::Block::Kind::kTable && b.table.id == "Professionals by sector") {
        b.table.rows[1][1].suppressed = false;  // hospitality shown again: education 3 recoverable
        b.table.rows[1][1].number = 12;
      }
    }
  }
  doc.quote_ids.push_back(4);       // not approved
  doc.case_study_ids.push_back(2);  // not approved
  auto problems = CheckClaims(doc, **tx);
  ASSERT_TRUE(problems.ok());
  const std::string all = ::testing::PrintToString(*problems);
  EXPECT_THAT(all, ::testing::HasSubstr("base of 3"));
  EXPECT_THAT(all, ::testing::HasSubstr("Professionals reached by sector"));
  EXPECT_THAT(all, ::testing::HasSubstr("Quote 4 is not approved"));
  EXPECT_THAT(all, ::testing::HasSubstr("Case study 2 is not approved"));
}

TEST_P(ImpactReportTest, TheQuarterlyReturnMatchesItsExpectedFile) {
  auto doc = BuildQuarterlyReturn(*services_, cli_, "2025-26");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ExpectGolden("quarterly-2025-26.csv", report::RenderCsv(*doc));
  EXPECT_EQ(BuildQuarterlyReturn(*services_, cli_, "2025-26 Q1").status().code(), ErrorCode::kValidation);
  EXPECT_EQ(BuildQuarterlyReturn(*services_, Role("funder"), "2025-26").status().code(), ErrorCode::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Engines, ImpactReportTest, ::testing::Values("sqlite", "postgresql"),
                         testing::EngineName);

}  // namespace
}  // namespace lookout::app
