// Signing in over HTTP: the session cookie and its attributes, CSRF, bearer tokens, 401
// for anonymous requests, the forced password change, the account actions and what the
// request log leaves out. The real server on an ephemeral port, a fresh SQLite database
// per test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "app/accounts/accounts.h"
#include "app/records/reference_data.h"
#include "app/records/services.h"
#include "api_fixture.h"
#include "auth_test_util.h"
#include "core/time.h"
#include "http/api/api.h"
#include "store/store.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using json = nlohmann::json;

class AuthApiTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (HasFatalFailure()) return;
    officer_ = authtest::AddTestUser(*services_, *accounts_, "officer", "EM");
    manager_ = authtest::AddTestUser(*services_, *accounts_, "manager");
    admin_ = authtest::AddTestUser(*services_, *accounts_, "admin");
  }

  httplib::Result PostJson(const std::string& path, const json& body,
                           const httplib::Headers& headers) {
    return Client().Post(path.c_str(), headers, body.dump(), "application/json");
  }

  static json PartnerBody(const std::string& name) {
    return {{"name", name}, {"sector", "police"}, {"region", "EM"}};
  }

  // The error code of a JSON error response, after checking its status.
  static std::string ErrorCodeOf(const httplib::Result& res, int status) {
    EXPECT_TRUE(res);
    if (!res) return "";
    EXPECT_EQ(res->status, status) << res->body;
    json body = json::parse(res->body, nullptr, false);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"]["code"];
  }

  // A request as the transport hands it to the router.
  static Request MakeRequest(const std::string& method, const std::string& path,
                             const std::string& body = "", bool secure = false) {
    Request r;
    r.method = method;
    r.target = path;
    r.path = path;
    for (size_t start = 1; start <= path.size();) {
      size_t end = path.find('/', start);
      if (end == std::string::npos) end = path.size();
      r.segments.push_back(path.substr(start, end - start));
      start = end + 1;
    }
    if (!body.empty()) {
      r.headers["content-type"] = "application/json";
      r.body = body;
    }
    r.remote_address = "203.0.113.9";
    r.secure = secure;
    r.request_id = "test-request";
    return r;
  }

  authtest::TestUser officer_;
  authtest::TestUser manager_;
  authtest::TestUser admin_;
};

TEST_F(AuthApiTest, SignInSetsAnHttpOnlyLaxCookieNotMarkedSecureOverPlainHttp) {
  auto res = SignInRequest(manager_.email, manager_.password);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->get_header_value("Set-Cookie"),
              MatchesRegex("lookout_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax"));
  json body = json::parse(res->body);
  EXPECT_EQ(body["staff"], manager_.staff_id);
  EXPECT_EQ(body["role"], "manager");
  EXPECT_EQ(body["region"], nullptr);
  EXPECT_EQ(body["must_change_password"], false);
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 43u);
  EXPECT_THAT(res->body, Not(HasSubstr(manager_.password)));
  EXPECT_THAT(res->body, Not(HasSubstr(CookieToken(res->get_header_value("Set-Cookie")))));

  // The cookie alone is enough to read.
  Browser b{CookieToken(res->get_header_value("Set-Cookie")), body["csrf_token"]};
  auto who = Client().Get("/api/v1/session", b.Cookie());
  ASSERT_TRUE(who);
  ASSERT_EQ(who->status, 200) << who->body;
  EXPECT_EQ(json::parse(who->body)["csrf_token"], b.csrf);
  EXPECT_EQ(json::parse(who->body)["signed_in_with"], "session");
  auto partners = Client().Get("/api/v1/partners", b.Cookie());
  ASSERT_TRUE(partners);
  EXPECT_EQ(partners->status, 200) << partners->body;
}

TEST_F(AuthApiTest, CookiesAreSecureWhenTheRequestCameOverTls) {
  auto router = BuildApiRouter(*services_, *accounts_);
  json credentials = {{"email", manager_.email}, {"password", manager_.password}};
  Response in = router->Handle(MakeRequest("POST", "/api/v1/session", credentials.dump(), true));
  ASSERT_EQ(in.status, 200) << in.body;
  const std::string* cookie = in.Header("Set-Cookie");
  ASSERT_NE(cookie, nullptr);
  EXPECT_THAT(*cookie, MatchesRegex(
                           "lookout_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Secure"));

  Request out = MakeRequest("DELETE", "/api/v1/session", "", true);
  out.headers["cookie"] = "theme=dark; lookout_session=" + CookieToken(*cookie);
  out.headers["x-csrf-token"] = json::parse(in.body)["csrf_token"];
  Response ended = router->Handle(out);
  ASSERT_EQ(ended.status, 200) << ended.body;
  ASSERT_NE(ended.Header("Set-Cookie"), nullptr);
  EXPECT_EQ(*ended.Header("Set-Cookie"),
            "lookout_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0");
}

TEST_F(AuthApiTest, RefusesASignInThatAnotherSitesPageSent) {
  auto router = BuildApiRouter(*services_, *accounts_);
  const std::string credentials = json{{"email", manager_.email}, {"password", manager_.password}}.dump();
  auto sign_in = [&](std::map<std::string, std::string> headers, bool secure = false) {
    Request r = MakeRequest("POST", "/api/v1/session", credentials, secure);
    r.headers["host"] = "lookout.example.org";
    for (auto& [name, value] : headers) r.headers[name] = value;
    return router->Handle(r);
  };
  auto refused = [](const Response& r) {
    return r.status == 403 && r.body.find("\"csrf_failed\"") != std::string::npos &&
           r.Header("Set-Cookie") == nullptr;
  };
  // Another site's page, as browsers say it.
  EXPECT_TRUE(refused(sign_in({{"sec-fetch-site", "cross-site"}})));
  EXPECT_TRUE(refused(sign_in({{"sec-fetch-site", "same-site"}})));
  EXPECT_TRUE(refused(sign_in({{"origin", "https://attacker.example"}})));
  EXPECT_TRUE(refused(sign_in({{"origin", "null"}})));
  EXPECT_TRUE(refused(sign_in({{"origin", "http://lookout.example.org.attacker.example"}})));
  // Sec-Fetch-Site decides when both are sent.
  EXPECT_TRUE(refused(sign_in({{"sec-fetch-site", "cross-site"},
                               {"origin", "http://lookout.example.org"}})));
  // The scheme is part of the origin: a plain-HTTP page may not sign in over TLS.
  EXPECT_TRUE(refused(sign_in({{"origin", "http://lookout.example.org"}}, true)));

  // Lookout's own page, and clients that send neither header (curl, scripts).
  EXPECT_EQ(sign_in({{"sec-fetch-site", "same-origin"}}).status, 200);
  EXPECT_EQ(sign_in({{"origin", "http://lookout.example.org"}}).status, 200);
  EXPECT_EQ(sign_in({{"origin", "HTTPS://Lookout.Example.org:443"}}, true).status, 200);
  EXPECT_EQ(sign_in({}).status, 200);
  // Behind the trusted proxy, the host the browser used is X-Forwarded-Host (the server
  // drops that header from anyone else).
  EXPECT_EQ(sign_in({{"host", "127.0.0.1:8080"},
                     {"x-forwarded-host", "lookout.example.org"},
                     {"origin", "https://lookout.example.org"}},
                    true)
                .status,
            200);
}

TEST_F(AuthApiTest, SignOutEndsTheSessionAndClearsTheCookie) {
  Browser b = SignIn(officer_);
  auto res = Client().Delete("/api/v1/session", b.WithCsrf());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Set-Cookie"),
            "lookout_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  auto after = Client().Get("/api/v1/session", b.Cookie());
  EXPECT_EQ(ErrorCodeOf(after, 401), "unauthenticated");
  EXPECT_THAT(after->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
}

TEST_F(AuthApiTest, SignOutEverywhereEndsEverySessionOfTheUser) {
  Browser first = SignIn(officer_);
  Browser second = SignIn(officer_);
  auto res = Client().Post("/api/v1/session/sign-out-everywhere", second.WithCsrf(), "", "");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["sessions_ended"], 2);
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/partners", first.Cookie()), 401), "unauthenticated");
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/partners", second.Cookie()), 401),
            "unauthenticated");
}

TEST_F(AuthApiTest, RefusesAStateChangingCookieRequestWithoutTheCsrfToken) {
  Browser b = SignIn(manager_);
  EXPECT_EQ(ErrorCodeOf(PostJson("/api/v1/partners", PartnerBody("No token"), b.Cookie()), 403),
            "csrf_failed");
  httplib::Headers wrong = b.Cookie();
  wrong.emplace("X-CSRF-Token", app::RandomToken());
  EXPECT_EQ(ErrorCodeOf(PostJson("/api/v1/partners", PartnerBody("Wrong token"), wrong), 403),
            "csrf_failed");
  // Signing out is state-changing too: another site must not be able to do it.
  EXPECT_EQ(ErrorCodeOf(Client().Delete("/api/v1/session", b.Cookie()), 403), "csrf_failed");
  EXPECT_EQ(ErrorCodeOf(Client().Patch("/api/v1/partners/1", b.Cookie(), "{}", "application/json"),
                        403),
            "csrf_failed");

  auto accepted = PostJson("/api/v1/partners", PartnerBody("With token"), b.WithCsrf());
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 201) << accepted->body;
  auto listed = Client().Get("/api/v1/partners", b.Cookie());  // reads need none
  ASSERT_TRUE(listed);
  EXPECT_EQ(json::parse(listed->body)["total"], 1);
}

TEST_F(AuthApiTest, BearerTokenWorksWithoutACsrfToken) {
  auto res = PostJson("/api/v1/partners", PartnerBody("By script"),
                      {{"Authorization", manager_.Bearer()}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(json::parse(res->body)["created_by"], "staff:" + std::to_string(manager_.staff_id));
  auto who = Client().Get("/api/v1/session", {{"Authorization", manager_.Bearer()}});
  ASSERT_TRUE(who);
  json body = json::parse(who->body);
  EXPECT_EQ(body["signed_in_with"], "api_token");
  EXPECT_FALSE(body.contains("csrf_token"));
}

TEST_F(AuthApiTest, AnswersEveryRouteWith401WhenAnonymous) {
  auto router = BuildApiRouter(*services_, *accounts_);
  int checked = 0;
  for (const Route& route : router->routes()) {
    std::string path = std::regex_replace(route.path, std::regex("\\{[a-z_]+\\}"), "1");
    Response res = router->Handle(MakeRequest(route.method, path, route.json_body ? "{}" : ""));
    // GET /metrics answers by where the request comes from (metrics_test.cc), not 401.
    const bool open = path == "/healthz" || path == "/readyz" || path == "/metrics" ||
                      path == "/api/v1/openapi.json" ||
                      (route.method == "POST" && path == "/api/v1/session");
    if (open) {
      EXPECT_NE(res.status, 401) << route.method << " " << route.path;
    } else {
      EXPECT_EQ(res.status, 401) << route.method << " " << route.path << ": " << res.body;
      EXPECT_THAT(res.body, HasSubstr("\"unauthenticated\"")) << route.path;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);

  // Over the wire too, and with credentials that are not valid.
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/partners"), 401), "unauthenticated");
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/partners",
                                     {{"Authorization", "Bearer lkt_" + app::RandomToken()}}),
                        401),
            "unauthenticated");
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/partners", {{"Authorization", "Basic YTpi"}}), 401),
            "unauthenticated");
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/partners",
                                     {{"Cookie", "lookout_session=" + app::RandomToken()}}),
                        401),
            "unauthenticated");
  auto health = Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(AuthApiTest, RefusesAWrongPasswordAndAnUnknownEmailAlike) {
  auto wrong = SignInRequest(officer_.email, "not the right password");
  auto unknown = SignInRequest("nobody@example.org", officer_.password);
  EXPECT_EQ(ErrorCodeOf(wrong, 401), "unauthenticated");
  EXPECT_EQ(ErrorCodeOf(unknown, 401), "unauthenticated");
  EXPECT_EQ(json::parse(wrong->body)["error"]["message"],
            json::parse(unknown->body)["error"]["message"]);
  EXPECT_EQ(json::parse(wrong->body)["error"]["message"], app::kSignInRefused);
  EXPECT_EQ(wrong->get_header_value("Set-Cookie"), "");
  EXPECT_EQ(ErrorCodeOf(PostJson("/api/v1/session", {{"email", "x@example.org"}}, {}), 422),
            "validation_failed");
}

TEST_F(AuthApiTest, AllowsOnlyThePasswordChangeWhileItMustBeChanged) {
  auto reset = Client().Post(("/api/v1/staff/" + std::to_string(officer_.staff_id) +
                              "/reset-password").c_str(),
                             {{"Authorization", admin_.Bearer()}}, "", "");
  ASSERT_TRUE(reset);
  ASSERT_EQ(reset->status, 200) << reset->body;
  const std::string one_time = json::parse(reset->body)["one_time_password"];

  auto in = SignInRequest(officer_.email, one_time);
  ASSERT_TRUE(in);
  ASSERT_EQ(in->status, 200) << in->body;
  EXPECT_EQ(json::parse(in->body)["must_change_password"], true);
  Browser b{CookieToken(in->get_header_value("Set-Cookie")), json::parse(in->body)["csrf_token"]};

  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/partners", b.Cookie()), 403),
            "password_change_required");
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/api-tokens", b.Cookie()), 403),
            "password_change_required");
  // The reset revoked the officer's API token: whoever held it is out.
  EXPECT_EQ(json::parse(reset->body)["api_tokens_revoked"], 1);
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/partners", {{"Authorization", officer_.Bearer()}}),
                        401),
            "unauthenticated");
  auto who = Client().Get("/api/v1/session", b.Cookie());
  ASSERT_TRUE(who);
  EXPECT_EQ(who->status, 200);

  auto changed = PostJson("/api/v1/account/password",
                          {{"current", one_time}, {"new", "an officer's own new phrase"}},
                          b.WithCsrf());
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 200) << changed->body;
  auto partners = Client().Get("/api/v1/partners", b.Cookie());
  ASSERT_TRUE(partners);
  EXPECT_EQ(partners->status, 200) << partners->body;
}

TEST_F(AuthApiTest, AnApiTokenMayNotChangeItsOwnersPassword) {
  auto res = PostJson("/api/v1/account/password",
                      {{"current", officer_.password}, {"new", "a phrase the thief chose"}},
                      {{"Authorization", officer_.Bearer()}});
  EXPECT_EQ(ErrorCodeOf(res, 403), "session_required");
  // The password is as it was.
  auto in = SignInRequest(officer_.email, officer_.password);
  ASSERT_TRUE(in);
  EXPECT_EQ(in->status, 200) << in->body;
}

TEST_F(AuthApiTest, ChangingThePasswordRevokesEveryApiTokenOfTheAccount) {
  Browser b = SignIn(officer_);
  auto changed = PostJson("/api/v1/account/password",
                          {{"current", officer_.password}, {"new", "an officer's own new phrase"}},
                          b.WithCsrf());
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(json::parse(changed->body)["api_tokens_revoked"], 1);
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/partners", {{"Authorization", officer_.Bearer()}}),
                        401),
            "unauthenticated");
  // The session that changed it goes on; other people's tokens are untouched.
  auto own = Client().Get("/api/v1/partners", b.Cookie());
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  auto other = Client().Get("/api/v1/partners", {{"Authorization", manager_.Bearer()}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
}

TEST_F(AuthApiTest, RevokingAnApiTokenTakesEffectAtOnce) {
  Browser b = SignIn(officer_);
  auto made = PostJson("/api/v1/api-tokens", {{"name", "weekly sync"}, {"expires_on", "2026-06-30"}},
                       b.WithCsrf());
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  json token = json::parse(made->body);
  const std::string raw = token["token"];
  httplib::Headers bearer = {{"Authorization", "Bearer " + raw}};
  auto used = Client().Get("/api/v1/partners", bearer);
  ASSERT_TRUE(used);
  EXPECT_EQ(used->status, 200) << used->body;

  auto listed = Client().Get("/api/v1/api-tokens", b.Cookie());
  ASSERT_TRUE(listed);
  EXPECT_THAT(listed->body, HasSubstr("weekly sync"));
  EXPECT_THAT(listed->body, Not(HasSubstr(raw)));
  EXPECT_THAT(listed->body, Not(HasSubstr(app::TokenHash(raw))));

  // A token cannot make tokens, and another user cannot revoke it.
  EXPECT_EQ(ErrorCodeOf(PostJson("/api/v1/api-tokens",
                                 {{"name", "child"}, {"expires_on", "2026-06-30"}}, bearer),
                        403),
            "forbidden");
  const std::string revoke = "/api/v1/api-tokens/" + std::to_string(token["id"].get<int64_t>()) +
                             "/revoke";
  EXPECT_EQ(ErrorCodeOf(Client().Post(revoke.c_str(), {{"Authorization", manager_.Bearer()}}, "",
                                      ""),
                        404),
            "not_found");
  auto revoked = Client().Post(revoke.c_str(), b.WithCsrf(), "", "");
  ASSERT_TRUE(revoked);
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/partners", bearer), 401), "unauthenticated");
}

TEST_F(AuthApiTest, ManagersUnlockAndOnlyAdministratorsResetOrSignOthersOut) {
  const std::string staff = "/api/v1/staff/" + std::to_string(officer_.staff_id);
  httplib::Headers as_manager = {{"Authorization", manager_.Bearer()}};
  httplib::Headers as_admin = {{"Authorization", admin_.Bearer()}};
  httplib::Headers as_officer = {{"Authorization", officer_.Bearer()}};
  for (int i = 0; i < 6; ++i) SignInRequest(officer_.email, "a wrong guess at it");
  EXPECT_EQ(ErrorCodeOf(SignInRequest(officer_.email, officer_.password), 401), "unauthenticated");

  EXPECT_EQ(ErrorCodeOf(Client().Post((staff + "/unlock").c_str(), as_officer, "", ""), 403),
            "forbidden");
  auto unlocked = Client().Post((staff + "/unlock").c_str(), as_manager, "", "");
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(unlocked->status, 200) << unlocked->body;
  Browser b = SignIn(officer_);

  EXPECT_EQ(ErrorCodeOf(Client().Post((staff + "/reset-password").c_str(), as_manager, "", ""), 403),
            "forbidden");
  EXPECT_EQ(
      ErrorCodeOf(Client().Post((staff + "/sign-out-everywhere").c_str(), as_manager, "", ""), 403),
      "forbidden");
  auto ended = Client().Post((staff + "/sign-out-everywhere").c_str(), as_admin, "", "");
  ASSERT_TRUE(ended);
  ASSERT_EQ(ended->status, 200) << ended->body;
  EXPECT_EQ(json::parse(ended->body)["sessions_ended"], 1);
  EXPECT_EQ(ErrorCodeOf(Client().Get("/api/v1/session", b.Cookie()), 401), "unauthenticated");
  EXPECT_EQ(ErrorCodeOf(Client().Post("/api/v1/staff/987654/unlock", as_admin, "", ""), 404),
            "not_found");
}

TEST_F(AuthApiTest, NeverLogsPasswordsTokensCookiesOrCsrfTokens) {
  Browser b = SignIn(officer_);
  SignInRequest(officer_.email, "a wrong password guess");
  Client().Get("/api/v1/partners", b.Cookie());
  PostJson("/api/v1/partners", PartnerBody("Logged"), b.WithCsrf());
  Client().Get("/api/v1/partners?q=x", {{"Authorization", officer_.Bearer()}});
  PostJson("/api/v1/account/password",
           {{"current", officer_.password}, {"new", "another long new phrase"}}, b.WithCsrf());
  // The server writes a request's log line after sending its answer: wait for the six.
  std::vector<std::string> log = Log();
  for (int i = 0; i < 200 && log.size() < 6u; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    log = Log();
  }
  ASSERT_GE(log.size(), 6u);
  // Who acted is logged by id: the signed-in requests name the officer, the refused
  // sign-in names no one.
  const std::string officer = "\"user\":\"staff:" + std::to_string(officer_.staff_id) + "\"";
  int named = 0;
  for (const std::string& line : log) {
    if (line.find(officer) != std::string::npos) ++named;
    if (line.find("\"status\":401") != std::string::npos) {
      EXPECT_THAT(line, Not(HasSubstr("\"user\":"))) << line;
    }
  }
  EXPECT_GE(named, 4) << ::testing::PrintToString(log);
  for (const std::string& line : log) {
    for (const std::string& secret :
         {officer_.password, std::string("a wrong password guess"),
          std::string("another long new phrase"), b.token, b.csrf, officer_.token}) {
      EXPECT_THAT(line, Not(HasSubstr(secret)));
    }
  }
}

}  // namespace
}  // namespace lookout::http
