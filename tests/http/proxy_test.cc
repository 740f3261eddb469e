// The server behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed
// from a trusted proxy's address only; from any other peer they change nothing and never
// reach the handler.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/raw_socket.h"
#include "http/server.h"
#include "test_logs.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

// Echoes who the server says the client is, and the forwarding headers it let through.
Response Echo(const Request& r) {
  json j;
  j["remote"] = r.remote_address;
  j["secure"] = r.secure;
  for (const char* name :
       {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-real-ip", "forwarded"}) {
    if (const std::string* v = r.Header(name)) j["headers"][name] = *v;
  }
  Response out;
  out.body = j.dump();
  out.route = "/echo";
  return out;
}

class ProxyTest : public ::testing::Test {
 protected:
  void Start(std::vector<std::string> trusted, std::string bind = "127.0.0.1") {
    Server::Options options;
    options.bind_address = std::move(bind);
    options.trusted_proxies = std::move(trusted);
    options.log = [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mu_);
      testlogs::KeepLogLine(line);
      log_.emplace_back(line);
    };
    auto server = Server::Create(std::move(options), Echo);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  httplib::Result Get(const httplib::Headers& headers) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_tcp_nodelay(true);
    c.set_read_timeout(10, 0);
    return c.Get("/echo", headers);
  }
  json GetJson(const httplib::Headers& headers) {
    auto res = Get(headers);
    EXPECT_TRUE(res);
    if (!res) return json();
    return json::parse(res->body);
  }
  // The "remote" of the request log's lines. Stops the server first: a line is written
  // after its response is sent, and Stop waits for it.
  std::vector<std::string> LoggedRemotes() {
    server_->Stop();
    std::lock_guard<std::mutex> lock(log_mu_);
    std::vector<std::string> out;
    for (const std::string& line : log_) {
      json j = json::parse(line);
      if (j.contains("remote")) out.push_back(j["remote"]);
    }
    return out;
  }

  std::unique_ptr<Server> server_;
  std::mutex log_mu_;
  std::vector<std::string> log_;
};

const httplib::Headers kSpoofed = {{"X-Forwarded-For", "203.0.113.66"},
                                   {"X-Forwarded-Proto", "https"},
                                   {"X-Forwarded-Host", "evil.example"},
                                   {"X-Real-IP", "203.0.113.67"},
                                   {"Forwarded", "for=203.0.113.68;proto=https"}};

TEST_F(ProxyTest, TakesTheClientFromTheLastForwardedForAddressOfATrustedProxy) {
  Start({"127.0.0.1"});
  // The client sent "10.0.0.1" itself; the proxy appended the address it saw.
  json j = GetJson({{"X-Forwarded-For", "10.0.0.1, 198.51.100.23"}});
  EXPECT_EQ(j["remote"], "198.51.100.23");
  EXPECT_EQ(j["secure"], false);
  EXPECT_THAT(LoggedRemotes(), ::testing::ElementsAre("198.51.100.23"));
}

TEST_F(ProxyTest, ReadsRepeatedForwardedForHeadersAsOneList) {
  Start({"127.0.0.1"});
  testing::RawSocket s(server_->port());
  ASSERT_TRUE(
      s.Send("GET /echo HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.0.0.1\r\n"
             "X-Forwarded-For: 10.0.0.2, 198.51.100.24\r\nConnection: close\r\n\r\n"));
  std::string reply = s.ReadAll();
  EXPECT_THAT(reply, HasSubstr("\"remote\":\"198.51.100.24\""));
}

TEST_F(ProxyTest, AcceptsForwardedAddressesWithPortsAndIpv6) {
  Start({"127.0.0.1"});
  EXPECT_EQ(GetJson({{"X-Forwarded-For", "198.51.100.25:4711"}})["remote"], "198.51.100.25");
  EXPECT_EQ(GetJson({{"X-Forwarded-For", "2001:db8::7"}})["remote"], "2001:db8::7");
  EXPECT_EQ(GetJson({{"X-Forwarded-For", "[2001:db8::8]:4711"}})["remote"], "2001:db8::8");
  EXPECT_EQ(GetJson({{"X-Forwarded-For", "::ffff:198.51.100.26"}})["remote"], "198.51.100.26");
}

TEST_F(ProxyTest, KeepsThePeerWhenATrustedProxySendsNoUsableAddress) {
  Start({"127.0.0.1"});
  EXPECT_EQ(GetJson({})["remote"], "127.0.0.1");
  EXPECT_EQ(GetJson({{"X-Forwarded-For", "unknown"}})["remote"], "127.0.0.1");
  EXPECT_EQ(GetJson({{"X-Forwarded-For", "198.51.100.1, <script>"}})["remote"], "127.0.0.1");
  EXPECT_EQ(GetJson({{"X-Forwarded-For", ""}})["remote"], "127.0.0.1");
}

TEST_F(ProxyTest, TakesSecureFromTheForwardedProtoOfATrustedProxy) {
  Start({"127.0.0.1"});
  auto res = Get({{"X-Forwarded-Proto", "https"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["secure"], true);
  EXPECT_EQ(res->get_header_value("Strict-Transport-Security"),
            "max-age=31536000; includeSubDomains");
  res = Get({{"X-Forwarded-Proto", "HTTPS"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["secure"], true);
  for (const char* proto : {"http", "", "https-ish", "ws"}) {
    res = Get({{"X-Forwarded-Proto", proto}});
    ASSERT_TRUE(res);
    EXPECT_EQ(json::parse(res->body)["secure"], false) << proto;
    EXPECT_FALSE(res->has_header("Strict-Transport-Security")) << proto;
  }
}

TEST_F(ProxyTest, LetsATrustedProxysForwardingHeadersThrough) {
  Start({"127.0.0.1"});
  json j = GetJson({{"X-Forwarded-For", "198.51.100.2"}, {"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(j["headers"]["x-forwarded-for"], "198.51.100.2");
  EXPECT_EQ(j["headers"]["x-forwarded-proto"], "https");
}

TEST_F(ProxyTest, ASpoofedHeaderFromAnUntrustedPeerChangesNothing) {
  Start({"10.20.30.40"});  // some other machine is the proxy, not this client
  auto res = Get(kSpoofed);
  ASSERT_TRUE(res);
  json j = json::parse(res->body);
  EXPECT_EQ(j["remote"], "127.0.0.1");
  EXPECT_EQ(j["secure"], false);
  EXPECT_FALSE(j.contains("headers")) << j.dump();  // the handler never sees them
  EXPECT_FALSE(res->has_header("Strict-Transport-Security"));
  EXPECT_THAT(LoggedRemotes(), ::testing::ElementsAre("127.0.0.1"));
}

TEST_F(ProxyTest, ForwardingHeadersAreIgnoredWhenNoProxyIsTrusted) {
  Start({});
  auto res = Get(kSpoofed);
  ASSERT_TRUE(res);
  json j = json::parse(res->body);
  EXPECT_EQ(j["remote"], "127.0.0.1");
  EXPECT_EQ(j["secure"], false);
  EXPECT_FALSE(j.contains("headers")) << j.dump();
  EXPECT_FALSE(res->has_header("Strict-Transport-Security"));
}

TEST_F(ProxyTest, AnIpv4ProxyOnADualStackSocketIsStillRecognised) {
  Server::Options probe;
  probe.bind_address = "::";
  probe.log = [](std::string_view) {};
  if (!Server::Create(probe, Echo).ok()) GTEST_SKIP() << "no IPv6 on this machine";
  Start({"127.0.0.1"}, "::");
  json j = GetJson({{"X-Forwarded-For", "198.51.100.3"}});
  EXPECT_EQ(j["remote"], "198.51.100.3");
  // And without the header the peer is named in its IPv4 spelling.
  EXPECT_EQ(GetJson({})["remote"], "127.0.0.1");
}

TEST_F(ProxyTest, TheTrustedProxyCanBeGivenInItsIpv4MappedSpelling) {
  Start({" ::ffff:127.0.0.1 "});  // spaces left by splitting "a, b" are ignored too
  EXPECT_EQ(GetJson({{"X-Forwarded-For", "198.51.100.5"}})["remote"], "198.51.100.5");
}

TEST(ProxyOptions, RefusesATrustedProxyThatIsNotAnIpAddress) {
  Server::Options options;
  options.trusted_proxies = {"127.0.0.1", "proxy.example", "10.0.0.0/8"};
  options.log = [](std::string_view) {};
  auto server = Server::Create(options, Echo);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), ErrorCode::kBadRequest);
  ASSERT_EQ(server.status().fields().size(), 2u);
  EXPECT_EQ(server.status().fields()[0].field, "trusted_proxies");
  EXPECT_THAT(server.status().fields()[0].message, HasSubstr("'proxy.example'"));
  EXPECT_THAT(server.status().fields()[1].message, HasSubstr("'10.0.0.0/8'"));
}

}  // namespace
}  // namespace lookout::http
