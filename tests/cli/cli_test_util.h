// Helpers for the command-line tests: they run the real `lookout` binary (LOOKOUT_BINARY)
// as a subprocess in a temporary folder, on temporary databases and files.
#ifndef LOOKOUT_TESTS_CLI_CLI_TEST_UTIL_H_
#define LOOKOUT_TESTS_CLI_CLI_TEST_UTIL_H_

#include <filesystem>
#include <string>
#include <vector>

namespace lookout::cli::clitest {

struct RunResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error (a file, so never a terminal)
};

// A folder under the system's temporary folder, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The binary under test and the source tree (from the environment ctest sets).
std::string Binary();
std::filesystem::path SourceDir();
std::filesystem::path FixtureDir(const std::string& name);

// Runs `lookout args...` in `cwd` with LOOKOUT_DATABASE unset, standard input empty and
// standard output and error captured through files. `extra_env` ("NAME=value" entries)
// is added to the environment, replacing variables of the same name.
RunResult RunLookout(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                     const std::vector<std::string>& extra_env = {});

// Runs `lookout args...` with a pseudo-terminal as standard input, output and error, and
// returns everything it printed there (in `out`).
RunResult RunOnTerminal(const std::vector<std::string>& args, const std::filesystem::path& cwd);

// A `lookout` process running in the background, its output going to files.
class Background {
 public:
  Background(const std::vector<std::string>& args, const std::filesystem::path& cwd);
  ~Background();  // kills the process if it still runs
  // Waits until standard output contains `text` or the process ends; returns whether it
  // appeared. Gives up after `seconds`.
  bool WaitForOutput(const std::string& text, int seconds);
  // Sends `signal` and waits for the process to end; returns its exit code.
  int StopWith(int signal);
  std::string out() const;
  std::string err() const;

 private:
  TempDir capture_;
  int pid_ = -1;
};

// The kinds of the example programme (fixtures/programme), one file each, in an order
// `lookout import all` accepts; all but the programme itself, which `lookout init` records.
extern const std::vector<std::string> kProgrammeKinds;

std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& bytes);
// Number of lines (records, when no value spans lines) in a CSV text, header excluded.
int CsvRecordCount(const std::string& csv);

}  // namespace lookout::cli::clitest

#endif  // LOOKOUT_TESTS_CLI_CLI_TEST_UTIL_H_
