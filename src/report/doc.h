// The report document: what a report says, independent of the format it is written in.
// app/ gathers the records, computes the figures (with domain/) and fills a ReportDoc;
// the renderers (HTML, Markdown, PDF, XLSX, JSON) write it out. Every number the report
// states is a Figure with its definition (which records, which filters, which base) and
// the link to the filtered list it was computed from, so each one can be traced.
#ifndef LOOKOUT_REPORT_DOC_H_
#define LOOKOUT_REPORT_DOC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/chart.h"

namespace lookout::report {

// One number the report states.
struct Figure {
  std::string id;     // stable key: "reach.professionals", "indicator.PRO-CONF-1"
  std::string label;  // "Professionals reached"
  // The count; for a proportion, the positive answers ("x" of "x out of y"). Absent when
  // suppressed: a suppressed figure's value is never written in any format.
  std::optional<int64_t> value;
  bool proportion = false;      // "x out of y respondents" rather than a count
  std::optional<int64_t> base;  // for a proportion: "y", who answered; absent when
                                // suppressed (a small base is itself withheld)
  bool approximate = false;     // an estimated count is part of it
  bool suppressed = false;      // withheld by the disclosure rule
  // For a proportion: the 95% Wilson score interval, 0..1.
  std::optional<std::pair<double, double>> interval;
  std::string definition;  // in words: which records, which filters, which base
  std::string records;     // the kind of record counted: "activity", "task", "survey_response"
  std::vector<std::pair<std::string, std::string>> filters;  // the list filters that find them
  std::string link;        // the web path of that list, with its query string

  bool IsProportion() const { return proportion; }
};

// A run of text, some of it figures and footnote marks.
struct Span {
  enum class Kind { kText, kStrong, kFigure, kFootnote } kind = Kind::kText;
  std::string text;    // kText, kStrong
  std::string figure;  // kFigure: the Figure's id; written as FigureText
  int footnote = 0;    // kFootnote: its number
};
using Inline = std::vector<Span>;

// A table. Its cells are text, or a number (written as a number in XLSX); a cell may
// name the Figure it shows.
struct DocTable {
  struct Column {
    std::string label;
    bool numeric = false;
  };
  struct Cell {
    std::string text;               // as written in HTML, Markdown and PDF
    std::optional<double> number;   // the number itself, unless suppressed
    std::string figure;             // the Figure it shows, if any
    bool suppressed = false;
  };
  std::string id;     // unique in the report, short: the XLSX sheet's name ("Reach by region")
  std::string title;  // "People reached by region"
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each as long as `columns`
  bool last_row_is_total = false;
  // Whether each numeric column's total is published (or follows from a published figure):
  // then a suppressed cell must not be recoverable by subtraction (the claim check).
  bool column_totals_published = false;
  // Per column (the first, of labels, included): true where that column's total is
  // withheld too (its one small count had no other to pair with), so the figure that
  // would be its total is not published either.
  std::vector<bool> column_total_withheld;
  std::string note;  // under the table: what it counts, what is suppressed
};

struct Block {
  enum class Kind {
    kHeading,     // a subheading inside a section: `text`
    kParagraph,   // `text`
    kBullets,     // `items`
    kTable,       // `table`
    kChart,       // `chart`, drawn above the table it illustrates
    kQuote,       // `text` (the words) and `attribution`
    kMarkdown,    // `markdown`: a case study's body, safe Markdown
  } kind = Kind::kParagraph;
  Inline text;
  std::vector<Inline> items;
  DocTable table;
  BarChart chart;
  std::string attribution;
  std::string markdown;

  // A block holding `table`.
  static Block Table(DocTable table) {
    Block b;
    b.kind = Kind::kTable;
    b.table = std::move(table);
    return b;
  }
};

struct Section {
  std::string id;     // "headlines", "outcomes", ...: an anchor in HTML
  std::string title;  // "Headline figures"
  std::vector<Block> blocks;
};

struct Footnote {
  int number = 0;  // numbered in order of appearance, from 1
  std::string text;
};

struct ReportDoc {
  std::string kind;        // "impact"
  std::string title;       // "Impact report 2025-26"
  std::string programme;   // the programme's name
  std::string scope;       // "The whole programme" or the region's name
  std::string region;      // the region's code; empty for the whole programme
  std::string period;      // "2025-26"
  std::string from, to;    // the period's first and last days, YYYY-MM-DD
  std::string data_as_of;  // UTC timestamp of the data the report was computed from
  // Lookout's public address ("https://lookout.example.org", no trailing slash), to which
  // Figure::link is relative: files read outside Lookout link their figures to
  // base_url + link. Empty when it is not known: then they do not link them at all (a
  // relative link in a file opened from a disk leads nowhere).
  std::string base_url;
  int threshold = 5;       // the disclosure rule: counts from 1 to threshold - 1 in a
                           // breakdown are suppressed (see domain/disclosure.h)
  std::vector<Section> sections;
  std::vector<Figure> figures;
  std::vector<Footnote> footnotes;
  // SHA-256 (hex) of everything the figures were computed from: the aggregates and the
  // ids and versions of the records quoted, so a changed input changes the hash.
  std::string inputs_hash;
  std::vector<int64_t> quote_ids;       // the quotes the report prints
  std::vector<int64_t> case_study_ids;  // the case studies it prints

  // The figure with this id, or nullptr.
  const Figure* FindFigure(const std::string& id) const;
};

// For a proportion with a value and a base above 0: its percentage, rounded half up
// (46 out of 49: 94).
std::optional<int64_t> PercentOf(const Figure& figure);

// A figure as the report's prose writes it: "approximately 13,363", "1,183", "46 out of 49
// respondents (94%)", and when suppressed with `threshold` 5: "fewer than 5" (a count) or
// "not shown (fewer than 5 respondents)" (a proportion, withheld for its small base).
std::string FigureText(const Figure& figure, int threshold);
// The absolute address of the records behind `figure` (doc.base_url + figure.link), or ""
// when the figure has no link or the document no base URL.
std::string FigureUrl(const ReportDoc& doc, const Figure& figure);

// Runs joined as a list in prose: "A", "A and B", "A, B and C"; empty for none.
Inline JoinList(std::vector<Inline> items);

// The plain text of an inline run, figures written with FigureText (at the document's
// threshold) and footnote marks as "[n]" (for formats without superscript).
std::string InlineText(const ReportDoc& doc, const Inline& text);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_DOC_H_
