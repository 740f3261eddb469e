// The home page of each role: what needs doing now, and how the quarter is going.
#include <map>

#include "domain/rules.h"
#include "http/ui/display.h"
#include "http/ui/pages.h"
#include "report/chart.h"
#include "report/format.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

constexpr const char* kOpenStatuses = "approved,in_progress";

// The current quarter of the programme's financial year.
struct Quarter {
  domain::Period period;
  Date first;
  Date last;
  std::string Label() const {
    return period.ToString() + " (" + LongDate(first.ToString()) + " to " +
           LongDate(last.ToString()) + ")";
  }
};

Result<Quarter> CurrentQuarter(app::Services& services) {
  LOOKOUT_ASSIGN_OR_RETURN(int month, services.FinancialYearStartMonth());
  const Date today = services.clock().Today();
  domain::Period q = domain::Period::QuarterOf(today, month);
  return Quarter{q, q.First(month), q.Last(month)};
}

Result<domain::Period> CurrentYear(app::Services& services, int* month) {
  LOOKOUT_ASSIGN_OR_RETURN(*month, services.FinancialYearStartMonth());
  return domain::Period::YearOf(services.clock().Today(), *month);
}

// A short table of tasks for the home page: at most `limit`, with the number matching.
Result<json> TaskTable(PageRequest& page, Names& names, const std::string& caption,
                       app::Params params, int limit = 10) {
  const std::string all_href = PathWithQuery("/tasks", params);
  params.emplace_back("limit", std::to_string(limit));
  params.emplace_back("sort", "due_on");
  LOOKOUT_ASSIGN_OR_RETURN(store::Page found,
                           page.env->services.List(page.actor, domain::TaskEntity(), params));
  json rows = json::array();
  const domain::EntityDef& task = domain::TaskEntity();
  for (const Record& r : found.items) {
    rows.push_back({{"id", r.Id()},
                    {"reference", PlainText(r.Get("reference"))},
                    {"title", PlainText(r.Get("title"))},
                    {"regions", DisplayValue(*task.Find("regions"), r, names)},
                    {"lead", DisplayValue(*task.Find("lead"), r, names)},
                    {"status", TermLabel("task_status", PlainText(r.Get("status")))},
                    {"due", DisplayValue(*task.Find("due_on"), r, names)}});
  }
  return json{{"rows", rows},
              {"href", all_href},
              {"empty", "None."},
              {"caption", caption},
              {"total", found.total},
              {"more", found.total > static_cast<int64_t>(found.items.size())},
              {"none", found.total == 0}};
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
  const Date month_last = Date{today.month == 12 ? today.year + 1 : today.year,
                               today.month == 12 ? 1 : today.month + 1, 1}
                              .AddDays(-1);
  auto overdue = TaskTable(page, names, "Your overdue tasks",
                           {{"lead", me}, {"status", kOpenStatuses},
                            {"to", today.AddDays(-1).ToString()}});
  auto due = TaskTable(page, names, "Your tasks due this month",
                       {{"lead", me}, {"status", kOpenStatuses},
                        {"from", today.ToString()}, {"to", month_last.ToString()}});
  auto open = TaskTable(page, names, "Your open tasks", {{"lead", me}, {"status", kOpenStatuses}});
  auto proposed =
      TaskTable(page, names, "Your proposals", {{"lead", me}, {"status", "proposed"}});
  for (auto* r : {&overdue, &due, &open, &proposed}) {
    if (!r->ok()) return ErrorPage(page, r->status());
  }
  auto reach = page.env->services.Reach(
      page.actor, {quarter->first.ToString(), quarter->last.ToString(), page.actor.region});
  if (!reach.ok()) return ErrorPage(page, reach.status());
  json view = {{"officer", true},
               {"region", names.Of("region", page.actor.region)},
               {"overdue", *overdue},
               {"due", *due},
               {"month", LongDate(month_first.ToString()).substr(
                             LongDate(month_first.ToString()).find(' ') + 1)},
               {"open", *open},
               {"proposed", *proposed},
               {"quarter", quarter->Label()},
               {"reach", ReachByGroup(*reach)},
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
  auto reach = page.env->services.Reach(
      page.actor, {quarter->first.ToString(), quarter->last.ToString(), ""});
  if (!reach.ok()) return ErrorPage(page, reach.status());
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
               {"overdue", *overdue},
               {"quarter", quarter->Label()},
               {"reach_by_region", ReachByRegion(page, *reach)},
               {"tasks_by_region", by_region}};
  return RenderPage(page, "Programme overview", "home", std::move(view));
}

Response AnalystHome(PageRequest& page, Names& names) {
  auto quarter = CurrentQuarter(page.env->services);
  if (!quarter.ok()) return ErrorPage(page, quarter.status());
  auto reach = page.env->services.Reach(
      page.actor, {quarter->first.ToString(), quarter->last.ToString(), ""});
  if (!reach.ok()) return ErrorPage(page, reach.status());
  auto delivered =
      TaskTable(page, names, "Delivered tasks awaiting evaluation", {{"status", "delivered"}});
  if (!delivered.ok()) return ErrorPage(page, delivered.status());
  json view = {{"analyst", true},
               {"quarter", quarter->Label()},
               {"reach_by_region", ReachByRegion(page, *reach)},
               {"awaiting_evaluation", *delivered}};
  return RenderPage(page, "Evaluation overview", "home", std::move(view));
}

Response FunderHome(PageRequest& page) {
  int month = 4;
  auto current = CurrentYear(page.env->services, &month);
  if (!current.ok()) return ErrorPage(page, current.status());
  // The year shown: this financial year, or one of the three before it (?period=2025-26).
  Result<domain::Period> year = *current;
  json years = json::array();
  for (int back = 0; back < 4; ++back) {
    domain::Period p{current->start_year - back, 0};
    years.push_back({{"value", p.ToString()}, {"text", p.ToString()},
                     {"selected", p.ToString() == page.Query("period")}});
  }
  if (const std::string asked = page.Query("period"); !asked.empty()) {
    std::optional<domain::Period> parsed = domain::Period::Parse(asked);
    if (!parsed || parsed->quarter != 0) {
      return ErrorPage(page, Status::Validation({{"period", "must be a financial year, e.g. 2025-26"}},
                                                "The period must be a financial year, written 2025-26."));
    }
    year = *parsed;
  }
  auto reach = page.env->services.Reach(
      page.actor, {year->First(month).ToString(), year->Last(month).ToString(), ""});
  if (!reach.ok()) return ErrorPage(page, reach.status());
  json view = {{"funder", true},
               {"years", years},
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
