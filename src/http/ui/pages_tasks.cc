// Tasking: the list and board of tasks, proposing a task, a task's page with its history
// and the moves the viewer may make, and the tasking meeting where managers decide on
// proposals.
#include "domain/rules.h"
#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"
#include "http/ui/task_view.h"
#include "report/format.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

const domain::EntityDef& TaskDef() { return domain::TaskEntity(); }

const std::vector<std::string>& ListFilters() {
  // delivered_on_from / delivered_on_to: the tasks a report counted as completed.
  static const std::vector<std::string> kFilters = {"region", "themes", "status", "priority",
                                                    "lead",   "from",   "to",     "q",
                                                    "delivered_on_from", "delivered_on_to"};
  return kFilters;
}

// The controls of the proposal form. Officers lead their own proposals; managers choose
// among active officers and managers (Names::Choices).
std::vector<ControlSpec> ProposalControls(Names& names, bool choose_lead, const FormValues& values) {
  std::vector<ControlSpec> specs = {
      {.field = "title", .hint = "What the task will do, and where: for example, "
                                 "\"Hotel staff briefings, Derby\""},
      {.field = "description",
       .hint = "What will be done, with whom and why. No names of children or details that "
               "could identify them."},
      {.field = "objectives"},
      {.field = "themes"},
      {.field = "county_lines", .hint = "Only with child criminal exploitation"},
      {.field = "regions", .hint = "Choose National for a national task",
       .options = names.Options("region")},
      {.field = "audiences"},
      {.field = "priority"},
      {.field = "due_on"},
      {.field = "insights", .kind = ControlSpec::Kind::kInput}};
  if (choose_lead) specs.insert(specs.begin() + 6, ControlSpec{.field = "lead"});
  return WithChoices(TaskDef(), std::move(specs), names, values);
}

Response ProposalForm(PageRequest& page, const FormValues& values, const FormErrors& errors,
                      int status) {
  Names names(page.env->services, page.actor);
  const bool choose_lead = page.Role() != "officer";
  json fields = json::array();
  for (const ControlSpec& s : ProposalControls(names, choose_lead, values)) {
    if (s.field == "insights") continue;  // carried in hidden inputs
    fields.push_back(FieldControl(TaskDef(), s, values, errors.list()));
  }
  json insights = json::array();
  for (const std::string& id : values.All("insights")) insights.push_back({{"id", id}});
  json view = {{"fields", fields}, {"insights", insights}, {"has_insights", !insights.empty()}};
  if (!errors.empty()) view["error_summary"] = errors.Summary("title");
  return RenderPage(page, "Propose a task", "task_form", std::move(view), status);
}

// The task page, with the errors of a move that was refused.
Result<Response> TaskPage(PageRequest& page, int64_t id, const FormErrors& errors, int status) {
  LOOKOUT_ASSIGN_OR_RETURN(auto task, page.env->services.Get(page.actor, TaskDef(), id));
  Names names(page.env->services, page.actor);
  const std::string current = PlainText(task.Get("status"));

  LOOKOUT_ASSIGN_OR_RETURN(auto history, page.env->services.TaskHistory(page.actor, id));
  json moves = json::array();
  for (const Record& t : history) {
    moves.push_back({{"at", PlainText(t.Get("at")).substr(0, 10)},
                     {"at_long", LongDate(PlainText(t.Get("at")).substr(0, 10))},
                     {"change", domain::IsChangesAsked(PlainText(t.Get("from_status")),
                                                       PlainText(t.Get("to_status")))
                                    ? std::string("Changes asked by the tasking meeting")
                                    : TermLabel("task_status", PlainText(t.Get("from_status"))) + " to " +
                                          TermLabel("task_status", PlainText(t.Get("to_status")))},
                     {"by", t.Get("by").is_null() ? "Lookout" : names.Of("staff", PlainText(t.Get("by")))},
                     {"reason", PlainText(t.Get("reason"))}});
  }
  LOOKOUT_ASSIGN_OR_RETURN(auto allowed, page.env->services.AllowedTransitions(page.actor, id));
  json options = json::array();
  int i = 0;
  for (const std::string& to : allowed) {
    options.push_back({{"value", to},
                       {"text", TermLabel("task_status", to)},
                       {"id", i++ == 0 ? std::string("field-to") : "field-to-" + to},
                       {"checked", page.form.Get("to") == to}});
  }

  // The activities delivered under the task, with their dates.
  json activities = json::array();
  auto found = page.env->services.List(page.actor, domain::ActivityEntity(),
                                       {{"task", std::to_string(id)}, {"limit", "100"},
                                        {"sort", "start_on"}});
  if (found.ok()) {
    const domain::EntityDef& a = domain::ActivityEntity();
    for (const Record& r : found->items) {
      activities.push_back({{"id", r.Id()},
                            {"date", DisplayValue(*a.Find("start_on"), r, names)},
                            {"type", DisplayValue(*a.Find("type"), r, names)},
                            {"title", PlainText(r.Get("title"))}});
    }
  }
  // The evidence gathered for the task: surveys, quotes, case studies, outcome events.
  json evidence = json::array();
  struct Kind {
    const char* entity;
    const char* field;
    const char* title;
    const char* path;
  };
  for (const Kind& k : {Kind{"survey", "task", "Surveys", "/surveys"},
                        Kind{"quote", "task", "Quotes", "/quotes"},
                        Kind{"case_study", "tasks", "Case studies", "/case-studies"},
                        Kind{"outcome_event", "task", "Outcome events", "/outcome-events"}}) {
    const domain::EntityDef& e = *domain::FindEntity(k.entity);
    auto found = page.env->services.List(page.actor, e, {{k.field, std::to_string(id)}, {"limit", "50"}});
    if (!found.ok() || found->items.empty()) continue;
    json items = json::array();
    for (const Record& r : found->items) {
      items.push_back({{"href", std::string(k.path) + "/" + std::to_string(r.Id())},
                       {"text", Shortened(RecordName(e, r), 120)}});
    }
    evidence.push_back({{"title", k.title}, {"items", items}});
  }
  const bool may_edit = (page.Role() == "officer" || page.Role() == "manager") &&
                        current != "closed" && current != "rejected" && current != "cancelled";
  json view = {{"id", id},
               {"evidence", evidence},
               {"changes_asked", current == "proposed" ? PlainText(task.Get("changes_asked")) : ""},
               {"has_evidence", !evidence.empty()},
               {"can_edit", may_edit},
               {"version", PlainText(task.Get("version"))},
               {"reference", PlainText(task.Get("reference"))},
               {"task_title", PlainText(task.Get("title"))},
               {"status", TermLabel("task_status", current)},
               {"status_class", TaskStatusTag(current)},
               {"description", PlainText(task.Get("description"))},
               {"rows", SummaryRows(TaskDef(), task, names,
                                    {"reference", "title", "description", "status", "insights",
                                     "changes_asked"})},
               {"insights", json::array()},
               {"history", moves},
               {"moves", options},
               {"can_move", !options.empty()},
               {"reason", page.form.Get("reason")},
               {"activities", activities},
               {"has_activities", !activities.empty()},
               {"can_record_activity", (page.Role() == "officer" || page.Role() == "manager") &&
                                           (current == "approved" || current == "in_progress")}};
  const Value& insights = task.Get("insights");
  if (insights.is_list()) {
    for (const Value& v : insights.as_list()) view["insights"].push_back({{"id", v.ToDisplay()}});
  }
  view["has_insights"] = !view["insights"].empty();
  for (const FieldError& e : errors.list()) {
    if (e.field == "to" && !view.contains("to_error")) view["to_error"] = e.message;
    if (e.field == "reason" && !view.contains("reason_error")) view["reason_error"] = e.message;
  }
  if (!errors.empty()) view["error_summary"] = errors.Summary("to");
  return RenderPage(page, PlainText(task.Get("reference")) + ": " + PlainText(task.Get("title")),
                    "task", std::move(view), status);
}

// The list of the tasks a report counted as completed (delivered in a period, and in a
// region): the distinct partner organisations they name, as the report's "partners
// engaged" counts them (Services::TasksDelivered). False for any other list.
json DeliveredPartners(PageRequest& page, const ListRequest& list) {
  const std::string from = list.Value("delivered_on_from");
  const std::string to = list.Value("delivered_on_to");
  if (from.empty() || to.empty() || !list.errors.empty()) return false;
  for (const auto& [key, value] : list.filters) {
    const bool counted = key == "delivered_on_from" || key == "delivered_on_to" || key == "region" ||
                         (key == "status" && value == "delivered,evaluated,closed");
    if (!counted) return false;
  }
  auto delivered = page.env->services.TasksDelivered(page.actor, from, to, list.Value("region"));
  if (!delivered.ok()) return false;
  return {{"value", std::to_string(delivered->partners)},
          {"text", report::Thousands(delivered->partners) +
                       (delivered->partners == 1 ? " partner organisation" : " partner organisations")}};
}

}  // namespace

void AddTaskPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/tasks", "Tasks, as a list or a board by status.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            Names names(page.env->services, page.actor);
            const Date today = page.env->services.clock().Today();
            const bool board = page.Query("view") == "board";
            ListRequest list = ReadListRequest(page, ListFilters());
            if (board) {
              // The board shows the live statuses side by side, up to 100 tasks each.
              json columns = json::array();
              for (const char* status : {"proposed", "approved", "in_progress", "delivered",
                                         "evaluated"}) {
                app::Params params;
                for (const auto& [k, v] : list.filters) {
                  if (k != "status") params.emplace_back(k, v);
                }
                params.emplace_back("status", status);
                params.emplace_back("limit", "100");
                params.emplace_back("sort", "due_on");
                LOOKOUT_ASSIGN_OR_RETURN(auto found,
                                         page.env->services.List(page.actor, TaskDef(), params));
                json cards = json::array();
                for (const Record& r : found.items) cards.push_back(TaskRowView(r, names, today));
                columns.push_back(
                    {{"status", TermLabel("task_status", status)},
                     {"count", found.total},
                     {"cards", cards},
                     {"more", found.total > static_cast<int64_t>(found.items.size())}});
              }
              json view = {{"columns", columns},
                           {"list_href", PathWithQuery("/tasks", list.filters)}};
              return RenderPage(page, "Task board", "task_board", std::move(view));
            }
            list.params.emplace_back("sort", "-id");
            LOOKOUT_ASSIGN_OR_RETURN(auto found, ListForPage(page, TaskDef(), list));
            json rows = json::array();
            for (const Record& r : found.items) rows.push_back(TaskRowView(r, names, today));
            auto board_params = list.filters;
            board_params.emplace_back("view", "board");
            json filters = {
                {"region", FilterSelect("region", "Region", names.Options("region"), list)},
                {"themes", FilterSelect("themes", "Theme", VocabularyOptions("theme"), list)},
                {"status", FilterSelect("status", "Status", VocabularyOptions("task_status"), list)},
                {"priority", FilterSelect("priority", "Priority", VocabularyOptions("priority"), list)},
                {"lead", FilterSelect("lead", "Lead",
                                      names.Options("staff", {{"role", "officer,manager"}}), list)},
                {"from", list.Value("from")},
                {"to", list.Value("to")},
                {"q", list.Value("q")}};
            // A report's link to the tasks it counted as completed carries delivery dates,
            // which the filter form does not offer: they are kept and said.
            json delivered = false;
            if (!list.Value("delivered_on_from").empty() || !list.Value("delivered_on_to").empty()) {
              delivered = {{"from", list.Value("delivered_on_from")},
                           {"to", list.Value("delivered_on_to")},
                           {"text", "Delivered " +
                                        (list.Value("delivered_on_from").empty() ? std::string()
                                                                                 : "from " + LongDate(list.Value("delivered_on_from")) + " ") +
                                        (list.Value("delivered_on_to").empty() ? std::string()
                                                                               : "to " + LongDate(list.Value("delivered_on_to")))}};
            }
            json view = {{"rows", rows},
                         {"caption", "Tasks"},
                         {"filters", filters},
                         {"delivered", delivered},
                         {"partners", DeliveredPartners(page, list)},
                         {"board_href", PathWithQuery("/tasks", board_params)},
                         {"can_propose", page.Role() == "officer" || page.Role() == "manager"}};
            return RenderListPage(page, "Tasks", "task_list", std::move(view), list, found.total);
          });

  AddPage(router, env, "GET", "/tasks/new", "The form to propose a task.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(MayCreate(page, TaskDef()));
            Record defaults;
            if (!page.actor.region.empty()) defaults.Set("regions", Value::List{page.actor.region});
            defaults.Set("priority", "medium");
            int64_t insight = 0;
            if (ParseId(page.Query("insight"), &insight)) {
              // The insight is read (and the reading recorded) so its themes, county-lines
              // flag and region can start the proposal; a refusal simply leaves them out.
              auto item = page.env->services.Get(page.actor, domain::InsightEntity(), insight);
              if (item.ok()) {
                defaults.Set("insights", Value::List{insight});
                defaults.Set("themes", item->Get("themes"));
                defaults.Set("county_lines", item->Get("county_lines"));
                defaults.Set("regions", Value::List{item->Get("region")});
              }
            }
            return ProposalForm(page, FormValues::FromRecord(TaskDef(), defaults), FormErrors{}, 200);
          });

  AddPage(router, env, "POST", "/tasks/new", "Propose a task.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            Names names(page.env->services, page.actor);
            const bool choose_lead = page.Role() != "officer";
            const FormValues values = FormValues::FromForm(TaskDef(), page.form);
            const std::vector<ControlSpec> specs = ProposalControls(names, choose_lead, values);
            FormErrors errors;
            std::vector<FieldError> unreadable;
            Record record = ReadRecord(TaskDef(), specs, page.form, unreadable);
            for (FieldError& e : unreadable) errors.Add(std::move(e.field), std::move(e.message));
            if (!choose_lead && page.actor.staff_id > 0) record.Set("lead", page.actor.staff_id);
            const Status checked = page.env->services.CheckCreate(page.actor, TaskDef(), record);
            if (!errors.Take(checked, &TaskDef())) return checked;
            errors.Order(FieldOrder(specs));
            if (!errors.empty()) return ProposalForm(page, values, errors, errors.HttpStatus());
            auto saved = page.env->services.Create(page.actor, TaskDef(), record);
            if (!saved.ok()) {
              if (!errors.Take(saved.status(), &TaskDef())) return saved.status();
              errors.Order(FieldOrder(specs));
              return ProposalForm(page, values, errors, errors.HttpStatus());
            }
            return RedirectWithNotice(
                page, "/tasks/" + std::to_string(saved->record.Id()),
                "Task " + PlainText(saved->record.Get("reference")) + " \"" +
                    Shortened(PlainText(saved->record.Get("title")), 80) +
                    "\" has been proposed. It will be decided at the next tasking meeting.");
          });

  AddPage(router, env, "GET", "/tasks/{id}", "A task: its details, evidence and history.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            int64_t id = 0;
            if (!ParseId(page.params.Get("id"), &id)) {
              return Status::NotFound("There is no such task.");
            }
            return TaskPage(page, id, FormErrors{}, 200);
          });

  AddPage(router, env, "POST", "/tasks/{id}/move", "Move a task to another status.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            int64_t id = 0;
            int64_t version = 0;
            if (!ParseId(page.params.Get("id"), &id)) {
              return Status::NotFound("There is no such task.");
            }
            const std::string to = page.form.Get("to");
            const std::string reason = page.form.Get("reason");
            FormErrors errors;
            if (to.empty()) errors.Add("to", "Choose the status to move the task to");
            if (!ParseId(page.form.Get("version"), &version)) {
              errors.Add("version", "The form has no version: reload the page and try again.");
            }
            const Status checked =
                page.env->services.CheckTransition(page.actor, id, version, to, reason);
            if (!errors.Take(checked, nullptr, "to")) return checked;
            if (errors.empty()) {
              auto moved = page.env->services.TransitionTask(page.actor, id, version, to, reason);
              if (moved.ok()) {
                return RedirectWithNotice(page, "/tasks/" + std::to_string(id),
                                          "Task " + PlainText(moved->Get("reference")) +
                                              " is now " + TermLabel("task_status", to) + ".");
              }
              if (!errors.Take(moved.status(), nullptr, "to")) return moved.status();
            }
            // The use case names the reason "reason" and the move "to"; a page says
            // "Reason is required ..." and puts the rest on the choice of status.
            errors.MoveWhere([](const std::string& f) { return f != "reason" && f != "version"; }, "to");
            for (const FieldError& e : std::vector<FieldError>(errors.list())) {
              if (e.field == "reason" && e.message.rfind("Reason", 0) != 0) {
                errors.Reword("reason", "Reason " + e.message);
              }
            }
            errors.Order({"to", "reason"});
            return TaskPage(page, id, errors, errors.HttpStatus());
          });
}

}  // namespace lookout::http::ui
