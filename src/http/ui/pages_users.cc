// One's own API tokens, and the administration of users: adding one, resetting a
// password, lifting a lock, signing someone out everywhere, disabling and enabling. A new
// token or password is shown once, on the page that answers the form, and never again.
#include "domain/schema.h"
#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"
#include "report/format.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

Result<Response> TokensPage(PageRequest& page, const std::string& new_token,
                            const FormErrors& errors, int status) {
  LOOKOUT_ASSIGN_OR_RETURN(auto tokens, page.env->accounts.ListApiTokens(page.actor));
  const std::string today = page.env->services.clock().Today().ToString();
  json rows = json::array();
  for (const app::ApiTokenInfo& t : tokens) {
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
  for (const FieldError& e : errors.list()) {
    if (e.field == "name") view["name_error"] = e.message;
    if (e.field == "expires_on") view["expires_error"] = e.message;
  }
  if (!errors.empty()) view["error_summary"] = errors.Summary("name");
  return RenderPage(page, "Your API tokens", "tokens", std::move(view), status);
}

Status AdminsOnly(const PageRequest& page) {
  if (page.Role() == "admin") return Status::Ok();
  return Status(ErrorCode::kForbidden, "Managing users is for administrators.");
}

// "1 session", "3 sessions".
std::string Sessions(int64_t n) { return std::to_string(n) + (n == 1 ? " session" : " sessions"); }

// The state of an account in words; a lock's end as London time ("locked until 14:05
// today").
std::string AccountState(const app::UserSummary& u, int64_t now) {
  if (!u.active) return "Disabled";
  if (!u.has_account) return "No account";
  if (!u.locked_until.empty()) {
    const std::optional<int64_t> until = ParseTimestamp(u.locked_until);
    return "Locked until " + (until ? report::LondonTimeInWords(*until, now) : u.locked_until);
  }
  return u.must_change_password ? "Must change password" : "Active";
}

// The actions on a user that ask first, with what the confirmation page says.
struct Confirmation {
  const char* action;
  const char* title;     // "Disable {name}?" without the name
  const char* what;      // what happens
  const char* button;
};
const Confirmation* ConfirmationOf(const std::string& action) {
  static const Confirmation kAsk[] = {
      {"disable", "Disable", "They are signed out everywhere at once, cannot sign in, and their API tokens "
                             "stop working until an administrator enables them again. Their records stay.",
       "Disable the user"},
      {"reset-password", "Reset the password of",
       "They get a new one-time password, shown to you once, to hand to them; their sessions end and "
       "their old password stops working at once. They choose their own at their next sign-in.",
       "Reset the password"},
  };
  for (const Confirmation& c : kAsk) {
    if (action == c.action) return &c;
  }
  return nullptr;
}

// The users page: the users and their accounts, and the form to add one. `notice` is
// the answer to an action that must show a one-time password (shown only on this page).
// A page showing a secret once (a new API token, a one-time password), or the error page
// when it cannot be shown, marked no-store by the page itself, as it always was.
Response WithSecret(PageRequest& page, Result<Response> shown) {
  Response r = shown.ok() ? std::move(shown).value() : ErrorPage(page, shown.status());
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Result<Response> UsersPage(PageRequest& page, const json& notice, const FormErrors& errors,
                           int status) {
  LOOKOUT_RETURN_IF_ERROR(AdminsOnly(page));
  LOOKOUT_ASSIGN_OR_RETURN(auto users, page.env->accounts.ListUsers(page.actor));
  Names names(page.env->services, page.actor);
  const int64_t now = page.env->services.clock().NowUnixSeconds();
  json rows = json::array();
  for (const app::UserSummary& u : users) {
    rows.push_back({{"id", std::to_string(u.staff_id)},
                    {"name", u.name},
                    {"email", u.email},
                    {"role", TermLabel("role", u.role)},
                    {"region", u.region.empty() ? "" : names.Of("region", u.region)},
                    {"state", AccountState(u, now)},
                    {"sessions", Sessions(u.live_sessions)},
                    {"active", u.active},
                    {"has_account", u.has_account},
                    {"locked", !u.locked_until.empty()},
                    {"self", u.staff_id == page.actor.staff_id}});
  }
  // The role and region chosen are kept after an error; nothing is chosen before anyone
  // chooses, so a mistake can never fall back on a more powerful role.
  const std::string role = page.form.Get("role");
  json roles = json::array({{{"value", ""}, {"text", "Choose a role"}, {"selected", role.empty()}}});
  for (json o : VocabularyOptions("role")) {
    o["selected"] = o["value"].get<std::string>() == role;
    roles.push_back(std::move(o));
  }
  const std::string region = page.form.Get("region");
  json regions = json::array({{{"value", ""}, {"text", "None"}, {"selected", region.empty()}}});
  for (json o : names.Options("region")) {
    o["selected"] = o["value"].get<std::string>() == region;
    regions.push_back(std::move(o));
  }
  json view = {{"rows", rows},
               {"notice", notice},
               {"roles", roles},
               {"regions", regions},
               {"new_name", page.form.Get("name")},
               {"new_email", page.form.Get("email")}};
  for (const char* field : {"name", "email", "role", "region"}) view[std::string(field) + "_error"] = false;
  for (const FieldError& e : errors.list()) {
    if (view[e.field + "_error"] == false) view[e.field + "_error"] = e.message;
  }
  if (!errors.empty()) view["error_summary"] = errors.Summary("name");
  return RenderPage(page, "Users", "users", std::move(view), status);
}

// The staff member a user action names, or a refusal page.
Result<int64_t> StaffOfPath(const PageRequest& page) {
  int64_t id = 0;
  if (!ParseId(page.params.Get("id"), &id)) return Status::NotFound("There is no such staff member.");
  return id;
}

// The user a user action names, as the users page lists them.
Result<app::UserSummary> UserOfPath(PageRequest& page) {
  LOOKOUT_ASSIGN_OR_RETURN(int64_t id, StaffOfPath(page));
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<app::UserSummary> users, page.env->accounts.ListUsers(page.actor));
  for (app::UserSummary& u : users) {
    if (u.staff_id == id) return std::move(u);
  }
  return Status::NotFound("There is no such staff member.");
}

// The page that asks before an action that cannot be undone from the list.
Response ConfirmPage(PageRequest& page, const app::UserSummary& user, const Confirmation& ask) {
  json view = {{"id", std::to_string(user.staff_id)},
               {"action", ask.action},
               {"name", user.name},
               {"email", user.email},
               {"what", ask.what},
               {"button", ask.button}};
  return RenderPage(page, std::string(ask.title) + " " + user.name + "?", "user_confirm", std::move(view));
}

}  // namespace

void AddUserPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/account/tokens", "One's API tokens.", PageAccess::kSignedIn,
          [](PageRequest& page) { return TokensPage(page, "", FormErrors{}, 200); });

  AddPage(router, env, "POST", "/account/tokens", "Make an API token (shown once).",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            FormErrors errors;
            if (page.form.Get("name").empty()) errors.Add("name", "Enter a name for the token");
            if (!Date::Parse(page.form.Get("expires_on"))) {
              errors.Add("expires_on", "Enter the last day the token works, as YYYY-MM-DD");
            }
            // The use case's own rules (the name's length, how far ahead the day may be)
            // are asked once both can be read: making a token is its only check.
            if (errors.empty()) {
              auto made = page.env->accounts.CreateApiToken(page.actor, page.form.Get("name"),
                                                           page.form.Get("expires_on"));
              if (made.ok()) {
                // Shown on this answer only: the form is not repeated on reload.
                return WithSecret(page, TokensPage(page, made->token, FormErrors{}, 200));
              }
              FormErrors found;
              if (!found.Take(made.status(), nullptr, "name")) return made.status();
              for (const FieldError& e : found.list()) {
                const bool day = e.field == "expires_on";
                errors.Add(day ? "expires_on" : "name",
                           (day ? "The last day " : e.field == "name" ? "The name " : "") + e.message);
              }
            }
            errors.Order({"name", "expires_on"});
            return TokensPage(page, "", errors, errors.HttpStatus());
          });

  AddPage(router, env, "POST", "/account/tokens/{id}/revoke", "Revoke one of one's API tokens.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            int64_t id = 0;
            if (!ParseId(page.params.Get("id"), &id)) {
              return Status::NotFound("There is no such API token.");
            }
            auto revoked = page.env->accounts.RevokeApiToken(page.actor, id);
            if (!revoked.ok() && revoked.status().code() != ErrorCode::kConflict) {
              return revoked.status();
            }
            return RedirectWithNotice(page, "/account/tokens",
                                      revoked.ok() ? "The API token \"" + revoked->name + "\" is revoked."
                                                   : "That API token was revoked already.");
          });

  AddPage(router, env, "GET", "/admin/users", "Users and their accounts.", PageAccess::kSignedIn,
          [](PageRequest& page) { return UsersPage(page, nullptr, FormErrors{}, 200); });

  AddPage(router, env, "POST", "/admin/users", "Add a user with a one-time password.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(AdminsOnly(page));
            FormErrors errors;
            if (page.form.Get("role").empty()) errors.Add("role", "Choose the user's role");
            auto added = page.env->accounts.AddUser(page.actor, page.form.Get("name"),
                                                    page.form.Get("email"), page.form.Get("role"),
                                                    page.form.Get("region"));
            if (!added.ok()) {
              if (!errors.Take(added.status(), &domain::StaffEntity(), "email")) {
                return added.status();
              }
              errors.Move("home_region", "region");
              errors.Order({"name", "email", "role", "region"});
              return UsersPage(page, nullptr, errors, errors.HttpStatus());
            }
            return WithSecret(page, UsersPage(page,
                                              {{"who", PlainText(added->staff.Get("name"))},
                                               {"password", added->one_time_password},
                                               {"what",
                                                "was added. Give them this one-time password; they "
                                                "choose their own at their first sign-in."}},
                                              FormErrors{}, 200));
          });

  AddPage(router, env, "GET", "/admin/users/{id}/{action}",
          "Asks before disabling a user or resetting their password.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(AdminsOnly(page));
            const Confirmation* ask = ConfirmationOf(page.params.Get("action"));
            if (ask == nullptr) return Status::NotFound("There is no such page.");
            LOOKOUT_ASSIGN_OR_RETURN(auto user, UserOfPath(page));
            return ConfirmPage(page, user, *ask);
          });

  AddPage(router, env, "POST", "/admin/users/{id}/{action}",
          "A user action: reset-password, "
          "create-account, unlock, sign-out-everywhere, disable or enable.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(AdminsOnly(page));
            LOOKOUT_ASSIGN_OR_RETURN(auto user, UserOfPath(page));
            const int64_t id = user.staff_id;
            const std::string& name = user.name;
            const std::string action = page.params.Get("action");
            // Disabling and resetting are done only once confirmed on their own page.
            if (const Confirmation* ask = ConfirmationOf(action);
                ask != nullptr && page.form.Get("confirmed") != "yes") {
              return ConfirmPage(page, user, *ask);
            }
            app::Accounts& accounts = page.env->accounts;
            // A refusal is said on the users page, above the list.
            auto refused = [&](const Status& status) -> Result<Response> {
              FormErrors errors;
              if (!errors.Take(status)) return status;
              return UsersPage(page, nullptr, errors, errors.HttpStatus());
            };
            if (action == "reset-password" || action == "create-account") {
              std::string password;
              std::string what;
              if (action == "reset-password") {
                auto reset = accounts.ResetPassword(page.actor, id);
                if (!reset.ok()) return refused(reset.status());
                password = reset->one_time_password;
                what = "has a new one-time password; their sessions have ended and " +
                       TokensRevokedPhrase(reset->tokens_revoked) + ".";
              } else {
                auto created = accounts.CreateAccount(page.actor, id, "", true);
                if (!created.ok()) return refused(created.status());
                password = *created;
                what = "has an account now, with a one-time password to change at their first "
                       "sign-in.";
              }
              return WithSecret(
                  page, UsersPage(page, {{"who", name}, {"password", password}, {"what", what}},
                                  FormErrors{}, 200));
            }
            std::string done;
            if (action == "unlock") {
              if (Status s = accounts.Unlock(page.actor, id); !s.ok()) return refused(s);
              done = name + "'s account is unlocked.";
            } else if (action == "sign-out-everywhere") {
              auto ended = accounts.SignOutEverywhere(page.actor, id);
              if (!ended.ok()) return refused(ended.status());
              done = name + " is signed out everywhere: " + Sessions(*ended) + " ended.";
            } else if (action == "disable" || action == "enable") {
              if (Status s = accounts.SetActive(page.actor, id, action == "enable"); !s.ok()) {
                return refused(s);
              }
              done = action == "enable" ? name + " is enabled."
                                        : name + " is disabled; their sessions have ended.";
            } else {
              return Status::NotFound("There is no such action.");
            }
            return RedirectWithNotice(page, "/admin/users", done);
          });
}

}  // namespace lookout::http::ui
