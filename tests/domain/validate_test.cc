#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "domain/rules.h"

namespace lookout::domain {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

Value List(std::initializer_list<Value> items) { return Value(Value::List(items)); }

Record Rec(std::initializer_list<std::pair<const std::string, Value>> fields) {
  Record r;
  r.fields = std::map<std::string, Value>(fields);
  return r;
}

std::vector<std::string> Fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const FieldError& e : errors) out.push_back(e.field);
  return out;
}

const EntityDef& E(const std::string& name) {
  const EntityDef* e = FindEntity(name);
  if (e == nullptr) {
    ADD_FAILURE() << "no entity " << name;
    static const EntityDef kNone;
    return kNone;
  }
  return *e;
}

std::vector<std::string> Check(const std::string& entity, const Record& r,
                               ValidationMode mode = ValidationMode::kCreate) {
  return Fields(ValidateRecord(E(entity), r, mode));
}

std::string MessageFor(const std::vector<FieldError>& errors, const std::string& field) {
  for (const FieldError& e : errors) {
    if (e.field == field) return e.message;
  }
  return "";
}

// ---- A valid example of every entity -------------------------------------------------------

Record Insight() {
  return Rec({{"received_on", "2026-03-09"},
              {"recorded_by", 3},
              {"source_type", "partner_observation"},
              {"region", "EM"},
              {"themes", List({"cce"})},
              {"summary", "Staff at a roadside services see young people arrive late at night."},
              {"status", "new"}});
}

Record PoliceIntelligence() {
  Record r = Insight();
  r.Set("source_type", "police_intelligence");
  r.Set("grade_source", "1");
  r.Set("grade_intelligence", "B");
  r.Set("grade_handling", "P");
  return r;
}

Record Task() {
  return Rec({{"title", "Training for BTP officers at Leicester coach station"},
              {"objectives", List({4})},
              {"themes", List({"cce", "msht"})},
              {"regions", List({"EM"})},
              {"lead", 3},
              {"priority", "high"}});
}

Record AudienceRow(const std::string& group, const std::string& sector, int64_t count) {
  Record r = Rec({{"group", group}, {"count", count}, {"estimated", false}});
  if (!sector.empty()) r.Set("sector", sector);
  return r;
}

Record Activity() {
  return Rec({{"task", 12},
              {"type", "training_session"},
              {"title", "Coach station managers"},
              {"start_on", "2020-03-09"},
              {"region", "EM"},
              {"audience", Value(Value::Rows{AudienceRow("professionals", "transport", 14),
                                             AudienceRow("young_people", "", 0)})}});
}

Record Factor(const std::string& code, const std::string& group, Value weight) {
  return Rec({{"code", code},
              {"label", "Factor " + code},
              {"group", group},
              {"weight", std::move(weight)},
              {"min_score", 1},
              {"max_score", 5}});
}

Record Scheme() {
  return Rec({{"scheme_version", 1},
              {"name", "Prioritisation 2026"},
              {"factors", Value(Value::Rows{Factor("physical", "harm", 2.0),
                                            Factor("likely", "likelihood", 1.0)})}});
}

std::map<std::string, Record> ValidExamples() {
  return {
      {"programme", Rec({{"name", "Prevention Programme"}, {"fy_start_month", 4}})},
      {"region", Rec({{"code", "EM"}, {"name", "East Midlands"}, {"nation", "England"}})},
      {"police_force",
       Rec({{"code", "leicestershire"}, {"name", "Leicestershire Police"}, {"region", "EM"}})},
      {"sector", Rec({{"code", "transport"}, {"name", "Transport operator"}})},
      {"staff", Rec({{"name", "Sam Officer"},
                     {"email", "sam.officer@example.org"},
                     {"role", "officer"},
                     {"home_region", "EM"}})},
      {"objective", Rec({{"code", "everyone"}, {"title", "Everyone's responsibility"}})},
      {"scoring_scheme", Scheme()},
      {"partner", Rec({{"name", "National Express"}, {"sector", "transport"}, {"region", "EM"}})},
      {"insight", Insight()},
      {"task", Task()},
      {"task_transition", Rec({{"task", 12},
                               {"from_status", "proposed"},
                               {"to_status", "approved"},
                               {"at", "2026-03-09T10:00:00Z"},
                               {"by", 2}})},
      {"campaign", Rec({{"name", "#LookCloser"},
                        {"start_on", "2020-03-09"},
                        {"end_on", "2020-03-13"},
                        {"regions", List({"EM"})}})},
      {"activity", Activity()},
      {"outcome", Rec({{"code", "P1"},
                       {"statement", "Professionals feel more confident"},
                       {"level", "professionals"}})},
      {"indicator", Rec({{"code", "P1a"},
                         {"outcome", 1},
                         {"statement", "Agree they are more aware of the signs"},
                         {"positive_answers", "strongly_agree;agree"}})},
      {"survey", Rec({{"title", "Stakeholder survey"},
                      {"kind", "stakeholder_survey"},
                      {"period", "2025-26"}})},
      {"survey_question", Rec({{"survey", 1},
                               {"position", 1},
                               {"text", "Which sector do you work in?"},
                               {"kind", "single_choice"},
                               {"options", "police;health;education"}})},
      {"survey_response",
       Rec({{"survey", 1},
            {"attended_training", "yes"},
            {"answers", Value(Value::Rows{Rec({{"question", 1}, {"answer", "agree"}}),
                                          Rec({{"question", 2}, {"answer", "police"}})})}})},
      {"quote", Rec({{"text", "Staff are definitely more aware of the signs."},
                     {"stakeholder_type", "national_government"},
                     {"region", "NAT"},
                     {"source", "survey"},
                     {"consent_given", true},
                     {"consent_on", "2026-02-01"},
                     {"approved", true},
                     {"collected_on", "2026-01-20"}})},
      {"case_study", Rec({{"title", "#LookCloser"},
                          {"summary", "A week of awareness raising at train stations."},
                          {"period", "2019-20 Q4"}})},
      {"outcome_event",
       Rec({{"kind", "safeguarding_action"},
            {"occurred_on", "2020-03-09"},
            {"region", "EM"},
            {"description", "Railway staff alerted BTP; safeguarding followed."}})},
      {"published_report",
       Rec({{"kind", "impact"},
            {"period", "2025-26"},
            {"threshold", 5},
            {"title", "Impact report 2025-26"},
            {"locked", true}})},
  };
}

TEST(ValidateRecord, AcceptsAValidExampleOfEveryEntity) {
  const auto examples = ValidExamples();
  for (const EntityDef* e : AllEntities()) {
    auto it = examples.find(e->name);
    ASSERT_NE(it, examples.end()) << "no example for " << e->name;
    for (ValidationMode mode :
         {ValidationMode::kCreate, ValidationMode::kUpdate, ValidationMode::kImport}) {
      EXPECT_THAT(ValidateRecord(*e, it->second, mode), IsEmpty()) << e->name;
    }
  }
}

TEST(ValidateRecord, RefusesEachMissingRequiredFieldOfEveryEntity) {
  for (const auto& [name, example] : ValidExamples()) {
    for (const FieldDef& f : E(name).fields) {
      if (!f.required || f.system) continue;
      Record r = example;
      r.fields.erase(f.name);
      EXPECT_THAT(Check(name, r), Contains(f.name)) << name << "." << f.name;
      EXPECT_THAT(Check(name, r, ValidationMode::kUpdate), Contains(f.name)) << name;
      EXPECT_THAT(Check(name, r, ValidationMode::kImport), Contains(f.name)) << name;
    }
  }
}

// ---- Generic checks -----------------------------------------------------------------------

TEST(ValidateRecord, ReportsEveryProblemNotJustTheFirst) {
  Record r = Insight();
  r.fields.erase("summary");
  r.Set("received_on", "09/03/2026");
  r.Set("themes", List({"gangs"}));
  r.Set("region", 7);
  EXPECT_THAT(Check("insight", r),
              UnorderedElementsAre("summary", "received_on", "themes", "region"));
}

TEST(ValidateRecord, BlankTextAndEmptySetsCountAsMissing) {
  Record r = Insight();
  r.Set("summary", "   \n ");
  r.Set("themes", Value(Value::List{}));
  r.Set("received_on", Value());
  EXPECT_THAT(Check("insight", r), UnorderedElementsAre("summary", "themes", "received_on"));
  EXPECT_EQ(MessageFor(ValidateRecord(E("insight"), r, ValidationMode::kCreate), "summary"),
            "is required");
}

TEST(ValidateRecord, RequiredChildRowsMustNotBeEmpty) {
  Record r = Scheme();
  r.Set("factors", Value(Value::Rows{}));
  EXPECT_THAT(Check("scoring_scheme", r), ElementsAre("factors"));
}

TEST(ValidateRecord, RefusesFieldsTheEntityDoesNotHave) {
  Record r = Insight();
  r.Set("child_name", "x");
  const auto errors = ValidateRecord(E("insight"), r, ValidationMode::kCreate);
  EXPECT_THAT(Fields(errors), ElementsAre("child_name"));
  EXPECT_EQ(errors[0].message, "is not a field of Insight");
}

TEST(ValidateRecord, AllowsTheMetaColumns) {
  Record r = Insight();
  r.Set("id", 5);
  r.Set("version", 2);
  r.Set("archived", false);
  r.Set("created_at", "2026-03-09T10:00:00Z");
  r.Set("created_by", "staff:3");
  r.Set("updated_at", "2026-03-09T10:00:00Z");
  r.Set("updated_by", "staff:3");
  r.Set("archived_at", Value());
  EXPECT_THAT(Check("insight", r, ValidationMode::kUpdate), IsEmpty());
}

TEST(ValidateRecord, SystemFieldsAreNotRequiredButTheirTypeIsChecked) {
  Record r = Task();  // no reference, no status
  EXPECT_THAT(Check("task", r), IsEmpty());
  r.Set("reference", "T-2026-0042");
  r.Set("status", "proposed");
  EXPECT_THAT(Check("task", r), IsEmpty());
  r.Set("status", "done");
  r.Set("delivered_on", "yesterday");
  EXPECT_THAT(Check("task", r), UnorderedElementsAre("status", "delivered_on"));
  Record i = Insight();
  i.Set("risk_score", "high");
  EXPECT_THAT(Check("insight", i), ElementsAre("risk_score"));
  i.Set("risk_score", 7.25);
  EXPECT_THAT(Check("insight", i), IsEmpty());
}

TEST(ValidateRecord, ChecksEachTypeOfValue) {
  EXPECT_THAT(Check("programme", Rec({{"name", "P"}, {"fy_start_month", "April"}})),
              ElementsAre("fy_start_month"));
  EXPECT_THAT(Check("programme", Rec({{"name", 5}, {"fy_start_month", 4}})), ElementsAre("name"));
  Record r = Insight();
  r.Set("county_lines", "yes");
  r.Set("received_on", "2026-02-30");
  r.Set("source_type", "rumour");
  r.Set("recorded_by", 0);
  r.Set("force", 12);                 // a reference-data code is text
  r.Set("themes", "cce");             // a set is a list
  r.Set("factor_scores", List({1}));  // child rows are rows
  EXPECT_THAT(Check("insight", r),
              UnorderedElementsAre("county_lines", "received_on", "source_type", "recorded_by",
                                   "force", "themes", "factor_scores"));
}

TEST(ValidateRecord, AcceptsIntegersWhereANumberIsExpected) {
  Record r = Insight();
  r.Set("risk_score", 7);
  EXPECT_THAT(Check("insight", r), IsEmpty());
}

TEST(ValidateRecord, RefusesDuplicatesInSets) {
  Record r = Task();
  r.Set("themes", List({"cce", "cce"}));
  r.Set("staff", List({4, 5, 4}));
  r.Set("regions", List({"EM", "WM", "EM"}));
  EXPECT_THAT(Check("task", r), UnorderedElementsAre("themes", "staff", "regions"));
}

TEST(ValidateRecord, RefusesBadElementsInSets) {
  Record r = Task();
  r.Set("staff", List({4, -1}));
  r.Set("audiences", List({"professionals", "pupils"}));
  r.Set("regions", List({"EM", 3}));
  EXPECT_THAT(Check("task", r), UnorderedElementsAre("staff", "audiences", "regions"));
}

TEST(ValidateRecord, BlankTextInATypedOptionalFieldIsRefused) {
  Record r = Insight();
  r.Set("review_on", " ");
  EXPECT_THAT(Check("insight", r), ElementsAre("review_on"));
}

TEST(ValidateRecord, CountsTextLengthInCharactersNotBytes) {
  std::string at_limit;
  for (int i = 0; i < 200; ++i) at_limit += "\xC3\xA9";  // 200 x 'é', 400 bytes
  Record r = Task();
  r.Set("title", at_limit);
  EXPECT_THAT(Check("task", r), IsEmpty());
  r.Set("title", at_limit + "x");
  const auto errors = ValidateRecord(E("task"), r, ValidationMode::kCreate);
  EXPECT_THAT(Fields(errors), ElementsAre("title"));
  EXPECT_NE(errors[0].message.find("200"), std::string::npos);
}

TEST(ValidateRecord, UsesEachFieldsOwnMaximumLength) {
  Record r = Insight();
  r.Set("legacy_grade", "B245");
  EXPECT_THAT(Check("insight", r, ValidationMode::kImport), Contains("legacy_grade"));
  Record s = ValidExamples()["region"];
  s.Set("code", "ABCDEFGHI");  // 9 > 8
  EXPECT_THAT(Check("region", s), ElementsAre("code"));
}

TEST(ValidateRecord, SingleLineTextRefusesNewlinesButLongTextKeepsThem) {
  Record r = Task();
  r.Set("title", "Line one\nLine two");
  EXPECT_THAT(Check("task", r), ElementsAre("title"));
  r.Set("title", "Line one");
  r.Set("description", "Line one\nLine two\r\n\tindented");
  EXPECT_THAT(Check("task", r), IsEmpty());
}

TEST(ValidateRecord, RefusesTextThatIsNotUtf8OrHasControlCharacters) {
  for (const char* bad : {"caf\xE9", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
    Record r = Task();
    r.Set("title", bad);
    EXPECT_THAT(Check("task", r), ElementsAre("title")) << bad;
  }
  Record r = Task();
  r.Set("description", std::string("bell\x07", 5));
  EXPECT_THAT(Check("task", r), ElementsAre("description"));
  r.Set("description", std::string("nul\0byte", 8));
  EXPECT_THAT(Check("task", r), ElementsAre("description"));
  r.Set("description", "Emoji \xF0\x9F\x9A\x86 and accents caf\xC3\xA9");
  EXPECT_THAT(Check("task", r), IsEmpty());
}

TEST(ValidateRecord, NamesChildRowFieldsWithTheirIndex) {
  Record r = Activity();
  Value::Rows rows = r.Get("audience").as_rows();
  rows.push_back(Rec({{"group", "public"}, {"count", "many"}}));
  rows.push_back(Rec({{"group", "crowd"}, {"count", 5}, {"size", 3}}));
  r.Set("audience", Value(rows));
  EXPECT_THAT(Check("activity", r),
              UnorderedElementsAre("audience[2].count", "audience[3].group", "audience[3].size"));
}

TEST(ValidateRecord, RequiresTheRequiredFieldsOfChildRows) {
  Record r = Activity();
  r.Set("audience", Value(Value::Rows{Rec({{"estimated", true}})}));
  EXPECT_THAT(Check("activity", r), UnorderedElementsAre("audience[0].group", "audience[0].count"));
}

// ---- Insight: grades --------------------------------------------------------------------

TEST(InsightRules, PoliceIntelligenceWithA3x5x2GradeIsValid) {
  EXPECT_THAT(Check("insight", PoliceIntelligence()), IsEmpty());
}

TEST(InsightRules, PoliceIntelligenceNeedsEveryPartOfItsGrade) {
  Record r = PoliceIntelligence();
  r.fields.erase("grade_source");
  r.fields.erase("grade_intelligence");
  r.fields.erase("grade_handling");
  EXPECT_THAT(Check("insight", r),
              UnorderedElementsAre("grade_source", "grade_intelligence", "grade_handling"));
  Record partial = PoliceIntelligence();
  partial.fields.erase("grade_intelligence");
  EXPECT_THAT(Check("insight", partial), ElementsAre("grade_intelligence"));
}

TEST(InsightRules, OtherSourcesNeedNoGrade) {
  for (const char* source : {"partner_observation", "officer_observation", "young_peoples_voice",
                             "research_or_data", "survey"}) {
    Record r = Insight();
    r.Set("source_type", source);
    EXPECT_THAT(Check("insight", r), IsEmpty()) << source;
  }
}

TEST(InsightRules, OtherSourcesMayCarryAWholeGradeButNotPartOfOne) {
  Record r = Insight();
  r.Set("grade_source", "2");
  r.Set("grade_intelligence", "C");
  r.Set("grade_handling", "P");
  EXPECT_THAT(Check("insight", r), IsEmpty());
  r.fields.erase("grade_handling");
  EXPECT_THAT(Check("insight", r), ElementsAre("grade_handling"));
  r.fields.erase("grade_intelligence");
  EXPECT_THAT(Check("insight", r), UnorderedElementsAre("grade_handling", "grade_intelligence"));
}

TEST(InsightRules, RefusesGradePartsOutsideTheirScales) {
  Record r = PoliceIntelligence();
  r.Set("grade_source", "4");
  r.Set("grade_intelligence", "F");
  r.Set("grade_handling", "X");
  EXPECT_THAT(Check("insight", r),
              UnorderedElementsAre("grade_source", "grade_intelligence", "grade_handling"));
}

TEST(InsightRules, HandlingCodeCNeedsConditions) {
  Record r = PoliceIntelligence();
  r.Set("grade_handling", "C");
  EXPECT_THAT(Check("insight", r), ElementsAre("handling_conditions"));
  r.Set("handling_conditions", "   ");
  EXPECT_THAT(Check("insight", r), ElementsAre("handling_conditions"));
  r.Set("handling_conditions", "Share only with the local safeguarding partnership.");
  EXPECT_THAT(Check("insight", r), IsEmpty());
}

TEST(InsightRules, ConditionsWithoutHandlingCodeCAreRefused) {
  Record r = PoliceIntelligence();
  r.Set("handling_conditions", "Share only with the local safeguarding partnership.");
  EXPECT_THAT(Check("insight", r), ElementsAre("handling_conditions"));
  Record other = Insight();
  other.Set("handling_conditions", "Conditions");
  EXPECT_THAT(Check("insight", other), ElementsAre("handling_conditions"));
}

TEST(InsightRules, LegacyGradeIsAcceptedOnlyOnImport) {
  Record r = Insight();
  r.Set("legacy_grade", "B24");
  EXPECT_THAT(Check("insight", r, ValidationMode::kImport), IsEmpty());
  EXPECT_THAT(Check("insight", r, ValidationMode::kCreate), ElementsAre("legacy_grade"));
  // An update keeps a grade an import restored; setting one is refused by the use case.
  EXPECT_THAT(Check("insight", r, ValidationMode::kUpdate), IsEmpty());
}

TEST(InsightRules, LegacyGradeMustBeA5x5x5Grade) {
  Record r = Insight();
  for (const char* bad : {"1BP", "F11", "B6", "B64"}) {
    r.Set("legacy_grade", bad);
    EXPECT_THAT(Check("insight", r, ValidationMode::kImport), ElementsAre("legacy_grade")) << bad;
  }
}

TEST(InsightRules, NeverMixesTheTwoScales) {
  Record r = PoliceIntelligence();
  r.Set("legacy_grade", "B24");
  const auto errors = ValidateRecord(E("insight"), r, ValidationMode::kImport);
  EXPECT_THAT(Fields(errors), ElementsAre("legacy_grade"));
  EXPECT_NE(errors[0].message.find("never mixed"), std::string::npos) << errors[0].message;
  Record one_part = Insight();
  one_part.Set("legacy_grade", "B24");
  one_part.Set("grade_source", "1");
  EXPECT_THAT(Check("insight", one_part, ValidationMode::kImport), Contains("legacy_grade"));
}

TEST(InsightRules, PoliceIntelligenceMayCarryALegacyGradeInsteadOnlyOnImport) {
  Record r = PoliceIntelligence();
  r.fields.erase("grade_source");
  r.fields.erase("grade_intelligence");
  r.fields.erase("grade_handling");
  r.Set("legacy_grade", "A11");
  EXPECT_THAT(Check("insight", r, ValidationMode::kImport), IsEmpty());
  EXPECT_THAT(
      Check("insight", r, ValidationMode::kCreate),
      UnorderedElementsAre("legacy_grade", "grade_source", "grade_intelligence", "grade_handling"));
}

// ---- Insight: themes, dates, scores ------------------------------------------------------

TEST(InsightRules, CountyLinesNeedsTheCceTheme) {
  Record r = Insight();
  r.Set("themes", List({"cse"}));
  r.Set("county_lines", true);
  EXPECT_THAT(Check("insight", r), ElementsAre("county_lines"));
  r.Set("county_lines", false);
  EXPECT_THAT(Check("insight", r), IsEmpty());
  r.Set("themes", List({"cse", "cce"}));
  r.Set("county_lines", true);
  EXPECT_THAT(Check("insight", r), IsEmpty());
}

TEST(InsightRules, NrmExploitationTypesNeedTheMshtTheme) {
  Record r = Insight();
  r.Set("nrm_exploitation_types", List({"labour"}));
  EXPECT_THAT(Check("insight", r), ElementsAre("nrm_exploitation_types"));
  r.Set("themes", List({"cce", "msht"}));
  EXPECT_THAT(Check("insight", r), IsEmpty());
  r.Set("themes", List({"cce"}));
  r.Set("nrm_exploitation_types", Value(Value::List{}));
  EXPECT_THAT(Check("insight", r), IsEmpty());
}

TEST(InsightRules, ReviewDateIsNotBeforeTheDateReceived) {
  Record r = Insight();
  r.Set("review_on", "2026-03-08");
  EXPECT_THAT(Check("insight", r), ElementsAre("review_on"));
  r.Set("review_on", "2026-03-09");
  EXPECT_THAT(Check("insight", r), IsEmpty());
  r.Set("review_on", "2027-03-09");
  EXPECT_THAT(Check("insight", r), IsEmpty());
}

TEST(InsightRules, FactorScoresNeedAScoringScheme) {
  Record r = Insight();
  r.Set("factor_scores", Value(Value::Rows{Rec({{"factor", "physical"}, {"score", 3}})}));
  EXPECT_THAT(Check("insight", r), ElementsAre("scoring_scheme"));
  r.Set("scoring_scheme", 1);
  EXPECT_THAT(Check("insight", r), IsEmpty());
}

TEST(InsightRules, AFactorIsScoredOnce) {
  Record r = Insight();
  r.Set("scoring_scheme", 1);
  r.Set("factor_scores", Value(Value::Rows{Rec({{"factor", "physical"}, {"score", 3}}),
                                           Rec({{"factor", "physical"}, {"score", 4}})}));
  EXPECT_THAT(Check("insight", r), ElementsAre("factor_scores[1].factor"));
}

// ---- Task ---------------------------------------------------------------------------------

TEST(TaskRules, CountyLinesNeedsTheCceTheme) {
  Record r = Task();
  r.Set("county_lines", true);
  EXPECT_THAT(Check("task", r), IsEmpty());
  r.Set("themes", List({"msht"}));
  EXPECT_THAT(Check("task", r), ElementsAre("county_lines"));
}

TEST(TaskRules, ProfessionalSectorsNeedProfessionalsAmongTheAudiences) {
  Record r = Task();
  r.Set("audience_sectors", List({"transport"}));
  EXPECT_THAT(Check("task", r), ElementsAre("audience_sectors"));
  r.Set("audiences", List({"young_people"}));
  EXPECT_THAT(Check("task", r), ElementsAre("audience_sectors"));
  r.Set("audiences", List({"professionals", "young_people"}));
  EXPECT_THAT(Check("task", r), IsEmpty());
}

TEST(TaskRules, ADueDateIsFine) {
  Record r = Task();
  r.Set("due_on", "2026-06-30");
  EXPECT_THAT(Check("task", r), IsEmpty());
}

// ---- Campaign and activity ----------------------------------------------------------------

TEST(CampaignRules, EndsOnOrAfterItStarts) {
  Record r = ValidExamples()["campaign"];
  r.Set("end_on", "2020-03-08");
  EXPECT_THAT(Check("campaign", r), ElementsAre("end_on"));
  r.Set("end_on", "2020-03-09");
  EXPECT_THAT(Check("campaign", r), IsEmpty());
}

TEST(ActivityRules, EndsOnOrAfterItStartsWhenItHasAnEnd) {
  Record r = Activity();
  r.Set("end_on", "2020-03-08");
  EXPECT_THAT(Check("activity", r), ElementsAre("end_on"));
  r.Set("end_on", "2020-03-13");
  EXPECT_THAT(Check("activity", r), IsEmpty());
}

TEST(ActivityRules, ProfessionalsNeedASector) {
  Record r = Activity();
  r.Set("audience", Value(Value::Rows{AudienceRow("professionals", "", 10)}));
  EXPECT_THAT(Check("activity", r), ElementsAre("audience[0].sector"));
}

TEST(ActivityRules, OtherGroupsHaveNoSector) {
  for (const char* group : {"young_people", "parents_carers", "public"}) {
    Record r = Activity();
    r.Set("audience", Value(Value::Rows{AudienceRow(group, "education", 10)}));
    EXPECT_THAT(Check("activity", r), ElementsAre("audience[0].sector")) << group;
  }
}

TEST(ActivityRules, CountsAreBetweenZeroAndAMillion) {
  Record r = Activity();
  r.Set("audience",
        Value(Value::Rows{AudienceRow("public", "", -1), AudienceRow("young_people", "", 1000001),
                          AudienceRow("parents_carers", "", 1000000),
                          AudienceRow("professionals", "police", 0)}));
  EXPECT_THAT(Check("activity", r), UnorderedElementsAre("audience[0].count", "audience[1].count"));
}

TEST(ActivityRules, RefusesTwoRowsForTheSameGroupAndSector) {
  Record r = Activity();
  r.Set("audience",
        Value(Value::Rows{
            AudienceRow("professionals", "police", 3), AudienceRow("professionals", "health", 3),
            AudienceRow("young_people", "", 3), AudienceRow("professionals", "police", 4),
            AudienceRow("young_people", "", 5)}));
  EXPECT_THAT(Check("activity", r), UnorderedElementsAre("audience[3].group", "audience[4].group"));
}

// ---- Programme, staff, quote ---------------------------------------------------------------

TEST(ProgrammeRules, FinancialYearStartsInARealMonth) {
  for (int m : {1, 4, 9, 12}) {
    EXPECT_THAT(Check("programme", Rec({{"name", "P"}, {"fy_start_month", m}})), IsEmpty()) << m;
  }
  for (int m : {0, 13, -4}) {
    EXPECT_THAT(Check("programme", Rec({{"name", "P"}, {"fy_start_month", m}})),
                ElementsAre("fy_start_month"))
        << m;
  }
}

TEST(StaffRules, OfficersNeedAHomeRegion) {
  Record r = ValidExamples()["staff"];
  r.fields.erase("home_region");
  EXPECT_THAT(Check("staff", r), ElementsAre("home_region"));
  for (const char* role : {"admin", "manager", "analyst", "funder"}) {
    r.Set("role", role);
    EXPECT_THAT(Check("staff", r), IsEmpty()) << role;
  }
}

TEST(StaffRules, EmailMustLookLikeAnEmail) {
  Record r = ValidExamples()["staff"];
  for (const char* good : {"a@b.org", "first.last+tag@police.example.gov.uk"}) {
    r.Set("email", good);
    EXPECT_THAT(Check("staff", r), IsEmpty()) << good;
  }
  for (const char* bad : {"sam", "sam@", "@example.org", "sam@example", "sam@@example.org",
                          "sam@ex ample.org", "sam smith@example.org", "sam@example.org.",
                          "sam@.example.org", "sam@example..org", "a@b@c.org"}) {
    r.Set("email", bad);
    EXPECT_THAT(Check("staff", r), ElementsAre("email")) << bad;
  }
}

TEST(QuoteRules, ApprovalNeedsConsent) {
  Record r = ValidExamples()["quote"];
  r.Set("consent_given", false);
  EXPECT_THAT(Check("quote", r), ElementsAre("approved"));
  r.fields.erase("consent_given");
  EXPECT_THAT(Check("quote", r), ElementsAre("approved"));
  r.Set("approved", false);
  EXPECT_THAT(Check("quote", r), IsEmpty());
}

TEST(QuoteRules, ConsentNeedsADate) {
  Record r = ValidExamples()["quote"];
  r.fields.erase("consent_on");
  EXPECT_THAT(Check("quote", r), ElementsAre("consent_on"));
  r.Set("consent_given", false);
  r.Set("approved", false);
  EXPECT_THAT(Check("quote", r), IsEmpty());
}

// ---- Scoring scheme, surveys, indicators ----------------------------------------------------

TEST(ScoringSchemeRules, ChecksItsFactors) {
  Record r = Scheme();
  r.Set("factors",
        Value(Value::Rows{Factor("physical", "harm", 0.0), Factor("physical", "likelihood", 1.0)}));
  EXPECT_THAT(Check("scoring_scheme", r),
              UnorderedElementsAre("factors[0].weight", "factors[1].code"));
  r.Set("factors", Value(Value::Rows{Factor("physical", "harm", 1.0)}));
  EXPECT_THAT(Check("scoring_scheme", r), ElementsAre("factors"));
}

TEST(ScoringSchemeRules, AMissingWeightIsReportedOnce) {
  Record r = Scheme();
  Record f = Factor("likely", "likelihood", 1.0);
  f.fields.erase("weight");
  r.Set("factors", Value(Value::Rows{Factor("physical", "harm", 1.0), f}));
  const auto errors = ValidateRecord(E("scoring_scheme"), r, ValidationMode::kCreate);
  EXPECT_THAT(Fields(errors), ElementsAre("factors[1].weight"));
  EXPECT_EQ(errors[0].message, "is required");
}

TEST(SurveyQuestionRules, ChoiceQuestionsNeedTwoChoices) {
  Record r = ValidExamples()["survey_question"];
  for (const char* kind : {"single_choice", "multiple_choice"}) {
    r.Set("kind", kind);
    r.fields.erase("options");
    EXPECT_THAT(Check("survey_question", r), ElementsAre("options")) << kind;
    r.Set("options", "police");
    EXPECT_THAT(Check("survey_question", r), ElementsAre("options")) << kind;
    r.Set("options", "police; ;");
    EXPECT_THAT(Check("survey_question", r), ElementsAre("options")) << kind;
    r.Set("options", "police;police");
    EXPECT_THAT(Check("survey_question", r), ElementsAre("options")) << kind;
    r.Set("options", "police; health");
    EXPECT_THAT(Check("survey_question", r), IsEmpty()) << kind;
  }
}

TEST(SurveyQuestionRules, OtherKindsNeedNoOptions) {
  Record r = ValidExamples()["survey_question"];
  r.fields.erase("options");
  for (const char* kind : {"agreement", "yes_no", "free_text"}) {
    r.Set("kind", kind);
    EXPECT_THAT(Check("survey_question", r), IsEmpty()) << kind;
  }
}

TEST(SurveyQuestionRules, PositionsStartAtOne) {
  Record r = ValidExamples()["survey_question"];
  r.Set("position", 0);
  EXPECT_THAT(Check("survey_question", r), ElementsAre("position"));
  r.Set("position", 1);
  EXPECT_THAT(Check("survey_question", r), IsEmpty());
}

TEST(IndicatorRules, PositiveAnswersHaveNoEmptyParts) {
  Record r = ValidExamples()["indicator"];
  for (const char* bad : {"agree;;strongly_agree", "agree;", ";agree", " ; "}) {
    r.Set("positive_answers", bad);
    EXPECT_THAT(Check("indicator", r), ElementsAre("positive_answers")) << bad;
  }
  r.Set("positive_answers", "agree ; strongly_agree");
  EXPECT_THAT(Check("indicator", r), IsEmpty());
  r.Set("positive_answers", "yes");
  EXPECT_THAT(Check("indicator", r), IsEmpty());
}

TEST(SurveyResponseRules, AQuestionIsAnsweredOncePerResponse) {
  Record r = ValidExamples()["survey_response"];
  r.Set("answers", Value(Value::Rows{Rec({{"question", 1}, {"answer", "agree"}}),
                                     Rec({{"question", 2}, {"answer", "yes"}}),
                                     Rec({{"question", 1}, {"answer", "disagree"}})}));
  EXPECT_THAT(Check("survey_response", r), ElementsAre("answers[2].question"));
}

// ---- Task transitions (imported history) -----------------------------------------------------

TEST(TaskTransitionRules, RefusesAnIllegalMoveInHistory) {
  Record r = ValidExamples()["task_transition"];
  r.Set("to_status", "closed");
  EXPECT_THAT(Check("task_transition", r, ValidationMode::kImport), ElementsAre("to_status"));
}

TEST(TaskTransitionRules, CancellationInHistoryNeedsItsReason) {
  Record r = ValidExamples()["task_transition"];
  r.Set("to_status", "cancelled");
  EXPECT_THAT(Check("task_transition", r, ValidationMode::kImport), ElementsAre("reason"));
  r.Set("reason", "Partner withdrew");
  EXPECT_THAT(Check("task_transition", r, ValidationMode::kImport), IsEmpty());
}

TEST(TaskTransitionRules, TheFirstEntryHasNoFromStatus) {
  Record r = ValidExamples()["task_transition"];
  r.fields.erase("from_status");
  r.Set("to_status", "proposed");
  EXPECT_THAT(Check("task_transition", r, ValidationMode::kImport), IsEmpty());
}

TEST(TaskTransitionRules, WhenIsAUtcTimestamp) {
  Record r = ValidExamples()["task_transition"];
  r.Set("at", "2026-03-09 10:00");
  EXPECT_THAT(Check("task_transition", r, ValidationMode::kImport), ElementsAre("at"));
}

}  // namespace
}  // namespace lookout::domain
