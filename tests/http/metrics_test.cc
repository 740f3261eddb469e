// GET /metrics over the real server: the whole body read by a Prometheus parser
// (tests/http/prometheus_parse.py: strict line checks, then prometheus_client's own
// parser), the request counts by route template and status matching the requests made,
// who may scrape, and docs/operations.md naming every metric.
#include "core/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "http/api/routes.h"
#include "http/raw_socket.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

std::string SourceDir() {
  const char* dir = std::getenv("LOOKOUT_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// `body` read by tests/http/prometheus_parse.py with Debian's python3 (where
// python3-prometheus-client installs). Fails the test with the parser's complaints when
// the body is not valid Prometheus text.
std::vector<Sample> ParseExposition(const std::string& body) {
  static std::atomic<int> counter{0};
  const std::string base = ::testing::TempDir() + "lookout_metrics_" + std::to_string(::getpid()) +
                           "_" + std::to_string(counter++);
  std::ofstream(base + ".txt", std::ios::binary) << body;
  const std::string command = "/usr/bin/python3 '" + SourceDir() +
                              "/tests/http/prometheus_parse.py' < '" + base + ".txt' > '" + base +
                              ".json' 2> '" + base + ".err'";
  const int rc = std::system(command.c_str());
  const std::string out = ReadFile(base + ".json");
  const std::string err = ReadFile(base + ".err");
  for (const char* suffix : {".txt", ".json", ".err"}) std::remove((base + suffix).c_str());
  if (rc != 0) {
    ADD_FAILURE() << "the metrics are not valid Prometheus text (or the parser is missing: "
                     "scripts/install-deps.sh test installs python3-prometheus-client):\n"
                  << err << "\n--- body ---\n"
                  << body;
    return {};
  }
  std::vector<Sample> samples;
  const json parsed = json::parse(out);
  for (const json& s : parsed["samples"]) {
    Sample sample;
    sample.name = s["name"];
    sample.labels = s["labels"].get<std::map<std::string, std::string>>();
    sample.value = s["value"].is_null() ? std::nan("") : s["value"].get<double>();
    samples.push_back(std::move(sample));
  }
  return samples;
}

// The samples called `name`, keyed by the values of `labels` joined with spaces.
std::map<std::string, double> Series(const std::vector<Sample>& samples, const std::string& name,
                                     const std::vector<std::string>& labels) {
  std::map<std::string, double> out;
  for (const Sample& s : samples) {
    if (s.name != name) continue;
    std::string key;
    for (const std::string& l : labels) {
      auto it = s.labels.find(l);
      key += (key.empty() ? "" : " ") + (it == s.labels.end() ? "?" : it->second);
    }
    out[key] = s.value;
  }
  return out;
}

// What grew from `before` to `after`, by key.
std::map<std::string, double> Growth(const std::map<std::string, double>& before,
                                     const std::map<std::string, double>& after) {
  std::map<std::string, double> out;
  for (const auto& [key, value] : after) {
    auto it = before.find(key);
    const double grown = value - (it == before.end() ? 0 : it->second);
    if (grown != 0) out[key] = grown;
  }
  return out;
}

// The one sample called `name` (with these labels), or NaN.
double Value(const std::vector<Sample>& samples, const std::string& name,
             const std::map<std::string, std::string>& labels = {}) {
  for (const Sample& s : samples) {
    if (s.name == name && s.labels == labels) return s.value;
  }
  return std::nan("");
}

// The metric families of a body: the names of its TYPE lines.
std::set<std::string> FamilyNames(const std::string& body) {
  std::set<std::string> out;
  std::istringstream in(body);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# TYPE ", 0) == 0) out.insert(line.substr(7, line.find(' ', 7) - 7));
  }
  return out;
}

constexpr const char* kRequests = "lookout_http_requests_total";
constexpr const char* kDurations = "lookout_http_request_duration_seconds_count";
const std::vector<std::string> kRequestLabels = {"method", "route", "status"};

class MetricsTest : public ApiServerTest {};

TEST_F(MetricsTest, CountsEveryRequestByMethodRouteTemplateAndStatus) {
  // One keep-alive connection: each request is read only after the one before it was
  // answered and counted.
  httplib::Client c = Client();
  c.set_keep_alive(true);
  auto first = c.Get("/metrics");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(first->get_header_value("Content-Type"), metrics::kContentType);
  const std::vector<Sample> before = ParseExposition(first->body);
  ASSERT_FALSE(before.empty());

  for (int i = 0; i < 3; ++i) ASSERT_EQ(c.Get("/healthz")->status, 200);
  ASSERT_EQ(c.Get("/no/such/place")->status, 404);
  ASSERT_EQ(c.Get("/api/v1/nothing-here")->status, 404);
  ASSERT_EQ(c.Get("/api/v1/tasks/4711")->status, 401);
  ASSERT_EQ(c.Post("/healthz", "", "text/plain")->status, 405);
  const json sign_in = {{"email", "nobody.at.all@example.org"}, {"password", "not the phrase"}};
  ASSERT_EQ(c.Post("/api/v1/session", sign_in.dump(), "application/json")->status, 401);
  {
    // A method of the client's own making is "other", not a series of its own.
    testing::RawSocket s(server_->port());
    ASSERT_TRUE(s.Send("BREW /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    EXPECT_THAT(s.ReadAll(), HasSubstr("405"));
  }
  {
    testing::RawSocket s(server_->port());
    ASSERT_TRUE(s.Send("B\x01\x02 / HTTP/1.1\r\n\r\n"));  // not HTTP: the server's own 400
    EXPECT_THAT(s.ReadAll(), HasSubstr("400"));
  }

  auto second = c.Get("/metrics");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 200);
  const std::vector<Sample> after = ParseExposition(second->body);
  ASSERT_FALSE(after.empty());

  const std::map<std::string, double> expected = {
      {"GET /metrics 200", 1},   {"GET /healthz 200", 3},
      {"GET unmatched 404", 2},  {"GET /api/v1/tasks/{id} 401", 1},
      {"POST /healthz 405", 1},  {"POST /api/v1/session 401", 1},
      {"other /healthz 405", 1}, {"other unmatched 400", 1},
  };
  EXPECT_EQ(
      Growth(Series(before, kRequests, kRequestLabels), Series(after, kRequests, kRequestLabels)),
      expected);
  EXPECT_EQ(
      Growth(Series(before, kDurations, kRequestLabels), Series(after, kDurations, kRequestLabels)),
      expected);
  // The second scrape is the one request in flight.
  EXPECT_EQ(Value(after, "lookout_http_requests_in_flight"), 1);
  EXPECT_EQ(Growth(Series(before, "lookout_sign_in_failures_total", {"reason"}),
                   Series(after, "lookout_sign_in_failures_total", {"reason"})),
            (std::map<std::string, double>{{"unknown_account", 1}}));
  // Neither the raw paths nor who tried to sign in.
  EXPECT_THAT(second->body, Not(HasSubstr("4711")));
  EXPECT_THAT(second->body, Not(HasSubstr("such")));
  EXPECT_THAT(second->body, Not(HasSubstr("nobody")));
  EXPECT_THAT(second->body, Not(HasSubstr("BREW")));
}

TEST_F(MetricsTest, SamplesTheConnectionPoolAndNamesTheBuild) {
  auto res = Client().Get("/metrics");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::vector<Sample> samples = ParseExposition(res->body);
  EXPECT_EQ(Value(samples, "lookout_db_pool_connections"),
            static_cast<double>(store_->Pool().size));
  EXPECT_GE(Value(samples, "lookout_db_pool_connections"), 1);
  EXPECT_EQ(Value(samples, "lookout_db_pool_connections_in_use"), 0);
  int build_infos = 0;
  for (const Sample& s : samples) {
    if (s.name != "lookout_build_info") continue;
    ++build_infos;
    EXPECT_EQ(s.value, 1);
    EXPECT_FALSE(s.labels.at("version").empty());
    EXPECT_FALSE(s.labels.at("commit").empty());
  }
  EXPECT_EQ(build_infos, 1);
  EXPECT_GT(Value(samples, "lookout_process_start_time_seconds"), 1.7e9);
  // HEAD is answered like GET, without the body.
  auto head = Client().Head("/metrics");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
}

TEST_F(MetricsTest, DocsOperationsMdDescribesEveryMetric) {
  auto res = Client().Get("/metrics");
  ASSERT_TRUE(res);
  const std::set<std::string> families = FamilyNames(res->body);
  ASSERT_GE(families.size(), 10u);
  const std::string doc = ReadFile(SourceDir() + "/docs/operations.md");
  ASSERT_FALSE(doc.empty()) << "docs/operations.md not found";
  for (const std::string& name : families) {
    EXPECT_THAT(doc, HasSubstr("| `" + name + "` |"))
        << "docs/operations.md lacks a row for " << name;
  }
  // And every metric the document names is one the server has.
  std::set<std::string> documented;
  const std::regex named("`(lookout_[a-z_]+)");
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), named); it != std::sregex_iterator();
       ++it) {
    std::string name = (*it)[1];
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      const std::string s = suffix;
      if (!families.count(name) && name.size() > s.size() &&
          name.compare(name.size() - s.size(), s.size(), s) == 0) {
        name = name.substr(0, name.size() - s.size());
      }
    }
    EXPECT_TRUE(families.count(name))
        << "docs/operations.md names " << (*it)[1] << ", which GET /metrics does not have";
  }
}

TEST(MetricsAccess, KnowsTheLoopbackAddresses) {
  for (const char* address :
       {"127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(api::IsLoopbackAddress(address)) << address;
  }
  for (const char* address :
       {"", "localhost", "128.0.0.1", "10.0.0.1", "198.51.100.7", "::", "::2", "2001:db8::1",
        "::ffff:10.0.0.1", "127.0.0.1.example", " 127.0.0.1", "0.0.0.0"}) {
    EXPECT_FALSE(api::IsLoopbackAddress(address)) << address;
  }
}

TEST(MetricsAccess, ReadsBearerTokens) {
  EXPECT_EQ(api::BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(api::BearerToken("bearer   abc  "), "abc");
  EXPECT_EQ(api::BearerToken("Basic abc"), std::nullopt);
  EXPECT_EQ(api::BearerToken("Bearerabc"), std::nullopt);
}

constexpr const char* kToken = "scrape-0123456789-abcdef";

// Behind nginx on this machine: the TCP peer is loopback, the client is whoever nginx says.
class MetricsBehindProxyTest : public ApiServerTest {
 protected:
  std::vector<std::string> TrustedProxies() const override { return {"127.0.0.1"}; }
  std::string MetricsToken() const override { return kToken; }

  httplib::Result Scrape(const httplib::Headers& headers) {
    return Client().Get("/metrics", headers);
  }
  void ExpectRefused(const httplib::Headers& headers, const std::string& why) {
    auto res = Scrape(headers);
    ASSERT_TRUE(res) << why;
    EXPECT_EQ(res->status, 403) << why;
    json body = json::parse(res->body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << why << ": " << res->body;
    EXPECT_EQ(body["error"]["code"], "forbidden") << why;
    EXPECT_THAT(res->body, Not(HasSubstr("lookout_"))) << why;
  }
  void ExpectServed(const httplib::Headers& headers, const std::string& why) {
    auto res = Scrape(headers);
    ASSERT_TRUE(res) << why;
    EXPECT_EQ(res->status, 200) << why;
    EXPECT_EQ(res->get_header_value("Content-Type"), metrics::kContentType) << why;
    EXPECT_THAT(res->body, HasSubstr("# TYPE lookout_http_requests_total counter")) << why;
  }
};

TEST_F(MetricsBehindProxyTest, AClientElsewhereNeedsTheToken) {
  const std::pair<std::string, std::string> elsewhere = {"X-Forwarded-For", "198.51.100.7"};
  ExpectRefused({elsewhere}, "no token");
  ExpectRefused({elsewhere, {"Authorization", "Bearer not-the-token-but-as-long"}}, "wrong token");
  ExpectRefused({elsewhere, {"Authorization", std::string("Bearer ") + kToken + "x"}}, "longer");
  ExpectRefused({elsewhere, {"Authorization", std::string("Basic ") + kToken}}, "other scheme");
  ExpectServed({elsewhere, {"Authorization", std::string("Bearer ") + kToken}}, "the token");
  ExpectServed({elsewhere, {"Authorization", std::string("bearer  ") + kToken + " "}},
               "the token, spaced");
}

TEST_F(MetricsBehindProxyTest, AClientOnThisMachineThroughTheProxyNeedsTheTokenToo) {
  ExpectRefused({{"X-Forwarded-For", "127.0.0.1"}}, "through the proxy from this machine");
  ExpectServed(
      {{"X-Forwarded-For", "127.0.0.1"}, {"Authorization", std::string("Bearer ") + kToken}},
      "with the token");
  ExpectServed({}, "straight from this machine");
}

TEST_F(MetricsBehindProxyTest, TheTokenIsNeverLogged) {
  ExpectServed(
      {{"X-Forwarded-For", "198.51.100.7"}, {"Authorization", std::string("Bearer ") + kToken}},
      "the token");
  ExpectRefused({{"X-Forwarded-For", "198.51.100.7"}}, "no token");
  server_->Stop();  // a request's log line is written after its answer
  int lines = 0;
  for (const std::string& line : Log()) {
    EXPECT_THAT(line, Not(HasSubstr(kToken)));
    if (line.find("\"route\":\"/metrics\"") != std::string::npos) ++lines;
  }
  EXPECT_EQ(lines, 2);
}

// A proxy that is not trusted: its forwarding headers are dropped, but that it sent them
// still means the peer is not the client.
class MetricsBehindUntrustedProxyTest : public ApiServerTest {
 protected:
  std::string MetricsToken() const override { return kToken; }
};

TEST_F(MetricsBehindUntrustedProxyTest, AForwardedRequestNeedsTheToken) {
  for (const char* header : {"X-Forwarded-For", "X-Real-IP", "Forwarded", "X-Forwarded-Proto"}) {
    auto res = Client().Get("/metrics", {{header, "127.0.0.1"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << header;
    res = Client(kToken).Get("/metrics", {{header, "127.0.0.1"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << header;
  }
}

// Without a token, nothing a client sends lets it in from elsewhere.
class MetricsWithoutTokenTest : public ApiServerTest {
 protected:
  std::vector<std::string> TrustedProxies() const override { return {"127.0.0.1"}; }
};

TEST_F(MetricsWithoutTokenTest, OnlyThisMachineIsServed) {
  for (const char* authorization : {"", "Bearer ", "Bearer", "Bearer x"}) {
    httplib::Headers headers = {{"X-Forwarded-For", "198.51.100.7"}};
    if (*authorization != '\0') headers.emplace("Authorization", authorization);
    auto res = Client().Get("/metrics", headers);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << "'" << authorization << "'";
  }
  auto local = Client().Get("/metrics");
  ASSERT_TRUE(local);
  EXPECT_EQ(local->status, 200);
}

}  // namespace
}  // namespace lookout::http
