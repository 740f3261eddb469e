// The demo programme's words as demo/text.cc reads them from the embedded data/demo/*.json:
// every table loads, and a few sizes and entries are as the generator expects them.
#include "demo/text.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace lookout::demo {
namespace {

TEST(DemoText, EmbedsEveryDataFileInNameOrder) {
  std::vector<std::string> names;
  for (const EmbeddedFile& f : EmbeddedDemoFiles()) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "case_studies.json", "insight.json", "outcome_events.json", "outcomes.json",
                       "partners.json", "quotes.json", "regions.json", "sectors.json", "staff.json",
                       "strategy.json", "surveys.json", "tasks.json"}));
}

TEST(DemoText, ReadsEveryTable) {
  EXPECT_EQ(SectorMatches().size(), 13u);
  EXPECT_EQ(ProgrammeRegions().size(), 10u);
  EXPECT_EQ(DemoStaff().size(), 16u);
  EXPECT_EQ(NationalPartners().size(), 8u);
  EXPECT_EQ(LocalPartnerPatterns().size(), 12u);
  EXPECT_EQ(Objectives().size(), 7u);
  EXPECT_EQ(ScoringFactors().size(), 10u);
  EXPECT_EQ(Observations().size(), 41u);
  EXPECT_EQ(InsightTimes().size(), 8u);
  EXPECT_EQ(HandlingConditions().size(), 4u);
  EXPECT_EQ(RegionalTaskTemplates().size(), 14u);
  EXPECT_EQ(NationalTaskTemplates().size(), 4u);
  EXPECT_EQ(RejectionReasons().size(), 5u);
  EXPECT_EQ(CancellationReasons().size(), 5u);
  EXPECT_EQ(ActivityNotes().size(), 7u);
  EXPECT_EQ(Outcomes().size(), 6u);
  EXPECT_EQ(Indicators().size(), 11u);
  EXPECT_EQ(StakeholderSurveyQuestions().size(), 10u);
  EXPECT_EQ(FeedbackSurveyQuestions().size(), 5u);
  EXPECT_EQ(RoadshowSurveyQuestions().size(), 4u);
  EXPECT_EQ(FreeTextAnswers().size(), 22u);
  EXPECT_EQ(Quotes().size(), 31u);
  EXPECT_EQ(CaseStudies().size(), 6u);
  EXPECT_EQ(OutcomeEventTexts().size(), 22u);
}

TEST(DemoText, KeepsTheEntriesTheGeneratorReliesOn) {
  // Staff are referred to by their place (demo/loader.h).
  EXPECT_EQ(DemoStaff()[0].note, "programme manager");
  EXPECT_EQ(DemoStaff()[13].role, "analyst");
  EXPECT_EQ(DemoStaff()[3].home_region, "NE");
  EXPECT_EQ(DemoStaff()[4].note, "");

  const RegionText& em = ProgrammeRegions()[3];
  EXPECT_EQ(em.code, "EM");
  EXPECT_EQ(em.in_prose, "the East Midlands");
  EXPECT_EQ(em.towns.size(), 10u);
  EXPECT_EQ(em.towns[0].name, "Leicester");
  EXPECT_EQ(em.towns[0].force, "leicestershire");
  EXPECT_DOUBLE_EQ(em.insight_weight, 1.1);
  EXPECT_EQ(ProgrammeRegions()[8].rocu, "");  // London has none
  EXPECT_EQ(ProgrammeRegions()[8].towns.back().council, "");

  EXPECT_EQ(SectorMatches()[6].name_excludes, (std::vector<std::string>{"police"}));
  EXPECT_TRUE(SectorMatches()[0].name_excludes == std::vector<std::string>{"transport"});
  EXPECT_TRUE(SectorMatches()[1].name_excludes.empty());

  const TaskTemplate& schools = RegionalTaskTemplates()[3];
  EXPECT_EQ(schools.key, "schools_workshops");
  EXPECT_EQ(schools.activities.size(), 2u);
  EXPECT_DOUBLE_EQ(schools.activities[0].weight, 3);
  EXPECT_DOUBLE_EQ(schools.young_chance, 0.75);
  EXPECT_EQ(schools.young_max, 22);
  EXPECT_DOUBLE_EQ(schools.parents_chance, 0);
  EXPECT_FALSE(schools.estimated);
  EXPECT_TRUE(RegionalTaskTemplates()[11].estimated);  // the intranet briefing

  EXPECT_EQ(StakeholderSurveyQuestions()[0].options, "yes;no");
  EXPECT_DOUBLE_EQ(StakeholderSurveyQuestions()[0].agree, 0);
  EXPECT_EQ(StakeholderSurveyQuestions()[1].indicator, "PRO-KNOW-1");
  EXPECT_DOUBLE_EQ(StakeholderSurveyQuestions()[1].agree, 0.94);
  EXPECT_EQ(Quotes()[0].task_key, "");
  EXPECT_EQ(OutcomeEventTexts().back().sector, "");
  EXPECT_EQ(Observations()[4].nrm_types, (std::vector<std::string>{"criminal"}));
  EXPECT_TRUE(Observations()[0].county_lines);

  // Case study bodies are Markdown, every line ending with a newline.
  const std::string& body = CaseStudies()[0].body;
  EXPECT_EQ(body.rfind("## Why public spaces\n\nInsight gathered", 0), 0u);
  EXPECT_EQ(body.back(), '\n');
  EXPECT_EQ(body.find("\n\n\n"), std::string::npos);
}

TEST(DemoText, ChoosesWordsBySourceAndPlaceAsBefore) {
  EXPECT_EQ(RiskBands(),
            "2 = Low: keep it under review, no task needed now; "
            "8 = Moderate: weigh it at the next tasking meeting; "
            "14 = High: propose a task for the next tasking meeting; "
            "21 = Very high: tell a manager today and propose a task");
  EXPECT_EQ(PlacePhrase("tram", 0), "the tram network");
  EXPECT_EQ(PlacePhrase("tram", 3), "trams");  // variants wrap round
  EXPECT_EQ(PlacePhrase("hotel", 2), "hotels close to the station");
  EXPECT_EQ(PlacePhrase("no_such_place", 1), "the area");
  EXPECT_EQ(Openers("survey").size(), 3u);
  EXPECT_EQ(Openers("police_intelligence")[0], "Intelligence reports");
  EXPECT_EQ(&Openers("no_such_source"), &Openers("partner_observation"));
  EXPECT_EQ(InsightEndings("young_peoples_voice").size(), 3u);
  EXPECT_EQ(&InsightEndings("survey"), &InsightEndings("research_or_data"));
  EXPECT_EQ(&InsightEndings("police_intelligence"), &InsightEndings("officer_observation"));
  EXPECT_EQ(InsightEndings("police_intelligence").size(), 8u);
  EXPECT_EQ(InsightTimes()[0], "");
  EXPECT_EQ(InsightTimes()[3], " over recent weeks");
}

TEST(DemoText, EveryCodeALookupNeedsIsThere) {
  std::set<std::string> sector_keys;
  for (const SectorMatch& s : SectorMatches()) sector_keys.insert(s.key);
  std::set<std::string> outcomes;
  for (const OutcomeText& o : Outcomes()) outcomes.insert(o.code);
  for (const IndicatorText& i : Indicators()) EXPECT_TRUE(outcomes.count(i.outcome)) << i.code;
  for (const auto* templates : {&RegionalTaskTemplates(), &NationalTaskTemplates()}) {
    for (const TaskTemplate& t : *templates) {
      for (const std::string& s : t.audience_sectors) EXPECT_TRUE(sector_keys.count(s)) << t.key;
      for (const std::string& s : t.partner_sectors) EXPECT_TRUE(sector_keys.count(s)) << t.key;
      EXPECT_FALSE(t.activities.empty()) << t.key;
      EXPECT_FALSE(t.venues.empty()) << t.key;
    }
  }
  for (const QuoteText& q : Quotes()) EXPECT_TRUE(outcomes.count(q.outcome)) << q.text;
  for (const EventText& e : OutcomeEventTexts()) EXPECT_TRUE(outcomes.count(e.outcome)) << e.text;
}

}  // namespace
}  // namespace lookout::demo
