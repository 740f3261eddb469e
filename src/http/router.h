// Routes a request by method and path template ("/api/v1/tasks/{id}/transitions") to
// its handler. The route table is data: routes() lists every route with a summary, so
// documentation (and an OpenAPI description) can be generated from it.
#ifndef LOOKOUT_HTTP_ROUTER_H_
#define LOOKOUT_HTTP_ROUTER_H_

#include <functional>
#include <memory>
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

using RouteHandler = std::function<Response(const Request&, const PathParams&)>;

struct Route {
  std::string method;      // "GET", "POST", "PATCH", ...
  std::string path;        // template: literal segments and whole-segment {name} parameters
  std::string summary;     // one line: what the route does
  std::string entity;      // the entity it serves ("task"), empty for other routes
  bool json_body = false;  // takes a JSON object as its body
  RouteHandler handler;
};

class Router {
 public:
  // Adds a route. A malformed template ("/a/{id", "/a/x{id}", "no/leading/slash") or a
  // second route with the same method and template is a programming error and throws
  // std::invalid_argument.
  void Add(Route route);

  // Answers `request`: the handler of the matching route (a route with more literal
  // segments wins over one with parameters in their place); 405 with an Allow header
  // when the path matches routes of other methods only; 404 otherwise. Errors are the
  // JSON error body of app::ErrorJson. Response::route is set to the matched template.
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
// app::ErrorJson with the request's id.
Response ErrorResponse(const Status& status, const Request& request);

}  // namespace lookout::http

#endif  // LOOKOUT_HTTP_ROUTER_H_
