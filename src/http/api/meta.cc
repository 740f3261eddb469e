// Routes about the API itself and the process: the data model as JSON (generated from
// domain/schema.h), the vocabularies, the reach summary, and the health probes.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/record_json.h"
#include "http/api/api.h"
#include "http/api/json_io.h"
#include "http/api/routes.h"

namespace lookout::http::api {

namespace {

using domain::EntityDef;
using domain::FieldDef;
using domain::FieldType;

// "long text" -> "long_text": a type name a program can switch on.
std::string TypeCode(FieldType type) {
  std::string out(domain::FieldTypeName(type));
  std::replace(out.begin(), out.end(), ' ', '_');
  return out;
}

nlohmann::ordered_json FieldsJson(const EntityDef& entity);

nlohmann::ordered_json FieldJson(const FieldDef& f) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["name"] = f.name;
  j["label"] = f.label;
  j["type"] = TypeCode(f.type);
  j["required"] = f.required;
  if (f.type == FieldType::kText || f.type == FieldType::kLongText) {
    j["max_length"] = f.MaxLength();
  }
  switch (f.type) {
    case FieldType::kEnum:
    case FieldType::kEnumSet:
      j["vocabulary"] = f.target;
      break;
    case FieldType::kRef:
    case FieldType::kRefSet: {
      j["entity"] = f.target;
      const EntityDef* target = domain::FindEntity(f.target);
      j["refers_by"] = target != nullptr && target->IsReference() ? "code" : "id";
      break;
    }
    case FieldType::kChildren:
      j["fields"] = FieldsJson(domain::ChildEntity(f));
      break;
    default:
      break;
  }
  j["filter"] = f.filter;
  j["search"] = f.search;
  j["system"] = f.system;
  j["unique"] = f.unique;
  j["free_text"] = f.free_text;
  j["help"] = f.help;
  return j;
}

nlohmann::ordered_json FieldsJson(const EntityDef& entity) {
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const FieldDef& f : entity.fields) fields.push_back(FieldJson(f));
  return fields;
}

nlohmann::ordered_json VocabulariesJson() {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const domain::Vocabulary& v : domain::AllVocabularies()) {
    nlohmann::ordered_json terms = nlohmann::ordered_json::array();
    for (const domain::Term& t : v.terms) {
      terms.push_back(nlohmann::ordered_json{{"code", t.code}, {"label", t.label}});
    }
    out.push_back(nlohmann::ordered_json{{"name", v.name}, {"terms", std::move(terms)}});
  }
  return out;
}

std::string SchemaBody() {
  nlohmann::ordered_json entities = nlohmann::ordered_json::array();
  for (const EntityDef* e : domain::AllEntities()) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["name"] = e->name;
    j["kind"] = domain::KindName(*e);
    j["plural"] = e->plural;
    j["path"] = std::string(kPrefix) + "/" + e->plural;
    j["label"] = e->label;
    j["help"] = e->help;
    j["writable"] = e->api_writable;
    j["code_field"] = e->code_field.empty() ? nullptr : nlohmann::ordered_json(e->code_field);
    j["date_field"] = e->date_field.empty() ? nullptr : nlohmann::ordered_json(e->date_field);
    j["region_field"] = e->region_field.empty() ? nullptr : nlohmann::ordered_json(e->region_field);
    j["sort"] = (e->sort_descending ? "-" : "") + e->sort_field;
    j["fields"] = FieldsJson(*e);
    entities.push_back(std::move(j));
  }
  nlohmann::ordered_json meta = nlohmann::ordered_json::array();
  for (const char* m : domain::kMetaColumns) meta.push_back(m);
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["meta_fields"] = std::move(meta);
  body["entities"] = std::move(entities);
  body["vocabularies"] = VocabulariesJson();
  return Dump(body);
}

Response Fixed(const std::string& body) {
  Response r;
  r.body = body;
  return r;
}

// The parameters of GET /api/v1/reach.
const std::vector<Param>& ReachParams() {
  static const std::vector<Param> kParams = {
      {.name = "from",
       .description = "Activities that started on or after this day.",
       .format = "date"},
      {.name = "to",
       .description = "Activities that started on or before this day.",
       .format = "date"},
      {.name = "region",
       .description = "One region's activities, by its code; all regions when left out."}};
  return kParams;
}

Response Reach(app::Services& services, const Request& request) {
  store::ReachQuery query;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : request.query) {
    if (key == "from") {
      query.from = value;
    } else if (key == "to") {
      query.to = value;
    } else if (key == "region") {
      query.region = value;
    } else {
      std::string names;
      const std::vector<Param>& params = ReachParams();
      for (size_t i = 0; i < params.size(); ++i) {
        names += (i == 0 ? "" : i + 1 == params.size() ? " and " : ", ") + params[i].name;
      }
      errors.push_back({key, "is not a parameter of reach: use " + names});
    }
  }
  if (!errors.empty()) return ErrorResponse(Status::Validation(std::move(errors)), request);
  Result<std::vector<store::ReachRow>> rows = services.Reach(ResolveActor(request), query);
  if (!rows.ok()) return ErrorResponse(rows.status(), request);
  auto text_or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
  };
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const store::ReachRow& row : *rows) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["region"] = row.region;
    j["group"] = row.group;
    j["sector"] = text_or_null(row.sector);
    j["count"] = row.count;
    j["any_estimated"] = row.any_estimated;
    j["activities"] = row.activities;
    items.push_back(std::move(j));
  }
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["from"] = text_or_null(query.from);
  body["to"] = text_or_null(query.to);
  body["region"] = text_or_null(query.region);
  body["items"] = std::move(items);
  return JsonResponse(200, body);
}

// The shapes of the answers below, as JSON Schema.
constexpr const char* kVocabulariesItems = R"({"type": "array", "items": {
    "type": "object",
    "properties": {"name": {"type": "string"},
                   "terms": {"type": "array", "items": {"type": "object",
                     "properties": {"code": {"type": "string"}, "label": {"type": "string"}},
                     "required": ["code", "label"]}}},
    "required": ["name", "terms"]}})";

std::string DataModelSchema() {
  nlohmann::ordered_json field = nlohmann::ordered_json::parse(R"({
    "type": "object",
    "description": "A field: its type, whether it is required, set by Lookout (system), unique, a filter, searchable; the vocabulary of a code, the kind a reference points at, the fields of child rows.",
    "properties": {
      "name": {"type": "string"}, "label": {"type": "string"},
      "type": {"type": "string"}, "required": {"type": "boolean"},
      "max_length": {"type": "integer"}, "vocabulary": {"type": "string"},
      "entity": {"type": "string"}, "refers_by": {"type": "string", "enum": ["id", "code"]},
      "fields": {"type": "array", "items": {"type": "object"}},
      "filter": {"type": "boolean"}, "search": {"type": "boolean"},
      "system": {"type": "boolean"}, "unique": {"type": "boolean"},
      "free_text": {"type": "boolean"}, "help": {"type": "string"}},
    "required": ["name", "label", "type", "required"]})");
  nlohmann::ordered_json nullable_text = {{"type", nlohmann::ordered_json::array({"string", "null"})}};
  nlohmann::ordered_json entity = {
      {"type", "object"},
      {"properties",
       {{"name", {{"type", "string"}}},
        {"kind", {{"type", "string"}}},
        {"plural", {{"type", "string"}}},
        {"path", {{"type", "string"}}},
        {"label", {{"type", "string"}}},
        {"help", {{"type", "string"}}},
        {"writable", {{"type", "boolean"}}},
        {"code_field", nullable_text},
        {"date_field", nullable_text},
        {"region_field", nullable_text},
        {"sort", {{"type", "string"}}},
        {"fields", {{"type", "array"}, {"items", std::move(field)}}}}},
      {"required", nlohmann::ordered_json::array({"name", "plural", "path", "fields"})}};
  nlohmann::ordered_json schema = {
      {"title", "DataModel"},
      {"type", "object"},
      {"properties",
       {{"meta_fields", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"entities", {{"type", "array"}, {"items", std::move(entity)}}},
        {"vocabularies", nlohmann::ordered_json::parse(kVocabulariesItems)}}},
      {"required", nlohmann::ordered_json::array({"meta_fields", "entities", "vocabularies"})}};
  return Dump(schema);
}

constexpr const char* kReachSchema = R"({
  "title": "Reach", "type": "object",
  "properties": {
    "from": {"type": ["string", "null"]}, "to": {"type": ["string", "null"]},
    "region": {"type": ["string", "null"]},
    "items": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "region": {"type": "string"}, "group": {"type": "string"},
        "sector": {"type": ["string", "null"], "description": "For professionals."},
        "count": {"type": "integer"},
        "any_estimated": {"type": "boolean"},
        "activities": {"type": "integer", "description": "How many activities the row covers."}},
      "required": ["region", "group", "sector", "count", "any_estimated", "activities"]}}},
  "required": ["from", "to", "region", "items"]})";

// Ready: the database answers and its schema is the one this binary carries (a database
// migrated by a newer lookout, or not yet by this one, is not ready). A database that went
// away is asked again on every probe, so readiness returns with it, without a restart.
Response Readiness(app::Services& services, int schema_version, const Request& request) {
  if (!services.store().Ping()) {
    return ErrorResponse(Status(ErrorCode::kUnavailable, "The database does not answer."), request);
  }
  Result<int> version = services.store().SchemaVersion();
  if (!version.ok()) return ErrorResponse(version.status(), request);
  if (*version != schema_version) {
    Response response = ErrorResponse(
        Status(ErrorCode::kUnavailable, "The database schema is not the one this lookout needs."),
        request);
    response.log_detail = "schema version " + std::to_string(*version) + ", this lookout needs " +
                          std::to_string(schema_version) +
                          (*version < schema_version ? ": run `lookout migrate`" : "");
    return response;
  }
  return Fixed(Dump(nlohmann::ordered_json{{"status", "ready"}, {"schema_version", *version}}));
}

}  // namespace

void AddMetaRoutes(Router& router, app::Services& services, const ApiOptions& options) {
  app::Services* s = &services;
  // The data model does not change while the process runs: build these bodies once.
  const std::string schema = SchemaBody();
  nlohmann::ordered_json vocabularies = nlohmann::ordered_json::object();
  vocabularies["vocabularies"] = VocabulariesJson();
  const std::string vocabularies_body = Dump(vocabularies);
  const int schema_version = store::LatestSchemaVersion();
  const std::string health = Dump(nlohmann::ordered_json{{"status", "ok"},
                                                         {"version", options.version},
                                                         {"commit", options.commit},
                                                         {"schema_version", schema_version}});

  router.Add({.method = "GET",
              .path = std::string(kPrefix) + "/schema",
              .summary = "The data model: every entity, its fields, their types and vocabularies.",
              .handler = [schema](const Request&, const PathParams&) { return Fixed(schema); },
              .response_schema = DataModelSchema()});
  router.Add({.method = "GET",
              .path = std::string(kPrefix) + "/vocabularies",
              .summary = "Every fixed vocabulary with its codes and labels.",
              .handler = [vocabularies_body](const Request&,
                                             const PathParams&) { return Fixed(vocabularies_body); },
              .response_schema = std::string(R"({"title": "Vocabularies", "type": "object",
                  "properties": {"vocabularies": )") + kVocabulariesItems + R"(},
                  "required": ["vocabularies"]})"});
  router.Add({.method = "GET",
              .path = std::string(kPrefix) + "/reach",
              .summary = "People reached by activities, by region, audience group and sector "
                         "(from, to, region).",
              .entity = "activity",
              .handler = [s](const Request& r, const PathParams&) { return Reach(*s, r); },
              .description = "Sums the audience counts of the activities that started between "
                             "from and to: one row per region, audience group and, for "
                             "professionals, sector.",
              .params = ReachParams(),
              .response_schema = kReachSchema,
              .errors = {ErrorCode::kForbidden, ErrorCode::kValidation}});
  router.Add({.method = "GET",
              .path = "/healthz",
              .summary = "The process is alive.",
              .handler = [health](const Request&, const PathParams&) { return Fixed(health); },
              .response_schema = R"({"title": "Health", "type": "object",
                  "properties": {"status": {"type": "string", "enum": ["ok"]},
                                 "version": {"type": "string"},
                                 "commit": {"type": "string"},
                                 "schema_version": {"type": "integer"}},
                  "required": ["status", "version", "commit", "schema_version"]})"});
  router.Add({.method = "GET",
              .path = "/readyz",
              .summary = "The database answers and has this lookout's schema (503 otherwise).",
              .handler = [s, schema_version](const Request& r, const PathParams&) {
                return Readiness(*s, schema_version, r);
              },
              .response_schema = R"({"title": "Ready", "type": "object",
                  "properties": {"status": {"type": "string", "enum": ["ready"]},
                                 "schema_version": {"type": "integer"}},
                  "required": ["status", "schema_version"]})",
              .errors = {ErrorCode::kUnavailable}});
}

}  // namespace lookout::http::api
