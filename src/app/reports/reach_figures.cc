#include "app/reports/reach_figures.h"

#include <map>

#include "app/records/policy.h"
#include "app/reports/report_queries.h"
#include "domain/disclosure.h"
#include "domain/rules.h"

namespace lookout::app {

namespace {

const std::vector<domain::Term>& Groups() {
  return domain::FindVocabulary("audience_group")->terms;
}

struct Tally {
  int64_t count = 0;
  bool approximate = false;
};

ReachFigures Build(std::vector<store::ReachRow> rows, bool controlled, int threshold) {
  ReachFigures out;
  out.controlled = controlled;
  out.threshold = controlled ? threshold : 0;
  for (const domain::Term& g : Groups()) out.groups.push_back(g.code);
  const size_t columns = out.groups.size();
  std::map<std::string, std::vector<Tally>> by_region;  // in code order
  for (const store::ReachRow& r : rows) {
    size_t g = 0;
    while (g < columns && out.groups[g] != r.group) ++g;
    if (g == columns) continue;
    std::vector<Tally>& line = by_region.try_emplace(r.region, columns).first->second;
    line[g].count += r.count;
    line[g].approximate = line[g].approximate || r.any_estimated;
  }
  // The table the published report protects: regions with anyone reached, by group.
  std::vector<std::string> regions;
  std::vector<std::vector<int64_t>> cells;
  std::vector<std::vector<Tally>> tallies;
  for (const auto& [region, line] : by_region) {
    int64_t sum = 0;
    std::vector<int64_t> counts;
    for (const Tally& t : line) {
      counts.push_back(t.count);
      sum += t.count;
    }
    if (sum == 0) continue;
    regions.push_back(region);
    cells.push_back(std::move(counts));
    tallies.push_back(line);
  }
  const domain::BreakdownDisclosure rule =
      domain::SuppressBreakdown(cells, columns, controlled ? threshold : 0);
  auto cell = [](const Tally& t, bool withheld) {
    ReachCell c;
    c.suppressed = withheld;
    if (!withheld) {
      c.count = t.count;
      c.approximate = t.approximate;
    }
    return c;
  };
  std::vector<Tally> totals(columns);
  for (size_t r = 0; r < regions.size(); ++r) {
    ReachFigures::Row row{regions[r], {}};
    for (size_t g = 0; g < columns; ++g) {
      row.cells.push_back(cell(tallies[r][g], rule.table.Suppressed(r, g)));
      totals[g].count += tallies[r][g].count;
      totals[g].approximate = totals[g].approximate || tallies[r][g].approximate;
    }
    out.regions.push_back(std::move(row));
  }
  for (size_t g = 0; g < columns; ++g) out.totals.push_back(cell(totals[g], rule.total_withheld[g]));
  if (!controlled) out.detail = std::move(rows);
  return out;
}

}  // namespace

bool ReachFigures::AnySuppressed() const {
  for (const ReachCell& c : totals) {
    if (c.suppressed) return true;
  }
  for (const Row& r : regions) {
    for (const ReachCell& c : r.cells) {
      if (c.suppressed) return true;
    }
  }
  return false;
}

ReachFigures ExactReachFigures(std::vector<store::ReachRow> rows) {
  return Build(std::move(rows), false, 0);
}

Result<ReachFigures> ReachFor(Services& services, const Actor& actor, const ReachRequest& request) {
  LOOKOUT_RETURN_IF_ERROR(policy::AuthorizeAggregate(actor));
  const bool controlled = policy::AggregatesControlled(actor);
  std::vector<FieldError> errors;
  const bool dated = !request.from.empty() || !request.to.empty();
  std::optional<domain::Period> period;
  if (!request.period.empty()) {
    period = domain::Period::Parse(request.period);
    if (!period) {
      errors.push_back({"period", "expected a financial year like 2025-26 or a quarter like 2025-26 Q3"});
    }
    if (dated) errors.push_back({"period", "give a period or dates (from, to), not both"});
    if (period && period->quarter != 0 && controlled) {
      // A quarter's figures and its year's could be subtracted to give a withheld count of
      // another quarter: callers under the disclosure rule see whole financial years.
      errors.push_back({"period", "figures under the disclosure rule are for whole financial years: "
                                  "give a year like 2025-26, not a quarter"});
    }
  }
  if (dated && controlled) {
    // Two answers for overlapping dates could be subtracted to give the few people reached
    // on the days between: callers who see figures under the disclosure rule ask by period.
    errors.push_back({request.from.empty() ? "to" : "from",
                      "figures under the disclosure rule are for whole financial years: give "
                      "period (a year like 2025-26) instead of dates"});
  }
  if (!request.from.empty() && !Date::Parse(request.from)) {
    errors.push_back({"from", "expected a date as YYYY-MM-DD"});
  }
  if (!request.to.empty() && !Date::Parse(request.to)) {
    errors.push_back({"to", "expected a date as YYYY-MM-DD"});
  }
  if (!errors.empty()) return Status::Validation(std::move(errors));

  LOOKOUT_ASSIGN_OR_RETURN(auto tx, services.store().Begin(false));
  if (!request.region.empty()) {
    store::ListQuery q;
    q.where = {{"code", store::Condition::Op::kEq, {Value(request.region)}}};
    q.archived = store::ListQuery::Archived::kInclude;
    q.limit = 1;
    LOOKOUT_ASSIGN_OR_RETURN(store::Page found, tx->List(domain::RegionEntity(), q));
    if (found.total == 0) {
      return Status::Validation({{"region", "there is no region with the code '" + request.region + "'"}});
    }
  }
  std::string from = request.from;
  std::string to = request.to;
  std::string period_text = request.period;
  if (!dated) {
    LOOKOUT_ASSIGN_OR_RETURN(int month, FinancialYearStartMonthIn(*tx));
    if (!period) period = domain::Period::YearOf(services.clock().Today(), month);
    from = period->First(month).ToString();
    to = period->Last(month).ToString();
    period_text = period->ToString();
  }
  // Under the rule, the whole table is protected first and one region's row taken from it,
  // so that asking for one region cannot show what the table withholds.
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<store::ReachRow> rows,
                           tx->AggregateReach({from, to, controlled ? "" : request.region, false}));
  ReachFigures out = Build(std::move(rows), controlled, domain::kDefaultSuppressionThreshold);
  out.period = period_text;
  out.from = from;
  out.to = to;
  out.region = request.region;
  if (controlled && !request.region.empty()) {
    std::vector<ReachFigures::Row> kept;
    for (ReachFigures::Row& r : out.regions) {
      if (r.region == request.region) kept.push_back(std::move(r));
    }
    out.regions = std::move(kept);
    out.totals = out.regions.empty() ? std::vector<ReachCell>(out.groups.size(), ReachCell{0, false, false})
                                     : out.regions.front().cells;
  }
  return out;
}

}  // namespace lookout::app
