// Routing by method and path template.
#include "http/router.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace lookout::http {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

Request Make(std::string method, std::vector<std::string> segments) {
  Request r;
  r.method = std::move(method);
  for (const auto& s : segments) r.path += "/" + s;
  if (r.path.empty()) r.path = "/";
  r.segments = std::move(segments);
  r.request_id = "rid";
  return r;
}

RouteHandler Answer(std::string text) {
  return [text](const Request&, const PathParams& p) {
    Response r;
    r.body = text;
    for (const auto& [k, v] : p.values()) r.body += " " + k + "=" + v;
    return r;
  };
}

Router Sample() {
  Router router;
  router.Add({"GET", "/api/v1/tasks", "list", "task", false, Answer("list")});
  router.Add({"POST", "/api/v1/tasks", "create", "task", true, Answer("create")});
  router.Add({"GET", "/api/v1/tasks/{id}", "get", "task", false, Answer("get")});
  router.Add({"PATCH", "/api/v1/tasks/{id}", "update", "task", true, Answer("update")});
  router.Add({"GET", "/api/v1/tasks/summary", "summary", "task", false, Answer("summary")});
  router.Add({"POST", "/api/v1/tasks/{id}/transitions", "move", "task", true, Answer("move")});
  router.Add({"GET", "/", "root", "", false, Answer("root")});
  return router;
}

TEST(Router, DispatchesByMethodAndTemplateWithPathParameters) {
  Router router = Sample();
  Response r = router.Handle(Make("GET", {"api", "v1", "tasks", "12"}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "get id=12");
  EXPECT_EQ(r.route, "/api/v1/tasks/{id}");
  EXPECT_EQ(router.Handle(Make("PATCH", {"api", "v1", "tasks", "12"})).body, "update id=12");
  EXPECT_EQ(router.Handle(Make("POST", {"api", "v1", "tasks", "9", "transitions"})).body,
            "move id=9");
  EXPECT_EQ(router.Handle(Make("GET", {})).body, "root");
}

TEST(Router, PrefersLiteralSegmentsOverParameters) {
  Router router = Sample();
  EXPECT_EQ(router.Handle(Make("GET", {"api", "v1", "tasks", "summary"})).body, "summary");
}

TEST(Router, AnswersMethodNotAllowedWithAllowWhenOnlyTheMethodIsWrong) {
  Router router = Sample();
  Response r = router.Handle(Make("DELETE", {"api", "v1", "tasks", "12"}));
  EXPECT_EQ(r.status, 405);
  ASSERT_NE(r.Header("Allow"), nullptr);
  EXPECT_EQ(*r.Header("Allow"), "GET, PATCH");
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "method_not_allowed");
  EXPECT_EQ(body["error"]["request_id"], "rid");
}

TEST(Router, AnswersNotFoundForUnknownPathsAndEmptyParameters) {
  Router router = Sample();
  for (const Request& req :
       {Make("GET", {"api", "v1", "nothing"}), Make("GET", {"api", "v1", "tasks", ""}),
        Make("GET", {"api", "v1", "tasks", "1", "2"})}) {
    Response r = router.Handle(req);
    EXPECT_EQ(r.status, 404) << req.path;
    EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "not_found");
    EXPECT_TRUE(r.route.empty());
  }
}

TEST(Router, RefusesMalformedAndDuplicateTemplates) {
  Router router = Sample();
  EXPECT_THROW(router.Add({"GET", "/api/v1/tasks", "again", "", false, Answer("x")}),
               std::invalid_argument);
  EXPECT_THROW(router.Add({"GET", "/a/{id", "", "", false, Answer("x")}), std::invalid_argument);
  EXPECT_THROW(router.Add({"GET", "/a/x{id}", "", "", false, Answer("x")}), std::invalid_argument);
  EXPECT_THROW(router.Add({"GET", "no-slash", "", "", false, Answer("x")}), std::invalid_argument);
  EXPECT_THROW(router.Add({"GET", "/b", "", "", false, nullptr}), std::invalid_argument);
}

TEST(Router, RefusesDocumentationThatDisagreesWithTheRoute) {
  Router router;
  Param undocumented{.name = "task", .in = ParamIn::kPath};
  EXPECT_THROW(router.Add({.method = "GET", .path = "/a/{id}", .handler = Answer("x"),
                           .params = {undocumented}}),
               std::invalid_argument);
  EXPECT_THROW(router.Add({.method = "GET", .path = "/a", .handler = Answer("x"),
                           .request_schema = R"({"type": "object"})"}),
               std::invalid_argument);
  EXPECT_THROW(
      router.Add({.method = "GET", .path = "/a", .handler = Answer("x"), .body_optional = true}),
      std::invalid_argument);
  Param id{.name = "id", .in = ParamIn::kPath, .type = "integer"};
  router.Add({.method = "GET", .path = "/a/{id}", .handler = Answer("x"), .params = {id}});
  EXPECT_EQ(router.routes().size(), 1u);
}

TEST(Router, ListsItsRoutesAsData) {
  Router router = Sample();
  std::vector<std::pair<std::string, std::string>> listed;
  for (const Route& r : router.routes()) listed.emplace_back(r.method, r.path);
  EXPECT_THAT(listed,
              ElementsAre(Pair("GET", "/api/v1/tasks"), Pair("POST", "/api/v1/tasks"),
                          Pair("GET", "/api/v1/tasks/{id}"), Pair("PATCH", "/api/v1/tasks/{id}"),
                          Pair("GET", "/api/v1/tasks/summary"),
                          Pair("POST", "/api/v1/tasks/{id}/transitions"), Pair("GET", "/")));
}

}  // namespace
}  // namespace lookout::http
