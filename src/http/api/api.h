// The JSON API under /api/v1 (with the /healthz and /readyz probes and /metrics), built
// from the entity definitions of domain/schema.h: every entity gets the same list / get /
// create / update / archive / restore routes under its plural path segment, beside the
// routes for signing in, passwords and API tokens. docs/api.md describes them.
//
// Every route runs behind one guard that authenticates the request before its handler:
//   - `Authorization: Bearer <token>` names an API token (and nothing else is looked at);
//   - otherwise the `lookout_session` cookie names a browser session, and a state-changing
//     request (POST, PUT, PATCH, DELETE) must carry the session's CSRF token in
//     `X-CSRF-Token` (403 csrf_failed otherwise);
//   - otherwise the request is anonymous.
// Anonymous requests get 401 on every route except GET /healthz, GET /readyz, GET /metrics
// (which checks who asks itself), GET /api/v1/openapi.json (the API's OpenAPI description,
// http/api/openapi.h) and POST /api/v1/session (signing in); an unknown or ended session
// or token gets 401 too
// (and the cookie is cleared). While a staff member's password must be changed, only
// GET and DELETE /api/v1/session, POST /api/v1/session/sign-out-everywhere and
// POST /api/v1/account/password are open to them (403 password_change_required).
// What a signed-in actor may do beyond that is the use cases' policy (app/).
//
// Entry points for `lookout serve`:
//   auto server = http::StartApiServer(services, accounts, server_options, {.version = "0.1.0"});
//   ... on SIGINT/SIGTERM: (*server)->Stop();  elsewhere: (*server)->Wait();
// or, to compose with other routes (the web pages, later):
//   http::Router router;
//   http::AddApiRoutes(router, services, accounts, api_options);
//   http::Server::Create(options, http::RouterHandler(shared_router));
#ifndef LOOKOUT_HTTP_API_API_H_
#define LOOKOUT_HTTP_API_API_H_

#include <memory>
#include <string>

#include "app/accounts/accounts.h"
#include "app/records/services.h"
#include "core/status.h"
#include "http/router.h"
#include "http/server.h"

namespace lookout::http {

struct ApiOptions {
  std::string version;  // reported by GET /healthz: the release ("0.1.0")
  std::string commit;   // and the commit it was built from ("abc123def456")
  // Password checks running at once; further sign-ins meanwhile get 429 rather than
  // occupying every worker thread with hashing.
  int max_concurrent_sign_ins = 2;
  // The bearer token that lets a client off this machine read GET /metrics; empty: the
  // metrics are served to loopback clients only.
  std::string metrics_token;
};

// Adds every API route, each behind the authentication guard, to `router`. `services` and
// `accounts` must outlive the router.
void AddApiRoutes(Router& router, app::Services& services, app::Accounts& accounts,
                  const ApiOptions& options);

// A router holding the API routes only.
std::shared_ptr<const Router> BuildApiRouter(app::Services& services, app::Accounts& accounts,
                                             const ApiOptions& options = {});

// Creates and starts a server answering with the API. `services` and `accounts` must
// outlive the server. Errors as Server::Create and Server::Start.
Result<std::unique_ptr<Server>> StartApiServer(app::Services& services, app::Accounts& accounts,
                                               Server::Options server_options,
                                               const ApiOptions& api_options = {});

// Who is acting for an API request: the staff member the guard authenticated for this
// request (a handler runs on the thread the guard ran on), or Actor::Anonymous from the
// request's address with its request id (open routes, and outside a handler).
app::Actor ResolveActor(const Request& request);

}  // namespace lookout::http

#endif  // LOOKOUT_HTTP_API_API_H_
