#include "api_fixture.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "app/records/reference_data.h"
#include "http/api/api.h"
#include "http/ui/ui.h"
#include "test_logs.h"

namespace lookout::http {

int64_t TestNow() { return Date{2026, 3, 10}.DaysSinceEpoch() * 86400 + 9 * 3600; }

std::string CookieToken(const std::string& set_cookie) {
  std::smatch m;
  if (!std::regex_search(set_cookie, m, std::regex("^lookout_session=([^;]*)"))) return "";
  return m[1];
}

ApiServerTest::ApiServerTest() : clock_(TestNow()) {}

void ApiServerTest::SetUp() {
  static std::atomic<int> counter{0};
  db_path_ = ::testing::TempDir() + "lookout_http_test_" + std::to_string(::getpid()) + "_" +
             std::to_string(counter++) + ".db";
  RemoveDatabase();
  auto store = store::Open("sqlite:" + db_path_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  store_ = std::move(store).value();
  auto migrated = store_->Migrate(false);
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
  services_ = std::make_unique<app::Services>(*store_, clock_);
  auto loaded = app::LoadReferenceData(*services_, app::Actor::System());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto programme = app::EnsureProgramme(*services_, app::Actor::System(), {});
  ASSERT_TRUE(programme.ok()) << programme.status().ToString();
  auto accounts = app::Accounts::Create(*store_, clock_, authtest::FastAccountOptions());
  ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
  accounts_ = std::move(accounts).value();

  Server::Options options;
  options.trusted_proxies = TrustedProxies();
  options.log = [this](std::string_view line) {
    std::lock_guard<std::mutex> lock(log_mutex_);
    testlogs::KeepLogLine(line);
    log_.emplace_back(line);
  };
  auto server = [&]() -> Result<std::unique_ptr<Server>> {
    if (!ServeWebPages()) {
      return StartApiServer(*services_, *accounts_, options,
                            {.version = ServerVersion(), .metrics_token = MetricsToken()});
    }
    assets_dir_ = db_path_ + "-assets";
    std::filesystem::create_directories(assets_dir_);
    std::ofstream(assets_dir_ + "/lookout.css") << "body { margin: 0 }\n";
    std::ofstream(assets_dir_ + "/favicon.ico") << "stand-in icon\n";
    return ui::StartWebServer(*services_, *accounts_, options,
                              {.version = ServerVersion(), .metrics_token = MetricsToken()},
                              {.assets_dir = assets_dir_, .version = ServerVersion(), .public_url = PublicUrl()});
  }();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  server_ = std::move(server).value();
}

void ApiServerTest::TearDown() {
  if (server_) server_->Stop();
  server_.reset();
  accounts_.reset();
  services_.reset();
  store_.reset();
  RemoveDatabase();
}

void ApiServerTest::RemoveDatabase() {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::remove((db_path_ + suffix).c_str());
  }
  if (!assets_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(assets_dir_, ec);
  }
}

httplib::Client ApiServerTest::Client(const std::string& token) {
  httplib::Client c("127.0.0.1", server_->port());
  c.set_tcp_nodelay(true);
  c.set_read_timeout(20, 0);
  if (!token.empty()) c.set_default_headers({{"Authorization", "Bearer " + token}});
  return c;
}

httplib::Result ApiServerTest::SignInRequest(const std::string& email,
                                             const std::string& password) {
  nlohmann::json body = {{"email", email}, {"password", password}};
  return Client().Post("/api/v1/session", body.dump(), "application/json");
}

Browser ApiServerTest::SignIn(const std::string& email,
                                             const std::string& password) {
  auto res = SignInRequest(email, password);
  EXPECT_TRUE(res);
  if (!res) return {};
  EXPECT_EQ(res->status, 200) << res->body;
  Browser b;
  b.token = CookieToken(res->get_header_value("Set-Cookie"));
  nlohmann::json body = nlohmann::json::parse(res->body, nullptr, false);
  if (body.is_object() && body.contains("csrf_token")) b.csrf = body["csrf_token"];
  return b;
}

std::vector<std::string> ApiServerTest::Log() {
  std::lock_guard<std::mutex> lock(log_mutex_);
  return log_;
}

}  // namespace lookout::http
