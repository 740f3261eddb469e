// The fixture the HTTP tests share: a fresh SQLite database per test with the reference
// data and the programme, the use cases and accounts over it, and the API served by the
// real server on an ephemeral loopback port, with helpers to call it as a script (API
// token) or as a browser (session cookie and CSRF token).
#ifndef LOOKOUT_TESTS_HTTP_API_FIXTURE_H_
#define LOOKOUT_TESTS_HTTP_API_FIXTURE_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/accounts/accounts.h"
#include "app/records/services.h"
#include "auth_test_util.h"
#include "core/time.h"
#include "http/server.h"
#include "store/store.h"

namespace lookout::http {

// 2026-03-10 09:00 UTC, the time every HTTP test runs at.
int64_t TestNow();

// The token of a "lookout_session=TOKEN; ..." Set-Cookie value, or "".
std::string CookieToken(const std::string& set_cookie);

// A browser session: its cookie's token and CSRF token.
struct Browser {
  std::string token;
  std::string csrf;
  httplib::Headers Cookie() const { return {{"Cookie", "lookout_session=" + token}}; }
  httplib::Headers WithCsrf() const {
    return {{"Cookie", "lookout_session=" + token}, {"X-CSRF-Token", csrf}};
  }
};

class ApiServerTest : public ::testing::Test {
 protected:
  ApiServerTest();

  void SetUp() override;
  void TearDown() override;

  // What the server is started with (SetUp); the log goes to Log().
  virtual std::string ServerVersion() const { return "test"; }
  // Whether the server answers with the web pages too (with a stand-in stylesheet in a
  // temporary assets folder), or with the API only.
  virtual bool ServeWebPages() const { return false; }
  // The server's trusted proxies and its metrics token: none by default.
  virtual std::vector<std::string> TrustedProxies() const { return {}; }
  virtual std::string MetricsToken() const { return ""; }
  // The web pages' public-url setting: none by default.
  virtual std::string PublicUrl() const { return ""; }

  // A client of the server; with a token, every request carries it as a Bearer token.
  httplib::Client Client(const std::string& token = "");

  httplib::Result SignInRequest(const std::string& email, const std::string& password);
  // Signs in over HTTP; fails the test unless the answer is 200 with a cookie.
  Browser SignIn(const std::string& email, const std::string& password);
  Browser SignIn(const authtest::TestUser& user) { return SignIn(user.email, user.password); }

  // The server's log lines so far.
  std::vector<std::string> Log();

  FixedClock clock_;
  std::string db_path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<app::Services> services_;
  std::unique_ptr<app::Accounts> accounts_;
  std::unique_ptr<Server> server_;

 private:
  void RemoveDatabase();

  std::string assets_dir_;
  std::mutex log_mutex_;
  std::vector<std::string> log_;
};

}  // namespace lookout::http

#endif  // LOOKOUT_TESTS_HTTP_API_FIXTURE_H_
