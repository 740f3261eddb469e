// The routes every entity gets, generated from its definition: list, get, create,
// update, archive and restore under /api/v1/{plural}. Nothing here names an entity.
#include <charconv>
#include <nlohmann/json.hpp>

#include "io/record_json.h"
#include "http/api/api.h"
#include "http/api/json_io.h"
#include "http/api/openapi.h"
#include "http/api/routes.h"

namespace lookout::http::api {

namespace {

using domain::EntityDef;

// The last value of a paging parameter, as Services::List reads it (it has validated it).
int64_t PagingParam(const Request& request, std::string_view name, int64_t fallback) {
  int64_t value = fallback;
  for (const auto& [k, v] : request.query) {
    if (k != name) continue;
    int64_t n = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec == std::errc() && ptr == v.data() + v.size()) value = n;
  }
  return value;
}

Result<Response> List(app::Services& services, const EntityDef& entity, const Request& request) {
  app::Params params(request.query.begin(), request.query.end());
  LOOKOUT_ASSIGN_OR_RETURN(store::Page page, services.List(ResolveActor(request), entity, params));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const Record& record : page.items) items.push_back(io::RecordToJson(entity, record));
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["items"] = std::move(items);
  body["total"] = page.total;
  body["limit"] = PagingParam(request, "limit", 50);
  body["offset"] = PagingParam(request, "offset", 0);
  return JsonResponse(200, body);
}

Result<Response> Get(app::Services& services, const EntityDef& entity, const Request& request,
                     const PathParams& path) {
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, ParseId(path.Get("id")));
  LOOKOUT_ASSIGN_OR_RETURN(Record record, services.Get(ResolveActor(request), entity, id));
  return RecordResponse(200, entity, record);
}

Result<Response> Create(app::Services& services, const EntityDef& entity, const Request& request) {
  LOOKOUT_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(request));
  LOOKOUT_ASSIGN_OR_RETURN(Record input, io::RecordFromJson(entity, body));
  LOOKOUT_ASSIGN_OR_RETURN(app::Saved saved,
                           services.Create(ResolveActor(request), entity, std::move(input)));
  Response response = RecordResponse(201, entity, saved.record, saved.warnings);
  response.SetHeader("Location", std::string(kPrefix) + "/" + entity.plural + "/" +
                                     std::to_string(saved.record.Id()));
  return response;
}

Result<Response> Update(app::Services& services, const EntityDef& entity, const Request& request,
                        const PathParams& path) {
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, ParseId(path.Get("id")));
  LOOKOUT_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(request));
  LOOKOUT_ASSIGN_OR_RETURN(int64_t version, TakeVersion(request, body));
  LOOKOUT_ASSIGN_OR_RETURN(Record changes, io::RecordFromJson(entity, body));
  LOOKOUT_ASSIGN_OR_RETURN(app::Saved saved, services.Update(ResolveActor(request), entity, id,
                                                             version, std::move(changes)));
  return RecordResponse(200, entity, saved.record, saved.warnings);
}

Result<Response> SetArchived(app::Services& services, const EntityDef& entity, bool archived,
                             const Request& request, const PathParams& path) {
  LOOKOUT_ASSIGN_OR_RETURN(RecordAction action,
                           ReadRecordAction(request, path, /*takes_reason=*/true));
  LOOKOUT_ASSIGN_OR_RETURN(
      Record record, services.Archive(ResolveActor(request), entity, action.id, action.version,
                                      archived, action.reason));
  return RecordResponse(200, entity, record);
}

// "a Task", "an Insight": for the route summaries.
std::string WithArticle(const std::string& label) {
  const bool vowel =
      !label.empty() && std::string_view("AEIOUaeiou").find(label[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + label;
}

}  // namespace

void AddEntityRoutes(Router& router, app::Services& services, const EntityDef& entity) {
  const std::string base = std::string(kPrefix) + "/" + entity.plural;
  const std::string item = base + "/{id}";
  const EntityDef* e = &entity;
  app::Services* s = &services;
  const std::string record = RecordSchema(entity, RecordForm::kRecord);
  const Param id = IdPathParam(entity.label + " record");

  std::vector<Param> filters;
  for (const app::ParamDoc& doc : app::Services::ListParameters(entity)) {
    filters.push_back(QueryParam(doc));
  }
  router.Add({.method = "GET",
              .path = base,
              .summary = "List " + entity.label + " records (filters, text search, paging).",
              .entity = entity.name,
              .handler = [s, e](const Request& r, const PathParams&) { return List(*s, *e, r); },
              .description = entity.help,
              .params = std::move(filters),
              .response_schema = RecordSchema(entity, RecordForm::kPage),
              .errors = {ErrorCode::kForbidden, ErrorCode::kValidation}});
  router.Add({.method = "GET",
              .path = item,
              .summary = "Get one " + entity.label + " record by id.",
              .entity = entity.name,
              .handler = [s, e](const Request& r,
                                const PathParams& p) { return Get(*s, *e, r, p); },
              .description = "Answers the record with its version as ETag.",
              .params = {id},
              .response_schema = record,
              .errors = {ErrorCode::kForbidden, ErrorCode::kNotFound}});
  if (!entity.api_writable) return;  // written only by its use case: reads only

  router.Add({.method = "POST",
              .path = base,
              .summary = "Create " + WithArticle(entity.label) + " record.",
              .entity = entity.name,
              .json_body = true,
              .handler = [s, e](const Request& r, const PathParams&) { return Create(*s, *e, r); },
              .description = "Answers the saved record, with a Location header naming it and "
                             "its version as ETag.",
              .success_status = 201,
              .response_schema = record,
              .request_schema = RecordSchema(entity, RecordForm::kInput),
              .errors = {ErrorCode::kForbidden, ErrorCode::kDuplicate, ErrorCode::kValidation,
                         ErrorCode::kInvalidReference}});
  router.Add({.method = "PATCH",
              .path = item,
              .summary = "Change fields of " + WithArticle(entity.label) +
                         " record (with the version you loaded).",
              .entity = entity.name,
              .json_body = true,
              .handler = [s, e](const Request& r,
                                const PathParams& p) { return Update(*s, *e, r, p); },
              .description = "Fields left out keep their value. A stale version is refused "
                             "with 409 conflict.",
              .params = {id, IfMatchHeader()},
              .response_schema = record,
              .request_schema = RecordSchema(entity, RecordForm::kChanges),
              .errors = {ErrorCode::kForbidden, ErrorCode::kNotFound, ErrorCode::kConflict,
                         ErrorCode::kDuplicate, ErrorCode::kValidation,
                         ErrorCode::kInvalidReference}});
  // Archiving and restoring take the version (here or in If-Match) and an optional reason.
  const std::string archive_body = std::string(R"({"title": "ArchiveRequest", "type": "object",
      "description": "The version you loaded (or If-Match) and why, for the audit trail.",
      "properties": {"version": )") + kVersionSchema + R"(,
        "reason": {"type": ["string", "null"]}},
      "additionalProperties": false})";
  for (const bool archive : {true, false}) {
    router.Add({.method = "POST",
                .path = item + (archive ? "/archive" : "/restore"),
                .summary = archive ? "Archive " + WithArticle(entity.label) + " record."
                                   : "Restore an archived " + entity.label + " record.",
                .entity = entity.name,
                .json_body = true,
                .handler = [s, e, archive](const Request& r, const PathParams& p) {
                  return SetArchived(*s, *e, archive, r, p);
                },
                .description = std::string("The body may be empty when the version comes in "
                                           "If-Match. ") +
                               (archive ? "Archiving an archived" : "Restoring a live") +
                               " record is a 409 conflict.",
                .params = {id, IfMatchHeader()},
                .response_schema = record,
                .request_schema = archive_body,
                .body_optional = true,
                .errors = {ErrorCode::kForbidden, ErrorCode::kNotFound, ErrorCode::kConflict,
                           ErrorCode::kValidation}});
  }
}

}  // namespace lookout::http::api
