// lookout retention run [--dry-run] [--settings FILE] [--archive-after-months N] ...
#include <CLI/CLI.hpp>
#include <map>

#include "app/ops/retention.h"
#include "cli/command.h"
#include "io/files.h"
#include "report/table.h"

namespace lookout::cli {

namespace {

struct RetentionRequest {
  bool dry_run = false;
  std::string config;
  std::map<std::string, std::string> settings;  // from the flags, by policy key
};

// "--archive-after-months" for "archive_after_months".
std::string FlagName(const std::string& key) {
  std::string out = "--" + key;
  for (char& c : out) c = c == '_' ? '-' : c;
  return out;
}

std::string Verb(const std::string& action) {
  if (action == "retention_archive") return "archive";
  if (action == "retention_anonymise") return "anonymise";
  if (action == "retention_delete") return "delete";
  return action;
}

class RetentionCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "Applies the retention policy (docs/retention.md): archives insight past its review "
        "date (or, without one, long after it was received) unless an open task answers "
        "it; anonymises insight archived long ago; deletes anonymised insight no task "
        "refers to once it is old enough; deletes old sessions and sign-in attempts. Every "
        "action is recorded in the audit trail. Settings come from the defaults, then "
        "--settings FILE (lines of 'setting = value', or a JSON object), then the flags."));
    app.require_subcommand(1, 1);
    app.fallthrough();
    run_ = app.add_subcommand("run", "Apply the retention policy now");
    run_->fallthrough();
    run_->add_flag("--dry-run", request_.dry_run, "List what would be done; change nothing");
    run_->add_option("--settings", request_.config, "A file of retention settings");
    const app::RetentionPolicy defaults;
    const std::string text = defaults.ToText();
    for (const std::string& key : app::RetentionPolicy::Keys()) {
      run_->add_option(FlagName(key), request_.settings[key],
                       "Override " + key + " (default: " + DefaultOf(text, key) + ")");
    }
  }

  Status Parse() override {
    // Flags are checked here, so that a bad one is a usage error (exit 2); the file is
    // read in Execute.
    app::RetentionPolicy checked;
    std::vector<FieldError> errors;
    for (const auto& [key, value] : request_.settings) {
      if (value.empty()) continue;
      Status set = checked.Set(key, value);
      for (const FieldError& e : set.fields()) errors.push_back({FlagName(key), e.message});
    }
    if (!errors.empty()) return Status::Validation(std::move(errors), "Bad retention settings.");
    return Status::Ok();
  }

  Status Execute(Context& context) override {
    app::RetentionPolicy policy;
    if (!request_.config.empty()) {
      LOOKOUT_ASSIGN_OR_RETURN(std::string text, io::ReadWholeFile(request_.config));
      Status loaded = policy.Load(text);
      if (!loaded.ok()) {
        return Status(loaded.code(),
                      "The retention settings in " + request_.config + " are not valid.",
                      loaded.fields());
      }
    }
    for (const auto& [key, value] : request_.settings) {
      if (!value.empty()) LOOKOUT_RETURN_IF_ERROR(policy.Set(key, value));
    }

    LOOKOUT_ASSIGN_OR_RETURN(app::Services * services, context.OpenServices(OpenMode::kExisting));
    LOOKOUT_ASSIGN_OR_RETURN(
        app::RetentionReport report,
        app::RunRetention(*services, context.actor(), policy, request_.dry_run));

    std::ostream& out = context.out();
    out << "retention policy applied as of " << report.today
        << (report.dry_run ? " (dry run: nothing was changed)" : "") << "\n";
    std::string settings = policy.ToText();
    for (size_t start = 0; start < settings.size();) {
      size_t end = settings.find('\n', start);
      out << "  " << settings.substr(start, end - start) << "\n";
      start = end + 1;
    }
    if (report.dry_run) {
      // Insight one by one; sessions and sign-in attempts may be many: counted below.
      for (const app::RetentionAction& a : report.actions) {
        if (a.entity != "insight") continue;
        out << "would " << Verb(a.action) << " " << a.entity << " " << a.id << ": " << a.rule
            << "\n";
      }
    }
    if (report.actions.empty()) {
      out << "nothing is due under the policy\n";
      return Status::Ok();
    }
    report::Table table;
    table.columns = {"action", "kind", report.dry_run ? "would be" : "done"};
    for (const auto& [key, count] : report.Summary()) {
      const size_t space = key.find(' ');
      table.AddRow({key.substr(0, space), key.substr(space + 1), std::to_string(count)});
    }
    out << report::RenderText(table);
    return Status::Ok();
  }

 private:
  static std::string DefaultOf(const std::string& text, const std::string& key) {
    const std::string prefix = key + " = ";
    size_t at = text.find(prefix);
    if (at == std::string::npos) return "";
    size_t end = text.find('\n', at);
    return text.substr(at + prefix.size(), end - at - prefix.size());
  }

  RetentionRequest request_;
  CLI::App* run_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> MakeRetentionCommand() { return std::make_unique<RetentionCommand>(); }

}  // namespace lookout::cli
