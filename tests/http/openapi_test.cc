// The OpenAPI description (http/api/openapi.h) against the router it describes: the same
// routes both ways, every path parameter, every request body, who may call what, the
// error answers, the schemas of the data model, and the server's real answers checked
// against the schemas the description gives them. tests/http/openapi_lint.sh checks the
// same document with Redocly CLI.
#include "http/api/openapi.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "app/ops/audit_trail.h"
#include "auth_test_util.h"
#include "core/time.h"
#include "domain/schema.h"
#include "http/api/api.h"
#include "http/api/routes.h"
#include "store/store.h"

namespace lookout::http {
namespace {

using json = nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kVersion = "9.8.7 (commit abc1234)";
const std::set<std::string> kMethods = {"get", "put", "post", "delete", "patch", "head", "options",
                                        "trace"};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::set<std::string> TemplateParams(const std::string& path) {
  std::set<std::string> out;
  static const std::regex kParam(R"(\{([^}]+)\})");
  for (auto it = std::sregex_iterator(path.begin(), path.end(), kParam); it != std::sregex_iterator();
       ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

// Every operation of a document: "METHOD path" -> the operation.
std::map<std::string, json> Operations(const json& doc) {
  std::map<std::string, json> out;
  for (auto& [path, item] : doc["paths"].items()) {
    for (auto& [method, op] : item.items()) {
      if (kMethods.count(method)) out[Upper(method) + " " + path] = op;
    }
  }
  return out;
}

// What a "$ref" ("#/components/schemas/Task") names in `doc`; null when nothing.
const json& Resolve(const json& doc, const std::string& ref) {
  static const json kMissing;
  if (ref.rfind("#/", 0) != 0) return kMissing;
  const json::json_pointer pointer(ref.substr(1));
  return doc.contains(pointer) ? doc.at(pointer) : kMissing;
}

// `j` itself, or what it names when it is a reference (a copy, to index freely).
json Deref(const json& doc, const json& j) {
  return j.is_object() && j.contains("$ref") ? Resolve(doc, j["$ref"]) : j;
}

// Checks `value` against `schema`, in the part of JSON Schema the description uses (type,
// enum, required, properties, additionalProperties: false, items, anyOf, $ref, the date
// formats), adding a line to `problems` per mismatch.
void CheckValue(const json& doc, const json& schema, const json& value, const std::string& where,
                std::vector<std::string>& problems) {
  if (schema.contains("$ref")) {
    const json& target = Resolve(doc, schema["$ref"]);
    if (target.is_null()) {
      problems.push_back(where + ": unresolved " + schema["$ref"].dump());
      return;
    }
    CheckValue(doc, target, value, where, problems);
    return;
  }
  if (schema.contains("anyOf")) {
    for (const json& option : schema["anyOf"]) {
      std::vector<std::string> mine;
      CheckValue(doc, option, value, where, mine);
      if (mine.empty()) return;
    }
    problems.push_back(where + ": matches none of " + schema["anyOf"].dump() + ": " + value.dump());
    return;
  }
  if (schema.contains("type")) {
    const json types = schema["type"].is_array() ? schema["type"] : json::array({schema["type"]});
    bool ok = false;
    for (const json& t : types) {
      const std::string type = t;
      ok = ok || (type == "null" && value.is_null()) || (type == "string" && value.is_string()) ||
           (type == "integer" && value.is_number_integer()) ||
           (type == "number" && value.is_number()) || (type == "boolean" && value.is_boolean()) ||
           (type == "array" && value.is_array()) || (type == "object" && value.is_object());
    }
    if (!ok) {
      problems.push_back(where + ": " + value.dump().substr(0, 80) + " is not of type " +
                         schema["type"].dump());
      return;
    }
  }
  if (schema.contains("enum")) {
    bool listed = false;
    for (const json& v : schema["enum"]) listed = listed || v == value;
    if (!listed) problems.push_back(where + ": " + value.dump() + " is not in " + schema["enum"].dump());
  }
  if (value.is_string() && schema.contains("format")) {
    static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
    static const std::regex kDateTime(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
    const std::string format = schema["format"];
    const std::string text = value;
    if ((format == "date" && !std::regex_match(text, kDate)) ||
        (format == "date-time" && !std::regex_match(text, kDateTime))) {
      problems.push_back(where + ": \"" + text + "\" is not a " + format);
    }
  }
  if (value.is_object()) {
    for (const json& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) {
        problems.push_back(where + ": lacks the required " + name.get<std::string>());
      }
    }
    const json properties = schema.value("properties", json::object());
    for (auto& [key, v] : value.items()) {
      if (properties.contains(key)) {
        CheckValue(doc, properties[key], v, where + "." + key, problems);
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false) {
        problems.push_back(where + ": has " + key + ", which the schema does not allow");
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      CheckValue(doc, schema["items"], value[i], where + "[" + std::to_string(i) + "]", problems);
    }
  }
}

// Every "$ref" anywhere in `j`.
void CollectRefs(const json& j, std::set<std::string>& out) {
  if (j.is_object()) {
    for (auto& [key, v] : j.items()) {
      if (key == "$ref" && v.is_string()) {
        out.insert(v.get<std::string>());
      } else {
        CollectRefs(v, out);
      }
    }
  } else if (j.is_array()) {
    for (const json& v : j) CollectRefs(v, out);
  }
}

// The description of the API's routes, over an empty in-memory database (which describing
// them never reads).
class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::Open("sqlite::memory:", 1);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    services_ = std::make_unique<app::Services>(*store_, clock_);
    auto accounts = app::Accounts::Create(*store_, clock_, authtest::FastAccountOptions());
    ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
    accounts_ = std::move(accounts).value();
    router_ = BuildApiRouter(*services_, *accounts_, {.version = kVersion});
    doc_ = json::parse(api::OpenApiDocument(router_->routes(), kVersion));
    ops_ = Operations(doc_);
  }

  const Route* FindRoute(const std::string& key) const {
    for (const Route& r : router_->routes()) {
      if (r.method + " " + r.path == key) return &r;
    }
    return nullptr;
  }

  FixedClock clock_{TestNow()};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<app::Services> services_;
  std::unique_ptr<app::Accounts> accounts_;
  std::shared_ptr<const Router> router_;
  json doc_;
  std::map<std::string, json> ops_;
};

TEST_F(OpenApiTest, IsAnOpenApi31DocumentWithTheServersVersion) {
  EXPECT_EQ(doc_["openapi"], "3.1.0");
  EXPECT_EQ(doc_["info"]["version"], kVersion);
  EXPECT_FALSE(doc_["info"]["title"].get<std::string>().empty());
  EXPECT_EQ(json::parse(api::OpenApiDocument({}, ""))["info"]["version"], "unknown");
}

TEST_F(OpenApiTest, DescribesExactlyTheRoutesOfTheRouter) {
  std::set<std::string> routed;
  for (const Route& r : router_->routes()) routed.insert(r.method + " " + r.path);
  std::set<std::string> described;
  for (const auto& [key, op] : ops_) described.insert(key);
  for (const std::string& key : routed) {
    EXPECT_TRUE(described.count(key)) << "the description lacks the route " << key;
  }
  for (const std::string& key : described) {
    EXPECT_TRUE(routed.count(key)) << "the description has " << key << ", which no route serves";
  }
  EXPECT_TRUE(routed.count("GET /api/v1/openapi.json")) << "the description is itself a route";
  EXPECT_EQ(routed.size(), router_->routes().size());
}

TEST_F(OpenApiTest, DeclaresEveryPathParameterOfEveryTemplate) {
  for (const auto& [key, op] : ops_) {
    const std::string path = key.substr(key.find(' ') + 1);
    std::set<std::string> declared;
    for (const json& p : op.value("parameters", json::array())) {
      if (p["in"] != "path") continue;
      declared.insert(p["name"].get<std::string>());
      EXPECT_EQ(p.value("required", false), true) << key << " {" << p["name"] << "}";
      EXPECT_TRUE(p.contains("schema")) << key << " {" << p["name"] << "}";
    }
    EXPECT_EQ(declared, TemplateParams(path)) << key;
  }
  // Ids are described as ids, not as any text.
  const json& id = ops_.at("GET /api/v1/tasks/{id}")["parameters"][0];
  EXPECT_EQ(id["schema"]["type"], "integer");
  EXPECT_EQ(id["schema"]["minimum"], 1);
}

TEST_F(OpenApiTest, EveryJsonBodyRouteAndNoOtherHasARequestBody) {
  for (const Route& route : router_->routes()) {
    const std::string key = route.method + " " + route.path;
    const json& op = ops_.at(key);
    ASSERT_EQ(op.contains("requestBody"), route.json_body) << key;
    if (!route.json_body) continue;
    const json& body = op["requestBody"];
    EXPECT_EQ(body["required"], !route.body_optional) << key;
    ASSERT_TRUE(body["content"].contains("application/json")) << key;
    EXPECT_TRUE(body["content"]["application/json"].contains("schema")) << key;
  }
  // Writing a record takes its fields, from the data model.
  EXPECT_EQ(ops_.at("POST /api/v1/tasks")["requestBody"]["content"]["application/json"]["schema"],
            json({{"$ref", "#/components/schemas/TaskInput"}}));
  EXPECT_EQ(ops_.at("PATCH /api/v1/tasks/{id}")["requestBody"]["content"]["application/json"]
                    ["schema"],
            json({{"$ref", "#/components/schemas/TaskChanges"}}));
}

TEST_F(OpenApiTest, OpenRoutesNeedNothingAndOthersATokenOrASessionWithItsCsrfToken) {
  for (const Route& route : router_->routes()) {
    const std::string key = route.method + " " + route.path;
    const json& security = ops_.at(key)["security"];
    if (api::AccessOf(route.method, route.path) == api::Access::kOpen) {
      EXPECT_EQ(security, json::array()) << key;
      continue;
    }
    json session = {{"session", json::array()}};
    if (api::ChangesState(route.method)) session["csrfToken"] = json::array();
    EXPECT_EQ(security, json::array({{{"apiToken", json::array()}}, session})) << key;
  }
  for (const char* open : {"GET /healthz", "GET /readyz", "POST /api/v1/session",
                           "GET /api/v1/openapi.json"}) {
    EXPECT_EQ(ops_.at(open)["security"], json::array()) << open;
  }
  const json& schemes = doc_["components"]["securitySchemes"];
  EXPECT_EQ(schemes["apiToken"]["scheme"], "bearer");
  EXPECT_EQ(schemes["session"]["in"], "cookie");
  EXPECT_EQ(schemes["session"]["name"], "lookout_session");
  EXPECT_EQ(schemes["csrfToken"]["in"], "header");
  EXPECT_EQ(schemes["csrfToken"]["name"], "X-CSRF-Token");
}

TEST_F(OpenApiTest, ErrorAnswersHaveTheErrorShapeAndNameTheirCodes) {
  for (const auto& [key, op] : ops_) {
    const json& responses = op["responses"];
    EXPECT_TRUE(responses.contains("500")) << key;
    const Route* route = FindRoute(key);
    ASSERT_NE(route, nullptr) << key;
    const bool open = api::AccessOf(route->method, route->path) == api::Access::kOpen;
    if (!open) {
      EXPECT_TRUE(responses.contains("401")) << key << " is not open";
    }
    for (ErrorCode code : route->errors) {
      const std::string status = std::to_string(ErrorCodeHttpStatus(code));
      ASSERT_TRUE(responses.contains(status)) << key << " documents " << ErrorCodeName(code);
      EXPECT_THAT(Deref(doc_, responses[status]).value("description", ""),
                  HasSubstr("`" + std::string(ErrorCodeName(code)) + "`"))
          << key;
    }
    for (auto& [status, response] : responses.items()) {
      if (std::stoi(status) < 400) continue;
      json error = Deref(doc_, response);
      ASSERT_TRUE(error.is_object()) << key << " " << status << ": " << response.dump();
      EXPECT_EQ(error["content"]["application/json"]["schema"],
                json({{"$ref", "#/components/schemas/Error"}}))
          << key << " " << status;
    }
  }
  // The error shape names every code of the table but "ok".
  const json& codes = doc_["components"]["schemas"]["Error"]["properties"]["error"]["properties"]
                          ["code"]["enum"];
  EXPECT_EQ(codes.size(), AllErrorCodes().size() - 1);
  // What the machinery around a route adds: reading a JSON body, the guard's CSRF check.
  const json& create = ops_.at("POST /api/v1/partners")["responses"];
  for (const char* status : {"400", "401", "403", "409", "413", "415", "422", "500", "503"}) {
    EXPECT_TRUE(create.contains(status)) << "POST /api/v1/partners lacks " << status;
  }
  EXPECT_THAT(Deref(doc_, create["403"]).value("description", ""), HasSubstr("`csrf_failed`"));
  EXPECT_FALSE(ops_.at("GET /healthz")["responses"].contains("401"));
}

TEST_F(OpenApiTest, EveryReferenceResolvesAndEveryOperationIdIsUnique) {
  std::set<std::string> refs;
  CollectRefs(doc_, refs);
  EXPECT_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    EXPECT_FALSE(Resolve(doc_, ref).is_null()) << ref << " names no component schema";
  }
  std::set<std::string> ids;
  for (const auto& [key, op] : ops_) {
    EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second) << key;
  }
}

TEST_F(OpenApiTest, RecordSchemasFollowTheDataModel) {
  const json& schemas = doc_["components"]["schemas"];
  for (const domain::EntityDef* e : domain::AllEntities()) {
    const std::string ref =
        json::parse(api::RecordSchema(*e, api::RecordForm::kRecord))["$ref"].get<std::string>();
    const std::string name = ref.substr(ref.rfind('/') + 1);
    ASSERT_TRUE(schemas.contains(name)) << e->name;
    const json& record = schemas[name];
    for (const char* meta : domain::kMetaColumns) {
      EXPECT_TRUE(record["properties"].contains(meta)) << name << "." << meta;
    }
    ASSERT_TRUE(schemas.contains(name + "Page")) << e->name;
    EXPECT_EQ(schemas.contains(name + "Input"), e->api_writable) << e->name;
    for (const domain::FieldDef& f : e->fields) {
      ASSERT_TRUE(record["properties"].contains(f.name)) << name << "." << f.name;
      const json& property = record["properties"][f.name];
      EXPECT_EQ(property.value("readOnly", false), f.system) << name << "." << f.name;
      if (f.type == domain::FieldType::kEnum) {
        const domain::Vocabulary* v = domain::FindVocabulary(f.target);
        ASSERT_NE(v, nullptr);
        EXPECT_EQ(property["enum"].size(), v->terms.size() + 1) << name << "." << f.name
                                                                << ": its codes and null";
      }
      if (!e->api_writable) continue;
      const json& input = schemas[name + "Input"];
      EXPECT_EQ(input["properties"].contains(f.name), !f.system) << name << "Input." << f.name;
      const json listed = input.value("required", json::array());
      const bool required = std::find(listed.begin(), listed.end(), f.name) != listed.end();
      EXPECT_EQ(required, f.required && !f.system) << name << "Input." << f.name;
    }
  }
}

// A parameter value each documented list parameter accepts.
std::string SampleValue(const domain::EntityDef& e, const json& param) {
  const json& schema = param["schema"];
  const std::string name = param["name"];
  if (schema.contains("enum")) return schema["enum"][0];
  if (schema["type"] == "integer") return std::to_string(schema.value("minimum", 0));
  if (schema.value("format", "") == "date" || name == "from" || name == "to") return "2026-01-01";
  if (name == "period") return "2025-26";
  const domain::FieldDef* f = e.Find(name);
  if (f == nullptr && name == "region") f = e.Find(e.region_field);
  // Activities filtered by their task's themes: a filter through another record, which
  // takes a theme's code as the task's field does.
  if (f == nullptr && name == "theme") return domain::FindVocabulary("theme")->terms.front().code;
  if (f == nullptr) return "x";
  switch (f->type) {
    case domain::FieldType::kEnum:
    case domain::FieldType::kEnumSet:
      return domain::FindVocabulary(f->target)->terms.front().code;
    case domain::FieldType::kRef:
    case domain::FieldType::kRefSet: {
      const domain::EntityDef* target = domain::FindEntity(f->target);
      return target != nullptr && target->IsReference() ? "EM" : "1";
    }
    case domain::FieldType::kBool:
      return "true";
    case domain::FieldType::kInt:
      return "1";
    case domain::FieldType::kReal:
      return "1.5";
    case domain::FieldType::kDate:
      return "2026-01-01";
    case domain::FieldType::kPeriod:
      return "2025-26 Q1";
    default:
      return "x";
  }
}

TEST_F(OpenApiTest, EveryDocumentedListParameterIsAcceptedByTheList) {
  ASSERT_TRUE(store_->Migrate(/*dry_run=*/false).ok());
  const app::Actor actor = app::Actor::Cli("openapi-test");
  for (const domain::EntityDef* e : domain::AllEntities()) {
    const std::string key = "GET /api/v1/" + e->plural;
    ASSERT_TRUE(ops_.count(key)) << key;
    int checked = 0;
    for (const json& param : ops_.at(key)["parameters"]) {
      const std::string name = param["name"];
      const std::string value = SampleValue(*e, param);
      auto page = services_->List(actor, *e, {{name, value}});
      ++checked;
      if (page.ok()) continue;
      for (const FieldError& f : page.status().fields()) {
        EXPECT_NE(f.field, name) << key << "?" << name << "=" << value << ": " << f.message;
      }
    }
    EXPECT_GE(checked, 5) << key << ": q, archived, sort, limit and offset at least";
  }
  // And the audit trail's.
  for (const json& param : ops_.at("GET /api/v1/audit")["parameters"]) {
    const std::string name = param["name"];
    app::Params params = {{name, SampleValue(domain::TaskEntity(), param)}};
    if (name == "entity_id") params.push_back({"entity", "task"});
    auto page = app::ListAudit(*services_, actor, params);
    EXPECT_TRUE(page.ok()) << "audit?" << name << ": " << page.status().ToString();
  }
}

TEST(OpenApiDocument, DescribesARouteThatSetsLittleMoreThanItsHandler) {
  Router router;
  RouteHandler handler = [](const Request&, const PathParams&) { return Response{}; };
  router.Add({"GET", "/plain", "", "", false, handler});
  router.Add({.method = "GET",
              .path = "/metrics",
              .summary = "Counters in Prometheus's text format.",
              .handler = handler,
              .content_type = "text/plain; version=0.0.4"});
  router.Add({"POST", "/things/{name}", "Make a thing.", "", true, handler});
  const json doc = json::parse(api::OpenApiDocument(router.routes(), "1"));
  const auto ops = Operations(doc);
  ASSERT_EQ(ops.size(), 3u);

  const json& plain = ops.at("GET /plain");
  EXPECT_FALSE(plain.contains("parameters"));
  EXPECT_FALSE(plain.contains("requestBody"));
  EXPECT_TRUE(plain["responses"]["200"]["content"].contains("application/json"));
  EXPECT_TRUE(plain["responses"].contains("500"));
  EXPECT_FALSE(plain["operationId"].get<std::string>().empty());

  const json& metrics = ops.at("GET /metrics")["responses"]["200"]["content"];
  ASSERT_TRUE(metrics.contains("text/plain; version=0.0.4")) << metrics.dump();
  EXPECT_EQ(metrics["text/plain; version=0.0.4"]["schema"], json({{"type", "string"}}));
  EXPECT_FALSE(metrics.contains("application/json"));
  EXPECT_EQ(ops.at("GET /metrics")["summary"], "Counters in Prometheus's text format.");

  const json& thing = ops.at("POST /things/{name}");
  ASSERT_EQ(thing["parameters"].size(), 1u);
  EXPECT_EQ(thing["parameters"][0]["name"], "name");
  EXPECT_EQ(thing["parameters"][0]["in"], "path");
  EXPECT_EQ(thing["parameters"][0]["required"], true);
  EXPECT_EQ(thing["requestBody"]["content"]["application/json"]["schema"]["type"], "object");
  for (const char* status : {"400", "413", "415", "500"}) {
    EXPECT_TRUE(thing["responses"].contains(status)) << status;
  }
}

TEST(OpenApiDocument, RefusesSchemasThatAreNotJsonOrDisagreeUnderOneTitle) {
  RouteHandler handler = [](const Request&, const PathParams&) { return Response{}; };
  Router broken;
  broken.Add({.method = "GET", .path = "/a", .handler = handler, .response_schema = "{not json"});
  EXPECT_THROW(api::OpenApiDocument(broken.routes(), "1"), std::invalid_argument);

  Router clash;
  clash.Add({.method = "GET", .path = "/a", .handler = handler,
             .response_schema = R"({"title": "Thing", "type": "object"})"});
  clash.Add({.method = "GET", .path = "/b", .handler = handler,
             .response_schema = R"({"title": "Thing", "type": "array"})"});
  EXPECT_THROW(api::OpenApiDocument(clash.routes(), "1"), std::invalid_argument);

  Router dangling;
  dangling.Add({.method = "GET", .path = "/a", .handler = handler,
                .response_schema = R"({"$ref": "#/components/schemas/Nowhere"})"});
  EXPECT_THROW(api::OpenApiDocument(dangling.routes(), "1"), std::invalid_argument);
}

// The served description, and the server's answers against it.
class OpenApiServedTest : public ApiServerTest {};

TEST_F(OpenApiServedTest, ServesTheDescriptionOfItsRoutesWithoutSigningIn) {
  auto res = Client().Get(api::kOpenApiPath);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->get_header_value("Content-Type"), HasSubstr("application/json"));
  auto router = BuildApiRouter(*services_, *accounts_, {.version = ServerVersion()});
  EXPECT_EQ(res->body, api::OpenApiDocument(router->routes(), ServerVersion()));
  EXPECT_EQ(json::parse(res->body)["info"]["version"], ServerVersion());
}

TEST_F(OpenApiServedTest, AnswersHaveTheContentTypeAndShapeTheDescriptionGivesThem) {
  authtest::TestUser admin = authtest::AddTestUser(*services_, *accounts_, "admin");
  ASSERT_NE(admin.staff_id, 0);
  auto res = Client().Get(api::kOpenApiPath);
  ASSERT_TRUE(res);
  const json doc = json::parse(res->body);
  httplib::Client client = Client(admin.token);
  int checked = 0;
  auto check = [&](const std::string& key, const json& op, const std::string& url) {
    auto answer = client.Get(url);
    ASSERT_TRUE(answer) << url;
    const std::string status = std::to_string(answer->status);
    ASSERT_TRUE(op["responses"].contains(status))
        << key << " answered " << status << ", which the description does not give: "
        << answer->body.substr(0, 300);
    json content = Deref(doc, op["responses"][status])["content"];
    const std::string type = answer->get_header_value("Content-Type");
    ASSERT_TRUE(content.contains(type)) << key << " answered " << type << ", described "
                                        << content.dump().substr(0, 200);
    ++checked;
    if (!content[type].contains("schema") || type.rfind("application/json", 0) != 0) return;
    std::vector<std::string> problems;
    CheckValue(doc, content[type]["schema"], json::parse(answer->body), key, problems);
    EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
  };
  for (const auto& [key, op] : Operations(doc)) {
    if (key.rfind("GET ", 0) != 0) continue;
    const std::string path = key.substr(4);
    if (TemplateParams(path).empty()) {
      check(key, op, path);
      continue;
    }
    // An item route: the first record its list has, when it has one.
    const std::string list = path.substr(0, path.find("/{id}"));
    if (path != list + "/{id}") continue;
    auto page = client.Get(list + "?limit=1");
    ASSERT_TRUE(page);
    const json items = json::parse(page->body).value("items", json::array());
    if (items.empty()) continue;
    check(key, op, list + "/" + std::to_string(items[0]["id"].get<int64_t>()));
  }
  // The lists of every kind, the reference data and the programme, the service's routes.
  EXPECT_GT(checked, static_cast<int>(domain::AllEntities().size()) + 5);

  // The check can fail: a region whose code is a number, and one without its version.
  auto regions = client.Get("/api/v1/regions?limit=1");
  ASSERT_TRUE(regions);
  json wrong = json::parse(regions->body);
  ASSERT_FALSE(wrong["items"].empty());
  wrong["items"][0]["code"] = 5;
  wrong["items"][0].erase("version");
  std::vector<std::string> problems;
  CheckValue(doc, {{"$ref", "#/components/schemas/RegionPage"}}, wrong, "regions", problems);
  EXPECT_THAT(problems, ::testing::ElementsAre(HasSubstr("lacks the required version"),
                                               HasSubstr("regions.items[0].code: 5 is not")));
}

}  // namespace
}  // namespace lookout::http
