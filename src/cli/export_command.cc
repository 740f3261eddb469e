// lookout export KIND [--format csv|json] [--output FILE]
// lookout export all --output FOLDER [--format csv|json]
#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>

#include "cli/command.h"
#include "domain/schema.h"
#include "io/files.h"
#include "io/record_file.h"

namespace lookout::cli {

namespace {

using io::FileFormat;

struct ExportRequest {
  std::string kind;
  std::string format;
  std::string output;
  // Derived by Parse().
  const domain::EntityDef* entity = nullptr;  // null for "all"
  io::FileFormat file_format = io::FileFormat::kCsv;
};

class ExportCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "Writes every record of KIND, archived ones included, in id order, as CSV or JSON "
        "(formats: docs/data-formats.md), to standard output or --output FILE. With KIND "
        "'all', --output names a folder that gets one KIND.csv (or KIND.json) per kind, "
        "which `lookout import all` reads back. KIND is one of: " + KindList() + "."));
    app.add_option("KIND", request_.kind, "The kind of record, or 'all'")->required();
    app.add_option("--format", request_.format,
                   "csv or json (default: from --output's extension, else csv)")
        ->check(CLI::IsMember({"csv", "json"}, CLI::ignore_case));
    app.add_option("--output,-o", request_.output,
                   "The file to write (default: standard output); for 'all', the folder");
  }

  Status Parse() override {
    std::optional<io::FileFormat> format;
    if (!request_.format.empty()) format = io::ParseFileFormat(request_.format);
    if (request_.kind == "all") {
      if (request_.output.empty()) {
        return Status::Validation({{"--output", "name the folder to write the files into"}},
                                  "export all needs --output FOLDER.");
      }
    } else {
      request_.entity = domain::FindEntity(request_.kind);
      if (request_.entity == nullptr) {
        return Status::Validation({{"KIND", "the kinds are: " + KindList() + ", or all"}},
                                  "There is no kind of record called '" + request_.kind + "'.");
      }
      if (!format && !request_.output.empty()) format = io::FormatFromPath(request_.output);
    }
    request_.file_format = format.value_or(io::FileFormat::kCsv);
    return Status::Ok();
  }

  Status Execute(Context& context) override {
    LOOKOUT_ASSIGN_OR_RETURN(services_, context.OpenServices(OpenMode::kExisting));
    if (request_.entity != nullptr) {
      LOOKOUT_ASSIGN_OR_RETURN(auto exported, Export(context, *request_.entity));
      const auto& [bytes, count] = exported;
      if (request_.output.empty()) {
        context.out() << bytes;
        context.out().flush();
        if (!context.out()) return Status::Internal("Could not write to standard output.");
        return Status::Ok();
      }
      LOOKOUT_RETURN_IF_ERROR(io::WriteWholeFile(request_.output, bytes));
      context.out() << "exported " << count << " " << domain::KindName(*request_.entity)
                    << " record" << (count == 1 ? "" : "s") << " to " << request_.output << "\n";
      return Status::Ok();
    }

    std::error_code ec;
    std::filesystem::create_directories(request_.output, ec);
    if (ec || !std::filesystem::is_directory(request_.output)) {
      return Status::BadRequest("Cannot create the folder " + request_.output +
                                (ec ? ": " + ec.message() : "") + ".");
    }
    int64_t total = 0;
    for (const domain::EntityDef* entity : domain::AllEntities()) {
      LOOKOUT_ASSIGN_OR_RETURN(auto exported, Export(context, *entity));
      const std::string path = (std::filesystem::path(request_.output) /
                                (domain::KindName(*entity) + "." +
                                 std::string(io::FileFormatName(request_.file_format))))
                                   .string();
      LOOKOUT_RETURN_IF_ERROR(io::WriteWholeFile(path, exported.first));
      total += exported.second;
    }
    context.out() << "exported " << total << " records of " << domain::AllEntities().size()
                  << " kinds to " << request_.output << "\n";
    return Status::Ok();
  }

 private:
  // The file's bytes and the number of records in it.
  Result<std::pair<std::string, int64_t>> Export(Context& context,
                                                 const domain::EntityDef& entity) {
    ProgressLine progress(context, "exporting " + domain::KindName(entity));
    LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> records,
                             services_->ExportAll(context.actor(), entity, progress.Callback()));
    progress.Finish();
    const int64_t count = static_cast<int64_t>(records.size());
    return std::make_pair(io::EncodeFile(entity, request_.file_format, records), count);
  }

  ExportRequest request_;
  app::Services* services_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> MakeExportCommand() { return std::make_unique<ExportCommand>(); }

}  // namespace lookout::cli
