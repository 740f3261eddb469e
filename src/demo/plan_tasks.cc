// Planning the demo year's tasks: the tactical meetings, the proposals drawn from the task
// templates, each task's lifecycle and its activities. The special tasks and campaigns are
// in plan_special_tasks.cc. Drawn from the generator's own random stream for tasks.
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "demo/loader.h"

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

// ---- Tasks and their activities -----------------------------------------------------------

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
