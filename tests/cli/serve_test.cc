// `lookout serve` answers HTTP and stops cleanly on SIGINT and SIGTERM.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <regex>

#include "cli_test_util.h"

namespace lookout::cli::clitest {
namespace {

using ::testing::HasSubstr;

// A request on 127.0.0.1:`port` with extra header lines (each ending in "\r\n") and a
// JSON body; the raw response, or "" when the connection failed.
std::string HttpRequest(int port, const std::string& method, const std::string& path,
                        const std::string& headers = "", const std::string& body = "") {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers +
                          "Connection: close\r\n";
    if (!body.empty()) {
      request += "Content-Type: application/json\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n" + body;
    if (::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buffer[4096];
      ssize_t n;
      while ((n = ::read(fd, buffer, sizeof buffer)) > 0) response.append(buffer, n);
    }
  }
  ::close(fd);
  return response;
}

// The session token a sign-in response set, or "".
std::string SessionCookie(const std::string& response) {
  std::smatch m;
  if (!std::regex_search(response, m, std::regex("Set-Cookie: lookout_session=([A-Za-z0-9_-]+);"))) {
    return "";
  }
  return m[1];
}

// A GET on 127.0.0.1:`port`; the raw response, or "" when the connection failed.
std::string HttpGet(int port, const std::string& path) { return HttpRequest(port, "GET", path); }

int PortOf(const std::string& out) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex("http://127\\.0\\.0\\.1:([0-9]+)/"))) return 0;
  return std::stoi(m[1]);
}

class CliServe : public ::testing::TestWithParam<int> {};

TEST_P(CliServe, ServesTheApiAndStopsCleanlyOnSignal) {
  TempDir dir;
  const std::string password = "a long phrase for the first sign-in";
  RunResult init = RunLookout({"--database", "sqlite:" + (dir / "db.sqlite"), "init",
                               "--admin-email", "admin@example.org"},
                              dir.path(), {"LOOKOUT_ADMIN_PASSWORD=" + password});
  ASSERT_EQ(init.exit_code, 0) << init.out << init.err;
  Background server({"--database", "sqlite:" + (dir / "db.sqlite"), "serve", "--port", "0",
                     "--workers", "2"},
                    dir.path());
  ASSERT_TRUE(server.WaitForOutput("Press Ctrl-C to stop.", 30)) << server.out() << server.err();
  const int port = PortOf(server.out());
  ASSERT_GT(port, 0) << server.out();
  EXPECT_THAT(HttpGet(port, "/healthz"), HasSubstr("200 OK"));
  EXPECT_THAT(HttpGet(port, "/api/v1/regions"), HasSubstr("401 Unauthorized"));
  const std::string signed_in =
      HttpRequest(port, "POST", "/api/v1/session", "",
                  R"({"email": "admin@example.org", "password": ")" + password + R"("})");
  EXPECT_THAT(signed_in, HasSubstr("200 OK"));
  const std::string cookie = SessionCookie(signed_in);
  ASSERT_FALSE(cookie.empty()) << signed_in;
  EXPECT_THAT(HttpRequest(port, "GET", "/api/v1/regions",
                          "Cookie: lookout_session=" + cookie + "\r\n"),
              HasSubstr("\"items\""));
  EXPECT_EQ(server.StopWith(GetParam()), 0) << server.err();
  EXPECT_THAT(server.out(), HasSubstr("Stopped."));
  EXPECT_EQ(HttpGet(port, "/healthz"), "");  // nobody listens any more
}

INSTANTIATE_TEST_SUITE_P(Signals, CliServe, ::testing::Values(SIGINT, SIGTERM));

TEST(CliServeMetrics, TheHelpNamesTheMetricsToken) {
  TempDir dir;
  RunResult help = RunLookout({"serve", "--help"}, dir.path());
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_THAT(help.out, HasSubstr("--metrics-token"));
  EXPECT_THAT(help.out, HasSubstr("LOOKOUT_METRICS_TOKEN"));
  EXPECT_THAT(help.out, HasSubstr("GET /metrics"));
}

// The metrics: served to this machine; with the token, to a request that came through a
// proxy too.
TEST(CliServeMetrics, ServesTheMetricsToThisMachineAndToTheToken) {
  TempDir dir;
  const std::string token = "metrics-0123456789abcdef";
  Background server({"--database", "sqlite:" + (dir / "m.db"), "serve", "--port", "0",
                     "--metrics-token", token},
                    dir.path());
  ASSERT_TRUE(server.WaitForOutput("Press Ctrl-C to stop.", 30)) << server.err();
  const int port = PortOf(server.out());
  ASSERT_GT(port, 0) << server.out();
  const std::string local = HttpGet(port, "/metrics");
  EXPECT_THAT(local, HasSubstr("200 OK"));
  EXPECT_THAT(local, HasSubstr("Content-Type: text/plain; version=0.0.4; charset=utf-8"));
  EXPECT_THAT(local, HasSubstr("lookout_build_info{version=\""));
  const std::string proxied = "X-Forwarded-For: 198.51.100.7\r\n";
  EXPECT_THAT(HttpRequest(port, "GET", "/metrics", proxied), HasSubstr("403 Forbidden"));
  EXPECT_THAT(HttpRequest(port, "GET", "/metrics", proxied + "Authorization: Bearer " + token + "\r\n"),
              HasSubstr("200 OK"));
  EXPECT_EQ(server.StopWith(SIGTERM), 0);
  EXPECT_THAT(server.out() + server.err(), ::testing::Not(HasSubstr(token)));
}

TEST(CliServeMetrics, RefusesAWeakMetricsTokenWithoutRepeatingIt) {
  TempDir dir;
  for (const std::string& token : {std::string("tooShortSecret"), std::string("long enough but spaced")}) {
    RunResult r = RunLookout({"--database", "sqlite:" + (dir / "w.db"), "serve", "--port", "0",
                              "--metrics-token", token},
                             dir.path());
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("metrics token")) << r.err;
    EXPECT_THAT(r.out + r.err, ::testing::Not(HasSubstr(token)));
  }
  RunResult env = RunLookout({"--database", "sqlite:" + (dir / "w.db"), "serve", "--port", "0"},
                             dir.path(), {"LOOKOUT_METRICS_TOKEN=shortFromEnv"});
  EXPECT_EQ(env.exit_code, 2) << env.out << env.err;
  EXPECT_THAT(env.err, HasSubstr("at least 16 characters"));
  EXPECT_THAT(env.out + env.err, ::testing::Not(HasSubstr("shortFromEnv")));
}

TEST(CliServeNew, CreatesTheTablesOfANewDatabaseAndSaysSo) {
  TempDir dir;
  Background server({"--database", "sqlite:" + (dir / "new.db"), "serve", "--port", "0"},
                    dir.path());
  ASSERT_TRUE(server.WaitForOutput("Press Ctrl-C to stop.", 30)) << server.err();
  EXPECT_THAT(server.out(), HasSubstr("lookout init"));
  EXPECT_THAT(server.out(), HasSubstr("No one can sign in yet"));
  EXPECT_EQ(server.StopWith(SIGTERM), 0);
}

TEST(CliServeNew, AnAddressInUseIsAFailure) {
  TempDir dir;
  Background first({"--database", "sqlite:" + (dir / "a.db"), "serve", "--port", "0"},
                   dir.path());
  ASSERT_TRUE(first.WaitForOutput("Press Ctrl-C to stop.", 30)) << first.err();
  const int port = PortOf(first.out());
  RunResult second = RunLookout(
      {"--database", "sqlite:" + (dir / "a.db"), "serve", "--port", std::to_string(port)},
      dir.path());
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_THAT(second.err, HasSubstr("lookout: "));
  EXPECT_EQ(first.StopWith(SIGINT), 0);
}

}  // namespace
}  // namespace lookout::cli::clitest
