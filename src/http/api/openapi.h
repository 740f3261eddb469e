// The OpenAPI 3.1 description of the JSON API, generated from the route table (so it
// cannot drift from what the router serves) and from the data model of domain/schema.h
// (so every kind of record has its schemas without anyone writing them):
//   - every route, as one operation of its path, with the parameters of its template and
//     the query and header parameters it documents (Route::params);
//   - a request body for every json_body route: Route::request_schema, or the entity's
//     fields;
//   - its successful answer (Route::success_status, content_type, response_schema) and the
//     error answers it can give, grouped by HTTP status, each naming its error codes and
//     with the shape of ErrorJson: those the route documents, and those that come
//     from the authentication guard (api.cc), from reading a JSON body or a path
//     parameter, and from the server;
//   - who may call it: an API token (bearer) or the lookout_session cookie, with the
//     session's X-CSRF-Token on state-changing requests; `security: []` for the routes
//     open without signing in (AccessOf).
// A route schema that is an object with a "title" becomes a named component schema; two
// different schemas with one title are a programming error (std::invalid_argument), as
// is a schema that is not JSON.
#ifndef LOOKOUT_HTTP_API_OPENAPI_H_
#define LOOKOUT_HTTP_API_OPENAPI_H_

#include <string>
#include <vector>

#include "domain/schema.h"
#include "http/router.h"

namespace lookout::http::api {

// Where the API serves its description.
inline constexpr const char* kOpenApiPath = "/api/v1/openapi.json";

// The OpenAPI 3.1 document describing `routes`, as JSON text. `version` is the
// document's info.version (Lookout's version as /healthz reports it; "unknown" when
// empty). Throws std::invalid_argument for a route whose schemas are not usable (see
// above).
std::string OpenApiDocument(const std::vector<Route>& routes, const std::string& version);

// Adds GET /api/v1/openapi.json to `router`, answering the description of every route of
// `router`, itself included. The document is made here, once: add every other route
// first.
void AddOpenApiRoute(Router& router, const std::string& version);

// The forms in which a kind of record travels, each a component schema of the document.
enum class RecordForm {
  kRecord,   // a record as the API answers it: meta fields, then every field
  kInput,    // the body that creates one: the fields Lookout does not set
  kChanges,  // the body that changes one: any of those, and the version
  kPage,     // a page of a list: items, total, limit, offset
};
// A schema referring to `entity`'s form, as JSON text for Route::response_schema and
// Route::request_schema.
std::string RecordSchema(const domain::EntityDef& entity, RecordForm form);

}  // namespace lookout::http::api

#endif  // LOOKOUT_HTTP_API_OPENAPI_H_
