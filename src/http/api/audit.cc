// The audit trail for administrators: GET /api/v1/audit, filtered and paged, newest first.
#include <nlohmann/json.hpp>

#include "app/ops/audit_trail.h"
#include "http/api/api.h"
#include "http/api/json_io.h"
#include "http/api/routes.h"

namespace lookout::http::api {

namespace {

Result<Response> ListAudit(app::Services& services, const Request& request) {
  app::Params params(request.query.begin(), request.query.end());
  LOOKOUT_ASSIGN_OR_RETURN(store::AuditPage page,
                           app::ListAudit(services, ResolveActor(request), params));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const store::StoredAuditEntry& entry : page.items) {
    items.push_back(app::AuditEntryToJson(entry));
  }
  // ListAudit has checked limit and offset: read them back for the answer.
  int64_t limit = 50;
  int64_t offset = 0;
  for (const auto& [key, value] : params) {
    if (key == "limit") limit = std::stoll(value);
    if (key == "offset") offset = std::stoll(value);
  }
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["items"] = std::move(items);
  body["total"] = page.total;
  body["limit"] = limit;
  body["offset"] = offset;
  return JsonResponse(200, body);
}

// The answer of ListAudit: a page of entries as app::AuditEntryToJson writes them.
constexpr const char* kAuditPageSchema = R"({
  "title": "AuditPage", "type": "object",
  "properties": {
    "items": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "id": {"type": "integer"},
        "at": {"type": "string", "format": "date-time", "description": "When (UTC)."},
        "actor": {"type": "string", "description": "staff:<id>, cli:<user> or system."},
        "address": {"type": ["string", "null"]},
        "request_id": {"type": ["string", "null"]},
        "action": {"type": "string"},
        "entity": {"type": "string"},
        "entity_id": {"type": ["integer", "null"]},
        "changes": {"description": "What was recorded: for a change {\"field\": [old, new]}, free text only as changed with its length, secrets never; null when nothing was."},
        "reason": {"type": ["string", "null"]},
        "prev_hash": {"type": ["string", "null"], "description": "The hash of the entry before it; null for the first."},
        "hash": {"type": "string", "description": "SHA-256 of this entry and prev_hash."}},
      "required": ["id", "at", "actor", "address", "request_id", "action", "entity",
                   "entity_id", "changes", "reason", "prev_hash", "hash"]}},
    "total": {"type": "integer"},
    "limit": {"type": "integer"},
    "offset": {"type": "integer"}},
  "required": ["items", "total", "limit", "offset"]})";

}  // namespace

void AddAuditRoutes(Router& router, app::Services& services) {
  app::Services* s = &services;
  std::vector<Param> params;
  for (const app::ParamDoc& doc : app::ListAuditParameters()) params.push_back(QueryParam(doc));
  router.Add({.method = "GET",
              .path = std::string(kPrefix) + "/audit",
              .summary = "The audit trail, newest first (administrators): filters actor, action, "
                         "entity, entity_id, from, to; limit, offset.",
              .handler = [s](const Request& r, const PathParams&) { return ListAudit(*s, r); },
              .params = std::move(params),
              .response_schema = kAuditPageSchema,
              .errors = {ErrorCode::kForbidden, ErrorCode::kValidation}});
}

}  // namespace lookout::http::api
