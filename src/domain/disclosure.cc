#include "domain/disclosure.h"

#include <optional>
#include <utility>

namespace lookout::domain {

namespace {

using Line = std::vector<std::pair<size_t, size_t>>;  // the cells of one row or column

// The rows and columns whose totals are published, each as its cells' positions.
std::vector<Line> Lines(size_t rows, size_t columns, bool rows_have_totals,
                        bool columns_have_totals) {
  std::vector<Line> lines;
  if (rows_have_totals) {
    for (size_t r = 0; r < rows; ++r) {
      Line line;
      for (size_t c = 0; c < columns; ++c) line.emplace_back(r, c);
      lines.push_back(std::move(line));
    }
  }
  if (columns_have_totals) {
    for (size_t c = 0; c < columns; ++c) {
      Line line;
      for (size_t r = 0; r < rows; ++r) line.emplace_back(r, c);
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

}  // namespace

SuppressedTable Suppress(const std::vector<std::vector<int64_t>>& cells, int threshold,
                         bool rows_have_totals, bool columns_have_totals) {
  SuppressedTable out;
  const size_t rows = cells.size();
  const size_t columns = rows == 0 ? 0 : cells[0].size();
  out.cells.assign(rows, std::vector<Suppression>(columns, Suppression::kShown));
  out.row_total_suppressed.assign(rows, false);
  out.column_total_suppressed.assign(columns, false);
  if (threshold < 1) return out;
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < columns; ++c) {
      if (IsSmallCount(cells[r][c], threshold)) out.cells[r][c] = Suppression::kPrimary;
    }
  }
  const std::vector<Line> lines = Lines(rows, columns, rows_have_totals, columns_have_totals);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      int suppressed = 0;
      for (const auto& [r, c] : line) suppressed += out.Suppressed(r, c) ? 1 : 0;
      if (suppressed != 1) continue;
      // The smallest cell still shown above zero. A zero is never withheld: the total less
      // the other cells would still give the small count away (and a withheld zero reads
      // as a count), so then the line's total is withheld instead.
      std::optional<std::pair<size_t, size_t>> pick;
      for (const auto& [r, c] : line) {
        if (out.Suppressed(r, c) || cells[r][c] == 0) continue;
        if (!pick || cells[r][c] < cells[pick->first][pick->second]) pick = std::make_pair(r, c);
      }
      if (pick) {
        out.cells[pick->first][pick->second] = Suppression::kSecondary;
        changed = true;
        continue;
      }
      // Nothing above zero to pair with: the line's total would give the cell away.
      const bool is_row = rows_have_totals && i < rows;
      std::vector<bool>& totals = is_row ? out.row_total_suppressed : out.column_total_suppressed;
      const size_t index = is_row ? line.front().first : line.front().second;
      if (!totals[index]) {
        totals[index] = true;
        changed = true;
      }
    }
  }
  return out;
}

bool NoCellRecoverable(const std::vector<std::vector<int64_t>>& cells,
                       const SuppressedTable& table, bool rows_have_totals,
                       bool columns_have_totals) {
  const size_t rows = cells.size();
  const size_t columns = rows == 0 ? 0 : cells[0].size();
  if (table.cells.size() != rows) return false;
  const std::vector<Line> lines = Lines(rows, columns, rows_have_totals, columns_have_totals);
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool is_row = rows_have_totals && i < rows;
    const size_t index = is_row ? lines[i].front().first : lines[i].front().second;
    const bool total_hidden =
        is_row ? table.row_total_suppressed[index] : table.column_total_suppressed[index];
    int suppressed = 0;
    for (const auto& [r, c] : lines[i]) suppressed += table.Suppressed(r, c) ? 1 : 0;
    if (suppressed == 1 && !total_hidden) return false;
  }
  return true;
}

BreakdownDisclosure SuppressBreakdown(const std::vector<std::vector<int64_t>>& cells,
                                      size_t columns, int threshold) {
  BreakdownDisclosure out;
  out.table = Suppress(cells, threshold, /*rows_have_totals=*/false, /*columns_have_totals=*/true);
  out.totals.assign(columns, 0);
  for (const auto& row : cells) {
    for (size_t c = 0; c < columns && c < row.size(); ++c) out.totals[c] += row[c];
  }
  out.table.column_total_suppressed.resize(columns, false);
  out.total_withheld.assign(columns, false);
  for (size_t c = 0; c < columns; ++c) {
    out.total_withheld[c] =
        out.table.column_total_suppressed[c] || IsSmallCount(out.totals[c], threshold);
  }
  return out;
}

std::string WithheldText(int threshold) { return "fewer than " + std::to_string(threshold); }

std::string SuppressionRule(int threshold) {
  if (threshold <= 1) {
    return "No counts are suppressed in this report's breakdowns.";
  }
  const std::string last = std::to_string(threshold - 1);
  return "In every breakdown, counts from 1 to " + last +
         " are not shown (written '" + WithheldText(threshold) +
         "'), so that no one can be picked out; where such a count could be worked out from a "
         "total and the other counts, the next smallest count is not shown either. Zero is "
         "shown. Totals are computed from every record, including those not shown.";
}

}  // namespace lookout::domain
