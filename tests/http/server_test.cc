// The HTTP server itself, with small handlers: request ids, headers, limits, malformed
// input, exceptions, keep-alive, concurrency, the request log and shutdown.
#include "http/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "http/raw_socket.h"
#include "test_logs.h"

namespace lookout::http {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;
using testing::RawSocket;

// Echoes what the server made of the request as JSON.
Response Echo(const Request& r) {
  nlohmann::json j;
  j["method"] = r.method;
  j["path"] = r.path;
  j["segments"] = r.segments;
  j["query"] = r.query;
  j["body"] = r.body;
  j["request_id"] = r.request_id;
  j["remote"] = r.remote_address;
  j["content_type"] = r.Header("content-type") ? *r.Header("content-type") : "";
  Response out;
  out.body = j.dump();
  out.route = "/echo";
  return out;
}

class ServerTest : public ::testing::Test {
 protected:
  void Start(Handler handler, Server::Options options = {}) {
    options.log = [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mu_);
      testlogs::KeepLogLine(line);
      log_.emplace_back(line);
    };
    auto server = Server::Create(std::move(options), std::move(handler));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_tcp_nodelay(true);
    c.set_read_timeout(10, 0);
    return c;
  }
  std::vector<std::string> Log() {
    std::lock_guard<std::mutex> lock(log_mu_);
    return log_;
  }

  std::unique_ptr<Server> server_;
  std::mutex log_mu_;
  std::vector<std::string> log_;
};

TEST_F(ServerTest, PassesMethodDecodedPathSegmentsQueryAndBodyToTheHandler) {
  Start(Echo);
  httplib::Client c = Client();
  c.set_url_encode(false);  // send the target exactly as written
  auto res = c.Post("/a%20b/c%2Fd?x=1+2&y=%C3%A9&x=3&flag", "{\"k\":1}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["method"], "POST");
  EXPECT_EQ(j["path"], "/a b/c/d");
  EXPECT_EQ(j["segments"], nlohmann::json({"a b", "c/d"}));
  EXPECT_EQ(j["query"],
            nlohmann::json::parse(R"([["x","1 2"],["y","\u00e9"],["x","3"],["flag",""]])"));
  EXPECT_EQ(j["body"], "{\"k\":1}");
  EXPECT_EQ(j["remote"], "127.0.0.1");
  EXPECT_EQ(j["content_type"], "application/json");
}

TEST_F(ServerTest, EchoesASaneClientRequestId) {
  Start(Echo);
  auto res = Client().Get("/x", {{"X-Request-Id", "client-Abc-123"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Request-Id"), "client-Abc-123");
  EXPECT_EQ(nlohmann::json::parse(res->body)["request_id"], "client-Abc-123");
}

TEST_F(ServerTest, GeneratesARequestIdWhenNoneOrAnUnsafeOneIsSent) {
  Start(Echo);
  auto c = Client();
  std::vector<std::string> ids;
  for (const std::string& sent :
       {std::string(), std::string("has space"), std::string("semi;colon"), std::string(65, 'a')}) {
    httplib::Headers headers;
    if (!sent.empty()) headers.emplace("X-Request-Id", sent);
    auto res = c.Get("/x", headers);
    ASSERT_TRUE(res);
    std::string id = res->get_header_value("X-Request-Id");
    EXPECT_NE(id, sent);
    EXPECT_TRUE(IsValidRequestId(id)) << id;
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(nlohmann::json::parse(res->body)["request_id"], id);
    ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end()) << "request ids repeat";
}

TEST_F(ServerTest, AddsSecurityHeadersUnlessTheHandlerSetsItsOwn) {
  Start([](const Request& r) {
    Response out;
    if (r.path == "/page") out.SetHeader("Cache-Control", "private, max-age=60");
    return out;
  });
  auto c = Client();
  auto res = c.Get("/api");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(res->get_header_value("Content-Security-Policy"),
            "default-src 'none'; frame-ancestors 'none'");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  res = c.Get("/page");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "private, max-age=60");
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
}

TEST_F(ServerTest, TurnsAnExceptionFromAHandlerIntoA500AndKeepsServing) {
  Start([](const Request& r) -> Response {
    if (r.path == "/throw") throw std::runtime_error("database exploded: secret detail");
    if (r.path == "/throw-int") throw 42;
    return Response{};
  });
  auto c = Client();
  for (const char* path : {"/throw", "/throw-int"}) {
    auto res = c.Get(path, {{"X-Request-Id", "boom-1"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 500);
    auto j = nlohmann::json::parse(res->body);
    EXPECT_EQ(j["error"]["code"], "internal");
    EXPECT_EQ(j["error"]["request_id"], "boom-1");
    EXPECT_THAT(res->body, Not(HasSubstr("secret detail")));
  }
  auto ok = c.Get("/fine");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  bool logged = false;
  for (const std::string& line : Log()) {
    auto j = nlohmann::json::parse(line);
    if (j.contains("message") && j["request_id"] == "boom-1" &&
        j["message"].get<std::string>().find("database exploded") != std::string::npos) {
      logged = true;
    }
  }
  EXPECT_TRUE(logged) << "the exception is logged with the request id";
}

TEST_F(ServerTest, RefusesABodyOverTheLimitWith413WithoutCallingTheHandler) {
  std::atomic<int> calls{0};
  Server::Options options;
  options.max_body_bytes = 1024;
  Start(
      [&](const Request& r) {
        ++calls;
        return Echo(r);
      },
      options);
  auto c = Client();
  auto res = c.Post("/x", std::string(64 * 1024, 'a'), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["error"]["code"], "payload_too_large");
  EXPECT_THAT(j["error"]["message"].get<std::string>(), HasSubstr("1024"));
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(calls.load(), 0);

  // A body at the limit is fine.
  auto at_limit = Client().Post("/x", std::string(1024, 'b'), "application/json");
  ASSERT_TRUE(at_limit);
  EXPECT_EQ(at_limit->status, 200);
  EXPECT_EQ(calls.load(), 1);
}

TEST_F(ServerTest, RefusesAChunkedBodyThatGrowsOverTheLimit) {
  Server::Options options;
  options.max_body_bytes = 100;
  Start(Echo, options);
  RawSocket s(server_->port());
  ASSERT_TRUE(s.connected());
  std::string chunk(80, 'z');
  s.Send(
      "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/json\r\nX-Request-Id: big-1\r\n\r\n50\r\n" +
      chunk + "\r\n50\r\n" + chunk + "\r\n0\r\n\r\n");
  std::string reply = s.ReadAll();
  EXPECT_THAT(reply, HasSubstr("HTTP/1.1 413"));
  EXPECT_THAT(reply, HasSubstr("payload_too_large"));
  EXPECT_THAT(reply, HasSubstr("X-Request-Id: big-1"));
  EXPECT_TRUE(s.closed());
}

TEST_F(ServerTest, AnswersMalformedHttpWith400AndCloses) {
  Start(Echo);
  for (const char* garbage :
       {"GARBAGE\r\n\r\n", "GET /x HTTP/9.9\r\n\r\n", "GET /x HTTP/1.1\r\nBad Header\r\n\r\n",
        "POST /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n"}) {
    RawSocket s(server_->port());
    ASSERT_TRUE(s.connected());
    s.Send(garbage);
    std::string reply = s.ReadAll();
    EXPECT_THAT(reply, HasSubstr("HTTP/1.1 400")) << garbage;
    EXPECT_THAT(reply, HasSubstr("\"code\":\"bad_request\"")) << garbage;
    EXPECT_THAT(reply, HasSubstr("X-Request-Id: ")) << garbage;
    EXPECT_TRUE(s.closed()) << garbage;
  }
  auto res = Client().Get("/still-alive");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(ServerTest, AnswersATargetThatIsNotAValidUrlWith400) {
  Start(Echo);
  RawSocket s(server_->port());
  s.Send("GET /bad%zzpath HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string reply = s.ReadResponse();
  EXPECT_THAT(reply, HasSubstr("HTTP/1.1 400"));
  EXPECT_THAT(reply, HasSubstr("bad_request"));
}

TEST_F(ServerTest, ServesSeveralRequestsOnOneKeptAliveConnection) {
  std::atomic<int> calls{0};
  Start([&](const Request& r) {
    ++calls;
    return Echo(r);
  });
  RawSocket s(server_->port());
  ASSERT_TRUE(s.connected());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(s.Send("GET /n" + std::to_string(i) + " HTTP/1.1\r\nHost: t\r\n\r\n"));
    std::string reply = s.ReadResponse();
    EXPECT_THAT(reply, HasSubstr("HTTP/1.1 200"));
    EXPECT_THAT(reply, HasSubstr("\"path\":\"/n" + std::to_string(i) + "\""));
    EXPECT_FALSE(s.closed());
  }
  // Two requests sent back to back (pipelined) are answered in order.
  ASSERT_TRUE(
      s.Send("GET /p1 HTTP/1.1\r\nHost: t\r\n\r\nGET /p2 HTTP/1.1\r\nHost: t\r\n"
             "Connection: close\r\n\r\n"));
  std::string both = s.ReadAll();
  EXPECT_LT(both.find("/p1"), both.find("/p2"));
  EXPECT_TRUE(s.closed());
  EXPECT_EQ(calls.load(), 5);
}

TEST_F(ServerTest, KeepAliveClientReusesItsConnection) {
  Start(Echo);
  httplib::Client c = Client();
  c.set_keep_alive(true);
  for (int i = 0; i < 20; ++i) {
    auto res = c.Get("/k" + std::to_string(i));
    ASSERT_TRUE(res) << i;
    EXPECT_EQ(res->status, 200);
  }
}

TEST_F(ServerTest, HandlesExpect100Continue) {
  Start(Echo);
  RawSocket s(server_->port());
  s.Send(
      "POST /x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  std::string interim =
      s.ReadUntil([](const std::string& r) { return r.find("\r\n\r\n") != std::string::npos; });
  EXPECT_THAT(interim, HasSubstr("HTTP/1.1 100 Continue"));
  s.Send("{}");
  std::string reply = s.ReadResponse();
  EXPECT_THAT(reply, HasSubstr("HTTP/1.1 200"));
  EXPECT_THAT(reply, HasSubstr(R"("body":"{}")"));
}

TEST_F(ServerTest, ServesConcurrentRequestsFromSeveralThreads) {
  Server::Options options;
  options.worker_threads = 4;
  Start(Echo, options);
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c = Client();
      c.set_keep_alive(t % 2 == 0);
      for (int i = 0; i < kEach; ++i) {
        std::string body = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto res = c.Post("/c", body, "text/plain");
        if (res && res->status == 200 && nlohmann::json::parse(res->body)["body"] == body) ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good.load(), kThreads * kEach);
}

TEST_F(ServerTest, ABlockedHandlerDoesNotHoldUpOtherConnections) {
  // One I/O thread: if handlers ran on it, the second request could not be served while
  // the first handler waits.
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  bool first_entered = false;
  Server::Options options;
  options.io_threads = 1;
  options.worker_threads = 2;
  Start(
      [&](const Request& r) {
        if (r.path == "/slow") {
          std::unique_lock<std::mutex> lock(mu);
          first_entered = true;
          cv.notify_all();
          cv.wait(lock, [&] { return release; });
        }
        return Echo(r);
      },
      options);
  std::thread slow([&] {
    auto res = Client().Get("/slow");
    EXPECT_TRUE(res && res->status == 200);
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return first_entered; });
  }
  auto fast = Client().Get("/fast");
  ASSERT_TRUE(fast);
  EXPECT_EQ(fast->status, 200);
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  slow.join();
}

TEST_F(ServerTest, LogsOneJsonLinePerRequestWithoutBodiesQueriesOrSecrets) {
  Start(Echo);
  auto res = Client().Post("/login?token=query-secret",
                           {{"Cookie", "session=cookie-secret"},
                            {"Authorization", "Bearer header-secret"},
                            {"X-Request-Id", "log-1"}},
                           "password=body-secret", "text/plain");
  ASSERT_TRUE(res);
  server_->Stop();  // the line is written after the response; Stop waits for it
  std::vector<std::string> lines = Log();
  ASSERT_EQ(lines.size(), 1u);
  for (const char* secret : {"query-secret", "body-secret", "cookie-secret", "header-secret"}) {
    EXPECT_THAT(lines[0], Not(HasSubstr(secret)));
  }
  auto j = nlohmann::json::parse(lines[0]);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_THAT(keys, ::testing::UnorderedElementsAre("time", "level", "request_id", "method",
                                                    "route", "status", "duration_ms", "remote"));
  EXPECT_EQ(j["request_id"], "log-1");
  EXPECT_EQ(j["method"], "POST");
  EXPECT_EQ(j["route"], "/echo");
  EXPECT_EQ(j["status"], 200);
  EXPECT_EQ(j["level"], "info");
}

TEST_F(ServerTest, StopClosesIdleConnectionsAndIsIdempotent) {
  Start(Echo);
  int port = server_->port();
  RawSocket idle(port);
  ASSERT_TRUE(idle.connected());
  ASSERT_TRUE(idle.Send("GET /one HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_THAT(idle.ReadResponse(), HasSubstr("HTTP/1.1 200"));
  std::thread waiter([&] { server_->Wait(); });
  server_->Stop();
  waiter.join();
  server_->Stop();
  idle.ReadAll(2000);
  EXPECT_TRUE(idle.closed());
  RawSocket after(port);
  EXPECT_FALSE(after.connected());
}

TEST(ServerOptions, RefusesNonsenseOptions) {
  Server::Options options;
  options.io_threads = 0;
  options.worker_threads = 0;
  auto server = Server::Create(options, Echo);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), ErrorCode::kBadRequest);
  EXPECT_EQ(server.status().fields().size(), 2u);

  Server::Options bad_address;
  bad_address.bind_address = "not-an-ip";
  EXPECT_EQ(Server::Create(bad_address, Echo).status().code(), ErrorCode::kBadRequest);
  EXPECT_FALSE(Server::Create(Server::Options{}, nullptr).ok());
}

TEST(ServerOptions, ReportsAPortInUse) {
  auto first = Server::Create(Server::Options{}, Echo);
  ASSERT_TRUE(first.ok());
  Server::Options same;
  same.port = static_cast<uint16_t>((*first)->port());
  auto second = Server::Create(same, Echo);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), ErrorCode::kUnavailable);
  EXPECT_THAT(second.status().message(), HasSubstr(std::to_string(same.port)));
}

TEST(RequestId, AcceptsOnlyShortAlphanumericDashIds) {
  EXPECT_TRUE(IsValidRequestId("abc-DEF-123"));
  EXPECT_TRUE(IsValidRequestId(std::string(64, 'x')));
  EXPECT_FALSE(IsValidRequestId(""));
  EXPECT_FALSE(IsValidRequestId(std::string(65, 'x')));
  EXPECT_FALSE(IsValidRequestId("a_b"));
  EXPECT_FALSE(IsValidRequestId("a\r\nSet-Cookie: x"));
}

}  // namespace
}  // namespace lookout::http
