// The impact report's breakdowns: reach by region, sector and activity type as tables and
// charts; outcome events by kind; the methods section.
#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "app/reports/impact_builder.h"
#include "app/reports/report_queries.h"
#include "app/reports/survey_results.h"
#include "core/text.h"
#include "domain/disclosure.h"
#include "domain/survey_stats.h"

namespace lookout::app::impact {

DocTable Builder::ReachTable(const std::string& id, const std::string& title,
                             const std::string& row_header, const std::string& figure_prefix,
                             const std::vector<std::pair<std::string, std::string>>& rows,
                             const std::map<std::string, GroupTallies>& data,
                             const std::string& filter_name, const std::string& what) {
  const std::vector<domain::Term>& groups = Terms("audience_group");
  // Rows with no one reached are left out.
  std::vector<std::pair<std::string, std::string>> shown;
  std::vector<std::vector<int64_t>> cells;
  for (const auto& [code, label] : rows) {
    auto it = data.find(code);
    if (it == data.end()) continue;
    std::vector<int64_t> line;
    int64_t sum = 0;
    for (const domain::Term& g : groups) {
      auto t = it->second.find(g.code);
      line.push_back(t == it->second.end() ? 0 : t->second.count);
      sum += line.back();
    }
    if (sum == 0) continue;
    shown.emplace_back(code, label);
    cells.push_back(std::move(line));
  }
  // The breakdown rule every table of reach applies, the funders' live figures included.
  const domain::BreakdownDisclosure breakdown =
      domain::SuppressBreakdown(cells, groups.size(), request_.threshold);
  const domain::SuppressedTable& suppressed = breakdown.table;
  DocTable table;
  table.id = id;
  table.title = title;
  table.column_totals_published = true;  // each column adds up to a headline figure
  table.columns.push_back({row_header, false});
  for (const domain::Term& g : groups) table.columns.push_back({g.label, true});
  for (size_t r = 0; r < shown.size(); ++r) {
    std::vector<DocTable::Cell> line = {{shown[r].second, std::nullopt, "", false}};
    const GroupTallies& tallies = data.at(shown[r].first);
    for (size_t c = 0; c < groups.size(); ++c) {
      auto t = tallies.find(groups[c].code);
      Tally tally = t == tallies.end() ? Tally{} : t->second;
      std::vector<std::pair<std::string, std::string>> filters = PeriodFilters();
      if (!filter_name.empty()) filters.emplace_back(filter_name, shown[r].first);
      Figure f = ReachFigure(figure_prefix + "." + shown[r].first + "." + groups[c].code,
                             groups[c].label + ", " + shown[r].second, tally,
                             groups[c].label + " reached by activities " + what + " '" +
                                 shown[r].second + "', dated from " + doc_.from + " to " + doc_.to +
                                 Where() + "; archived activities left out.",
                             filters);
      f.suppressed = suppressed.Suppressed(r, c);
      if (f.suppressed) f.value.reset();
      DocTable::Cell cell;
      cell.figure = f.id;
      cell.suppressed = f.suppressed;
      if (f.suppressed) {
        cell.text = "[c]";
      } else {
        cell.number = static_cast<double>(tally.count);
        cell.text = (tally.approximate ? "approx. " : "") + report::Thousands(tally.count);
      }
      AddFigure(std::move(f));
      line.push_back(std::move(cell));
    }
    table.rows.push_back(std::move(line));
  }
  table.column_total_withheld.assign(table.columns.size(), false);
  for (size_t c = 0; c < groups.size(); ++c) {
    // A small headline is withheld by ReachFigure already; here, a column whose small cell
    // had nothing to pair with (theme and sector rows need not add up to the headline, so
    // their sums are not the totals the rule looks at).
    if (!suppressed.column_total_suppressed[c]) continue;
    table.column_total_withheld[c + 1] = true;
    // The column's total is the group's headline figure: it is withheld as well.
    for (Figure& f : doc_.figures) {
      if (f.id == "reach." + groups[c].code && !f.suppressed) {
        f.suppressed = true;
        f.value.reset();
      }
    }
  }
  table.note = "[c]: not shown, under the disclosure rule (see Methods). 'approx.': an "
               "estimated count is part of the figure.";
  return table;
}

Status Builder::Breakdowns() {
  const std::vector<store::ReachRow>& rows = reach_;
  std::set<int64_t> task_ids;
  for (const store::ReachRow& r : rows) task_ids.insert(r.task);
  std::map<int64_t, std::vector<std::string>> themes;
  if (!task_ids.empty()) {
    std::vector<Value> ids(task_ids.begin(), task_ids.end());
    store::ListQuery q;
    q.where = {{"id", store::Condition::Op::kIn, ids}};
    q.archived = store::ListQuery::Archived::kInclude;
    q.limit = 0;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page tasks, tx_.List(domain::TaskEntity(), q));
    NoteRecords("task", tasks.items);
    for (const Record& t : tasks.items) {
      if (!t.Get("themes").is_list()) continue;
      for (const Value& v : t.Get("themes").as_list()) themes[t.Id()].push_back(v.ToDisplay());
    }
  }
  std::map<std::string, GroupTallies> by_region, by_type, by_theme, by_sector;
  for (const store::ReachRow& r : rows) {
    by_region[r.region][r.group].Add(r.count, r.any_estimated);
    by_type[r.type][r.group].Add(r.count, r.any_estimated);
    for (const std::string& theme : themes[r.task]) by_theme[theme][r.group].Add(r.count, r.any_estimated);
    if (r.group == "professionals") by_sector[r.sector]["professionals"].Add(r.count, r.any_estimated);
  }
  report::Section section{"breakdowns", "Reach in detail", {}};
  auto add = [&](DocTable table, const std::string& chart_description) {
    Block chart;
    chart.kind = Block::Kind::kChart;
    chart.chart.title = table.title;
    chart.chart.description = chart_description;
    chart.chart.id = "chart-" + table.id;
    for (char& c : chart.chart.id) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = '-';
    }
    // The chart shows the headline groups (professionals and young people); the table
    // beneath it has every group.
    const size_t columns = std::min<size_t>(table.columns.size(), 3);
    for (size_t c = 1; c < columns; ++c) {
      bool any = false;
      report::BarSeries series{table.columns[c].label, {}};
      for (const auto& row : table.rows) {
        // A withheld count is drawn as withheld, never as a zero.
        series.values.push_back(row[c].suppressed ? std::numeric_limits<double>::quiet_NaN()
                                                  : row[c].number.value_or(0));
        any = any || row[c].number.value_or(0) > 0 || row[c].suppressed;
      }
      if (any) chart.chart.series.push_back(std::move(series));
    }
    for (const auto& row : table.rows) chart.chart.categories.push_back(row[0].text);
    if (!table.rows.empty()) section.blocks.push_back(std::move(chart));
    section.blocks.push_back(Block::Table(std::move(table)));
  };
  const std::string drawn = " Counts not shown under the disclosure rule have no bar and read [c]; "
                            "the table below gives every figure.";
  if (request_.region.empty()) {
    add(ReachTable("Reach by region", "People reached by region", "Region", "reach.region", regions_,
                   by_region, "region", "in the region"),
        "Bars for each region: professionals and young people reached." + drawn);
  }
  std::vector<std::pair<std::string, std::string>> theme_rows;
  for (const domain::Term& t : Terms("theme")) theme_rows.emplace_back(t.code, t.label);
  DocTable theme_table = ReachTable("Reach by theme", "People reached by theme", "Theme", "reach.theme",
                                    theme_rows, by_theme, "theme", "of tasks with the theme");
  theme_table.note += " A task may have several themes: its activities count under each, so the "
                      "rows add up to more than the total.";
  add(std::move(theme_table), "Bars for each theme: professionals and young people reached." + drawn);
  std::vector<std::pair<std::string, std::string>> type_rows;
  for (const domain::Term& t : Terms("activity_type")) type_rows.emplace_back(t.code, t.label);
  add(ReachTable("Reach by activity type", "People reached by type of activity", "Type of activity",
                 "reach.type", type_rows, by_type, "type", "of the type"),
      "Bars for each type of activity: professionals and young people reached." + drawn);

  // Professionals by sector: one column.
  std::vector<std::pair<std::string, std::string>> sector_rows;
  for (const std::string& code : sector_order_) sector_rows.emplace_back(code, sectors_[code].name);
  DocTable sectors = ReachTable("Professionals by sector", "Professionals reached by sector", "Sector",
                                "reach.sector", sector_rows, by_sector, "sector", "with professionals of the sector");
  // Keep the sector and professionals columns only.
  for (auto& row : sectors.rows) row.resize(2);
  sectors.columns.resize(2);
  sectors.column_total_withheld.resize(2);
  // ... and only the figures those cells show (a sector has professionals, not young people).
  std::erase_if(doc_.figures, [](const Figure& f) {
    return f.id.rfind("reach.sector.", 0) == 0 && !f.id.ends_with(".professionals");
  });
  add(std::move(sectors), "One bar for each sector: the professionals reached." + drawn);
  doc_.sections.push_back(std::move(section));
  return Status::Ok();
}

Status Builder::CountEvents() {
  std::vector<store::Condition> where = {
      {"occurred_on", store::Condition::Op::kOnOrAfter, {Value(doc_.from)}},
      {"occurred_on", store::Condition::Op::kOnOrBefore, {Value(doc_.to)}}};
  if (!request_.region.empty()) where.push_back({"region", store::Condition::Op::kEq, {Value(request_.region)}});
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> events, All(*domain::FindEntity("outcome_event"), where));
  NoteRecords("outcome_event", events);
  for (const Record& e : events) {
    ++event_counts_[{e.Get("outcome").is_int() ? e.Get("outcome").as_int() : 0, e.Get("kind").ToDisplay()}];
  }
  // Rows: outcomes (and none); columns: kinds, whose totals the table by kind publishes.
  std::vector<int64_t> outcomes;
  for (const auto& [key, n] : event_counts_) {
    if (std::find(outcomes.begin(), outcomes.end(), key.first) == outcomes.end()) outcomes.push_back(key.first);
  }
  const std::vector<domain::Term>& kinds = Terms("outcome_event_kind");
  std::vector<std::vector<int64_t>> cells;
  for (int64_t o : outcomes) {
    std::vector<int64_t> line;
    for (const domain::Term& k : kinds) {
      auto it = event_counts_.find({o, k.code});
      line.push_back(it == event_counts_.end() ? 0 : it->second);
    }
    cells.push_back(std::move(line));
  }
  const domain::SuppressedTable suppressed =
      domain::Suppress(cells, request_.threshold, /*rows_have_totals=*/false, /*columns_have_totals=*/true);
  for (size_t r = 0; r < outcomes.size(); ++r) {
    for (size_t c = 0; c < kinds.size(); ++c) {
      if (suppressed.Suppressed(r, c)) event_hidden_.insert({outcomes[r], kinds[c].code});
    }
  }
  for (size_t c = 0; c < kinds.size() && c < suppressed.column_total_suppressed.size(); ++c) {
    if (suppressed.column_total_suppressed[c]) event_kind_hidden_.insert(kinds[c].code);
  }
  return Status::Ok();
}

Status Builder::ObservedOutcomes() {
  if (event_counts_.empty()) return Status::Ok();
  std::map<std::string, int64_t> counts;
  for (const auto& [key, n] : event_counts_) counts[key.second] += n;
  std::vector<std::pair<std::string, std::string>> kinds;
  std::vector<std::vector<int64_t>> cells;
  for (const domain::Term& k : Terms("outcome_event_kind")) {
    if (!counts.count(k.code)) continue;
    kinds.emplace_back(k.code, k.label);
    cells.push_back({counts[k.code]});
  }
  // No total of all outcome events is published: a kind's count is withheld when small,
  // or when the outcomes' counts of that kind could otherwise give a small one away.
  const domain::SuppressedTable suppressed = domain::Suppress(cells, request_.threshold, false, false);
  DocTable table;
  table.id = "Observed outcomes";
  table.title = "Outcomes observed and recorded, by kind";
  table.columns = {{"Kind", false}, {"Recorded", true}};
  for (size_t r = 0; r < kinds.size(); ++r) {
    std::vector<std::pair<std::string, std::string>> filters = {
        {"kind", kinds[r].first}, {"from", doc_.from}, {"to", doc_.to}};
    if (!request_.region.empty()) filters.emplace_back("region", request_.region);
    Figure f;
    f.id = "outcome_events." + kinds[r].first;
    f.label = kinds[r].second;
    f.definition = "Outcome events of the kind '" + kinds[r].second + "' dated from " + doc_.from +
                   " to " + doc_.to + Where() + ", archived ones left out.";
    f.records = "outcome_event";
    f.filters = filters;
    f.link = "/outcome-events";
    f.suppressed = suppressed.Suppressed(r, 0) || event_kind_hidden_.count(kinds[r].first) > 0;
    if (!f.suppressed) f.value = cells[r][0];
    DocTable::Cell cell;
    cell.figure = f.id;
    cell.suppressed = f.suppressed;
    cell.text = f.suppressed ? "[c]" : report::Thousands(cells[r][0]);
    if (!f.suppressed) cell.number = static_cast<double>(cells[r][0]);
    AddFigure(std::move(f));
    table.rows.push_back({{kinds[r].second, std::nullopt, "", false}, std::move(cell)});
  }
  table.note = "Safeguarding actions, referrals and partners' changes of process that officers "
               "recorded; described in Lookout without identifying anyone. [c]: not shown, under "
               "the disclosure rule.";
  report::Section section{"observed", "Observed outcomes", {}};
  section.blocks.push_back(Block::Table(std::move(table)));
  doc_.sections.push_back(std::move(section));
  return Status::Ok();
}

void Builder::Methods() {
  report::Section section{"methods", "Methods", {}};
  std::vector<Inline> items;
  items.push_back({Text("Period: " + doc_.period + ", from " + doc_.from + " to " + doc_.to + "; " +
                        (request_.region.empty() ? std::string("the whole programme")
                                                 : "the region " + RegionName(request_.region)) +
                        ". Figures computed from Lookout's records as they stood at " +
                        doc_.data_as_of + ".")});
  items.push_back({Text("Reach: the people counted on the activities dated in the period, archived "
                        "activities left out. Counts are attendances: Lookout holds no registers "
                        "of named attendees, so a person who attended two activities is counted "
                        "twice and distinct people are not counted. A figure is written "
                        "'approximately' when an estimated count (a campaign stand, an assembly) "
                        "is part of it.")});
  items.push_back({Text("Tasks completed: tasks that reached 'delivered' in the period, by their "
                        "delivery date, including those since evaluated or closed.")});
  items.push_back({Text("Survey results: for each indicator, the answers to the questions that "
                        "evidence it in the period's surveys. The base is who answered: 'don't "
                        "know' answers and blanks are left out of it, and each footnote says how "
                        "many. 'Agree' means 'strongly agree' or 'agree' unless the indicator "
                        "names other answers. Where an indicator is about those who attended "
                        "training, only respondents who said they had attended are counted. "
                        "Percentages are rounded to whole numbers, half up.")});
  items.push_back({Text("Intervals: each footnote gives the 95% Wilson score interval of the "
                        "proportion, the range within which the proportion among everyone like "
                        "the respondents is likely to lie.")});
  items.push_back({Text("Disclosure control: " + domain::SuppressionRule(request_.threshold) +
                        " A survey result with a base under " + std::to_string(request_.threshold) +
                        " is not shown.")});
  items.push_back({Text("Quotes are published only with the speaker's consent and after approval, "
                        "attributed by stakeholder type and region only; case studies only once "
                        "approved. No child's name or identifying details are held in Lookout.")});
  if (doc_.base_url.empty()) {
    items.push_back({Text("Links: this copy was made without Lookout's public address (the "
                          "public-url setting), so its figures do not link to the records they "
                          "count; each figure's definition says which records those are.")});
  }
  section.blocks.push_back(Bullets(std::move(items)));
  doc_.sections.push_back(std::move(section));
}

}  // namespace lookout::app::impact
