// lookout audit verify
// lookout audit list [--entity KIND] [--id ID] [--action A] [--actor WHO] [--from D] [--to D]
//                    [--limit N] [--offset N]
// lookout audit export --output FILE [--format csv|json] [filters] [--reason TEXT]
#include <CLI/CLI.hpp>
#include <optional>

#include "app/ops/audit_trail.h"
#include "cli/command.h"
#include "io/files.h"
#include "io/record_file.h"
#include "report/table.h"

namespace lookout::cli {

namespace {

// How many characters of an entry's changes the list shows; the export has them whole.
constexpr size_t kChangesShown = 60;

struct AuditFilters {
  std::string entity;
  std::string id;
  std::string action;
  std::string actor;
  std::string from;
  std::string to;

  // The filters as the use cases take them; only those given.
  app::Params ToParams() const {
    app::Params params;
    auto add = [&params](const char* key, const std::string& value) {
      if (!value.empty()) params.emplace_back(key, value);
    };
    add("entity", entity);
    add("entity_id", id);
    add("action", action);
    add("actor", actor);
    add("from", from);
    add("to", to);
    return params;
  }
};

struct AuditRequest {
  AuditFilters filters;
  std::string limit;
  std::string offset;
  std::string output;
  std::string format;
  std::string reason;
  // Derived by Parse().
  io::FileFormat file_format = io::FileFormat::kCsv;
};

void AddFilterOptions(CLI::App& app, AuditFilters& filters) {
  app.add_option("--entity", filters.entity,
                 "Entries about this kind of record (e.g. insight, task-transition, audit)");
  app.add_option("--id", filters.id, "Entries about the record with this id (needs --entity)");
  app.add_option("--action", filters.action,
                 "Entries of this action (create, update, archive, export, retention_delete, ...)");
  app.add_option("--actor", filters.actor, "Entries by this actor (staff:12, cli:alice, ...)");
  app.add_option("--from", filters.from,
                 "Entries written on or after this date (YYYY-MM-DD) or UTC timestamp");
  app.add_option("--to", filters.to,
                 "Entries written on or before this date (the whole day) or UTC timestamp");
}

// Text for one table cell: on one line, and not too long.
std::string Cell(const std::string& text, size_t max = std::string::npos) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (out.size() > max) {
    size_t cut = max;
    // Never cut a UTF-8 sequence in two.
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

class AuditCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "The audit trail records every change, consultation, export and sign-in with who, "
        "when and from where. Each entry carries a hash chained to the one before it. "
        "`verify` walks the whole chain and reports the first entry that was changed, "
        "inserted or deleted behind Lookout's back (exit 1 when it finds one). `list` shows "
        "entries newest first; `export` writes them to a file and records that export in "
        "the trail."));
    app.require_subcommand(1, 1);
    app.fallthrough();

    verify_ = app.add_subcommand("verify", "Check the audit trail's hash chain");
    verify_->fallthrough();

    list_ = app.add_subcommand("list", "Show audit entries, newest first");
    list_->fallthrough();
    AddFilterOptions(*list_, request_.filters);
    list_->add_option("--limit", request_.limit, "How many entries to show (1 to 500; default 50)");
    list_->add_option("--offset", request_.offset, "How many of the newest entries to skip");

    export_ = app.add_subcommand("export", "Write audit entries to a CSV or JSON file");
    export_->fallthrough();
    export_->add_option("--output,-o", request_.output, "The file to write")->required();
    export_
        ->add_option("--format", request_.format,
                     "csv or json (default: from --output's extension, else csv)")
        ->check(CLI::IsMember({"csv", "json"}, CLI::ignore_case));
    AddFilterOptions(*export_, request_.filters);
    export_->add_option("--reason", request_.reason,
                        "Why the entries are exported (recorded in the trail)");
  }

  Status Parse() override {
    if (export_->parsed()) {
      std::optional<io::FileFormat> format;
      if (!request_.format.empty()) format = io::ParseFileFormat(request_.format);
      if (!format) format = io::FormatFromPath(request_.output);
      request_.file_format = format.value_or(io::FileFormat::kCsv);
    }
    return Status::Ok();
  }

  Status Execute(Context& context) override {
    if (verify_->parsed()) return Verify(context);
    LOOKOUT_ASSIGN_OR_RETURN(app::Services * services, context.OpenServices(OpenMode::kExisting));
    if (list_->parsed()) return List(context, *services);
    return Export(context, *services);
  }

 private:
  Status Verify(Context& context) {
    LOOKOUT_ASSIGN_OR_RETURN(store::Store * store, context.OpenStore(OpenMode::kExisting));
    LOOKOUT_ASSIGN_OR_RETURN(app::AuditVerification result, app::VerifyAuditTrail(*store));
    context.out() << app::DescribeVerification(result) << "\n";
    if (!result.intact()) {
      return Status(ErrorCode::kConflict,
                    "The audit trail does not verify: entries from entry " +
                        std::to_string(result.broken->entry_id) +
                        " on cannot be trusted. Keep the database as it is and investigate.");
    }
    if (result.last_id != 0) {
      context.out() << "last entry: " << result.last_id << ", hash " << result.last_hash
                    << " (keep it elsewhere: a later run that ends before it reveals deleted "
                       "entries)\n";
    }
    return Status::Ok();
  }

  Status List(Context& context, app::Services& services) {
    app::Params params = request_.filters.ToParams();
    if (!request_.limit.empty()) params.emplace_back("limit", request_.limit);
    if (!request_.offset.empty()) params.emplace_back("offset", request_.offset);
    LOOKOUT_ASSIGN_OR_RETURN(store::AuditPage page,
                             app::ListAudit(services, context.actor(), params));
    if (page.items.empty()) {
      context.out() << "no audit entries match (" << page.total << " in all)\n";
      return Status::Ok();
    }
    report::Table table;
    table.columns = {"id",     "at",        "actor",  "address", "action",
                     "entity", "entity_id", "reason", "changes"};
    for (const store::StoredAuditEntry& s : page.items) {
      const store::AuditEntry& e = s.entry;
      table.AddRow({std::to_string(s.id), e.at, Cell(e.actor), Cell(e.address), Cell(e.action),
                    Cell(e.entity), e.entity_id == 0 ? "" : std::to_string(e.entity_id),
                    Cell(e.reason, kChangesShown), Cell(e.changes, kChangesShown)});
    }
    context.out() << report::RenderText(table);
    const int64_t offset = request_.offset.empty() ? 0 : std::stoll(request_.offset);
    context.out() << "entries " << offset + 1 << " to "
                  << offset + static_cast<int64_t>(page.items.size()) << " of " << page.total
                  << ", newest first\n";
    return Status::Ok();
  }

  Status Export(Context& context, app::Services& services) {
    app::Params params = request_.filters.ToParams();
    if (!request_.reason.empty()) params.emplace_back("reason", request_.reason);
    LOOKOUT_ASSIGN_OR_RETURN(
        app::AuditExport exported,
        app::ExportAudit(services, context.actor(), params, request_.file_format));
    LOOKOUT_RETURN_IF_ERROR(io::WriteWholeFile(request_.output, exported.bytes));
    context.out() << "exported " << exported.count << " audit entr"
                  << (exported.count == 1 ? "y" : "ies") << " to " << request_.output
                  << " (the export is recorded in the trail)\n";
    return Status::Ok();
  }

  AuditRequest request_;
  CLI::App* verify_ = nullptr;
  CLI::App* list_ = nullptr;
  CLI::App* export_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> MakeAuditCommand() { return std::make_unique<AuditCommand>(); }

}  // namespace lookout::cli
