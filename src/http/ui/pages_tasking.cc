// The tasking meeting: the proposals awaiting a decision, each with the insight it answers
// and that insight's score, where a manager approves or rejects (with a reason) and
// assigns the lead; and the minutes of a meeting's decisions as a page and a CSV file.
#include <algorithm>

#include "app/records/policy.h"
#include "domain/rules.h"
#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"
#include "io/csv.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

Status ManagersOnly(const PageRequest& page) {
  return app::policy::AuthorizeTaskingDecision(page.actor);
}

// The insight a proposal answers, as the meeting sees it. Each item read is a
// consultation the use case records.
json InsightSummaries(PageRequest& page, const Record& task, Names& names) {
  json out = json::array();
  const Value& ids = task.Get("insights");
  if (!ids.is_list()) return out;
  const domain::EntityDef& e = domain::InsightEntity();
  for (const Value& id : ids.as_list()) {
    if (!id.is_int()) continue;
    auto item = page.env->services.Get(page.actor, e, id.as_int());
    if (!item.ok()) {
      out.push_back({{"id", id.as_int()}, {"unreadable", true}});
      continue;
    }
    const std::string summary = Shortened(PlainText(item->Get("summary")), 200);
    out.push_back({{"id", id.as_int()},
                   {"source", DisplayValue(*e.Find("source_type"), *item, names)},
                   {"region", DisplayValue(*e.Find("region"), *item, names)},
                   {"score", PlainText(item->Get("risk_score"))},
                   {"confidence", DisplayValue(*e.Find("confidence"), *item, names)},
                   {"conditions", item->Get("grade_handling") == Value("C")},
                   {"summary", summary},
                   {"unreadable", false}});
  }
  return out;
}

// The meeting's page; `errors` are those of the decision on proposal `failed_id` that was
// refused, shown beside its form with everything chosen and typed kept.
Result<Response> MeetingPage(PageRequest& page, int64_t failed_id, const FormErrors& errors,
                             int status) {
  LOOKOUT_RETURN_IF_ERROR(ManagersOnly(page));
  Names names(page.env->services, page.actor);
  LOOKOUT_ASSIGN_OR_RETURN(
      auto proposals,
      page.env->services.List(page.actor, domain::TaskEntity(),
                              {{"status", "proposed"}, {"sort", "due_on"}, {"limit", "100"}}));
  const json leads = names.Choices("staff");
  const domain::EntityDef& t = domain::TaskEntity();
  json items = json::array();
  for (const Record& r : proposals.items) {
    const bool failed = r.Id() == failed_id;
    const std::string lead = failed ? page.form.Get("lead") : PlainText(r.Get("lead"));
    json lead_options = json::array();
    for (json o : leads) {
      o["selected"] = o["value"].get<std::string>() == lead;
      lead_options.push_back(std::move(o));
    }
    json item = {{"id", r.Id()},
                 {"version", PlainText(r.Get("version"))},
                 {"reference", PlainText(r.Get("reference"))},
                 {"task_title", PlainText(r.Get("title"))},
                 {"description", PlainText(r.Get("description"))},
                 {"regions", DisplayValue(*t.Find("regions"), r, names)},
                 {"themes", DisplayValue(*t.Find("themes"), r, names)},
                 {"priority", DisplayValue(*t.Find("priority"), r, names)},
                 {"due", DisplayValue(*t.Find("due_on"), r, names)},
                 {"insights", InsightSummaries(page, r, names)},
                 {"lead_options", lead_options},
                 {"approve", failed && page.form.Get("decision") == "approved"},
                 {"reject", failed && page.form.Get("decision") == "rejected"},
                 {"changes", failed && page.form.Get("decision") == "changes"},
                 {"changes_asked", PlainText(r.Get("changes_asked"))},
                 {"reason", failed ? page.form.Get("reason") : ""},
                 {"decision_error", false},
                 {"lead_error", false},
                 {"reason_error", false}};
    item["has_insights"] = !item["insights"].empty();
    if (failed) {
      for (const FieldError& e : errors.list()) {
        const std::string key = e.field == "lead" || e.field == "reason" ? e.field + "_error" : "decision_error";
        if (item[key] == false) item[key] = e.message;
      }
    }
    items.push_back(std::move(item));
  }
  json view = {{"proposals", items},
               {"none", items.empty()},
               {"total", proposals.total},
               {"today", page.env->services.clock().Today().ToString()}};
  if (!errors.empty()) {
    // Each proposal has its own form: the links go to the failed one's controls.
    const std::string id = std::to_string(failed_id);
    json items_json = json::array();
    for (const FieldError& e : errors.list()) {
      const std::string href = e.field == "lead"     ? "#lead-" + id
                               : e.field == "reason" ? "#reason-" + id
                                                     : "#decision-" + id + "-approve";
      items_json.push_back({{"text", e.message}, {"href", href}});
    }
    view["error_summary"] = {{"items", items_json}};
  }
  return RenderPage(page, "Tasking meeting", "tasking", std::move(view), status);
}

// A meeting's decisions: proposals approved, rejected or sent back with changes asked on
// `date`, in the order made.
Result<std::vector<Record>> Decisions(PageRequest& page, const std::string& date) {
  std::vector<Record> out;
  for (int64_t offset = 0;; offset += 500) {
    LOOKOUT_ASSIGN_OR_RETURN(
        store::Page found,
        page.env->services.List(page.actor, domain::TaskTransitionEntity(),
                                {{"from_status", "proposed"},
                                 {"to_status", "approved,rejected,proposed"},
                                 {"sort", "id"},
                                 {"limit", "500"},
                                 {"offset", std::to_string(offset)}}));
    for (Record& r : found.items) {
      if (PlainText(r.Get("at")).substr(0, 10) == date) out.push_back(std::move(r));
    }
    if (offset + 500 >= found.total) break;
  }
  return out;
}

}  // namespace

void AddTaskingPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/tasking", "The tasking meeting: proposals awaiting a decision.",
          PageAccess::kSignedIn, [](PageRequest& page) { return MeetingPage(page, 0, FormErrors{}, 200); });

  AddPage(router, env, "POST", "/tasking/{id}", "Decide on a proposal at the tasking meeting.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(ManagersOnly(page));
            int64_t id = 0;
            int64_t version = 0;
            if (!ParseId(page.params.Get("id"), &id)) {
              return Status::NotFound("There is no such task.");
            }
            FormErrors errors;
            if (!ParseId(page.form.Get("version"), &version)) {
              errors.Add("version", "The form has no version: reload the page and try again.");
            }
            const std::string decision = page.form.Get("decision");
            const std::string reason = page.form.Get("reason");
            const std::string lead = page.form.Get("lead");
            if (decision != "approved" && decision != "rejected" && decision != "changes") {
              errors.Add("decision", "Choose approve, ask for changes or reject");
            }
            if (decision == "rejected" && reason.empty()) {
              errors.Add("reason", "Give the reason for rejecting the proposal");
            }
            if (decision == "changes" && reason.empty()) {
              errors.Add("reason", "Say what should change in the proposal");
            }
            LOOKOUT_ASSIGN_OR_RETURN(auto task,
                                     page.env->services.Get(page.actor, domain::TaskEntity(), id));
            // The lead the meeting assigns is saved first, in its own change, then the
            // decision: both are checked now, in one round.
            Record lead_change;
            if (decision == "approved" && !lead.empty() && PlainText(task.Get("lead")) != lead) {
              auto lead_value = domain::ParseFieldText(*domain::TaskEntity().Find("lead"), lead);
              if (!lead_value.ok()) {
                errors.Add("lead", "Choose the lead from the list");
              } else {
                lead_change.Set("lead", *lead_value);
              }
            }
            Record changes_asked;
            if (decision == "changes") changes_asked.Set("changes_asked", reason);
            auto take = [&](const Status& refusal) {
              FormErrors found;
              if (!found.Take(refusal, &domain::TaskEntity(), "decision")) return false;
              for (const FieldError& e : found.list()) {
                errors.Add(e.field == "lead" || e.field == "reason" ? e.field : "decision", e.message);
              }
              return true;
            };
            for (const Status& checked :
                 {!lead_change.fields.empty() || decision == "changes"
                      ? page.env->services.CheckUpdate(page.actor, domain::TaskEntity(), id, version,
                                                       decision == "changes" ? changes_asked : lead_change)
                      : Status::Ok(),
                  decision == "approved" || decision == "rejected"
                      ? page.env->services.CheckTransition(page.actor, id, version, decision, reason)
                      : Status::Ok()}) {
              if (!take(checked)) return checked;
            }
            if (!errors.empty()) return MeetingPage(page, id, errors, errors.HttpStatus());
            const std::string decided = "The decision on " + PlainText(task.Get("reference")) +
                                        " (\"" + Shortened(PlainText(task.Get("title")), 80) +
                                        "\") is recorded: ";
            if (decision == "changes") {
              // The proposal stays proposed, with what to change, until its lead changes it.
              auto saved = page.env->services.Update(page.actor, domain::TaskEntity(), id, version, changes_asked);
              if (!saved.ok()) {
                if (!take(saved.status())) return saved.status();
                return MeetingPage(page, id, errors, errors.HttpStatus());
              }
              return RedirectWithNotice(page, "/tasking", decided + "changes asked for.");
            }
            if (!lead_change.fields.empty()) {
              auto saved = page.env->services.Update(page.actor, domain::TaskEntity(), id, version, lead_change);
              if (!saved.ok()) {
                if (!take(saved.status())) return saved.status();
                return MeetingPage(page, id, errors, errors.HttpStatus());
              }
              version = saved->record.Get("version").as_int();
            }
            auto moved = page.env->services.TransitionTask(page.actor, id, version, decision, reason);
            if (!moved.ok()) {
              if (!take(moved.status())) return moved.status();
              return MeetingPage(page, id, errors, errors.HttpStatus());
            }
            return RedirectWithNotice(page, "/tasking",
                                      decided + (decision == "approved" ? "approved." : "rejected."));
          });

  AddPage(router, env, "GET", "/tasking/minutes",
          "A tasking meeting's decisions, as a page or CSV.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(ManagersOnly(page));
            std::string date = page.Query("date");
            if (date.empty()) date = page.env->services.clock().Today().ToString();
            if (!Date::Parse(date)) {
              return Status::Validation({{"date", "must be a date, YYYY-MM-DD"}},
                                        "The date must be written YYYY-MM-DD.");
            }
            LOOKOUT_ASSIGN_OR_RETURN(auto decisions, Decisions(page, date));
            Names names(page.env->services, page.actor);
            std::vector<std::vector<std::string>> rows;
            std::vector<std::string> task_pages;  // each decision's task, linked where readable
            for (const Record& d : decisions) {
              task_pages.push_back(names.Href("task", PlainText(d.Get("task"))));
              auto task = page.env->services.Get(page.actor, domain::TaskEntity(), d.Get("task").as_int());
              const std::string reference = task.ok() ? PlainText(task->Get("reference")) : PlainText(d.Get("task"));
              const std::string title = task.ok() ? PlainText(task->Get("title")) : "";
              const std::string lead = task.ok() ? names.Of("staff", PlainText(task->Get("lead"))) : "";
              const std::string to = PlainText(d.Get("to_status"));
              const std::string decision = domain::IsChangesAsked(PlainText(d.Get("from_status")), to)
                                               ? "Changes asked"
                                               : TermLabel("task_status", to);
              rows.push_back({reference, title, decision,
                              PlainText(d.Get("reason")), lead,
                              d.Get("by").is_null() ? "Lookout" : names.Of("staff", PlainText(d.Get("by"))),
                              PlainText(d.Get("at")).substr(11, 5)});
            }
            if (page.Query("format") == "csv") {
              // The minutes leave Lookout as a file: a disclosure, recorded first.
              if (Status recorded = page.env->services.RecordDisclosure(
                      page.actor, "tasking_minutes", 0,
                      {{"date", date}, {"format", "csv"}, {"decisions", std::to_string(rows.size())}});
                  !recorded.ok()) {
                return recorded;
              }
              std::string csv;
              io::AppendCsvRecord(csv, {"Task", "Title", "Decision", "Reason", "Lead", "Decided by",
                                            "Time (UTC)"});
              for (auto& row : rows) {
                for (std::string& cell : row) cell = io::SpreadsheetSafe(cell);
                io::AppendCsvRecord(csv, row);
              }
              Response r;
              r.content_type = "text/csv; charset=utf-8";
              r.SetHeader("Content-Disposition",
                          "attachment; filename=\"tasking-minutes-" + date + ".csv\"");
              r.body = std::move(csv);
              return r;
            }
            json items = json::array();
            for (size_t i = 0; i < rows.size(); ++i) {
              const auto& row = rows[i];
              items.push_back({{"reference", row[0]}, {"task_title", row[1]}, {"decision", row[2]},
                               {"reason", row[3]}, {"lead", row[4]}, {"by", row[5]}, {"time", row[6]},
                               {"href", task_pages[i].empty() ? json(false) : json(task_pages[i])}});
            }
            json view = {{"date", date},
                         {"date_long", LongDate(date)},
                         {"decisions", items},
                         {"none", items.empty()},
                         {"csv_href", PathWithQuery("/tasking/minutes", {{"date", date}, {"format", "csv"}})}};
            return RenderPage(page, "Minutes of the tasking meeting", "tasking_minutes", std::move(view));
          });
}

}  // namespace lookout::http::ui
