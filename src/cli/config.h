// Lookout's configuration: one table of settings, each settable in three places besides its
// default, with one precedence everywhere:
//
//   command-line flag (--port 8080)
//     > environment variable (LOOKOUT_PORT=8080)
//       > configuration file (port = 8080)
//         > the built-in default.
//
// The configuration file is the one named by --config, else by LOOKOUT_CONFIG, else
// /etc/lookout/lookout.conf when that file exists (a missing default file is no error; a
// missing file named explicitly is). Its format is `key = value` lines in TOML style:
// strings in double quotes, numbers bare, lists as ["a", "b"], `#` comments; keys are the
// long flag names (database, bind, port, ...). An unknown key is an error naming the key.
//
// How it is applied: the settings are ordinary CLI11 options of the commands that use them
// (`--database` on every command, `--port` on `serve` and `demo`, ...). ApplyConfig gives
// each such option its environment variable and, when the file sets the key, makes the
// file's value the option's default, so CLI11 itself enforces the precedence above.
// `lookout config check` reports where each effective value came from (see
// config_command.cc).
#ifndef LOOKOUT_CLI_CONFIG_H_
#define LOOKOUT_CLI_CONFIG_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace CLI {
class App;
}

namespace lookout::cli {

struct SettingSpec {
  std::string_view key;  // "trusted-proxy": the flag without its dashes, the file's key
  bool secret = false;   // masked by `config check` and never printed
  bool list = false;     // takes several values (a TOML list; commas in the environment)
};

// Every setting, in the order `config check` prints them.
const std::vector<SettingSpec>& SettingSpecs();
// "LOOKOUT_TRUSTED_PROXY" for "trusted-proxy".
std::string EnvName(std::string_view key);

inline constexpr std::string_view kDefaultConfigPath = "/etc/lookout/lookout.conf";

struct ConfigFile {
  std::string path;      // the file read; empty when none was
  std::string named_by;  // "--config", "LOOKOUT_CONFIG" or "default"
  std::map<std::string, std::vector<std::string>> values;  // key -> value(s)
};

// Finds and reads the configuration file: `--config PATH` (or `--config=PATH`) in argv,
// else LOOKOUT_CONFIG, else kDefaultConfigPath when it exists. An explicit path that
// cannot be read, an unknown key or a section header is an error naming the file and key.
// `--config ""` (or LOOKOUT_CONFIG="") reads no file at all.
Result<ConfigFile> LoadConfigFile(int argc, const char* const* argv);

// Declares --config on `app` (for --help) and gives every option of `app` and of its
// subcommands that is a setting its LOOKOUT_* environment variable and, when `file` sets
// the key, the file's value as its default. Call after every option is declared and
// before parsing.
void ApplyConfig(CLI::App& app, const ConfigFile& file, std::string* config_flag);

enum class SettingSource { kFlag, kEnvironment, kFile, kDefault };
std::string_view SettingSourceName(SettingSource source);

// Where the value of `key` came from, given the command line and the file read.
SettingSource SourceOf(std::string_view key, int argc, const char* const* argv,
                       const ConfigFile& file);

}  // namespace lookout::cli

#endif  // LOOKOUT_CLI_CONFIG_H_
