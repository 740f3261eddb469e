// A small table model with two renderers: Markdown (for generated documentation) and
// aligned plain text (for the command line). Build the table once, render it either way.
#ifndef LOOKOUT_REPORT_TABLE_H_
#define LOOKOUT_REPORT_TABLE_H_

#include <string>
#include <vector>

namespace lookout::report {

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each as long as `columns`

  void AddRow(std::vector<std::string> row) { rows.push_back(std::move(row)); }
};

// A GitHub-flavoured Markdown table. '|' in a cell is escaped and line breaks become
// spaces, so a cell can never break the table.
std::string RenderMarkdown(const Table& table);

// Columns padded to their widest cell (counted in UTF-8 characters), separated by two
// spaces, a line of dashes under the header, trailing spaces trimmed.
std::string RenderText(const Table& table);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_TABLE_H_
