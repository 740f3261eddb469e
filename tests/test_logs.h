// Keeping every server log line a test sees, for the log scan at the end of the run.
//
// KeepLogLine appends the line to a file of this process in the folder named by
// LOOKOUT_TEST_LOG_DIR, or else in `test-logs` beside the test binary when that folder
// exists (ctest's log_scan_setup creates it in the build folder). tests/ops/log_scan.mjs
// then checks every line of the whole run for secrets (passwords, session and CSRF tokens,
// API tokens, cookies) and for fields a request log must not have. Without either folder
// it does nothing.
#ifndef LOOKOUT_TESTS_TEST_LOGS_H_
#define LOOKOUT_TESTS_TEST_LOGS_H_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <string_view>

namespace lookout::testlogs {

inline void KeepLogLine(std::string_view line) {
  static std::mutex mutex;
  static std::ofstream* file = [] {
    std::string dir;
    if (const char* env = std::getenv("LOOKOUT_TEST_LOG_DIR"); env != nullptr && *env != '\0') {
      dir = env;
    } else {
      std::error_code ec;
      const std::filesystem::path beside =
          std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() / "test-logs";
      if (ec || !std::filesystem::is_directory(beside, ec))
        return static_cast<std::ofstream*>(nullptr);
      dir = beside.string();
    }
    char name[64] = "test";
    if (FILE* comm = std::fopen("/proc/self/comm", "r")) {
      if (std::fgets(name, sizeof name, comm) == nullptr) name[0] = '\0';
      std::fclose(comm);
      for (char* c = name; *c != '\0'; ++c) {
        if (*c == '\n') *c = '\0';
      }
    }
    return new std::ofstream(
        std::string(dir) + "/" + name + "." + std::to_string(::getpid()) + ".log", std::ios::app);
  }();
  if (file == nullptr) return;
  std::lock_guard<std::mutex> lock(mutex);
  *file << line << '\n';
  file->flush();
}

}  // namespace lookout::testlogs

#endif  // LOOKOUT_TESTS_TEST_LOGS_H_
