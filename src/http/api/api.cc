#include "http/api/api.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "app/accounts/passwords.h"
#include "app/records/approval.h"
#include "http/api/openapi.h"
#include "http/api/routes.h"
#include "http/error_json.h"

namespace lookout::http {

namespace api {

namespace {

// The authentication of the request a handler on this thread is answering. Handlers run
// synchronously inside the guard, on its thread, so a thread-local pointer scoped to the
// call carries the actor to them without widening every handler's signature.
struct CurrentRequest {
  const Request* request = nullptr;
  const app::Authenticated* who = nullptr;
};
thread_local CurrentRequest current;

class ScopedAuthentication {
 public:
  ScopedAuthentication(const Request& request, const app::Authenticated* who) : saved_(current) {
    current = {&request, who};
  }
  ~ScopedAuthentication() { current = saved_; }
  ScopedAuthentication(const ScopedAuthentication&) = delete;
  ScopedAuthentication& operator=(const ScopedAuthentication&) = delete;

 private:
  CurrentRequest saved_;
};

Response Unauthenticated(const Request& request, const Status& status) {
  Response response = ErrorResponse(status, request);
  response.SetHeader("WWW-Authenticate", "Bearer realm=\"Lookout\"");
  return response;
}

Result<Response> Guard(app::Accounts& accounts, const RouteHandler& handler, Access access,
                       const Request& request, const PathParams& params) {
  if (access == Access::kOpen) {
    // An open route that changes state (signing in) has no session's CSRF token to
    // check: it must at least come from no other site's page.
    if (ChangesState(request.method)) {
      LOOKOUT_RETURN_IF_ERROR(CheckSameOrigin(request));
    }
    ScopedAuthentication scope(request, nullptr);
    return handler(request, params);
  }
  Result<app::Authenticated> who =
      Status(ErrorCode::kUnauthenticated,
             "Sign in first (POST /api/v1/session), or send an API token as "
             "Authorization: Bearer TOKEN.");
  bool by_cookie = false;
  if (const std::string* authorization = request.Header("authorization")) {
    std::optional<std::string> token = BearerToken(*authorization);
    if (!token) {
      return Unauthenticated(
          request, Status(ErrorCode::kUnauthenticated,
                          "Send an API token as Authorization: Bearer TOKEN; other schemes "
                          "are not accepted."));
    }
    who = accounts.ResolveApiToken(*token, request.remote_address, request.request_id);
  } else if (std::string cookie = SessionCookieOf(request); !cookie.empty()) {
    by_cookie = true;
    who = accounts.ResolveSession(cookie, request.remote_address, request.request_id);
  }
  if (!who.ok()) {
    if (who.status().code() != ErrorCode::kUnauthenticated) return who.status();
    Response response = Unauthenticated(request, who.status());
    // A cookie that names no live session is of no more use to the browser.
    if (by_cookie) response.SetHeader("Set-Cookie", ClearedSessionCookie(request.secure));
    return response;
  }
  // A browser sends the cookie with requests other sites make it send; only pages of
  // Lookout know the session's CSRF token. A bearer token is never sent by a browser on
  // its own, so it needs none.
  if (by_cookie && ChangesState(request.method)) {
    const std::string* csrf = request.Header("x-csrf-token");
    if (csrf == nullptr || who->csrf_token.empty() || !app::SecretsEqual(*csrf, who->csrf_token)) {
      return Status(ErrorCode::kCsrfFailed, std::string(ErrorCodeMessage(ErrorCode::kCsrfFailed)));
    }
  }
  if (who->must_change_password && access != Access::kWhilePasswordMustChange) {
    return Status(ErrorCode::kPasswordChangeRequired,
                  ApiErrorMessage(ErrorCode::kPasswordChangeRequired));
  }
  ScopedAuthentication scope(request, &who.value());
  // Answered here, not by the router, so that an error's log line names the user too.
  Response response = Answered(handler(request, params), request);
  response.user = who->actor.id;  // for the request log
  return response;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

// "scheme://host[:port]" in lower case, without the scheme's default port.
std::string CanonicalOrigin(const std::string& scheme, std::string host) {
  host = Lower(Trimmed(host));
  const std::string default_port = scheme == "https" ? ":443" : ":80";
  if (host.size() > default_port.size() &&
      host.compare(host.size() - default_port.size(), default_port.size(), default_port) == 0) {
    host.erase(host.size() - default_port.size());
  }
  return scheme + "://" + host;
}

// Lookout's own origin as the browser addressed it, or "" when the request names no host.
std::string OwnOrigin(const Request& request) {
  // X-Forwarded-Host reaches a handler only from a trusted proxy (server.h); the last
  // value is the one that proxy wrote.
  std::string host;
  if (const std::string* forwarded = request.Header("x-forwarded-host")) {
    const size_t comma = forwarded->rfind(',');
    host = comma == std::string::npos ? *forwarded : forwarded->substr(comma + 1);
  } else if (const std::string* header = request.Header("host")) {
    host = *header;
  }
  if (Trimmed(host).empty()) return "";
  return CanonicalOrigin(request.secure ? "https" : "http", host);
}

Status CrossSiteRefusal() {
  return Status(ErrorCode::kCsrfFailed,
                "Signing in is accepted only from Lookout's own sign-in page, not from another "
                "site: open Lookout yourself and sign in there.");
}

}  // namespace

Status CheckSameOrigin(const Request& request) {
  if (const std::string* site = request.Header("sec-fetch-site")) {
    const std::string value = Lower(Trimmed(*site));
    if (value == "same-origin" || value == "none") return Status::Ok();
    return CrossSiteRefusal();
  }
  if (const std::string* origin = request.Header("origin")) {
    const std::string value = Lower(Trimmed(*origin));
    const size_t scheme_end = value.find("://");
    if (scheme_end == std::string::npos) return CrossSiteRefusal();  // "null", or nonsense
    const std::string own = OwnOrigin(request);
    if (own.empty() ||
        CanonicalOrigin(value.substr(0, scheme_end), value.substr(scheme_end + 3)) != own) {
      return CrossSiteRefusal();
    }
  }
  return Status::Ok();
}

bool ChangesState(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The token of "Bearer <token>" (the scheme in any case), or nullopt for another scheme.
std::optional<std::string> BearerToken(const std::string& authorization) {
  constexpr std::string_view kScheme = "bearer";
  if (authorization.size() <= kScheme.size() || authorization[kScheme.size()] != ' ') {
    return std::nullopt;
  }
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) {
      return std::nullopt;
    }
  }
  size_t start = kScheme.size();
  while (start < authorization.size() && authorization[start] == ' ') ++start;
  size_t end = authorization.size();
  while (end > start && authorization[end - 1] == ' ') --end;
  return authorization.substr(start, end - start);
}

const app::Authenticated* CurrentAuthentication(const Request& request) {
  return current.request == &request ? current.who : nullptr;
}

}  // namespace api

app::Actor ResolveActor(const Request& request) {
  if (const app::Authenticated* who = api::CurrentAuthentication(request)) return who->actor;
  return app::Actor::Anonymous(request.remote_address, request.request_id);
}

void AddApiRoutes(Router& router, app::Services& services, app::Accounts& accounts,
                  const ApiOptions& options) {
  Router routes;
  api::AddMetaRoutes(routes, services, options);
  api::AddAuditRoutes(routes, services);
  for (const domain::EntityDef* entity : domain::AllEntities()) {
    api::AddEntityRoutes(routes, services, *entity);
    if (entity == &domain::TaskEntity()) api::AddTaskRoutes(routes, services);
    if (app::HasApproval(*entity)) api::AddApprovalRoutes(routes, services, *entity);
  }
  api::AddAuthRoutes(routes, accounts, options.max_concurrent_sign_ins);
  api::AddMetricsRoute(routes, services, options.metrics_token);
  api::AddOpenApiRoute(routes, options.version);  // last: it describes every route above
  // Every route, whoever added it, goes through the same guard.
  app::Accounts* a = &accounts;
  for (const Route& route : routes.routes()) {
    Route guarded = route;
    guarded.handler = [a, handler = route.handler,
                       access = api::AccessOf(route.method, route.path)](
                          const Request& request, const PathParams& params) {
      return api::Guard(*a, handler, access, request, params);
    };
    router.Add(std::move(guarded));
  }
}

std::shared_ptr<const Router> BuildApiRouter(app::Services& services, app::Accounts& accounts,
                                             const ApiOptions& options) {
  auto router = std::make_shared<Router>();
  AddApiRoutes(*router, services, accounts, options);
  return router;
}

Result<std::unique_ptr<Server>> StartApiServer(app::Services& services, app::Accounts& accounts,
                                               Server::Options server_options,
                                               const ApiOptions& api_options) {
  LOOKOUT_ASSIGN_OR_RETURN(
      std::unique_ptr<Server> server,
      Server::Create(std::move(server_options),
                     RouterHandler(BuildApiRouter(services, accounts, api_options))));
  LOOKOUT_RETURN_IF_ERROR(server->Start());
  return server;
}

}  // namespace lookout::http
