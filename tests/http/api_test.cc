// The JSON API end to end: the real server on an ephemeral port, the real use cases, a
// fresh SQLite database per test, and an HTTP client.
#include "http/api/api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>

#include "api_fixture.h"
#include "app/accounts/accounts.h"
#include "app/records/reference_data.h"
#include "app/records/services.h"
#include "auth_test_util.h"
#include "core/time.h"
#include "domain/schema.h"
#include "store/store.h"

namespace lookout::http {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

class ApiTest : public ApiServerTest {
 protected:
  std::string ServerVersion() const override { return "9.9.9-test"; }

  void SetUp() override {
    ApiServerTest::SetUp();
    if (HasFatalFailure()) return;
    // Every call is made as a manager (who may do everything to programme records), and
    // staff records are written as an administrator, as the role matrix requires.
    manager_ = authtest::AddTestUser(*services_, *accounts_, "manager");
    admin_ = authtest::AddTestUser(*services_, *accounts_, "admin");
    ASSERT_GT(manager_.staff_id, 0);
    ASSERT_GT(admin_.staff_id, 0);
  }

  // A client that acts as the manager, or as the holder of `token`.
  httplib::Client Client(const std::string& token = "") {
    return ApiServerTest::Client(token.empty() ? manager_.token : token);
  }

  // Sends `body` as JSON and returns the response (fails the test if there is none).
  httplib::Result Post(const std::string& path, const json& body,
                       const httplib::Headers& headers = {}) {
    return Client().Post(path.c_str(), headers, body.dump(), "application/json");
  }
  httplib::Result Patch(const std::string& path, const json& body,
                        const httplib::Headers& headers = {}) {
    return Client().Patch(path.c_str(), headers, body.dump(), "application/json");
  }
  httplib::Result Get(const std::string& path, const httplib::Headers& headers = {}) {
    return Client().Get(path.c_str(), headers);
  }

  // Creates a record and returns its JSON; fails the test unless the answer is 201.
  json Create(const std::string& plural, const json& body) {
    auto res = Post("/api/v1/" + plural, body);
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, 201) << plural << ": " << res->body;
    return json::parse(res->body);
  }

  json Partner(const std::string& name, const std::string& region,
               const std::string& sector = "police") {
    return Create("partners", {{"name", name}, {"sector", sector}, {"region", region}});
  }
  int64_t Officer() {
    json body = {{"name", "Priya Shah"},
                 {"email", "priya.shah@example.org"},
                 {"role", "officer"},
                 {"home_region", "EM"}};
    auto res = Client(admin_.token).Post("/api/v1/staff", body.dump(), "application/json");
    EXPECT_TRUE(res);
    if (!res) return 0;
    EXPECT_EQ(res->status, 201) << res->body;
    return json::parse(res->body)["id"].get<int64_t>();
  }
  int64_t Objective() {
    return Create("objectives",
                  {{"code", "EVERYONE"}, {"title", "Everyone's responsibility"}})["id"]
        .get<int64_t>();
  }
  json Task(int64_t lead, int64_t objective, const std::string& title = "Hotel staff briefings") {
    return Create("tasks", {{"title", title},
                            {"objectives", {objective}},
                            {"themes", {"cse", "cce"}},
                            {"regions", {"EM"}},
                            {"lead", lead},
                            {"priority", "high"}});
  }

  // The error object of a JSON error response, after checking its status and code.
  static json ErrorOf(const httplib::Result& res, int status, const std::string& code) {
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, status) << res->body;
    json body = json::parse(res->body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << res->body;
    if (body.is_discarded()) return json();
    EXPECT_EQ(body["error"]["code"], code) << res->body;
    EXPECT_TRUE(body["error"]["fields"].is_array()) << res->body;
    EXPECT_EQ(body["error"]["request_id"], res->get_header_value("X-Request-Id"));
    return body["error"];
  }
  static std::vector<std::string> ErrorFields(const json& error) {
    std::vector<std::string> out;
    for (const json& f : error["fields"]) out.push_back(f["field"].get<std::string>());
    return out;
  }

  authtest::TestUser manager_;
  authtest::TestUser admin_;
};

TEST_F(ApiTest, CreatesAndGetsARecord) {
  auto res =
      Post("/api/v1/partners",
           {{"name", "Kent County Council"}, {"sector", "local_authority"}, {"region", "SE"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  json created = json::parse(res->body);
  int64_t id = created["id"].get<int64_t>();
  EXPECT_GT(id, 0);
  EXPECT_EQ(res->get_header_value("Location"), "/api/v1/partners/" + std::to_string(id));
  EXPECT_EQ(res->get_header_value("ETag"), "\"1\"");
  EXPECT_EQ(created["version"], 1);
  EXPECT_EQ(created["archived"], false);
  EXPECT_EQ(created["created_by"], "staff:" + std::to_string(manager_.staff_id));
  EXPECT_EQ(created["name"], "Kent County Council");
  EXPECT_EQ(created["active"], true);
  EXPECT_FALSE(created.contains("warnings"));

  auto got = Get(res->get_header_value("Location"));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(json::parse(got->body), created);
  EXPECT_EQ(got->get_header_value("Content-Type"), "application/json");
}

TEST_F(ApiTest, ListsWithFiltersSearchAndPaging) {
  Partner("Leicester City Council", "EM", "local_authority");
  Partner("Nottinghamshire Police", "EM");
  Partner("Derbyshire Constabulary", "EM");
  Partner("Kent Police", "SE");

  auto res = Get("/api/v1/partners?region=EM&limit=2&sort=name");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json page = json::parse(res->body);
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(page["limit"], 2);
  EXPECT_EQ(page["offset"], 0);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["name"], "Derbyshire Constabulary");
  EXPECT_EQ(page["items"][1]["name"], "Leicester City Council");

  page = json::parse(Get("/api/v1/partners?region=EM&limit=2&offset=2&sort=name")->body);
  EXPECT_EQ(page["offset"], 2);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["name"], "Nottinghamshire Police");

  page = json::parse(Get("/api/v1/partners?sector=police&q=kent")->body);
  ASSERT_EQ(page["total"], 1);
  EXPECT_EQ(page["items"][0]["name"], "Kent Police");

  page = json::parse(Get("/api/v1/partners?region=EM,SE")->body);
  EXPECT_EQ(page["total"], 4);
  EXPECT_EQ(page["limit"], 50);

  // Query values are percent-decoded.
  page = json::parse(Get("/api/v1/partners?q=City%20Council")->body);
  EXPECT_EQ(page["total"], 1);
}

TEST_F(ApiTest, RefusesUnknownFiltersAndBadPagingWithFieldErrors) {
  json error =
      ErrorOf(Get("/api/v1/partners?colour=red&limit=0&archived=maybe"), 422, "validation_failed");
  EXPECT_THAT(ErrorFields(error), ElementsAre("colour", "limit", "archived"));
}

TEST_F(ApiTest, UpdatesWithTheVersionAndRefusesAStaleOne) {
  json partner = Partner("Derby City Council", "EM", "local_authority");
  std::string path = "/api/v1/partners/" + std::to_string(partner["id"].get<int64_t>());

  auto res = Patch(path, {{"version", 1}, {"name", "Derby City Council (safeguarding)"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json updated = json::parse(res->body);
  EXPECT_EQ(updated["version"], 2);
  EXPECT_EQ(updated["name"], "Derby City Council (safeguarding)");
  EXPECT_EQ(updated["region"], "EM");  // fields not sent are left as they were
  EXPECT_EQ(res->get_header_value("ETag"), "\"2\"");

  // Someone else saved version 2 meanwhile: the change based on version 1 is refused.
  json error = ErrorOf(Patch(path, {{"version", 1}, {"name", "Lost update"}}), 409, "conflict");
  EXPECT_THAT(error["message"].get<std::string>(), HasSubstr("version 2"));
  EXPECT_EQ(json::parse(Get(path)->body)["name"], "Derby City Council (safeguarding)");

  // If-Match carries the version as well.
  res = Patch(path, {{"active", false}}, {{"If-Match", "\"2\""}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["active"], false);
  ErrorOf(Patch(path, {{"active", true}}, {{"If-Match", "\"2\""}}), 409, "conflict");

  error = ErrorOf(Patch(path, {{"name", "No version"}}), 422, "validation_failed");
  EXPECT_THAT(ErrorFields(error), ElementsAre("version"));
  ErrorOf(Patch(path, {{"version", 3}, {"name", "x"}}, {{"If-Match", "\"2\""}}), 400,
          "bad_request");
  error = ErrorOf(Patch(path, {{"version", 3}, {"id", 99}, {"created_by", "me"}}), 422,
                  "validation_failed");
  EXPECT_THAT(ErrorFields(error), Contains("id"));
  EXPECT_THAT(ErrorFields(error), Contains("created_by"));
}

TEST_F(ApiTest, ArchivesAndRestoresARecord) {
  json partner = Partner("Lincolnshire Police", "EM");
  std::string path = "/api/v1/partners/" + std::to_string(partner["id"].get<int64_t>());

  auto res = Post(path + "/archive", {{"version", 1}, {"reason", "merged into another"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json archived = json::parse(res->body);
  EXPECT_EQ(archived["archived"], true);
  EXPECT_TRUE(archived["archived_at"].is_string());
  EXPECT_EQ(archived["version"], 2);

  EXPECT_EQ(json::parse(Get("/api/v1/partners")->body)["total"], 0);
  EXPECT_EQ(json::parse(Get("/api/v1/partners?archived=only")->body)["total"], 1);

  ErrorOf(Post(path + "/archive", {{"version", 1}}), 409, "conflict");
  json error =
      ErrorOf(Post(path + "/restore", {{"reason", 5}, {"extra", true}}), 422, "validation_failed");
  EXPECT_THAT(ErrorFields(error), ElementsAre("version", "reason", "extra"));

  res = Post(path + "/restore", {{"version", 2}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["archived"], false);
  EXPECT_EQ(json::parse(Get("/api/v1/partners")->body)["total"], 1);

  // An empty body with If-Match is enough.
  res = Client().Post((path + "/archive").c_str(), {{"If-Match", "\"3\""}}, "", "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
}

TEST_F(ApiTest, MovesATaskThroughItsLifecycleAndRecordsTheHistory) {
  json task = Task(Officer(), Objective());
  int64_t id = task["id"].get<int64_t>();
  EXPECT_EQ(task["status"], "proposed");
  EXPECT_EQ(task["reference"], "T-2026-0001");
  std::string path = "/api/v1/tasks/" + std::to_string(id) + "/transitions";

  auto res = Post(path, {{"to", "approved"}, {"version", 1}, {"reason", "fits the plan"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json approved = json::parse(res->body);
  EXPECT_EQ(approved["status"], "approved");
  EXPECT_EQ(approved["version"], 2);
  EXPECT_EQ(approved["id"], id);

  // approved -> closed skips the lifecycle.
  json error = ErrorOf(Post(path, {{"to", "closed"}, {"version", 2}}), 409, "illegal_transition");
  EXPECT_THAT(error["message"].get<std::string>(), HasSubstr("closed"));
  // A stale version is a conflict, not an illegal transition.
  ErrorOf(Post(path, {{"to", "in_progress"}, {"version", 1}}), 409, "conflict");
  // Missing "to", unknown keys.
  error = ErrorOf(Post(path, {{"version", 2}, {"status", "x"}}), 422, "validation_failed");
  EXPECT_THAT(ErrorFields(error), ElementsAre("to", "status"));
  // The status is not a field a client writes directly.
  error =
      ErrorOf(Patch("/api/v1/tasks/" + std::to_string(id), {{"version", 2}, {"status", "closed"}}),
              422, "validation_failed");
  EXPECT_THAT(ErrorFields(error), ElementsAre("status"));

  res = Post(path, {{"to", "in_progress"}, {"version", 2}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;

  auto history = Get(path);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->status, 200) << history->body;
  json items = json::parse(history->body)["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["from_status"], "proposed");
  EXPECT_EQ(items[0]["to_status"], "approved");
  EXPECT_EQ(items[0]["reason"], "fits the plan");
  EXPECT_EQ(items[0]["task"], id);
  EXPECT_EQ(items[1]["to_status"], "in_progress");

  // The transitions are readable as their own entity, but not writable.
  auto listed = Get("/api/v1/task-transitions?task=" + std::to_string(id));
  ASSERT_TRUE(listed);
  EXPECT_EQ(json::parse(listed->body)["total"], 2);
  ErrorOf(Post("/api/v1/task-transitions", {{"task", id}}), 405, "method_not_allowed");
  ErrorOf(Get("/api/v1/tasks/999/transitions"), 404, "not_found");
}

TEST_F(ApiTest, CreatesRecordsWithChildRowsAndSumsReach) {
  json task = Task(Officer(), Objective());
  json activity =
      Create("activities", {{"task", task["id"]},
                            {"type", "training_session"},
                            {"title", "Hotel reception staff"},
                            {"start_on", "2026-03-09"},
                            {"region", "EM"},
                            {"audience",
                             {{{"group", "professionals"},
                               {"sector", "hospitality"},
                               {"count", 12},
                               {"estimated", false}},
                              {{"group", "young_people"}, {"count", 30}, {"estimated", true}}}}});
  ASSERT_EQ(activity["audience"].size(), 2u);
  EXPECT_EQ(activity["audience"][0]["count"], 12);
  EXPECT_EQ(activity["audience"][1]["sector"], nullptr);

  auto res = Get("/api/v1/reach?from=2026-03-01&to=2026-03-31&region=EM");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json reach = json::parse(res->body);
  EXPECT_EQ(reach["from"], "2026-03-01");
  int64_t total = 0;
  for (const json& row : reach["items"]) total += row["count"].get<int64_t>();
  EXPECT_EQ(total, 42);

  json error = ErrorOf(Get("/api/v1/reach?from=March&colour=red"), 422, "validation_failed");
  EXPECT_THAT(ErrorFields(error), ElementsAre("colour"));
  error = ErrorOf(Get("/api/v1/reach?from=March"), 422, "validation_failed");
  EXPECT_THAT(ErrorFields(error), ElementsAre("from"));
}

TEST_F(ApiTest, AnswersMalformedJsonWith400SayingWhere) {
  auto res = Client().Post("/api/v1/partners", "{\"name\": \"x\", }", "application/json");
  json error = ErrorOf(res, 400, "bad_request");
  EXPECT_THAT(error["message"].get<std::string>(), HasSubstr("at byte 15"));

  for (const char* not_object : {"[1, 2]", "\"text\"", "42", "null"}) {
    res = Client().Post("/api/v1/partners", not_object, "application/json");
    error = ErrorOf(res, 400, "bad_request");
    EXPECT_THAT(error["message"].get<std::string>(), HasSubstr("must be a JSON object"));
  }
  res = Client().Post("/api/v1/partners", "", "application/json");
  ErrorOf(res, 400, "bad_request");
  // A number too large for any numeric type.
  res = Client().Post("/api/v1/partners", "{\"name\": 1" + std::string(400, '1') + "}",
                      "application/json");
  ErrorOf(res, 400, "bad_request");
  // Text that is not UTF-8.
  res = Client().Post("/api/v1/partners", "{\"name\": \"\xff\"}", "application/json");
  ErrorOf(res, 400, "bad_request");
  // Deep nesting is refused, not followed.
  std::string deep = "{\"name\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  error = ErrorOf(Client().Post("/api/v1/partners", deep, "application/json"), 400, "bad_request");
  EXPECT_THAT(error["message"].get<std::string>(), HasSubstr("nests"));
}

TEST_F(ApiTest, AnswersBadIdsInThePathWith400) {
  for (const char* bad : {"abc", "-1", "0", "1.5", "99999999999999999999", "%20"}) {
    json error = ErrorOf(Get(std::string("/api/v1/partners/") + bad), 400, "bad_request");
    EXPECT_THAT(ErrorFields(error), ElementsAre("id")) << bad;
  }
  ErrorOf(Patch("/api/v1/partners/x1", {{"version", 1}}), 400, "bad_request");
  ErrorOf(Post("/api/v1/tasks/abc/transitions", {{"to", "approved"}, {"version", 1}}), 400,
          "bad_request");
}

TEST_F(ApiTest, AnswersUnknownRecordsAndPathsWith404) {
  ErrorOf(Get("/api/v1/partners/987654"), 404, "not_found");
  ErrorOf(Patch("/api/v1/partners/987654", {{"version", 1}, {"name", "x"}}), 404, "not_found");
  ErrorOf(Get("/api/v1/no-such-things"), 404, "not_found");
  ErrorOf(Get("/"), 404, "not_found");
}

TEST_F(ApiTest, AnswersAWrongMethodWith405AndAllow) {
  auto res = Client().Delete("/api/v1/partners/1");
  ErrorOf(res, 405, "method_not_allowed");
  EXPECT_EQ(res->get_header_value("Allow"), "GET, PATCH");
  res = Client().Put("/api/v1/partners", "{}", "application/json");
  ErrorOf(res, 405, "method_not_allowed");
  EXPECT_EQ(res->get_header_value("Allow"), "GET, POST");
}

TEST_F(ApiTest, AnswersHeadLikeGetWithoutTheBody) {
  auto get = Get("/api/v1/regions?limit=3");
  ASSERT_TRUE(get);
  auto head = Client().Head("/api/v1/regions?limit=3");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(get->body.size()));
  EXPECT_EQ(Client().Head("/api/v1/nothing")->status, 404);
}

TEST_F(ApiTest, AnswersAnOversizedBodyWith413) {
  std::string big = "{\"name\": \"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  ErrorOf(Client().Post("/api/v1/partners", big, "application/json"), 413, "payload_too_large");
}

TEST_F(ApiTest, AnswersAnotherMediaTypeWith415) {
  std::string body = R"({"name": "Rail partner", "sector": "btp", "region": "NAT"})";
  ErrorOf(Client().Post("/api/v1/partners", body, "text/plain"), 415, "unsupported_media_type");
  ErrorOf(Client().Post("/api/v1/partners", body, "application/json; charset=latin1"), 415,
          "unsupported_media_type");
  ErrorOf(Client().Post("/api/v1/partners", "name=x", "application/x-www-form-urlencoded"), 415,
          "unsupported_media_type");
  auto res = Client().Post("/api/v1/partners", body, "Application/JSON; Charset=\"UTF-8\"");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
}

TEST_F(ApiTest, AnswersInvalidRecordsWith422ListingEveryField) {
  json error = ErrorOf(Post("/api/v1/partners", {{"sector", 5}, {"colour", "red"}}), 422,
                       "validation_failed");
  EXPECT_THAT(ErrorFields(error), ElementsAre("sector", "colour"));

  error = ErrorOf(Post("/api/v1/partners", {{"region", "ZZ"}}), 422, "validation_failed");
  std::vector<std::string> fields = ErrorFields(error);
  EXPECT_THAT(fields, Contains("name"));
  EXPECT_THAT(fields, Contains("sector"));

  error = ErrorOf(
      Post("/api/v1/activities", {{"task", 1},
                                  {"type", "workshop"},
                                  {"title", "t"},
                                  {"start_on", "2026-03-09"},
                                  {"region", "EM"},
                                  {"audience", {{{"group", "public"}, {"count", "lots"}}}}}),
      422, "validation_failed");
  EXPECT_THAT(ErrorFields(error), ElementsAre("audience[0].count"));
  // Lookout sets ids and versions, not the client.
  error = ErrorOf(
      Post("/api/v1/partners", {{"id", 77}, {"name", "x"}, {"sector", "police"}, {"region", "EM"}}),
      422, "validation_failed");
  EXPECT_THAT(ErrorFields(error), ElementsAre("id"));
}

TEST_F(ApiTest, ReturnsWarningsForTextThatMayIdentifySomeone) {
  int64_t officer = Officer();
  json insight = Create("insights", {{"received_on", "2026-03-02"},
                                     {"recorded_by", officer},
                                     {"source_type", "officer_observation"},
                                     {"region", "EM"},
                                     {"themes", {"cse"}},
                                     {"summary",
                                      "Concern at a hotel; call 07700 900123 for the "
                                      "manager, or email duty.manager@example.org."}});
  ASSERT_TRUE(insight.contains("warnings")) << insight.dump();
  EXPECT_FALSE(insight["warnings"].empty());
  EXPECT_EQ(insight["status"], "new");
}

TEST_F(ApiTest, EchoesTheRequestIdAndSetsSecurityHeaders) {
  auto res = Get("/api/v1/partners/424242", {{"X-Request-Id", "trace-42"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Request-Id"), "trace-42");
  EXPECT_EQ(json::parse(res->body)["error"]["request_id"], "trace-42");
  for (const char* path : {"/api/v1/partners", "/api/v1/partners/424242", "/healthz"}) {
    res = Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer") << path;
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store") << path;
    EXPECT_EQ(res->get_header_value("Content-Security-Policy"),
              "default-src 'none'; frame-ancestors 'none'")
        << path;
    EXPECT_EQ(res->get_header_value("X-Request-Id").size(), 32u) << path;
  }
}

TEST_F(ApiTest, ServesConcurrentWritesAndReadsFromSeveralThreads) {
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::atomic<int> created{0};
  std::atomic<int> read{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c = Client();
      c.set_keep_alive(true);
      for (int i = 0; i < kEach; ++i) {
        json body = {{"name", "Partner " + std::to_string(t) + "-" + std::to_string(i)},
                     {"sector", "vcs"},
                     {"region", t % 2 == 0 ? "EM" : "WM"}};
        auto res = c.Post("/api/v1/partners", body.dump(), "application/json");
        if (res && res->status == 201) ++created;
        auto list = c.Get("/api/v1/partners?limit=5");
        if (list && list->status == 200) ++read;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(created.load(), kThreads * kEach);
  EXPECT_EQ(read.load(), kThreads * kEach);
  EXPECT_EQ(json::parse(Get("/api/v1/partners")->body)["total"], kThreads * kEach);
}

TEST_F(ApiTest, KeepAliveClientReusesOneConnectionAcrossCalls) {
  httplib::Client c = Client();
  c.set_keep_alive(true);
  for (int i = 0; i < 10; ++i) {
    auto res = c.Get("/api/v1/regions?limit=1");
    ASSERT_TRUE(res) << i;
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Connection"), "") << "the server keeps the connection open";
  }
}

TEST_F(ApiTest, DescribesTheDataModelAndVocabularies) {
  auto res = Get("/api/v1/schema");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  json schema = json::parse(res->body);
  std::vector<std::string> names;
  for (const json& e : schema["entities"]) names.push_back(e["name"].get<std::string>());
  std::vector<std::string> expected;
  for (const domain::EntityDef* e : domain::AllEntities()) expected.push_back(e->name);
  EXPECT_EQ(names, expected);
  json activity;
  for (const json& e : schema["entities"]) {
    if (e["name"] == "activity") activity = e;
  }
  EXPECT_EQ(activity["path"], "/api/v1/activities");
  json audience;
  for (const json& f : activity["fields"]) {
    if (f["name"] == "audience") audience = f;
    if (f["name"] == "region") {
      EXPECT_EQ(f["refers_by"], "code");
    }
    if (f["name"] == "task") {
      EXPECT_EQ(f["refers_by"], "id");
    }
    if (f["name"] == "type") {
      EXPECT_EQ(f["vocabulary"], "activity_type");
    }
  }
  EXPECT_EQ(audience["type"], "rows");
  EXPECT_FALSE(audience["fields"].empty());

  res = Get("/api/v1/vocabularies");
  ASSERT_TRUE(res);
  json vocabularies = json::parse(res->body)["vocabularies"];
  EXPECT_EQ(vocabularies.size(), domain::AllVocabularies().size());
  EXPECT_EQ(vocabularies, schema["vocabularies"]);
}

TEST_F(ApiTest, ReportsHealthAndReadiness) {
  auto res = Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  int latest = 0;
  for (const auto& m : services_->store().KnownMigrations()) latest = std::max(latest, m.version);
  EXPECT_EQ(json::parse(res->body), json({{"status", "ok"},
                                          {"version", "9.9.9-test"},
                                          {"commit", ""},
                                          {"schema_version", latest}}));
  res = Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body), json({{"status", "ready"}, {"schema_version", latest}}));

  // A database that a newer lookout has migrated is not ready for this one.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES (9999, 'from the future', '2030-01-01T00:00:00Z')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  res = Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "unavailable");
  res = Get("/healthz");  // alive all the same
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(ApiTest, EveryEntityHasItsRoutesAndReadOnlyOnesOnlyReads) {
  auto router = BuildApiRouter(*services_, *accounts_);
  for (const domain::EntityDef* e : domain::AllEntities()) {
    std::vector<std::string> routes;
    for (const Route& r : router->routes()) {
      if (r.path.rfind("/api/v1/" + e->plural + "/", 0) == 0 || r.path == "/api/v1/" + e->plural) {
        // Task transitions, the account actions on a staff member and the approval of a
        // quote or case study are routes of their own, not the entity's.
        bool own_route = false;
        for (const std::string suffix : {"/transitions", "/reset-password", "/unlock", "/sign-out-everywhere",
                                         "/approve", "/withdraw-approval"}) {
          own_route = own_route ||
                      (r.path.size() > suffix.size() &&
                       r.path.compare(r.path.size() - suffix.size(), suffix.size(), suffix) == 0);
        }
        if (!own_route) routes.push_back(r.method + " " + r.path);
      }
    }
    std::string base = "/api/v1/" + e->plural;
    if (e->api_writable) {
      EXPECT_THAT(routes, ElementsAre("GET " + base, "GET " + base + "/{id}", "POST " + base,
                                      "PATCH " + base + "/{id}", "POST " + base + "/{id}/archive",
                                      "POST " + base + "/{id}/restore"))
          << e->name;
    } else {
      EXPECT_THAT(routes, ElementsAre("GET " + base, "GET " + base + "/{id}")) << e->name;
    }
    // Every entity answers a list call.
    auto res = Get(base + "?limit=1");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << e->name << ": " << res->body;
  }
}

}  // namespace
}  // namespace lookout::http
