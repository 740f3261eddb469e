// The JSON API under /api/v1 (and the /healthz and /readyz probes), built from the entity
// definitions of domain/schema.h: every entity gets the same list / get / create / update
// / archive / restore routes under its plural path segment. docs/api.md describes them.
//
// Entry points for `lookout serve`:
//   auto server = http::StartApiServer(services, server_options, {.version = "0.1.0"});
//   ... on SIGINT/SIGTERM: (*server)->Stop();  elsewhere: (*server)->Wait();
// or, to compose with other routes (the web pages, later):
//   http::Router router;
//   http::AddApiRoutes(router, services, api_options);
//   http::Server::Create(options, http::RouterHandler(shared_router));
#ifndef LOOKOUT_HTTP_API_API_H_
#define LOOKOUT_HTTP_API_API_H_

#include <memory>
#include <string>

#include "app/services.h"
#include "core/status.h"
#include "http/router.h"
#include "http/server.h"

namespace lookout::http {

struct ApiOptions {
  std::string version;  // reported by GET /healthz ("0.1.0 (commit abc123)")
};

// Adds every API route to `router`. `services` must outlive the router.
void AddApiRoutes(Router& router, app::Services& services, const ApiOptions& options);

// A router holding the API routes only.
std::shared_ptr<const Router> BuildApiRouter(app::Services& services,
                                             const ApiOptions& options = {});

// Creates and starts a server answering with the API. `services` must outlive the server.
// Errors as Server::Create and Server::Start.
Result<std::unique_ptr<Server>> StartApiServer(app::Services& services,
                                               Server::Options server_options,
                                               const ApiOptions& api_options = {});

// Who is acting for an API request. Access control (sessions, API tokens, roles) replaces
// this function alone; until then every call acts as "api:anonymous" from the request's
// address, with its request id.
app::Actor ResolveActor(const Request& request);

}  // namespace lookout::http

#endif  // LOOKOUT_HTTP_API_API_H_
