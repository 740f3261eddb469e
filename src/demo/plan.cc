// Planning the demo year's work: insight, the tasks with their lifecycle, campaigns and
// activities. Everything is drawn from the generator's own random streams, one per part.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "demo/loader.h"
#include "domain/rules.h"
#include "domain/schema.h"

namespace lookout::demo {

// ---- Lookups used while planning ----------------------------------------------------------

std::vector<const Town*> Loader::TownsOf(const std::string& region) const {
  std::vector<const Town*> out;
  for (const RegionText& r : ProgrammeRegions()) {
    if (r.code != region) continue;
    for (const Town& t : r.towns) out.push_back(&t);
  }
  return out;
}

const Town* Loader::TownNamed(const std::string& region, const std::string& name) const {
  for (const Town* t : TownsOf(region)) {
    if (t->name == name) return t;
  }
  return nullptr;
}

const LocalPartner* Loader::FindPartner(const std::string& region, const std::string& sector,
                                        const std::string& town, Rng& rng) const {
  std::vector<const LocalPartner*> same_town;
  std::vector<const LocalPartner*> same_region;
  for (const LocalPartner& p : partners_) {
    if (p.sector != sector || p.region != region) continue;
    same_region.push_back(&p);
    if (!town.empty() && p.town == town) same_town.push_back(&p);
  }
  if (!same_town.empty()) return rng.Pick(same_town);
  if (!same_region.empty()) return rng.Pick(same_region);
  return nullptr;
}

const LocalPartner* Loader::PolicePartner(const std::string& force) const {
  for (const LocalPartner& p : partners_) {
    if (p.force == force) return &p;
  }
  return nullptr;
}

const LocalPartner* Loader::PartnerNamed(const std::string& name) const {
  for (const LocalPartner& p : partners_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

Date Loader::FyDate(int fy_month, int day) const {
  Date d = first_.AddMonths(fy_month - 1);
  d.day = std::min(day, Date::DaysInMonth(d.year, d.month));
  return d;
}

Date Loader::NextMeeting(Date on_or_after) const {
  for (const Date& m : meetings_) {
    if (m >= on_or_after) return m;
  }
  return last_.AddDays(365);  // after the year: the step is dropped
}

int Loader::Chair(Date meeting) const {
  // The three managers take turns to chair the tactical meeting.
  static constexpr int kManagers[] = {kProgrammeManager, kNationalManager, kTaskingManager};
  return kManagers[(meeting.DaysSinceEpoch() / 14) % 3];
}

// ---- Stage 2: planning ---------------------------------------------------------------------

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

int Loader::AddActivity(int task, Date date, const std::string& type, const std::string& title,
                        const std::string& region, const std::string& force,
                        const std::string& place, const std::vector<int64_t>& partners,
                        std::vector<Audience> audience, const std::string& notes, int campaign) {
  PlannedActivity a;
  a.task = task;
  a.campaign = campaign;
  a.date = date;
  a.region = region;
  a.type = type;
  a.audience = std::move(audience);
  Record& r = a.record;
  r.Set("type", type);
  r.Set("title", title);
  r.Set("start_on", date.ToString());
  r.Set("region", region);
  if (!force.empty()) r.Set("force", force);
  if (!place.empty()) r.Set("place", place);
  std::vector<int64_t> known;
  for (int64_t p : partners) {
    if (p > 0) AddUnique(known, p);
  }
  r.Set("partners", Ids(known));
  Value::Rows rows;
  for (const Audience& au : a.audience) {
    Record row;
    row.Set("group", au.group);
    if (au.group == "professionals") row.Set("sector", Sector(au.sector));
    row.Set("count", au.count);
    row.Set("estimated", au.estimated);
    rows.push_back(row);
  }
  r.Set("audience", rows);
  if (!notes.empty()) r.Set("notes", notes);
  activities_.push_back(std::move(a));
  const int index = static_cast<int>(activities_.size()) - 1;
  tasks_[static_cast<size_t>(task)].activities.push_back(index);
  return index;
}

std::vector<Date> Loader::PlanLifecycle(PlannedTask& task, Date proposed_on, int start_after_days,
                                        const std::function<std::vector<Date>(Date)>& plan_dates,
                                        double cancel_chance, Rng& rng) {
  task.proposed_at = Moment(proposed_on, 9, 16, rng);
  Date meeting = NextMeeting(proposed_on.AddDays(2));
  // Some proposals are deferred to the next meeting for more information.
  if (rng.Chance(0.08)) meeting = NextMeeting(meeting.AddDays(1));
  const int chair = Chair(meeting);
  const int64_t decided_at = At(meeting, 10, static_cast<int>(rng.Between(5, 58)));
  auto finish = [&](std::vector<Date> kept) {
    // Nothing happens after the year ends: the task stays where it has got to.
    auto beyond = std::find_if(task.steps.begin(), task.steps.end(),
                               [&](const Step& s) { return s.at > year_end_at_; });
    task.steps.erase(beyond, task.steps.end());
    std::vector<Date> within;
    const bool started = std::any_of(task.steps.begin(), task.steps.end(),
                                     [](const Step& s) { return s.status == "in_progress"; });
    for (const Date& d : kept) {
      if (started && d <= last_) within.push_back(d);
    }
    for (const Step& s : task.steps) {
      if (s.status == "delivered") task.delivered_on = DateOfTime(s.at);
    }
    return within;
  };

  if (task.key.rfind("special:", 0) != 0 && rng.Chance(0.025)) {
    task.steps.push_back({decided_at, "rejected", rng.Pick(RejectionReasons()), chair});
    return finish({});
  }
  static const std::vector<std::string> kApprovals = {
      "", "", "Approved at the tactical meeting.",
      "Approved: answers current insight for the region.",
      "Approved; report progress at the next tactical meeting."};
  task.steps.push_back({decided_at, "approved", rng.Pick(kApprovals), chair});
  const Date start = NextWorkingDay(meeting.AddDays(start_after_days));
  task.steps.push_back({Moment(start, 9, 16, rng), "in_progress", "", task.lead});

  std::vector<Date> activity_dates;
  for (const Date& d : plan_dates(start)) {
    if (d > start) activity_dates.push_back(d);
  }
  std::sort(activity_dates.begin(), activity_dates.end());
  if (rng.Chance(cancel_chance)) {
    const Date cancel_on = NextWorkingDay(start.AddDays(rng.Between(5, 35)));
    std::vector<Date> kept;
    for (const Date& d : activity_dates) {
      if (d < cancel_on) kept.push_back(d);
    }
    task.steps.push_back({At(cancel_on, 11, static_cast<int>(rng.Between(0, 59))), "cancelled",
                          rng.Pick(CancellationReasons()), chair});
    return finish(kept);
  }
  if (activity_dates.empty()) return finish({});
  const Date delivered = NextWorkingDay(activity_dates.back().AddDays(rng.Between(0, 4)));
  task.steps.push_back({Moment(delivered, 15, 17, rng), "delivered", "", task.lead});
  static const std::vector<std::string> kEvaluations = {
      "", "Feedback and outcomes recorded.",
      "Evaluation complete: feedback forms and partner "
      "comments recorded.",
      "Evaluated with the partner."};
  const Date evaluated = NextWorkingDay(delivered.AddDays(rng.Between(10, 40)));
  const int64_t evaluated_at = Moment(evaluated, 9, 16, rng);
  task.steps.push_back({evaluated_at, "evaluated", rng.Pick(kEvaluations), task.lead});
  const Date closing = NextMeeting(evaluated.AddDays(3));
  static const std::vector<std::string> kClosures = {
      "Reviewed at the tactical meeting: objectives met.", "Closed: outcomes recorded.",
      "Closed at the tactical meeting review.", ""};
  task.steps.push_back({At(closing, 11, static_cast<int>(rng.Between(0, 58))), "closed",
                        rng.Pick(kClosures), Chair(closing)});
  return finish(activity_dates);
}

void Loader::PlanTemplateTask(const TaskTemplate& tmpl, bool national, const std::string& region,
                              Date proposed_on, Rng& rng) {
  PlannedTask task;
  task.key = tmpl.key;
  const int index = static_cast<int>(tasks_.size());

  // Where: a town of the region (for council work, a town whose council is a partner).
  std::string town, force, council;
  if (!national) {
    std::vector<const Town*> towns;
    const bool council_work = tmpl.title.find("{council}") != std::string::npos;
    for (const Town* t : TownsOf(region)) {
      if (!council_work) {
        towns.push_back(t);
      } else if (!t->council.empty() && PartnerNamed(t->council) != nullptr) {
        towns.push_back(t);
      }
    }
    const Town* t = rng.Pick(towns);
    town = t->name;
    force = t->force;
    council = t->council;
  }
  task.town = town;
  task.regions = {national ? "NAT" : region};
  static const std::map<std::string, std::string> kNeighbours = {
      {"NE", "YH"},  {"NW", "WAL"}, {"YH", "NE"},  {"EM", "WM"},  {"WM", "EM"},
      {"EE", "LDN"}, {"SE", "LDN"}, {"SW", "WAL"}, {"LDN", "SE"}, {"WAL", "NW"}};
  if (!national && rng.Chance(0.04)) task.regions.push_back(kNeighbours.at(region));
  task.lead =
      national ? (rng.Chance(0.7) ? kNationalManager : kProgrammeManager) : OfficerOf(region);

  // With whom.
  for (const std::string& sector : tmpl.partner_sectors) {
    const LocalPartner* p = nullptr;
    if (sector == "police" && !national) {
      p = PolicePartner(force);
    } else if (sector == "btp") {
      p = PolicePartner("btp");
    } else {
      p = FindPartner(national ? "NAT" : region, sector, town, rng);
      if (p == nullptr && !national) p = FindPartner(region, "local_authority", town, rng);
    }
    if (p != nullptr) AddUnique(task.partners, p->id);
  }
  if (!national && rng.Chance(0.15)) {
    if (const LocalPartner* rocu = FindPartner(region, "rocu", "", rng)) {
      AddUnique(task.partners, rocu->id);
    }
  }

  std::vector<std::string> themes = {tmpl.themes.front()};
  for (size_t i = 1; i < tmpl.themes.size(); ++i) {
    if (rng.Chance(0.5)) themes.push_back(tmpl.themes[i]);
  }
  std::vector<std::string> audience_sectors = tmpl.audience_sectors;
  if (audience_sectors.size() > 2) audience_sectors = rng.Sample(audience_sectors, 2);

  const int64_t proposed_at_estimate = At(proposed_on, 9, 0);
  const int wanted = static_cast<int>(rng.Weighted({0.70, 0.25, 0.05})) + 1;
  std::vector<int> picked =
      PickInsights(task.regions, themes, tmpl.locations, proposed_at_estimate, wanted, rng);
  bool county_lines = false;
  double risk = 0;
  std::vector<int64_t> insight_ids;
  for (int i : picked) {
    const PlannedInsight& in = insights_[static_cast<size_t>(i)];
    county_lines = county_lines || in.county_lines;
    risk = std::max(risk, in.risk);
    insight_ids.push_back(static_cast<int64_t>(i));  // an index until ids are assigned
  }

  std::vector<std::string> objectives = {tmpl.theme_objective, rng.Pick(tmpl.priorities)};
  if (tmpl.priorities.size() > 1 && rng.Chance(0.25))
    AddUnique(objectives, rng.Pick(tmpl.priorities));
  std::vector<int64_t> objective_ids;
  for (const std::string& o : objectives) AddUnique(objective_ids, objective_ids_.at(o));

  const std::map<std::string, std::string> vars = {
      {"town", town}, {"council", council}, {"force", force.empty() ? "" : forces_.at(force).name}};
  Record& r = task.record;
  r.Set("title", Fill(tmpl.title, vars));
  r.Set("description", Fill(tmpl.description, vars));
  r.Set("objectives", Ids(objective_ids));
  r.Set("themes", Texts(themes));
  r.Set("county_lines", Contains(themes, "cce") && (county_lines || rng.Chance(0.2)));
  r.Set("regions", Texts(task.regions));
  r.Set("lead", staff_ids_[static_cast<size_t>(task.lead)]);
  std::vector<int64_t> staff;
  if (!national && rng.Chance(0.2)) staff.push_back(staff_ids_[kProgrammeManager + rng.Index(3)]);
  if (task.regions.size() > 1)
    staff.push_back(staff_ids_[static_cast<size_t>(OfficerOf(task.regions[1]))]);
  if (national && rng.Chance(0.3))
    staff.push_back(staff_ids_[static_cast<size_t>(OfficerOf("LDN"))]);
  r.Set("staff", Ids(staff));
  r.Set("partners", Ids(task.partners));
  std::vector<std::string> audiences = {"professionals"};
  if (tmpl.young_chance > 0) audiences.push_back("young_people");
  if (tmpl.parents_chance > 0) audiences.push_back("parents_carers");
  r.Set("audiences", Texts(audiences));
  std::vector<std::string> sector_codes;
  for (const std::string& s : audience_sectors) sector_codes.push_back(Sector(s));
  r.Set("audience_sectors", Texts(sector_codes));
  r.Set("insights", Ids(insight_ids));
  r.Set("priority", risk >= 18 ? "high" : risk >= 12 ? "medium" : "low");
  r.Set("due_on", proposed_on.AddDays(21 + tmpl.duration_weeks * 7).ToString());

  // When: activities spread over the template's usual delivery period from the start.
  const int n = static_cast<int>(rng.Between(tmpl.min_activities, tmpl.max_activities));
  const bool in_schools = Contains(tmpl.audience_sectors, "education") && tmpl.young_chance > 0;
  auto plan_dates = [&](Date start) {
    std::vector<Date> dates;
    Date d = start.AddDays(rng.Between(3, 14));
    const int gap = std::max(4, tmpl.duration_weeks * 7 / std::max(1, n));
    for (int k = 0; k < n; ++k) {
      d = NextWorkingDay(d);
      // Schools are closed from late July to early September.
      if (in_schools && ((d.month == 7 && d.day > 20) || d.month == 8)) {
        d = NextWorkingDay(Date{d.year, 9, 3});
      }
      dates.push_back(d);
      d = d.AddDays(rng.Between(2, gap));
    }
    return dates;
  };
  tasks_.push_back(std::move(task));
  PlannedTask& t = tasks_.back();
  // Most work starts within days; some waits for a partner to agree dates.
  const int start_after =
      static_cast<int>(rng.Chance(0.15) ? rng.Between(7, 28) : rng.Between(1, 3));
  const std::vector<Date> kept = PlanLifecycle(t, proposed_on, start_after, plan_dates, 0.02, rng);

  std::vector<double> kind_weights;
  for (const ActivityKind& k : tmpl.activities) kind_weights.push_back(k.weight);
  for (const Date& date : kept) {
    const ActivityKind& kind = tmpl.activities[rng.Weighted(kind_weights)];
    std::vector<Audience> audience;
    // The template's first sector is the one it is mainly for.
    std::vector<std::string> sectors = {rng.Chance(0.7) ? audience_sectors.front()
                                                        : rng.Pick(audience_sectors)};
    if (audience_sectors.size() > 1 && rng.Chance(0.35))
      AddUnique(sectors, rng.Pick(audience_sectors));
    for (size_t s = 0; s < sectors.size(); ++s) {
      int64_t count = rng.Between(tmpl.min_count, tmpl.max_count);
      if (s > 0) count = std::max<int64_t>(1, count / 3);
      audience.push_back({"professionals", sectors[s], count, tmpl.estimated});
    }
    if (tmpl.young_chance > 0 && rng.Chance(tmpl.young_chance)) {
      audience.push_back({"young_people", "", rng.Between(tmpl.young_min, tmpl.young_max), false});
    }
    if (tmpl.parents_chance > 0 && rng.Chance(tmpl.parents_chance)) {
      audience.push_back(
          {"parents_carers", "", rng.Between(tmpl.parents_min, tmpl.parents_max), false});
    }
    std::vector<int64_t> partners =
        t.partners.empty() ? std::vector<int64_t>{}
                           : rng.Sample(t.partners, static_cast<size_t>(rng.Between(1, 2)));
    std::string activity_region = t.regions.front();
    std::string activity_town = town;
    std::string activity_force = force;
    if (t.regions.size() > 1 && rng.Chance(0.4)) {
      activity_region = t.regions[1];
      const Town* other = rng.Pick(TownsOf(activity_region));
      activity_town = other->name;
      activity_force = other->force;
    }
    const std::string venue = rng.Pick(tmpl.venues);
    const std::string place = activity_town.empty() ? venue : activity_town + ": " + venue;
    const std::string title = kind.title + (activity_town.empty() ? "" : ", " + activity_town);
    const std::string recorded_force = rng.Chance(0.7) ? activity_force : "";
    const std::string notes = rng.Chance(0.12) ? rng.Pick(ActivityNotes()) : "";
    AddActivity(index, date, kind.type, title, activity_region, recorded_force, place, partners,
                std::move(audience), notes);
  }
}

void Loader::PlanSpecialTasks(Rng& rng) {
  auto partner_id = [&](const std::string& name) {
    const LocalPartner* p = PartnerNamed(name);
    return p == nullptr ? int64_t{0} : p->id;
  };
  auto police_id = [&](const std::string& force) {
    const LocalPartner* p = PolicePartner(force);
    return p == nullptr ? int64_t{0} : p->id;
  };
  auto objective_ids = [&](std::vector<std::string> codes) {
    std::vector<int64_t> ids;
    for (const std::string& c : codes) ids.push_back(objective_ids_.at(c));
    return ids;
  };
  auto sector_codes = [&](std::vector<std::string> keys) {
    std::vector<std::string> codes;
    for (const std::string& k : keys) codes.push_back(Sector(k));
    return codes;
  };
  struct Special {
    std::string key;
    std::string title;
    std::string description;
    std::vector<std::string> regions;
    int lead;
    std::vector<int> staff;
    std::vector<int64_t> partners;
    std::vector<std::string> themes;
    bool county_lines;
    std::vector<std::string> objectives;
    std::vector<std::string> audiences;
    std::vector<std::string> audience_sectors;
    std::vector<std::string> insight_locations;
    Date proposed_on;
  };
  auto add_task = [&](const Special& s, std::vector<Date> dates) -> int {
    PlannedTask task;
    task.key = "special:" + s.key;
    task.regions = s.regions;
    task.lead = s.lead;
    for (int64_t p : s.partners) {
      if (p != 0) AddUnique(task.partners, p);
    }
    std::vector<int> picked =
        PickInsights(s.regions, s.themes, s.insight_locations, At(s.proposed_on, 9, 0), 3, rng);
    std::vector<int64_t> insight_indices(picked.begin(), picked.end());
    Record& r = task.record;
    r.Set("title", s.title);
    r.Set("description", s.description);
    r.Set("objectives", Ids(objective_ids(s.objectives)));
    r.Set("themes", Texts(s.themes));
    r.Set("county_lines", s.county_lines);
    r.Set("regions", Texts(s.regions));
    r.Set("lead", staff_ids_[static_cast<size_t>(s.lead)]);
    std::vector<int64_t> staff;
    for (int i : s.staff) staff.push_back(staff_ids_[static_cast<size_t>(i)]);
    r.Set("staff", Ids(staff));
    r.Set("partners", Ids(task.partners));
    r.Set("audiences", Texts(s.audiences));
    r.Set("audience_sectors", Texts(sector_codes(s.audience_sectors)));
    r.Set("insights", Ids(insight_indices));
    r.Set("priority", "high");
    r.Set("due_on", dates.back().AddDays(14).ToString());
    tasks_.push_back(std::move(task));
    PlanLifecycle(
        tasks_.back(), s.proposed_on, 7, [&](Date) { return dates; }, 0, rng);
    return static_cast<int>(tasks_.size()) - 1;
  };
  auto day = [&](int fy_month, int d) { return NextWorkingDay(FyDate(fy_month, d)); };
  const int btp_officer = OfficerOf("LDN");
  const int64_t btp = police_id("btp");

  // British Transport Police: vulnerability roadshows for the national workforce.
  {
    Special s{"btp_roadshows",
              "Vulnerability roadshows for British Transport Police staff",
              "Eight half-day roadshows in Liverpool, Leeds, Birmingham and London for British "
              "Transport Police response, intelligence, investigation and vulnerability teams, "
              "on child victimhood, county lines and effective use of the National Referral "
              "Mechanism.",
              {"NAT"},
              btp_officer,
              {kNationalManager},
              {btp},
              {"cce", "msht"},
              true,
              {"reframing_narratives", "msht"},
              {"professionals"},
              {"btp"},
              {"train_station"},
              FyDate(9, 8)};
    const std::vector<std::pair<Date, std::string>> shows = {
        {day(11, 3), "Liverpool"}, {day(11, 4), "Liverpool"},  {day(11, 17), "Leeds"},
        {day(11, 18), "Leeds"},    {day(12, 3), "Birmingham"}, {day(12, 4), "Birmingham"},
        {day(12, 17), "London"},   {day(12, 18), "London"}};
    std::vector<Date> dates;
    for (const auto& show : shows) dates.push_back(show.first);
    const int t = add_task(s, dates);
    std::vector<int64_t> counts = {24, 27, 22, 26, 25, 23, 28, 25};  // two hundred in all
    rng.Shuffle(counts);
    for (size_t i = 0; i < shows.size(); ++i) {
      AddActivity(t, shows[i].first, "roadshow_event", "Vulnerability roadshow, " + shows[i].second,
                  "NAT", "btp", shows[i].second + ": British Transport Police training venue",
                  {btp}, {{"professionals", "btp", counts[i], false}}, "");
    }
  }
  // British Transport Police: the new county lines team's induction.
  {
    Special s{"btp_county_lines",
              "Training for the British Transport Police county lines team",
              "Input during the induction of the new county lines team on a victim-informed "
              "approach, and on using the Modern Slavery Act and other disruption powers against "
              "those higher up the chain rather than the children exploited at the bottom.",
              {"NAT"},
              btp_officer,
              {},
              {btp},
              {"cce", "msht"},
              true,
              {"reframing_narratives", "cce"},
              {"professionals"},
              {"btp"},
              {"train_station", "bus_or_coach_station"},
              FyDate(6, 2)};
    const int t = add_task(s, {day(7, 14), day(8, 4)});
    AddActivity(t, day(7, 14), "training_session", "County lines team induction training, London",
                "NAT", "btp", "London: British Transport Police headquarters", {btp},
                {{"professionals", "btp", 14, false}}, "");
    AddActivity(t, day(8, 4), "training_session",
                "County lines team induction training, Birmingham", "NAT", "btp",
                "Birmingham: British Transport Police office", {btp},
                {{"professionals", "btp", 16, false}}, "");
  }
  // British Transport Police: custody suite shadowing and review.
  {
    Special s{"btp_custody",
              "Custody suite shadowing and review with British Transport Police",
              "Shadowing, feedback and tailored training in the London custody suite, to improve "
              "how children are assessed, recorded and safeguarded on entering and leaving "
              "custody.",
              {"NAT"},
              btp_officer,
              {kTaskingManager},
              {btp},
              {"cce", "cse"},
              false,
              {"increasing_collaboration", "cce"},
              {"professionals"},
              {"btp"},
              {"other"},
              FyDate(9, 15)};
    const std::vector<Date> dates = {day(10, 20), day(11, 10), day(11, 24), day(12, 10),
                                     day(12, 20)};
    const int t = add_task(s, dates);
    for (int i = 0; i < 3; ++i) {
      AddActivity(t, dates[static_cast<size_t>(i)], "shadowing_or_review",
                  "Custody suite shadowing", "NAT", "btp", "London: custody suite", {btp},
                  {{"professionals", "btp", rng.Between(4, 8), false}}, "");
    }
    AddActivity(t, dates[3], "training_session", "Training for custody officers", "NAT", "btp",
                "London: custody suite", {btp}, {{"professionals", "btp", 18, false}}, "");
    AddActivity(t, dates[4], "strategic_meeting", "Custody review feedback to force leads", "NAT",
                "btp", "London: British Transport Police headquarters", {btp},
                {{"professionals", "btp", 6, false}}, "");
  }

  // #LookCloser in the East Midlands.
  {
    std::vector<int64_t> partners = {partner_id("East Midlands Special Operations Unit (EMSOU)"),
                                     btp};
    for (const std::string f :
         {"derbyshire", "leicestershire", "lincolnshire", "northamptonshire", "nottinghamshire"}) {
      partners.push_back(police_id(f));
    }
    const int64_t coach = partner_id("Coachlink (Leicester)");
    const int64_t hotel = partner_id("Redbrick Hotels (Northampton)");
    partners.push_back(coach);
    partners.push_back(hotel);
    Special s{"lookcloser",
              "#LookCloser partnership campaign (East Midlands)",
              "A week of awareness raising in public spaces where young victims of exploitation "
              "may be visible: railway and coach stations, fast food outlets, roadside services "
              "and hotels, with training for coach station managers and hotel staff and a police "
              "intranet briefing, delivered with the regional organised crime unit, British "
              "Transport Police and the local forces.",
              {"EM"},
              OfficerOf("EM"),
              {kProgrammeManager, kNationalManager},
              partners,
              {"cce", "cse", "msht"},
              true,
              {"everyones_responsibility", "increasing_collaboration", "cce"},
              {"professionals", "public"},
              {"transport", "hospitality", "retail", "police", "btp"},
              {"train_station", "bus_or_coach_station", "hotel", "fast_food_outlet"},
              FyDate(10, 6)};
    const Date week = FyDate(12, 9);
    std::vector<Date> dates;
    for (int i = 0; i < 5; ++i) dates.push_back(week.AddDays(i));
    const int t = add_task(s, dates);
    PlannedCampaign c;
    c.task = t;
    for (const Step& st : tasks_[static_cast<size_t>(t)].steps) {
      if (st.status == "approved") c.at = st.at + 3 * kDay;
    }
    c.record.Set("name", "#LookCloser");
    c.record.Set("description",
                 "Partnership awareness week in the East Midlands on public spaces where young "
                 "victims of exploitation may be visible: stations, coaches, fast food outlets, "
                 "roadside services and hotels.");
    c.record.Set("start_on", week.ToString());
    c.record.Set("end_on", week.AddDays(4).ToString());
    c.record.Set("regions", Texts({"EM"}));
    c.record.Set("partners", Ids(tasks_[static_cast<size_t>(t)].partners));
    c.record.Set("themes", Texts({"cce", "cse", "msht"}));
    campaigns_.push_back(std::move(c));
    const int campaign = static_cast<int>(campaigns_.size()) - 1;
    struct Day {
      int offset;
      std::string town;
    };
    const std::vector<Day> stations = {{0, "Leicester"},   {0, "Nottingham"},  {1, "Derby"},
                                       {1, "Lincoln"},     {2, "Northampton"}, {3, "Chesterfield"},
                                       {4, "Loughborough"}};
    for (const Day& d : stations) {
      const Town* town = TownNamed("EM", d.town);
      AddActivity(t, week.AddDays(d.offset), "campaign_day",
                  "#LookCloser day of action at " + d.town + " railway station", "EM",
                  town != nullptr ? town->force : "", d.town + ": railway station",
                  {btp, police_id(town != nullptr ? town->force : "")},
                  {{"professionals", "transport", rng.Between(20, 45), true},
                   {"professionals", "retail", rng.Between(5, 15), true},
                   {"public", "", rng.Between(80, 220), true}},
                  "", campaign);
    }
    AddActivity(t, week.AddDays(2), "training_session",
                "#LookCloser training for coach station managers", "EM", "leicestershire",
                "Leicester: coach station", {coach}, {{"professionals", "transport", 12, false}},
                "", campaign);
    AddActivity(t, week.AddDays(3), "training_session", "#LookCloser training for hotel staff",
                "EM", "northamptonshire", "Northampton: hotel conference room", {hotel},
                {{"professionals", "hospitality", 16, false}}, "", campaign);
    AddActivity(t, week.AddDays(4), "campaign_day",
                "#LookCloser roadside services and fast food outlets", "EM", "leicestershire",
                "Leicester: roadside services", {police_id("leicestershire")},
                {{"professionals", "retail", rng.Between(10, 25), true},
                 {"public", "", rng.Between(60, 150), true}},
                "", campaign);
    AddActivity(t, week.AddDays(4), "briefing_or_resource", "#LookCloser police intranet briefing",
                "EM", "", "force intranets", {police_id("derbyshire"), police_id("leicestershire")},
                {{"professionals", "police", rng.Between(180, 260), true}},
                "Briefing on engaging young people, identifying victims and the National Referral "
                "Mechanism, published on the intranets of the region's forces.",
                campaign);
  }

  // Two regional campaigns.
  struct RegionalCampaign {
    std::string key, region, name, title, description, campaign_description;
    std::vector<std::string> towns;
    std::string sector;
    std::vector<std::string> themes;
    std::vector<std::string> locations;
    int fy_month, day;
  };
  const std::vector<RegionalCampaign> regional = {
      {"safe_journeys",
       "NW",
       "Safe Journeys",
       "Safe Journeys summer campaign (North West)",
       "A summer week of awareness raising at stations and coach stations in the North West, "
       "when young people travel more and are more exposed to exploitation through the "
       "transport network.",
       "Summer awareness week at stations and coach stations across the North West.",
       {"Manchester", "Liverpool", "Preston", "Blackpool", "Warrington"},
       "transport",
       {"cce", "cse"},
       {"train_station", "bus_or_coach_station"},
       4,
       21},
      {"behind_closed_doors",
       "SW",
       "Behind Closed Doors",
       "Behind Closed Doors hotel awareness week (South West)",
       "A week of visits and short briefings for hotel staff across the South West on sexual "
       "exploitation and trafficking in hotels and how to report concerns.",
       "Hotel awareness week across the South West.",
       {"Bristol", "Plymouth", "Exeter", "Bournemouth"},
       "hospitality",
       {"cse", "msht"},
       {"hotel"},
       8,
       10},
  };
  for (const RegionalCampaign& rc : regional) {
    const Date week = NextWorkingDay(FyDate(rc.fy_month, rc.day));
    std::vector<int64_t> partners = {FindPartner(rc.region, rc.sector, "", rng)->id};
    for (const std::string& town : rc.towns) {
      AddUnique(partners, police_id(TownNamed(rc.region, town)->force));
    }
    if (rc.sector == "transport") partners.push_back(btp);
    Special s{rc.key,
              rc.title,
              rc.description,
              {rc.region},
              OfficerOf(rc.region),
              {},
              partners,
              rc.themes,
              Contains(rc.themes, "cce"),
              {"everyones_responsibility", rc.themes.front() == "cce" ? "cce" : "csae"},
              {"professionals", "public"},
              {rc.sector},
              rc.locations,
              week.AddDays(-70)};
    std::vector<Date> dates;
    for (size_t i = 0; i < rc.towns.size(); ++i)
      dates.push_back(NextWorkingDay(week.AddDays(static_cast<int64_t>(i))));
    const int t = add_task(s, dates);
    PlannedCampaign c;
    c.task = t;
    for (const Step& st : tasks_[static_cast<size_t>(t)].steps) {
      if (st.status == "approved") c.at = st.at + 2 * kDay;
    }
    c.record.Set("name", rc.name);
    c.record.Set("description", rc.campaign_description);
    c.record.Set("start_on", dates.front().ToString());
    c.record.Set("end_on", dates.back().ToString());
    c.record.Set("regions", Texts({rc.region}));
    c.record.Set("partners", Ids(partners));
    c.record.Set("themes", Texts(rc.themes));
    campaigns_.push_back(std::move(c));
    const int campaign = static_cast<int>(campaigns_.size()) - 1;
    for (size_t i = 0; i < rc.towns.size(); ++i) {
      const Town* town = TownNamed(rc.region, rc.towns[i]);
      const bool transport = rc.sector == "transport";
      AddActivity(t, dates[i], "campaign_day",
                  rc.name + (transport ? " day at " : " hotel visits in ") + rc.towns[i], rc.region,
                  town->force,
                  rc.towns[i] + (transport ? ": railway and coach stations" : ": hotels"),
                  {partners.front()},
                  {{"professionals", rc.sector, rng.Between(15, 40), true},
                   {"public", "", transport ? rng.Between(60, 180) : rng.Between(0, 20), true}},
                  "", campaign);
    }
  }
}

void Loader::PlanTasks() {
  Rng rng = seed_.Fork("tasks");
  // Tactical meetings every other Tuesday from two months before the year.
  Date m = first_.AddDays(-53);
  while (Weekday(m) != 1) m = m.AddDays(1);
  for (; m <= last_.AddDays(60); m = m.AddDays(14)) {
    if (IsWorkingDay(m)) meetings_.push_back(m);
  }

  PlanSpecialTasks(rng);

  // Proposals through the year, fewer in August and December; weekdays only.
  const Date from = first_.AddDays(-28);
  const Date to = last_.AddDays(-1);
  std::vector<Date> days;
  std::vector<double> weights;
  static const double kMonthWeight[] = {1.1, 1.1, 1.1, 0.9, 0.6, 1.1, 1.2, 1.2, 0.6, 1.1, 1.1, 1.0};
  for (Date d = from; d <= to; d = d.AddDays(1)) {
    if (!IsWorkingDay(d)) continue;
    days.push_back(d);
    const int fy_index = ((d.month - fy_month_) % 12 + 12) % 12;
    weights.push_back(kMonthWeight[fy_index]);
  }
  const auto& regional = RegionalTaskTemplates();
  const auto& national = NationalTaskTemplates();
  std::vector<double> regional_weights, national_weights, region_weights;
  for (const TaskTemplate& t : regional) regional_weights.push_back(t.weight);
  for (const TaskTemplate& t : national) national_weights.push_back(t.weight);
  for (const RegionText& r : ProgrammeRegions())
    region_weights.push_back(0.6 + 0.4 * r.insight_weight);

  // How many tasks of each kind and region is fixed by the weights (the seed only decides
  // which falls when and where), so every seed gives a year of the same shape and reach.
  constexpr int kRegionalTasks = 376;
  constexpr int kNationalTasks = 22;
  const std::vector<size_t> regional_kinds = Quota(regional_weights, kRegionalTasks, rng);
  const std::vector<size_t> regions = Quota(region_weights, kRegionalTasks, rng);
  const std::vector<size_t> national_kinds = Quota(national_weights, kNationalTasks, rng);
  struct Proposal {
    Date on;
    int region;  // -1: national
    size_t kind;
  };
  std::vector<Proposal> proposals;
  for (int i = 0; i < kRegionalTasks; ++i) {
    const Date on = days[rng.Weighted(weights)];
    proposals.push_back({on, static_cast<int>(regions[static_cast<size_t>(i)]),
                         regional_kinds[static_cast<size_t>(i)]});
  }
  for (int i = 0; i < kNationalTasks; ++i) {
    const Date on = days[rng.Weighted(weights)];
    proposals.push_back({on, -1, national_kinds[static_cast<size_t>(i)]});
  }
  std::stable_sort(proposals.begin(), proposals.end(),
                   [](const Proposal& a, const Proposal& b) { return a.on < b.on; });
  for (const Proposal& p : proposals) {
    if (p.region < 0) {
      PlanTemplateTask(national[p.kind], true, "", p.on, rng);
    } else {
      PlanTemplateTask(regional[p.kind], false,
                       ProgrammeRegions()[static_cast<size_t>(p.region)].code, p.on, rng);
    }
  }
}

}  // namespace lookout::demo
