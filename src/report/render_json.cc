// The JSON of a report: what a program reading the report needs to trace every figure.
#include <cmath>
#include <nlohmann/json.hpp>

#include "domain/disclosure.h"
#include "report/render.h"

namespace lookout::report {

namespace {

using json = nlohmann::ordered_json;

// Rounded to `places` decimals, so the file does not carry binary noise (0.69948...).
double Rounded(double x, int places) {
  const double scale = std::pow(10.0, places);
  return std::round(x * scale) / scale;
}

json FigureJson(const ReportDoc& doc, const Figure& f) {
  json j;
  j["id"] = f.id;
  j["label"] = f.label;
  j["text"] = FigureText(f, doc.threshold);
  j["value"] = f.value ? json(*f.value) : json(nullptr);
  if (f.IsProportion()) {
    j["base"] = f.base ? json(*f.base) : json(nullptr);
    const std::optional<int64_t> percent = PercentOf(f);
    j["percent"] = percent ? json(*percent) : json(nullptr);
    if (f.interval) {
      j["interval"] = {{"level", 0.95},
                       {"method", "Wilson score"},
                       {"lower", Rounded(f.interval->first, 4)},
                       {"upper", Rounded(f.interval->second, 4)}};
    } else {
      j["interval"] = nullptr;
    }
  }
  j["approximate"] = f.approximate;
  j["suppressed"] = f.suppressed;
  j["definition"] = f.definition;
  j["records"] = f.records;
  json filters = json::object();
  for (const auto& [k, v] : f.filters) filters[k] = v;
  j["filters"] = filters;
  // The path within Lookout always; the link only where it is absolute.
  j["path"] = f.link;
  const std::string url = FigureUrl(doc, f);
  j["link"] = url.empty() ? json(nullptr) : json(url);
  return j;
}

json InlineJson(const ReportDoc& doc, const Inline& text) {
  json figures = json::array();
  json footnotes = json::array();
  for (const Span& s : text) {
    if (s.kind == Span::Kind::kFigure) figures.push_back(s.figure);
    if (s.kind == Span::Kind::kFootnote) footnotes.push_back(s.footnote);
  }
  json j = {{"text", InlineText(doc, text)}};
  if (!figures.empty()) j["figures"] = figures;
  if (!footnotes.empty()) j["footnotes"] = footnotes;
  return j;
}

json BlockJson(const ReportDoc& doc, const Block& b) {
  json j;
  switch (b.kind) {
    case Block::Kind::kHeading:
      j["type"] = "heading";
      j.update(InlineJson(doc, b.text));
      break;
    case Block::Kind::kParagraph:
      j["type"] = "paragraph";
      j.update(InlineJson(doc, b.text));
      break;
    case Block::Kind::kBullets: {
      j["type"] = "list";
      json items = json::array();
      for (const Inline& item : b.items) items.push_back(InlineJson(doc, item));
      j["items"] = items;
      break;
    }
    case Block::Kind::kTable: {
      j["type"] = "table";
      j["id"] = b.table.id;
      j["title"] = b.table.title;
      json columns = json::array();
      for (const DocTable::Column& c : b.table.columns) columns.push_back(c.label);
      j["columns"] = columns;
      json rows = json::array();
      for (const auto& row : b.table.rows) {
        json cells = json::array();
        for (const DocTable::Cell& c : row) {
          json cell = {{"text", c.text}};
          if (c.number) cell["value"] = *c.number;
          if (!c.figure.empty()) cell["figure"] = c.figure;
          if (c.suppressed) cell["suppressed"] = true;
          cells.push_back(cell);
        }
        rows.push_back(cells);
      }
      j["rows"] = rows;
      if (b.table.last_row_is_total) j["last_row_is_total"] = true;
      j["note"] = b.table.note;
      break;
    }
    case Block::Kind::kChart:
      j["type"] = "chart";
      j["title"] = b.chart.title;
      j["description"] = b.chart.description;
      break;
    case Block::Kind::kQuote:
      j["type"] = "quote";
      j["text"] = InlineText(doc, b.text);
      j["attribution"] = b.attribution;
      break;
    case Block::Kind::kMarkdown:
      j["type"] = "markdown";
      j["markdown"] = b.markdown;
      break;
  }
  return j;
}

}  // namespace

std::string RenderJson(const ReportDoc& doc) {
  json out;
  out["report"] = {{"kind", doc.kind},
                   {"title", doc.title},
                   {"programme", doc.programme},
                   {"scope", doc.scope},
                   {"region", doc.region.empty() ? json(nullptr) : json(doc.region)},
                   {"period", doc.period},
                   {"from", doc.from},
                   {"to", doc.to},
                   {"data_as_of", doc.data_as_of},
                   {"base_url", doc.base_url.empty() ? json(nullptr) : json(doc.base_url)},
                   {"inputs_hash", doc.inputs_hash},
                   {"suppression_threshold", doc.threshold},
                   {"suppression_rule", domain::SuppressionRule(doc.threshold)}};
  json figures = json::array();
  for (const Figure& f : doc.figures) figures.push_back(FigureJson(doc, f));
  out["figures"] = figures;
  json sections = json::array();
  for (const Section& s : doc.sections) {
    json blocks = json::array();
    for (const Block& b : s.blocks) blocks.push_back(BlockJson(doc, b));
    sections.push_back({{"id", s.id}, {"title", s.title}, {"blocks", blocks}});
  }
  out["sections"] = sections;
  json notes = json::array();
  for (const Footnote& n : doc.footnotes) notes.push_back({{"number", n.number}, {"text", n.text}});
  out["footnotes"] = notes;
  return out.dump(2) + "\n";
}

}  // namespace lookout::report
