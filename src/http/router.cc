#include "http/router.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "http/error_json.h"

namespace lookout::http {

namespace {
const std::string kGet = "GET";
}  // namespace

const std::string& PathParams::Get(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [k, v] : values_) {
    if (k == name) return v;
  }
  return kEmpty;
}

Router::Pattern Router::Compile(const std::string& path) {
  if (path.empty() || path[0] != '/') {
    throw std::invalid_argument("route template must start with '/': " + path);
  }
  Pattern p;
  size_t start = 1;
  while (true) {
    size_t end = path.find('/', start);
    std::string segment = path.substr(start, end == std::string::npos ? end : end - start);
    bool open = segment.find('{') != std::string::npos;
    bool close = segment.find('}') != std::string::npos;
    if (open || close) {
      if (segment.size() < 3 || segment.front() != '{' || segment.back() != '}' ||
          segment.find_first_of("{}", 1) != segment.size() - 1) {
        throw std::invalid_argument("route parameter must be a whole segment '{name}': " + path);
      }
      p.segments.push_back(segment.substr(1, segment.size() - 2));
      p.is_param.push_back(true);
    } else {
      p.segments.push_back(segment);
      p.is_param.push_back(false);
      ++p.literals;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return p;
}

bool Router::Match(const Pattern& pattern, const std::vector<std::string>& segments,
                   PathParams* params) {
  // "/" has no segments but compiles to one empty literal.
  const bool root = pattern.segments.size() == 1 && pattern.segments[0].empty();
  if (root) return segments.empty() || (segments.size() == 1 && segments[0].empty());
  if (pattern.segments.size() != segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (pattern.is_param[i]) {
      if (segments[i].empty()) return false;
    } else if (pattern.segments[i] != segments[i]) {
      return false;
    }
  }
  if (params != nullptr) {
    for (size_t i = 0; i < segments.size(); ++i) {
      if (pattern.is_param[i]) params->Add(pattern.segments[i], segments[i]);
    }
  }
  return true;
}

void Router::Add(Route route) {
  Pattern pattern = Compile(route.path);
  for (const Route& r : routes_) {
    if (r.method == route.method && r.path == route.path) {
      throw std::invalid_argument("duplicate route: " + route.method + " " + route.path);
    }
  }
  if (!route.handler) throw std::invalid_argument("route without a handler: " + route.path);
  for (const Param& param : route.params) {
    if (param.in != ParamIn::kPath) continue;
    bool in_template = false;
    for (size_t i = 0; i < pattern.segments.size(); ++i) {
      in_template = in_template || (pattern.is_param[i] && pattern.segments[i] == param.name);
    }
    if (!in_template) {
      throw std::invalid_argument("route " + route.method + " " + route.path +
                                  " documents a path parameter {" + param.name +
                                  "} its template lacks");
    }
  }
  if (!route.json_body && (!route.request_schema.empty() || route.body_optional)) {
    throw std::invalid_argument("route " + route.method + " " + route.path +
                                " describes a request body but takes none (json_body is false)");
  }
  routes_.push_back(std::move(route));
  patterns_.push_back(std::move(pattern));
}

Response Router::Handle(const Request& request) const {
  const Route* best = nullptr;
  int best_literals = -1;
  std::set<std::string> allowed;
  std::string matched_template;
  // HEAD is GET without the body (the server leaves the body out).
  const std::string& method = request.method == "HEAD" ? kGet : request.method;
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (!Match(patterns_[i], request.segments, nullptr)) continue;
    allowed.insert(routes_[i].method);
    if (matched_template.empty()) matched_template = routes_[i].path;
    if (routes_[i].method == method && patterns_[i].literals > best_literals) {
      best = &routes_[i];
      best_literals = patterns_[i].literals;
    }
  }
  if (best != nullptr) {
    PathParams params;
    Match(patterns_[best - routes_.data()], request.segments, &params);
    Response response = Answered(best->handler(request, params), request);
    response.route = best->path;
    return response;
  }
  if (!allowed.empty()) {
    std::string allow;
    for (const std::string& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response response = ErrorResponse(
        Status(ErrorCode::kMethodNotAllowed,
               request.method + " is not allowed on " + request.path + ": use " + allow + "."),
        request);
    response.SetHeader("Allow", allow);
    response.route = matched_template;
    return response;
  }
  return ErrorResponse(Status::NotFound("There is no endpoint at " + request.path + "."), request);
}

Handler RouterHandler(std::shared_ptr<const Router> router) {
  return [router = std::move(router)](const Request& request) { return router->Handle(request); };
}

Response ErrorResponse(const Status& status, const Request& request) {
  Response r;
  r.status = ErrorCodeHttpStatus(status.code());
  r.body = ErrorJson(status, request.request_id);
  return r;
}

Response Answered(Result<Response> answer, const Request& request) {
  if (!answer.ok()) return ErrorResponse(answer.status(), request);
  return std::move(answer).value();
}

}  // namespace lookout::http
