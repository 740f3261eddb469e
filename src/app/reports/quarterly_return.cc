#include "app/reports/quarterly_return.h"

#include <array>
#include <map>
#include <set>

#include "app/records/policy.h"
#include "app/reports/report_queries.h"
#include "domain/disclosure.h"
#include "domain/rules.h"
#include "report/format.h"

namespace lookout::app {

namespace {

constexpr std::array<const char*, 4> kGroups = {"professionals", "young_people", "parents_carers", "public"};

// One line of the return: a quarter, a region (or all), a theme (or all).
struct Line {
  int64_t tasks = 0;
  int64_t activities = 0;
  std::array<int64_t, 4> reach{};
  std::array<bool, 4> estimated{};
};

int GroupIndex(const std::string& group) {
  for (size_t i = 0; i < kGroups.size(); ++i) {
    if (group == kGroups[i]) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> Themes(const Record& task) {
  std::vector<std::string> out;
  if (task.Get("themes").is_list()) {
    for (const Value& v : task.Get("themes").as_list()) out.push_back(v.ToDisplay());
  }
  return out;
}

}  // namespace

Result<report::ReportDoc> BuildQuarterlyReturn(Services& services, const Actor& actor,
                                               const std::string& year, int threshold) {
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeReport(actor));
  LOOKOUT_RETURN_IF_ERROR(policy::Authorize(actor, policy::Operation::kRead, domain::TaskEntity()));
  std::vector<FieldError> errors;
  std::optional<domain::Period> period = domain::Period::Parse(year);
  if (!period || period->quarter != 0) {
    errors.push_back({"period", "must be a financial year, written 2025-26"});
  }
  if (threshold < 1 || threshold > 100) errors.push_back({"threshold", "must be a whole number from 1 to 100"});
  if (!errors.empty()) return Status::Validation(std::move(errors));

  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(false));
  LOOKOUT_ASSIGN_OR_RETURN(int month, FinancialYearStartMonthIn(*tx));
  store::ListQuery all;
  all.limit = 0;
  all.sort_field = "code";
  LOOKOUT_ASSIGN_OR_RETURN(store::Page regions, tx->List(domain::RegionEntity(), all));
  std::map<std::string, std::string> region_names;
  for (const Record& r : regions.items) region_names[r.Get("code").ToDisplay()] = r.Get("name").ToDisplay();

  report::ReportDoc doc;
  doc.kind = "quarterly-return";
  doc.period = period->ToString();
  doc.from = period->First(month).ToString();
  doc.to = period->Last(month).ToString();
  doc.title = "Quarterly return " + doc.period;
  doc.scope = "The whole programme";
  doc.data_as_of = services.clock().NowTimestamp();
  doc.threshold = threshold;
  store::ListQuery one;
  one.limit = 1;
  LOOKOUT_ASSIGN_OR_RETURN(store::Page programme, tx->List(domain::ProgrammeEntity(), one));
  doc.programme = programme.items.empty() ? "The programme" : programme.items[0].Get("name").ToDisplay();

  // (quarter, region, theme) -> line; "" region or theme: all of them (the quarter's totals).
  std::map<std::tuple<int, std::string, std::string>, Line> lines;
  std::map<int64_t, std::vector<std::string>> themes_of;  // task -> themes
  auto themes = [&](int64_t task) -> Result<std::vector<std::string>> {
    auto it = themes_of.find(task);
    if (it != themes_of.end()) return it->second;
    auto t = tx->Get(domain::TaskEntity(), task);
    if (!t.ok()) {
      if (t.status().code() != ErrorCode::kNotFound) return t.TakeStatus();
      return themes_of[task] = {};
    }
    return themes_of[task] = Themes(*t);
  };
  for (int q = 1; q <= 4; ++q) {
    const domain::Period quarter{period->start_year, q};
    const std::string from = quarter.First(month).ToString();
    const std::string to = quarter.Last(month).ToString();
    LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> delivered, DeliveredTasksIn(*tx, actor, from, to, ""));
    lines[{q, "", ""}].tasks = static_cast<int64_t>(delivered.size());
    for (const Record& t : delivered) {
      themes_of[t.Id()] = Themes(t);
      if (!t.Get("regions").is_list()) continue;
      for (const Value& region : t.Get("regions").as_list()) {
        for (const std::string& theme : themes_of[t.Id()]) ++lines[{q, region.ToDisplay(), theme}].tasks;
      }
    }
    LOOKOUT_ASSIGN_OR_RETURN(std::vector<store::ActivityCountRow> activities,
                             tx->CountActivities({from, to, "", false}));
    for (const store::ActivityCountRow& a : activities) {
      lines[{q, "", ""}].activities += a.activities;
      LOOKOUT_ASSIGN_OR_RETURN(std::vector<std::string> task_themes, themes(a.task));
      for (const std::string& theme : task_themes) lines[{q, a.region, theme}].activities += a.activities;
    }
    LOOKOUT_ASSIGN_OR_RETURN(std::vector<store::ReachRow> reach, tx->AggregateReach({from, to, "", true}));
    for (const store::ReachRow& r : reach) {
      const int g = GroupIndex(r.group);
      if (g < 0) continue;
      Line& total = lines[{q, "", ""}];
      total.reach[g] += r.count;
      total.estimated[g] = total.estimated[g] || r.any_estimated;
      LOOKOUT_ASSIGN_OR_RETURN(std::vector<std::string> task_themes, themes(r.task));
      for (const std::string& theme : task_themes) {
        Line& line = lines[{q, r.region, theme}];
        line.reach[g] += r.count;
        line.estimated[g] = line.estimated[g] || r.any_estimated;
      }
    }
  }

  // Withhold small counts of people, quarter by quarter: each quarter's lines are a table
  // whose column totals (the quarter's row of totals) are published.
  std::map<std::tuple<int, std::string, std::string>, std::array<bool, 4>> hidden;
  for (int q = 1; q <= 4; ++q) {
    std::vector<std::tuple<int, std::string, std::string>> detail;
    std::vector<std::vector<int64_t>> cells;
    for (const auto& [key, line] : lines) {
      if (std::get<0>(key) != q || std::get<1>(key).empty()) continue;
      detail.push_back(key);
      cells.emplace_back(line.reach.begin(), line.reach.end());
    }
    if (cells.empty()) continue;
    const domain::SuppressedTable suppressed = domain::Suppress(cells, threshold, false, true);
    for (size_t i = 0; i < detail.size(); ++i) {
      for (size_t g = 0; g < kGroups.size(); ++g) hidden[detail[i]][g] = suppressed.Suppressed(i, g);
    }
    for (size_t g = 0; g < kGroups.size(); ++g) {
      if (suppressed.column_total_suppressed[g]) hidden[{q, "", ""}][g] = true;
    }
  }

  report::DocTable table;
  table.id = "Quarterly return";
  table.title = "Tasks, activities and people reached by quarter, region and theme, " + doc.period;
  table.columns = {{"Quarter", false},          {"Region", false},        {"Theme", false},
                   {"Tasks completed", true},   {"Activities", true},     {"Professionals", true},
                   {"Young people", true},      {"Parents and carers", true}, {"Public", true}};
  table.column_totals_published = true;
  using Cell = report::DocTable::Cell;
  auto count_cell = [](int64_t n) { return Cell{report::Thousands(n), static_cast<double>(n), "", false}; };
  for (int q = 1; q <= 4; ++q) {
    const domain::Period quarter{period->start_year, q};
    const std::string label = "Q" + std::to_string(q) + " (" + quarter.First(month).ToString() + " to " +
                              quarter.Last(month).ToString() + ")";
    // The quarter's totals first, then its regions and themes.
    for (bool totals : {true, false}) {
      for (const auto& [key, line] : lines) {
        if (std::get<0>(key) != q || std::get<1>(key).empty() != totals) continue;
        std::vector<Cell> row = {{label, std::nullopt, "", false},
                                 {totals ? "All regions" : region_names.count(std::get<1>(key))
                                                               ? region_names[std::get<1>(key)]
                                                               : std::get<1>(key),
                                  std::nullopt, "", false},
                                 {totals ? "All themes" : [&] {
                                    const domain::Term* t = domain::FindVocabulary("theme")->Find(std::get<2>(key));
                                    return t == nullptr ? std::get<2>(key) : t->label;
                                  }(),
                                  std::nullopt, "", false},
                                 count_cell(line.tasks), count_cell(line.activities)};
        for (size_t g = 0; g < kGroups.size(); ++g) {
          const bool small = line.reach[g] > 0 && line.reach[g] < threshold;
          if (small || hidden[key][g]) {
            row.push_back({"[c]", std::nullopt, "", true});
          } else {
            Cell c = count_cell(line.reach[g]);
            if (line.estimated[g]) c.text = "approx. " + c.text;
            row.push_back(std::move(c));
          }
        }
        table.rows.push_back(std::move(row));
      }
    }
  }
  table.note = "A task or activity counts under each of its task's themes, and a task under each of "
               "its regions, so regions and themes add up to more than the quarter's totals. "
               "Tasks completed: reached 'delivered' in the quarter. People: counted on the activities "
               "of the quarter (attendances). 'approx.': an estimated count is part of the figure. "
               "[c]: not shown under the disclosure rule.";
  report::Section section{"return", "Quarterly return", {}};
  report::Block intro;
  intro.kind = report::Block::Kind::kParagraph;
  intro.text = {{report::Span::Kind::kText,
                 doc.programme + ": tasks, activities and reach for each quarter of " + doc.period +
                     " (" + doc.from + " to " + doc.to + "), from Lookout's records as they stood at " +
                     doc.data_as_of + ". " + domain::SuppressionRule(threshold),
                 "", 0}};
  section.blocks.push_back(std::move(intro));
  section.blocks.push_back(report::Block::Table(std::move(table)));
  doc.sections.push_back(std::move(section));
  return doc;
}

}  // namespace lookout::app
