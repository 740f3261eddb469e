// Approving quotes and case studies for publication, and withdrawing an approval:
// POST /api/v1/{quotes,case-studies}/{id}/approve and .../withdraw-approval (app/approval.h).
#include <nlohmann/json.hpp>

#include "app/records/approval.h"
#include "http/api/api.h"
#include "http/api/json_io.h"
#include "http/api/openapi.h"
#include "http/api/routes.h"

namespace lookout::http::api {

namespace {

Result<Response> SetApproval(app::Services& services, const domain::EntityDef& entity, bool approve,
                             const Request& request, const PathParams& path) {
  LOOKOUT_ASSIGN_OR_RETURN(RecordAction action,
                           ReadRecordAction(request, path, /*takes_reason=*/!approve));
  LOOKOUT_ASSIGN_OR_RETURN(Record saved,
                           app::SetApproval(services, ResolveActor(request), entity, action.id,
                                            action.version, approve, action.reason));
  return RecordResponse(200, entity, saved);
}

std::string RequestSchema(bool approve) {
  nlohmann::ordered_json schema = nlohmann::ordered_json::object();
  schema["title"] = approve ? "ApproveRequest" : "WithdrawApprovalRequest";
  schema["type"] = "object";
  schema["properties"] = {{"version", nlohmann::ordered_json::parse(kVersionSchema)}};
  if (!approve) {
    schema["properties"]["reason"] = {{"type", nlohmann::ordered_json::array({"string", "null"})},
                                      {"description", "Why the approval is withdrawn."}};
  }
  schema["additionalProperties"] = false;
  return Dump(schema);
}

}  // namespace

void AddApprovalRoutes(Router& router, app::Services& services, const domain::EntityDef& entity) {
  app::Services* s = &services;
  const domain::EntityDef* e = &entity;
  const std::string base = std::string(kPrefix) + "/" + entity.plural + "/{id}";
  const std::string what = entity.label;
  for (const bool approve : {true, false}) {
    router.Add(
        {.method = "POST",
         .path = base + (approve ? "/approve" : "/withdraw-approval"),
         .summary = approve ? "Approve a " + what + " for publication (body: version); answers the record."
                            : "Withdraw a " + what + "'s approval (body: reason, version); answers the record.",
         .entity = entity.name,
         .json_body = true,
         .handler = [s, e, approve](const Request& r, const PathParams& p) {
           return SetApproval(*s, *e, approve, r, p);
         },
         .description = approve ? "A manager who did not record it approves it: approved_by and "
                                  "approved_at record who and when, and the audit trail keeps the "
                                  "act. Refused (403) to anyone else and to its author; 409 when it "
                                  "is already approved, in a locked period, or the version is "
                                  "stale; 422 for a quote without the speaker's consent."
                                : "A manager withdraws the approval (consent withdrawn, words to "
                                  "check again); a report no longer prints it.",
         .params = {IdPathParam(what), IfMatchHeader()},
         .response_schema = RecordSchema(entity, RecordForm::kRecord),
         .request_schema = RequestSchema(approve),
         .body_optional = true,
         .errors = {ErrorCode::kForbidden, ErrorCode::kNotFound, ErrorCode::kConflict,
                    ErrorCode::kValidation}});
  }
}

}  // namespace lookout::http::api
