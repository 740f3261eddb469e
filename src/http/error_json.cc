#include "http/error_json.h"

#include <nlohmann/json.hpp>

namespace lookout::http {

std::string ApiErrorMessage(ErrorCode code) {
  if (code == ErrorCode::kPasswordChangeRequired) {
    return "Change your password first (POST /api/v1/account/password); until then you may "
           "only change it or sign out.";
  }
  return std::string(ErrorCodeMessage(code));
}

std::string ErrorJson(const Status& status, const std::string& request_id) {
  nlohmann::ordered_json error = nlohmann::ordered_json::object();
  error["code"] = std::string(ErrorCodeName(status.code()));
  error["message"] = status.message().empty() ? ApiErrorMessage(status.code()) : status.message();
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const FieldError& f : status.fields()) {
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    item["field"] = f.field;
    item["message"] = f.message;
    fields.push_back(std::move(item));
  }
  error["fields"] = std::move(fields);
  if (!request_id.empty()) error["request_id"] = request_id;
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["error"] = std::move(error);
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace lookout::http
