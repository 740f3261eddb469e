// Planning the demo year's insight: the items received through the year (and the
// quarter before it), their grades and assessments, and the choice of the items a task
// answers. Drawn from the generator's own random stream for insight.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "demo/loader.h"
#include "domain/rules.h"

namespace lookout::demo {

void Loader::PlanInsights() {
  Rng rng = seed_.Fork("insight");
  const auto& regions = ProgrammeRegions();
  std::vector<std::string> region_codes;
  std::vector<double> region_weights;
  for (const RegionText& r : regions) {
    region_codes.push_back(r.code);
    region_weights.push_back(r.insight_weight);
  }
  region_codes.push_back("NAT");
  region_weights.push_back(0.35);

  static const std::vector<std::string> kSources = {"police_intelligence", "partner_observation",
                                                    "officer_observation", "young_peoples_voice",
                                                    "research_or_data",    "survey"};
  static const std::vector<double> kSourceWeights = {0.34, 0.26, 0.14, 0.08, 0.10, 0.08};
  static const std::vector<std::string> kLegacyGrades = {"B24", "C33", "B22", "A12", "C24", "B33"};

  const Date carried_from = first_.AddMonths(-3);
  // 70 items carried in from the quarter before the year and 560 within it.
  constexpr int kCarried = 70;
  const int total = kCarried + 560;
  int legacy_left = 6;
  for (int i = 0; i < total; ++i) {
    // Fewer items arrive at weekends.
    const Date from = i < kCarried ? carried_from : first_;
    const int64_t days =
        (i < kCarried ? first_ : last_.AddDays(1)).DaysSinceEpoch() - from.DaysSinceEpoch();
    Date received = from.AddDays(rng.Between(0, days - 1));
    while (Weekday(received) >= 5 && !rng.Chance(0.3))
      received = from.AddDays(rng.Between(0, days - 1));

    PlannedInsight in;
    in.received = received;
    in.region = region_codes[rng.Weighted(region_weights)];
    const std::string source = in.region == "NAT" && rng.Chance(0.6)
                                   ? "police_intelligence"
                                   : kSources[rng.Weighted(kSourceWeights)];
    const Observation& obs = rng.Pick(Observations());
    const std::string place_type = rng.Pick(obs.locations);
    in.locations = {place_type};
    if (obs.locations.size() > 1 && rng.Chance(0.3))
      AddUnique(in.locations, rng.Pick(obs.locations));
    in.themes = obs.themes;
    if (Contains(in.locations, "online") && !Contains(in.themes, "online") && rng.Chance(0.5)) {
      in.themes.push_back("online");
    }
    in.county_lines = obs.county_lines && Contains(in.themes, "cce");

    const std::string opener = rng.Pick(Openers(source));
    const int variant = static_cast<int>(rng.Between(0, 2));
    const std::string when = rng.Pick(InsightTimes());
    std::string summary =
        opener + " " + Fill(obs.text, {{"place", PlacePhrase(place_type, variant)}}) + when + ".";
    if (rng.Chance(0.55)) summary += " " + rng.Pick(InsightEndings(source));

    Record& r = in.record;
    r.Set("received_on", received.ToString());
    const int recorder = in.region == "NAT" ? OfficerOf("LDN") : OfficerOf(in.region);
    r.Set("recorded_by", staff_ids_[static_cast<size_t>(recorder)]);
    r.Set("source_type", source);
    r.Set("region", in.region);
    std::string force;
    if (in.region == "NAT") {
      force = "btp";
    } else if (source == "police_intelligence" || rng.Chance(0.4)) {
      force = rng.Pick(TownsOf(in.region))->force;
    }
    if (!force.empty()) r.Set("force", force);
    r.Set("themes", Texts(in.themes));
    r.Set("county_lines", in.county_lines);
    if (Contains(in.themes, "msht")) r.Set("nrm_exploitation_types", Texts(obs.nrm_types));
    r.Set("location_types", Texts(in.locations));
    r.Set("summary", summary);

    // Older material handed over at the start carries the legacy 5x5x5 grade instead.
    const bool legacy =
        source == "police_intelligence" && received < first_ && legacy_left > 0 && rng.Chance(0.5);
    int source_grade = 3;  // for the likelihood score below
    if (legacy) {
      --legacy_left;
      const std::string grade = rng.Pick(kLegacyGrades);
      r.Set("legacy_grade", grade);
      source_grade = grade[0] == 'A' ? 1 : 2;
    } else if (source == "police_intelligence") {
      source_grade = static_cast<int>(rng.Weighted({0.25, 0.55, 0.20})) + 1;
      static const std::vector<std::string> kIntel = {"A", "B", "C", "D", "E"};
      r.Set("grade_source", std::to_string(source_grade));
      r.Set("grade_intelligence", kIntel[rng.Weighted({0.10, 0.40, 0.35, 0.12, 0.03})]);
      if (rng.Chance(0.15)) {
        r.Set("grade_handling", "C");
        r.Set("handling_conditions", rng.Pick(HandlingConditions()));
      } else {
        r.Set("grade_handling", "P");
      }
    }
    if (source == "police_intelligence") {
      r.Set("review_on", received.AddDays(rng.Between(90, 240)).ToString());
    } else if (rng.Chance(0.5)) {
      r.Set("review_on", received.AddDays(365).ToString());
    }

    // Most items get a priority assessment; the last few weeks' are still waiting for the
    // tactical meeting.
    const bool assessed = received < last_.AddDays(-20) ? rng.Chance(0.9) : rng.Chance(0.3);
    if (assessed) {
      static const std::map<std::string, double> kSeverity = {
          {"csa", 3.7}, {"cse", 3.6}, {"cce", 3.4}, {"msht", 3.8}, {"online", 3.0}};
      const double base = kSeverity.at(in.themes.front());
      auto score = [&](double centre) {
        return std::clamp<int64_t>(std::llround(centre + rng.Unit() * 3.0 - 1.5), 1, 5);
      };
      Value::Rows scores;
      for (const FactorText& f : ScoringFactors()) {
        double centre = 3.0;
        if (f.group == "harm") {
          centre = base;
          if (f.code == "harm_financial") centre = base - 1.2;
          if (f.code == "harm_geographic") centre = in.county_lines ? base + 0.8 : base - 0.5;
          if (f.code == "harm_vulnerability") centre = base + 0.6;
        } else if (f.group == "likelihood") {
          centre = source == "police_intelligence" ? 5.0 - source_grade : 3.0;
        } else {
          centre = f.code == "position_ownership" ? 3.0 : 3.6;
        }
        Record row;
        row.Set("factor", f.code);
        row.Set("score", score(centre));
        scores.push_back(row);
      }
      r.Set("scoring_scheme", scheme_id_);
      auto risk = domain::ComputeRiskScore(scheme_factors_, scores);
      in.risk = risk.ok() ? *risk : 0;
      r.Set("factor_scores", scores);
      const bool strong = source == "police_intelligence" && source_grade == 1;
      static const std::vector<std::string> kConfidence = {"high", "medium", "low"};
      r.Set("confidence", strong ? kConfidence[0] : kConfidence[rng.Weighted({0.3, 0.5, 0.2})]);
      if (in.risk < 11 && rng.Chance(0.6)) {
        r.Set("status", received < first_ && rng.Chance(0.4) ? "archived" : "no_further_action");
        in.open = false;
      } else {
        r.Set("status", "assessed");
      }
    } else {
      r.Set("status", "new");
      in.risk = 10;
    }
    in.batch_at = At(FridayOf(received), 16, static_cast<int>(rng.Between(0, 50)));
    insights_.push_back(std::move(in));
  }
  // Imported ids follow the order the batches are written in.
  std::stable_sort(insights_.begin(), insights_.end(),
                   [](const PlannedInsight& a, const PlannedInsight& b) {
                     return std::tie(a.batch_at, a.received) < std::tie(b.batch_at, b.received);
                   });
}

std::vector<int> Loader::PickInsights(const std::vector<std::string>& regions,
                                      const std::vector<std::string>& themes,
                                      const std::vector<std::string>& locations, int64_t before,
                                      int how_many, Rng& rng) {
  const bool national = Contains(regions, "NAT");
  struct Candidate {
    double score;
    int index;
  };
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < insights_.size(); ++i) {
    const PlannedInsight& in = insights_[i];
    if (!in.open || in.batch_at >= before) continue;
    if (!national && !Contains(regions, in.region)) continue;
    const int64_t age_days = (before - in.batch_at) / kDay;
    if (age_days > 200) continue;
    double score = rng.Unit() * 2;
    for (const std::string& t : themes) score += Contains(in.themes, t) ? 2 : 0;
    for (const std::string& l : locations) score += Contains(in.locations, l) ? 2 : 0;
    if (national && in.region == "NAT") score += 3;
    if (in.links == 0) score += 0.5;
    score += in.risk / 8;
    score -= static_cast<double>(age_days) / 60;
    candidates.push_back({score, static_cast<int>(i)});
  }
  if (candidates.empty() && !national) {
    // Nothing recent from the region itself: the national picture is what the task answers.
    return PickInsights({"NAT"}, themes, locations, before, how_many, rng);
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.index < b.index;
  });
  std::vector<int> out;
  for (const Candidate& c : candidates) {
    if (static_cast<int>(out.size()) == how_many) break;
    out.push_back(c.index);
    ++insights_[static_cast<size_t>(c.index)].links;
  }
  return out;
}

}  // namespace lookout::demo
