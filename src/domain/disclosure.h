// Disclosure control for published breakdowns: small counts could point at a person (one
// young person reached in a district, two respondents of one stakeholder type), so counts
// from 1 to threshold - 1 are suppressed (primary suppression), and further cells are
// suppressed where a suppressed one could otherwise be recovered by subtracting the cells
// shown from a total (secondary suppression). Zero is shown: it discloses no one.
// Pure: the report decides which tables are breakdowns and states the rule.
#ifndef LOOKOUT_DOMAIN_DISCLOSURE_H_
#define LOOKOUT_DOMAIN_DISCLOSURE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace lookout::domain {

inline constexpr int kDefaultSuppressionThreshold = 5;

// Why a cell is not shown.
enum class Suppression { kShown, kPrimary, kSecondary };

// A table of counts whose row totals and column totals are published (or can be worked
// out: a breakdown of a headline figure has that figure as its total). For every row and
// every column: when exactly one of its cells is suppressed, the smallest other cell above
// zero that is shown is suppressed too; a line with no such cell has nothing to pair
// with, so its total must not be shown: `row_total_suppressed` and
// `column_total_suppressed` say so (and whoever shows the total withholds it). Repeated
// until nothing changes. Deterministic: ties go to the first cell in reading order.
struct SuppressedTable {
  std::vector<std::vector<Suppression>> cells;  // as the input's shape
  std::vector<bool> row_total_suppressed;       // one per row
  std::vector<bool> column_total_suppressed;    // one per column

  bool Suppressed(size_t row, size_t column) const {
    return cells[row][column] != Suppression::kShown;
  }
};

// `cells` must be rectangular; with no rows the result is empty (no columns either). `rows_have_totals`: each row's total is published (for a
// table of one column, the rows are its categories and the column total is the headline:
// pass false and true). `threshold` < 1 suppresses nothing.
SuppressedTable Suppress(const std::vector<std::vector<int64_t>>& cells, int threshold,
                         bool rows_have_totals = true, bool columns_have_totals = true);

// Whether a total computed from cells hides nothing: true when no suppressed cell could
// be recovered, i.e. every row and column with totals holds zero or at least two
// suppressed cells (or its total is suppressed). What the claim check verifies.
bool NoCellRecoverable(const std::vector<std::vector<int64_t>>& cells,
                       const SuppressedTable& table, bool rows_have_totals = true,
                       bool columns_have_totals = true);

// A breakdown of headline counts: each row a category (a region, a type of activity),
// each column a count whose total is published as a headline figure (professionals
// reached). The cells are protected as Suppress(cells, threshold, false, true) protects
// them, and a column's total is withheld when it is itself from 1 to threshold - 1 or when
// a small cell of its column had nothing to pair with. The impact report's breakdowns and
// the live figures shown to people who may not read the records (funders) apply this one
// function, so the same counts are withheld wherever they are shown.
struct BreakdownDisclosure {
  SuppressedTable table;             // the cells, as Suppress gives them
  std::vector<int64_t> totals;       // per column: the sum of its cells
  std::vector<bool> total_withheld;  // per column
};
// `columns` is the number of columns (the table may have no rows).
// REQUIRES: every row of `cells` has `columns` cells.
BreakdownDisclosure SuppressBreakdown(const std::vector<std::vector<int64_t>>& cells,
                                      size_t columns, int threshold);

// Whether a count is one the rule withholds on its own: from 1 to threshold - 1.
inline bool IsSmallCount(int64_t count, int threshold) {
  return count > 0 && count < threshold;
}

// The rule in words, for the report's methods: "Counts from 1 to 4 are not shown ...".
std::string SuppressionRule(int threshold);

// How a withheld count reads to people: "fewer than 5".
std::string WithheldText(int threshold);

}  // namespace lookout::domain

#endif  // LOOKOUT_DOMAIN_DISCLOSURE_H_
