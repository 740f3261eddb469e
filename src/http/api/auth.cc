// Signing in and out, changing the password, API tokens and the account actions an
// administrator or manager takes on a staff member. The session token travels only in
// the cookie; nothing here logs a password, a token, a cookie or a CSRF token.
#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "http/api/api.h"
#include "http/api/json_io.h"
#include "http/api/openapi.h"
#include "http/api/routes.h"

namespace lookout::http::api {

namespace {

const std::string& SessionPath() {
  static const std::string kPath = std::string(kPrefix) + "/session";
  return kPath;
}

std::string CookieAttributes(bool secure) {
  return std::string("; Path=/; HttpOnly; SameSite=Lax") + (secure ? "; Secure" : "");
}

// Limits how many password checks run at once (each holds a worker thread and about
// 19 MiB for a few tens of milliseconds).
class SignInGate {
 public:
  explicit SignInGate(int limit) : limit_(limit) {}
  bool Enter() {
    int now = running_.fetch_add(1);
    if (now < limit_) return true;
    running_.fetch_sub(1);
    return false;
  }
  void Leave() { running_.fetch_sub(1); }

 private:
  const int limit_;
  std::atomic<int> running_{0};
};

// The string fields of a JSON body, with one error per problem: missing or not text, and
// keys that are not accepted.
Result<std::map<std::string, std::string>> StringFields(const nlohmann::json& body,
                                                        const std::vector<std::string>& required,
                                                        const std::vector<std::string>& optional = {}) {
  std::map<std::string, std::string> out;
  std::vector<FieldError> errors;
  auto read = [&](const std::string& name, bool must) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
      if (must) errors.push_back({name, "is required"});
    } else if (!it->is_string()) {
      errors.push_back({name, "must be text"});
    } else {
      out[name] = it->get<std::string>();
    }
  };
  for (const std::string& name : required) read(name, true);
  for (const std::string& name : optional) read(name, false);
  std::string accepted;
  for (const auto* list : {&required, &optional}) {
    for (const std::string& name : *list) accepted += (accepted.empty() ? "" : ", ") + name;
  }
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::find(required.begin(), required.end(), it.key()) == required.end() &&
        std::find(optional.begin(), optional.end(), it.key()) == optional.end()) {
      errors.push_back({it.key(), "is not accepted here: send " + accepted});
    }
  }
  if (!errors.empty()) return Status::Validation(std::move(errors));
  return out;
}

// The text fields each body takes, all required: read by StringFields and described by
// StringFieldsSchema.
const std::vector<std::string> kSignInFields = {"email", "password"};
const std::vector<std::string> kPasswordFields = {"current", "new"};
const std::vector<std::string> kTokenFields = {"name", "expires_on"};

// The JSON Schema of a body of the text fields `names`, all required, and nothing else.
std::string StringFieldsSchema(const std::string& title, const std::string& description,
                               const std::vector<std::string>& names) {
  nlohmann::ordered_json properties = nlohmann::ordered_json::object();
  for (const std::string& name : names) properties[name] = {{"type", "string"}};
  return Dump(nlohmann::ordered_json{{"title", title},
                                     {"type", "object"},
                                     {"description", description},
                                     {"properties", std::move(properties)},
                                     {"required", names},
                                     {"additionalProperties", false}});
}

nlohmann::ordered_json TextOrNull(const std::string& text) {
  return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
}

// "Who am I": the staff member, how they are signed in and what the pages need.
nlohmann::ordered_json WhoJson(const app::Authenticated& who) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["staff"] = who.actor.staff_id;
  j["name"] = who.name;
  j["email"] = who.email;
  j["role"] = who.actor.role;
  j["region"] = TextOrNull(who.actor.region);
  j["signed_in_with"] = who.actor.api_token_id != 0 ? "api_token" : "session";
  if (who.actor.api_token_id == 0) j["csrf_token"] = who.csrf_token;
  j["must_change_password"] = who.must_change_password;
  j["expires"] = who.expires_at;
  return j;
}

nlohmann::ordered_json TokenJson(const app::ApiTokenInfo& t) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["id"] = t.id;
  j["name"] = t.name;
  j["prefix"] = t.prefix;
  j["expires_on"] = t.expires_on;
  j["created_at"] = t.created_at;
  j["revoked_at"] = TextOrNull(t.revoked_at);
  j["last_used_at"] = TextOrNull(t.last_used_at);
  return j;
}

// The signed-in caller (the guard has made sure there is one).
const app::Authenticated& Caller(const Request& request) {
  static const app::Authenticated kNobody;
  const app::Authenticated* who = CurrentAuthentication(request);
  return who != nullptr ? *who : kNobody;
}

Result<Response> SignIn(app::Accounts& accounts, SignInGate& gate, const Request& request) {
  LOOKOUT_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(request));
  LOOKOUT_ASSIGN_OR_RETURN(auto fields, StringFields(body, kSignInFields));
  if (!gate.Enter()) {
    return Status(ErrorCode::kTooManyRequests,
                  "Too many people are signing in at this moment: try again in a few seconds.");
  }
  Result<app::SignedIn> in = accounts.SignIn(fields["email"], fields["password"],
                                             request.remote_address, request.request_id);
  gate.Leave();
  if (!in.ok()) return in.status();
  Response response = JsonResponse(200, WhoJson(in->who));
  response.SetHeader("Set-Cookie", SessionCookie(in->session_token, request.secure));
  return response;
}

Response WhoAmI(const Request& request) { return JsonResponse(200, WhoJson(Caller(request))); }

Result<Response> SignOut(app::Accounts& accounts, const Request& request) {
  LOOKOUT_RETURN_IF_ERROR(accounts.SignOut(Caller(request).actor));
  Response response = JsonResponse(200, {{"signed_out", true}});
  response.SetHeader("Set-Cookie", ClearedSessionCookie(request.secure));
  return response;
}

Result<Response> SignOutEverywhere(app::Accounts& accounts, const Request& request) {
  const app::Actor& actor = Caller(request).actor;
  LOOKOUT_ASSIGN_OR_RETURN(int64_t ended, accounts.SignOutEverywhere(actor, actor.staff_id));
  Response response = JsonResponse(200, {{"sessions_ended", ended}});
  if (actor.session_id != 0) response.SetHeader("Set-Cookie", ClearedSessionCookie(request.secure));
  return response;
}

Result<Response> ChangePassword(app::Accounts& accounts, const Request& request) {
  LOOKOUT_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(request));
  LOOKOUT_ASSIGN_OR_RETURN(auto fields, StringFields(body, kPasswordFields));
  LOOKOUT_ASSIGN_OR_RETURN(
      app::PasswordChanged changed,
      accounts.ChangePassword(Caller(request).actor, fields["current"], fields["new"]));
  return JsonResponse(200, {{"changed", true},
                            {"other_sessions_ended", changed.sessions_ended},
                            {"api_tokens_revoked", changed.tokens_revoked}});
}

Result<Response> ListTokens(app::Accounts& accounts, const Request& request) {
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<app::ApiTokenInfo> tokens,
                           accounts.ListApiTokens(Caller(request).actor));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const app::ApiTokenInfo& t : tokens) items.push_back(TokenJson(t));
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["items"] = std::move(items);
  body["total"] = static_cast<int64_t>(tokens.size());
  return JsonResponse(200, body);
}

Result<Response> CreateToken(app::Accounts& accounts, const Request& request) {
  LOOKOUT_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonObject(request));
  LOOKOUT_ASSIGN_OR_RETURN(auto fields, StringFields(body, kTokenFields));
  LOOKOUT_ASSIGN_OR_RETURN(
      app::NewApiToken made,
      accounts.CreateApiToken(Caller(request).actor, fields["name"], fields["expires_on"]));
  nlohmann::ordered_json j = TokenJson(made.info);
  j["token"] = made.token;  // shown this once
  return JsonResponse(201, j);
}

Result<Response> RevokeToken(app::Accounts& accounts, const Request& request,
                             const PathParams& path) {
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, ParseId(path.Get("id")));
  LOOKOUT_ASSIGN_OR_RETURN(app::ApiTokenInfo revoked,
                           accounts.RevokeApiToken(Caller(request).actor, id));
  return JsonResponse(200, TokenJson(revoked));
}

Result<Response> ResetPassword(app::Accounts& accounts, const Request& request,
                               const PathParams& path) {
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, ParseId(path.Get("id")));
  LOOKOUT_ASSIGN_OR_RETURN(app::PasswordReset reset,
                           accounts.ResetPassword(Caller(request).actor, id));
  return JsonResponse(200, {{"staff", id},
                            {"one_time_password", reset.one_time_password},
                            {"must_change_password", true},
                            {"sessions_ended", reset.sessions_ended},
                            {"api_tokens_revoked", reset.tokens_revoked}});
}

Result<Response> Unlock(app::Accounts& accounts, const Request& request, const PathParams& path) {
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, ParseId(path.Get("id")));
  LOOKOUT_RETURN_IF_ERROR(accounts.Unlock(Caller(request).actor, id));
  return JsonResponse(200, {{"staff", id}, {"unlocked", true}});
}

Result<Response> SignStaffOutEverywhere(app::Accounts& accounts, const Request& request,
                                        const PathParams& path) {
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, ParseId(path.Get("id")));
  LOOKOUT_ASSIGN_OR_RETURN(int64_t ended, accounts.SignOutEverywhere(Caller(request).actor, id));
  return JsonResponse(200, {{"staff", id}, {"sessions_ended", ended}});
}

// The shapes of the answers below (WhoJson, TokenJson and the account actions), as JSON
// Schema.
constexpr const char* kWhoSchema = R"({
  "title": "Who", "type": "object",
  "description": "The staff member signed in, how, and what the pages need.",
  "properties": {
    "staff": {"type": "integer", "description": "The staff member's id."},
    "name": {"type": "string"}, "email": {"type": "string"},
    "role": {"type": "string"}, "region": {"type": ["string", "null"]},
    "signed_in_with": {"type": "string", "enum": ["session", "api_token"]},
    "csrf_token": {"type": "string", "description": "A session's CSRF token, for X-CSRF-Token; not given for an API token."},
    "must_change_password": {"type": "boolean"},
    "expires": {"type": "string", "description": "When the session ends, or the token's last day."}},
  "required": ["staff", "name", "email", "role", "region", "signed_in_with",
               "must_change_password", "expires"]})";

constexpr const char* kTokenProperties = R"({
    "id": {"type": "integer"}, "name": {"type": "string"},
    "prefix": {"type": "string", "description": "The token's first characters, to recognise it."},
    "expires_on": {"type": "string", "format": "date", "description": "Its last day."},
    "created_at": {"type": "string", "format": "date-time"},
    "revoked_at": {"type": ["string", "null"], "format": "date-time"},
    "last_used_at": {"type": ["string", "null"], "format": "date-time"}})";

// An API token as TokenJson writes it, with the token itself when `with_token`; a named
// component schema when `title` is not empty.
std::string TokenSchema(const std::string& title, bool with_token) {
  nlohmann::ordered_json schema = nlohmann::ordered_json::object();
  if (!title.empty()) schema["title"] = title;
  schema["type"] = "object";
  schema["properties"] = nlohmann::ordered_json::parse(kTokenProperties);
  if (with_token) {
    schema["properties"]["token"] = {{"type", "string"},
                                     {"description", "The token itself, shown this once."}};
  }
  nlohmann::ordered_json required = nlohmann::ordered_json::array();
  for (auto it = schema["properties"].begin(); it != schema["properties"].end(); ++it) {
    required.push_back(it.key());
  }
  schema["required"] = std::move(required);
  return Dump(schema);
}

std::string TokenListSchema() {
  nlohmann::ordered_json schema = {
      {"title", "ApiTokenList"},
      {"type", "object"},
      {"properties",
       {{"items", {{"type", "array"}, {"items", nlohmann::ordered_json::parse(TokenSchema("", false))}}},
        {"total", {{"type", "integer"}}}}},
      {"required", nlohmann::ordered_json::array({"items", "total"})}};
  return Dump(schema);
}

// An object of the given properties, all required.
std::string ObjectOf(const std::string& title,
                     const std::vector<std::pair<std::string, std::string>>& properties) {
  nlohmann::ordered_json props = nlohmann::ordered_json::object();
  nlohmann::ordered_json required = nlohmann::ordered_json::array();
  for (const auto& [name, type] : properties) {
    props[name] = {{"type", type}};
    required.push_back(name);
  }
  return Dump(nlohmann::ordered_json{
      {"title", title}, {"type", "object"}, {"properties", std::move(props)}, {"required", std::move(required)}});
}

}  // namespace

std::string SessionCookie(const std::string& token, bool secure) {
  return std::string(kSessionCookieName) + "=" + token + CookieAttributes(secure);
}

std::string SessionCookieOf(const Request& request) {
  return request.Cookie(kSessionCookieName).value_or("");
}

std::string ClearedSessionCookie(bool secure) {
  return std::string(kSessionCookieName) + "=" + CookieAttributes(secure) + "; Max-Age=0";
}

Access AccessOf(const std::string& method, const std::string& path) {
  if (method == "GET" && (path == "/healthz" || path == "/readyz" || path == "/metrics")) {
    return Access::kOpen;
  }
  if (method == "POST" && path == SessionPath()) return Access::kOpen;
  if (method == "GET" && path == kOpenApiPath) return Access::kOpen;
  // While the password must be changed, a session may change it, look at who it is and
  // sign out; nothing else.
  static const std::set<std::pair<std::string, std::string>> kDuringChange = {
      {"GET", SessionPath()},
      {"DELETE", SessionPath()},
      {"POST", SessionPath() + "/sign-out-everywhere"},
      {"POST", std::string(kPrefix) + "/account/password"}};
  if (kDuringChange.count({method, path})) return Access::kWhilePasswordMustChange;
  return Access::kSignedIn;
}

void AddAuthRoutes(Router& router, app::Accounts& accounts, int max_concurrent_sign_ins) {
  app::Accounts* a = &accounts;
  auto gate = std::make_shared<SignInGate>(std::max(1, max_concurrent_sign_ins));
  const std::string tokens = std::string(kPrefix) + "/api-tokens";
  const std::string staff = std::string(kPrefix) + "/" + domain::StaffEntity().plural + "/{id}";
  const std::string account = domain::AccountEntity().name;
  const std::string token = domain::ApiTokenEntity().name;
  const Param staff_id = IdPathParam("staff member");

  router.Add({.method = "POST",
              .path = SessionPath(),
              .summary = "Sign in (body: email, password); sets the session cookie and answers "
                         "who you are with the CSRF token.",
              .entity = account,
              .json_body = true,
              .handler = [a, gate](const Request& r,
                                   const PathParams&) { return SignIn(*a, *gate, r); },
              .description = "A refused sign-in is 401 with one message whatever the reason. "
                             "The cookie is HttpOnly, SameSite=Lax, and Secure over TLS.",
              .response_schema = kWhoSchema,
              .request_schema = StringFieldsSchema("SignInRequest", "Your email and password.",
                                                   kSignInFields),
              .errors = {ErrorCode::kUnauthenticated, ErrorCode::kValidation,
                         ErrorCode::kTooManyRequests, ErrorCode::kUnavailable}});
  router.Add({.method = "GET",
              .path = SessionPath(),
              .summary = "Who you are signed in as.",
              .entity = account,
              .handler = [](const Request& r, const PathParams&) { return WhoAmI(r); },
              .response_schema = kWhoSchema});
  router.Add({.method = "DELETE",
              .path = SessionPath(),
              .summary = "Sign out: ends this session and clears the cookie.",
              .entity = account,
              .handler = [a](const Request& r, const PathParams&) { return SignOut(*a, r); },
              .response_schema = ObjectOf("SignedOut", {{"signed_out", "boolean"}}),
              .errors = {ErrorCode::kBadRequest}});
  router.Add({.method = "POST",
              .path = SessionPath() + "/sign-out-everywhere",
              .summary = "End every session of yours, this one included.",
              .entity = account,
              .handler = [a](const Request& r,
                             const PathParams&) { return SignOutEverywhere(*a, r); },
              .response_schema = ObjectOf("SessionsEnded", {{"sessions_ended", "integer"}}),
              .errors = {ErrorCode::kForbidden}});
  router.Add({.method = "POST",
              .path = std::string(kPrefix) + "/account/password",
              .summary = "Change your password (body: current, new); ends your other sessions "
                         "and revokes your API tokens.",
              .entity = account,
              .json_body = true,
              .handler = [a](const Request& r, const PathParams&) { return ChangePassword(*a, r); },
              .description = "The new password has at least 12 characters, is not a common "
                             "one, and holds neither your email's name nor \"lookout\". Only a "
                             "browser session changes a password: called with an API token it "
                             "answers 403 session_required. Every API token of yours is revoked "
                             "(api_tokens_revoked says how many): make new ones after.",
              .response_schema = ObjectOf("PasswordChanged", {{"changed", "boolean"},
                                                              {"other_sessions_ended", "integer"},
                                                              {"api_tokens_revoked", "integer"}}),
              .request_schema = StringFieldsSchema(
                  "PasswordChangeRequest", "Your current password and the new one.",
                  kPasswordFields),
              .errors = {ErrorCode::kUnauthenticated, ErrorCode::kSessionRequired,
                         ErrorCode::kNotFound, ErrorCode::kValidation,
                         ErrorCode::kTooManyRequests}});
  router.Add({.method = "GET",
              .path = tokens,
              .summary = "Your API tokens (never the tokens themselves).",
              .entity = token,
              .handler = [a](const Request& r, const PathParams&) { return ListTokens(*a, r); },
              .response_schema = TokenListSchema()});
  router.Add({.method = "POST",
              .path = tokens,
              .summary = "Make an API token (body: name, expires_on); answers it once, in "
                         "\"token\".",
              .entity = token,
              .json_body = true,
              .handler = [a](const Request& r, const PathParams&) { return CreateToken(*a, r); },
              .description = "expires_on is a date after today, at most a year ahead. Tokens "
                             "are made from a signed-in session, not with another token.",
              .success_status = 201,
              .response_schema = TokenSchema("NewApiToken", true),
              .request_schema = StringFieldsSchema(
                  "NewApiTokenRequest", "The token's name and its last day (YYYY-MM-DD).",
                  kTokenFields),
              .errors = {ErrorCode::kForbidden, ErrorCode::kValidation}});
  router.Add({.method = "POST",
              .path = tokens + "/{id}/revoke",
              .summary = "Revoke an API token, at once.",
              .entity = token,
              .handler = [a](const Request& r,
                             const PathParams& p) { return RevokeToken(*a, r, p); },
              .params = {IdPathParam("API token")},
              .response_schema = TokenSchema("ApiToken", false),
              .errors = {ErrorCode::kNotFound, ErrorCode::kConflict}});
  router.Add({.method = "POST",
              .path = staff + "/reset-password",
              .summary = "Give a staff member a one-time password to change at the next "
                         "sign-in (administrators); ends their sessions and revokes their API "
                         "tokens.",
              .entity = account,
              .handler = [a](const Request& r,
                             const PathParams& p) { return ResetPassword(*a, r, p); },
              .params = {staff_id},
              .response_schema = ObjectOf("OneTimePassword", {{"staff", "integer"},
                                                              {"one_time_password", "string"},
                                                              {"must_change_password", "boolean"},
                                                              {"sessions_ended", "integer"},
                                                              {"api_tokens_revoked", "integer"}}),
              .errors = {ErrorCode::kForbidden, ErrorCode::kNotFound}});
  router.Add({.method = "POST",
              .path = staff + "/unlock",
              .summary = "Lift the lock that failed sign-ins put on an account (managers, "
                         "administrators).",
              .entity = account,
              .handler = [a](const Request& r, const PathParams& p) { return Unlock(*a, r, p); },
              .params = {staff_id},
              .response_schema = ObjectOf("Unlocked", {{"staff", "integer"}, {"unlocked", "boolean"}}),
              .errors = {ErrorCode::kForbidden, ErrorCode::kNotFound}});
  router.Add({.method = "POST",
              .path = staff + "/sign-out-everywhere",
              .summary = "End every session of a staff member (administrators).",
              .entity = account,
              .handler = [a](const Request& r,
                             const PathParams& p) { return SignStaffOutEverywhere(*a, r, p); },
              .params = {staff_id},
              .response_schema = ObjectOf("StaffSessionsEnded", {{"staff", "integer"},
                                                                 {"sessions_ended", "integer"}}),
              .errors = {ErrorCode::kForbidden}});
}

}  // namespace lookout::http::api
