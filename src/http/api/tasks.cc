// Task transitions: the only way a task's status changes, and its history.
#include <nlohmann/json.hpp>

#include "io/record_json.h"
#include "http/api/api.h"
#include "http/api/json_io.h"
#include "http/api/openapi.h"
#include "http/api/routes.h"

namespace lookout::http::api {

namespace {

Result<Response> Transition(app::Services& services, const Request& request,
                            const PathParams& path) {
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, ParseId(path.Get("id")));
  LOOKOUT_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(request));

  std::vector<FieldError> errors;
  Result<int64_t> version = TakeVersion(request, body);
  if (!version.ok()) {
    if (version.status().code() != ErrorCode::kValidation) {
      return version.status();
    }
    errors = version.status().fields();
  }
  std::string to;
  if (auto it = body.find("to"); it == body.end()) {
    errors.push_back({"to", "is required: the status to move to"});
  } else if (it->is_string() && !it->get<std::string>().empty()) {
    to = it->get<std::string>();
  } else {
    errors.push_back({"to", "must be the status to move to, e.g. \"approved\""});
  }
  std::string reason;
  if (auto it = body.find("reason"); it != body.end()) {
    if (it->is_string()) {
      reason = it->get<std::string>();
    } else if (!it->is_null()) {
      errors.push_back({"reason", "must be text"});
    }
  }
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() != "to" && it.key() != "reason") {
      errors.push_back({it.key(), "is not accepted here: send to, reason and version"});
    }
  }
  if (!errors.empty()) return Status::Validation(std::move(errors));

  LOOKOUT_ASSIGN_OR_RETURN(
      Record task, services.TransitionTask(ResolveActor(request), id, *version, to, reason));
  return RecordResponse(200, domain::TaskEntity(), task);
}

Result<Response> History(app::Services& services, const Request& request, const PathParams& path) {
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, ParseId(path.Get("id")));
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<Record> history,
                           services.TaskHistory(ResolveActor(request), id));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const Record& r : history) {
    items.push_back(io::RecordToJson(domain::TaskTransitionEntity(), r));
  }
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["items"] = std::move(items);
  body["total"] = static_cast<int64_t>(history.size());
  return JsonResponse(200, body);
}

// The body of a transition: the status to move to (a code of the task status
// vocabulary), why, and the version.
std::string TransitionRequestSchema() {
  const domain::FieldDef* to = domain::TaskTransitionEntity().Find("to_status");
  nlohmann::ordered_json codes = nlohmann::ordered_json::array();
  if (const domain::Vocabulary* v = domain::FindVocabulary(to->target)) {
    for (const domain::Term& t : v->terms) codes.push_back(t.code);
  }
  nlohmann::ordered_json schema = nlohmann::ordered_json::object();
  schema["title"] = "TransitionRequest";
  schema["type"] = "object";
  schema["properties"] = {
      {"to", {{"type", "string"}, {"enum", std::move(codes)}, {"description", "The status to move to."}}},
      {"reason",
       {{"type", nlohmann::ordered_json::array({"string", "null"})},
        {"description", "Why; required to reject or cancel."}}},
      {"version", nlohmann::ordered_json::parse(kVersionSchema)}};
  schema["required"] = nlohmann::ordered_json::array({"to"});
  schema["additionalProperties"] = false;
  return Dump(schema);
}

std::string HistorySchema() {
  nlohmann::ordered_json schema = nlohmann::ordered_json::object();
  schema["title"] = "TaskTransitionList";
  schema["type"] = "object";
  schema["properties"] = {
      {"items",
       {{"type", "array"},
        {"items", nlohmann::ordered_json::parse(
                      RecordSchema(domain::TaskTransitionEntity(), RecordForm::kRecord))}}},
      {"total", {{"type", "integer"}}}};
  schema["required"] = nlohmann::ordered_json::array({"items", "total"});
  return Dump(schema);
}

}  // namespace

void AddTaskRoutes(Router& router, app::Services& services) {
  const std::string path =
      std::string(kPrefix) + "/" + domain::TaskEntity().plural + "/{id}/transitions";
  app::Services* s = &services;
  router.Add({.method = "POST",
              .path = path,
              .summary = "Move a task to another status (body: to, reason, version); answers "
                         "the task.",
              .entity = domain::TaskEntity().name,
              .json_body = true,
              .handler = [s](const Request& r, const PathParams& p) { return Transition(*s, r, p); },
              .description = "A move the task lifecycle does not allow is refused with 409 "
                             "illegal_transition, naming the moves that are.",
              .params = {IdPathParam("task"), IfMatchHeader()},
              .response_schema = RecordSchema(domain::TaskEntity(), RecordForm::kRecord),
              .request_schema = TransitionRequestSchema(),
              .errors = {ErrorCode::kForbidden, ErrorCode::kNotFound, ErrorCode::kConflict,
                         ErrorCode::kIllegalTransition, ErrorCode::kValidation}});
  router.Add({.method = "GET",
              .path = path,
              .summary = "A task's status changes, oldest first.",
              .entity = domain::TaskTransitionEntity().name,
              .handler = [s](const Request& r, const PathParams& p) { return History(*s, r, p); },
              .params = {IdPathParam("task")},
              .response_schema = HistorySchema(),
              .errors = {ErrorCode::kForbidden, ErrorCode::kNotFound}});
}

}  // namespace lookout::http::api
