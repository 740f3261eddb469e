// lookout report impact --period 2025-26 [--region CODE] [--format html|pdf|md|xlsx|json]
//                       [--output FILE] [--threshold N] [--public-url URL]
// lookout report quarterly --period 2025-26 [--format csv|xlsx] [--output FILE] [--threshold N]
#include <CLI/CLI.hpp>
#include <optional>

#include "app/reports/produce_report.h"
#include "cli/command.h"
#include "cli/serve_steps.h"
#include "io/files.h"
#include "report/render.h"

namespace lookout::cli {

namespace {

struct ReportRequest {
  std::string kind;
  std::string period;
  std::string region;
  std::string format;
  std::string output;
  int threshold = 5;
  std::string public_url;
};

class ReportCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "impact: writes the impact report of a period (a financial year such as 2025-26, or a quarter "
        "such as '2025-26 Q3'), for the whole programme or one region: headline figures, "
        "outcomes with their survey evidence and footnotes, quotes, case studies, breakdowns "
        "with charts and the methods. Formats: html (print-ready), pdf, md, xlsx (one sheet "
        "per table), json (every figure with its definition). Counts under --threshold in a "
        "breakdown are not shown. quarterly: the funder's quarterly return of a financial "
        "year, tasks, activities and reach by quarter, region and theme, as csv or xlsx. "
        "Written to --output FILE, or to standard output for the text formats."));
    app.add_option("KIND", request_.kind, "The report: impact or quarterly")
        ->required()
        ->check(CLI::IsMember({"impact", "quarterly"}));
    app.add_option("--period", request_.period, "2025-26 or '2025-26 Q3'")->required();
    app.add_option("--region", request_.region, "A region's code (default: the whole programme)");
    app.add_option("--format", request_.format,
                   "html, pdf, md, xlsx or json (default: from --output's extension, else md)");
    app.add_option("--output,-o", request_.output, "The file to write");
    app.add_option("--threshold", request_.threshold,
                   "Counts from 1 to N-1 in a breakdown are suppressed (default 5)");
    // --base-url: its name before it became the setting public-url.
    AddPublicUrlOption(app, request_.public_url, "--public-url,--base-url");
  }

  Status Parse() override {
    if (request_.format.empty() && !request_.output.empty()) {
      const std::string& out = request_.output;
      const size_t dot = out.rfind('.');
      if (dot != std::string::npos) {
        std::string ext = out.substr(dot + 1);
        for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (ext == "markdown") ext = "md";
        if (ext == "htm") ext = "html";
        for (const std::string& f : report::ReportFormats()) {
          if (f == ext) request_.format = f;
        }
      }
    }
    const bool quarterly = request_.kind == "quarterly";
    if (quarterly && request_.format.empty() && !request_.output.empty() &&
        request_.output.size() > 4 && request_.output.substr(request_.output.size() - 4) == ".csv") {
      request_.format = "csv";
    }
    if (request_.format.empty()) request_.format = quarterly ? "csv" : "md";
    const std::vector<std::string> formats =
        quarterly ? std::vector<std::string>{"csv", "xlsx"} : report::ReportFormats();
    bool known = false;
    std::string names;
    for (const std::string& f : formats) {
      known = known || f == request_.format;
      names += (names.empty() ? "" : ", ") + f;
    }
    if (!known) {
      return Status::Validation({{"--format", "must be one of " + names}},
                                "The " + request_.kind + " report has no format called '" +
                                    request_.format + "'.");
    }
    if (quarterly && !request_.region.empty()) {
      return Status::Validation({{"--region", "the quarterly return covers every region"}},
                                "The quarterly return has no --region: it breaks the figures down by region.");
    }
    if ((request_.format == "pdf" || request_.format == "xlsx") && request_.output.empty()) {
      return Status::Validation({{"--output", "name the file to write the " + request_.format + " to"}},
                                "A " + request_.format + " report is written to a file: give --output FILE.");
    }
    return Status::Ok();
  }

  Status Execute(Context& context) override {
    LOOKOUT_ASSIGN_OR_RETURN(app::Services * services, context.OpenServices(OpenMode::kExisting));
    app::ReportOrder order;
    order.kind = request_.kind == "quarterly" ? app::ReportKind::kQuarterly : app::ReportKind::kImpact;
    order.request = {request_.period, request_.region, request_.threshold, request_.public_url};
    order.format = request_.format;
    LOOKOUT_ASSIGN_OR_RETURN(app::ProducedReport produced,
                             app::ProduceReport(*services, context.actor(), order));
    const report::ReportDoc& doc = produced.doc;
    const report::RenderedReport& rendered = produced.rendered;
    if (request_.output.empty()) {
      context.out() << rendered.bytes;
      context.out().flush();
      if (!context.out()) return Status::Internal("Could not write to standard output.");
      return Status::Ok();
    }
    LOOKOUT_RETURN_IF_ERROR(io::WriteWholeFile(request_.output, rendered.bytes));
    context.out() << "wrote the " << doc.title << " (" << request_.format << ", "
                  << rendered.bytes.size() << " bytes) to " << request_.output << "\n";
    return Status::Ok();
  }

 private:
  ReportRequest request_;
};

}  // namespace

std::unique_ptr<Command> MakeReportCommand() { return std::make_unique<ReportCommand>(); }

}  // namespace lookout::cli
