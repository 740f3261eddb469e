// The demo programme generator. It works in three stages:
//  1. check the reference data and that the database holds no programme work yet, and
//     write the set-up records (programme, staff, objectives, scoring scheme, partners,
//     outcome framework);
//  2. plan the whole year in memory (insight, tasks with their lifecycle, campaigns,
//     activities, surveys, quotes, case studies, outcome events), each with the moment it
//     would have been recorded;
//  3. replay the plan in time order through the use cases, moving its own clock to each
//     moment, so timestamps, audit entries and task histories read like a year of work.
// Ids that later records refer to are known in advance for imported kinds (the import
// restores the ids it is given) and learnt from the use cases for created ones.
#include "demo/demo.h"
#include "report/format.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "demo/loader.h"
#include "domain/rules.h"
#include "domain/schema.h"

namespace lookout::demo {

int64_t DemoSummary::Created(std::string_view entity) const {
  for (const auto& [name, count] : created) {
    if (name == entity) return count;
  }
  return 0;
}

std::string DemoSummary::ToString() const {
  std::string out;
  for (const auto& [name, count] : created) {
    const domain::EntityDef* e = domain::FindEntity(name);
    const std::string kind = e == nullptr ? name : count == 1 ? domain::KindName(*e) : e->plural;
    out += (out.empty() ? "" : ", ") + report::Thousands(count) + " " + kind;
  }
  out += "; " + report::Thousands(professionals_reached) + " professionals and " +
         report::Thousands(young_people_reached) + " young people reached, " +
         report::Thousands(tasks_delivered) + " tasks delivered from " + first_day + " to " + last_day;
  return out;
}

// ---- Small helpers -----------------------------------------------------------------------

int64_t At(Date d, int hour, int minute) {
  return d.DaysSinceEpoch() * kDay + hour * 3600 + minute * 60;
}
// A moment of office hours on `d`. The draws are separate statements: the order in which a
// function's arguments are evaluated is unspecified, and the data must not depend on it.
int64_t Moment(Date d, int first_hour, int last_hour, Rng& rng) {
  const int hour = static_cast<int>(rng.Between(first_hour, last_hour));
  const int minute = static_cast<int>(rng.Between(0, 59));
  return At(d, hour, minute);
}
Date DateOfTime(int64_t t) { return Date::FromDays(t / kDay); }
// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
int Weekday(Date d) { return static_cast<int>(((d.DaysSinceEpoch() % 7) + 7 + 3) % 7); }
// Office days: weekdays outside the break from Christmas Eve to New Year's Day.
bool IsWorkingDay(Date d) {
  if (Weekday(d) >= 5) return false;
  if (d.month == 12 && d.day >= 24) return false;
  return !(d.month == 1 && d.day == 1);
}
Date NextWorkingDay(Date d) {
  while (!IsWorkingDay(d)) d = d.AddDays(1);
  return d;
}
// The Friday of the week `d` is in (the next Friday for a weekend day).
Date FridayOf(Date d) {
  const int w = Weekday(d);
  return d.AddDays(w <= 4 ? 4 - w : 11 - w);
}

// `n` indices, each i appearing in proportion to weights[i] (largest remainders), in a
// random order.
std::vector<size_t> Quota(const std::vector<double>& weights, int n, Rng& rng) {
  double total = 0;
  for (double w : weights) total += w;
  std::vector<size_t> out;
  std::vector<std::pair<double, size_t>> remainders;
  for (size_t i = 0; i < weights.size(); ++i) {
    const double exact = weights[i] / total * n;
    const auto whole = static_cast<int>(exact);
    for (int k = 0; k < whole; ++k) out.push_back(i);
    remainders.push_back({exact - whole, i});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; out.size() < static_cast<size_t>(n); ++k) out.push_back(remainders[k].second);
  rng.Shuffle(out);
  return out;
}

Value Texts(const std::vector<std::string>& items) {
  Value::List list;
  for (const std::string& s : items) list.emplace_back(s);
  return list;
}
Value Ids(const std::vector<int64_t>& ids) {
  Value::List list;
  for (int64_t id : ids) list.emplace_back(id);
  return list;
}
bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string Fill(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [key, value] : vars) {
    const std::string token = "{" + key + "}";
    for (size_t at = text.find(token); at != std::string::npos;
         at = text.find(token, at + value.size())) {
      text.replace(at, token.size(), value);
    }
  }
  return text;
}

// Puts `what` in front of an error so that a failure midway says which record failed.
Status InContext(Status status, const std::string& what) {
  if (status.ok()) return status;
  return Status(status.code(),
                "Loading the demo programme failed at " + what + ": " + status.message(),
                status.fields());
}

// ---- Stage 1: reference data and set-up --------------------------------------------------

Status Loader::ReadReferenceData() {
  const std::string hint = " Load the reference data first (`lookout init`).";
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> regions,
                           services_.ExportAll(actor_, domain::RegionEntity()));
  std::set<std::string> region_codes;
  for (const Record& r : regions) {
    if (r.Get("code").is_text()) region_codes.insert(r.Get("code").as_text());
  }
  std::vector<std::string> needed = {"NAT"};
  for (const RegionText& r : ProgrammeRegions()) needed.push_back(r.code);
  for (const std::string& code : needed) {
    if (!region_codes.count(code)) {
      return Status(ErrorCode::kNotFound,
                    "The demo programme needs the programme regions, but region '" + code +
                        "' is not in the database." + hint);
    }
  }

  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> forces,
                           services_.ExportAll(actor_, domain::PoliceForceEntity()));
  for (const Record& f : forces) {
    if (!f.Get("code").is_text()) continue;
    ForceInfo info;
    info.code = f.Get("code").as_text();
    info.name = f.Get("name").is_text() ? f.Get("name").as_text() : info.code;
    info.region = f.Get("region").is_text() ? f.Get("region").as_text() : "";
    forces_[info.code] = info;
  }
  std::vector<std::string> needed_forces = {"btp"};
  for (const RegionText& r : ProgrammeRegions()) {
    for (const Town& t : r.towns) needed_forces.push_back(t.force);
  }
  for (const std::string& code : needed_forces) {
    if (!forces_.count(code)) {
      return Status(ErrorCode::kNotFound,
                    "The demo programme needs the police forces, but force '" + code +
                        "' is not in the database." + hint);
    }
  }

  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> sectors,
                           services_.ExportAll(actor_, domain::SectorEntity()));
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (const SectorMatch& m : SectorMatches()) {
    std::string found;
    for (const std::string& code : m.codes) {
      for (const Record& s : sectors) {
        if (s.Get("code") == Value(code)) found = code;
      }
      if (!found.empty()) break;
    }
    if (found.empty()) {
      for (const Record& s : sectors) {
        if (!s.Get("name").is_text() || !s.Get("code").is_text()) continue;
        const std::string name = lower(s.Get("name").as_text());
        bool excluded = false;
        for (const std::string& w : m.name_excludes)
          excluded = excluded || name.find(w) != std::string::npos;
        if (excluded) continue;
        for (const std::string& w : m.name_words) {
          if (name.find(w) != std::string::npos) {
            found = s.Get("code").as_text();
            break;
          }
        }
        if (!found.empty()) break;
      }
    }
    if (found.empty()) {
      return Status(ErrorCode::kNotFound, "The demo programme needs a sector for '" + m.label +
                                              "', but the database has none." + hint);
    }
    sector_codes_[m.key] = found;
    sector_keys_.emplace(found, m.key);
  }
  return Status::Ok();
}

Status Loader::CheckNothingLoaded() {
  for (const EntityDef* e :
       {&domain::TaskEntity(), &domain::InsightEntity(), &domain::ActivityEntity()}) {
    LOOKOUT_ASSIGN_OR_RETURN(store::Page page,
                             services_.List(actor_, *e, {{"archived", "include"}, {"limit", "1"}}));
    if (page.total > 0) {
      return Status(ErrorCode::kConflict,
                    "The database already holds " + std::to_string(page.total) + " " +
                        (page.total == 1 ? e->name : e->plural) +
                        ": the demo programme is loaded only into a database without programme "
                        "work, so that it never mixes with real records. Use a new database.");
    }
  }
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> staff,
                           services_.ExportAll(actor_, domain::StaffEntity()));
  for (const Record& s : staff) {
    for (const StaffText& d : DemoStaff()) {
      if (s.Get("email") == Value(d.email)) {
        return Status(ErrorCode::kConflict,
                      "The demo staff member " + d.email +
                          " is already recorded: the demo programme has been loaded here before.");
      }
    }
  }
  return Status::Ok();
}

Result<int64_t> Loader::NextFreeId(const EntityDef& entity) {
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> all, services_.ExportAll(actor_, entity));
  int64_t max_id = 0;
  for (const Record& r : all) max_id = std::max(max_id, r.Id());
  return max_id + 1;
}

Result<int64_t> Loader::CreateOne(const Actor& actor, const EntityDef& entity, Record record,
                                  const std::string& what) {
  auto saved = services_.Create(actor, entity, std::move(record));
  if (!saved.ok()) return InContext(saved.TakeStatus(), what);
  Count(entity.name);
  return saved->record.Id();
}

Status Loader::ImportAll(const EntityDef& entity, std::vector<Record> records,
                         const std::string& what) {
  if (records.empty()) return Status::Ok();
  std::vector<ImportRow> rows;
  rows.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    rows.push_back(ImportRow{static_cast<int64_t>(i + 1), std::move(records[i])});
  }
  auto report = services_.Import(actor_, entity, std::move(rows), false);
  if (!report.ok()) return InContext(report.TakeStatus(), what);
  if (!report->errors.empty()) {
    std::vector<FieldError> fields;
    for (const ImportIssue& issue : report->errors) {
      if (fields.size() == 20) break;
      fields.push_back(
          {"row " + std::to_string(issue.line) + (issue.column.empty() ? "" : ", " + issue.column),
           issue.message});
    }
    return Status(ErrorCode::kValidation,
                  "Loading the demo programme failed at " + what + ": " +
                      std::to_string(report->errors.size()) + " problems in the records",
                  std::move(fields));
  }
  Count(entity.name, report->written);
  return Status::Ok();
}

Actor Loader::StaffActor(int staff) const {
  const StaffText& s = DemoStaff()[static_cast<size_t>(staff)];
  Actor a;
  a.id = "staff:" + std::to_string(staff_ids_[static_cast<size_t>(staff)]);
  a.staff_id = staff_ids_[static_cast<size_t>(staff)];
  a.role = s.role;
  a.region = s.home_region;
  a.request_id = actor_.request_id;
  a.signed_in = true;  // the demo replays the year as its staff would have worked it
  return a;
}

int Loader::OfficerOf(const std::string& region) const {
  const auto& staff = DemoStaff();
  for (size_t i = 0; i < staff.size(); ++i) {
    if (staff[i].role == "officer" && staff[i].home_region == region) return static_cast<int>(i);
  }
  return kNationalManager;
}

Status Loader::SetUp() {
  // The set-up records are dated a quarter before the year, when the insight carried into
  // the year was being recorded.
  setup_at_ = At(NextWorkingDay(first_.AddMonths(-3)), 9, 0);
  auto tick = [this]() {
    setup_at_ += 60;
    clock_.Set(setup_at_);
  };

  tick();
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> programmes,
                           services_.ExportAll(actor_, domain::ProgrammeEntity()));
  if (programmes.empty()) {
    const ProgrammeSettings settings = DemoProgrammeSettings();
    Record p;
    p.Set("name", settings.name);
    p.Set("funder", settings.funder);
    p.Set("fy_start_month", settings.fy_start_month);
    LOOKOUT_RETURN_IF_ERROR(
        StatusOf(CreateOne(actor_, domain::ProgrammeEntity(), p, "the programme")));
  }

  for (const StaffText& s : DemoStaff()) {
    tick();
    Record r;
    r.Set("name", s.name);
    r.Set("email", s.email);
    r.Set("role", s.role);
    if (!s.home_region.empty()) r.Set("home_region", s.home_region);
    r.Set("active", true);
    LOOKOUT_ASSIGN_OR_RETURN(
        int64_t id, CreateOne(actor_, domain::StaffEntity(), r, "staff member " + s.email));
    staff_ids_.push_back(id);
  }

  const EntityDef& objective = *domain::FindEntity("objective");
  for (const ObjectiveText& o : Objectives()) {
    tick();
    Record r;
    r.Set("code", o.code);
    r.Set("title", o.title);
    r.Set("description", o.description);
    r.Set("active", true);
    LOOKOUT_ASSIGN_OR_RETURN(
        int64_t id, CreateOne(StaffActor(kProgrammeManager), objective, r, "objective " + o.code));
    objective_ids_[o.code] = id;
  }

  tick();
  const EntityDef& scheme = *domain::FindEntity("scoring_scheme");
  for (const FactorText& f : ScoringFactors()) {
    Record row;
    row.Set("code", f.code);
    row.Set("label", f.label);
    row.Set("group", f.group);
    row.Set("weight", f.weight);
    row.Set("min_score", 1);
    row.Set("max_score", 5);
    row.Set("scale", f.scale);
    scheme_factors_.push_back(row);
  }
  Record s;
  s.Set("scheme_version", 1);
  s.Set("name", "Prevention priority scheme");
  s.Set("description",
        "Harm (physical, psychological, financial, community, geographic scope and the "
        "vulnerability of the victims) weighted and multiplied by likelihood, adjusted by the "
        "programme's position: its capacity and capability to act and whether another agency "
        "already owns the problem. Every factor is scored from 1 to 5.");
  s.Set("active", true);
  s.Set("factors", scheme_factors_);
  s.Set("bands", RiskBands());
  LOOKOUT_ASSIGN_OR_RETURN(scheme_id_,
                           CreateOne(StaffActor(kTaskingManager), scheme, s, "the scoring scheme"));

  LOOKOUT_RETURN_IF_ERROR(SetUpPartners());
  return SetUpOutcomeFramework();
}

Status Loader::SetUpPartners() {
  Rng rng = seed_.Fork("partners");
  LOOKOUT_ASSIGN_OR_RETURN(int64_t next_id, NextFreeId(domain::PartnerEntity()));
  auto add = [&](const std::string& name, const std::string& sector, const std::string& region,
                 const std::string& town, const std::string& force) {
    LocalPartner p{next_id++, name, sector, region, town, force};
    partner_index_[p.id] = partners_.size();
    partners_.push_back(std::move(p));
  };

  // Police forces, as the reference data names them, in the forces' own order.
  std::vector<const ForceInfo*> forces;
  for (const auto& [code, info] : forces_) forces.push_back(&info);
  std::sort(forces.begin(), forces.end(),
            [](const ForceInfo* a, const ForceInfo* b) { return a->name < b->name; });
  for (const ForceInfo* f : forces) {
    add(f->name, f->code == "btp" ? "btp" : "police", f->region.empty() ? "NAT" : f->region, "",
        f->code);
  }

  for (const RegionText& r : ProgrammeRegions()) {
    if (!r.rocu.empty()) add(r.rocu, "rocu", r.code, "", "");
    auto town_in = [&](const std::string& name) {
      const size_t open = name.rfind('(');
      return open == std::string::npos ? std::string()
                                       : name.substr(open + 1, name.size() - open - 2);
    };
    add(r.transport_operator, "transport", r.code, town_in(r.transport_operator), "");
    add(r.hotel, "hospitality", r.code, town_in(r.hotel), "");
    add(r.fast_food, "retail", r.code, town_in(r.fast_food), "");

    std::vector<const Town*> with_council;
    for (const Town& t : r.towns) {
      if (!t.council.empty()) with_council.push_back(&t);
    }
    // The region's main town always has its council among the partners.
    std::vector<const Town*> councils = {with_council.front()};
    for (const Town* t :
         rng.Sample(std::vector<const Town*>(with_council.begin() + 1, with_council.end()), 2)) {
      councils.push_back(t);
    }
    for (const Town* t : councils) add(t->council, "local_authority", r.code, t->name, "");

    std::vector<const Town*> towns;
    for (const Town& t : r.towns) towns.push_back(&t);
    for (const std::string sector : {"education", "health", "vcs", "business"}) {
      std::vector<const PartnerPattern*> patterns;
      for (const PartnerPattern& p : LocalPartnerPatterns()) {
        if (p.sector == sector) patterns.push_back(&p);
      }
      const int how_many = sector == std::string("health") ? 1
                           : sector == std::string("business")
                               ? (rng.Chance(0.5) ? 1 : 0)
                               : static_cast<int>(rng.Between(1, 2));
      for (const Town* t : rng.Sample(towns, static_cast<size_t>(how_many))) {
        add(Fill(rng.Pick(patterns)->pattern, {{"town", t->name}}), sector, r.code, t->name, "");
      }
    }
  }
  for (const NamedPartner& p : NationalPartners()) {
    add(p.name, p.sector, p.region, "", "");
  }

  std::vector<Record> records;
  for (const LocalPartner& p : partners_) {
    Record r;
    r.Set("id", p.id);
    r.Set("name", p.name);
    r.Set("sector", Sector(p.sector));
    r.Set("region", p.region);
    r.Set("active", true);
    records.push_back(std::move(r));
  }
  setup_at_ += 600;
  clock_.Set(setup_at_);
  return ImportAll(domain::PartnerEntity(), std::move(records), "the partner organisations");
}

Status Loader::SetUpOutcomeFramework() {
  const Actor analyst = StaffActor(kAnalyst);
  for (const OutcomeText& o : Outcomes()) {
    setup_at_ += 120;
    clock_.Set(setup_at_);
    Record r;
    r.Set("code", o.code);
    r.Set("statement", o.statement);
    r.Set("level", o.level);
    r.Set("description", o.description);
    LOOKOUT_ASSIGN_OR_RETURN(
        outcome_ids_[o.code],
        CreateOne(analyst, *domain::FindEntity("outcome"), r, "outcome " + o.code));
  }
  for (const IndicatorText& i : Indicators()) {
    setup_at_ += 60;
    clock_.Set(setup_at_);
    Record r;
    r.Set("code", i.code);
    r.Set("outcome", outcome_ids_.at(i.outcome));
    r.Set("statement", i.statement);
    r.Set("positive_answers", "strongly_agree;agree");
    r.Set("base", i.base);
    LOOKOUT_ASSIGN_OR_RETURN(
        indicator_ids_[i.code],
        CreateOne(analyst, *domain::FindEntity("indicator"), r, "indicator " + i.code));
  }
  return Status::Ok();
}

void Loader::ScheduleTaskEvents() {
  // Tasks held insight indices until the insight ids were known.
  for (PlannedTask& t : tasks_) {
    Value::List ids;
    for (const Value& v : t.record.Get("insights").as_list()) {
      ids.emplace_back(insights_[static_cast<size_t>(v.as_int())].id);
    }
    t.record.Set("insights", ids);
  }
  // Tasks are created, and move, in time order.
  for (size_t i = 0; i < tasks_.size(); ++i) {
    Schedule(tasks_[i].proposed_at, [this, i]() -> Status {
      PlannedTask& t = tasks_[i];
      // A task that reaches into a neighbouring region is a tasking decision: the tasking
      // manager records it, with the officer as its lead; an officer records only tasks of
      // their own region.
      const bool across_regions = t.record.Get("regions").as_list().size() > 1;
      auto saved = services_.Create(StaffActor(across_regions ? kTaskingManager : t.lead),
                                    domain::TaskEntity(), t.record);
      if (!saved.ok()) {
        return InContext(saved.TakeStatus(), "task '" + t.record.Get("title").ToDisplay() + "'");
      }
      Count("task");
      t.id = saved->record.Id();
      t.version = saved->record.Get("version").as_int();
      return Status::Ok();
    });
    for (size_t s = 0; s < tasks_[i].steps.size(); ++s) {
      Schedule(tasks_[i].steps[s].at, [this, i, s]() -> Status {
        PlannedTask& t = tasks_[i];
        const Step& step = t.steps[s];
        auto moved = services_.TransitionTask(StaffActor(step.by), t.id, t.version, step.status,
                                              step.reason);
        if (!moved.ok()) {
          return InContext(moved.TakeStatus(), "moving task " + t.record.Get("title").ToDisplay() +
                                                   " to " + step.status);
        }
        Count("task_transition");
        t.version = moved->Get("version").as_int();
        return Status::Ok();
      });
    }
  }
  for (size_t c = 0; c < campaigns_.size(); ++c) {
    Schedule(campaigns_[c].at, [this, c]() -> Status {
      PlannedCampaign& campaign = campaigns_[c];
      Record r = campaign.record;
      r.Set("task", tasks_[static_cast<size_t>(campaign.task)].id);
      LOOKOUT_ASSIGN_OR_RETURN(
          campaign.id,
          CreateOne(StaffActor(tasks_[static_cast<size_t>(campaign.task)].lead),
                    *domain::FindEntity("campaign"), r, "campaign " + r.Get("name").ToDisplay()));
      return Status::Ok();
    });
  }
}

void Loader::ScheduleBatches() {
  // Weekly insight batches.
  std::map<int64_t, std::vector<size_t>> insight_batches;
  for (size_t i = 0; i < insights_.size(); ++i) insight_batches[insights_[i].batch_at].push_back(i);
  for (const auto& [at, members] : insight_batches) {
    Schedule(at, [this, members = members]() -> Status {
      std::vector<Record> records;
      for (size_t i : members) {
        Record r = insights_[i].record;
        r.Set("id", insights_[i].id);
        records.push_back(std::move(r));
      }
      return ImportAll(
          domain::InsightEntity(), std::move(records),
          "the insight received in the week to " + insights_[members.front()].received.ToString());
    });
  }
  // Weekly activity batches: each officer's week of delivery, recorded on the Friday.
  std::map<int64_t, std::vector<size_t>> activity_batches;
  for (size_t i = 0; i < activities_.size(); ++i) {
    activity_batches[activities_[i].batch_at].push_back(i);
  }
  for (const auto& [at, members] : activity_batches) {
    Schedule(at, [this, members = members]() -> Status {
      std::vector<Record> records;
      for (size_t i : members) {
        const PlannedActivity& a = activities_[i];
        Record r = a.record;
        r.Set("id", a.id);
        r.Set("task", tasks_[static_cast<size_t>(a.task)].id);
        if (a.campaign >= 0) r.Set("campaign", campaigns_[static_cast<size_t>(a.campaign)].id);
        records.push_back(std::move(r));
      }
      return ImportAll(
          domain::ActivityEntity(), std::move(records),
          "the activities of the week to " + activities_[members.front()].date.ToString());
    });
  }
}

void Loader::Schedule(int64_t at, std::function<Status()> run) {
  events_.push_back({at, static_cast<int64_t>(events_.size()), std::move(run)});
}

// ---- Stage 3: replay ------------------------------------------------------------------------

Status Loader::Replay() {
  std::stable_sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
    return a.at != b.at ? a.at < b.at : a.seq < b.seq;
  });
  const int64_t total = static_cast<int64_t>(events_.size());
  int64_t done = 0;
  for (Event& e : events_) {
    clock_.Set(std::max(e.at, clock_.NowUnixSeconds()));
    LOOKOUT_RETURN_IF_ERROR(e.run());
    ++done;
    if (progress_) progress_(done, total);
  }
  return Status::Ok();
}

Result<DemoSummary> Loader::Run() {
  auto period = domain::Period::Parse(options_.financial_year);
  if (!period || period->quarter != 0) {
    return Status::Validation(
        {{"financial_year",
          "expected a financial year such as 2025-26, not '" + options_.financial_year + "'"}});
  }
  LOOKOUT_RETURN_IF_ERROR(ReadReferenceData());
  LOOKOUT_RETURN_IF_ERROR(CheckNothingLoaded());
  LOOKOUT_ASSIGN_OR_RETURN(fy_month_, services_.FinancialYearStartMonth());
  first_ = period->First(fy_month_);
  last_ = period->Last(fy_month_);
  year_end_at_ = At(last_, 23, 59);

  LOOKOUT_RETURN_IF_ERROR(SetUp());

  PlanInsights();
  LOOKOUT_ASSIGN_OR_RETURN(int64_t first_insight, NextFreeId(domain::InsightEntity()));
  for (size_t i = 0; i < insights_.size(); ++i)
    insights_[i].id = first_insight + static_cast<int64_t>(i);
  PlanTasks();
  // Activities are recorded in the week they happen; their ids follow that order.
  for (PlannedActivity& a : activities_) a.batch_at = At(FridayOf(a.date), 16, 40);
  std::vector<size_t> order(activities_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::tie(activities_[a].batch_at, activities_[a].date) <
           std::tie(activities_[b].batch_at, activities_[b].date);
  });
  LOOKOUT_ASSIGN_OR_RETURN(int64_t first_activity, NextFreeId(domain::ActivityEntity()));
  for (size_t k = 0; k < order.size(); ++k)
    activities_[order[k]].id = first_activity + static_cast<int64_t>(k);

  ScheduleTaskEvents();
  ScheduleBatches();
  PlanSurveys();
  PlanQuotes();
  PlanCaseStudies();
  PlanOutcomeEvents();
  LOOKOUT_RETURN_IF_ERROR(Replay());

  DemoSummary summary;
  for (const EntityDef* e : domain::AllEntities()) {
    auto it = created_.find(e->name);
    if (it != created_.end() && it->second > 0) summary.created.push_back({e->name, it->second});
  }
  for (const PlannedActivity& a : activities_) {
    if (a.date < first_ || a.date > last_) continue;
    for (const Audience& au : a.audience) {
      if (au.group == "professionals") summary.professionals_reached += au.count;
      if (au.group == "young_people") summary.young_people_reached += au.count;
    }
  }
  for (const PlannedTask& t : tasks_) {
    if (t.delivered_on && *t.delivered_on >= first_) ++summary.tasks_delivered;
  }
  summary.first_day = first_.ToString();
  summary.last_day = last_.ToString();
  return summary;
}

app::ProgrammeSettings DemoProgrammeSettings() {
  return app::ProgrammeSettings{"Prevention Programme",
                           "Home Office via the Norfolk Police and Crime Commissioner", 4};
}

Result<DemoSummary> LoadDemo(Services& services, const Actor& actor, const DemoOptions& options,
                             const Progress& progress) {
  Loader loader(services, actor, options, progress);
  return loader.Run();
}

}  // namespace lookout::demo
