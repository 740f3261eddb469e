#include "cli/config.h"

#include <CLI/CLI.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

namespace lookout::cli {

const std::vector<SettingSpec>& SettingSpecs() {
  static const std::vector<SettingSpec> kSpecs = {
      {"database", true, false},  // a PostgreSQL URL may hold a password
      {"bind"},
      {"port"},
      {"workers"},
      {"tls-cert"},
      {"tls-key"},
      {"trusted-proxy", false, true},
      {"assets-dir"},
      {"metrics-token", true, false},
      {"public-url"},
  };
  return kSpecs;
}

std::string EnvName(std::string_view key) {
  std::string name = "LOOKOUT_";
  for (char c : key) {
    name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

namespace {

const SettingSpec* FindSpec(std::string_view key) {
  for (const SettingSpec& spec : SettingSpecs()) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

std::string KnownKeys() {
  std::string out;
  for (const SettingSpec& spec : SettingSpecs()) {
    out += (out.empty() ? "" : ", ") + std::string(spec.key);
  }
  return out;
}

// The value of `--name VALUE` or `--name=VALUE` in argv, if given.
bool FlagValue(int argc, const char* const* argv, std::string_view name, std::string* value) {
  const std::string flag = "--" + std::string(name);
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == flag) {
      if (value != nullptr) *value = i + 1 < argc ? argv[i + 1] : "";
      return true;
    }
    if (arg.size() > flag.size() && arg.substr(0, flag.size() + 1) == flag + "=") {
      if (value != nullptr) *value = std::string(arg.substr(flag.size() + 1));
      return true;
    }
  }
  return false;
}

// CLI11's reader gives values without their quotes; an unquoted value with spaces or a
// malformed list comes back split, which no setting takes, so it is named as an error.
Status CheckItem(const CLI::ConfigItem& item, const std::string& path) {
  if (item.name == "--") return Status::Ok();  // the end of a section, reported already
  if (!item.parents.empty()) {
    return Status::BadRequest("The configuration file " + path + " has a section [" +
                              item.parents.front() +
                              "]: Lookout's settings are plain `key = "
                              "value` lines without sections.");
  }
  const SettingSpec* spec = FindSpec(item.name);
  if (spec == nullptr) {
    return Status::BadRequest("The configuration file " + path + " sets an unknown key \"" +
                              item.name + "\". Known keys: " + KnownKeys() + ".");
  }
  if (!spec->list && item.inputs.size() != 1) {
    return Status::BadRequest("The configuration file " + path + " gives the key \"" + item.name +
                              "\" " + std::to_string(item.inputs.size()) +
                              " values; it takes one (quote a value that has spaces).");
  }
  return Status::Ok();
}

}  // namespace

Result<ConfigFile> LoadConfigFile(int argc, const char* const* argv) {
  ConfigFile file;
  std::string path;
  if (FlagValue(argc, argv, "config", &path)) {
    file.named_by = "--config";
  } else if (const char* env = std::getenv("LOOKOUT_CONFIG"); env != nullptr) {
    path = env;
    file.named_by = "LOOKOUT_CONFIG";
  } else {
    std::error_code ec;
    if (!std::filesystem::exists(kDefaultConfigPath, ec)) return file;
    path = std::string(kDefaultConfigPath);
    file.named_by = "default";
  }
  if (path.empty()) return file;  // explicitly none

  std::ifstream in(path);
  if (!in) {
    return Status::NotFound("Cannot read the configuration file " + path + " (named by " +
                            file.named_by + ").");
  }
  std::vector<CLI::ConfigItem> items;
  try {
    items = CLI::ConfigTOML().from_config(in);
  } catch (const CLI::Error& e) {
    return Status::BadRequest("The configuration file " + path + " cannot be read: " + e.what());
  }
  file.path = path;
  for (const CLI::ConfigItem& item : items) {
    LOOKOUT_RETURN_IF_ERROR(CheckItem(item, path));
    if (item.name == "--") continue;
    if (file.values.count(item.name) != 0) {
      return Status::BadRequest("The configuration file " + path + " sets the key \"" + item.name +
                                "\" twice.");
    }
    file.values[item.name] = item.inputs;
  }
  return file;
}

namespace {

void ApplyTo(CLI::App& app, const ConfigFile& file) {
  for (const SettingSpec& spec : SettingSpecs()) {
    CLI::Option* option = app.get_option_no_throw("--" + std::string(spec.key));
    if (option == nullptr) continue;
    option->envname(EnvName(spec.key));
    auto it = file.values.find(std::string(spec.key));
    if (it == file.values.end()) continue;
    std::string joined;
    for (const std::string& v : it->second) joined += (joined.empty() ? "" : ",") + v;
    // The file's value becomes the default, which CLI11 uses when neither the flag nor the
    // environment variable gives one; force_callback stores it in the bound variable.
    option->default_str(joined);
    option->force_callback();
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) ApplyTo(*sub, file);
}

}  // namespace

void ApplyConfig(CLI::App& app, const ConfigFile& file, std::string* config_flag) {
  app.add_option("--config", *config_flag,
                 "The configuration file (default /etc/lookout/lookout.conf when it exists; "
                 "\"\" for none)")
      ->envname("LOOKOUT_CONFIG");
  ApplyTo(app, file);
}

std::string_view SettingSourceName(SettingSource source) {
  switch (source) {
    case SettingSource::kFlag:
      return "flag";
    case SettingSource::kEnvironment:
      return "environment";
    case SettingSource::kFile:
      return "file";
    case SettingSource::kDefault:
      return "default";
  }
  return "default";
}

SettingSource SourceOf(std::string_view key, int argc, const char* const* argv,
                       const ConfigFile& file) {
  if (FlagValue(argc, argv, key, nullptr)) return SettingSource::kFlag;
  if (const char* env = std::getenv(EnvName(key).c_str()); env != nullptr && *env != '\0') {
    return SettingSource::kEnvironment;
  }
  if (file.values.count(std::string(key)) != 0) return SettingSource::kFile;
  return SettingSource::kDefault;
}

}  // namespace lookout::cli
