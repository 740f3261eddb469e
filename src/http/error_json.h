// The body of every JSON error answer, as the error table of core/error_codes.h names
// each code (docs/api.md, "Errors").
#ifndef LOOKOUT_HTTP_ERROR_JSON_H_
#define LOOKOUT_HTTP_ERROR_JSON_H_

#include <string>

#include "core/status.h"

namespace lookout::http {

// The error body every JSON endpoint answers with:
//   {"error": {"code": "validation_failed", "message": "...",
//              "fields": [{"field": "themes", "message": "..."}], "request_id": "..."}}
// "fields" is always present (empty when the error concerns no field); "request_id" is
// left out when `request_id` is empty. Text that is not valid UTF-8 is replaced, never
// thrown on.
std::string ErrorJson(const Status& status, const std::string& request_id);

// The message of `code` in a JSON answer and in the API's description when nothing more
// particular is said: the error table's, but for kPasswordChangeRequired, whose answer
// names the API route that changes the password (the table speaks of no interface).
std::string ApiErrorMessage(ErrorCode code);

}  // namespace lookout::http

#endif  // LOOKOUT_HTTP_ERROR_JSON_H_
