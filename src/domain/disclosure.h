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

// The rule in words, for the report's methods: "Counts from 1 to 4 are not shown ...".
std::string SuppressionRule(int threshold);

}  // namespace lookout::domain

#endif  // LOOKOUT_DOMAIN_DISCLOSURE_H_
