// Every API route called as every role, and anonymously, over the real server, and what
// happened checked against the route table of docs/security.md ("Every route, by role").
// The test fails when the router has a route the table lacks (or the other way round), and
// when any role is let through where the table says refused, or refused where it says
// allowed. Run it with LOOKOUT_PRINT_ROUTE_MATRIX=1 to print the table as observed.
//
// How a call is judged: refused is 401 for an anonymous caller and 403 `forbidden` for a
// signed-in one; anything else the route answers (200, 201, 404, 409, 422) means the
// caller got past the access checks to the route's own work. The calls are made so that
// an allowed caller changes little: updates, archives and transitions carry a stale
// version (409 after the checks), a restore names a live record. Every officer is called,
// one per region: "own" in the table means an officer of the record's region is let
// through and officers of other regions are refused.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "auth_test_util.h"
#include "domain/schema.h"
#include "http/api/api.h"
#include "io/record_file.h"
#include "io/record_json.h"

namespace lookout::http {
namespace {

using json = nlohmann::json;

constexpr const char* kRoles[] = {"anonymous", "admin", "manager", "officer", "analyst",
                                  "funder"};
constexpr const char* kAllowed = "✓";
constexpr const char* kRefused = "—";
constexpr const char* kOwn = "own";
// The role may call it, and the counts it answers are under the disclosure rule (the answer
// says so: "disclosure": {"controlled": true}).
constexpr const char* kControlled = "✓ controlled";
constexpr const char* kTableHeading = "## Every route, by role";

std::string SourceDir() {
  const char* dir = std::getenv("LOOKOUT_SOURCE_DIR");
  return dir ? dir : ".";
}

std::string Trim(std::string s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// One row of the documented table: "METHOD /path" and a cell per role.
struct DocRow {
  int line = 0;
  std::map<std::string, std::string> cells;
};

// Reads the table under kTableHeading in docs/security.md. Problems in the table itself
// (a bad header, an unknown cell, a repeated route) are added to `problems`.
std::map<std::string, DocRow> ReadDocumentedMatrix(std::vector<std::string>& problems) {
  std::map<std::string, DocRow> rows;
  const std::string path = SourceDir() + "/docs/security.md";
  std::ifstream in(path);
  if (!in) {
    problems.push_back("cannot read " + path);
    return rows;
  }
  std::string line;
  int number = 0;
  bool in_section = false;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("## ", 0) == 0) in_section = line == kTableHeading;
    if (!in_section || line.rfind("|", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream parts(line.substr(1));
    for (std::string cell; std::getline(parts, cell, '|');) cells.push_back(Trim(cell));
    if (!header_seen) {
      header_seen = true;
      std::vector<std::string> expected = {"route"};
      for (const char* role : kRoles) expected.push_back(role);
      if (cells != expected) problems.push_back("docs/security.md:" + std::to_string(number) +
                                                ": the header must be | route | anonymous | "
                                                "admin | manager | officer | analyst | funder |");
      continue;
    }
    if (cells.empty() || cells[0].rfind("---", 0) == 0) continue;
    const std::string where = "docs/security.md:" + std::to_string(number) + ": ";
    if (cells.size() != 7 || cells[0].size() < 2 || cells[0].front() != '`' ||
        cells[0].back() != '`') {
      problems.push_back(where + "a row is | `METHOD /path` | and six cells");
      continue;
    }
    const std::string route = cells[0].substr(1, cells[0].size() - 2);
    DocRow row{number, {}};
    for (size_t i = 0; i < 6; ++i) {
      const std::string& cell = cells[i + 1];
      const bool own_ok = std::string(kRoles[i]) == "officer";
      if (cell != kAllowed && cell != kRefused && cell != kControlled && !(own_ok && cell == kOwn)) {
        problems.push_back(where + "the " + kRoles[i] + " cell of " + route + " is '" + cell +
                           "': write " + kAllowed + ", " + kControlled + ", " + kRefused +
                           (own_ok ? std::string(" or ") + kOwn : std::string()));
      }
      row.cells[kRoles[i]] = cell;
    }
    if (!rows.emplace(route, row).second) problems.push_back(where + route + " is listed twice");
  }
  if (!header_seen) problems.push_back("docs/security.md has no table under '" +
                                       std::string(kTableHeading) + "'");
  return rows;
}

// A caller: a role's user with a browser session, or anonymous.
struct Caller {
  std::string role;
  std::string region;  // officers
  authtest::TestUser user;
  Browser browser;
};

enum class Outcome { kAllowed, kRefused, kBroken };

class RouteMatrixTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (HasFatalFailure()) return;
    LoadFixtureProgramme();
    if (HasFailure()) return;
    DeliverATask();
    for (const char* role : {"admin", "manager", "analyst", "funder"}) AddCaller(role, "");
    auto regions = services_->ExportAll(app::Actor::System(), domain::RegionEntity());
    ASSERT_TRUE(regions.ok()) << regions.status().ToString();
    for (const Record& region : *regions) {
      const std::string code = region.Get("code").ToDisplay();
      if (code != "NAT") AddCaller("officer", code);
    }
  }

  // The folder the data-format examples are made from: a small programme of every kind
  // (but the programme itself, which every test's database has already).
  void LoadFixtureProgramme() {
    const std::string folder = SourceDir() + "/tests/cli/fixtures/programme/";
    for (const domain::EntityDef* entity : domain::AllEntities()) {
      if (entity->name == "programme") continue;  // the fixture of every test has one
      std::ifstream in(folder + domain::KindName(*entity) + ".csv", std::ios::binary);
      if (!in) continue;
      std::stringstream bytes;
      bytes << in.rdbuf();
      io::DecodedFile decoded = io::DecodeCsv(*entity, bytes.str());
      ASSERT_TRUE(decoded.errors.empty()) << domain::KindName(*entity) << ": "
                                          << decoded.errors.front().message;
      auto report = services_->Import(app::Actor::System(), *entity, std::move(decoded.rows), false);
      ASSERT_TRUE(report.ok()) << domain::KindName(*entity) << ": " << report.status().ToString();
      ASSERT_TRUE(report->errors.empty())
          << domain::KindName(*entity) << " line " << report->errors.front().line << " "
          << report->errors.front().column << ": " << report->errors.front().message;
    }
  }

  // A task in the North East taken to 'delivered', for the transition route (evaluating is
  // the one move managers, the task's officers and analysts may all make).
  void DeliverATask() {
    auto tasks = services_->ExportAll(app::Actor::System(), domain::TaskEntity());
    ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
    Record task = tasks->front();
    for (const char* field : {"id", "reference", "status", "delivered_on", "version", "archived",
                              "archived_at", "created_at", "created_by", "updated_at",
                              "updated_by"}) {
      task.fields.erase(field);
    }
    task.Set("regions", Value(Value::List{Value("NE")}));
    auto created = services_->Create(app::Actor::System(), domain::TaskEntity(), task);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    delivered_task_ = created->record.Id();
    for (const char* to : {"approved", "in_progress", "delivered"}) {
      auto moved = services_->TransitionTask(
          app::Actor::System(), delivered_task_,
          services_->Get(app::Actor::System(), domain::TaskEntity(), delivered_task_)
              ->Get("version")
              .as_int(),
          to, "");
      ASSERT_TRUE(moved.ok()) << to << ": " << moved.status().ToString();
    }
  }

  void AddCaller(const std::string& role, const std::string& region) {
    Caller caller{role, region, authtest::AddTestUser(*services_, *accounts_, role, region), {}};
    ASSERT_GT(caller.user.staff_id, 0);
    caller.browser = SignIn(caller.user);
    ASSERT_FALSE(caller.browser.token.empty());
    callers_.push_back(std::move(caller));
  }

  // The record a route's {id} names for `entity`: the first with a region other than
  // National where the kind has one (so that regional scope shows), else the first.
  int64_t ProbeId(const domain::EntityDef& entity) {
    auto all = services_->ExportAll(app::Actor::System(), entity);
    EXPECT_TRUE(all.ok() && !all->empty()) << entity.name << " has no record to call with";
    if (!all.ok() || all->empty()) return 999999;
    if (!entity.region_field.empty()) {
      for (const Record& r : *all) {
        const std::string region = r.Get(entity.region_field).ToDisplay();
        if (!region.empty() && region.find("NAT") == std::string::npos) return r.Id();
      }
    }
    return all->front().Id();
  }

  // A record that would be valid to create: the probe record without its meta and system
  // fields, with fresh values for the unique ones.
  json CreateBody(const domain::EntityDef& entity) {
    auto record = services_->Get(app::Actor::System(), entity, ProbeId(entity));
    EXPECT_TRUE(record.ok()) << record.status().ToString();
    if (!record.ok()) return json::object();
    json body = json::parse(io::RecordToJson(entity, *record).dump());
    for (auto it = body.begin(); it != body.end();) {
      const domain::FieldDef* field = entity.Find(it.key());
      if (it->is_null() || domain::IsMetaColumn(it.key()) || field == nullptr || field->system) {
        it = body.erase(it);
      } else {
        ++it;
      }
    }
    for (const domain::FieldDef& field : entity.fields) {
      if (!field.unique || field.system) continue;
      ++unique_counter_;
      if (field.type == domain::FieldType::kInt) {
        body[field.name] = 1000 + unique_counter_;
      } else if (field.name == "email") {
        body[field.name] = "probe" + std::to_string(unique_counter_) + "@example.org";
      } else {
        body[field.name] = "Z" + std::to_string(unique_counter_);
      }
    }
    return body;
  }

  struct Call {
    std::string path;
    std::string body;  // JSON; empty for none
  };

  // How `caller` calls `route`.
  Call MakeCall(const Route& route, const Caller& caller) {
    std::string path = route.path;
    const domain::EntityDef* entity =
        route.entity.empty() ? nullptr : domain::FindEntity(route.entity);
    json body;
    if (const auto at = path.find("{id}"); at != std::string::npos) {
      int64_t id = 999999;
      if (route.path == "/api/v1/tasks/{id}/transitions") {
        id = delivered_task_;
      } else if (route.path.rfind("/api/v1/staff/{id}/", 0) == 0 && route.path != "/api/v1/staff/{id}") {
        id = ProbeId(domain::StaffEntity());  // a staff member with no account
      } else if (entity != nullptr) {
        id = ProbeId(*entity);
      }
      path.replace(at, 4, std::to_string(id));
    }
    const std::string stale = R"({"version": 999999, "reason": "route matrix probe"})";
    if (route.method == "POST" && route.path == "/api/v1/session") {
      if (caller.role == "anonymous") return {path, "{}"};
      return {path, json{{"email", caller.user.email}, {"password", caller.user.password}}.dump()};
    }
    if (route.path == "/api/v1/account/password") {
      const std::string password = caller.role == "anonymous" ? "x" : caller.user.password;
      return {path, json{{"current", password}, {"new", password}}.dump()};
    }
    if (route.method == "POST" && route.path == "/api/v1/api-tokens") {
      return {path, json{{"name", "route matrix"},
                         {"expires_on", clock_.Today().AddDays(30).ToString()}}
                        .dump()};
    }
    if (route.path == "/api/v1/tasks/{id}/transitions" && route.method == "POST") {
      return {path, R"({"version": 999999, "to": "evaluated"})"};
    }
    if (path.ends_with("/approve") || path.ends_with("/withdraw-approval")) {
      return {path, R"({"version": 999999})"};
    }
    if (entity != nullptr && route.method == "PATCH") return {path, R"({"version": 999999})"};
    if (entity != nullptr && route.method == "POST" &&
        (path.ends_with("/archive") || path.ends_with("/restore"))) {
      return {path, stale};
    }
    if (entity != nullptr && route.method == "POST") return {path, CreateBody(*entity).dump()};
    if (route.json_body) return {path, "{}"};
    return {path, ""};
  }

  httplib::Result Send(const std::string& method, const Call& call, const Caller& caller) {
    httplib::Client c = Client();
    httplib::Headers headers;
    if (caller.role != "anonymous") headers = caller.browser.WithCsrf();
    const char* type = "application/json";
    if (method == "GET") return c.Get(call.path, headers);
    if (method == "POST") return c.Post(call.path, headers, call.body, type);
    if (method == "PATCH") return c.Patch(call.path, headers, call.body, type);
    if (method == "PUT") return c.Put(call.path, headers, call.body, type);
    if (method == "DELETE") return c.Delete(call.path, headers, call.body, type);
    ADD_FAILURE() << "no way to send " << method;
    return httplib::Result(nullptr, httplib::Error::Unknown);
  }

  // Calls `route` as `caller` and judges the answer; `why` says what went wrong when broken.
  // `controlled` tells whether the answer says its counts are under the disclosure rule.
  Outcome Judge(const Route& route, Caller& caller, std::string& why, bool& controlled) {
    const Call call = MakeCall(route, caller);
    auto res = Send(route.method, call, caller);
    const bool ends_session = (route.method == "DELETE" && route.path == "/api/v1/session") ||
                              route.path == "/api/v1/session/sign-out-everywhere";
    if (ends_session && caller.role != "anonymous") caller.browser = SignIn(caller.user);
    if (!res) {
      why = "no answer";
      return Outcome::kBroken;
    }
    json body = json::parse(res->body, nullptr, false);
    const std::string code = body.is_object() && body.contains("error") && body["error"].is_object()
                                 ? body["error"].value("code", "")
                                 : "";
    why = std::to_string(res->status) + " " + res->body.substr(0, 300);
    controlled = res->status == 200 && body.is_object() && body.contains("disclosure") &&
                 body["disclosure"].is_object() && body["disclosure"].value("controlled", false);
    if (res->status >= 500 || res->status == 429) return Outcome::kBroken;
    if (caller.role == "anonymous") {
      return res->status == 401 ? Outcome::kRefused : Outcome::kAllowed;
    }
    if (res->status == 401) return Outcome::kBroken;  // the session should be live
    if (res->status == 403) return code == "forbidden" ? Outcome::kRefused : Outcome::kBroken;
    return Outcome::kAllowed;
  }

  std::vector<Caller> callers_;
  int64_t delivered_task_ = 0;
  int unique_counter_ = 0;
};

TEST_F(RouteMatrixTest, EveryRouteAnswersEveryRoleAsDocsSecurityMdSays) {
  std::vector<std::string> problems;
  const std::map<std::string, DocRow> documented = ReadDocumentedMatrix(problems);
  auto router = BuildApiRouter(*services_, *accounts_);
  Caller anonymous{"anonymous", "", {}, {}};

  std::set<std::string> served;
  std::string observed_table;
  for (const Route& route : router->routes()) {
    const std::string name = route.method + " " + route.path;
    served.insert(name);
    std::map<std::string, std::string> observed;
    for (const char* role : kRoles) {
      std::vector<Caller*> as;
      if (std::string(role) == "anonymous") {
        as.push_back(&anonymous);
      } else {
        for (Caller& c : callers_) {
          if (c.role == role) as.push_back(&c);
        }
      }
      int allowed = 0;
      int refused = 0;
      int controlled = 0;
      for (Caller* caller : as) {
        std::string why;
        bool under_rule = false;
        switch (Judge(route, *caller, why, under_rule)) {
          case Outcome::kAllowed:
            ++allowed;
            controlled += under_rule ? 1 : 0;
            break;
          case Outcome::kRefused: ++refused; break;
          case Outcome::kBroken:
            problems.push_back(name + " as " + caller->role + " " + caller->region +
                               " answered neither a refusal nor the route's work: " + why);
            break;
        }
      }
      observed[role] = refused == 0 ? (allowed > 0 && controlled == allowed ? kControlled : kAllowed)
                       : allowed == 0 ? kRefused
                                      : kOwn;
    }
    observed_table += "| `" + name + "` |";
    for (const char* role : kRoles) observed_table += " " + observed[role] + " |";
    observed_table += "\n";

    auto doc = documented.find(name);
    if (doc == documented.end()) {
      problems.push_back(name + " has no row in docs/security.md's '" +
                         std::string(kTableHeading) + "' table");
      continue;
    }
    for (const char* role : kRoles) {
      if (doc->second.cells.at(role) != observed[role]) {
        problems.push_back("docs/security.md:" + std::to_string(doc->second.line) + ": " + name +
                           " for " + role + " says " + doc->second.cells.at(role) +
                           " but the server answered " + observed[role]);
      }
    }
  }
  for (const auto& [name, row] : documented) {
    if (!served.count(name)) {
      problems.push_back("docs/security.md:" + std::to_string(row.line) + ": " + name +
                         " is documented but the API has no such route");
    }
  }
  if (std::getenv("LOOKOUT_PRINT_ROUTE_MATRIX") != nullptr) std::cout << observed_table;

  std::string report;
  for (const std::string& p : problems) report += "\n  " + p;
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems:" << report;
  EXPECT_GT(served.size(), 100u) << "the API should serve every kind's routes";
}

// The region rules behind "own" (docs/security.md, "Regions"), tried as an officer who
// wants to write into another region would: a task of another region that they lead, and
// the work of their own task recorded in another region. Every officer tries every way.
TEST_F(RouteMatrixTest, AnOfficerCannotWriteIntoAnotherRegionThroughATask) {
  std::vector<std::string> problems;
  auto expect = [&](const Caller& caller, const std::string& what, httplib::Result res,
                    bool refused) {
    if (!res) {
      problems.push_back(what + " as " + caller.region + ": no answer");
      return;
    }
    json body = json::parse(res->body, nullptr, false);
    const bool was_refused = res->status == 403 && body.is_object() &&
                             body["error"].is_object() && body["error"].value("code", "") == "forbidden";
    if (res->status >= 500 || was_refused != refused) {
      problems.push_back(what + " as the officer of " + caller.region + " answered " +
                         std::to_string(res->status) + " " + res->body.substr(0, 200));
    }
  };
  for (Caller& caller : callers_) {
    if (caller.role != "officer") continue;
    const std::string other = caller.region == "NE" ? "NW" : "NE";
    httplib::Client c = Client();
    const httplib::Headers headers = caller.browser.WithCsrf();
    auto post = [&](const std::string& path, const json& body) {
      return c.Post(path, headers, body.dump(), "application/json");
    };
    json task = CreateBody(domain::TaskEntity());
    task["lead"] = caller.user.staff_id;
    task["due_on"] = clock_.Today().AddDays(30).ToString();  // in no locked period
    task["regions"] = json::array({other});
    expect(caller, "a task in " + other + " that they lead", post("/api/v1/tasks", task), true);
    task["regions"] = json::array({caller.region, other});
    expect(caller, "a task in their region and " + other, post("/api/v1/tasks", task), true);
    task["regions"] = json::array({caller.region});
    auto own = post("/api/v1/tasks", task);
    ASSERT_TRUE(own && own->status == 201) << (own ? own->body : "no answer");
    const int64_t own_task = json::parse(own->body)["id"];
    json moved = {{"version", 1}, {"regions", json::array({caller.region, other})}};
    expect(caller, "adding " + other + " to their task",
           c.Patch("/api/v1/tasks/" + std::to_string(own_task), headers, moved.dump(),
                   "application/json"),
           true);

    for (const char* kind : {"activity", "quote", "outcome_event"}) {
      const domain::EntityDef& entity = *domain::FindEntity(kind);
      json record = CreateBody(entity);
      record["task"] = own_task;
      record["region"] = other;
      const std::string path = "/api/v1/" + entity.plural;
      expect(caller, std::string(kind) + " of their task in " + other, post(path, record), true);
      record["region"] = caller.region;
      expect(caller, std::string(kind) + " of their task in their region", post(path, record),
             false);
    }
  }
  std::string report;
  for (const std::string& p : problems) report += "\n  " + p;
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems:" << report;
}

}  // namespace
}  // namespace lookout::http
