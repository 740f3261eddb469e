// Survey responses from the files survey tools export: the same 12 responses exported by
// SurveyMonkey, Google Forms, Microsoft Forms (XLSX), LimeSurvey, KoboToolbox and a CSV read
// with a mapping (tests/app/fixtures/surveys/) give the same results; a broken file names
// its row and column and writes nothing; a second import skips what the first wrote; and
// columns of personal data are never stored.
#include "app/imports/survey_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/records/reference_data.h"
#include "app/records/services.h"
#include "core/metrics_sample.h"
#include "core/time.h"
#include "domain/schema.h"
#include "domain/survey_stats.h"
#include "io/record_file.h"
#include "io/xlsx_reader.h"
#include "store/store.h"

namespace lookout::app {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

fs::path FixtureDir() {
  if (const char* dir = std::getenv("LOOKOUT_SOURCE_DIR")) {
    return fs::path(dir) / "tests" / "app" / "fixtures" / "surveys";
  }
  for (fs::path p = fs::current_path(); !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / "tests" / "app" / "fixtures" / "surveys")) {
      return p / "tests" / "app" / "fixtures" / "surveys";
    }
    if (p == p.parent_path()) break;
  }
  return "tests/app/fixtures/surveys";
}

std::string Fixture(const std::string& name) {
  std::ifstream in(FixtureDir() / name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << name;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every problem of a report as "where: message" lines, for failure messages.
std::string Problems(const SurveyFileReport& report) {
  std::string out;
  for (const FieldError& p : report.problems) out += p.field + ": " + p.message + "\n";
  return out;
}

std::vector<std::string> Wheres(const SurveyFileReport& report) {
  std::vector<std::string> out;
  for (const FieldError& p : report.problems) out.push_back(p.field);
  return out;
}

// ---- Recognising answers -----------------------------------------------------------------

TEST(SurveyImportAnswers, RecognisesTheUsualAgreementWordings) {
  const std::map<std::string, std::string> cases = {
      {"Strongly agree", "strongly_agree"},
      {"  STRONGLY   AGREE ", "strongly_agree"},
      {"Agree", "agree"},
      {"Somewhat agree", "agree"},
      {"Tend to agree", "agree"},
      {"Neither agree nor disagree", "neither"},
      {"Neither agree or disagree", "neither"},
      {"Neutral", "neither"},
      {"Disagree", "disagree"},
      {"Tend to disagree", "disagree"},
      {"Somewhat disagree", "disagree"},
      {"Strongly disagree", "strongly_disagree"},
      {"Don't know", "dont_know"},
      {"Don\u2019t know", "dont_know"},
      {"Dont know", "dont_know"},
      {"Do not know", "dont_know"},
      {"Not sure", "dont_know"},
      {"strongly_agree", "strongly_agree"},
      {"dont_know", "dont_know"},
      {"neither", "neither"},
      {"5 - Strongly agree", "strongly_agree"},
      {"N/A", ""},
      {"Prefer not to say", ""},
      {"", ""},
  };
  for (const auto& [text, code] : cases) {
    auto got = AgreementAnswer(text);
    ASSERT_TRUE(got.has_value()) << "'" << text << "' was not recognised";
    EXPECT_EQ(*got, code) << "'" << text << "'";
  }
  EXPECT_FALSE(AgreementAnswer("Kind of agree"));
  EXPECT_FALSE(AgreementAnswer("Yes"));
  // Numbers only when the mapping says which end 1 is.
  EXPECT_FALSE(AgreementAnswer("4"));
  EXPECT_EQ(AgreementAnswer("4", "1=strongly_disagree"), "agree");
  EXPECT_EQ(AgreementAnswer("1", "1=strongly_disagree"), "strongly_disagree");
  EXPECT_EQ(AgreementAnswer("1", "1=strongly_agree"), "strongly_agree");
  EXPECT_EQ(AgreementAnswer("5", "1=strongly_agree"), "strongly_disagree");
  EXPECT_FALSE(AgreementAnswer("6", "1=strongly_disagree"));
}

TEST(SurveyImportAnswers, RecognisesYesNoAndAttendedTraining) {
  EXPECT_EQ(YesNoAnswer("Yes"), "yes");
  EXPECT_EQ(YesNoAnswer("y"), "yes");
  EXPECT_EQ(YesNoAnswer(" NO "), "no");
  EXPECT_EQ(YesNoAnswer("N"), "no");
  EXPECT_EQ(YesNoAnswer("Not sure"), "dont_know");
  EXPECT_EQ(YesNoAnswer("N/A"), "");
  EXPECT_FALSE(YesNoAnswer("Nope"));
  EXPECT_EQ(AttendedTrainingAnswer("Yes"), "yes");
  EXPECT_EQ(AttendedTrainingAnswer("n"), "no");
  EXPECT_EQ(AttendedTrainingAnswer(""), "unknown");
  EXPECT_EQ(AttendedTrainingAnswer("I don't know"), "unknown");
  EXPECT_EQ(AttendedTrainingAnswer("dont_know"), "unknown");
  EXPECT_FALSE(AttendedTrainingAnswer("Twice"));
}

TEST(SurveyImportAnswers, ReadsTheDatesSurveyToolsWrite) {
  EXPECT_EQ(ResponseDate("2025/11/03 10:15:42 GMT", "dmy"), "2025-11-03");
  EXPECT_EQ(ResponseDate("03/11/2025 10:15:42", "dmy"), "2025-11-03");
  EXPECT_EQ(ResponseDate("11/03/2025 10:15:42 AM", "mdy"), "2025-11-03");
  EXPECT_EQ(ResponseDate("2025-11-03T10:15:42.087+00:00", "dmy"), "2025-11-03");
  EXPECT_EQ(ResponseDate("2025-11-03 10:15:42", "mdy"), "2025-11-03");
  EXPECT_EQ(ResponseDate("3.11.25", "dmy"), "2025-11-03");
  EXPECT_FALSE(ResponseDate("31/02/2025", "dmy"));
  EXPECT_FALSE(ResponseDate("13/13/2025", "mdy"));
  EXPECT_FALSE(ResponseDate("last Tuesday", "dmy"));
}

TEST(SurveyImportAnswers, MatchKeyIgnoresCaseSpacesAndPunctuation) {
  EXPECT_EQ(MatchKey("  How far do you AGREE?  "), "howfardoyouagree");
  EXPECT_EQ(MatchKey("Don\u2019t\u00a0know"), "dontknow");
  EXPECT_EQ(MatchKey("strongly_agree"), "stronglyagree");
  EXPECT_EQ(MatchKey("Caf\u00e9 staff"), "caf\u00e9staff");
}

TEST(SurveyImportMapping, ReadsAMappingAndNamesEveryMistake) {
  auto good = ParseColumnMapping(R"({"response_id": "Ref", "date": {"column": "Submitted"},
      "region": {"column": "Area", "values": {"Yorkshire": "YH"}},
      "attended_training": {"value": "yes"}, "questions": {"1": "Q1", "2": ["F", "G"], "3": null},
      "date_order": "DMY", "agreement_numbers": "1=strongly_disagree",
      "answer_values": {"DK": "dont_know"}})");
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_FALSE(good->empty);
  EXPECT_THAT(good->response_id.columns, ElementsAre("Ref"));
  EXPECT_THAT(good->region.columns, ElementsAre("Area"));
  EXPECT_EQ(good->region.values.at("yorkshire"), "YH");
  EXPECT_EQ(good->attended_training.fixed, "yes");
  EXPECT_THAT(good->questions.at(2).columns, ElementsAre("F", "G"));
  EXPECT_TRUE(good->questions.at(3).absent);
  EXPECT_EQ(good->date_order, "dmy");
  EXPECT_EQ(good->answer_values.at("dk"), "dont_know");

  auto bad = ParseColumnMapping(R"({"respondent": "Ref", "questions": {"one": "Q1"},
      "date_order": "dd/mm", "agreement_numbers": "1-5"})");
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const FieldError& e : bad.status().fields()) fields.push_back(e.field);
  EXPECT_THAT(fields, ElementsAre("mapping agreement_numbers", "mapping date_order",
                                  "mapping questions.one", "mapping respondent"));
  auto not_json = ParseColumnMapping("{\"questions\": ");
  ASSERT_FALSE(not_json.ok());
  EXPECT_THAT(not_json.status().fields().front().message, HasSubstr("not valid JSON"));
  EXPECT_TRUE(ParseColumnMapping("  ")->empty);
  EXPECT_THAT(SavedMappingText(R"({"questions": {"1": "Q1"}})", SurveyPreset::kGeneric),
              HasSubstr("\"preset\": \"generic\""));
}

// ---- XLSX --------------------------------------------------------------------------------

TEST(SurveyImportXlsx, ReadsTheWorkbookMicrosoftFormsExports) {
  auto sheet = io::ReadXlsx(Fixture("microsoft-forms.xlsx"));
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(sheet->name, "Sheet1");
  ASSERT_EQ(sheet->rows.size(), 13u);
  EXPECT_EQ(sheet->rows[0].number, 1);
  EXPECT_THAT(sheet->rows[0].cells[0], "ID");
  EXPECT_EQ(sheet->rows[0].cells[3], "Email");
  EXPECT_EQ(sheet->rows[1].number, 2);
  EXPECT_EQ(sheet->rows[1].cells[0], "1");
  EXPECT_EQ(sheet->rows[1].cells[2], "2025-11-03 09:12:40");  // a serial number with a date format
  EXPECT_EQ(sheet->rows[1].cells[8], "Strongly agree");
  EXPECT_EQ(sheet->rows[12].cells[12], "Use the local data in our induction.");
}

// A ZIP archive of `parts`, written with libzip.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& parts) {
  const fs::path path = fs::temp_directory_path() /
                        ("lookout-zip-" + std::to_string(::getpid()) + ".zip");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  if (z == nullptr) return "";
  for (const auto& [name, text] : parts) {
    zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(z), 0);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(path);
  return bytes;
}

TEST(SurveyImportXlsx, ReadsInlineStringsBooleansAndDatesOfThe1904System) {
  // No shared strings and no relationships: the first sheet is found where Excel puts it;
  // cells without references follow each other; a built-in date format (14) in the 1904
  // date system; a prefixed namespace.
  const std::string bytes = MakeZip({
      {"xl/workbook.xml",
       "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
       "<x:workbookPr date1904=\"1\"/><x:sheets><x:sheet name=\"Responses\" sheetId=\"1\"/>"
       "</x:sheets></x:workbook>"},
      {"xl/styles.xml",
       "<styleSheet><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"
       "</styleSheet>"},
      {"xl/worksheets/sheet1.xml",
       "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
       "<x:sheetData><x:row r=\"1\"><x:c t=\"inlineStr\"><x:is><x:t>Ref</x:t></x:is></x:c>"
       "<x:c t=\"inlineStr\"><x:is><x:r><x:t>Da</x:t></x:r><x:r><x:t>te</x:t></x:r></x:is></x:c>"
       "<x:c t=\"inlineStr\"><x:is><x:t>Agreed</x:t></x:is></x:c></x:row>"
       "<x:row r=\"3\"><x:c r=\"A3\"><x:v>7</x:v></x:c><x:c r=\"B3\" s=\"1\"><x:v>44502</x:v></x:c>"
       "<x:c r=\"D3\" t=\"b\"><x:v>1</x:v></x:c></x:row><x:row r=\"4\"/></x:sheetData></x:worksheet>"},
  });
  auto sheet = io::ReadXlsx(bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(sheet->name, "Responses");
  ASSERT_EQ(sheet->rows.size(), 2u);  // the empty row 4 is left out
  EXPECT_THAT(sheet->rows[0].cells, ElementsAre("Ref", "Date", "Agreed"));
  EXPECT_EQ(sheet->rows[1].number, 3);
  EXPECT_THAT(sheet->rows[1].cells, ElementsAre("7", "2025-11-03", "", "TRUE"));

  auto broken = io::ReadXlsx(MakeZip({{"xl/workbook.xml", "<workbook><sheets>"}}));
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.status().fields().front().message, HasSubstr("not well-formed XML"));
}

TEST(SurveyImportXlsx, SaysClearlyWhenAFileIsNotAWorkbook) {
  auto text = io::ReadXlsx("ID,Start time\n1,2025-11-03\n");
  ASSERT_FALSE(text.ok());
  EXPECT_THAT(text.status().fields().front().message, HasSubstr("not an XLSX workbook"));
  auto xls = io::ReadXlsx(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'));
  ASSERT_FALSE(xls.ok());
  EXPECT_THAT(xls.status().fields().front().message, HasSubstr(".xls"));
  auto damaged = io::ReadXlsx(std::string("PK\x03\x04", 4) + "not really a zip");
  ASSERT_FALSE(damaged.ok());
  EXPECT_THAT(damaged.status().fields().front().message, HasSubstr("damaged"));

  // A ZIP archive that holds something else.
  auto other = io::ReadXlsx(MakeZip({{"hello.txt", "hello"}}));
  ASSERT_FALSE(other.ok());
  EXPECT_THAT(other.status().fields().front().message, HasSubstr("no xl/workbook.xml"));
}

TEST(SurveyImportXlsx, NamesColumnsAndDatesAsSpreadsheetsDo) {
  EXPECT_EQ(io::ColumnLetters(0), "A");
  EXPECT_EQ(io::ColumnLetters(25), "Z");
  EXPECT_EQ(io::ColumnLetters(26), "AA");
  EXPECT_EQ(io::ColumnLetters(701), "ZZ");
  EXPECT_EQ(io::ColumnLetters(702), "AAA");
  EXPECT_EQ(io::ColumnIndex("a"), 0);
  EXPECT_EQ(io::ColumnIndex("AB"), 27);
  EXPECT_EQ(io::ColumnIndex("A1"), -1);
  EXPECT_EQ(io::SerialToDateText(45964), "2025-11-03");
  EXPECT_EQ(io::SerialToDateText(45964.5), "2025-11-03 12:00:00");
  EXPECT_EQ(io::SerialToDateText(44502, /*date1904=*/true), "2025-11-03");
}

// ---- Importing ---------------------------------------------------------------------------

// Services on a fresh SQLite database with the reference regions and sectors.
class SurveyImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() /
            ("lookout-survey-import-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    fs::remove(path_);
    auto opened = store::Open("sqlite:" + path_.string(), 2);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate(false).ok());
    services_ = std::make_unique<Services>(*store_, clock_);
    auto loaded = LoadReferenceData(*services_, actor_);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  }
  void TearDown() override {
    services_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_.string() + suffix);
  }

  int64_t Create(const std::string& kind, const std::map<std::string, Value>& fields) {
    Record r;
    for (const auto& [k, v] : fields) r.Set(k, v);
    auto saved = services_->Create(actor_, *domain::FindEntity(kind), r);
    EXPECT_TRUE(saved.ok()) << kind << ": " << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }

  // The sample survey of the fixtures: five questions, one of each kind but single choice.
  int64_t SampleSurvey() {
    const int64_t s = Create("survey", {{"title", "Exploitation awareness training feedback"},
                                        {"kind", "post_session_feedback"},
                                        {"period", "2025-26 Q3"}});
    const std::vector<std::tuple<std::string, std::string, std::string>> questions = {
        {"I feel more confident to recognise the signs of exploitation.", "agreement", ""},
        {"I know how to report a concern about a child.", "agreement", ""},
        {"Would you recommend the session to a colleague?", "yes_no", ""},
        {"Which parts of the session were most useful?", "multiple_choice",
         "Case studies;Local data;Referral pathways"},
        {"What will you do differently as a result?", "free_text", ""}};
    int64_t position = 0;
    for (const auto& [text, kind, options] : questions) {
      std::map<std::string, Value> q = {
          {"survey", s}, {"position", ++position}, {"text", text}, {"kind", kind}};
      if (!options.empty()) q["options"] = options;
      Create("survey_question", q);
    }
    return s;
  }

  Result<SurveyFileReport> ImportFile(int64_t survey, const std::string& preset,
                                      const std::string& bytes, const std::string& mapping = "",
                                      bool dry_run = false) {
    SurveyFileImport request;
    request.survey = survey;
    request.preset = preset;
    request.bytes = bytes;
    request.mapping_json = mapping;
    request.dry_run = dry_run;
    return services_->ImportSurveyFile(actor_, request);
  }

  std::vector<Record> Responses(int64_t survey) {
    auto page = services_->List(actor_, domain::SurveyResponseEntity(),
                                {{"survey", std::to_string(survey)}, {"limit", "500"}});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->items : std::vector<Record>{};
  }

  int64_t ResponseCount() {
    auto page = services_->List(actor_, domain::SurveyResponseEntity(), {{"limit", "1"}});
    return page.ok() ? page->total : -1;
  }

  // The survey's results as one comparable text: each question's full distribution, its
  // base, blanks and "don't know"s, and who the respondents were.
  std::string Results(int64_t survey) {
    auto questions = services_->List(actor_, *domain::FindEntity("survey_question"),
                                     {{"survey", std::to_string(survey)}, {"sort", "position"}});
    EXPECT_TRUE(questions.ok());
    const std::vector<Record> responses = Responses(survey);
    std::ostringstream out;
    for (const Record& q : questions->items) {
      std::vector<std::string> answers;
      for (const Record& r : responses) {
        std::string answer;
        for (const Record& a : r.Get("answers").as_rows()) {
          if (a.Get("question") == q.Get("id")) answer = a.Get("answer").as_text();
        }
        answers.push_back(answer);
      }
      const std::string options =
          q.Get("options").is_text() ? q.Get("options").as_text() : std::string();
      const domain::QuestionResult t =
          domain::TallyQuestion(q.Get("kind").as_text(), options, answers);
      out << "Q" << q.Get("position").as_int() << ":";
      for (const domain::AnswerCount& a : t.distribution) out << " " << a.code << "=" << a.count;
      out << " | respondents=" << t.respondents << " blank=" << t.blank
          << " dont_know=" << t.dont_know << " base=" << t.base << " positive=" << t.positive
          << " written=" << t.written << "\n";
    }
    std::map<std::string, int> who;
    for (const Record& r : responses) {
      ++who["sector " + r.Get("stakeholder_type").ToDisplay()];
      ++who["region " + r.Get("region").ToDisplay()];
      ++who["training " + r.Get("attended_training").ToDisplay()];
      ++who["date " + r.Get("responded_on").ToDisplay()];
    }
    for (const auto& [k, n] : who) out << k << "=" << n << "\n";
    return out.str();
  }

  FixedClock clock_{ParseTimestamp("2026-03-01T12:00:00Z").value()};
  Actor actor_ = Actor::Cli("tester");
  fs::path path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Services> services_;
};

struct Sample {
  std::string preset;
  std::string file;
  std::string mapping_file;
};

const std::vector<Sample>& Samples() {
  static const std::vector<Sample> k = {{"surveymonkey", "surveymonkey.csv", ""},
                                        {"google-forms", "google-forms.csv", ""},
                                        {"microsoft-forms", "microsoft-forms.xlsx", ""},
                                        {"limesurvey", "limesurvey.csv", ""},
                                        {"kobo", "kobo.csv", ""},
                                        {"generic", "generic.csv", "generic-mapping.json"}};
  return k;
}

TEST_F(SurveyImportTest, EveryToolsExportOfTheSameResponsesGivesTheSameResults) {
  std::string expected;
  for (const Sample& sample : Samples()) {
    SCOPED_TRACE(sample.preset);
    const int64_t survey = SampleSurvey();
    auto report = ImportFile(survey, sample.preset, Fixture(sample.file),
                             sample.mapping_file.empty() ? "" : Fixture(sample.mapping_file));
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_THAT(report->problems, IsEmpty()) << Problems(*report);
    EXPECT_EQ(report->import.rows, 12);
    EXPECT_EQ(report->import.written, 12);
    EXPECT_EQ(report->import.skipped, 0);
    const std::string results = Results(survey);
    if (expected.empty()) {
      expected = results;
    } else {
      EXPECT_EQ(results, expected) << sample.preset << " reads differently from " << Samples()[0].preset;
    }
  }
  // What the 12 responses say, whichever tool exported them.
  EXPECT_THAT(expected, HasSubstr("Q1: strongly_agree=3 agree=4 neither=2 disagree=1 "
                                  "strongly_disagree=1 dont_know=1 | respondents=12 blank=0 "
                                  "dont_know=1 base=11 positive=7"));
  EXPECT_THAT(expected, HasSubstr("Q2: strongly_agree=2 agree=5 neither=1 disagree=2 "
                                  "strongly_disagree=0 dont_know=1 | respondents=12 blank=1 "
                                  "dont_know=1 base=10 positive=7"));
  EXPECT_THAT(expected, HasSubstr("Q3: yes=8 no=3 dont_know=1"));
  EXPECT_THAT(expected, HasSubstr("Q4: Case studies=5 Local data=4 Referral pathways=4 | "
                                  "respondents=12 blank=3"));
  EXPECT_THAT(expected, HasSubstr("written=4"));
  EXPECT_THAT(expected, HasSubstr("region EM=3\n"));
  EXPECT_THAT(expected, HasSubstr("region YH=1\n"));
  EXPECT_THAT(expected, HasSubstr("sector local_authority=2\n"));
  EXPECT_THAT(expected, HasSubstr("training unknown=1\n"));
  EXPECT_THAT(expected, HasSubstr("date 2025-11-13=2\n"));
}

TEST_F(SurveyImportTest, ImportingTheSameFileAgainSkipsEveryResponse) {
  for (const Sample& sample : Samples()) {
    SCOPED_TRACE(sample.preset);
    const int64_t survey = SampleSurvey();
    const std::string mapping = sample.mapping_file.empty() ? "" : Fixture(sample.mapping_file);
    auto first = ImportFile(survey, sample.preset, Fixture(sample.file), mapping);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    ASSERT_THAT(first->problems, IsEmpty()) << Problems(*first);
    auto dry = ImportFile(survey, sample.preset, Fixture(sample.file), mapping, /*dry_run=*/true);
    ASSERT_TRUE(dry.ok());
    EXPECT_EQ(dry->import.skipped, 12);
    auto again = ImportFile(survey, sample.preset, Fixture(sample.file), mapping);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_THAT(again->problems, IsEmpty()) << Problems(*again);
    EXPECT_EQ(again->import.rows, 12);
    EXPECT_EQ(again->import.written, 0);
    EXPECT_EQ(again->import.skipped, 12);
    EXPECT_EQ(Responses(survey).size(), 12u);
  }
}

// lookout_import_rows_total of survey responses, by outcome.
double ResponseRows(const std::string& outcome) {
  return metrics::testing::DefaultValue(
      "lookout_import_rows_total{kind=\"survey_response\",outcome=\"" + outcome + "\"}");
}

TEST_F(SurveyImportTest, AFileWithANewResponseAddsOnlyThatOne) {
  const int64_t survey = SampleSurvey();
  std::string file = Fixture("google-forms.csv");
  const std::string first_rows = file.substr(0, file.rfind("2025/11/20"));
  const double imported = ResponseRows("imported");
  const double skipped = ResponseRows("skipped");
  auto first = ImportFile(survey, "google-forms", first_rows);
  ASSERT_TRUE(first.ok());
  ASSERT_THAT(first->problems, IsEmpty()) << Problems(*first);
  EXPECT_EQ(first->import.written, 11);
  auto later = ImportFile(survey, "google-forms", file);
  ASSERT_TRUE(later.ok());
  ASSERT_THAT(later->problems, IsEmpty()) << Problems(*later);
  EXPECT_EQ(later->import.written, 1);
  EXPECT_EQ(later->import.skipped, 11);
  EXPECT_EQ(ResponseRows("imported") - imported, 12);
  EXPECT_EQ(ResponseRows("skipped") - skipped, 11);
  for (const Record& r : Responses(survey)) {
    EXPECT_THAT(r.Get("external_id").as_text(), testing::StartsWith("gf-"));
  }
}

TEST_F(SurveyImportTest, AnUnrecognisedAnswerOrRegionNamesItsLineAndColumnAndWritesNothing) {
  const int64_t survey = SampleSurvey();
  std::string file = Fixture("surveymonkey.csv");
  // Line 5 is the third response: the two header rows come first.
  auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = file.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    file.replace(at, from.size(), to);
  };
  replace("West Midlands,No,Neither agree nor disagree,Disagree,No",
          "West Midlands,No,Kind of agree,Disagree,Nope");
  replace("Hospitality and hotels,London", "Hospitality and hotels,Atlantis");
  const double rejected = ResponseRows("rejected");
  const double imported = ResponseRows("imported");
  auto dry = ImportFile(survey, "surveymonkey", file, "", /*dry_run=*/true);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_EQ(ResponseRows("rejected"), rejected);  // a dry run is not counted
  auto report = ImportFile(survey, "surveymonkey", file);
  // Two rows have problems (line 5 two of them); the other ten are neither.
  EXPECT_EQ(ResponseRows("rejected") - rejected, 2);
  EXPECT_EQ(ResponseRows("imported"), imported);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_THAT(Wheres(*report),
              ElementsAre(HasSubstr("line 5, column M (How far do you agree"),
                          "line 5, column O (Would you recommend the session to a colleague?)",
                          "line 8, column K (Which region do you work in?)"))
      << Problems(*report);
  EXPECT_THAT(report->problems[0].message, HasSubstr("'Kind of agree' is not an agreement answer"));
  EXPECT_THAT(report->problems[1].message, HasSubstr("'Nope'"));
  EXPECT_THAT(report->problems[2].message, HasSubstr("'Atlantis' is not a region"));
  EXPECT_EQ(report->import.written, 0);
  EXPECT_EQ(ResponseCount(), 0);
}

TEST_F(SurveyImportTest, AMissingQuestionColumnIsNamedAndNothingIsWritten) {
  const int64_t survey = SampleSurvey();
  // The Google Forms file without its "Would you recommend" column.
  std::string file;
  std::istringstream in(Fixture("google-forms.csv"));
  for (std::string line; std::getline(in, line);) {
    // The column is the 8th; no quoted value before it holds a comma.
    size_t start = 0;
    for (int i = 0; i < 7; ++i) start = line.find(',', start) + 1;
    const size_t end = line.find(',', start);
    file += line.substr(0, start) + line.substr(end + 1) + "\n";
  }
  auto report = ImportFile(survey, "google-forms", file);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->problems.size(), 1u) << Problems(*report);
  EXPECT_EQ(report->problems[0].field, "line 1");
  EXPECT_THAT(report->problems[0].message,
              HasSubstr("no column for question 3 (\"Would you recommend the session"));
  EXPECT_EQ(ResponseCount(), 0);

  // Saying in the mapping that the file does not hold it imports the rest.
  auto without = ImportFile(survey, "google-forms", file, R"({"questions": {"3": null}})");
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  EXPECT_THAT(without->problems, IsEmpty()) << Problems(*without);
  EXPECT_EQ(without->import.written, 12);
  EXPECT_TRUE(without->mapping_saved);
}

TEST_F(SurveyImportTest, ABrokenWorkbookNamesTheSpreadsheetRow) {
  const int64_t survey = SampleSurvey();
  // The fixture with "Neutral" turned into "Meh" in its shared strings: rows 4, 7 and 12.
  const fs::path copy = fs::temp_directory_path() /
                        ("lookout-ms-forms-" + std::to_string(::getpid()) + ".xlsx");
  {
    std::ofstream out(copy, std::ios::binary);
    out << Fixture("microsoft-forms.xlsx");
  }
  int error = 0;
  zip_t* z = zip_open(copy.c_str(), 0, &error);
  ASSERT_NE(z, nullptr);
  zip_file_t* f = zip_fopen(z, "xl/sharedStrings.xml", 0);
  ASSERT_NE(f, nullptr);
  std::string xml;
  char buf[4096];
  for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) xml.append(buf, static_cast<size_t>(n));
  zip_fclose(f);
  const size_t at = xml.find(">Neutral<");
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, 9, ">Meh<");
  zip_source_t* src = zip_source_buffer(z, xml.data(), xml.size(), 0);
  ASSERT_GE(zip_file_add(z, "xl/sharedStrings.xml", src, ZIP_FL_OVERWRITE), 0);
  ASSERT_EQ(zip_close(z), 0);
  std::ifstream in(copy, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(copy);

  auto report = ImportFile(survey, "microsoft-forms", bytes);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_THAT(Wheres(*report),
              ElementsAre("row 4, column I (I feel more confident to recognise the signs of "
                          "exploitation.)",
                          "row 7, column J (I know how to report a concern about a child.)",
                          "row 12, column I (I feel more confident to recognise the signs of "
                          "exploitation.)"))
      << Problems(*report);
  EXPECT_EQ(ResponseCount(), 0);

  auto csv = ImportFile(survey, "microsoft-forms", Fixture("google-forms.csv"));
  ASSERT_TRUE(csv.ok());
  ASSERT_EQ(csv->problems.size(), 1u);
  EXPECT_THAT(csv->problems[0].message, HasSubstr("not an Excel workbook (.xlsx)"));
}

TEST_F(SurveyImportTest, ABadRegionInAKoboFileIsNamedWithItsColumn) {
  const int64_t survey = SampleSurvey();
  std::string file = Fixture("kobo.csv");
  const size_t at = file.find(";london;");
  ASSERT_NE(at, std::string::npos);
  file.replace(at, 8, ";atlantis;");
  auto report = ImportFile(survey, "kobo", file);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_THAT(Wheres(*report), ElementsAre("line 7, column E (Which region do you work in?)"))
      << Problems(*report);
  EXPECT_EQ(ResponseCount(), 0);
}

TEST_F(SurveyImportTest, PersonalDataIsNeverStoredAndIgnoredColumnsAreListed) {
  const int64_t survey = SampleSurvey();
  auto report = ImportFile(survey, "microsoft-forms", Fixture("microsoft-forms.xlsx"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_THAT(report->problems, IsEmpty()) << Problems(*report);
  EXPECT_THAT(report->ignored_columns, ElementsAre("B (Start time)", "D (Email)", "E (Name)"));
  EXPECT_THAT(report->personal_columns, ElementsAre("D (Email)", "E (Name)"));
  const std::string stored =
      io::EncodeCsv(domain::SurveyResponseEntity(), Responses(survey));
  EXPECT_THAT(stored, Not(HasSubstr("example.org")));
  EXPECT_THAT(stored, Not(HasSubstr("Sam Example")));
  EXPECT_THAT(stored, Not(HasSubstr("anonymous")));

  // A mapping cannot read a question from a column of personal data.
  const int64_t other = SampleSurvey();
  auto refused = ImportFile(other, "microsoft-forms", Fixture("microsoft-forms.xlsx"),
                            R"({"questions": {"5": "Email"}})");
  ASSERT_TRUE(refused.ok());
  ASSERT_EQ(refused->problems.size(), 1u) << Problems(*refused);
  EXPECT_EQ(refused->problems[0].field, "the mapping");
  EXPECT_THAT(refused->problems[0].message, HasSubstr("personal data"));
  EXPECT_EQ(Responses(other).size(), 0u);
}

TEST_F(SurveyImportTest, TheGenericMappingIsSavedAndReusedByTheNextImport) {
  const int64_t survey = SampleSurvey();
  auto none = ImportFile(survey, "generic", Fixture("generic.csv"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kValidation);
  EXPECT_EQ(none.status().fields().front().field, "mapping");

  auto dry = ImportFile(survey, "generic", Fixture("generic.csv"), Fixture("generic-mapping.json"),
                        /*dry_run=*/true);
  ASSERT_TRUE(dry.ok());
  EXPECT_FALSE(dry->mapping_saved);  // a dry run writes nothing, the mapping included

  auto first = ImportFile(survey, "generic", Fixture("generic.csv"), Fixture("generic-mapping.json"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_THAT(first->problems, IsEmpty()) << Problems(*first);
  EXPECT_TRUE(first->mapping_saved);
  EXPECT_THAT(first->ignored_columns, ElementsAre("K (Notes)"));
  auto saved = services_->Get(actor_, *domain::FindEntity("survey"), survey);
  ASSERT_TRUE(saved.ok());
  const std::string text = saved->Get("import_mapping").as_text();
  EXPECT_THAT(text, HasSubstr("\"preset\": \"generic\""));
  EXPECT_THAT(text, HasSubstr("\"agreement_numbers\": \"1=strongly_disagree\""));

  auto again = ImportFile(survey, "generic", Fixture("generic.csv"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_THAT(again->problems, IsEmpty()) << Problems(*again);
  EXPECT_EQ(again->import.skipped, 12);
  EXPECT_FALSE(again->mapping_saved);
}

TEST_F(SurveyImportTest, AMappingOverridesAPresetAndTranslatesWordings) {
  const int64_t survey = SampleSurvey();
  // A Google Forms file whose region question is worded differently, using the old
  // county names some partners still write, and day-first timestamps from a UK sheet.
  const std::string file =
      "Timestamp,Where are you based?,Which sector do you work in?,"
      "I feel more confident to recognise the signs of exploitation.,"
      "I know how to report a concern about a child.,"
      "Would you recommend the session to a colleague?,"
      "Which parts of the session were most useful?,What will you do differently as a result?\n"
      "03/11/2025 10:15:42,Humberside,Council,Agree,Agree,Yes,Local data,\n"
      "13/11/2025 16:02:09,Lincolnshire,Police Stakeholder,Tend to agree,Somewhat disagree,No,,\n";
  auto unmapped = ImportFile(survey, "google-forms", file);
  ASSERT_TRUE(unmapped.ok());
  EXPECT_THAT(Wheres(*unmapped), ElementsAre("line 2, column C (Which sector do you work in?)"))
      << Problems(*unmapped);
  auto report = ImportFile(survey, "google-forms", file,
                           R"({"region": {"column": "Where are you based?",
                                          "values": {"Humberside": "YH", "Lincolnshire": "EM"}},
                               "stakeholder_type": {"column": "C",
                                                    "values": {"Council": "local_authority"}},
                               "attended_training": {"value": "yes"}})");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_THAT(report->problems, IsEmpty()) << Problems(*report);
  std::vector<std::string> rows;
  for (const Record& r : Responses(survey)) {
    rows.push_back(r.Get("responded_on").ToDisplay() + " " + r.Get("region").ToDisplay() + " " +
                   r.Get("stakeholder_type").ToDisplay() + " " +
                   r.Get("attended_training").ToDisplay());
  }
  EXPECT_THAT(rows, ElementsAre("2025-11-03 YH local_authority yes", "2025-11-13 EM police yes"));
}

TEST_F(SurveyImportTest, LookoutsOwnCsvIsReadAsBeforeAndReImportedWithoutDoubling) {
  const int64_t survey = SampleSurvey();
  auto questions = services_->List(actor_, *domain::FindEntity("survey_question"),
                                   {{"survey", std::to_string(survey)}, {"sort", "position"}});
  ASSERT_TRUE(questions.ok());
  const std::string q1 = std::to_string(questions->items[0].Id());
  const std::string file = "external_id,attended_training,region,answers\n"
                           "R-1,yes,EM,\"question=" + q1 + ",answer=agree\"\n"
                           "R-2,no,WM,\"question=" + q1 + ",answer=disagree\"\n";
  auto first = ImportFile(survey, "lookout", file);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_THAT(first->problems, IsEmpty()) << Problems(*first);
  EXPECT_EQ(first->import.written, 2);
  EXPECT_THAT(first->ignored_columns, IsEmpty());
  auto again = ImportFile(survey, "lookout", file);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->import.skipped, 2);
  auto bad = ImportFile(survey, "lookout", "external_id,attended_training\nR-3,maybe\n");
  ASSERT_TRUE(bad.ok());
  EXPECT_THAT(Wheres(*bad), ElementsAre("line 2, attended_training")) << Problems(*bad);
  auto mapped = ImportFile(survey, "lookout", file, R"({"questions": {}})");
  EXPECT_FALSE(mapped.ok());
}

TEST_F(SurveyImportTest, AResponseIdGivenTwiceInOneFileIsRefused) {
  const int64_t survey = SampleSurvey();
  std::string file = Fixture("limesurvey.csv");
  const size_t line3 = file.find("\n2,");
  ASSERT_NE(line3, std::string::npos);
  file.replace(line3, 3, "\n1,");
  auto report = ImportFile(survey, "limesurvey", file);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->problems.size(), 1u) << Problems(*report);
  EXPECT_EQ(report->problems[0].field, "line 3, column A (Response ID)");
  EXPECT_THAT(report->problems[0].message, HasSubstr("'1' is given twice in the file: the first is at line 2"));
  EXPECT_EQ(ResponseCount(), 0);
}

TEST_F(SurveyImportTest, TheRequestIsCheckedFirst) {
  const int64_t survey = SampleSurvey();
  auto preset = ImportFile(survey, "typeform", "a,b\n");
  ASSERT_FALSE(preset.ok());
  EXPECT_EQ(preset.status().fields().front().field, "preset");
  auto missing = ImportFile(survey + 100, "kobo", "a,b\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  auto mapping = ImportFile(survey, "kobo", Fixture("kobo.csv"), R"({"question": {}})");
  ASSERT_FALSE(mapping.ok());
  EXPECT_EQ(mapping.status().fields().front().field, "mapping question");
}

}  // namespace
}  // namespace lookout::app
