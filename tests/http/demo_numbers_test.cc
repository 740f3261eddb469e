// The numbers people see, checked on the demo programme (`lookout demo`) served with its
// pages, once for the whole suite:
//  - every link of the impact report (HTML) opens a page whose total is the figure's (a
//    list's count of records, the people its activities reached, the partners of the tasks
//    it lists, a survey result's x out of y);
//  - a funder, calling every route of the API and every page, is shown no count from 1 to
//    the threshold less one that is not marked withheld;
//  - a funder's live figures withhold exactly what the published report of the same period
//    withholds.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "app/accounts/accounts.h"
#include "demo/demo.h"
#include "app/reports/publish.h"
#include "app/records/reference_data.h"
#include "auth_test_util.h"
#include "domain/disclosure.h"
#include "domain/schema.h"
#include "http/ui/ui.h"
#include "test_logs.h"

namespace lookout::http {
namespace {

using json = nlohmann::json;

constexpr int kThreshold = domain::kDefaultSuppressionThreshold;

// 4 May 2026: the demo's year (2025-26) is over, the next has nothing recorded yet.
int64_t DemoNow() { return Date{2026, 5, 4}.DaysSinceEpoch() * 86400 + 9 * 3600; }

std::string Unescape(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}}) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
      s.replace(at, from.size(), to);
    }
  }
  return s;
}

// The path and query of a link, without the scheme and host a report puts in front.
std::string PathOf(const std::string& link) {
  const size_t scheme = link.find("://");
  if (scheme == std::string::npos) return link;
  const size_t path = link.find('/', scheme + 3);
  return path == std::string::npos ? "/" : link.substr(path);
}

// The data-total-* attributes of a page: what the page says its totals are.
std::map<std::string, int64_t> Totals(const std::string& html) {
  std::map<std::string, int64_t> out;
  static const std::regex kTotal("data-total-([a-z_-]+)=\"([0-9]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kTotal); it != std::sregex_iterator(); ++it) {
    out[(*it)[1]] = std::stoll((*it)[2]);
  }
  return out;
}

// A text that is a count and nothing else ("12", "1,234", "approx. 3"), as a number.
std::optional<int64_t> CountIn(std::string text) {
  static const std::regex kTags("<[^>]*>");
  text = Unescape(std::regex_replace(text, kTags, ""));
  static const std::regex kCount(R"(^\s*(?:approx\.|approximately)?\s*([0-9][0-9,]*)\s*$)");
  std::smatch m;
  if (!std::regex_match(text, m, kCount)) return std::nullopt;
  std::string digits = m[1];
  digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
  return std::stoll(digits);
}

bool Small(int64_t n) { return n > 0 && n < kThreshold; }

// The counts an HTML page shows in numeric table cells and summary-list values.
void ScanHtml(const std::string& where, const std::string& html, std::vector<std::string>& problems) {
  static const std::regex kCells(
      R"re(<(td|dd)\b[^>]*class="[^"]*(?:govuk-table__cell--numeric|govuk-summary-list__value|\bnum\b)[^"]*"[^>]*>([\s\S]*?)</\1>)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kCells); it != std::sregex_iterator(); ++it) {
    const std::string cell = (*it)[2];
    if (auto n = CountIn(cell); n && Small(*n)) problems.push_back(where + ": shows " + cell);
  }
}

// Whether a report's figure (by its id) is a count of people or of outcome events, which
// the disclosure rule covers; counts of the programme's work (tasks, activities, campaigns,
// partners) are not.
bool CountsPeople(const std::string& figure) {
  return figure.rfind("reach.", 0) == 0 || figure.rfind("outcome_events.", 0) == 0;
}

// The counts of a JSON answer: every "count" (reach), every figure of people and table
// cell showing one, and a proportion's base (its x is shown when its base passes, as the
// report's rule says); none may be from 1 to the threshold less one.
void ScanJson(const std::string& where, const json& j, std::vector<std::string>& problems) {
  if (j.is_array()) {
    for (const json& item : j) ScanJson(where, item, problems);
    return;
  }
  if (!j.is_object()) return;
  auto check = [&](const char* key) {
    if (!j.contains(key) || !j[key].is_number()) return;
    const double v = j[key].get<double>();
    if (v == static_cast<double>(static_cast<int64_t>(v)) && Small(static_cast<int64_t>(v))) {
      problems.push_back(where + ": " + key + " " + std::to_string(static_cast<int64_t>(v)) + " in " +
                         j.dump().substr(0, 200));
    }
  };
  check("count");
  const bool figure = j.contains("id") && j["id"].is_string() && j.contains("suppressed");
  if (figure && j.contains("base")) {
    check("base");
  } else if (figure && CountsPeople(j["id"].get<std::string>())) {
    check("value");
  } else if (j.contains("figure") && j["figure"].is_string() && CountsPeople(j["figure"].get<std::string>())) {
    check("value");
  }
  for (const auto& [key, value] : j.items()) ScanJson(where, value, problems);
}

void ScanCsv(const std::string& where, const std::string& csv, std::vector<std::string>& problems) {
  std::stringstream lines(csv);
  for (std::string line; std::getline(lines, line);) {
    std::stringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) {
      if (!cell.empty() && cell.back() == '\r') cell.pop_back();
      if (auto n = CountIn(cell); n && Small(*n)) problems.push_back(where + ": cell " + cell);
    }
  }
}

class DemoNumbers : public ::testing::Test {
 protected:
  struct Shared {
    Shared() : clock(DemoNow()) {}
    FixedClock clock;
    std::string db_path;
    std::string assets_dir;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<app::Services> services;
    std::unique_ptr<app::Accounts> accounts;
    std::unique_ptr<Server> server;
    authtest::TestUser manager;
    authtest::TestUser funder;
    int64_t published = 0;  // the published report of 2025-26
    std::vector<std::string> regions;
    std::string setup_error;
  };
  static Shared* shared_;

  static void SetUpTestSuite() {
    shared_ = new Shared();
    Shared& s = *shared_;
    auto fail = [&](const std::string& what, const Status& status) {
      s.setup_error = what + ": " + status.ToString();
    };
    s.db_path = ::testing::TempDir() + "lookout_demo_numbers_" + std::to_string(::getpid()) + ".db";
    std::filesystem::remove(s.db_path);
    auto store = store::Open("sqlite:" + s.db_path);
    if (!store.ok()) return fail("open", store.status());
    s.store = std::move(store).value();
    if (auto m = s.store->Migrate(false); !m.ok()) return fail("migrate", m.status());
    s.services = std::make_unique<app::Services>(*s.store, s.clock);
    if (auto r = app::LoadReferenceData(*s.services, app::Actor::System()); !r.ok()) {
      return fail("reference data", r.status());
    }
    if (auto p = app::EnsureProgramme(*s.services, app::Actor::System(), demo::DemoProgrammeSettings());
        !p.ok()) {
      return fail("programme", p.status());
    }
    if (auto d = demo::LoadDemo(*s.services, app::Actor::Cli("demo-numbers")); !d.ok()) {
      return fail("demo", d.status());
    }
    // The demo's regions by group hold no small count for a year or a quarter; one evening
    // session for two parents in the West Midlands (which reached none otherwise) gives the
    // disclosure rule a count to withhold, and another to withhold beside it.
    auto wm_task = s.services->List(app::Actor::System(), domain::TaskEntity(),
                                    {{"region", "WM"}, {"status", "delivered,evaluated,closed"}, {"limit", "1"}});
    if (!wm_task.ok() || wm_task->items.empty()) {
      return fail("a West Midlands task", wm_task.ok() ? Status::NotFound("none") : wm_task.status());
    }
    Record parents;
    parents.Set("group", "parents_carers");
    parents.Set("count", int64_t{2});
    parents.Set("estimated", false);
    Record session;
    session.Set("task", wm_task->items.front().Id());
    session.Set("type", "workshop");
    session.Set("title", "Evening session for parents");
    session.Set("start_on", "2025-11-05");
    session.Set("region", "WM");
    session.Set("audience", Value(Value::Rows{parents}));
    if (auto a = s.services->Create(app::Actor::System(), domain::ActivityEntity(), session); !a.ok()) {
      return fail("the small session", a.status());
    }
    auto accounts = app::Accounts::Create(*s.store, s.clock, authtest::FastAccountOptions());
    if (!accounts.ok()) return fail("accounts", accounts.status());
    s.accounts = std::move(accounts).value();
    s.manager = authtest::AddTestUser(*s.services, *s.accounts, "manager", "", "demomanager@example.org");
    s.funder = authtest::AddTestUser(*s.services, *s.accounts, "funder", "", "demofunder@example.org");
    if (s.manager.staff_id == 0 || s.funder.staff_id == 0) {
      return fail("accounts", Status::Internal("a test user could not be made"));
    }
    // The year's report, published, so that a funder has a published report to read.
    app::Actor manager;
    manager.id = "staff:" + std::to_string(s.manager.staff_id);
    manager.staff_id = s.manager.staff_id;
    manager.role = "manager";
    manager.signed_in = true;
    auto published = app::PublishImpactReport(*s.services, manager, {.period = "2025-26"});
    if (!published.ok()) return fail("publish", published.status());
    s.published = published->Id();
    auto regions = s.services->ExportAll(app::Actor::System(), domain::RegionEntity());
    if (!regions.ok()) return fail("regions", regions.status());
    for (const Record& r : *regions) s.regions.push_back(r.Get("code").ToDisplay());

    s.assets_dir = s.db_path + "-assets";
    std::filesystem::create_directories(s.assets_dir);
    std::ofstream(s.assets_dir + "/lookout.css") << "body { margin: 0 }\n";
    Server::Options options;
    options.log = [](std::string_view line) { testlogs::KeepLogLine(line); };
    auto server = ui::StartWebServer(*s.services, *s.accounts, options, {.version = "test"},
                                     {.assets_dir = s.assets_dir, .version = "test"});
    if (!server.ok()) return fail("server", server.status());
    s.server = std::move(server).value();
  }

  static void TearDownTestSuite() {
    if (shared_->server) shared_->server->Stop();
    const std::string db = shared_->db_path;
    const std::string assets = shared_->assets_dir;
    delete shared_;
    shared_ = nullptr;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(db + suffix);
    std::error_code ec;
    std::filesystem::remove_all(assets, ec);
  }

  void SetUp() override { ASSERT_TRUE(shared_->setup_error.empty()) << shared_->setup_error; }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", shared_->server->port());
    c.set_tcp_nodelay(true);
    c.set_read_timeout(120, 0);
    return c;
  }

  // A browser session of `user`: its Cookie header.
  httplib::Headers SessionOf(const authtest::TestUser& user) {
    json body = {{"email", user.email}, {"password", user.password}};
    auto res = Client().Post("/api/v1/session", body.dump(), "application/json");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    if (!res) return {};
    return {{"Cookie", "lookout_session=" + CookieToken(res->get_header_value("Set-Cookie"))}};
  }

  httplib::Result Get(const std::string& path, const httplib::Headers& session) {
    return Client().Get(path, session);
  }

  // Follows every link of the impact report of `query` ("period=2025-26&region=NE") and
  // checks that each linked page's total is its figure.
  void FollowEveryLink(const std::string& query) {
    const httplib::Headers session = SessionOf(shared_->manager);
    auto html = Get("/reports/impact?" + query + "&format=html", session);
    ASSERT_TRUE(html && html->status == 200) << (html ? html->body.substr(0, 300) : "no answer");
    auto doc = Get("/reports/impact?" + query + "&format=json", session);
    ASSERT_TRUE(doc && doc->status == 200);
    const json report = json::parse(doc->body);

    // Every link of the HTML is some figure's link.
    std::multimap<std::string, json> figures;  // by link path
    for (const json& f : report["figures"]) {
      if (f["link"].is_string() && !f["link"].get<std::string>().empty()) {
        figures.emplace(PathOf(f["link"].get<std::string>()), f);
      }
    }
    static const std::regex kHref("href=\"([^\"#][^\"]*)\"");
    std::set<std::string> links;
    for (auto it = std::sregex_iterator(html->body.begin(), html->body.end(), kHref);
         it != std::sregex_iterator(); ++it) {
      links.insert(PathOf(Unescape((*it)[1])));
    }
    std::vector<std::string> problems;
    for (const std::string& link : links) {
      if (!figures.count(link)) problems.push_back(link + ": a link of the report that is no figure's");
    }
    // Each figure's page, each checked for the total that must equal it.
    std::map<std::string, std::map<std::string, int64_t>> pages;
    int checked = 0;
    for (const auto& [link, figure] : figures) {
      if (!links.count(link)) continue;  // a figure the HTML does not link (none expected)
      if (!pages.count(link)) {
        auto page = Get(link, session);
        if (!page || page->status != 200) {
          problems.push_back(link + ": answered " + (page ? std::to_string(page->status) : "nothing"));
          pages[link] = {};
          continue;
        }
        pages[link] = Totals(page->body);
      }
      const std::map<std::string, int64_t>& totals = pages[link];
      const std::string id = figure["id"];
      const std::string records = figure.value("records", "");
      std::vector<std::pair<std::string, const json*>> expected;
      if (figure.contains("base") && figure["base"].is_null()) {
        // A survey result withheld for its small base: its page withholds it by the same rule.
        if (totals.count("base")) problems.push_back(id + " (withheld) -> " + link + ": the page shows it");
        ++checked;
        continue;
      }
      if (figure.contains("base")) {
        expected = {{"positive", &figure["value"]}, {"base", &figure["base"]}};
      } else if (id.rfind("reach.", 0) == 0) {
        expected = {{"reach-" + id.substr(id.rfind('.') + 1), &figure["value"]}};
      } else if (id == "partners.engaged") {
        expected = {{"partners", &figure["value"]}};
      } else if (records == "activity" || records == "task" || records == "campaign" ||
                 records == "outcome_event") {
        expected = {{"records", &figure["value"]}};
      } else {
        problems.push_back(id + ": no rule says which total of its page must equal it");
        continue;
      }
      for (const auto& [key, value] : expected) {
        auto total = totals.find(key);
        const bool none_listed = totals.count("records") && totals.at("records") == 0;
        if (value->is_null()) {
          // Withheld in the report: its page (for staff) holds a count, never zero.
          if (total == totals.end() || total->second <= 0) {
            problems.push_back(id + " (withheld) -> " + link + ": the page has no " + key + " above zero");
          }
          continue;
        }
        const int64_t want = value->get<int64_t>();
        if (total == totals.end()) {
          if (!(want == 0 && none_listed)) {
            problems.push_back(id + " = " + std::to_string(want) + " -> " + link + ": the page shows no " + key);
          }
        } else if (total->second != want) {
          problems.push_back(id + " = " + std::to_string(want) + " -> " + link + ": the page's " + key +
                             " is " + std::to_string(total->second));
        }
      }
      ++checked;
    }
    std::string all;
    for (const std::string& p : problems) all += "\n  " + p;
    EXPECT_TRUE(problems.empty()) << problems.size() << " problems:" << all;
    EXPECT_GT(checked, 40) << "the demo's report should link most of its figures";
  }

  static Shared& S() { return *shared_; }
};

DemoNumbers::Shared* DemoNumbers::shared_ = nullptr;

TEST_F(DemoNumbers, EveryLinkOfTheImpactReportOpensAPageWhoseTotalIsTheFigure) {
  FollowEveryLink("period=2025-26");
}

TEST_F(DemoNumbers, EveryLinkOfARegionalReportOpensAPageWhoseTotalIsTheFigure) {
  FollowEveryLink("period=2025-26%20Q3&region=NW");
}

TEST_F(DemoNumbers, AFunderIsShownNoCountUnderTheThresholdThatIsNotWithheld) {
  const httplib::Headers session = SessionOf(S().funder);
  auto router = ui::BuildWebRouter(*S().services, *S().accounts, {.version = "test"},
                                   {.assets_dir = S().assets_dir, .version = "test"});
  std::vector<std::string> periods = {"2025-26", "2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 Q4",
                                      "2026-27"};
  auto encoded = [](std::string p) {
    for (size_t at = p.find(' '); at != std::string::npos; at = p.find(' ')) p.replace(at, 1, "%20");
    return p;
  };
  std::vector<std::string> problems;
  std::set<std::string> answered;
  int scanned = 0;
  for (const Route& route : router->routes()) {
    if (route.method != "GET") continue;
    // The process's own counters, and the static assets, hold no count of people.
    if (route.path == "/metrics" || route.path.rfind("/assets/", 0) == 0) continue;
    std::string path = route.path;
    if (const auto at = path.find("{id}"); at != std::string::npos) {
      path.replace(at, 4, std::to_string(S().published));
    }
    // The users page's confirmations (an administrator's): one action stands for all.
    if (const auto at = path.find("{action}"); at != std::string::npos) path.replace(at, 8, "disable");
    if (path.find('{') != std::string::npos) {
      problems.push_back(route.path + ": the walk does not know how to call it");
      continue;
    }
    std::vector<std::string> queries = {""};
    if (path == "/" || path == "/api/v1/reach") {
      for (const std::string& p : periods) queries.push_back("?period=" + encoded(p));
    }
    if (path == "/") {
      for (const std::string& p : periods) queries.push_back("?format=csv&period=" + encoded(p));
    }
    if (path == "/api/v1/reach") {
      for (const std::string& r : S().regions) queries.push_back("?period=2025-26&region=" + r);
    }
    if (route.path == "/reports/published/{id}/file") queries = {"?format=json", "?format=html", "?format=md"};
    for (const std::string& query : queries) {
      auto res = Get(path + query, session);
      if (!res) {
        problems.push_back(path + query + ": no answer");
        continue;
      }
      if (res->status != 200) continue;
      answered.insert(route.path);
      const std::string where = path + query;
      const std::string type = res->get_header_value("Content-Type");
      ++scanned;
      if (type.find("json") != std::string::npos) {
        ScanJson(where, json::parse(res->body, nullptr, false), problems);
      } else if (type.find("html") != std::string::npos) {
        ScanHtml(where, res->body, problems);
      } else if (type.find("csv") != std::string::npos) {
        ScanCsv(where, res->body, problems);
      } else if (type.find("markdown") == std::string::npos) {
        problems.push_back(where + ": answered " + type + ", which the walk cannot read");
      }
    }
  }
  for (const char* must : {"/", "/api/v1/reach", "/reports/published", "/reports/published/{id}",
                           "/reports/published/{id}/file", "/api/v1/published-reports/{id}"}) {
    EXPECT_TRUE(answered.count(must)) << must << " should answer a funder";
  }
  std::string all;
  for (const std::string& p : problems) all += "\n  " + p;
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems:" << all;
  EXPECT_GT(scanned, 30);
}

TEST_F(DemoNumbers, AFundersFiguresWithholdWhatThePublishedReportWithholds) {
  const httplib::Headers session = SessionOf(S().funder);
  auto live = Get("/api/v1/reach?period=2025-26", session);
  ASSERT_TRUE(live && live->status == 200);
  const json reach = json::parse(live->body);
  ASSERT_TRUE(reach["disclosure"]["controlled"].get<bool>());
  auto file = Get("/reports/published/" + std::to_string(S().published) + "/file?format=json", session);
  ASSERT_TRUE(file && file->status == 200);
  std::map<std::string, json> figures;
  const json published = json::parse(file->body);
  for (const json& f : published["figures"]) figures[f["id"]] = f;
  int compared = 0;
  for (const json& item : reach["items"]) {
    const std::string id = "reach.region." + item["region"].get<std::string>() + "." +
                           item["group"].get<std::string>();
    ASSERT_TRUE(figures.count(id)) << id;
    EXPECT_EQ(item["suppressed"], figures[id]["suppressed"]) << id;
    EXPECT_EQ(item["count"], figures[id]["value"]) << id;
    ++compared;
  }
  for (const json& total : reach["totals"]) {
    const std::string id = "reach." + total["group"].get<std::string>();
    ASSERT_TRUE(figures.count(id)) << id;
    EXPECT_EQ(total["suppressed"], figures[id]["suppressed"]) << id;
    EXPECT_EQ(total["count"], figures[id]["value"]) << id;
  }
  EXPECT_GT(compared, 20);
  // The demo has small counts to withhold: the check is not vacuous.
  EXPECT_NE(live->body.find("\"suppressed\":true"), std::string::npos);
}

TEST_F(DemoNumbers, AFundersRegionIsTheRegionsRowOfTheWholeTable) {
  const httplib::Headers session = SessionOf(S().funder);
  auto whole = Get("/api/v1/reach?period=2025-26", session);
  ASSERT_TRUE(whole && whole->status == 200);
  const json all = json::parse(whole->body);
  for (const std::string& region : S().regions) {
    auto one = Get("/api/v1/reach?period=2025-26&region=" + region, session);
    ASSERT_TRUE(one && one->status == 200);
    json expected = json::array();
    for (const json& item : all["items"]) {
      if (item["region"] == region) expected.push_back(item);
    }
    EXPECT_EQ(json::parse(one->body)["items"], expected) << region;
  }
  auto dated = Get("/api/v1/reach?from=2025-04-01&to=2025-04-30", session);
  ASSERT_TRUE(dated);
  EXPECT_EQ(dated->status, 422) << "funders ask by period, never by dates";
  // Nor by quarter: a quarter subtracted from its year could give a withheld count.
  auto quarter = Get("/api/v1/reach?period=2025-26%20Q2", session);
  ASSERT_TRUE(quarter);
  EXPECT_EQ(quarter->status, 422) << "funders ask for whole financial years";
}

}  // namespace
}  // namespace lookout::http
