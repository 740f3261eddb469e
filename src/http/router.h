// Routes a request by method and path template ("/api/v1/tasks/{id}/transitions") to
// its handler. The route table is data: routes() lists every route with a summary, so
// documentation (and an OpenAPI description) can be generated from it.
#ifndef LOOKOUT_HTTP_ROUTER_H_
#define LOOKOUT_HTTP_ROUTER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/server.h"

namespace lookout::http {

// The values of a route's {parameters}, percent-decoded.
class PathParams {
 public:
  void Add(std::string name, std::string value) {
    values_.emplace_back(std::move(name), std::move(value));
  }
  // The value of {name}; empty when the route has no such parameter.
  const std::string& Get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& values() const { return values_; }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

// A route's handler: its answer, or the failed Status the router answers as a JSON error
// (see Answered), so that a handler passes a use case's error on with
// LOOKOUT_RETURN_IF_ERROR or LOOKOUT_ASSIGN_OR_RETURN. The web pages answer errors as
// pages: their guard turns a failure into an error page before the router sees it.
using RouteHandler = std::function<Result<Response>(const Request&, const PathParams&)>;

// Where a documented parameter travels.
enum class ParamIn { kQuery, kPath, kHeader };

// A parameter a route reads, as its documentation describes it. The value's constraints
// are those of JSON Schema (type, format, enum, minimum, maximum, default).
struct Param {
  std::string name;
  std::string description;
  ParamIn in = ParamIn::kQuery;
  std::string type = "string";       // "string", "integer", "number" or "boolean"
  std::string format;                // "date", "date-time", ...; "" for none
  std::vector<std::string> allowed;  // the only values accepted, when they are a fixed list
  std::optional<int64_t> minimum;
  std::optional<int64_t> maximum;
  std::string default_value;         // what applies when it is left out, as written; "" for none
  bool required = false;             // path parameters are always required
};

struct Route {
  std::string method;      // "GET", "POST", "PATCH", ...
  std::string path;        // template: literal segments and whole-segment {name} parameters
  std::string summary;     // one line: what the route does
  std::string entity;      // the entity it serves ("task"), empty for other routes
  bool json_body = false;  // takes a JSON object as its body
  RouteHandler handler;

  // What the route's documentation (the OpenAPI description, http/api/openapi.h) says
  // beyond the above. Every member has a default, so that a route which sets none is
  // still described: a 200 JSON answer of unstated shape, no parameters but those of the
  // template (described as text), and the errors every route can answer.
  std::string description;  // more than the summary, when there is more to say
  // Query and header parameters it reads; a ParamIn::kPath entry describes a {name} of
  // the template more precisely than as text (Add refuses one the template lacks).
  std::vector<Param> params;
  int success_status = 200;                         // of the answer when all goes well
  std::string content_type = "application/json";    // of that answer (Response::content_type)
  // JSON Schemas, as JSON text, of the successful answer and of the body of a json_body
  // route. "" leaves the answer's shape unstated and describes a body as a JSON object
  // (the fields of `entity`, when it is one of domain::AllEntities()).
  std::string response_schema;
  std::string request_schema;
  bool body_optional = false;  // a json_body route that also accepts no body at all
  // The error codes its own work can answer with. Those of the authentication guard, of
  // reading a JSON body or an {id} and of the server itself are added by the description.
  std::vector<ErrorCode> errors;
};

class Router {
 public:
  // Adds a route. A malformed template ("/a/{id", "/a/x{id}", "no/leading/slash"), a
  // second route with the same method and template, a ParamIn::kPath parameter the
  // template lacks, or a request schema or body_optional on a route without json_body is
  // a programming error and throws std::invalid_argument.
  void Add(Route route);

  // Answers `request`: the handler of the matching route (a route with more literal
  // segments wins over one with parameters in their place); 405 with an Allow header
  // when the path matches routes of other methods only; 404 otherwise. Errors, a
  // handler's failed Status among them, are the JSON error body of ErrorJson.
  // Response::route is set to the matched template.
  // HEAD is answered by the GET route (the server sends the headers only).
  // Thread-safe once every route is added.
  Response Handle(const Request& request) const;

  // Every route in the order added.
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Pattern {
    std::vector<std::string> segments;  // literal text, or the name of a parameter
    std::vector<bool> is_param;
    int literals = 0;
  };
  static Pattern Compile(const std::string& path);
  static bool Match(const Pattern& pattern, const std::vector<std::string>& segments,
                    PathParams* params);

  std::vector<Route> routes_;
  std::vector<Pattern> patterns_;
};

// A Handler that serves requests with `router` (shared, so the handler owns it).
Handler RouterHandler(std::shared_ptr<const Router> router);

// A JSON error response: the status from the code's table row, the body of
// ErrorJson with the request's id.
Response ErrorResponse(const Status& status, const Request& request);

// The answer of a handler: `answer` itself, or the ErrorResponse of its failed Status. The
// one place where an API handler's error becomes its JSON answer.
Response Answered(Result<Response> answer, const Request& request);

}  // namespace lookout::http

#endif  // LOOKOUT_HTTP_ROUTER_H_
