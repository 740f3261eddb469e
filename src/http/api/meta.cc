// Routes about the API itself and the process: the data model as JSON (generated from
// domain/schema.h), the vocabularies, the reach summary, and the health probes.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/reports/reach_figures.h"
#include "io/record_json.h"
#include "domain/disclosure.h"
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
      {.name = "period",
       .description = "A financial year (2025-26) or a quarter of one (2025-26 Q3): its "
                      "activities. The current financial year when neither period nor dates "
                      "are given."},
      {.name = "from",
       .description = "Activities that started on or after this day (instead of a period; "
                      "not for callers who see figures under the disclosure rule).",
       .format = "date"},
      {.name = "to",
       .description = "Activities that started on or before this day (instead of a period; "
                      "not for callers who see figures under the disclosure rule).",
       .format = "date"},
      {.name = "region",
       .description = "One region's activities, by its code; all regions when left out."}};
  return kParams;
}

Result<Response> Reach(app::Services& services, const Request& request) {
  app::ReachRequest query;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : request.query) {
    if (key == "period") {
      query.period = value;
    } else if (key == "from") {
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
  if (!errors.empty()) return Status::Validation(std::move(errors));
  LOOKOUT_ASSIGN_OR_RETURN(app::ReachFigures figures,
                           app::ReachFor(services, ResolveActor(request), query));
  auto text_or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
  };
  // A withheld count is null, with "suppressed": true beside it.
  auto count = [](const app::ReachCell& c) {
    return c.count ? nlohmann::ordered_json(*c.count) : nlohmann::ordered_json(nullptr);
  };
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  if (figures.controlled) {
    for (const app::ReachFigures::Row& row : figures.regions) {
      for (size_t g = 0; g < figures.groups.size(); ++g) {
        const app::ReachCell& c = row.cells[g];
        if (!c.suppressed && c.count.value_or(0) == 0) continue;
        nlohmann::ordered_json j = nlohmann::ordered_json::object();
        j["region"] = row.region;
        j["group"] = figures.groups[g];
        j["sector"] = nullptr;
        j["count"] = count(c);
        j["suppressed"] = c.suppressed;
        j["any_estimated"] = c.approximate;
        j["activities"] = nullptr;
        items.push_back(std::move(j));
      }
    }
  } else {
    for (const store::ReachRow& row : figures.detail) {
      nlohmann::ordered_json j = nlohmann::ordered_json::object();
      j["region"] = row.region;
      j["group"] = row.group;
      j["sector"] = text_or_null(row.sector);
      j["count"] = row.count;
      j["suppressed"] = false;
      j["any_estimated"] = row.any_estimated;
      j["activities"] = row.activities;
      items.push_back(std::move(j));
    }
  }
  nlohmann::ordered_json totals = nlohmann::ordered_json::array();
  for (size_t g = 0; g < figures.groups.size(); ++g) {
    const app::ReachCell& c = figures.totals[g];
    totals.push_back(nlohmann::ordered_json{{"group", figures.groups[g]},
                                            {"count", count(c)},
                                            {"suppressed", c.suppressed},
                                            {"any_estimated", c.approximate}});
  }
  nlohmann::ordered_json disclosure = nlohmann::ordered_json::object();
  disclosure["controlled"] = figures.controlled;
  disclosure["threshold"] = figures.controlled ? nlohmann::ordered_json(figures.threshold)
                                               : nlohmann::ordered_json(nullptr);
  disclosure["rule"] = figures.controlled
                           ? nlohmann::ordered_json(domain::SuppressionRule(figures.threshold))
                           : nlohmann::ordered_json(nullptr);
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["period"] = text_or_null(figures.period);
  body["from"] = figures.from;
  body["to"] = figures.to;
  body["region"] = text_or_null(figures.region);
  body["disclosure"] = std::move(disclosure);
  body["items"] = std::move(items);
  body["totals"] = std::move(totals);
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
  "description": "People reached. Callers who may read activities get the exact sums, one item per region, audience group and (for professionals) sector. Everyone else (funders, administrators) gets the figures under the disclosure rule, for whole financial years only: one item per region and group, sector and activities null, and a count withheld under the rule is null with suppressed true (disclosure says so and states the rule).",
  "properties": {
    "period": {"type": ["string", "null"], "description": "The period asked for (the current financial year when none was given); null when dates were."},
    "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
    "region": {"type": ["string", "null"]},
    "disclosure": {"type": "object",
      "properties": {
        "controlled": {"type": "boolean", "description": "Whether the disclosure rule was applied."},
        "threshold": {"type": ["integer", "null"], "description": "Counts from 1 to threshold - 1 are withheld."},
        "rule": {"type": ["string", "null"], "description": "The rule in words."}},
      "required": ["controlled", "threshold", "rule"]},
    "items": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "region": {"type": "string"}, "group": {"type": "string"},
        "sector": {"type": ["string", "null"], "description": "For professionals; null under the disclosure rule."},
        "count": {"type": ["integer", "null"], "description": "Null when withheld under the disclosure rule."},
        "suppressed": {"type": "boolean", "description": "Withheld under the disclosure rule: fewer than the threshold, or a count that would give one away."},
        "any_estimated": {"type": "boolean"},
        "activities": {"type": ["integer", "null"], "description": "How many activities the row covers; null under the disclosure rule."}},
      "required": ["region", "group", "sector", "count", "suppressed", "any_estimated", "activities"]}},
    "totals": {"type": "array", "description": "One per audience group: the items' total (withheld when small, or when it would give a withheld count away).", "items": {
      "type": "object",
      "properties": {
        "group": {"type": "string"},
        "count": {"type": ["integer", "null"]},
        "suppressed": {"type": "boolean"},
        "any_estimated": {"type": "boolean"}},
      "required": ["group", "count", "suppressed", "any_estimated"]}}},
  "required": ["period", "from", "to", "region", "disclosure", "items", "totals"]})";

// Ready: the database answers and its schema is the one this binary carries (a database
// migrated by a newer lookout, or not yet by this one, is not ready). A database that went
// away is asked again on every probe, so readiness returns with it, without a restart.
Result<Response> Readiness(app::Services& services, int schema_version, const Request& request) {
  if (!services.store().Ping()) {
    return Status(ErrorCode::kUnavailable, "The database does not answer.");
  }
  LOOKOUT_ASSIGN_OR_RETURN(int version, services.store().SchemaVersion());
  if (version != schema_version) {
    Response response = ErrorResponse(
        Status(ErrorCode::kUnavailable, "The database schema is not the one this lookout needs."),
        request);
    response.log_detail = "schema version " + std::to_string(version) + ", this lookout needs " +
                          std::to_string(schema_version) +
                          (version < schema_version ? ": run `lookout migrate`" : "");
    return response;
  }
  return Fixed(Dump(nlohmann::ordered_json{{"status", "ready"}, {"schema_version", version}}));
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
                         "(period or from and to, region).",
              .entity = "activity",
              .handler = [s](const Request& r, const PathParams&) { return Reach(*s, r); },
              .description = "Sums the audience counts of the activities that started in the "
                             "period (or between from and to): one row per region, audience group "
                             "and, for professionals, sector. Callers who may not read activities "
                             "(funders, administrators) get the figures under the disclosure rule "
                             "that published reports apply, for whole financial years only: one row per "
                             "region and group, and withheld counts null with suppressed true.",
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
