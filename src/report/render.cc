// One entry point for every format of a report, for the command line and the web alike.
#include "report/render.h"

#include <cctype>
#include <cstdio>

#include "io/csv.h"
#include "report/pdf.h"
#include "report/xlsx.h"

namespace lookout::report {

const std::vector<std::string>& ReportFormats() {
  static const std::vector<std::string> kFormats = {"html", "pdf", "md", "xlsx", "json"};
  return kFormats;
}

Result<RenderedReport> RenderReport(const ReportDoc& doc, std::string_view format) {
  if (format == "html") return RenderedReport{RenderHtml(doc), "text/html; charset=utf-8", "html"};
  if (format == "md") return RenderedReport{RenderMarkdown(doc), "text/markdown; charset=utf-8", "md"};
  if (format == "json") return RenderedReport{RenderJson(doc), "application/json", "json"};
  if (format == "csv") return RenderedReport{RenderCsv(doc), "text/csv; charset=utf-8", "csv"};
  if (format == "pdf") {
    LOOKOUT_ASSIGN_OR_RETURN(std::string bytes, RenderPdf(doc));
    return RenderedReport{std::move(bytes), "application/pdf", "pdf"};
  }
  if (format == "xlsx") {
    LOOKOUT_ASSIGN_OR_RETURN(std::string bytes, RenderXlsx(doc));
    return RenderedReport{std::move(bytes),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          "xlsx"};
  }
  return Status::Validation({{"format", "must be one of html, pdf, md, xlsx, json, csv"}},
                            "There is no report format called '" + std::string(format) + "'.");
}

std::string RenderCsv(const ReportDoc& doc) {
  std::string out;
  for (const Section& section : doc.sections) {
    for (const Block& b : section.blocks) {
      if (b.kind != Block::Kind::kTable) continue;
      if (!out.empty()) out += "\n";
      std::vector<std::string> header;
      for (const DocTable::Column& c : b.table.columns) header.push_back(io::SpreadsheetSafe(c.label));
      io::AppendCsvRecord(out, header);
      for (const auto& row : b.table.rows) {
        std::vector<std::string> cells;
        for (const DocTable::Cell& c : row) {
          // A number as a number (no thousands separator, no "approx."), so the spreadsheet
          // can add it up; the note of the report says which counts include estimates.
          if (c.number && !c.suppressed) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.15g", *c.number);
            cells.push_back(buf);
          } else {
            cells.push_back(io::SpreadsheetSafe(c.text));
          }
        }
        io::AppendCsvRecord(out, cells);
      }
    }
  }
  return out;
}

std::string ReportFileName(const ReportDoc& doc, const std::string& extension) {
  std::string name = doc.kind.empty() ? "report" : doc.kind;
  for (const std::string& part : {doc.period, doc.region}) {
    if (part.empty()) continue;
    name += "-";
    for (char c : part) name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-') ? c : '-';
  }
  return name + "." + extension;
}

}  // namespace lookout::report
