#include "http/api/json_io.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>

#include "io/record_json.h"

namespace lookout::http::api {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "application/json" or "application/json; charset=utf-8" (any case, optional quotes).
Status CheckContentType(const std::string& header) {
  std::string_view rest = header;
  size_t semi = rest.find(';');
  std::string type = Lower(Trim(rest.substr(0, semi)));
  if (type != "application/json") {
    return Status(ErrorCode::kUnsupportedMediaType,
                  "Send the body as application/json, not '" + std::string(Trim(header)) + "'.");
  }
  while (semi != std::string_view::npos) {
    rest = rest.substr(semi + 1);
    semi = rest.find(';');
    std::string_view param = Trim(rest.substr(0, semi));
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (Lower(Trim(param.substr(0, eq))) != "charset") continue;
    std::string_view value = Trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    std::string charset = Lower(value);
    if (charset != "utf-8" && charset != "utf8") {
      return Status(ErrorCode::kUnsupportedMediaType,
                    "Send JSON as UTF-8, not charset '" + std::string(value) + "'.");
    }
  }
  return Status::Ok();
}

// Thrown from the parser callback to stop a body nested too deeply; caught right away.
struct TooDeep {};

std::string ParseErrorText(const nlohmann::json::parse_error& e) {
  // what() is "[json.exception.parse_error.101] parse error at line 1, column 9: ...":
  // keep the part a person needs.
  std::string what = e.what();
  size_t close = what.find("] ");
  if (what.rfind("[json.exception.", 0) == 0 && close != std::string::npos) {
    what = what.substr(close + 2);
  }
  return what;
}

int64_t PositiveInt(std::string_view text, bool* ok) {
  *ok = false;
  if (text.empty() || text.size() > 19) return 0;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 0;
  }
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) return 0;
  *ok = true;
  return value;
}

}  // namespace

Result<nlohmann::json> ParseJsonObject(const Request& request, bool allow_empty) {
  const std::string* content_type = request.Header("content-type");
  if (content_type != nullptr) {
    LOOKOUT_RETURN_IF_ERROR(CheckContentType(*content_type));
  } else if (!request.body.empty()) {
    return Status(ErrorCode::kUnsupportedMediaType,
                  "Send the body as JSON with the header Content-Type: application/json.");
  }
  if (request.body.empty()) {
    if (allow_empty) return nlohmann::json::object();
    return Status::BadRequest("The request has no body: send a JSON object.");
  }
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(
        request.body, [](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
          if ((event == nlohmann::json::parse_event_t::object_start ||
               event == nlohmann::json::parse_event_t::array_start) &&
              depth >= kMaxJsonDepth) {
            throw TooDeep{};
          }
          return true;
        });
  } catch (const nlohmann::json::parse_error& e) {
    return Status::BadRequest("The body is not valid JSON (at byte " + std::to_string(e.byte) +
                              "): " + ParseErrorText(e));
  } catch (const nlohmann::json::out_of_range&) {
    // A number beyond what a double holds (nlohmann reports it as out_of_range 406).
    return Status::BadRequest("The body holds a number too large to read.");
  } catch (const nlohmann::json::exception& e) {
    return Status::BadRequest(std::string("The body is not valid JSON: ") + e.what());
  } catch (const TooDeep&) {
    return Status::BadRequest("The body nests arrays and objects more than " +
                              std::to_string(kMaxJsonDepth) + " deep.");
  }
  if (!body.is_object()) {
    std::string kind = body.is_array()     ? "an array"
                       : body.is_string()  ? "a string"
                       : body.is_number()  ? "a number"
                       : body.is_boolean() ? "a boolean"
                                           : "null";
    return Status::BadRequest("The body must be a JSON object ({...}), not " + kind + ".");
  }
  return body;
}

Result<int64_t> ParseId(std::string_view text, std::string_view name) {
  bool ok = false;
  int64_t id = PositiveInt(text, &ok);
  if (!ok) {
    return Status(ErrorCode::kBadRequest,
                  "The " + std::string(name) +
                      " in the path must be a positive whole number, not '" + std::string(text) +
                      "'.",
                  {{std::string(name), "must be a positive whole number"}});
  }
  return id;
}

Param IdPathParam(const std::string& what, const std::string& name) {
  Param p;
  p.name = name;
  p.description = "The id of the " + what + ": a positive whole number.";
  p.in = ParamIn::kPath;
  p.type = "integer";
  p.minimum = 1;
  p.required = true;
  return p;
}

Param IfMatchHeader() {
  Param p;
  p.name = "If-Match";
  p.description =
      "The version of the record you loaded, as its ETag gives it (\"3\"), instead of "
      "\"version\" in the body; when both are sent they must agree.";
  p.in = ParamIn::kHeader;
  return p;
}

Param QueryParam(const app::ParamDoc& doc) {
  Param p;
  p.name = doc.name;
  p.description = doc.description;
  p.type = doc.type;
  p.format = doc.format;
  p.allowed = doc.allowed;
  p.minimum = doc.minimum;
  p.maximum = doc.maximum;
  p.default_value = doc.default_value;
  return p;
}

Result<RecordAction> ReadRecordAction(const Request& request, const PathParams& path,
                                      bool takes_reason) {
  RecordAction action;
  LOOKOUT_ASSIGN_OR_RETURN(action.id, ParseId(path.Get("id")));
  LOOKOUT_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(request, /*allow_empty=*/true));
  std::vector<FieldError> errors;
  Result<int64_t> version = TakeVersion(request, body);
  if (version.ok()) {
    action.version = *version;
  } else if (version.status().code() != ErrorCode::kValidation) {
    return version.TakeStatus();
  } else {
    errors = version.status().fields();
  }
  // The reason's problem before those of fields that are not accepted, as the fields are
  // read (the body's keys come in alphabetical order).
  if (auto it = body.find("reason"); takes_reason && it != body.end()) {
    if (it->is_string()) {
      action.reason = it->get<std::string>();
    } else if (!it->is_null()) {
      errors.push_back({"reason", "must be text"});
    }
    body.erase(it);
  }
  for (auto it = body.begin(); it != body.end(); ++it) {
    errors.push_back({it.key(), takes_reason ? "is not accepted here: send version and reason"
                                             : "is not accepted here: send the version only"});
  }
  if (!errors.empty()) return Status::Validation(std::move(errors));
  return action;
}

Result<int64_t> TakeVersion(const Request& request, nlohmann::json& body) {
  std::optional<int64_t> from_body;
  if (auto it = body.find("version"); it != body.end()) {
    const nlohmann::json v = *it;
    body.erase(it);
    if (!v.is_null()) {
      const bool fits =
          v.is_number_integer() &&
          (!v.is_number_unsigned() ||
           v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()));
      if (!fits || v.get<int64_t>() <= 0) {
        return Status::Validation(
            {{"version", "must be the record's version, a positive whole number"}});
      }
      from_body = v.get<int64_t>();
    }
  }
  std::optional<int64_t> from_header;
  if (const std::string* if_match = request.Header("if-match")) {
    std::string_view tag = Trim(*if_match);
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') {
      tag = tag.substr(1, tag.size() - 2);
    }
    bool ok = false;
    int64_t v = PositiveInt(tag, &ok);
    if (!ok) {
      return Status::Validation(
          {{"If-Match", "must be the record's version as its ETag gives it, e.g. \"3\""}});
    }
    from_header = v;
  }
  if (from_body && from_header && *from_body != *from_header) {
    return Status::BadRequest("The version in the body (" + std::to_string(*from_body) +
                              ") and the If-Match header (" + std::to_string(*from_header) +
                              ") disagree.");
  }
  if (from_body) return *from_body;
  if (from_header) return *from_header;
  return Status::Validation(
      {{"version",
        "is required: send the version of the record you loaded (or an If-Match "
        "header with its ETag)"}});
}

std::string Dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Response JsonResponse(int status, const nlohmann::ordered_json& body) {
  Response r;
  r.status = status;
  r.body = Dump(body);
  return r;
}

Response RecordResponse(int status, const domain::EntityDef& entity, const Record& record,
                        const std::vector<std::string>& warnings) {
  nlohmann::ordered_json body = io::RecordToJson(entity, record);
  if (!warnings.empty()) body["warnings"] = warnings;
  Response r = JsonResponse(status, body);
  if (const Value& v = record.Get("version"); v.is_int()) {
    r.SetHeader("ETag", "\"" + std::to_string(v.as_int()) + "\"");
  }
  return r;
}

}  // namespace lookout::http::api
