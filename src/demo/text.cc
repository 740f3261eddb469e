// The demo programme's words, read from data/demo/*.json (compiled into the binary; see
// data/demo/README.md). Each file is parsed once and each table built once, on first use,
// into a function-local static. The files are part of the build, so a malformed one is a
// bug in Lookout, not an error of the run: reading it throws std::logic_error naming the
// file and the key. What the tables mean is in demo/text.h; the choices that are logic
// rather than words (which openers and endings a source type gets, the fallbacks, how the
// risk bands are joined) are here.
#include "demo/text.h"

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace lookout::demo {
namespace {

using Json = nlohmann::json;

// A value in one of the embedded files, with the path that leads to it ("tasks.json:
// regional_templates[3].min_count"), so that an error says where the file is wrong.
// Points into the parsed file, which lives as long as the program (File below).
class Node {
 public:
  Node(const Json& value, std::string where) : value_(&value), where_(std::move(where)) {}

  [[noreturn]] void Fail(std::string_view what) const {
    throw std::logic_error("demo data " + where_ + ": " + std::string(what));
  }

  // The member `key` of an object; an error when it is absent.
  Node operator[](std::string_view key) const {
    std::optional<Node> member = Find(key);
    if (!member) Fail("has no \"" + std::string(key) + "\"");
    return *member;
  }
  // The member `key` of an object, if present.
  std::optional<Node> Find(std::string_view key) const {
    if (!value_->is_object()) Fail("is not an object");
    auto it = value_->find(std::string(key));
    if (it == value_->end()) return std::nullopt;
    return Node(*it, where_ + (where_.back() == ':' ? " " : ".") + std::string(key));
  }
  // Checks that an object has no member but `known` and "_comment" (which explains the
  // data to a reader and is ignored), so that a misspelt key is not silently a default.
  void Keys(std::initializer_list<std::string_view> known) const {
    if (!value_->is_object()) Fail("is not an object");
    for (const auto& [key, member] : value_->items()) {
      bool ok = key == "_comment";
      for (std::string_view k : known) ok = ok || key == k;
      if (!ok) Fail("has an unknown key \"" + key + "\"");
    }
  }
  // The members of an object but "_comment", in key order.
  std::vector<std::pair<std::string, Node>> Members() const {
    if (!value_->is_object()) Fail("is not an object");
    std::vector<std::pair<std::string, Node>> out;
    for (const auto& [key, member] : value_->items()) {
      if (key != "_comment") {
        out.emplace_back(key, Node(member, where_ + (where_.back() == ':' ? " " : ".") + key));
      }
    }
    return out;
  }
  // The elements of an array.
  std::vector<Node> Items() const {
    if (!value_->is_array()) Fail("is not an array");
    std::vector<Node> out;
    for (size_t i = 0; i < value_->size(); ++i) {
      out.emplace_back((*value_)[i], where_ + "[" + std::to_string(i) + "]");
    }
    return out;
  }

  std::string Text() const {
    if (!value_->is_string()) Fail("is not a string");
    return value_->get<std::string>();
  }
  double Number() const {
    if (!value_->is_number()) Fail("is not a number");
    return value_->get<double>();
  }
  int Int() const {
    if (!value_->is_number_integer()) Fail("is not a whole number");
    return value_->get<int>();
  }
  bool Bool() const {
    if (!value_->is_boolean()) Fail("is not true or false");
    return value_->get<bool>();
  }
  std::vector<std::string> Texts() const {
    std::vector<std::string> out;
    for (const Node& item : Items()) out.push_back(item.Text());
    return out;
  }

  // The member `key` into `out` when present; otherwise `out` keeps its default.
  void Optional(std::string_view key, std::string& out) const {
    if (auto m = Find(key)) out = m->Text();
  }
  void Optional(std::string_view key, double& out) const {
    if (auto m = Find(key)) out = m->Number();
  }
  void Optional(std::string_view key, int& out) const {
    if (auto m = Find(key)) out = m->Int();
  }
  void Optional(std::string_view key, bool& out) const {
    if (auto m = Find(key)) out = m->Bool();
  }
  void Optional(std::string_view key, std::vector<std::string>& out) const {
    if (auto m = Find(key)) out = m->Texts();
  }

 private:
  const Json* value_;
  std::string where_;
};

// The embedded file `name`, parsed on first use.
Node File(const std::string& name) {
  static const std::map<std::string, Json> kFiles = [] {
    std::map<std::string, Json> files;
    for (const EmbeddedFile& f : EmbeddedDemoFiles()) {
      try {
        files.emplace(f.name, Json::parse(f.contents));
      } catch (const Json::exception& e) {
        throw std::logic_error("demo data " + std::string(f.name) + ": " + e.what());
      }
    }
    return files;
  }();
  auto it = kFiles.find(name);
  if (it == kFiles.end()) throw std::logic_error("demo data " + name + " is not embedded");
  return Node(it->second, name + ":");
}

// The array `table` of file `file`, each element made into a T by `read`.
template <typename Read>
auto Table(const std::string& file, std::string_view table, Read read) {
  std::vector<decltype(read(std::declval<Node>()))> out;
  for (const Node& item : File(file)[table].Items()) out.push_back(read(item));
  return out;
}

// An object whose members are lists of strings ("_comment" aside), by key.
std::map<std::string, std::vector<std::string>> ListsByKey(const Node& node) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [key, member] : node.Members()) out.emplace(key, member.Texts());
  return out;
}

// The list `key` of `lists`, read from `where`; an error when it is absent.
const std::vector<std::string>& ListOf(const std::map<std::string, std::vector<std::string>>& lists,
                                       const std::string& key, const std::string& where) {
  auto it = lists.find(key);
  if (it == lists.end()) throw std::logic_error("demo data " + where + " has no \"" + key + "\"");
  return it->second;
}

}  // namespace

const std::vector<SectorMatch>& SectorMatches() {
  static const std::vector<SectorMatch> kMatches = Table("sectors.json", "sectors", [](Node n) {
    n.Keys({"key", "label", "codes", "name_words", "name_excludes"});
    SectorMatch s{
        n["key"].Text(), n["label"].Text(), n["codes"].Texts(), n["name_words"].Texts(), {}};
    n.Optional("name_excludes", s.name_excludes);
    return s;
  });
  return kMatches;
}

const std::vector<RegionText>& ProgrammeRegions() {
  static const std::vector<RegionText> kRegions = Table("regions.json", "regions", [](Node n) {
    n.Keys({"code", "name", "in_prose", "towns", "rocu", "transport_operator", "hotel", "fast_food",
            "insight_weight"});
    RegionText r;
    r.code = n["code"].Text();
    r.name = n["name"].Text();
    r.in_prose = n["in_prose"].Text();
    for (const Node& t : n["towns"].Items()) {
      t.Keys({"name", "force", "council"});
      r.towns.push_back({t["name"].Text(), t["force"].Text(), t["council"].Text()});
    }
    r.rocu = n["rocu"].Text();
    r.transport_operator = n["transport_operator"].Text();
    r.hotel = n["hotel"].Text();
    r.fast_food = n["fast_food"].Text();
    r.insight_weight = n["insight_weight"].Number();
    return r;
  });
  return kRegions;
}

const std::vector<StaffText>& DemoStaff() {
  static const std::vector<StaffText> kStaff = Table("staff.json", "staff", [](Node n) {
    n.Keys({"name", "email", "role", "home_region", "note"});
    StaffText s{n["name"].Text(), n["email"].Text(), n["role"].Text(), "", ""};
    n.Optional("home_region", s.home_region);
    n.Optional("note", s.note);
    return s;
  });
  return kStaff;
}

const std::vector<NamedPartner>& NationalPartners() {
  static const std::vector<NamedPartner> kPartners =
      Table("partners.json", "national_partners", [](Node n) {
        n.Keys({"name", "sector", "region"});
        return NamedPartner{n["name"].Text(), n["sector"].Text(), n["region"].Text()};
      });
  return kPartners;
}

const std::vector<PartnerPattern>& LocalPartnerPatterns() {
  static const std::vector<PartnerPattern> kPatterns =
      Table("partners.json", "local_partner_patterns", [](Node n) {
        n.Keys({"sector", "pattern"});
        return PartnerPattern{n["sector"].Text(), n["pattern"].Text()};
      });
  return kPatterns;
}

const std::vector<ObjectiveText>& Objectives() {
  static const std::vector<ObjectiveText> kObjectives =
      Table("strategy.json", "objectives", [](Node n) {
        n.Keys({"code", "title", "description"});
        return ObjectiveText{n["code"].Text(), n["title"].Text(), n["description"].Text()};
      });
  return kObjectives;
}

const std::vector<FactorText>& ScoringFactors() {
  static const std::vector<FactorText> kFactors =
      Table("strategy.json", "scoring_factors", [](Node n) {
        n.Keys({"code", "label", "group", "weight", "scale"});
        return FactorText{n["code"].Text(), n["label"].Text(), n["group"].Text(),
                          n["weight"].Number(), n["scale"].Text()};
      });
  return kFactors;
}

const std::string& RiskBands() {
  // One scale, its bands joined as domain::ParseScale reads them.
  static const std::string kBands = [] {
    std::string out;
    for (const std::string& band : File("strategy.json")["risk_bands"].Texts()) {
      out += (out.empty() ? "" : "; ") + band;
    }
    return out;
  }();
  return kBands;
}

const std::vector<Observation>& Observations() {
  static const std::vector<Observation> kObservations =
      Table("insight.json", "observations", [](Node n) {
        n.Keys({"text", "themes", "locations", "county_lines", "nrm_types"});
        Observation o{n["text"].Text(), n["themes"].Texts(), n["locations"].Texts(), false, {}};
        n.Optional("county_lines", o.county_lines);
        n.Optional("nrm_types", o.nrm_types);
        return o;
      });
  return kObservations;
}

std::string PlacePhrase(const std::string& location_type, int variant) {
  static const auto kPhrases = ListsByKey(File("insight.json")["place_phrases"]);
  static const std::string kUnknown = File("insight.json")["unknown_place"].Text();
  auto it = kPhrases.find(location_type);
  if (it == kPhrases.end() || it->second.empty()) return kUnknown;
  return it->second[static_cast<size_t>(variant) % it->second.size()];
}

const std::vector<std::string>& Openers(const std::string& source_type) {
  static const auto kOpeners = ListsByKey(File("insight.json")["openers"]);
  auto it = kOpeners.find(source_type);
  if (it != kOpeners.end()) return it->second;
  // A source type without openers of its own reads as a partner's observation.
  return ListOf(kOpeners, "partner_observation", "insight.json: openers");
}

const std::vector<std::string>& InsightTimes() {
  static const std::vector<std::string> kTimes = File("insight.json")["insight_times"].Texts();
  return kTimes;
}

const std::vector<std::string>& InsightEndings(const std::string& source_type) {
  static const auto kEndings = ListsByKey(File("insight.json")["insight_endings"]);
  const std::string where = "insight.json: insight_endings";
  if (source_type == "young_peoples_voice") return ListOf(kEndings, "young_people", where);
  if (source_type == "research_or_data" || source_type == "survey") {
    return ListOf(kEndings, "research", where);
  }
  return ListOf(kEndings, "general", where);
}

const std::vector<std::string>& HandlingConditions() {
  static const std::vector<std::string> kConditions =
      File("insight.json")["handling_conditions"].Texts();
  return kConditions;
}

namespace {

TaskTemplate ReadTaskTemplate(const Node& n) {
  n.Keys(
      {"key",          "title",          "description",      "themes",          "theme_objective",
       "priorities",   "locations",      "audience_sectors", "partner_sectors", "activities",
       "venues",       "min_activities", "max_activities",   "min_count",       "max_count",
       "young_chance", "young_min",      "young_max",        "parents_chance",  "parents_min",
       "parents_max",  "estimated",      "duration_weeks",   "weight"});
  TaskTemplate t;
  t.key = n["key"].Text();
  t.title = n["title"].Text();
  t.description = n["description"].Text();
  t.themes = n["themes"].Texts();
  t.theme_objective = n["theme_objective"].Text();
  t.priorities = n["priorities"].Texts();
  t.locations = n["locations"].Texts();
  t.audience_sectors = n["audience_sectors"].Texts();
  t.partner_sectors = n["partner_sectors"].Texts();
  for (const Node& a : n["activities"].Items()) {
    a.Keys({"type", "title", "weight"});
    t.activities.push_back({a["type"].Text(), a["title"].Text(), a["weight"].Number()});
  }
  t.venues = n["venues"].Texts();
  t.min_activities = n["min_activities"].Int();
  t.max_activities = n["max_activities"].Int();
  t.min_count = n["min_count"].Int();
  t.max_count = n["max_count"].Int();
  n.Optional("young_chance", t.young_chance);
  n.Optional("young_min", t.young_min);
  n.Optional("young_max", t.young_max);
  n.Optional("parents_chance", t.parents_chance);
  n.Optional("parents_min", t.parents_min);
  n.Optional("parents_max", t.parents_max);
  n.Optional("estimated", t.estimated);
  t.duration_weeks = n["duration_weeks"].Int();
  t.weight = n["weight"].Number();
  return t;
}

}  // namespace

const std::vector<TaskTemplate>& RegionalTaskTemplates() {
  static const std::vector<TaskTemplate> kTemplates =
      Table("tasks.json", "regional_templates", ReadTaskTemplate);
  return kTemplates;
}

const std::vector<TaskTemplate>& NationalTaskTemplates() {
  static const std::vector<TaskTemplate> kTemplates =
      Table("tasks.json", "national_templates", ReadTaskTemplate);
  return kTemplates;
}

const std::vector<std::string>& RejectionReasons() {
  static const std::vector<std::string> kReasons = File("tasks.json")["rejection_reasons"].Texts();
  return kReasons;
}

const std::vector<std::string>& CancellationReasons() {
  static const std::vector<std::string> kReasons =
      File("tasks.json")["cancellation_reasons"].Texts();
  return kReasons;
}

const std::vector<std::string>& ActivityNotes() {
  static const std::vector<std::string> kNotes = File("tasks.json")["activity_notes"].Texts();
  return kNotes;
}

const std::vector<OutcomeText>& Outcomes() {
  static const std::vector<OutcomeText> kOutcomes = Table("outcomes.json", "outcomes", [](Node n) {
    n.Keys({"code", "level", "statement", "description"});
    return OutcomeText{n["code"].Text(), n["level"].Text(), n["statement"].Text(),
                       n["description"].Text()};
  });
  return kOutcomes;
}

const std::vector<IndicatorText>& Indicators() {
  static const std::vector<IndicatorText> kIndicators =
      Table("outcomes.json", "indicators", [](Node n) {
        n.Keys({"code", "outcome", "statement", "base"});
        return IndicatorText{n["code"].Text(), n["outcome"].Text(), n["statement"].Text(),
                             n["base"].Text()};
      });
  return kIndicators;
}

namespace {

QuestionText ReadQuestion(const Node& n) {
  n.Keys({"text", "kind", "options", "indicator", "agree"});
  QuestionText q{n["text"].Text(), n["kind"].Text(), "", "", n["agree"].Number()};
  n.Optional("options", q.options);
  n.Optional("indicator", q.indicator);
  return q;
}

}  // namespace

const std::vector<QuestionText>& StakeholderSurveyQuestions() {
  static const std::vector<QuestionText> kQuestions =
      Table("surveys.json", "stakeholder_survey", ReadQuestion);
  return kQuestions;
}

const std::vector<QuestionText>& FeedbackSurveyQuestions() {
  static const std::vector<QuestionText> kQuestions =
      Table("surveys.json", "feedback_survey", ReadQuestion);
  return kQuestions;
}

const std::vector<QuestionText>& RoadshowSurveyQuestions() {
  static const std::vector<QuestionText> kQuestions =
      Table("surveys.json", "roadshow_survey", ReadQuestion);
  return kQuestions;
}

const std::vector<std::string>& FreeTextAnswers() {
  static const std::vector<std::string> kAnswers =
      File("surveys.json")["free_text_answers"].Texts();
  return kAnswers;
}

const std::vector<QuoteText>& Quotes() {
  static const std::vector<QuoteText> kQuotes = Table("quotes.json", "quotes", [](Node n) {
    n.Keys({"text", "sector", "region", "outcome", "task_key"});
    QuoteText q{n["text"].Text(), n["sector"].Text(), n["region"].Text(), n["outcome"].Text(), ""};
    n.Optional("task_key", q.task_key);
    return q;
  });
  return kQuotes;
}

const std::vector<CaseStudyText>& CaseStudies() {
  static const std::vector<CaseStudyText> kStudies =
      Table("case_studies.json", "case_studies", [](Node n) {
        n.Keys({"key", "title", "summary", "body", "outcomes"});
        // The body's Markdown is kept a line to an item so that a person can read it.
        std::string body;
        for (const std::string& line : n["body"].Texts()) body += line + "\n";
        return CaseStudyText{n["key"].Text(), n["title"].Text(), n["summary"].Text(), body,
                             n["outcomes"].Texts()};
      });
  return kStudies;
}

const std::vector<EventText>& OutcomeEventTexts() {
  static const std::vector<EventText> kEvents =
      Table("outcome_events.json", "outcome_events", [](Node n) {
        n.Keys({"kind", "outcome", "sector", "text"});
        EventText e{n["kind"].Text(), n["outcome"].Text(), "", n["text"].Text()};
        n.Optional("sector", e.sector);
        return e;
      });
  return kEvents;
}

}  // namespace lookout::demo
