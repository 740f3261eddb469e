#include "http/ui/page.h"

#include <boost/url/parse.hpp>

#include "app/accounts/passwords.h"
#include "app/records/policy.h"
#include "core/time.h"
#include "domain/rules.h"
#include "http/api/routes.h"
#include "http/ui/display.h"
#include "http/ui/templates.h"
#include "report/format.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

bool IsFormContentType(const std::string& type) {
  const std::string_view kForm = "application/x-www-form-urlencoded";
  if (type.size() < kForm.size()) return false;
  for (size_t i = 0; i < kForm.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != kForm[i]) return false;
  }
  return type.size() == kForm.size() || type[kForm.size()] == ';' || type[kForm.size()] == ' ';
}

// The value of parameter `name` in a header value such as
// `form-data; name="file"; filename="a.csv"` (quoted or not), or nullopt.
std::optional<std::string> HeaderParameter(std::string_view value, std::string_view name) {
  size_t pos = 0;
  while ((pos = value.find(';', pos)) != std::string_view::npos) {
    ++pos;
    while (pos < value.size() && value[pos] == ' ') ++pos;
    const size_t eq = value.find('=', pos);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string key(value.substr(pos, eq - pos));
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t start = eq + 1;
    std::string out;
    if (start < value.size() && value[start] == '"') {
      size_t i = start + 1;
      for (; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        out += value[i];
      }
      pos = i;
    } else {
      size_t end = value.find(';', start);
      if (end == std::string_view::npos) end = value.size();
      out = std::string(value.substr(start, end - start));
      while (!out.empty() && out.back() == ' ') out.pop_back();
      pos = end;
    }
    if (key == name) return out;
  }
  return std::nullopt;
}

// The boundary of a multipart/form-data content type, or nullopt for another type.
std::optional<std::string> MultipartBoundary(const std::string& type) {
  const std::string_view kMultipart = "multipart/form-data";
  if (type.size() < kMultipart.size()) return std::nullopt;
  for (size_t i = 0; i < kMultipart.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != kMultipart[i]) return std::nullopt;
  }
  std::optional<std::string> boundary = HeaderParameter(type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 200) return std::string();
  return boundary;
}

// The navigation of a role: only pages that role can use.
// `surveys`: whether the person works on surveys (may add them), for whom Surveys is an
// item of its own.
json Navigation(const std::string& role, const std::string& path, bool surveys) {
  struct Item {
    const char* label;
    const char* href;
  };
  std::vector<Item> items = {{"Home", "/"}};
  if (role == "manager" || role == "officer" || role == "analyst") {
    items.push_back({"Insight", "/insight"});
    items.push_back({"Tasks", "/tasks"});
    items.push_back({"Activities", "/activities"});
    items.push_back({"Partners", "/partners"});
    items.push_back({"Campaigns", "/campaigns"});
    items.push_back({"Evaluation", "/evaluation"});
    items.push_back({"Reports", "/reports"});
  }
  if (surveys) items.push_back({"Surveys", "/surveys"});
  if (role == "manager") {
    items.push_back({"Tasking", "/tasking"});
  }
  if (role == "funder") {
    items.push_back({"Published reports", "/reports/published"});
  }
  if (role == "admin") {
    items.push_back({"Users", "/admin/users"});
    items.push_back({"Staff", "/admin/staff"});
    items.push_back({"Reference data", "/admin"});
    items.push_back({"Audit trail", "/admin/audit"});
  }
  // The current item is the one whose path the page's path starts with, the longest such
  // (so /admin/staff is Staff, not Reference data at /admin). The evaluation pages (surveys,
  // outcomes, quotes...) count as Evaluation.
  static const char* kEvaluation[] = {"/surveys", "/outcomes", "/indicators", "/quotes",
                                      "/case-studies", "/outcome-events", "/survey-questions"};
  std::string section = path;
  // With an item of their own, the surveys' pages (their questions' too) are Surveys.
  for (const char* prefix : kEvaluation) {
    if (path == prefix || path.rfind(std::string(prefix) + "/", 0) == 0) {
      const bool survey_page = std::string(prefix).find("survey") != std::string::npos;
      section = surveys && survey_page ? "/surveys" : "/evaluation";
    }
  }
  size_t best = 0;
  std::string current_href;
  for (const Item& item : items) {
    const std::string href = item.href;
    const bool match = href == "/" ? section == "/"
                                   : section == href || section.rfind(href + "/", 0) == 0;
    if (match && href.size() > best) {
      best = href.size();
      current_href = href;
    }
  }
  json nav = json::array();
  for (const Item& item : items) {
    nav.push_back({{"label", item.label}, {"href", item.href}, {"current", current_href == item.href}});
  }
  return nav;
}


Response HtmlResponse(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

// The cookie that carries a success notice across a redirect.
constexpr std::string_view kNoticeCookie = "lookout_notice";

std::string NoticeCookie(const std::string& value, bool secure, bool clear) {
  return std::string(kNoticeCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" +
         (secure ? "; Secure" : "") + (clear ? "; Max-Age=0" : "; Max-Age=120");
}

// The notice in the request's cookie, or "" when there is none or it is not well formed.
std::string NoticeOf(const Request& request) {
  const std::optional<std::string> raw = request.Cookie(kNoticeCookie);
  if (!raw || raw->empty() || raw->size() > 3000) return "";
  std::string out;
  for (size_t i = 0; i < raw->size(); ++i) {
    if ((*raw)[i] != '%') {
      out += (*raw)[i];
      continue;
    }
    if (i + 2 >= raw->size() || !std::isxdigit(static_cast<unsigned char>((*raw)[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>((*raw)[i + 2]))) {
      return "";
    }
    out += static_cast<char>(std::stoi(raw->substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return domain::IsWellFormedUtf8(out) ? out : "";
}

// A page for a request the guard refused before any handler ran.
Response Refusal(const PageRequest& page, int status, const std::string& title,
                 const std::string& message) {
  return RenderPage(page, title, "error", {{"message", message}}, status);
}

}  // namespace

// ---- Forms ----------------------------------------------------------------------------

Result<Form> Form::Parse(const Request& request) {
  Form form;
  if (request.body.empty()) return form;
  const std::string* type = request.Header("content-type");
  if (type != nullptr) {
    if (std::optional<std::string> boundary = MultipartBoundary(*type)) {
      if (boundary->empty()) {
        return Status::BadRequest("The form could not be read: it names no boundary between its parts.");
      }
      LOOKOUT_RETURN_IF_ERROR(form.ParseMultipart(request.body, *boundary));
      return form;
    }
  }
  if (type == nullptr || !IsFormContentType(*type)) {
    return Status(ErrorCode::kUnsupportedMediaType,
                  "Send the form as application/x-www-form-urlencoded or multipart/form-data.");
  }
  // The body has the syntax of a query string. The view refers to `target`, which must
  // outlive it.
  const std::string target = "/?" + request.body;
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return Status::BadRequest("The form could not be read: it is not form-encoded.");
  for (auto param : parsed->params()) {
    std::string name(param.key);
    std::string value(param.value);
    if (!domain::IsWellFormedUtf8(name) || !domain::IsWellFormedUtf8(value)) {
      return Status::BadRequest("The form holds text that is not UTF-8.");
    }
    form.fields_.emplace_back(std::move(name), std::move(value));
  }
  return form;
}

Status Form::ParseMultipart(const std::string& body, std::string_view boundary) {
  const Status broken = Status::BadRequest("The form could not be read: its parts are broken.");
  const std::string delimiter = "--" + std::string(boundary);
  size_t pos = body.find(delimiter);
  if (pos == std::string::npos) return broken;
  pos += delimiter.size();
  while (true) {
    if (body.compare(pos, 2, "--") == 0) return Status::Ok();  // the closing delimiter
    if (body.compare(pos, 2, "\r\n") != 0) return broken;
    pos += 2;
    const size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string::npos) return broken;
    std::string name;
    std::optional<std::string> filename;
    std::string content_type;
    for (size_t line = pos; line < headers_end;) {
      size_t eol = body.find("\r\n", line);
      if (eol == std::string::npos || eol > headers_end) eol = headers_end;
      const std::string header = body.substr(line, eol - line);
      const size_t colon = header.find(':');
      if (colon != std::string::npos) {
        std::string key = header.substr(0, colon);
        for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = header.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        if (key == "content-disposition") {
          name = HeaderParameter(value, "name").value_or("");
          filename = HeaderParameter(value, "filename");
        } else if (key == "content-type") {
          content_type = value;
        }
      }
      line = eol + 2;
    }
    const size_t data_start = headers_end + 4;
    const size_t data_end = body.find("\r\n" + delimiter, data_start);
    if (data_end == std::string::npos || name.empty()) return broken;
    std::string data = body.substr(data_start, data_end - data_start);
    if (!domain::IsWellFormedUtf8(name)) return Status::BadRequest("The form holds text that is not UTF-8.");
    if (filename) {
      // Some browsers send the path the file came from: only its name is of use.
      std::string base = *filename;
      if (const size_t slash = base.find_last_of("/\\"); slash != std::string::npos) {
        base = base.substr(slash + 1);
      }
      // A file input left empty sends a part with no name and no bytes.
      if (!base.empty() || !data.empty()) {
        files_.push_back({name, base, content_type, std::move(data)});
      }
    } else {
      if (!domain::IsWellFormedUtf8(data)) {
        return Status::BadRequest("The form holds text that is not UTF-8.");
      }
      fields_.emplace_back(std::move(name), std::move(data));
    }
    pos = data_end + 2 + delimiter.size();
  }
}

const Upload* Form::File(std::string_view name) const {
  for (const Upload& f : files_) {
    if (f.field == name) return &f;
  }
  return nullptr;
}

std::string Form::Get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return "";
}

std::vector<std::string> Form::All(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : fields_) {
    if (key == name) out.push_back(value);
  }
  return out;
}

bool Form::Has(std::string_view name) const {
  for (const auto& field : fields_) {
    if (field.first == name) return true;
  }
  return false;
}

std::string PageRequest::Query(std::string_view name) const {
  return http.Query(name).value_or("");
}

std::string PublicBaseUrl(const PageRequest& page) {
  if (!page.env->public_url.empty()) return page.env->public_url;
  const std::string* host = page.http.Header("X-Forwarded-Host");
  if (host == nullptr || host->empty()) host = page.http.Header("Host");
  if (host == nullptr) return "";
  // A proxy in front of a proxy lists every host: the first is the one the browser asked for.
  std::string name = host->substr(0, host->find(','));
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(0, 1);
  if (name.empty() || name.find_first_of("/?#\\") != std::string::npos) return "";
  const std::string url = (page.http.secure ? "https://" : "http://") + name;
  return report::PublicUrlProblem(url).empty() ? url : "";
}

// ---- The guard ------------------------------------------------------------------------

namespace {

// Resolves who is acting (into `who`), turns away who may not see the page, checks a
// form's CSRF token, and runs the handler.
Response GuardPage(PageEnv* e, PageAccess access, const PageHandler& handler,
                   const Request& request, const PathParams& params,
                   std::optional<app::Authenticated>& who) {
  if (std::string cookie = api::SessionCookieOf(request); !cookie.empty()) {
    auto resolved =
        e->accounts.ResolveSession(cookie, request.remote_address, request.request_id);
    if (resolved.ok()) {
      who = std::move(resolved).value();
    } else if (resolved.status().code() != ErrorCode::kUnauthenticated) {
      PageRequest page{e, request, params, nullptr, {},
                       app::Actor::Anonymous(request.remote_address, request.request_id)};
      return ErrorPage(page, resolved.status());
    }
  }
  PageRequest page{e, request, params, who ? &*who : nullptr, {},
                   who ? who->actor
                       : app::Actor::Anonymous(request.remote_address, request.request_id)};
  if (access != PageAccess::kOpen && !who) {
    Response r = Redirect(request.method == "GET"
                              ? PathWithQuery("/sign-in", {{"next", request.target}})
                              : "/sign-in");
    // A cookie that names no live session is of no more use to the browser.
    if (!api::SessionCookieOf(request).empty()) {
      r.SetHeader("Set-Cookie", api::ClearedSessionCookie(request.secure));
    }
    return r;
  }
  if (request.method == "POST") {
    auto form = Form::Parse(request);
    if (!form.ok()) return ErrorPage(page, form.status());
    page.form = std::move(form).value();
    // Signing in has no session yet: it must come from no other site's page (login
    // CSRF). Every other form proves it came from a page of Lookout with the session's
    // CSRF token.
    if (!who) {
      if (Status same = api::CheckSameOrigin(request); !same.ok()) {
        return Refusal(page, 403, "Sign in on Lookout's own page", same.message());
      }
    }
    if (who && (who->csrf_token.empty() ||
                !app::SecretsEqual(page.form.Get("csrf_token"), who->csrf_token))) {
      return Refusal(page, 403, "This form has expired",
                     "Lookout could not accept this form because it was not sent from a "
                     "page of your current session. Go back, reload the page and try "
                     "again.");
    }
  }
  if (who && who->must_change_password && access == PageAccess::kSignedIn) {
    return Redirect("/account/password");
  }
  Result<Response> answer = handler(page);
  if (!answer.ok()) return ErrorPage(page, answer.status());
  return std::move(answer).value();
}

}  // namespace

void AddPage(Router& router, const PageEnvPtr& env, std::string method, std::string path,
             std::string summary, PageAccess access, PageHandler handler) {
  auto guarded = [e = env, access, handler = std::move(handler)](const Request& request,
                                                                 const PathParams& params) {
    std::optional<app::Authenticated> who;
    Response response = GuardPage(e.get(), access, handler, request, params, who);
    if (who) response.user = who->actor.id;  // for the request log
    return response;
  };
  router.Add({std::move(method), std::move(path), std::move(summary), "", false,
              std::move(guarded)});
}

// ---- Rendering ------------------------------------------------------------------------

Response RenderPage(const PageRequest& page, const std::string& title,
                    std::string_view body_template, json view, int status) {
  view["title"] = title;
  if (page.who != nullptr) view["csrf_token"] = page.who->csrf_token;
  const bool has_errors = view.contains("error_summary") && !view["error_summary"].is_null();
  auto body = RenderTemplate(body_template, view);
  if (!body.ok()) {
    Response r = HtmlResponse(500, "");
    r.log_detail = body.status().message();
    // The layout alone still renders: the error page must not depend on the failed one.
    body = RenderTemplate("error", {{"title", "Sorry, there is a problem with Lookout"},
                                    {"message", "Try again later."},
                                    {"request_id", page.http.request_id}});
    if (!body.ok()) return r;
    status = 500;
  }
  json layout = {{"title", title},
                 {"body_html", *body},
                 {"error_prefix", has_errors},
                 {"page_template", std::string(body_template)},
                 {"version", page.env->version}};
  // A notice a form's redirect carried is shown once, on the first page after it.
  const bool had_notice = page.http.Cookie(kNoticeCookie).has_value();
  const std::string notice = had_notice ? NoticeOf(page.http) : "";
  layout["notice"] = notice.empty() ? json(false) : json(notice);
  if (page.who != nullptr) {
    layout["signed_in"] = true;
    layout["user_name"] = page.who->name;
    layout["role_label"] = TermLabel("role", page.actor.role);
    layout["csrf_token"] = page.who->csrf_token;
    if (!page.who->must_change_password) {
      layout["nav"] = Navigation(page.actor.role, page.http.path,
                                 MayCreate(page, *domain::FindEntity("survey")).ok());
      layout["has_nav"] = true;
    }
  }
  auto html = RenderTemplate("layout", layout);
  if (!html.ok()) {
    Response r = HtmlResponse(500, "<!doctype html><title>Lookout</title><p>Sorry, there is a "
                                   "problem with Lookout. Try again later.</p>");
    r.log_detail = html.status().message();
    return r;
  }
  Response r = HtmlResponse(status, std::move(html).value());
  if (had_notice) r.AddCookie(NoticeCookie("", page.http.secure, true));
  return r;
}

Status MayCreate(const PageRequest& page, const domain::EntityDef& entity) {
  return app::policy::Authorize(page.actor, app::policy::Operation::kCreate, entity);
}

Status MayChange(const PageRequest& page, const domain::EntityDef& entity, const Record& record) {
  const Value& version = record.Get("version");
  const Status checked = page.env->services.CheckUpdate(page.actor, entity, record.Id(),
                                                        version.is_int() ? version.as_int() : 0,
                                                        Record{});
  if (checked.code() == ErrorCode::kForbidden || checked.code() == ErrorCode::kUnauthenticated ||
      checked.code() == ErrorCode::kMethodNotAllowed) {
    return checked;
  }
  return Status::Ok();
}

Response Redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.content_type = "";
  r.SetHeader("Location", location);
  return r;
}

Response RedirectWithNotice(const PageRequest& page, const std::string& location,
                            const std::string& notice) {
  Response r = Redirect(location);
  r.AddCookie(NoticeCookie(report::PercentEncode(notice), page.http.secure, false));
  return r;
}

Response ErrorPage(const PageRequest& page, const Status& status) {
  const int code = ErrorCodeHttpStatus(status.code());
  std::string title;
  std::string message;
  switch (status.code()) {
    case ErrorCode::kUnauthenticated:
      return Redirect("/sign-in");
    case ErrorCode::kForbidden:
      title = "You cannot see this page";
      message = status.message() +
                " If you need it for your work, ask a manager to change your role or region.";
      break;
    case ErrorCode::kNotFound:
      title = "Page not found";
      message = status.message() + " It may have been archived, or the link may be wrong.";
      break;
    default:
      if (code >= 500) {
        title = code == 503 ? "Lookout is busy" : "Sorry, there is a problem with Lookout";
        message = code == 503 ? "The database did not answer. Try again in a minute."
                              : "Try again later. If it keeps happening, tell your "
                                "administrator and quote the reference below.";
      } else {
        title = "Lookout could not do that";
        message = status.message();
      }
  }
  json view = {{"message", message}};
  if (code >= 500) view["request_id"] = page.http.request_id;
  Response r = RenderPage(page, title, "error", view, code);
  if (code >= 500) r.log_detail = status.message();
  return r;
}

json ErrorSummaryView(const std::vector<FieldError>& errors) {
  json items = json::array();
  for (const FieldError& e : errors) {
    items.push_back({{"text", e.message}, {"href", "#" + FieldId(e.field)}});
  }
  return {{"items", items}};
}

std::string FieldId(std::string_view name) {
  std::string id = "field-";
  for (char c : name) {
    if (c == '.' || c == '[') {
      id += '-';
    } else if (c != ']') {
      id += c;
    }
  }
  return id;
}


std::string LongDate(std::string_view iso_date) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  std::optional<Date> d = Date::Parse(std::string(iso_date));
  if (!d) return std::string(iso_date);
  return std::to_string(d->day) + " " + kMonths[d->month - 1] + " " + std::to_string(d->year);
}

std::string TokensRevokedPhrase(int64_t revoked) {
  if (revoked == 0) return "there were no API tokens to revoke";
  if (revoked == 1) return "1 API token was revoked";
  return std::to_string(revoked) + " API tokens were revoked";
}

}  // namespace lookout::http::ui
