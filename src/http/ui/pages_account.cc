// Signing in and out, and changing one's password.
#include "http/api/routes.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

// Where to go after signing in: a path of Lookout's own ("/tasks?region=EM"), never
// another site ("//evil.example", "https://...") nor the sign-in page itself.
std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) {
    return "/";
  }
  if (next.rfind("/sign-in", 0) == 0 || next.rfind("/sign-out", 0) == 0) return "/";
  for (char c : next) {
    if (static_cast<unsigned char>(c) < 0x20) return "/";
  }
  return next;
}

Response SignInForm(PageRequest& page, const std::string& email, const std::string& error,
                    int status) {
  json view = {{"next", SafeNext(page.form.Has("next") ? page.form.Get("next")
                                                        : page.Query("next"))},
               {"email", email}};
  if (!error.empty()) {
    view["error"] = error;
    view["error_summary"] = ErrorSummaryView({{"email", error}});
  }
  if (page.Query("signed_out") == "1") view["signed_out"] = true;
  return RenderPage(page, "Sign in to Lookout", "sign_in", std::move(view), status);
}

Response PasswordForm(PageRequest& page, const std::vector<FieldError>& errors, int status) {
  struct Field {
    const char* name;
    const char* label;
    const char* autocomplete;
  };
  static const Field kFields[] = {{"current", "Current password", "current-password"},
                                  {"new", "New password", "new-password"},
                                  {"confirm", "New password again", "new-password"}};
  json fields = json::array();
  for (const Field& f : kFields) {
    json field = {{"id", FieldId(f.name)},
                  {"name", f.name},
                  {"label", f.label},
                  {"autocomplete", f.autocomplete}};
    for (const FieldError& e : errors) {
      if (e.field == f.name) field["error"] = e.message;
    }
    fields.push_back(std::move(field));
  }
  json view = {{"fields", fields}, {"must_change", page.who->must_change_password}};
  if (!errors.empty()) view["error_summary"] = ErrorSummaryView(errors);
  return RenderPage(page, "Change your password", "password", std::move(view), status);
}

}  // namespace

void AddAccountPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/sign-in", "The sign-in form.", PageAccess::kOpen,
          [](PageRequest& page) {
            if (page.who != nullptr) return Redirect(SafeNext(page.Query("next")));
            return SignInForm(page, "", "", 200);
          });

  AddPage(router, env, "POST", "/sign-in", "Sign in: starts a session.", PageAccess::kOpen,
          [](PageRequest& page) -> Result<Response> {
            const std::string email = page.form.Get("email");
            const std::string password = page.form.Get("password");
            if (email.empty() || password.empty()) {
              return SignInForm(page, email, "Enter your email address and your password.", 422);
            }
            auto in = page.env->accounts.SignIn(email, password, page.http.remote_address,
                                                 page.http.request_id);
            if (!in.ok()) {
              const ErrorCode code = in.status().code();
              if (code == ErrorCode::kUnauthenticated || code == ErrorCode::kTooManyRequests) {
                return SignInForm(page, email, in.status().message(),
                                  ErrorCodeHttpStatus(code));
              }
              return in.status();
            }
            Response r = Redirect(in->who.must_change_password ? "/account/password"
                                                               : SafeNext(page.form.Get("next")));
            r.SetHeader("Set-Cookie", api::SessionCookie(in->session_token, page.http.secure));
            return r;
          });

  AddPage(router, env, "POST", "/sign-out", "Sign out: ends the session.",
          PageAccess::kWhilePasswordMustChange, [](PageRequest& page) -> Result<Response> {
            if (Status out = page.env->accounts.SignOut(page.actor); !out.ok()) {
              return out;
            }
            Response r = Redirect("/sign-in?signed_out=1");
            r.SetHeader("Set-Cookie", api::ClearedSessionCookie(page.http.secure));
            return r;
          });

  AddPage(router, env, "GET", "/account/password", "The form to change one's password.",
          PageAccess::kWhilePasswordMustChange,
          [](PageRequest& page) { return PasswordForm(page, {}, 200); });

  AddPage(router, env, "POST", "/account/password", "Change one's password.",
          PageAccess::kWhilePasswordMustChange, [](PageRequest& page) -> Result<Response> {
            const std::string current = page.form.Get("current");
            const std::string fresh = page.form.Get("new");
            std::vector<FieldError> errors;
            if (current.empty()) errors.push_back({"current", "Enter your current password"});
            if (fresh.empty()) errors.push_back({"new", "Enter a new password"});
            if (!fresh.empty() && page.form.Get("confirm") != fresh) {
              errors.push_back({"confirm", "Enter the same new password twice"});
            }
            if (!errors.empty()) return PasswordForm(page, errors, 422);
            auto changed = page.env->accounts.ChangePassword(page.actor, current, fresh);
            if (!changed.ok()) {
              if (changed.status().code() == ErrorCode::kValidation) {
                std::vector<FieldError> refused;
                // The use case's messages follow the field's name ("is not your current
                // password"); the page names the field in words.
                for (const FieldError& e : changed.status().fields()) {
                  refused.push_back({e.field, (e.field == "current" ? "The password you entered "
                                                                    : "The new password ") +
                                                  e.message});
                }
                return PasswordForm(page, refused, 422);
              }
              if (changed.status().code() == ErrorCode::kTooManyRequests) {
                return PasswordForm(page, {{"current", changed.status().message()}}, 429);
              }
              return changed.status();
            }
            const std::string notice = "Your password has been changed. Your other sessions have been signed out and " +
                                       TokensRevokedPhrase(changed->tokens_revoked) + ".";
            return RedirectWithNotice(page, page.who->must_change_password ? "/" : "/account/password", notice);
          });
}

}  // namespace lookout::http::ui
