// lookout config check [serve's options]
#include <arpa/inet.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>

#include "cli/command.h"
#include "cli/config.h"
#include "cli/serve_steps.h"
#include "report/table.h"

namespace lookout::cli {

namespace {

bool IsIpAddress(const std::string& text) {
  unsigned char buffer[sizeof(struct in6_addr)];
  return ::inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         ::inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

bool Readable(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), R_OK) == 0;
}

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

class ConfigCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer(HelpText(
        "`lookout config check` prints the configuration `lookout serve` would run with "
        "(secrets masked) and where each value came from: a flag, an environment variable "
        "LOOKOUT_*, the configuration file, or the default, in that order of precedence. It "
        "checks every value (addresses, files, the assets folder, that the database answers "
        "and has the schema this lookout needs) and exits with 1, naming each key that is "
        "wrong. Give it the same flags as `lookout serve` to check those too."));
    check_ = app.add_subcommand("check", "Print and check the effective configuration");
    AddServeOptions(*check_, request_);
    app.require_subcommand(1);
  }

  Status Execute(Context& context) override {
    const Invocation& inv = context.invocation();
    static const ConfigFile kNone;
    const ConfigFile& file = inv.config != nullptr ? *inv.config : kNone;
    context.out() << "Configuration file: "
                  << (file.path.empty()
                          ? std::string("none")
                          : file.path + " (" +
                                (file.named_by == "default" ? "the default"
                                                            : "named by " + file.named_by) +
                                ")")
                  << "\n";

    report::Table table;
    table.columns = {"key", "value", "from", "environment variable"};
    for (const SettingSpec& spec : SettingSpecs()) {
      const SettingSource source = SourceOf(spec.key, inv.argc, inv.argv, file);
      table.AddRow({std::string(spec.key), Shown(spec, context),
                    std::string(SettingSourceName(source)), EnvName(spec.key)});
    }
    context.out() << report::RenderText(table);

    std::vector<FieldError> problems = CheckValues();
    std::string database_state;
    if (Status db = CheckDatabase(context, &database_state); !db.ok()) {
      problems.push_back({"database", db.message()});
    }
    if (!database_state.empty()) context.out() << "Database: " << database_state << "\n";
    if (!problems.empty()) {
      const size_t n = problems.size();
      return Status(
          ErrorCode::kBadRequest,
          "The configuration has " + std::to_string(n) + " problem" + (n == 1 ? "" : "s") + ":",
          std::move(problems));
    }
    context.out() << "The configuration is valid.\n";
    return Status::Ok();
  }

 private:
  std::string Shown(const SettingSpec& spec, Context& context) const {
    const std::string key(spec.key);
    if (key == "database") return context.database_label();
    if (key == "bind") return request_.bind;
    if (key == "port") return std::to_string(request_.port);
    if (key == "workers") return std::to_string(request_.workers);
    if (key == "tls-cert") return request_.tls_cert.empty() ? "(none)" : request_.tls_cert;
    if (key == "tls-key") return request_.tls_key.empty() ? "(none)" : request_.tls_key;
    if (key == "trusted-proxy") {
      return request_.trusted_proxies.empty() ? "(none)" : Join(request_.trusted_proxies);
    }
    if (key == "assets-dir") return request_.assets_dir;
    if (key == "metrics-token") return request_.metrics_token.empty() ? "(none)" : "***";
    if (key == "public-url") {
      return request_.public_url.empty()
                 ? "(none: report links follow the address each browser used)"
                 : request_.public_url;
    }
    return "";
  }

  std::vector<FieldError> CheckValues() const {
    std::vector<FieldError> problems;
    if (!IsIpAddress(request_.bind)) {
      problems.push_back({"bind", "\"" + request_.bind + "\" is not an IPv4 or IPv6 address"});
    }
    for (const std::string& proxy : request_.trusted_proxies) {
      if (!IsIpAddress(proxy)) {
        problems.push_back({"trusted-proxy", "\"" + proxy + "\" is not an IPv4 or IPv6 address"});
      }
    }
    if (!request_.tls_cert.empty() && !Readable(request_.tls_cert)) {
      problems.push_back({"tls-cert", "cannot read the file " + request_.tls_cert});
    }
    if (!request_.tls_key.empty() && !Readable(request_.tls_key)) {
      problems.push_back({"tls-key", "cannot read the file " + request_.tls_key});
    }
    if (!Readable((std::filesystem::path(request_.assets_dir) / "lookout.css").string())) {
      problems.push_back({"assets-dir", "no lookout.css in " + request_.assets_dir +
                                            ": the web pages' assets are not there"});
    }
    return problems;
  }

  // Whether the database answers with the schema this lookout needs. A SQLite file that
  // does not exist yet is fine when its folder can be created or written: serve creates it.
  static Status CheckDatabase(Context& context, std::string* state) {
    const std::string path = context.SqlitePath();
    if (!path.empty()) {
      std::error_code ec;
      if (!std::filesystem::exists(path, ec)) {
        std::filesystem::path folder = std::filesystem::absolute(path, ec).parent_path();
        while (!folder.empty() && !std::filesystem::exists(folder, ec) &&
               folder != folder.parent_path()) {
          folder = folder.parent_path();
        }
        if (::access(folder.c_str(), W_OK) != 0) {
          return Status::BadRequest("there is no database at " + path + " and the folder " +
                                    folder.string() + " is not writable, so none can be created");
        }
        *state = "no database at " + path + " yet; `lookout serve` or `lookout init` creates it";
        return Status::Ok();
      }
    }
    // The same checks every command makes before using the database (a wrong kind of URL,
    // no answer, no tables, an older or a newer schema), with the same messages.
    LOOKOUT_ASSIGN_OR_RETURN(store::Store * store, context.OpenStore(OpenMode::kExisting));
    LOOKOUT_ASSIGN_OR_RETURN(int version, store->SchemaVersion());
    *state = "answers, schema version " + std::to_string(version) + " (this lookout's)";
    return Status::Ok();
  }

  CLI::App* check_ = nullptr;
  ServeRequest request_;
};

}  // namespace

std::unique_ptr<Command> MakeConfigCommand() { return std::make_unique<ConfigCommand>(); }

}  // namespace lookout::cli
