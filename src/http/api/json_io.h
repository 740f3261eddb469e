// What every JSON handler of http/api/ does the same way: reading a JSON body, ids in the
// path, the record version, writing JSON answers and errors. Internal to http/api/.
#ifndef LOOKOUT_HTTP_API_JSON_IO_H_
#define LOOKOUT_HTTP_API_JSON_IO_H_

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "app/records/services.h"
#include "core/status.h"
#include "domain/schema.h"
#include "http/router.h"
#include "http/server.h"

namespace lookout::http::api {

// The API's path prefix.
inline constexpr const char* kPrefix = "/api/v1";

// How deep a request body's arrays and objects may nest.
inline constexpr int kMaxJsonDepth = 32;

// The request's body as a JSON object.
//   kUnsupportedMediaType: a body (or a Content-Type header) that is not application/json
//     (a charset parameter, if any, must be utf-8);
//   kBadRequest: no body at all (unless `allow_empty`, which gives {}), malformed JSON
//     (the message gives the byte offset), nesting deeper than kMaxJsonDepth, or JSON that
//     is not an object.
Result<nlohmann::json> ParseJsonObject(const Request& request, bool allow_empty = false);

// A record id from the path: a positive decimal integer that fits 63 bits. kBadRequest
// naming the parameter otherwise ("abc", "-1", "0", "99999999999999999999").
Result<int64_t> ParseId(std::string_view text, std::string_view name = "id");
// The documentation of a path parameter ParseId reads: `what` is what it is the id of.
Param IdPathParam(const std::string& what, const std::string& name = "id");

// The record version a write is based on: "version" in `body` (a whole number, removed
// from it) or an If-Match header ("3" or the ETag "\"3\""). kValidation (field "version")
// when neither is given or the value is not a positive whole number; kBadRequest when
// both are given and differ.
Result<int64_t> TakeVersion(const Request& request, nlohmann::json& body);
// The documentation of the If-Match header TakeVersion reads, and of the body's version.
Param IfMatchHeader();

// What an action on one record (archive, restore, approve, withdraw an approval) is sent:
// the path's {id}, the version (TakeVersion) and, when the action takes one, a reason.
struct RecordAction {
  int64_t id = 0;
  int64_t version = 0;
  std::string reason;
};
// kBadRequest for a bad id or body; kValidation naming every field that is wrong (a bad
// version or reason, anything else sent).
Result<RecordAction> ReadRecordAction(const Request& request, const PathParams& path,
                                      bool takes_reason);
inline constexpr const char* kVersionSchema =
    R"({"type": "integer", "minimum": 1, "description": "The version of the record you )"
    R"(loaded; or send it as If-Match. A stale version is refused with 409 conflict."})";

// A use case's documented parameter as a query parameter of a route.
Param QueryParam(const app::ParamDoc& doc);

// A JSON response with `status`.
Response JsonResponse(int status, const nlohmann::ordered_json& body);
// The record as JSON (io::RecordToJson), with an ETag of its version and, when there are
// any, the warnings of the write.
Response RecordResponse(int status, const domain::EntityDef& entity, const Record& record,
                        const std::vector<std::string>& warnings = {});

// Serialises JSON for the wire: never throws, replacing text that is not valid UTF-8.
std::string Dump(const nlohmann::ordered_json& j);

}  // namespace lookout::http::api

#endif  // LOOKOUT_HTTP_API_JSON_IO_H_
