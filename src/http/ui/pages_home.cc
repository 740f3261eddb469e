// The home page of each role: what needs doing now, and how the quarter is going.
#include <algorithm>
#include <limits>
#include <map>

#include "app/reports/reach_figures.h"
#include "domain/disclosure.h"
#include "domain/rules.h"
#include "http/ui/display.h"
#include "http/ui/pages.h"
#include "http/ui/task_view.h"
#include "report/chart.h"
#include "report/format.h"
#include "report/render.h"

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

// A count as a page shows it: "fewer than 5" when withheld under the disclosure rule,
// "approximately 1,234" (or "approx." in a table) when an estimate is part of it.
std::string CountText(const app::ReachCell& c, int threshold, const char* approximately) {
  if (c.suppressed) return domain::WithheldText(threshold);
  return (c.approximate ? std::string(approximately) + " " : std::string()) +
         report::Thousands(c.count.value_or(0));
}

// Reach by audience group: [{"group", "count"}] in vocabulary order.
json ReachByGroup(const app::ReachFigures& figures) {
  json out = json::array();
  for (size_t g = 0; g < figures.groups.size(); ++g) {
    out.push_back({{"group", TermLabel("audience_group", figures.groups[g])},
                   {"count", CountText(figures.totals[g], figures.threshold, "approximately")},
                   {"suppressed", figures.totals[g].suppressed}});
  }
  return out;
}
json ReachByGroup(const std::vector<store::ReachRow>& rows) {
  return ReachByGroup(app::ExactReachFigures(rows));
}

// Reach by region: [{"region", "cells": [{"text", "suppressed"}]}] for every region with
// any, in region order, the totals, a chart of professionals and young people, and what a
// withheld count means when there is one.
json ReachByRegion(PageRequest& page, const app::ReachFigures& figures) {
  // Region names are reference data every report prints, not records: they are looked up
  // for every role, funders included, who may read no record.
  Names names(page.env->services, app::Actor::System());
  auto cells = [&](const std::vector<app::ReachCell>& line) {
    json out = json::array();
    for (const app::ReachCell& c : line) {
      out.push_back({{"text", CountText(c, figures.threshold, "approx.")}, {"suppressed", c.suppressed}});
    }
    return out;
  };
  json groups = json::array();
  for (const std::string& g : figures.groups) groups.push_back({{"label", TermLabel("audience_group", g)}});
  json rows = json::array();
  // The same figures as a chart, above the table that is its text alternative; a withheld
  // count is drawn as withheld, never as a bar.
  report::BarChart chart{"People reached by region",
                         "Professionals and young people reached in each region; the table "
                         "below gives every figure.",
                         {},
                         {{"Professionals", {}}, {"Young people", {}}},
                         "reach-chart"};
  for (const app::ReachFigures::Row& row : figures.regions) {
    rows.push_back({{"region", names.Of("region", row.region)}, {"cells", cells(row.cells)}});
    chart.categories.push_back(names.Of("region", row.region));
    for (size_t s = 0; s < 2 && s < row.cells.size(); ++s) {
      chart.series[s].values.push_back(row.cells[s].suppressed
                                           ? std::numeric_limits<double>::quiet_NaN()
                                           : static_cast<double>(row.cells[s].count.value_or(0)));
    }
  }
  const bool any_withheld = figures.AnySuppressed();
  return {{"groups", groups},
          {"rows", rows},
          {"total", {{"region", "All regions"}, {"cells", cells(figures.totals)}}},
          {"none", rows.empty()},
          {"note", any_withheld ? "'" + domain::WithheldText(figures.threshold) +
                                      "': not shown under the disclosure rule. " +
                                      domain::SuppressionRule(figures.threshold)
                                : std::string()},
          {"chart_html", rows.empty() ? "" : report::RenderBarChartSvg(chart)}};
}
json ReachByRegion(PageRequest& page, const std::vector<store::ReachRow>& rows) {
  return ReachByRegion(page, app::ExactReachFigures(rows));
}

Result<Response> OfficerHome(PageRequest& page, Names& names) {
  LOOKOUT_ASSIGN_OR_RETURN(auto quarter, CurrentQuarter(page.env->services));
  const Date today = page.env->services.clock().Today();
  const std::string me = std::to_string(page.actor.staff_id);
  const Date month_first{today.year, today.month, 1};
  const Date month_last = month_first.AddMonths(1).AddDays(-1);
  const std::string month_name =
      LongDate(month_first.ToString()).substr(LongDate(month_first.ToString()).find(' ') + 1);
  // The open tasks the officer leads, each in one table only: overdue, due this month, or
  // later (or with no due date).
  const app::Params open_params = {{"lead", me}, {"status", kOpenStatuses}};
  LOOKOUT_ASSIGN_OR_RETURN(auto open, AllTasks(page, open_params));
  std::vector<Record> overdue, due, later;
  for (Record& r : open) {
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
  later_view["more_text"] = "See all " + std::to_string(open.size()) + " of your open tasks";
  LOOKOUT_ASSIGN_OR_RETURN(auto proposed, TaskTable(page, names, "Your proposals",
                                                    {{"lead", me}, {"status", "proposed"}}));
  LOOKOUT_ASSIGN_OR_RETURN(
      auto shown,
      LatestPeriodWithReach(page, quarter.period, quarter.fy_start_month, page.actor.region, 4));
  json view = {{"officer", true},
               {"region", names.Of("region", page.actor.region)},
               {"overdue_tasks", overdue_view},
               {"due", due_view},
               {"month", month_name},
               {"open", later_view},
               {"proposed", proposed},
               {"quarter", PeriodLabel(shown.period, quarter.fy_start_month)},
               {"period_note", shown.note},
               {"reach", ReachByGroup(shown.reach)},
               {"my_tasks_href", PathWithQuery("/tasks", {{"lead", me}})}};
  return RenderPage(page, "Your work", "home", std::move(view));
}

Result<Response> ManagerHome(PageRequest& page, Names& names) {
  LOOKOUT_ASSIGN_OR_RETURN(auto quarter, CurrentQuarter(page.env->services));
  const Date today = page.env->services.clock().Today();
  auto proposals = TaskTable(page, names, "Proposals awaiting a decision", {{"status", "proposed"}});
  auto overdue = TaskTable(page, names, "Overdue tasks", {{"status", kOpenStatuses},
                                         {"to", today.AddDays(-1).ToString()}});
  for (auto* r : {&proposals, &overdue}) {
    if (!r->ok()) return r->status();
  }
  LOOKOUT_ASSIGN_OR_RETURN(
      auto shown, LatestPeriodWithReach(page, quarter.period, quarter.fy_start_month, "", 4));
  // Tasks due this quarter, by region.
  json by_region = json::array();
  for (const json& option : names.Options("region")) {
    const std::string code = option["value"];
    auto due = page.env->services.List(
        page.actor, domain::TaskEntity(),
        {{"region", code}, {"period", quarter.period.ToString()}, {"limit", "1"}});
    auto open = page.env->services.List(
        page.actor, domain::TaskEntity(),
        {{"region", code}, {"status", kOpenStatuses}, {"limit", "1"}});
    if (!due.ok()) return due.status();
    if (!open.ok()) return open.status();
    by_region.push_back({{"region", option["text"]},
                         {"due", due->total},
                         {"open", open->total},
                         {"href", PathWithQuery("/tasks", {{"region", code}})}});
  }
  json view = {{"manager", true},
               {"proposals", *proposals},
               {"overdue_tasks", *overdue},
               {"quarter", PeriodLabel(shown.period, quarter.fy_start_month)},
               {"current_quarter", quarter.Label()},
               {"period_note", shown.note},
               {"reach_by_region", ReachByRegion(page, shown.reach)},
               {"tasks_by_region", by_region}};
  return RenderPage(page, "Programme overview", "home", std::move(view));
}

Result<Response> AnalystHome(PageRequest& page, Names& names) {
  LOOKOUT_ASSIGN_OR_RETURN(auto quarter, CurrentQuarter(page.env->services));
  LOOKOUT_ASSIGN_OR_RETURN(
      auto shown, LatestPeriodWithReach(page, quarter.period, quarter.fy_start_month, "", 4));
  LOOKOUT_ASSIGN_OR_RETURN(
      auto delivered,
      TaskTable(page, names, "Delivered tasks awaiting evaluation", {{"status", "delivered"}}));
  json view = {{"analyst", true},
               {"quarter", PeriodLabel(shown.period, quarter.fy_start_month)},
               {"period_note", shown.note},
               {"reach_by_region", ReachByRegion(page, shown.reach)},
               {"awaiting_evaluation", delivered}};
  return RenderPage(page, "Evaluation overview", "home", std::move(view));
}

// The funder's figures as a CSV file: regions by audience group and the totals, withheld
// counts written as they read on the page ("fewer than 5").
Response FunderCsv(PageRequest& page, const app::ReachFigures& figures) {
  Names names(page.env->services, app::Actor::System());
  report::ReportDoc doc;
  doc.kind = "reach";
  doc.period = figures.period;
  report::DocTable table;
  table.columns.push_back({"Region", false});
  for (const std::string& g : figures.groups) table.columns.push_back({TermLabel("audience_group", g), true});
  auto line = [&](const std::string& label, const std::vector<app::ReachCell>& cells) {
    std::vector<report::DocTable::Cell> row = {{label, std::nullopt, "", false}};
    for (const app::ReachCell& c : cells) {
      report::DocTable::Cell cell;
      cell.suppressed = c.suppressed;
      cell.text = CountText(c, figures.threshold, "approx.");
      if (!c.suppressed) cell.number = static_cast<double>(c.count.value_or(0));
      row.push_back(std::move(cell));
    }
    table.rows.push_back(std::move(row));
  };
  for (const app::ReachFigures::Row& r : figures.regions) line(names.Of("region", r.region), r.cells);
  line("All regions", figures.totals);
  report::Section section;
  section.blocks.push_back(report::Block::Table(std::move(table)));
  doc.sections.push_back(std::move(section));
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.SetHeader("Content-Disposition",
              "attachment; filename=\"" + report::ReportFileName(doc, "csv") + "\"");
  r.SetHeader("Cache-Control", "no-store");
  r.body = report::RenderCsv(doc);
  return r;
}

// Whether anyone was reached (or a count is withheld, which means someone was).
bool AnyReach(const app::ReachFigures& figures) {
  for (const app::ReachCell& c : figures.totals) {
    if (c.suppressed || c.count.value_or(0) > 0) return true;
  }
  return false;
}

// The funder's dashboard: the programme's reach in a financial year or a quarter, under the
// disclosure rule (app/reach_figures.h), as a page or (format=csv) a CSV file.
Result<Response> FunderHome(PageRequest& page) {
  int month = 4;
  LOOKOUT_ASSIGN_OR_RETURN(auto current, CurrentYear(page.env->services, &month));
  const std::string asked = page.Query("period");
  app::ReachRequest request;
  request.period = asked.empty() ? current.ToString() : asked;
  LOOKOUT_ASSIGN_OR_RETURN(auto figures, app::ReachFor(page.env->services, page.actor, request));
  // Nothing yet this year: the latest of the three years before it with figures.
  std::string note;
  if (asked.empty() && !AnyReach(figures)) {
    for (int back = 1; back <= 3; ++back) {
      request.period = domain::Period{current.start_year - back, 0}.ToString();
      LOOKOUT_ASSIGN_OR_RETURN(auto earlier,
                               app::ReachFor(page.env->services, page.actor, request));
      if (AnyReach(earlier)) {
        note = "No activity recorded yet in " + current.ToString() + "; showing " + request.period +
               ".";
        figures = std::move(earlier);
        break;
      }
    }
  }
  if (page.Query("format") == "csv") return FunderCsv(page, figures);
  const std::optional<domain::Period> shown = domain::Period::Parse(figures.period);
  json periods = json::array();
  // Whole financial years only: a quarter could be subtracted from its year to give a
  // withheld count (app/reach_figures.h).
  for (int back = 0; back < 4; ++back) {
    const domain::Period p{current.start_year - back, 0};
    periods.push_back({{"value", p.ToString()},
                       {"text", PeriodLabel(p, month)},
                       {"selected", shown && p.ToString() == shown->ToString()}});
  }
  json view = {{"funder", true},
               {"periods", periods},
               {"year", figures.period + " (" + LongDate(figures.from) + " to " +
                            LongDate(figures.to) + ")"},
               {"period_note", note},
               {"reach", ReachByGroup(figures)},
               {"reach_by_region", ReachByRegion(page, figures)},
               {"csv_href", PathWithQuery("/", {{"period", figures.period}, {"format", "csv"}})},
               {"threshold", std::to_string(figures.threshold)}};
  return RenderPage(page, "Programme dashboard", "home", std::move(view));
}

Result<Response> AdminHome(PageRequest& page) {
  LOOKOUT_ASSIGN_OR_RETURN(auto users, page.env->accounts.ListUsers(page.actor));
  json rows = json::array();
  for (const app::UserSummary& u : users) {
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
          [](PageRequest& page) -> Result<Response> {
            Names names(page.env->services, page.actor);
            const std::string& role = page.Role();
            if (role == "officer") return OfficerHome(page, names);
            if (role == "manager") return ManagerHome(page, names);
            if (role == "analyst") return AnalystHome(page, names);
            if (role == "funder") return FunderHome(page);
            if (role == "admin") return AdminHome(page);
            return Status(ErrorCode::kForbidden, "Your role has no home page.");
          });
}

}  // namespace lookout::http::ui
