// The security headers on every kind of answer (handler, router 404/405, server 400/413/
// 500, the health probe), and the rule that no internal detail (SQL, engine names, file
// paths) reaches a client in a 5xx answer, whether a handler threw or the store failed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/accounts/accounts.h"
#include "app/records/services.h"
#include "core/time.h"
#include "domain/schema.h"
#include "http/api/api.h"
#include "http/raw_socket.h"
#include "http/router.h"
#include "http/server.h"
#include "store/store.h"
#include "test_logs.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

constexpr const char* kApiCsp = "default-src 'none'; frame-ancestors 'none'";
constexpr const char* kPageCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The headers every answer carries, whoever wrote it. `csp` is the expected policy.
template <typename GetHeader>
void ExpectSecurityHeaders(GetHeader header, const std::string& csp, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(header("X-Frame-Options"), "DENY");
  EXPECT_EQ(header("Permissions-Policy"), "camera=(), microphone=(), geolocation=()");
  EXPECT_EQ(header("Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_EQ(header("Content-Security-Policy"), csp);
  EXPECT_THAT(header("Content-Security-Policy"), HasSubstr("frame-ancestors 'none'"));
  EXPECT_THAT(header("Content-Security-Policy"), Not(HasSubstr("unsafe-inline")));
  EXPECT_FALSE(header("X-Request-Id").empty());
  // Plain HTTP from a client that is not a trusted proxy: never HSTS.
  EXPECT_EQ(header("Strict-Transport-Security"), "");
}

// One header of a raw HTTP answer, or "".
std::string RawHeader(const std::string& reply, const std::string& name) {
  std::string lower = Lower(reply);
  size_t at = lower.find("\r\n" + Lower(name) + ": ");
  if (at == std::string::npos) return "";
  size_t start = at + name.size() + 4;
  return reply.substr(start, reply.find("\r\n", start) - start);
}

// A 5xx body must hold nothing but the generic message and the request id.
void ExpectNoInternalDetail(const std::string& body, const std::string& request_id,
                            const std::string& generic) {
  std::string lower = Lower(body);
  for (const char* word : {"sql", "sqlite", "soci", "select", "table", "/", "\\\\", ".db", ".cc",
                           "exception", "postgres"}) {
    EXPECT_THAT(lower, Not(HasSubstr(word))) << body;
  }
  json j = json::parse(body);
  EXPECT_EQ(j["error"]["message"], generic + " Quote the request id when reporting it.");
  EXPECT_EQ(j["error"]["request_id"], request_id);
  EXPECT_EQ(j["error"]["fields"], json::array());
}

class SecurityHeadersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A database with no tables: every query of it fails inside the store.
    static std::atomic<int> counter{0};
    db_path_ = ::testing::TempDir() + "lookout_headers_test_" + std::to_string(::getpid()) + "_" +
               std::to_string(counter++) + ".db";
    std::remove(db_path_.c_str());
    auto store = store::Open("sqlite:" + db_path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();

    auto router = std::make_shared<Router>();
    router->Add({"GET", "/api/things", "JSON", "", false, [](const Request&, const PathParams&) {
                   Response r;
                   r.body = "{}";
                   return r;
                 }});
    router->Add({"POST", "/api/things", "JSON", "", true,
                 [](const Request&, const PathParams&) { return Response(); }});
    router->Add({"GET", "/page", "HTML", "", false, [](const Request&, const PathParams&) {
                   Response r;
                   r.content_type = "text/html; charset=utf-8";
                   r.body = "<!doctype html><title>x</title>";
                   return r;
                 }});
    router->Add({"GET", "/hsts-everywhere", "a handler that sets HSTS itself", "", false,
                 [](const Request&, const PathParams&) {
                   Response r;
                   r.SetHeader("Strict-Transport-Security", "max-age=1");
                   return r;
                 }});
    router->Add(
        {"GET", "/throws", "a bug", "", false, [](const Request&, const PathParams&) -> Response {
           throw std::runtime_error(
               "SQL error in /srv/lookout/src/store/sql/sql_list.cc: SELECT * FROM task");
         }});
    router->Add({"GET", "/store-error", "the store fails", "", false,
                 [this](const Request& request, const PathParams&) {
                   auto tx = store_->Begin(false);
                   if (!tx.ok()) return ErrorResponse(tx.status(), request);
                   auto page = (*tx)->List(*domain::FindEntity("task"), store::ListQuery{});
                   if (page.ok()) return Response();  // the test fails on the 200
                   last_store_error_ = page.status().message();
                   return ErrorResponse(page.status(), request);
                 }});
    router->Add({"GET", "/internal", "an internal error with detail", "", false,
                 [](const Request& request, const PathParams&) {
                   return ErrorResponse(
                       Status(ErrorCode::kInternal,
                              "Database error: invalid input syntax for type integer: "
                              "\"Jane Doe, 14, at risk\" in /var/lib/lookout/lookout.db",
                              {{"/etc/passwd", "soci said so"}}),
                       request);
                 }});
    router->Add({"GET", "/unavailable", "the database is down", "", false,
                 [](const Request& request, const PathParams&) {
                   return ErrorResponse(
                       Status(ErrorCode::kUnavailable,
                              "The database is busy or unreachable: try again. (could not "
                              "connect to server: /var/run/postgresql/.s.PGSQL.5432)"),
                       request);
                 }});
    router->Add({"GET", "/html-error", "a page that fails", "", false,
                 [](const Request&, const PathParams&) {
                   Response r;
                   r.status = 500;
                   r.content_type = "text/html; charset=utf-8";
                   r.body = "<p>Something went wrong.</p>";
                   return r;
                 }});

    Server::Options options;
    options.max_body_bytes = 64;
    options.log = [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mu_);
      testlogs::KeepLogLine(line);
      log_.emplace_back(line);
    };
    auto server = Server::Create(options, RouterHandler(router));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    ASSERT_TRUE(server_->Start().ok());
  }

  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::remove((db_path_ + suffix).c_str());
    }
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_tcp_nodelay(true);
    c.set_read_timeout(10, 0);
    return c;
  }
  std::string Log() {
    std::lock_guard<std::mutex> lock(log_mu_);
    std::string all;
    for (const std::string& line : log_) all += line + "\n";
    return all;
  }

  std::string db_path_;
  std::unique_ptr<store::Store> store_;
  std::string last_store_error_;
  std::unique_ptr<Server> server_;
  std::mutex log_mu_;
  std::vector<std::string> log_;
};

TEST_F(SecurityHeadersTest, EveryHandlerAndRouterAnswerCarriesThem) {
  auto c = Client();
  struct Case {
    std::string method, path;
    int status;
    std::string csp;
  };
  for (const Case& k : std::vector<Case>{{"GET", "/api/things", 200, kApiCsp},
                                         {"GET", "/page", 200, kPageCsp},
                                         {"GET", "/nowhere", 404, kApiCsp},
                                         {"DELETE", "/api/things", 405, kApiCsp},
                                         {"GET", "/throws", 500, kApiCsp},
                                         {"GET", "/store-error", 500, kApiCsp},
                                         {"GET", "/unavailable", 503, kApiCsp},
                                         {"GET", "/html-error", 500, kPageCsp}}) {
    auto res = k.method == "GET" ? c.Get(k.path) : c.Delete(k.path);
    ASSERT_TRUE(res) << k.path;
    EXPECT_EQ(res->status, k.status) << k.path;
    ExpectSecurityHeaders([&](const char* n) { return res->get_header_value(n); }, k.csp,
                          k.method + " " + k.path);
  }
}

TEST_F(SecurityHeadersTest, TheServersOwn413And400AnswersCarryThem) {
  {
    testing::RawSocket s(server_->port());
    ASSERT_TRUE(
        s.Send("POST /api/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
               "\r\nContent-Length: 1000\r\n\r\n" +
               std::string(1000, 'x')));
    std::string reply = s.ReadResponse();
    EXPECT_THAT(reply, ::testing::StartsWith("HTTP/1.1 413"));
    ExpectSecurityHeaders([&](const char* n) { return RawHeader(reply, n); }, kApiCsp, "413");
  }
  {
    testing::RawSocket s(server_->port());
    ASSERT_TRUE(s.Send("GARBAGE\r\n\r\n"));
    std::string reply = s.ReadResponse();
    EXPECT_THAT(reply, ::testing::StartsWith("HTTP/1.1 400"));
    ExpectSecurityHeaders([&](const char* n) { return RawHeader(reply, n); }, kApiCsp, "400");
  }
}

TEST_F(SecurityHeadersTest, TheHealthProbeCarriesThem) {
  app::Services services(*store_, Clock::System());
  auto accounts = app::Accounts::Create(*store_, Clock::System());
  ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
  Server::Options options;
  options.log = [](std::string_view) {};
  auto api = StartApiServer(services, **accounts, options, {.version = "test"});
  ASSERT_TRUE(api.ok()) << api.status().ToString();
  httplib::Client c("127.0.0.1", (*api)->port());
  c.set_read_timeout(10, 0);
  auto res = c.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ExpectSecurityHeaders([&](const char* n) { return res->get_header_value(n); }, kApiCsp,
                        "/healthz");
  (*api)->Stop();
}

TEST_F(SecurityHeadersTest, DropsAHandlersHstsOnAnInsecureRequest) {
  auto res = Client().Get("/hsts-everywhere");
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->has_header("Strict-Transport-Security"));
}

TEST_F(SecurityHeadersTest, AThrowingHandlerShowsNoDetail) {
  auto res = Client().Get("/throws", {{"X-Request-Id", "req-throws-1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  ExpectNoInternalDetail(res->body, "req-throws-1", "Something went wrong on our side.");
  // The operator finds the detail in the log, under the request id.
  EXPECT_THAT(Log(), HasSubstr("\"request_id\":\"req-throws-1\",\"message\":\"unhandled "
                               "exception: SQL error"));
}

TEST_F(SecurityHeadersTest, AStoreErrorShowsNoDetail) {
  auto res = Client().Get("/store-error", {{"X-Request-Id", "req-store-1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  // The store's own message is the kind that must not leak.
  EXPECT_THAT(Lower(last_store_error_), HasSubstr("task")) << last_store_error_;
  ExpectNoInternalDetail(res->body, "req-store-1", "Something went wrong on our side.");
  EXPECT_THAT(Log(), HasSubstr("\"request_id\":\"req-store-1\",\"message\":\"internal error "
                               "answered as 500: Database error"));
}

TEST_F(SecurityHeadersTest, AnInternalErrorShowsNoDetailAndTheLogKeepsNoQuotedValue) {
  auto res = Client().Get("/internal", {{"X-Request-Id", "req-internal-1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  ExpectNoInternalDetail(res->body, "req-internal-1", "Something went wrong on our side.");
  std::string log = Log();
  EXPECT_THAT(log, HasSubstr("invalid input syntax for type integer"));
  EXPECT_THAT(log, Not(HasSubstr("Jane Doe")));
}

TEST_F(SecurityHeadersTest, AnUnavailableDatabaseShowsNoDetail) {
  auto res = Client().Get("/unavailable", {{"X-Request-Id", "req-unavailable-1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  ExpectNoInternalDetail(res->body, "req-unavailable-1",
                         "The database is busy or unreachable: try again.");
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "unavailable");
}

TEST_F(SecurityHeadersTest, LeavesClientErrorsAsTheHandlerWroteThem) {
  // Only 5xx answers are rewritten: a 404 explains itself.
  auto res = Client().Get("/nowhere");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_THAT(res->body, HasSubstr("There is no endpoint at /nowhere."));
}

}  // namespace
}  // namespace lookout::http
