// The groups of API routes, each in its own file; api.cc puts them together. Internal to
// http/api/.
#ifndef LOOKOUT_HTTP_API_ROUTES_H_
#define LOOKOUT_HTTP_API_ROUTES_H_

#include <optional>
#include <string>

#include "app/accounts/accounts.h"
#include "app/records/services.h"
#include "domain/schema.h"
#include "http/api/api.h"
#include "http/router.h"

namespace lookout::http::api {

// GET/POST /api/v1/{plural}, GET/PATCH /api/v1/{plural}/{id}, POST .../archive and
// .../restore; reads only for an entity that is not api_writable.
void AddEntityRoutes(Router& router, app::Services& services, const domain::EntityDef& entity);

// GET and POST /api/v1/tasks/{id}/transitions.
void AddTaskRoutes(Router& router, app::Services& services);

// POST /api/v1/{plural}/{id}/approve and .../withdraw-approval for a kind that is approved
// for publication (quotes, case studies: approval.cc).
void AddApprovalRoutes(Router& router, app::Services& services, const domain::EntityDef& entity);

// GET /api/v1/audit: the audit trail, for administrators (audit.cc).
void AddAuditRoutes(Router& router, app::Services& services);

// GET /api/v1/schema, /api/v1/vocabularies, /api/v1/reach, /healthz, /readyz.
// /healthz reports options.version, options.commit and the schema version this binary
// carries; /readyz answers 503 unless the database answers with exactly that schema. (GET
// /api/v1/openapi.json, which describes every route, is added last: openapi.h.)
void AddMetaRoutes(Router& router, app::Services& services, const ApiOptions& options);

// Signing in and out, the password, API tokens and the staff account actions:
// POST/GET/DELETE /api/v1/session, POST /api/v1/session/sign-out-everywhere,
// POST /api/v1/account/password, GET/POST /api/v1/api-tokens,
// POST /api/v1/api-tokens/{id}/revoke, POST /api/v1/staff/{id}/reset-password, .../unlock
// and .../sign-out-everywhere. At most `max_concurrent_sign_ins` password checks run at
// once; more sign-ins meanwhile get 429, so that a flood of them cannot occupy every
// worker thread.
void AddAuthRoutes(Router& router, app::Accounts& accounts, int max_concurrent_sign_ins);

// GET /metrics: metrics::Default() in the Prometheus text format, the connection pool of
// `services`' store sampled first (without waiting for a connection). Answered to a
// loopback client (127.0.0.0/8, ::1) whose request names no proxy (Request::forwarded),
// and to any client sending `Authorization: Bearer <metrics_token>` when a token is set;
// 403 forbidden to everyone else. The route is open to the guard: this is its own check.
void AddMetricsRoute(Router& router, app::Services& services, const std::string& metrics_token);

// Whether `address` (as Request::remote_address writes it) is on the loopback network:
// 127.0.0.0/8, ::1, or an IPv4-mapped loopback address.
bool IsLoopbackAddress(const std::string& address);

// The token of "Bearer <token>" (the scheme in any case, spaces around the token
// dropped), or nullopt for another scheme.
std::optional<std::string> BearerToken(const std::string& authorization);

// Who may call a route, before its handler runs (see the guard in api.cc).
enum class Access {
  kOpen,               // anyone: the probes, the metrics (checked by the route) and signing in
  kSignedIn,           // a signed-in staff member whose password needs no change
  kWhilePasswordMustChange,  // signed in, even while the password must be changed first
};
Access AccessOf(const std::string& method, const std::string& path);

// Whether a request of `method` changes state (POST, PUT, PATCH, DELETE): a session
// cookie must then come with the session's CSRF token.
bool ChangesState(const std::string& method);

// Whether a state-changing request that has no session to carry a CSRF token (signing
// in) was sent by a page of Lookout's own origin, not by another site's page (login
// CSRF: another site signing the browser into the attacker's account). Judged from what
// browsers send and pages cannot forge:
//   - `Sec-Fetch-Site`, when sent, decides: `same-origin` and `none` (the person's own
//     navigation) are accepted, `same-site` and `cross-site` refused;
//   - otherwise `Origin`, when sent, must be Lookout's own origin: the scheme the request
//     came over (through the trusted proxy: its X-Forwarded-Proto) and the host it was
//     sent to (X-Forwarded-Host from the trusted proxy, else Host); `Origin: null` is
//     refused;
//   - a request with neither comes from no browser page (curl, scripts, the test
//     clients, browsers too old to send Origin) and is accepted.
// kCsrfFailed with a message for people when refused.
Status CheckSameOrigin(const Request& request);

// The name of the session cookie.
inline constexpr const char* kSessionCookieName = "lookout_session";
// The header that carries a session's CSRF token.
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// What the authentication step established for `request`, which is being handled on this
// thread: set by the guard that AddApiRoutes puts around every route for the duration of
// the handler. Null for an open route and outside a handler.
const app::Authenticated* CurrentAuthentication(const Request& request);

// The session token of the request's `lookout_session` cookie, or "".
std::string SessionCookieOf(const Request& request);
// The Set-Cookie value that sets the session cookie to `token`.
std::string SessionCookie(const std::string& token, bool secure);
// The Set-Cookie value that clears the session cookie.
std::string ClearedSessionCookie(bool secure);

}  // namespace lookout::http::api

#endif  // LOOKOUT_HTTP_API_ROUTES_H_
