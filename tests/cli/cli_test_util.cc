#include "cli_test_util.h"

#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "test_logs.h"

namespace lookout::cli::clitest {

namespace {

std::vector<char*> Argv(const std::string& binary, const std::vector<std::string>& args,
                        std::vector<std::string>& storage) {
  storage.clear();
  storage.push_back(binary);
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  return argv;
}

// The environment of the parent without LOOKOUT_DATABASE, with `extra` ("NAME=value")
// added, built before fork() so the child only calls exec. LOOKOUT_CONFIG is empty unless
// `extra` sets it, so a configuration file installed on the machine changes no test.
struct Environment {
  std::vector<std::string> storage;
  std::vector<char*> envp;
  explicit Environment(const std::vector<std::string>& extra = {}) {
    auto replaced = [&](const char* entry) {
      for (const std::string& e : extra) {
        const size_t name = e.find('=') + 1;
        if (std::strncmp(entry, e.c_str(), name) == 0) return true;
      }
      return false;
    };
    for (char** e = environ; *e != nullptr; ++e) {
      if (std::strncmp(*e, "LOOKOUT_DATABASE=", 17) != 0 &&
          std::strncmp(*e, "LOOKOUT_CONFIG=", 15) != 0 && !replaced(*e)) {
        storage.emplace_back(*e);
      }
    }
    if (!replaced("LOOKOUT_CONFIG=")) storage.emplace_back("LOOKOUT_CONFIG=");
    storage.insert(storage.end(), extra.begin(), extra.end());
    for (std::string& s : storage) envp.push_back(s.data());
    envp.push_back(nullptr);
  }
};

int ExitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "lookout-cli-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string Binary() {
  const char* binary = std::getenv("LOOKOUT_BINARY");
  if (binary != nullptr && *binary != '\0') return binary;
  // The build puts the executables side by side: the lookout beside this test binary.
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::filesystem::path beside = self.parent_path() / "lookout";
  if (!ec && std::filesystem::exists(beside)) return beside.string();
  throw std::runtime_error("LOOKOUT_BINARY is not set and there is no lookout beside the test "
                           "binary: set LOOKOUT_BINARY to the lookout executable");
}

std::filesystem::path SourceDir() {
  const char* dir = std::getenv("LOOKOUT_SOURCE_DIR");
  if (dir == nullptr || *dir == '\0') {
    throw std::runtime_error("LOOKOUT_SOURCE_DIR is not set: run the tests through ctest");
  }
  return dir;
}

std::filesystem::path FixtureDir(const std::string& name) {
  return SourceDir() / "tests" / "cli" / "fixtures" / name;
}

RunResult RunLookout(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                     const std::vector<std::string>& extra_env) {
  const std::string binary = Binary();
  TempDir capture;
  const std::string out_path = capture / "stdout";
  const std::string err_path = capture / "stderr";
  std::vector<std::string> storage;
  std::vector<char*> argv = Argv(binary, args, storage);
  Environment env(extra_env);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    // The child: only async-signal-safe calls until exec.
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(argv[0], argv.data(), env.envp.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  RunResult result;
  result.exit_code = ExitCode(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

RunResult RunOnTerminal(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
  const std::string binary = Binary();
  std::vector<std::string> storage;
  std::vector<char*> argv = Argv(binary, args, storage);
  Environment env;
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error(std::string("forkpty: ") + std::strerror(errno));
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(127);
    ::execve(argv[0], argv.data(), env.envp.data());
    ::_exit(127);
  }
  RunResult result;
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n > 0) {
      result.out.append(buffer, static_cast<size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EOF, or EIO once the child has closed the terminal
    }
  }
  ::close(master);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = ExitCode(status);
  return result;
}

Background::Background(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
  const std::string binary = Binary();
  const std::string out_path = capture_ / "stdout";
  const std::string err_path = capture_ / "stderr";
  std::vector<std::string> storage;
  std::vector<char*> argv = Argv(binary, args, storage);
  Environment env;
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(argv[0], argv.data(), env.envp.data());
    ::_exit(127);
  }
}

Background::~Background() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  // The server's log (standard error) joins the run's log scan.
  const std::string log = err();
  for (size_t start = 0; start < log.size();) {
    size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    testlogs::KeepLogLine(std::string_view(log).substr(start, end - start));
    start = end + 1;
  }
}

bool Background::WaitForOutput(const std::string& text, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    if (out().find(text) != std::string::npos) return true;
    int status = 0;
    if (pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return out().find(text) != std::string::npos;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int Background::StopWith(int signal) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return ExitCode(status);
}

std::string Background::out() const { return ReadFile(capture_.path() / "stdout"); }
std::string Background::err() const { return ReadFile(capture_.path() / "stderr"); }

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

int CsvRecordCount(const std::string& csv) {
  int lines = 0;
  for (char c : csv) lines += c == '\n' ? 1 : 0;
  return lines - 1;
}

}  // namespace lookout::cli::clitest
