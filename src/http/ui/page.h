// The frame every web page shares: who is asking (the session cookie), the form a POST
// carries and its CSRF token, the layout around each page, redirects and error pages.
//
// Pages use the same session as the JSON API (the `lookout_session` cookie) and call the
// same use cases in app/, whose policy decides what each role may see and do; a page
// only decides what to offer. Every POST form carries the session's CSRF token in a
// hidden field `csrf_token`; a POST without the right one is refused with 403 before its
// handler runs. A signed-out visitor asking for a page is sent to /sign-in (and back to
// the page afterwards); while a password must be changed, every page but the password
// page and signing out sends the user to /account/password.
#ifndef LOOKOUT_HTTP_UI_PAGE_H_
#define LOOKOUT_HTTP_UI_PAGE_H_

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/accounts/accounts.h"
#include "app/records/services.h"
#include "core/status.h"
#include "domain/schema.h"
#include "http/router.h"
#include "http/server.h"
#include "report/format.h"

namespace lookout::http::ui {

// A file sent with a form (multipart/form-data).
struct Upload {
  std::string field;         // the form field's name
  std::string filename;      // as the browser gave it (the name only, never a path)
  std::string content_type;  // as the browser gave it; "" when it gave none
  std::string data;          // the file's bytes
};

// The fields of a form, decoded, in order, repeats kept (a group of checkboxes sends one
// field per box ticked): application/x-www-form-urlencoded, or multipart/form-data (a
// form with a file), whose files are kept apart. Lookout reads multipart/form-data itself
// (RFC 7578): no packaged library of Debian 12 does, and Beast only frames the body.
class Form {
 public:
  // kBadRequest when the body does not follow its content type or a field is not UTF-8;
  // kUnsupportedMediaType when the request says it is something else.
  static Result<Form> Parse(const Request& request);

  std::string Get(std::string_view name) const;  // the first value, "" when absent
  std::vector<std::string> All(std::string_view name) const;
  bool Has(std::string_view name) const;
  // The file sent in field `name`, or null when none was chosen.
  const Upload* File(std::string_view name) const;

 private:
  Status ParseMultipart(const std::string& body, std::string_view boundary);

  std::vector<std::pair<std::string, std::string>> fields_;
  std::vector<Upload> files_;
};

struct PageEnv;

// What a page handler gets.
struct PageRequest {
  const PageEnv* env;
  const Request& http;
  const PathParams& params;
  const app::Authenticated* who;  // null on an open page nobody is signed in on
  Form form;                      // a POST's fields; empty for GET
  app::Actor actor;               // who->actor, or anonymous

  std::string Query(std::string_view name) const;  // "" when absent
  const std::string& Role() const { return actor.role; }
};

enum class PageAccess {
  kOpen,                     // anyone (signing in)
  kSignedIn,                 // a signed-in staff member whose password needs no change
  kWhilePasswordMustChange,  // signed in, even while the password must be changed
};

// A page's handler: the page, or the failed Status of a use case, which the page guard
// shows with ErrorPage (the one place a page's error becomes its answer), so that a
// handler passes an error on with LOOKOUT_RETURN_IF_ERROR or LOOKOUT_ASSIGN_OR_RETURN.
using PageHandler = std::function<Result<Response>(PageRequest&)>;

// What the pages are served with.
struct PageEnv {
  app::Services& services;
  app::Accounts& accounts;
  std::string version;
  std::string public_url;  // UiOptions::public_url
};

using PageEnvPtr = std::shared_ptr<PageEnv>;

// Adds a page route behind the page guard described above.
void AddPage(Router& router, const PageEnvPtr& env, std::string method, std::string path,
             std::string summary, PageAccess access, PageHandler handler);

// A complete HTML page: `body_template` rendered over `view`, inside the layout (header,
// the role's navigation, who is signed in, sign-out button, footer). `title` is the
// page's h1 and the start of its <title>.
Response RenderPage(const PageRequest& page, const std::string& title,
                    std::string_view body_template, nlohmann::json view, int status = 200);

// Whether the actor may create records of `entity` at all (the policy's entity-level
// rule), for pages that offer a form to create one: kForbidden (or kUnauthenticated)
// otherwise, to be shown with ErrorPage.
Status MayCreate(const PageRequest& page, const domain::EntityDef& entity);
// Whether the actor may change `record` (as stored) at all: the policy's rules for the kind
// and for this record (an officer's region, say), for pages that offer a change or archive
// form. kForbidden (or kUnauthenticated) otherwise; problems the record itself has are not
// this question's, and are OK here.
Status MayChange(const PageRequest& page, const domain::EntityDef& entity, const Record& record);

// The base of the links in a file the person downloads or publishes: the public-url
// setting, else the address the request came by (its Host, or X-Forwarded-Host, which
// reaches a handler only from a trusted proxy, with https when the request was secure);
// "" when that is not a plain host and port.
std::string PublicBaseUrl(const PageRequest& page);

// 303 See Other to `location` (a path of Lookout's).
Response Redirect(const std::string& location);

// The redirect that ends a successful form (Post/Redirect/Get): 303 to `location`,
// carrying `notice` ('Activity "Hotel staff briefing, Derby" saved.') in a short-lived
// cookie. The next page RenderPage renders shows it as the GOV.UK success notification
// banner and clears the cookie, so a reload does not show it again.
Response RedirectWithNotice(const PageRequest& page, const std::string& location,
                            const std::string& notice);

// The page for an error a use case answered: 403 "you cannot see this", 404 "page not
// found", 409, 422 (a bad link), 5xx with the request id only (the detail is logged).
Response ErrorPage(const PageRequest& page, const Status& status);

// The GOV.UK error summary's view for `errors`: {"title", "items": [{"text", "href"}]}
// with href "#field-NAME" (NAME as in the FieldError; "." and "[" "]" become "-").
nlohmann::json ErrorSummaryView(const std::vector<FieldError>& errors);
// The id a form control of field `name` carries, matching ErrorSummaryView's links.
std::string FieldId(std::string_view name);

// A path with a query string made from `params` (values percent-encoded; empty values
// left out): the one the report's provenance links use too.
using report::PathWithQuery;

// "14 April 2025" for "2025-04-14"; the text itself when it is not a date.
std::string LongDate(std::string_view iso_date);

// What a password change or reset did to API tokens, for the sentence that says so:
// "2 API tokens were revoked", "1 API token was revoked", "there were no API tokens to
// revoke".
std::string TokensRevokedPhrase(int64_t revoked);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_PAGE_H_
