// One's own API tokens, and the administration of users: adding one, resetting a
// password, lifting a lock, signing someone out everywhere, disabling and enabling. A new
// token or password is shown once, on the page that answers the form, and never again.
#include "http/ui/display.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

Response TokensPage(PageRequest& page, const std::string& new_token,
                    const std::vector<FieldError>& errors, int status) {
  auto tokens = page.env->accounts.ListApiTokens(page.actor);
  if (!tokens.ok()) return ErrorPage(page, tokens.status());
  const std::string today = page.env->services.clock().Today().ToString();
  json rows = json::array();
  for (const app::ApiTokenInfo& t : *tokens) {
    const bool revoked = !t.revoked_at.empty();
    const bool expired = t.expires_on < today;
    rows.push_back({{"id", std::to_string(t.id)},
                    {"name", t.name},
                    {"prefix", t.prefix},
                    {"expires", LongDate(t.expires_on)},
                    {"last_used", t.last_used_at.empty() ? "never" : t.last_used_at.substr(0, 10)},
                    {"state", revoked ? "Revoked" : expired ? "Expired" : "Active"},
                    {"live", !revoked && !expired}});
  }
  json view = {{"rows", rows},
               {"none", rows.empty()},
               {"new_token", new_token},
               {"name", page.form.Get("name")},
               {"expires_on", page.form.Get("expires_on")},
               {"by_session", page.actor.session_id != 0}};
  for (const FieldError& e : errors) {
    if (e.field == "name") view["name_error"] = e.message;
    if (e.field == "expires_on") view["expires_error"] = e.message;
  }
  if (!errors.empty()) view["error_summary"] = ErrorSummaryView(errors);
  return RenderPage(page, "Your API tokens", "tokens", std::move(view), status);
}

Status AdminsOnly(const PageRequest& page) {
  if (page.Role() == "admin") return Status::Ok();
  return Status(ErrorCode::kForbidden, "Managing users is for administrators.");
}

Response UsersPage(PageRequest& page, const json& notice, const std::vector<FieldError>& errors,
                   int status) {
  if (Status may = AdminsOnly(page); !may.ok()) return ErrorPage(page, may);
  auto users = page.env->accounts.ListUsers(page.actor);
  if (!users.ok()) return ErrorPage(page, users.status());
  json rows = json::array();
  for (const app::UserSummary& u : *users) {
    const std::string state = !u.active ? "Disabled"
                              : !u.has_account ? "No account"
                              : !u.locked_until.empty() ? "Locked until " + u.locked_until
                              : u.must_change_password ? "Must change password"
                                                       : "Active";
    rows.push_back({{"id", std::to_string(u.staff_id)},
                    {"name", u.name},
                    {"email", u.email},
                    {"role", TermLabel("role", u.role)},
                    {"region", u.region},
                    {"state", state},
                    {"sessions", std::to_string(u.live_sessions)},
                    {"active", u.active},
                    {"locked", !u.locked_until.empty()},
                    {"self", u.staff_id == page.actor.staff_id}});
  }
  json view = {{"rows", rows},
               {"notice", notice},
               {"roles", VocabularyOptions("role")},
               {"regions", Names(page.env->services, page.actor).Options("region")},
               {"new_name", page.form.Get("name")},
               {"new_email", page.form.Get("email")}};
  for (const FieldError& e : errors) view[e.field + "_error"] = e.message;
  if (!errors.empty()) view["error_summary"] = ErrorSummaryView(errors);
  return RenderPage(page, "Users", "users", std::move(view), status);
}

// The staff member a user action names, or a refusal page.
Result<int64_t> StaffOfPath(const PageRequest& page) {
  int64_t id = 0;
  if (!ParseId(page.params.Get("id"), &id)) return Status::NotFound("There is no such staff member.");
  return id;
}

}  // namespace

void AddUserPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/account/tokens", "One's API tokens.", PageAccess::kSignedIn,
          [](PageRequest& page) { return TokensPage(page, "", {}, 200); });

  AddPage(router, env, "POST", "/account/tokens", "Make an API token (shown once).",
          PageAccess::kSignedIn, [](PageRequest& page) {
            std::vector<FieldError> errors;
            if (page.form.Get("name").empty()) errors.push_back({"name", "Enter a name for the token"});
            if (!Date::Parse(page.form.Get("expires_on"))) {
              errors.push_back({"expires_on", "Enter the last day the token works, as YYYY-MM-DD"});
            }
            if (!errors.empty()) return TokensPage(page, "", errors, 422);
            auto made = page.env->accounts.CreateApiToken(page.actor, page.form.Get("name"),
                                                         page.form.Get("expires_on"));
            if (!made.ok()) {
              std::vector<FieldError> problems;
              for (const FieldError& e : made.status().fields()) {
                problems.push_back({e.field, (e.field == "name" ? "The name " : "The last day ") + e.message});
              }
              if (problems.empty()) problems.push_back({"name", made.status().message()});
              return TokensPage(page, "", problems, ErrorCodeHttpStatus(made.status().code()));
            }
            // Shown on this answer only: the form is not repeated on reload.
            Response r = TokensPage(page, made->token, {}, 200);
            r.SetHeader("Cache-Control", "no-store");
            return r;
          });

  AddPage(router, env, "POST", "/account/tokens/{id}/revoke", "Revoke one of one's API tokens.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            int64_t id = 0;
            if (!ParseId(page.params.Get("id"), &id)) {
              return ErrorPage(page, Status::NotFound("There is no such API token."));
            }
            auto revoked = page.env->accounts.RevokeApiToken(page.actor, id);
            if (!revoked.ok() && revoked.status().code() != ErrorCode::kConflict) {
              return ErrorPage(page, revoked.status());
            }
            return Redirect("/account/tokens");
          });

  AddPage(router, env, "GET", "/admin/users", "Users and their accounts.", PageAccess::kSignedIn,
          [](PageRequest& page) { return UsersPage(page, nullptr, {}, 200); });

  AddPage(router, env, "POST", "/admin/users", "Add a user with a one-time password.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            if (Status may = AdminsOnly(page); !may.ok()) return ErrorPage(page, may);
            auto added = page.env->accounts.AddUser(page.actor, page.form.Get("name"),
                                                    page.form.Get("email"), page.form.Get("role"),
                                                    page.form.Get("region"));
            if (!added.ok()) {
              std::vector<FieldError> problems;
              for (const FieldError& e : added.status().fields()) {
                const std::string field = e.field == "home_region" ? "region" : e.field;
                problems.push_back({field, e.message.empty() ? added.status().message()
                                                            : "The " + field + " " + e.message});
              }
              if (problems.empty()) problems.push_back({"email", added.status().message()});
              return UsersPage(page, nullptr, problems, ErrorCodeHttpStatus(added.status().code()));
            }
            Response r = UsersPage(page,
                                   {{"who", PlainText(added->staff.Get("name"))},
                                    {"password", added->one_time_password},
                                    {"what", "was added. Give them this one-time password; they "
                                             "choose their own at their first sign-in."}},
                                   {}, 200);
            r.SetHeader("Cache-Control", "no-store");
            return r;
          });

  AddPage(router, env, "POST", "/admin/users/{id}/{action}", "A user action: reset-password, "
          "unlock, sign-out-everywhere, disable or enable.", PageAccess::kSignedIn,
          [](PageRequest& page) {
            if (Status may = AdminsOnly(page); !may.ok()) return ErrorPage(page, may);
            auto id = StaffOfPath(page);
            if (!id.ok()) return ErrorPage(page, id.status());
            const std::string action = page.params.Get("action");
            app::Accounts& accounts = page.env->accounts;
            json notice;
            if (action == "reset-password") {
              auto reset = accounts.ResetPassword(page.actor, *id);
              if (!reset.ok()) return ErrorPage(page, reset.status());
              notice = {{"who", "Staff member " + std::to_string(*id)},
                        {"password", reset->one_time_password},
                        {"what", "has a new one-time password; their sessions have ended and " +
                                     TokensRevokedPhrase(reset->tokens_revoked) + "."}};
            } else if (action == "unlock") {
              if (Status s = accounts.Unlock(page.actor, *id); !s.ok()) return ErrorPage(page, s);
              notice = {{"what", "The account is unlocked."}};
            } else if (action == "sign-out-everywhere") {
              auto ended = accounts.SignOutEverywhere(page.actor, *id);
              if (!ended.ok()) return ErrorPage(page, ended.status());
              notice = {{"what", std::to_string(*ended) + " sessions ended."}};
            } else if (action == "disable" || action == "enable") {
              if (Status s = accounts.SetActive(page.actor, *id, action == "enable"); !s.ok()) {
                return ErrorPage(page, s);
              }
              notice = {{"what", action == "enable" ? "The user is enabled."
                                                    : "The user is disabled; their sessions have ended."}};
            } else {
              return ErrorPage(page, Status::NotFound("There is no such action."));
            }
            Response r = UsersPage(page, notice, {}, 200);
            r.SetHeader("Cache-Control", "no-store");
            return r;
          });
}

}  // namespace lookout::http::ui
