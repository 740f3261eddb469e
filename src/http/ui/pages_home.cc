// The home page of each role: what needs doing now, and how the quarter is going.
#include <algorithm>
#include <map>

#include "domain/rules.h"
#include "http/ui/display.h"
#include "http/ui/pages.h"
#include "http/ui/task_view.h"
#include "report/chart.h"
#include "report/format.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

constexpr const char* kOpenStatuses = "approved,in_progress";

// "2025-26 Q4 (1 January 2026 to 31 March 2026)".
std::string PeriodLabel(const domain::Period& p, int fy_start_month) {
  return p.ToString() + " (" + LongDate(p.First(fy_start_month).ToString()) + " to " +
         LongDate(p.Last(fy_start_month).ToString()) + ")";
}

// The current quarter of the programme's financial year.
struct Quarter {
  domain::Period period;
  Date first;
  Date last;
  int fy_start_month = 4;
  std::string Label() const { return PeriodLabel(period, fy_start_month); }
};

Result<Quarter> CurrentQuarter(app::Services& services) {
  LOOKOUT_ASSIGN_OR_RETURN(int month, services.FinancialYearStartMonth());
  const Date today = services.clock().Today();
  domain::Period q = domain::Period::QuarterOf(today, month);
  return Quarter{q, q.First(month), q.Last(month), month};
}

Result<domain::Period> CurrentYear(app::Services& services, int* month) {
  LOOKOUT_ASSIGN_OR_RETURN(*month, services.FinancialYearStartMonth());
  return domain::Period::YearOf(services.clock().Today(), *month);
}

// A home page's table of tasks: the first `limit` of `tasks` (of `total` in all), and a
// link to the tasks page listing all of them when not all are shown.
json TaskTableView(const std::vector<Record>& tasks, int64_t total, Names& names, Date today,
                   const std::string& caption, const std::string& all_href, size_t limit = 10) {
  json rows = json::array();
  for (size_t i = 0; i < tasks.size() && i < limit; ++i) {
    rows.push_back(TaskRowView(tasks[i], names, today));
  }
  const bool more = total > static_cast<int64_t>(rows.size());
  return json{{"rows", rows},
              {"href", all_href},
              {"empty", "None."},
              {"caption", caption},
              {"total", total},
              {"more", more},
              {"more_text", "See all " + std::to_string(total)},
              {"none", total == 0}};
}

// A short table of the tasks matching `params`: at most `limit`, soonest due first.
Result<json> TaskTable(PageRequest& page, Names& names, const std::string& caption,
                       app::Params params, int limit = 10) {
  const std::string all_href = PathWithQuery("/tasks", params);
  params.emplace_back("limit", std::to_string(limit));
  params.emplace_back("sort", "due_on");
  LOOKOUT_ASSIGN_OR_RETURN(store::Page found,
                           page.env->services.List(page.actor, domain::TaskEntity(), params));
  return TaskTableView(found.items, found.total, names, page.env->services.clock().Today(),
                       caption, all_href, static_cast<size_t>(limit));
}

// Every task matching `params`, page by page.
Result<std::vector<Record>> AllTasks(PageRequest& page, app::Params params) {
  std::vector<Record> out;
  params.emplace_back("limit", "500");
  params.emplace_back("sort", "due_on");
  for (int64_t offset = 0;; offset += 500) {
    app::Params paged = params;
    paged.emplace_back("offset", std::to_string(offset));
    LOOKOUT_ASSIGN_OR_RETURN(store::Page found,
                             page.env->services.List(page.actor, domain::TaskEntity(), paged));
    for (Record& r : found.items) out.push_back(std::move(r));
    if (found.items.empty() || static_cast<int64_t>(out.size()) >= found.total) break;
  }
  return out;
}

// The period a home page shows reach for: the current one, or, when nothing is recorded
// in it yet, the latest of the `look_back` periods before it that has something, with a
// note saying so ('No activity recorded yet in 2026-27 Q3; showing 2026-27 Q2').
struct ShownPeriod {
  domain::Period period;
  std::vector<store::ReachRow> reach;
  std::string note;  // "" when the current period is shown
};

domain::Period PeriodBefore(domain::Period p) {
  if (p.quarter == 0) return {p.start_year - 1, 0};
  if (p.quarter == 1) return {p.start_year - 1, 4};
  return {p.start_year, p.quarter - 1};
}

Result<ShownPeriod> LatestPeriodWithReach(PageRequest& page, domain::Period current, int month,
                                          const std::string& region, int look_back) {
  domain::Period p = current;
  for (int back = 0; back <= look_back; ++back, p = PeriodBefore(p)) {
    LOOKOUT_ASSIGN_OR_RETURN(
        std::vector<store::ReachRow> reach,
        page.env->services.Reach(page.actor, {p.First(month).ToString(), p.Last(month).ToString(), region}));
    if (reach.empty()) continue;
    std::string note;
    if (back > 0) {
      note = "No activity recorded yet in " + current.ToString() + "; showing " + p.ToString() + ".";
    }
    return ShownPeriod{p, std::move(reach), std::move(note)};
  }
  return ShownPeriod{current, {}, ""};
}

// Reach summed by audience group: [{"group", "count", "approximate"}] in vocabulary order.
json ReachByGroup(const std::vector<store::ReachRow>& rows) {
  std::map<std::string, std::pair<int64_t, bool>> sums;
  for (const store::ReachRow& r : rows) {
    auto& [count, estimated] = sums[r.group];
    count += r.count;
    estimated = estimated || r.any_estimated;
  }
  json out = json::array();
  for (const domain::Term& t : domain::FindVocabulary("audience_group")->terms) {
    auto it = sums.find(t.code);
    const int64_t count = it == sums.end() ? 0 : it->second.first;
    const bool approximate = it != sums.end() && it->second.second;
    out.push_back({{"group", t.label},
                   {"count", (approximate ? "approximately " : "") + report::Thousands(count)}});
  }
  return out;
}

// Reach by region: [{"region", "professionals", "young_people", ...}] for every region
// with any, in region order, and the totals.
json ReachByRegion(PageRequest& page, const std::vector<store::ReachRow>& rows) {
  // Region names are reference data every report prints, not records: they are looked up
  // for every role, funders included, who may read no record.
  Names names(page.env->services, app::Actor::System());
  struct Sum {
    int64_t count = 0;
    bool estimated = false;
  };
  std::map<std::string, std::map<std::string, Sum>> by_region;
  std::map<std::string, Sum> total;
  for (const store::ReachRow& r : rows) {
    Sum& s = by_region[r.region][r.group];
    s.count += r.count;
    s.estimated = s.estimated || r.any_estimated;
    Sum& t = total[r.group];
    t.count += r.count;
    t.estimated = t.estimated || r.any_estimated;
  }
  auto cell = [](const Sum& s) {
    return (s.estimated ? "approx. " : "") + report::Thousands(s.count);
  };
  json out = json::array();
  for (const auto& [region, groups] : by_region) {
    json row = {{"region", names.Of("region", region)}};
    for (const char* g : {"professionals", "young_people", "parents_carers", "public"}) {
      auto it = groups.find(g);
      row[g] = it == groups.end() ? "0" : cell(it->second);
    }
    out.push_back(std::move(row));
  }
  // The same figures as a chart, above the table that is its text alternative.
  report::BarChart chart{"People reached by region",
                         "Professionals and young people reached in each region; the table "
                         "below gives every figure.",
                         {},
                         {{"Professionals", {}}, {"Young people", {}}},
                         "reach-chart"};
  for (const auto& [region, groups] : by_region) {
    chart.categories.push_back(names.Of("region", region));
    auto count = [&groups](const char* g) {
      auto it = groups.find(g);
      return it == groups.end() ? 0.0 : static_cast<double>(it->second.count);
    };
    chart.series[0].values.push_back(count("professionals"));
    chart.series[1].values.push_back(count("young_people"));
  }
  json totals = {{"region", "All regions"}};
  for (const char* g : {"professionals", "young_people", "parents_carers", "public"}) {
    totals[g] = total.count(g) ? cell(total[g]) : "0";
  }
  return {{"rows", out},
          {"total", totals},
          {"none", out.empty()},
          {"chart_html", out.empty() ? "" : report::RenderBarChartSvg(chart)}};
}

Response OfficerHome(PageRequest& page, Names& names) {
  auto quarter = CurrentQuarter(page.env->services);
  if (!quarter.ok()) return ErrorPage(page, quarter.status());
  const Date today = page.env->services.clock().Today();
  const std::string me = std::to_string(page.actor.staff_id);
  const Date month_first{today.year, today.month, 1};
  const Date month_last = month_first.AddMonths(1).AddDays(-1);
  const std::string month_name =
      LongDate(month_first.ToString()).substr(LongDate(month_first.ToString()).find(' ') + 1);
  // The open tasks the officer leads, each in one table only: overdue, due this month, or
  // later (or with no due date).
  const app::Params open_params = {{"lead", me}, {"status", kOpenStatuses}};
  auto open = AllTasks(page, open_params);
  if (!open.ok()) return ErrorPage(page, open.status());
  std::vector<Record> overdue, due, later;
  for (Record& r : *open) {
    const std::string due_on = PlainText(r.Get("due_on"));
    if (!OverdueText(r, today).empty()) {
      overdue.push_back(std::move(r));
    } else if (!due_on.empty() && due_on <= month_last.ToString()) {
      due.push_back(std::move(r));
    } else {
      later.push_back(std::move(r));
    }
  }
  // Tasks without a due date come after those with one.
  std::stable_partition(later.begin(), later.end(),
                        [](const Record& r) { return !PlainText(r.Get("due_on")).empty(); });
  auto with = [&open_params](app::Params more) {
    app::Params p = open_params;
    p.insert(p.end(), more.begin(), more.end());
    return PathWithQuery("/tasks", p);
  };
  json overdue_view =
      TaskTableView(overdue, static_cast<int64_t>(overdue.size()), names, today, "Your overdue tasks",
                    with({{"to", today.AddDays(-1).ToString()}}));
  json due_view = TaskTableView(due, static_cast<int64_t>(due.size()), names, today,
                                "Your tasks due in " + month_name,
                                with({{"from", today.ToString()}, {"to", month_last.ToString()}}));
  json later_view = TaskTableView(later, static_cast<int64_t>(later.size()), names, today,
                                  "Your other open tasks", PathWithQuery("/tasks", open_params));
  later_view["more_text"] = "See all " + std::to_string(open->size()) + " of your open tasks";
  auto proposed =
      TaskTable(page, names, "Your proposals", {{"lead", me}, {"status", "proposed"}});
  if (!proposed.ok()) return ErrorPage(page, proposed.status());
  auto shown = LatestPeriodWithReach(page, quarter->period, quarter->fy_start_month, page.actor.region, 4);
  if (!shown.ok()) return ErrorPage(page, shown.status());
  json view = {{"officer", true},
               {"region", names.Of("region", page.actor.region)},
               {"overdue_tasks", overdue_view},
               {"due", due_view},
               {"month", month_name},
               {"open", later_view},
               {"proposed", *proposed},
               {"quarter", PeriodLabel(shown->period, quarter->fy_start_month)},
               {"period_note", shown->note},
               {"reach", ReachByGroup(shown->reach)},
               {"my_tasks_href", PathWithQuery("/tasks", {{"lead", me}})}};
  return RenderPage(page, "Your work", "home", std::move(view));
}

Response ManagerHome(PageRequest& page, Names& names) {
  auto quarter = CurrentQuarter(page.env->services);
  if (!quarter.ok()) return ErrorPage(page, quarter.status());
  const Date today = page.env->services.clock().Today();
  auto proposals = TaskTable(page, names, "Proposals awaiting a decision", {{"status", "proposed"}});
  auto overdue = TaskTable(page, names, "Overdue tasks", {{"status", kOpenStatuses},
                                         {"to", today.AddDays(-1).ToString()}});
  for (auto* r : {&proposals, &overdue}) {
    if (!r->ok()) return ErrorPage(page, r->status());
  }
  auto shown = LatestPeriodWithReach(page, quarter->period, quarter->fy_start_month, "", 4);
  if (!shown.ok()) return ErrorPage(page, shown.status());
  // Tasks due this quarter, by region.
  json by_region = json::array();
  for (const json& option : names.Options("region")) {
    const std::string code = option["value"];
    auto due = page.env->services.List(
        page.actor, domain::TaskEntity(),
        {{"region", code}, {"period", quarter->period.ToString()}, {"limit", "1"}});
    auto open = page.env->services.List(
        page.actor, domain::TaskEntity(),
        {{"region", code}, {"status", kOpenStatuses}, {"limit", "1"}});
    if (!due.ok()) return ErrorPage(page, due.status());
    if (!open.ok()) return ErrorPage(page, open.status());
    by_region.push_back({{"region", option["text"]},
                         {"due", due->total},
                         {"open", open->total},
                         {"href", PathWithQuery("/tasks", {{"region", code}})}});
  }
  json view = {{"manager", true},
               {"proposals", *proposals},
               {"overdue_tasks", *overdue},
               {"quarter", PeriodLabel(shown->period, quarter->fy_start_month)},
               {"current_quarter", quarter->Label()},
               {"period_note", shown->note},
               {"reach_by_region", ReachByRegion(page, shown->reach)},
               {"tasks_by_region", by_region}};
  return RenderPage(page, "Programme overview", "home", std::move(view));
}

Response AnalystHome(PageRequest& page, Names& names) {
  auto quarter = CurrentQuarter(page.env->services);
  if (!quarter.ok()) return ErrorPage(page, quarter.status());
  auto shown = LatestPeriodWithReach(page, quarter->period, quarter->fy_start_month, "", 4);
  if (!shown.ok()) return ErrorPage(page, shown.status());
  auto delivered =
      TaskTable(page, names, "Delivered tasks awaiting evaluation", {{"status", "delivered"}});
  if (!delivered.ok()) return ErrorPage(page, delivered.status());
  json view = {{"analyst", true},
               {"quarter", PeriodLabel(shown->period, quarter->fy_start_month)},
               {"period_note", shown->note},
               {"reach_by_region", ReachByRegion(page, shown->reach)},
               {"awaiting_evaluation", *delivered}};
  return RenderPage(page, "Evaluation overview", "home", std::move(view));
}

Response FunderHome(PageRequest& page) {
  int month = 4;
  auto current = CurrentYear(page.env->services, &month);
  if (!current.ok()) return ErrorPage(page, current.status());
  // The year shown: this financial year, or one of the three before it (?period=2025-26);
  // when nothing is recorded yet this year, the latest of those with something.
  Result<domain::Period> year = *current;
  std::string note;
  if (const std::string asked = page.Query("period"); !asked.empty()) {
    std::optional<domain::Period> parsed = domain::Period::Parse(asked);
    if (!parsed || parsed->quarter != 0) {
      return ErrorPage(page, Status::Validation({{"period", "must be a financial year, e.g. 2025-26"}},
                                                "The period must be a financial year, written 2025-26."));
    }
    year = *parsed;
  } else {
    auto shown = LatestPeriodWithReach(page, *current, month, "", 3);
    if (!shown.ok()) return ErrorPage(page, shown.status());
    year = shown->period;
    note = shown->note;
  }
  json years = json::array();
  for (int back = 0; back < 4; ++back) {
    domain::Period p{current->start_year - back, 0};
    years.push_back({{"value", p.ToString()}, {"text", p.ToString()},
                     {"selected", p.ToString() == year->ToString()}});
  }
  auto reach = page.env->services.Reach(
      page.actor, {year->First(month).ToString(), year->Last(month).ToString(), ""});
  if (!reach.ok()) return ErrorPage(page, reach.status());
  json view = {{"funder", true},
               {"years", years},
               {"period_note", note},
               {"year", year->ToString() + " (" + LongDate(year->First(month).ToString()) +
                            " to " + LongDate(year->Last(month).ToString()) + ")"},
               {"reach", ReachByGroup(*reach)},
               {"reach_by_region", ReachByRegion(page, *reach)}};
  return RenderPage(page, "Programme dashboard", "home", std::move(view));
}

Response AdminHome(PageRequest& page) {
  auto users = page.env->accounts.ListUsers(page.actor);
  if (!users.ok()) return ErrorPage(page, users.status());
  json rows = json::array();
  for (const app::UserSummary& u : *users) {
    std::string state = !u.active ? "Disabled"
                         : !u.has_account ? "No account"
                         : !u.locked_until.empty() ? "Locked"
                         : u.must_change_password ? "Must change password"
                                                  : "Active";
    rows.push_back({{"name", u.name},
                    {"email", u.email},
                    {"role", TermLabel("role", u.role)},
                    {"region", u.region},
                    {"state", state},
                    {"sessions", u.live_sessions}});
  }
  json view = {{"admin", true}, {"users", rows}};
  return RenderPage(page, "Administration", "home", std::move(view));
}

}  // namespace

void AddHomePages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/", "The home page of the signed-in role.", PageAccess::kSignedIn,
          [](PageRequest& page) {
            Names names(page.env->services, page.actor);
            const std::string& role = page.Role();
            if (role == "officer") return OfficerHome(page, names);
            if (role == "manager") return ManagerHome(page, names);
            if (role == "analyst") return AnalystHome(page, names);
            if (role == "funder") return FunderHome(page);
            if (role == "admin") return AdminHome(page);
            return ErrorPage(page, Status(ErrorCode::kForbidden, "Your role has no home page."));
          });
}

}  // namespace lookout::http::ui
