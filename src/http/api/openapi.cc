#include "http/api/openapi.h"

#include <cctype>
#include <charconv>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "http/api/json_io.h"
#include "http/api/routes.h"
#include "http/error_json.h"
#include "io/record_json.h"

namespace lookout::http::api {

namespace {

using json = nlohmann::ordered_json;
using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

constexpr const char* kSchemas = "#/components/schemas/";
constexpr const char* kResponses = "#/components/responses/";
constexpr const char* kErrorSchema = "Error";
constexpr const char* kServiceTag = "Service";

// "task_transition" -> "TaskTransition": the name of an entity's component schemas.
std::string Pascal(const std::string& name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_' || c == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string FormName(const EntityDef& entity, RecordForm form) {
  switch (form) {
    case RecordForm::kRecord:
      return Pascal(entity.name);
    case RecordForm::kInput:
      return Pascal(entity.name) + "Input";
    case RecordForm::kChanges:
      return Pascal(entity.name) + "Changes";
    case RecordForm::kPage:
      return Pascal(entity.name) + "Page";
  }
  return Pascal(entity.name);
}

json Ref(const std::string& component) { return json{{"$ref", kSchemas + component}}; }

// `schema` that also allows null: "type" gains "null", and so does an "enum".
json Nullable(json schema) {
  if (schema.contains("$ref")) return json{{"anyOf", json::array({schema, {{"type", "null"}}})}};
  schema["type"] = json::array({schema["type"], "null"});
  if (schema.contains("enum")) schema["enum"].push_back(nullptr);
  return schema;
}

std::string Describe(const FieldDef& f) {
  return f.help.empty() ? f.label : f.label + ": " + f.help;
}

// One value of `f` (one element, for a set): what io::RecordFromJson accepts and
// io::RecordToJson writes.
json ElementSchema(const FieldDef& f) {
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kLongText:
      return json{{"type", "string"}, {"maxLength", f.MaxLength()}};
    case FieldType::kInt:
      return json{{"type", "integer"}};
    case FieldType::kReal:
      return json{{"type", "number"}};
    case FieldType::kBool:
      return json{{"type", "boolean"}};
    case FieldType::kDate:
      return json{{"type", "string"}, {"format", "date"}};
    case FieldType::kPeriod:
      return json{{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}( Q[1-4])?$"}};
    case FieldType::kEnum:
    case FieldType::kEnumSet: {
      json codes = json::array();
      if (const domain::Vocabulary* v = domain::FindVocabulary(f.target)) {
        for (const domain::Term& t : v->terms) codes.push_back(t.code);
      }
      return json{{"type", "string"}, {"enum", std::move(codes)}};
    }
    case FieldType::kRef:
    case FieldType::kRefSet: {
      const EntityDef* target = domain::FindEntity(f.target);
      if (target != nullptr && target->IsReference()) {
        return json{{"type", "string"}, {"description", "The " + target->code_field + " of the " +
                                                           target->label + " it refers to."}};
      }
      return json{{"type", "integer"},
                  {"minimum", 1},
                  {"description", "The id of the " + (target != nullptr ? target->label : f.target) +
                                      " it refers to."}};
    }
    case FieldType::kChildren:
      return Ref(Pascal(domain::ChildEntity(f).name));
  }
  return json{{"type", "string"}};
}

// The whole value of `f`: a set or child rows are arrays.
json ValueSchema(const FieldDef& f) {
  if (f.IsSet()) {
    return json{{"type", "array"}, {"items", ElementSchema(f)}, {"uniqueItems", true}};
  }
  if (f.type == FieldType::kChildren) {
    return json{{"type", "array"}, {"items", ElementSchema(f)}};
  }
  return ElementSchema(f);
}

json FieldSchema(const FieldDef& f, bool nullable, bool read_only) {
  json schema = ValueSchema(f);
  if (nullable) schema = Nullable(std::move(schema));
  // A reference's own description says whether it is an id or a code: keep it.
  schema["description"] = schema.contains("description")
                              ? Describe(f) + ". " + schema["description"].get<std::string>()
                              : Describe(f);
  if (read_only) schema["readOnly"] = true;
  return schema;
}

// The meta fields every record has (domain::kMetaColumns), as docs/api.md describes them.
json MetaSchema(std::string_view name) {
  json s;
  if (name == "id") {
    s = {{"type", "integer"}, {"description", "The record's id, given by Lookout."}};
  } else if (name == "version") {
    s = {{"type", "integer"},
         {"description", "1 when created, one more with every change; send it back with a "
                         "change."}};
  } else if (name == "archived") {
    s = {{"type", "boolean"}, {"description", "Archived records are left out of lists unless "
                                              "asked for."}};
  } else if (name == "archived_at") {
    s = {{"type", json::array({"string", "null"})},
         {"format", "date-time"},
         {"description", "When it was archived (UTC)."}};
  } else if (name == "created_at" || name == "updated_at") {
    s = {{"type", "string"}, {"format", "date-time"}, {"description", "UTC timestamp."}};
  } else {
    s = {{"type", "string"},
         {"description", "Who acted: staff:<id> through the API, cli:<user>, or system."}};
  }
  s["readOnly"] = true;
  return s;
}

json ObjectSchema(const std::string& description) {
  return json{{"type", "object"}, {"description", description}};
}

json RecordComponent(const EntityDef& e) {
  json schema = ObjectSchema(e.label + ", as the API answers it: " + e.help);
  json properties = json::object();
  json required = json::array();
  for (const char* meta : domain::kMetaColumns) {
    properties[meta] = MetaSchema(meta);
    required.push_back(meta);
  }
  for (const FieldDef& f : e.fields) {
    if (domain::IsMetaColumn(f.name)) continue;
    properties[f.name] = FieldSchema(f, /*nullable=*/true, /*read_only=*/f.system);
    required.push_back(f.name);
  }
  if (e.api_writable) {
    properties["warnings"] = {
        {"type", "array"},
        {"items", {{"type", "string"}}},
        {"description", "Only in the answer to a write, when free text looks as if it "
                        "identifies someone: what to remove."}};
  }
  schema["properties"] = std::move(properties);
  schema["required"] = std::move(required);
  return schema;
}

// The fields a client writes: every field but Lookout's own.
bool Writable(const FieldDef& f) { return !f.system && !domain::IsMetaColumn(f.name); }

// An object of the `fields` that `include` keeps, as a client writes them: required
// ones must be there (and not null), nothing else may be.
json WrittenObject(const std::string& description, const std::vector<FieldDef>& fields,
                   bool (*include)(const FieldDef&)) {
  json schema = ObjectSchema(description);
  json properties = json::object();
  json required = json::array();
  for (const FieldDef& f : fields) {
    if (!include(f)) continue;
    properties[f.name] = FieldSchema(f, /*nullable=*/!f.required, false);
    if (f.required) required.push_back(f.name);
  }
  schema["properties"] = std::move(properties);
  if (!required.empty()) schema["required"] = std::move(required);
  schema["additionalProperties"] = false;
  return schema;
}

json InputComponent(const EntityDef& e) {
  return WrittenObject("A new " + e.label + ": its fields; optional ones may be left out or null.",
                       e.fields, Writable);
}

json ChangesComponent(const EntityDef& e) {
  json schema = ObjectSchema("Changes to a " + e.label + ": the fields to change (null empties "
                             "one; sets and rows are replaced whole) and the version you "
                             "loaded, here or in If-Match.");
  json properties = json::object();
  properties["version"] = json::parse(kVersionSchema);
  for (const FieldDef& f : e.fields) {
    if (Writable(f)) properties[f.name] = FieldSchema(f, /*nullable=*/!f.required, false);
  }
  schema["properties"] = std::move(properties);
  schema["additionalProperties"] = false;
  return schema;
}

json PageComponent(const EntityDef& e) {
  json schema = ObjectSchema("A page of " + e.label + " records.");
  schema["properties"] = {
      {"items", {{"type", "array"}, {"items", Ref(FormName(e, RecordForm::kRecord))}}},
      {"total",
       {{"type", "integer"}, {"description", "Records matching, ignoring limit and offset."}}},
      {"limit", {{"type", "integer"}}},
      {"offset", {{"type", "integer"}}}};
  schema["required"] = json::array({"items", "total", "limit", "offset"});
  return schema;
}

// A child row (an activity's audience count): its fields only.
json ChildComponent(const EntityDef& child) {
  return WrittenObject(child.label + ": " + child.help, child.fields,
                       [](const FieldDef&) { return true; });
}

// The body of ErrorJson.
json ErrorComponent() {
  json codes = json::array();
  for (ErrorCode code : AllErrorCodes()) {
    if (code != ErrorCode::kOk) codes.push_back(ErrorCodeName(code));
  }
  json field = {{"type", "object"},
                {"properties",
                 {{"field", {{"type", "string"}, {"description", "As the request named it: "
                                                                 "themes[1], audience[0].count."}}},
                  {"message", {{"type", "string"}}}}},
                {"required", json::array({"field", "message"})}};
  json error = {
      {"type", "object"},
      {"properties",
       {{"code", {{"type", "string"}, {"enum", std::move(codes)},
                  {"description", "Stable: program against it, not against the message."}}},
        {"message", {{"type", "string"}, {"description", "What is wrong, for a person."}}},
        {"fields", {{"type", "array"}, {"items", std::move(field)},
                    {"description", "Every field with a problem; empty when none is."}}},
        {"request_id", {{"type", "string"}, {"description", "The request's X-Request-Id."}}}}},
      {"required", json::array({"code", "message", "fields"})}};
  json schema = ObjectSchema("Every error answer.");
  schema["properties"] = {{"error", std::move(error)}};
  schema["required"] = json::array({"error"});
  return schema;
}

json ParseSchema(const std::string& text, const Route& route, const char* which) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw std::invalid_argument("the " + std::string(which) + " schema of " + route.method + " " +
                                route.path + " is not JSON: " + e.what());
  }
}

json ParamSchema(const Param& p, const Route& route) {
  json s = {{"type", p.type}};
  if (!p.format.empty()) s["format"] = p.format;
  if (!p.allowed.empty()) s["enum"] = p.allowed;
  if (p.minimum) s["minimum"] = *p.minimum;
  if (p.maximum) s["maximum"] = *p.maximum;
  if (!p.default_value.empty()) {
    const std::string& d = p.default_value;
    if (p.type == "integer") {
      int64_t n = 0;
      auto [ptr, ec] = std::from_chars(d.data(), d.data() + d.size(), n);
      if (ec != std::errc() || ptr != d.data() + d.size()) {
        throw std::invalid_argument("the parameter " + p.name + " of " + route.method + " " +
                                    route.path + " has the default '" + d +
                                    "', which is not a whole number");
      }
      s["default"] = n;
    } else if (p.type == "boolean") {
      s["default"] = d == "true";
    } else {
      s["default"] = d;
    }
  }
  return s;
}

json ParameterObject(const Param& p, const Route& route) {
  static const char* kIn[] = {"query", "path", "header"};
  json o = {{"name", p.name}, {"in", kIn[static_cast<int>(p.in)]}};
  if (!p.description.empty()) o["description"] = p.description;
  if (p.required || p.in == ParamIn::kPath) o["required"] = true;
  o["schema"] = ParamSchema(p, route);
  return o;
}

// The names of a template's {parameters}, in order.
std::vector<std::string> TemplateParams(const std::string& path) {
  std::vector<std::string> out;
  for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
    const size_t close = path.find('}', open);
    if (close == std::string::npos) break;
    out.push_back(path.substr(open + 1, close - open - 1));
  }
  return out;
}

// "GET /api/v1/tasks/{id}/transitions" -> "getApiV1TasksByIdTransitions".
std::string OperationId(const Route& route) {
  std::string out;
  for (char c : route.method) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string segment;
  auto flush = [&] {
    if (segment.empty()) return;
    const bool param = segment.front() == '{';
    if (param) segment = segment.substr(1, segment.size() - 2);
    out += (param ? "By" : "") + Pascal(segment);
    segment.clear();
  };
  for (char c : route.path) {
    if (c == '/' || c == '.') {
      flush();
      if (c == '.') segment = "_";  // "openapi.json" -> "OpenapiJson"
    } else {
      segment += c;
    }
  }
  flush();
  return out;
}

std::string ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK.";
    case 201:
      return "Created.";
    case 202:
      return "Accepted.";
    case 204:
      return "No content.";
    default:
      return "Success.";
  }
}

// The codes a route can answer with, in the order of the table of core/error_codes.h: its
// own and those of the machinery around it.
std::vector<ErrorCode> ErrorsOf(const Route& route, Access access) {
  std::set<ErrorCode> codes(route.errors.begin(), route.errors.end());
  // The server's, on any route: a malformed request or headers over its limit; a fault
  // (which is also what a handler's exception becomes).
  codes.insert(ErrorCode::kBadRequest);
  codes.insert(ErrorCode::kInternal);
  if (access != Access::kOpen) {
    // The guard: no or a dead session or token; the session and token tables.
    codes.insert(ErrorCode::kUnauthenticated);
    codes.insert(ErrorCode::kUnavailable);
    if (ChangesState(route.method)) codes.insert(ErrorCode::kCsrfFailed);
    if (access == Access::kSignedIn) codes.insert(ErrorCode::kPasswordChangeRequired);
  }
  if (route.json_body) {  // reading it: ParseJsonObject, and the server's body limit
    codes.insert(ErrorCode::kUnsupportedMediaType);
    codes.insert(ErrorCode::kPayloadTooLarge);
  }
  std::vector<ErrorCode> out;
  for (ErrorCode code : AllErrorCodes()) {
    if (codes.count(code)) out.push_back(code);
  }
  return out;
}

class DocumentBuilder {
 public:
  explicit DocumentBuilder(const std::string& version) : version_(version) {
    for (const EntityDef* e : domain::AllEntities()) {
      generated_[FormName(*e, RecordForm::kRecord)] = [e] { return RecordComponent(*e); };
      generated_[FormName(*e, RecordForm::kPage)] = [e] { return PageComponent(*e); };
      if (e->api_writable) {
        generated_[FormName(*e, RecordForm::kInput)] = [e] { return InputComponent(*e); };
        generated_[FormName(*e, RecordForm::kChanges)] = [e] { return ChangesComponent(*e); };
      }
      for (const FieldDef& f : e->fields) {
        if (f.type != FieldType::kChildren) continue;
        const EntityDef* child = &domain::ChildEntity(f);
        generated_[Pascal(child->name)] = [child] { return ChildComponent(*child); };
      }
    }
    generated_[kErrorSchema] = [] { return ErrorComponent(); };
  }

  void Add(const Route& route) {
    const Access access = AccessOf(route.method, route.path);
    json op = json::object();
    const std::string id = OperationId(route);
    if (!operation_ids_.insert(id).second) {
      throw std::invalid_argument("two routes have the operation id " + id + ", the second " +
                                  route.method + " " + route.path);
    }
    op["operationId"] = id;
    if (!route.summary.empty()) op["summary"] = route.summary;
    if (!route.description.empty()) op["description"] = route.description;
    op["tags"] = json::array({Tag(route)});
    op["security"] = Security(route, access);
    json parameters = json::array();
    for (const std::string& name : TemplateParams(route.path)) {
      const Param* documented = nullptr;
      for (const Param& p : route.params) {
        if (p.in == ParamIn::kPath && p.name == name) documented = &p;
      }
      Param plain;
      plain.name = name;
      plain.in = ParamIn::kPath;
      parameters.push_back(ParameterObject(documented != nullptr ? *documented : plain, route));
    }
    for (const Param& p : route.params) {
      if (p.in != ParamIn::kPath) parameters.push_back(ParameterObject(p, route));
    }
    if (!parameters.empty()) op["parameters"] = std::move(parameters);
    if (route.json_body) op["requestBody"] = RequestBody(route);
    op["responses"] = Responses(route, access);
    json& item = paths_[route.path];
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    item[method] = std::move(op);
  }

  std::string Build() {
    json doc = json::object();
    doc["openapi"] = "3.1.0";
    doc["info"] = {
        {"title", "Lookout JSON API"},
        {"summary", "Tasking, delivery and impact evidence for a child-exploitation prevention "
                    "programme."},
        {"description",
         "Every route of Lookout's JSON API (version 1), generated from the server's route "
         "table and data model. docs/api.md explains the conventions: records as JSON, "
         "filters and paging, versions and conflicts, errors."},
        {"version", version_.empty() ? "unknown" : version_}};
    doc["servers"] = json::array(
        {{{"url", "/"}, {"description", "The Lookout server that serves this document."}}});
    json tags = json::array();
    for (const auto& [name, description] : tags_) {
      json tag = {{"name", name}};
      if (!description.empty()) tag["description"] = description;
      tags.push_back(std::move(tag));
    }
    doc["tags"] = std::move(tags);
    doc["paths"] = paths_;
    json components = json::object();
    json responses = json::object();
    for (const auto& [name, response] : error_responses_) responses[name] = response;
    components["schemas"] = Components(json::array({doc["paths"], responses}));
    components["responses"] = std::move(responses);
    components["securitySchemes"] = SecuritySchemes();
    doc["components"] = std::move(components);
    return Dump(doc);
  }

 private:
  std::string Tag(const Route& route) {
    std::string name = kServiceTag;
    std::string description = "The service itself: its health, its data model, this document.";
    const EntityDef* e = domain::FindEntity(route.entity);
    if (e == nullptr) e = domain::FindInternalEntity(route.entity);
    if (e != nullptr) {
      name = e->label;
      description = e->help;
    }
    for (const auto& [n, d] : tags_) {
      if (n == name) return name;
    }
    tags_.emplace_back(name, description);
    return name;
  }

  static json Security(const Route& route, Access access) {
    if (access == Access::kOpen) return json::array();
    json session = {{"session", json::array()}};
    if (ChangesState(route.method)) session["csrfToken"] = json::array();
    return json::array({{{"apiToken", json::array()}}, std::move(session)});
  }

  json RequestBody(const Route& route) {
    json schema;
    if (!route.request_schema.empty()) {
      schema = Named(ParseSchema(route.request_schema, route, "request"), route);
    } else if (const EntityDef* e = domain::FindEntity(route.entity);
               e != nullptr && e->name == route.entity && e->api_writable) {
      schema = Ref(FormName(*e, route.method == "PATCH" ? RecordForm::kChanges : RecordForm::kInput));
    } else {
      schema = {{"type", "object"}};
    }
    return json{{"required", !route.body_optional},
                {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
  }

  json Responses(const Route& route, Access access) {
    json responses = json::object();
    json success = {{"description", ReasonPhrase(route.success_status)}};
    if (route.success_status != 204) {
      json media = json::object();
      if (!route.response_schema.empty()) {
        media["schema"] = Named(ParseSchema(route.response_schema, route, "response"), route);
      } else if (route.content_type.rfind("text/", 0) == 0) {
        media["schema"] = {{"type", "string"}};
      }
      success["content"] = {{route.content_type, std::move(media)}};
    }
    responses[std::to_string(route.success_status)] = std::move(success);
    std::map<int, std::vector<ErrorCode>> by_status;
    for (ErrorCode code : ErrorsOf(route, access)) {
      by_status[ErrorCodeHttpStatus(code)].push_back(code);
    }
    // Each set of codes is one response component ("ForbiddenOrCsrfFailed"), shared by
    // every operation that can answer it.
    for (const auto& [status, codes] : by_status) {
      std::string name;
      std::string description;
      for (ErrorCode code : codes) {
        const std::string code_name(ErrorCodeName(code));
        name += (name.empty() ? "" : "Or") + Pascal(code_name);
        description += (description.empty() ? "" : " ") + std::string("`") + code_name +
                       "`: " + ApiErrorMessage(code);
      }
      error_responses_.emplace(
          name, json{{"description", description},
                     {"content", {{"application/json", {{"schema", Ref(kErrorSchema)}}}}}});
      responses[std::to_string(status)] = {{"$ref", kResponses + name}};
    }
    return responses;
  }

  // A route's schema with a "title" becomes a component of that name.
  json Named(json schema, const Route& route) {
    if (!schema.is_object() || !schema.contains("title") || !schema["title"].is_string()) {
      return schema;
    }
    const std::string name = schema["title"].get<std::string>();
    auto [it, added] = titled_.emplace(name, schema);
    if ((!added && it->second != schema) || generated_.count(name)) {
      throw std::invalid_argument("the schema titled " + name + " of " + route.method + " " +
                                  route.path + " differs from another schema of that title");
    }
    return Ref(name);
  }

  // Every component schema `root` refers to, and those they refer to in turn.
  json Components(const json& root) {
    std::map<std::string, json> out;
    std::vector<std::string> pending;
    std::function<void(const json&)> collect = [&](const json& j) {
      if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
          if (it.key() == "$ref" && it->is_string()) {
            const std::string ref = it->get<std::string>();
            if (ref.rfind(kSchemas, 0) == 0) pending.push_back(ref.substr(std::string(kSchemas).size()));
          } else {
            collect(*it);
          }
        }
      } else if (j.is_array()) {
        for (const json& e : j) collect(e);
      }
    };
    collect(root);
    while (!pending.empty()) {
      const std::string name = pending.back();
      pending.pop_back();
      if (out.count(name)) continue;
      json schema;
      if (auto g = generated_.find(name); g != generated_.end()) {
        schema = g->second();
      } else if (auto t = titled_.find(name); t != titled_.end()) {
        schema = t->second;
      } else {
        throw std::invalid_argument("a route refers to the schema " + name +
                                    ", which the description does not have");
      }
      collect(schema);
      out.emplace(name, std::move(schema));
    }
    json schemas = json::object();
    for (auto& [name, schema] : out) schemas[name] = std::move(schema);
    return schemas;
  }

  static json SecuritySchemes() {
    return {
        {"apiToken",
         {{"type", "http"},
          {"scheme", "bearer"},
          {"description", "An API token (POST /api/v1/api-tokens) as Authorization: Bearer "
                          "TOKEN. It acts as its owner and needs no CSRF token."}}},
        {"session",
         {{"type", "apiKey"},
          {"in", "cookie"},
          {"name", kSessionCookieName},
          {"description", "The browser session that signing in (POST /api/v1/session) sets."}}},
        {"csrfToken",
         {{"type", "apiKey"},
          {"in", "header"},
          {"name", kCsrfHeader},
          {"description", "The session's CSRF token (csrf_token in the answer to signing in): "
                          "required with the session cookie on POST, PUT, PATCH and DELETE."}}}};
  }

  std::string version_;
  json paths_ = json::object();
  std::vector<std::pair<std::string, std::string>> tags_;
  std::map<std::string, std::function<json()>> generated_;
  std::map<std::string, json> titled_;
  std::set<std::string> operation_ids_;
  std::map<std::string, json> error_responses_;
};

}  // namespace

std::string RecordSchema(const EntityDef& entity, RecordForm form) {
  return Dump(Ref(FormName(entity, form)));
}

std::string OpenApiDocument(const std::vector<Route>& routes, const std::string& version) {
  DocumentBuilder builder(version);
  for (const Route& route : routes) builder.Add(route);
  return builder.Build();
}

void AddOpenApiRoute(Router& router, const std::string& version) {
  auto document = std::make_shared<std::string>();
  router.Add({.method = "GET",
              .path = kOpenApiPath,
              .summary = "This description of the API: every route, generated from the route "
                         "table.",
              .handler =
                  [document](const Request&, const PathParams&) {
                    Response r;
                    r.body = *document;
                    return r;
                  },
              .description = "An OpenAPI 3.1 document. Open without signing in.",
              .response_schema = R"({"title": "OpenApiDocument", "type": "object",
                  "description": "An OpenAPI 3.1 document.",
                  "properties": {"openapi": {"type": "string"}, "info": {"type": "object"},
                                 "paths": {"type": "object"}},
                  "required": ["openapi", "info", "paths"]})"});
  *document = OpenApiDocument(router.routes(), version);
}

}  // namespace lookout::http::api
