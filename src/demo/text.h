// The words of the demo programme: staff, places, partner names, insight phrases, task
// templates, the outcome framework, survey questions, quotes, case studies and outcome
// event descriptions. Tables only; the generator (demo.cc, plan*.cc, evidence.cc) draws
// from them. The words themselves are data/demo/*.json, compiled into the binary and read
// once by text.cc (data/demo/README.md says which file holds what). Every name is
// invented or is a public body (police forces, regional organised crime units, councils
// by place name); no text describes a real person or event. Internal to demo/.
#ifndef LOOKOUT_DEMO_TEXT_H_
#define LOOKOUT_DEMO_TEXT_H_

#include <string>
#include <vector>

#include "core/embedded_file.h"

namespace lookout::demo {

// data/demo/*.json, compiled into the binary, in name order. The accessors below read
// them; a malformed file throws std::logic_error naming the file and the key.
const std::vector<EmbeddedFile>& EmbeddedDemoFiles();

// ---- Sectors -----------------------------------------------------------------------------
// The generator speaks of sectors by these keys; each is matched to the installed sector
// reference data by code first, then by words in the sector's name.
struct SectorMatch {
  std::string key;                         // "transport"
  std::string label;                       // for error messages: "transport operator"
  std::vector<std::string> codes;          // likely codes, tried first
  std::vector<std::string> name_words;     // lower-case words a matching name contains
  std::vector<std::string> name_excludes;  // words that rule a name out
};
const std::vector<SectorMatch>& SectorMatches();

// ---- Places and people ------------------------------------------------------------------
struct Town {
  std::string name;     // "Leicester"
  std::string force;    // police force code (police.uk id) of the town
  std::string council;  // "Leicester City Council"; empty when none is used
};
struct RegionText {
  std::string code;      // "EM"
  std::string name;      // "East Midlands"
  std::string in_prose;  // "the East Midlands": how a sentence names it
  std::vector<Town> towns;
  std::string rocu;                // partner name of the region's ROCU, empty for none
  std::string transport_operator;  // partner name
  std::string hotel;               // partner name
  std::string fast_food;           // partner name
  double insight_weight = 1.0;     // share of the programme's insight
};
// The ten programme regions in the order reports list them.
const std::vector<RegionText>& ProgrammeRegions();

struct StaffText {
  std::string name;
  std::string email;
  std::string role;         // role code
  std::string home_region;  // officers: region code; others: empty
  std::string note;         // what the person does in the demo ("BTP secondee")
};
const std::vector<StaffText>& DemoStaff();

struct NamedPartner {
  std::string name;
  std::string sector;  // sector key
  std::string region;  // region code
};
// National partners (region NAT) other than British Transport Police.
const std::vector<NamedPartner>& NationalPartners();
// Name patterns for local partners: "{town} College". Each row: sector key, pattern.
struct PartnerPattern {
  std::string sector;
  std::string pattern;
};
const std::vector<PartnerPattern>& LocalPartnerPatterns();

// ---- Strategy and scoring ---------------------------------------------------------------
struct ObjectiveText {
  std::string code;
  std::string title;
  std::string description;
};
const std::vector<ObjectiveText>& Objectives();

struct FactorText {
  std::string code;
  std::string label;
  std::string group;  // harm, likelihood, position
  double weight = 1;
  std::string scale;  // what its scores (1 to 5) mean, as domain::ParseScale reads it
};
const std::vector<FactorText>& ScoringFactors();
// What the scheme's risk scores (2 to 30) mean, as domain::ParseScale reads it.
const std::string& RiskBands();

// ---- Insight ----------------------------------------------------------------------------
// A noun phrase of what was seen ("young people travelling alone late in the evening
// from {place} with new phones and cash"); {place} is filled from one of `locations`.
struct Observation {
  std::string text;
  std::vector<std::string> themes;     // theme codes it speaks to (the first is the main one)
  std::vector<std::string> locations;  // location type codes {place} may be
  bool county_lines = false;
  std::vector<std::string> nrm_types;  // with MSHT
};
const std::vector<Observation>& Observations();
// How {place} reads for a location type code ("the coach station").
std::string PlacePhrase(const std::string& location_type, int variant);
// Sentence openers by source type code: "Partner reports" + observation.
const std::vector<std::string>& Openers(const std::string& source_type);
// Optional phrases of time ending the first sentence (" over recent weeks"), some empty.
const std::vector<std::string>& InsightTimes();
// Optional second sentences.
const std::vector<std::string>& InsightEndings(const std::string& source_type);
const std::vector<std::string>& HandlingConditions();

// ---- Tasks and activities ----------------------------------------------------------------
struct ActivityKind {
  std::string type;   // activity type code
  std::string title;  // "Awareness training for coach station staff"
  double weight = 1;
};
struct TaskTemplate {
  std::string key;
  std::string title;                          // {town}, {council}, {force}
  std::string description;                    // with the same {town}, {council}, {force}
  std::vector<std::string> themes;            // the first always; others by chance
  std::string theme_objective;                // objective code of the main theme
  std::vector<std::string> priorities;        // strategic objective codes, one or two chosen
  std::vector<std::string> locations;         // insight location types it answers
  std::vector<std::string> audience_sectors;  // sector keys, one or two per activity
  std::vector<std::string> partner_sectors;   // sector keys of partners it is delivered with
  std::vector<ActivityKind> activities;
  std::vector<std::string> venues;  // "council offices"
  int min_activities = 1;
  int max_activities = 3;
  int min_count = 8;  // professionals per activity (per sector row)
  int max_count = 25;
  double young_chance = 0;  // chance an activity also reaches young people
  int young_min = 0;
  int young_max = 0;
  double parents_chance = 0;
  int parents_min = 0;
  int parents_max = 0;
  bool estimated = false;  // counts are estimates (published resources, stands)
  int duration_weeks = 6;  // how long delivery usually runs
  double weight = 1;       // how often the template is used
};
// Templates for regional tasks (led by the region's officer).
const std::vector<TaskTemplate>& RegionalTaskTemplates();
// Templates for national tasks (region NAT, led by a manager).
const std::vector<TaskTemplate>& NationalTaskTemplates();

const std::vector<std::string>& RejectionReasons();
const std::vector<std::string>& CancellationReasons();
const std::vector<std::string>& ActivityNotes();

// ---- Evaluation --------------------------------------------------------------------------
struct OutcomeText {
  std::string code;
  std::string level;
  std::string statement;
  std::string description;
};
const std::vector<OutcomeText>& Outcomes();
struct IndicatorText {
  std::string code;
  std::string outcome;  // outcome code
  std::string statement;
  std::string base;  // respondent base code
};
const std::vector<IndicatorText>& Indicators();

struct QuestionText {
  std::string text;
  std::string kind;       // question kind code
  std::string options;    // ';'-separated, for choice questions
  std::string indicator;  // indicator code, empty for none
  double agree = 0.88;    // chance an agreement answer is agree or strongly agree
};
const std::vector<QuestionText>& StakeholderSurveyQuestions();
const std::vector<QuestionText>& FeedbackSurveyQuestions();
const std::vector<QuestionText>& RoadshowSurveyQuestions();
// Answers to "what do you do differently" style questions.
const std::vector<std::string>& FreeTextAnswers();

struct QuoteText {
  std::string text;
  std::string sector;    // sector key of the stakeholder
  std::string region;    // region code
  std::string outcome;   // outcome code
  std::string task_key;  // task template key it came from, empty for none
};
const std::vector<QuoteText>& Quotes();

struct CaseStudyText {
  std::string key;  // "lookcloser", "btp", or a task template key
  std::string title;
  std::string summary;
  std::string body;                   // Markdown
  std::vector<std::string> outcomes;  // outcome codes
};
const std::vector<CaseStudyText>& CaseStudies();

struct EventText {
  std::string kind;     // outcome event kind code
  std::string outcome;  // outcome code
  std::string sector;   // sector key of the partner involved; empty for any
  std::string text;
};
const std::vector<EventText>& OutcomeEventTexts();

}  // namespace lookout::demo

#endif  // LOOKOUT_DEMO_TEXT_H_
