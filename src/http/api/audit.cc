// The audit trail for administrators: GET /api/v1/audit, filtered and paged, newest first.
#include <nlohmann/json.hpp>

#include "app/audit_trail.h"
#include "http/api/api.h"
#include "http/api/json_io.h"
#include "http/api/routes.h"

namespace lookout::http::api {

namespace {

Response ListAudit(app::Services& services, const Request& request) {
  app::Params params(request.query.begin(), request.query.end());
  Result<store::AuditPage> page = app::ListAudit(services, ResolveActor(request), params);
  if (!page.ok()) return ErrorResponse(page.status(), request);
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const store::StoredAuditEntry& entry : page->items) {
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
  body["total"] = page->total;
  body["limit"] = limit;
  body["offset"] = offset;
  return JsonResponse(200, body);
}

}  // namespace

void AddAuditRoutes(Router& router, app::Services& services) {
  app::Services* s = &services;
  router.Add({"GET", std::string(kPrefix) + "/audit",
              "The audit trail, newest first (administrators): filters actor, action, entity, "
              "entity_id, from, to; limit, offset.",
              "", false, [s](const Request& r, const PathParams&) { return ListAudit(*s, r); }});
}

}  // namespace lookout::http::api
