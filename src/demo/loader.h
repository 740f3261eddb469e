// The demo generator's plan and the loader that writes it, shared by the files that
// define the Loader's stages: demo.cc (checks, set-up, replay), plan_insight.cc (the
// year's insight), plan_tasks.cc (tasks from templates, their lifecycle and activities),
// plan_special_tasks.cc (the special tasks and campaigns) and evidence.cc (surveys,
// quotes, case studies, outcome events). Internal to demo/.
#ifndef LOOKOUT_DEMO_LOADER_H_
#define LOOKOUT_DEMO_LOADER_H_

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "demo/demo.h"
#include "demo/random.h"
#include "demo/text.h"
#include "app/records/services.h"
#include "core/status.h"
#include "core/time.h"
#include "core/value.h"
#include "domain/schema.h"

namespace lookout::demo {

using app::Actor;
using app::ImportIssue;
using app::ImportRow;
using app::ProgrammeSettings;
using app::Progress;
using app::Services;
using domain::EntityDef;

// ---- Small helpers (demo.cc) ----------------------------------------------------------------

constexpr int64_t kDay = 86400;

// Unix seconds of `hour`:`minute` UTC on `d`.
int64_t At(Date d, int hour, int minute);
// A moment of office hours (first_hour..last_hour) on `d`.
int64_t Moment(Date d, int first_hour, int last_hour, Rng& rng);
Date DateOfTime(int64_t unix_seconds);
// 0 = Monday ... 6 = Sunday.
int Weekday(Date d);
// Weekdays outside the break from Christmas Eve to New Year's Day.
bool IsWorkingDay(Date d);
// `d`, or the first working day after it.
Date NextWorkingDay(Date d);
// The Friday of the week `d` is in (the next Friday for a weekend day).
Date FridayOf(Date d);
// `n` indices, each i appearing in proportion to weights[i] (largest remainders), in a
// random order.
std::vector<size_t> Quota(const std::vector<double>& weights, int n, Rng& rng);
Value Texts(const std::vector<std::string>& items);
Value Ids(const std::vector<int64_t>& ids);
bool Contains(const std::vector<std::string>& v, const std::string& s);
template <typename T>
void AddUnique(std::vector<T>& v, const T& item) {
  if (std::find(v.begin(), v.end(), item) == v.end()) v.push_back(item);
}
// `text` with each {key} replaced by its value.
std::string Fill(std::string text, const std::map<std::string, std::string>& vars);
// The status of a write whose result is not needed.
template <typename T>
Status StatusOf(Result<T> result) {
  return result.ok() ? Status::Ok() : result.TakeStatus();
}
// Puts `what` in front of an error so that a failure midway says which record failed.
Status InContext(Status status, const std::string& what);

// ---- The plan ----------------------------------------------------------------------------

// One transition of a task's lifecycle.
struct Step {
  int64_t at = 0;
  std::string status;
  std::string reason;
  int by = 0;  // staff index
};

// One audience count of an activity.
struct Audience {
  std::string group;
  std::string sector;  // sector key, professionals only
  int64_t count = 0;
  bool estimated = false;
};

// An insight item, imported with the rest of its week's items at `batch_at`.
struct PlannedInsight {
  Date received;
  int64_t batch_at = 0;
  std::string region;
  std::vector<std::string> themes;
  std::vector<std::string> locations;
  bool county_lines = false;
  bool open = true;  // may be answered by a task
  double risk = 0;
  int links = 0;
  int64_t id = 0;
  Record record;
};

// An activity, imported with the rest of its week's deliveries at `batch_at`.
struct PlannedActivity {
  int task = -1;
  int campaign = -1;
  Date date;
  int64_t batch_at = 0;
  int64_t id = 0;
  std::string region;
  std::string type;
  std::vector<Audience> audience;
  Record record;  // everything but the task and campaign ids
};

// A task: created when proposed, then moved through `steps`. `id` and `version` are
// learnt as the replay creates and moves it.
struct PlannedTask {
  std::string key;  // template key or special task key
  std::vector<std::string> regions;
  std::string town;
  int lead = 0;
  std::vector<int64_t> partners;
  Record record;
  int64_t proposed_at = 0;
  std::vector<Step> steps;
  std::vector<int> activities;
  std::optional<Date> delivered_on;
  int64_t id = 0;
  int64_t version = 0;
};

// A campaign, created a few days after its task is approved.
struct PlannedCampaign {
  int task = -1;
  int64_t at = 0;
  Record record;
  int64_t id = 0;
};

// One write of the replay, at its moment; `seq` keeps the planned order of equal moments.
struct Event {
  int64_t at = 0;
  int64_t seq = 0;
  std::function<Status()> run;
};

// A partner organisation as the generator knows it (its id is fixed before the import).
struct LocalPartner {
  int64_t id = 0;
  std::string name;
  std::string sector;  // sector key
  std::string region;
  std::string town;   // empty for region-wide and national partners
  std::string force;  // police partners: force code
};

struct ForceInfo {
  std::string code;
  std::string name;
  std::string region;
};

// Staff indices into DemoStaff().
constexpr int kProgrammeManager = 0;
constexpr int kNationalManager = 1;
constexpr int kTaskingManager = 2;
constexpr int kAnalyst = 13;

// Loads the demo programme (see LoadDemo in demo/demo.h). Used once; not thread-safe. It
// writes through a Services of its own over the caller's store, with its own clock.
class Loader {
 public:
  Loader(Services& outer, const Actor& actor, const DemoOptions& options, const Progress& progress)
      : clock_(0),
        services_(outer.store(), clock_),
        actor_(actor),
        options_(options),
        progress_(progress),
        seed_(options.seed) {}

  Result<DemoSummary> Run();

 private:
  // Stage 1.
  Status ReadReferenceData();
  Status CheckNothingLoaded();
  Status SetUp();
  Status SetUpPartners();
  Status SetUpOutcomeFramework();
  // Stage 2.
  void PlanInsights();
  void PlanTasks();
  void PlanTemplateTask(const TaskTemplate& tmpl, bool national, const std::string& region,
                        Date proposed_on, Rng& rng);
  void PlanSpecialTasks(Rng& rng);
  void PlanSurveys();
  void PlanQuotes();
  void PlanCaseStudies();
  void PlanOutcomeEvents();
  void ScheduleTaskEvents();
  void ScheduleBatches();
  // Stage 3.
  Status Replay();

  // The lifecycle of one task from its proposal on. `plan_dates` gives the delivery dates
  // from the day work starts; returns the dates kept (within the year, after the start,
  // before a cancellation).
  std::vector<Date> PlanLifecycle(PlannedTask& task, Date proposed_on, int start_after_days,
                                  const std::function<std::vector<Date>(Date)>& plan_dates,
                                  double cancel_chance, Rng& rng);
  int AddActivity(int task, Date date, const std::string& type, const std::string& title,
                  const std::string& region, const std::string& force, const std::string& place,
                  const std::vector<int64_t>& partners, std::vector<Audience> audience,
                  const std::string& notes, int campaign = -1);
  std::vector<int> PickInsights(const std::vector<std::string>& regions,
                                const std::vector<std::string>& themes,
                                const std::vector<std::string>& locations, int64_t before,
                                int how_many, Rng& rng);

  // Writing.
  void Schedule(int64_t at, std::function<Status()> run);
  Status ImportAll(const EntityDef& entity, std::vector<Record> records, const std::string& what);
  Result<int64_t> CreateOne(const Actor& actor, const EntityDef& entity, Record record,
                            const std::string& what);
  Result<int64_t> NextFreeId(const EntityDef& entity);
  void Count(const std::string& entity, int64_t n = 1) { created_[entity] += n; }

  Actor StaffActor(int staff) const;
  int OfficerOf(const std::string& region) const;
  int Chair(Date meeting) const;
  Date NextMeeting(Date on_or_after) const;
  Date FyDate(int fy_month, int day) const;  // fy_month 1 = the first month of the year
  std::string Sector(const std::string& key) const { return sector_codes_.at(key); }
  const LocalPartner* FindPartner(const std::string& region, const std::string& sector,
                                  const std::string& town, Rng& rng) const;
  const LocalPartner* PolicePartner(const std::string& force) const;
  const LocalPartner* PartnerNamed(const std::string& name) const;
  std::vector<const Town*> TownsOf(const std::string& region) const;
  const Town* TownNamed(const std::string& region, const std::string& name) const;
  std::vector<int> TasksWithKey(const std::string& key) const;

  FixedClock clock_;
  Services services_;
  Actor actor_;
  DemoOptions options_;
  Progress progress_;
  Rng seed_;

  int fy_month_ = 4;
  Date first_;
  Date last_;
  int64_t year_end_at_ = 0;  // the last moment of the year
  int64_t setup_at_ = 0;     // a cursor for the set-up records
  std::vector<Date> meetings_;

  std::map<std::string, std::string> sector_codes_;  // key -> installed code
  std::map<std::string, std::string> sector_keys_;   // installed code -> key
  std::map<std::string, ForceInfo> forces_;
  std::vector<int64_t> staff_ids_;
  std::map<std::string, int64_t> objective_ids_;
  std::map<std::string, int64_t> outcome_ids_;
  std::map<std::string, int64_t> indicator_ids_;
  int64_t scheme_id_ = 0;
  Value::Rows scheme_factors_;
  std::vector<LocalPartner> partners_;
  std::map<int64_t, size_t> partner_index_;

  std::vector<PlannedInsight> insights_;
  std::vector<PlannedTask> tasks_;
  std::vector<PlannedActivity> activities_;
  std::vector<PlannedCampaign> campaigns_;
  std::vector<Event> events_;
  std::map<std::string, int64_t> created_;
};

}  // namespace lookout::demo

#endif  // LOOKOUT_DEMO_LOADER_H_
