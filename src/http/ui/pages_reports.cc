// Reports: choose a period (a financial year or a quarter) and a region or the whole
// programme, and see the headline figures the impact report is built from: people reached
// by group (with "approximately" where an estimate is part of a total) and tasks
// delivered. The downloadable report formats come with the impact report itself.
#include <algorithm>
#include <map>

#include "app/records/policy.h"
#include "app/reports/produce_report.h"
#include "app/reports/publish.h"
#include "domain/rules.h"
#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"
#include "http/ui/period_locks.h"
#include "http/ui/period_choice.h"
#include "report/format.h"
#include "report/render.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

// Staff who produce reports; funders read the published ones and administrators hold no
// programme content.
Status MayProduceReports(const PageRequest& page) {
  if (page.Role() == "admin" || page.Role() == "funder") {
    return Status(ErrorCode::kForbidden,
                  page.Role() == "funder" ? "Funders see the programme dashboard on the home page; "
                                            "reports are published to you when they are approved."
                                          : "Reports are for the programme's staff.");
  }
  return Status::Ok();
}

// Who published: a staff member's name, or the command line's user.
std::string PublishedBy(Names& names, const std::string& actor) {
  if (actor.rfind("staff:", 0) == 0) return names.Of("staff", actor.substr(6));
  if (actor.rfind("cli:", 0) == 0) return actor.substr(4) + " (command line)";
  return actor;
}

// "Published on 3 May 2026 by Helen Marsh".
std::string PublishedOnBy(Names& names, const app::PeriodLock& lock) {
  return "Published on " + LongDate(lock.published_at.substr(0, 10)) + " by " +
         PublishedBy(names, lock.published_by);
}

// The reports page's part on publishing, for the period and region shown: the report of
// exactly that period and scope when it is published and locked ("published", with the
// unlock form for managers), and the other locks that hold records of the period
// ("other_locks": a year's lock while a quarter is shown, a region's while the whole
// programme is).
Result<json> PublishedState(PageRequest& page, const domain::Period& period, const std::string& first,
                            const std::string& last, const std::string& region,
                            const std::string& unlock_reason, const FormErrors& unlock_errors) {
  LOOKOUT_ASSIGN_OR_RETURN(std::vector<app::PeriodLock> locks,
                           app::LockedPeriods(page.env->services, page.actor));
  Names names(page.env->services, app::Actor::System());
  json published = false;
  json others = json::array();
  for (const app::PeriodLock& lock : locks) {
    if (lock.last < first || lock.first > last) continue;
    if (!lock.region.empty() && !region.empty() && lock.region != region) continue;
    const std::string region_name = lock.region.empty() ? "" : names.Of("region", lock.region);
    if (lock.period == period.ToString() && lock.region == region) {
      auto report = page.env->services.Get(page.actor, domain::PublishedReportEntity(), lock.report);
      if (!report.ok()) return report.TakeStatus();
      published = {{"id", lock.report},
                   {"version", PlainText(report->Get("version"))},
                   {"report_title", lock.title},
                   {"said", PublishedOnBy(names, lock) + "; the period is locked."},
                   {"span", LockedSpan(lock, region_name)},
                   {"reason", unlock_reason},
                   {"reason_error", unlock_errors.empty() ? json(false)
                                                          : json(unlock_errors.list().front().message)}};
    } else {
      others.push_back({{"id", lock.report},
                        {"report_title", lock.title},
                        {"said", PublishedOnBy(names, lock) + ": its records of " +
                                     LockedSpan(lock, region_name) + " are locked."}});
    }
  }
  return json{{"published", published}, {"other_locks", others}, {"has_other_locks", !others.empty()}};
}

// The reports page: the headline figures of a period and region, the impact report to
// download, and (for managers) publishing it. `problems` are the claim check's findings
// after a refused publication.
Result<Response> ReportsPage(PageRequest& page, const std::string& period_asked,
                             const std::string& region_asked, std::vector<FieldError> problems,
                             const std::string& unlock_reason = "",
                             const FormErrors& unlock_errors = {}) {
  LOOKOUT_RETURN_IF_ERROR(MayProduceReports(page));
  LOOKOUT_ASSIGN_OR_RETURN(auto month, page.env->services.FinancialYearStartMonth());
  const domain::Period current = domain::Period::YearOf(page.env->services.clock().Today(), month);
  std::string period_text = period_asked;
  if (period_text.empty()) period_text = current.ToString();
  std::optional<domain::Period> period = domain::Period::Parse(period_text);
  std::vector<FieldError> errors;
  if (!period) {
    errors.push_back({"period", "Choose a financial year or a quarter, written 2025-26 or 2025-26 Q3"});
    period = current;
  }
  Names reference(page.env->services, app::Actor::System());
  const std::string& region = region_asked;
  json periods = PeriodOptions(month, page.env->services.clock().Today(), period->ToString());
  for (json& p : periods) p["selected"] = p["value"] == period->ToString();
  json regions = json::array({{{"value", ""}, {"text", "The whole programme"}, {"selected", region.empty()}}});
  for (json o : reference.Options("region")) {
    o["selected"] = o["value"].get<std::string>() == region;
    regions.push_back(std::move(o));
  }
  const std::string first = period->First(month).ToString();
  const std::string last = period->Last(month).ToString();
  auto reach = page.env->services.Reach(page.actor, {first, last, region});
  if (!reach.ok()) {
    if (reach.status().code() != ErrorCode::kValidation) return reach.status();
    for (const FieldError& e : reach.status().fields()) errors.push_back(e);
    reach = std::vector<store::ReachRow>{};
  }
  std::map<std::string, std::pair<int64_t, bool>> groups;
  std::map<std::string, std::pair<int64_t, bool>> sectors;
  for (const store::ReachRow& r : *reach) {
    auto& g = groups[r.group];
    g.first += r.count;
    g.second = g.second || r.any_estimated;
    if (r.group == "professionals") {
      auto& s = sectors[r.sector];
      s.first += r.count;
      s.second = s.second || r.any_estimated;
    }
  }
  auto figure = [](const std::pair<int64_t, bool>& v) {
    return (v.second ? "approximately " : "") + report::Thousands(v.first);
  };
  json reached = json::array();
  for (const domain::Term& t : domain::FindVocabulary("audience_group")->terms) {
    reached.push_back({{"group", t.label}, {"count", figure(groups[t.code])}});
  }
  json by_sector = json::array();
  for (const auto& [sector, v] : sectors) {
    by_sector.push_back({{"sector", reference.Of("sector", sector)}, {"count", figure(v)}});
  }
  LOOKOUT_ASSIGN_OR_RETURN(auto delivered,
                           page.env->services.TasksDelivered(page.actor, first, last, region));
  json formats = json::array();
  for (const auto& [value, text] : std::vector<std::pair<std::string, std::string>>{
           {"pdf", "PDF, ready to print and share"},
           {"html", "Web page, with every figure linked to its records"},
           {"xlsx", "Spreadsheet (XLSX), one sheet per table"},
           {"md", "Markdown text"},
           {"json", "JSON, every figure with its definition"}}) {
    formats.push_back({{"value", value}, {"text", text}, {"checked", value == "pdf"}});
  }
  json view = {
      {"periods", periods},
      {"regions", regions},
      {"scope",
       (region.empty() ? std::string("the whole programme") : reference.Of("region", region)) +
           ", " + period->ToString() + " (" + LongDate(first) + " to " + LongDate(last) + ")"},
      {"reached", reached},
      {"by_sector", by_sector},
      {"has_sectors", !by_sector.empty()},
      {"delivered", report::Thousands(delivered.tasks)},
      {"partners", report::Thousands(delivered.partners)},
      {"period", period->ToString()},
      {"year", domain::Period{period->start_year, 0}.ToString()},
      {"region", region},
      {"formats", formats}};
  view["can_publish"] = app::policy::AuthorizePublish(page.actor).ok();
  view["publish_href"] = PathWithQuery("/reports/publish", {{"period", period->ToString()}, {"region", region}});
  if (auto state = PublishedState(page, *period, first, last, region, unlock_reason, unlock_errors); !state.ok()) {
    return state.status();
  } else {
    view.update(*state);
  }
  for (const FieldError& e : unlock_errors.list()) errors.push_back({"reason", e.message});
  json claims = json::array();
  for (FieldError& e : problems) {
    claims.push_back(e.message);
    errors.push_back(std::move(e));
  }
  view["claims"] = claims;
  view["has_claims"] = !claims.empty();
  if (!errors.empty()) view["error_summary"] = ErrorSummaryView(errors);
  const int status = !unlock_errors.empty() ? unlock_errors.HttpStatus() : (errors.empty() ? 200 : 422);
  return RenderPage(page, "Reports", "reports", std::move(view), status);
}

// "Activities", "Tasks delivered", "Survey responses": a kind of record a lock holds.
std::string LockedKindLabel(const domain::EntityDef& entity) {
  if (entity.name == "task") return "Tasks delivered";
  std::string label = entity.plural;
  std::replace(label.begin(), label.end(), '-', ' ');
  if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

// The page that asks a manager to confirm publishing the report of `period` and
// `region`: what will be locked (the period's dates, how many records of each kind become
// read-only), who will see it, and what cannot be undone; with the claim check's findings,
// or the report already published, instead of the button. `errors` are a refused
// publication's, shown in the error summary.
Result<Response> PublishConfirmPage(PageRequest& page, const std::string& period,
                                    const std::string& region, const FormErrors& errors,
                                    int status) {
  LOOKOUT_RETURN_IF_ERROR(MayProduceReports(page));
  LOOKOUT_RETURN_IF_ERROR(app::policy::AuthorizePublish(page.actor));
  LOOKOUT_ASSIGN_OR_RETURN(auto preview,
                           app::PreviewPublication(page.env->services, page.actor,
                                                   {period, region, 5, PublicBaseUrl(page)}));
  Names names(page.env->services, app::Actor::System());
  const std::string scope = region.empty() ? std::string("the whole programme") : names.Of("region", region);
  json kinds = json::array();
  int64_t total = 0;
  for (const app::PublicationPreview::Locked& k : preview.locked) {
    kinds.push_back({{"kind", LockedKindLabel(*domain::FindEntity(k.entity))},
                     {"count", report::Thousands(k.count)}});
    total += k.count;
  }
  json published = false;
  if (preview.published) {
    published = {{"id", preview.published->report},
                 {"said", PublishedOnBy(names, *preview.published) + "; the period is locked."}};
  }
  const bool may_publish = preview.problems.empty() && !preview.published;
  json view = {
      {"report_title", preview.title},
      {"period", preview.period},
      {"region", region},
      {"scope", scope},
      {"span", LongDate(preview.first) + " to " + LongDate(preview.last)},
      {"kinds", kinds},
      {"total", report::Thousands(total)},
      {"funders", preview.funders == 1 ? std::string("1 funder's account")
                                       : report::Thousands(preview.funders) + " funders' accounts"},
      {"problems", preview.problems},
      {"has_problems", !preview.problems.empty()},
      {"published", published},
      {"may_publish", may_publish},
      {"back", PathWithQuery("/reports", {{"period", preview.period}, {"region", region}})}};
  if (!errors.empty()) view["error_summary"] = errors.Summary("claims");
  return RenderPage(page, "Publish the " + preview.title + "?", "publish_confirm", std::move(view),
                    status);
}

// A published report's page: what it is, its files, and (for managers) the unlock form.
Response PublishedPage(PageRequest& page, const Record& report, const std::string& reason,
                       const std::string& reason_error, int status) {
  Names names(page.env->services, app::Actor::System());
  const int64_t id = report.Id();
  json files = json::array();
  for (const auto& [format, text] : std::vector<std::pair<std::string, std::string>>{
           {"pdf", "PDF, ready to print and share"},
           {"html", "Web page"},
           {"xlsx", "Spreadsheet (XLSX), one sheet per table"},
           {"md", "Markdown text"},
           {"json", "JSON, every figure with its definition"}}) {
    files.push_back({{"id", id}, {"format", format}, {"text", text}});
  }
  const bool locked = report.Get("locked") == Value(true);
  const int64_t threshold = report.Get("threshold").is_int() ? report.Get("threshold").as_int() : 5;
  json view = {{"id", id},
               {"version", PlainText(report.Get("version"))},
               {"period", PlainText(report.Get("period"))},
               {"scope", report.Get("region").is_null() ? std::string("The whole programme")
                                                        : names.Of("region", PlainText(report.Get("region")))},
               // Funders read the report, not who on the staff published or unlocked it.
               {"published", LongDate(PlainText(report.Get("created_at")).substr(0, 10)) +
                                 (page.Role() == "funder"
                                      ? std::string()
                                      : ", by " + PublishedBy(names, PlainText(report.Get("created_by"))))},
               {"below", std::to_string(threshold - 1)},
               {"inputs_hash", PlainText(report.Get("inputs_hash"))},
               {"locked", locked},
               {"unlock_reason", page.Role() == "funder" ? std::string("the records may change again")
                                                         : PlainText(report.Get("unlock_reason"))},
               {"files", files},
               {"can_unlock", locked && app::policy::AuthorizePublish(page.actor).ok()},
               {"reason", reason},
               {"reason_error", reason_error.empty() ? json(false) : json(reason_error)}};
  if (!reason_error.empty()) view["error_summary"] = ErrorSummaryView({{"reason", reason_error}});
  return RenderPage(page, PlainText(report.Get("title")), "published_report", std::move(view), status);
}

}  // namespace

void AddReportPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/reports", "The headline figures of a period, by region or national.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            return ReportsPage(page, page.Query("period"), page.Query("region"), {});
          });

  AddPage(router, env, "GET", "/reports/impact",
          "The impact report of a period, national or for a region, in a format to download.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(MayProduceReports(page));
            app::ImpactReportRequest request{page.Query("period"), page.Query("region"), 5, PublicBaseUrl(page)};
            const std::string format = page.Query("format").empty() ? "html" : page.Query("format");
            LOOKOUT_ASSIGN_OR_RETURN(
                auto produced, app::ProduceReport(page.env->services, page.actor,
                                                  {app::ReportKind::kImpact, request, format}));
            report::RenderedReport& rendered = produced.rendered;
            Response r;
            r.content_type = rendered.content_type;
            const std::string file = report::ReportFileName(produced.doc, rendered.extension);
            if (format == "html") {
              // Read in the browser, its figures' links open the records; its styles are
              // its own, so it gets a policy of its own.
              r.SetHeader("Content-Security-Policy", report::ReportHtmlContentSecurityPolicy());
              r.SetHeader("Content-Disposition", "inline; filename=\"" + file + "\"");
            } else {
              r.SetHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
            }
            r.SetHeader("Cache-Control", "no-store");
            r.body = std::move(rendered.bytes);
            return r;
          });

  AddPage(router, env, "GET", "/reports/quarterly",
          "The funder's quarterly return of a financial year, as CSV or XLSX.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(MayProduceReports(page));
            const std::string format = page.Query("format").empty() ? "csv" : page.Query("format");
            if (format != "csv" && format != "xlsx") {
              return Status::Validation({{"format", "must be csv or xlsx"}},
                                        "The quarterly return is a CSV or XLSX file.");
            }
            app::ReportOrder order;
            order.kind = app::ReportKind::kQuarterly;
            order.request.period = page.Query("period");
            order.format = format;
            LOOKOUT_ASSIGN_OR_RETURN(auto produced,
                                     app::ProduceReport(page.env->services, page.actor, order));
            report::RenderedReport& rendered = produced.rendered;
            Response r;
            r.content_type = rendered.content_type;
            r.SetHeader("Content-Disposition",
                        "attachment; filename=\"" +
                            report::ReportFileName(produced.doc, rendered.extension) + "\"");
            r.SetHeader("Cache-Control", "no-store");
            r.body = std::move(rendered.bytes);
            return r;
          });

  AddPage(router, env, "GET", "/reports/publish",
          "Asks a manager to confirm publishing a period's impact report: what it locks, who sees it.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            return PublishConfirmPage(page, page.Query("period"), page.Query("region"), FormErrors{}, 200);
          });

  AddPage(router, env, "POST", "/reports/publish",
          "Publish the impact report of a period and region: freeze it and lock its records.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            const std::string period = page.form.Get("period");
            const std::string region = page.form.Get("region");
            // Only the confirmation page's form publishes; any other asks first.
            if (page.form.Get("confirmed") != "yes") {
              return PublishConfirmPage(page, period, region, FormErrors{}, 200);
            }
            auto published = app::PublishImpactReport(page.env->services, page.actor,
                                                      {period, region, 5, PublicBaseUrl(page)});
            if (!published.ok()) {
              // Every refusal (the claim check, a period locked since, a permission, a busy
              // database) is said on the confirmation page, in its error summary.
              // (The claim check's findings are listed on the page itself.)
              const Status& refusal = published.status();
              FormErrors errors;
              const Status said = refusal.code() == ErrorCode::kValidation
                                      ? Status::Validation({}, refusal.message())
                                      : refusal;
              if (!errors.Take(said, nullptr, "")) return refusal;
              return PublishConfirmPage(page, period, region, errors, errors.HttpStatus());
            }
            return RedirectWithNotice(page, "/reports/published/" + std::to_string(published->Id()),
                                      "\"" + PlainText(published->Get("title")) +
                                          "\" is published, and its period's records are locked.");
          });

  AddPage(router, env, "GET", "/reports/published", "The reports managers have published.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            ListRequest list = ReadListRequest(page, {});
            LOOKOUT_ASSIGN_OR_RETURN(auto found,
                                     ListForPage(page, domain::PublishedReportEntity(), list));
            json rows = json::array();
            for (const Record& r : found.items) {
              rows.push_back({{"id", r.Id()},
                              {"report_title", PlainText(r.Get("title"))},
                              {"published", LongDate(PlainText(r.Get("created_at")).substr(0, 10))},
                              {"locked", r.Get("locked") == Value(true)}});
            }
            json view = {{"rows", rows}, {"has_rows", !rows.empty()}};
            return RenderListPage(page, "Published reports", "published_list", std::move(view),
                                  list, found.total);
          });

  AddPage(router, env, "GET", "/reports/published/{id}",
          "One published report, to read, download or unlock.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto report,
                                     RecordOfPath(page, domain::PublishedReportEntity()));
            return PublishedPage(page, report, "", "", 200);
          });

  AddPage(router, env, "GET", "/reports/published/{id}/file",
          "A published report's file, as it was published.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            int64_t id = 0;
            if (!ParseId(page.params.Get("id"), &id)) {
              return Status(ErrorCode::kNotFound, "There is no such published report.");
            }
            LOOKOUT_ASSIGN_OR_RETURN(
                auto file, app::PublishedReportFile(
                               page.env->services, page.actor, id,
                               page.Query("format").empty() ? "pdf" : page.Query("format")));
            Response r;
            r.content_type = file.content_type;
            if (file.format == "html") {
              r.SetHeader("Content-Security-Policy", report::ReportHtmlContentSecurityPolicy());
              r.SetHeader("Content-Disposition", "inline; filename=\"" + file.file_name + "\"");
            } else {
              r.SetHeader("Content-Disposition", "attachment; filename=\"" + file.file_name + "\"");
            }
            // The bytes never change: the same file every time, identified by its hash.
            r.SetHeader("ETag", "\"" + file.sha256 + "\"");
            r.SetHeader("Cache-Control", "private, max-age=0, must-revalidate");
            r.body = std::move(file.bytes);
            return r;
          });

  AddPage(router, env, "POST", "/reports/published/{id}/unlock",
          "Unlock the period of a published report, with a reason.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto report,
                                     RecordOfPath(page, domain::PublishedReportEntity()));
            // The form is on the published report's page and, for the report of the period
            // shown, on the reports page, which it returns to.
            const bool from_reports = page.form.Get("return_to") == "reports";
            const std::string period = PlainText(report.Get("period"));
            const std::string region = PlainText(report.Get("region"));
            const std::string reason = page.form.Get("reason");
            auto refused = [&](const FormErrors& errors) {
              return from_reports
                         ? ReportsPage(page, period, region, {}, reason, errors)
                         : PublishedPage(page, report, reason, errors.list().front().message,
                                         errors.HttpStatus());
            };
            int64_t version = 0;
            if (!ParseId(page.form.Get("version"), &version)) {
              FormErrors errors;
              errors.Take(Status::BadRequest("The form has no version: reload the page and try again."),
                          nullptr, "reason");
              return refused(errors);
            }
            auto unlocked = app::UnlockPublishedReport(page.env->services, page.actor, report.Id(),
                                                       version, reason);
            if (!unlocked.ok()) {
              // Every refusal keeps the reason typed, with why beside it.
              FormErrors errors;
              if (unlocked.status().code() == ErrorCode::kValidation) {
                const auto& fields = unlocked.status().fields();
                std::string why = reason.empty() || fields.empty() ? "say why the period's records must change"
                                                                   : fields.front().message;
                why[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(why[0])));
                errors.Add("reason", why);
              } else if (!errors.Take(unlocked.status(), nullptr, "reason")) {
                return unlocked.status();
              }
              errors.Move("", "reason");
              return refused(errors);
            }
            const std::string notice = "The period of \"" + PlainText(report.Get("title")) +
                                       "\" is unlocked: its records can change again.";
            if (from_reports) {
              return RedirectWithNotice(page, PathWithQuery("/reports", {{"period", period}, {"region", region}}),
                                        notice);
            }
            return RedirectWithNotice(page, "/reports/published/" + std::to_string(report.Id()),
                                      notice);
          });
}

}  // namespace lookout::http::ui
