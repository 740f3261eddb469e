// The PDF's tables: columns as wide as their text allows, rows that carry on over pages
// with their header again, figures' cells linked to their records, tagged as tables.
#include <algorithm>

#include "report/pdf_writer.h"

namespace lookout::report::pdf {

std::vector<double> Writer::ColumnWidths(const DocTable& table) {
  const size_t n = table.columns.size();
  std::vector<double> natural(n, 0), minimum(n, 0);
  const auto measure = [&](const std::string& text, const Style& style, size_t c) {
    LayoutPtr layout = Text(text, style, 0);
    natural[c] = std::max(natural[c], WidthOf(layout.get()));
    pango_layout_set_width(layout.get(), 1);
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
    minimum[c] = std::max(minimum[c], WidthOf(layout.get()));
  };
  for (size_t c = 0; c < n; ++c) measure(table.columns[c].label, kCellBold, c);
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const bool total = table.last_row_is_total && r + 1 == table.rows.size();
    for (size_t c = 0; c < n && c < table.rows[r].size(); ++c) {
      measure(table.rows[r][c].text, total ? kCellBold : kCell, c);
    }
  }
  double sum_natural = 0, sum_minimum = 0;
  for (size_t c = 0; c < n; ++c) {
    natural[c] += 2 * kPadX;
    minimum[c] = std::min(std::min(minimum[c] + 2 * kPadX, natural[c]), kWidth * 0.45);
    sum_natural += natural[c];
    sum_minimum += minimum[c];
  }
  std::vector<double> widths(n);
  if (sum_natural <= kWidth) {
    // Room to spare: the text columns share it, else all columns do.
    double text_natural = 0;
    for (size_t c = 0; c < n; ++c) {
      if (!table.columns[c].numeric) text_natural += natural[c];
    }
    const double spare = kWidth - sum_natural;
    for (size_t c = 0; c < n; ++c) {
      widths[c] = natural[c] + (text_natural > 0
                                    ? (table.columns[c].numeric ? 0 : spare * natural[c] / text_natural)
                                    : spare / static_cast<double>(n));
    }
  } else if (sum_minimum <= kWidth) {
    const double spare = kWidth - sum_minimum;
    const double stretch = sum_natural - sum_minimum;
    for (size_t c = 0; c < n; ++c) {
      widths[c] = minimum[c] + (stretch > 0 ? spare * (natural[c] - minimum[c]) / stretch : 0);
    }
  } else {
    for (size_t c = 0; c < n; ++c) widths[c] = minimum[c] * kWidth / sum_minimum;
  }
  return widths;
}

Writer::Row Writer::MakeRow(const DocTable& table, const std::vector<double>& widths,
            const std::vector<std::string>& texts, const Style& style) {
  Row row;
  double tallest = 0;
  for (size_t c = 0; c < widths.size(); ++c) {
    LayoutPtr layout = Text(c < texts.size() ? texts[c] : std::string(), style,
                            std::max(widths[c] - 2 * kPadX, 1.0));
    if (table.columns[c].numeric) pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
    // A cell never grows past what a page holds: what is longer ends in an ellipsis.
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    pango_layout_set_height(layout.get(), static_cast<int>(kContentHeight * 0.6 * kPango));
    tallest = std::max(tallest, Height(layout.get()));
    row.cells.push_back(std::move(layout));
  }
  row.height = tallest + 2 * kPadY;
  return row;
}

void Writer::DrawHeader(const Row& header, const std::vector<double>& widths) {
  BeginTag("TR");
  Fill(kLeft, y_, kWidth, header.height, kTeal);
  double x = kLeft;
  for (size_t c = 0; c < widths.size(); ++c) {
    BeginTag("TH");
    Draw(header.cells[c].get(), x + kPadX, y_ + kPadY, kWhite);
    EndTag();
    x += widths[c];
  }
  EndTag();
  y_ += header.height;
}

void Writer::LinkCell(const DocTable::Cell& cell, PangoLayout* layout, double x, double y) {
  if (cell.figure.empty() || cell.suppressed) return;
  const Figure* f = doc_.FindFigure(cell.figure);
  if (f == nullptr) return;
  const std::string url = FigureUrl(doc_, *f);
  if (url.empty()) return;
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  LinkArea({0, 0, url, ""}, x + logical.x / kPango, y + logical.y / kPango, logical.width / kPango,
           logical.height / kPango);
}

void Writer::Table(const DocTable& table) {
  Space(6);
  LayoutPtr title = Text(table.title, kTableTitle, kWidth);
  const size_t n = table.columns.size();
  if (n == 0) {
    if (!table.title.empty()) Flow(title.get(), kLeft, kText);
    TableNote(table);
    return;
  }
  const std::vector<double> widths = ColumnWidths(table);
  std::vector<std::string> labels;
  for (const DocTable::Column& column : table.columns) labels.push_back(column.label);
  const Row header = MakeRow(table, widths, labels, kCellBold);

  std::vector<Row> rows;
  rows.reserve(table.rows.size());
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const bool total = table.last_row_is_total && r + 1 == table.rows.size();
    std::vector<std::string> texts;
    for (size_t c = 0; c < n; ++c) {
      texts.push_back(c < table.rows[r].size() ? table.rows[r][c].text : std::string());
    }
    Row row = MakeRow(table, widths, texts, total ? kCellBold : kCell);
    row.total = total;
    rows.push_back(std::move(row));
  }

  // The title, the header and the first row stay together.
  const double title_height = table.title.empty() ? 0 : Height(title.get()) + 6;
  KeepTogether(title_height + header.height + (rows.empty() ? 0 : rows[0].height));
  BeginTag("Table");
  if (!table.title.empty()) {
    BeginTag("Caption");
    Flow(title.get(), kLeft, kText);
    EndTag();
    y_ += 6;
  }
  DrawHeader(header, widths);
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (y_ + row.height > kContentBottom) {
      NewPage();
      LayoutPtr continued = Text(table.title.empty() ? "Table continued" : table.title + " (continued)",
                                 kSmallItalic, kWidth);
      Flow(continued.get(), kLeft, kMuted);
      y_ += 4;
      DrawHeader(header, widths);
    }
    BeginTag("TR");
    if (row.total) {
      Line(kLeft, y_, kLeft + kWidth, y_, 1.2, kText);
    } else if (r % 2 == 1) {
      Fill(kLeft, y_, kWidth, row.height, kStripe);
    }
    double x = kLeft;
    for (size_t c = 0; c < n; ++c) {
      const bool has = c < table.rows[r].size();
      const bool suppressed = has && table.rows[r][c].suppressed;
      BeginTag(c == 0 ? "TH" : "TD");
      Draw(row.cells[c].get(), x + kPadX, y_ + kPadY, suppressed ? kMuted : kText);
      if (has) LinkCell(table.rows[r][c], row.cells[c].get(), x + kPadX, y_ + kPadY);
      EndTag();
      x += widths[c];
    }
    y_ += row.height;
    if (!row.total) Line(kLeft, y_, kLeft + kWidth, y_, 0.5, kRowLine);
    EndTag();
  }
  if (!rows.empty() && rows.back().total) Line(kLeft, y_, kLeft + kWidth, y_, 1.2, kText);
  EndTag();
  TableNote(table);
}

void Writer::TableNote(const DocTable& table) {
  if (!table.note.empty()) {
    y_ += 6;
    LayoutPtr note = Text(table.note, kSmall, kWidth);
    BeginTag("P");
    Flow(note.get(), kLeft, kMuted);
    EndTag();
  }
  y_ += 16;
}

}  // namespace lookout::report::pdf
