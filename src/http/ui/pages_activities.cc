// Activities: recording one delivery of a task with the people it reached (counts by
// audience group and, for professionals, by sector; each exact or estimated), the list of
// activities, and one activity's page.
#include <algorithm>
#include <map>
#include <set>

#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"
#include "http/ui/period_locks.h"
#include "report/format.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

const domain::EntityDef& ActivityDef() { return domain::ActivityEntity(); }

// The groups other than professionals, each one count.
constexpr const char* kOtherGroups[] = {"young_people", "parents_carers", "public"};

// The reach grid's inputs: "reach-professionals-police", "reach-young_people", each with
// "-estimated" beside it.
std::string ReachName(const std::string& group, const std::string& sector) {
  return sector.empty() ? "reach-" + group : "reach-" + group + "-" + sector;
}

struct ReachInput {
  std::string group;
  std::string sector;
  std::string label;
};

std::vector<ReachInput> ReachInputs(Names& names) {
  std::vector<ReachInput> inputs;
  for (const json& s : names.Options("sector")) {
    inputs.push_back({"professionals", s["value"], s["text"]});
  }
  for (const char* g : kOtherGroups) inputs.push_back({g, "", TermLabel("audience_group", g)});
  return inputs;
}

// Reads the reach grid into audience rows; counts must be whole numbers from 0.
Value::Rows ReadReach(const Form& form, Names& names, std::vector<FieldError>& errors) {
  Value::Rows rows;
  for (const ReachInput& in : ReachInputs(names)) {
    const std::string name = ReachName(in.group, in.sector);
    std::string text = form.Get(name);
    text.erase(0, text.find_first_not_of(" \t"));
    text.erase(text.find_last_not_of(" \t") + 1);
    if (text.empty()) continue;
    int64_t count = -1;
    if (text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos) {
      count = std::stoll(text);
    }
    if (count < 0) {
      errors.push_back({name, in.label + ": enter how many people, as a whole number from 0"});
      continue;
    }
    if (count == 0) continue;
    Record row;
    row.Set("group", in.group);
    if (!in.sector.empty()) row.Set("sector", in.sector);
    row.Set("count", count);
    row.Set("estimated", form.Get(name + "-estimated") == "true");
    rows.push_back(std::move(row));
  }
  return rows;
}

json ReachView(const Form* form, const Value& audience, Names& names,
               const std::vector<FieldError>& errors) {
  json professionals = json::array();
  json others = json::array();
  for (const ReachInput& in : ReachInputs(names)) {
    const std::string name = ReachName(in.group, in.sector);
    std::string count;
    bool estimated = false;
    if (form != nullptr) {
      count = form->Get(name);
      estimated = form->Get(name + "-estimated") == "true";
    } else if (audience.is_rows()) {
      for (const Record& r : audience.as_rows()) {
        if (PlainText(r.Get("group")) == in.group && PlainText(r.Get("sector")) == in.sector) {
          count = PlainText(r.Get("count"));
          estimated = r.Get("estimated") == Value(true);
        }
      }
    }
    json item = {{"name", name}, {"id", FieldId(name)}, {"label", in.label},
                 {"count", count}, {"estimated", estimated}, {"error", false}};
    for (const FieldError& e : errors) {
      if (e.field == name) item["error"] = e.message;
    }
    (in.group == "professionals" ? professionals : others).push_back(std::move(item));
  }
  return {{"professionals", professionals}, {"others", others}};
}

// The controls of the activity form. The task and the partners are those the person may
// tie the activity to (Names::Choices: an officer's tasks and the partners of their region
// and national ones), with what `values` holds kept.
std::vector<ControlSpec> ActivityControls(Names& names, const FormValues& values) {
  return WithChoices(
      ActivityDef(),
      {{.field = "task",
        .hint = "The approved task this activity delivers",
        .options = names.Choices("task", values.All("task"),
                                 {{"status", "approved,in_progress,delivered"}})},
       {.field = "type", .kind = ControlSpec::Kind::kSelect},
       {.field = "title", .hint = "For example, \"Briefing for hotel night staff\""},
       {.field = "start_on"},
       {.field = "end_on", .hint = "Only for an activity over several days"},
       {.field = "region", .options = names.Options("region")},
       {.field = "force", .options = names.Options("police_force")},
       {.field = "place", .hint = "The town or venue, never a child's address or school"},
       {.field = "campaign"},
       {.field = "partners", .hint = "Partners you work with: those of your region and national ones"},
       {.field = "notes", .hint = "What happened. No names of children or details that could "
                                  "identify them."}},
      names, values);
}

// The first box of the reach grid: where a problem with the reach as a whole is linked.
std::string FirstReachInput(Names& names) {
  const std::vector<ReachInput> inputs = ReachInputs(names);
  return inputs.empty() ? "audience" : ReachName(inputs.front().group, inputs.front().sector);
}

// "Police: 12 (estimated), Young people: 40": audience rows as one line, for the
// stale-copy panel.
std::string ReachLine(const Value& audience, Names& names) {
  std::string out;
  if (!audience.is_rows()) return out;
  for (const Record& a : audience.as_rows()) {
    std::string who = a.Get("sector").is_null() ? TermLabel("audience_group", PlainText(a.Get("group")))
                                                : names.Of("sector", PlainText(a.Get("sector")));
    out += (out.empty() ? "" : ", ") + who + ": " + PlainText(a.Get("count")) +
           (a.Get("estimated") == Value(true) ? " (estimated)" : "");
  }
  return out.empty() ? "Nobody" : out;
}

// The form to record an activity (`id` 0) or to change activity `id` at `version`. The
// values are the record's (`audience` its reach) or, after a problem, those submitted.
// `theirs` is the activity as another person saved it after this form was opened.
struct ActivityFormView {
  int64_t id = 0;
  int64_t version = 0;
  const Form* submitted = nullptr;
  Value audience;
  const Record* theirs = nullptr;
};

Response ActivityForm(PageRequest& page, const ActivityFormView& in, const FormValues& values,
                      const FormErrors& form_errors, int status) {
  const std::vector<FieldError>& errors = form_errors.list();
  const Form* submitted = in.submitted;
  Names names(page.env->services, page.actor);
  json fields = json::array();
  json after = json::array();
  const std::vector<ControlSpec> specs = ActivityControls(names, values);
  for (const ControlSpec& s : specs) {
    json control = FieldControl(ActivityDef(), s, values, errors);
    (s.field == "notes" ? after : fields).push_back(std::move(control));
  }
  const std::string id = std::to_string(in.id);
  const std::string action = in.id == 0 ? "/activities/new" : "/activities/" + id + "/edit";
  json period_locks = PeriodLockView(page, ActivityDef(), specs, values, action, fields);
  // The new partner's sector keeps its choice; nothing is chosen until someone chooses.
  const std::string new_sector = submitted ? submitted->Get("new_partner_sector") : "";
  json sectors = json::array();
  for (json o : names.Options("sector")) {
    o["selected"] = o["value"].get<std::string>() == new_sector;
    sectors.push_back(std::move(o));
  }
  json view = {{"fields", fields},
               {"period_locks", std::move(period_locks)},
               {"after", after},
               {"action", action},
               {"changing", in.id != 0},
               {"version", std::to_string(in.version)},
               {"back", in.id == 0 ? "/activities" : "/activities/" + id},
               {"reach", ReachView(submitted, in.audience, names, errors)},
               {"new_partner_name", submitted ? submitted->Get("new_partner_name") : ""},
               {"new_partner_error", false},
               {"new_sector_error", false},
               {"audience_error", false},
               {"sectors", sectors}};
  for (const FieldError& e : errors) {
    if (e.field == "audience") view["audience_error"] = e.message;
    if (e.field == "new_partner_name") view["new_partner_error"] = e.message;
    if (e.field == "new_partner_sector") view["new_sector_error"] = e.message;
  }
  if (in.theirs != nullptr) {
    json changes = ChangedByOthers(ActivityDef(), specs, values, *in.theirs, names);
    if (submitted != nullptr) {
      std::vector<FieldError> ignored;
      const Value mine(ReadReach(*submitted, names, ignored));
      if (!(mine == in.theirs->Get("audience"))) {
        changes.push_back({{"label", "Who it reached"}, {"theirs", ReachLine(in.theirs->Get("audience"), names)}});
      }
    }
    view["stale"] = true;
    view["changes"] = std::move(changes);
  }
  if (!errors.empty()) {
    // A problem with the reach as a whole links to its first box, which takes the focus.
    json summary = form_errors.Summary("task");
    for (json& item : summary["items"]) {
      if (item["href"] == "#" + FieldId("audience")) item["href"] = "#" + FieldId(FirstReachInput(names));
    }
    view["error_summary"] = std::move(summary);
  }
  return RenderPage(page, in.id == 0 ? "Record an activity" : "Change the activity", "activity_form",
                    std::move(view), status);
}

// The record form's POST (`stored` null) or the change form's (`stored` the activity as it
// is now), the way every form goes (forms.h): the values read with their type errors, the
// reach grid and the new partner, the use case's check of every rule in the same round,
// then the save. A change made on a stale copy shows what the other person saved.
Result<Response> SaveActivity(PageRequest& page, const Record* stored) {
  Names names(page.env->services, page.actor);
  const FormValues values = FormValues::FromForm(ActivityDef(), page.form);
  const std::vector<ControlSpec> specs = ActivityControls(names, values);
  FormErrors errors;
  std::vector<FieldError> unreadable;
  Record record = ReadRecord(ActivityDef(), specs, page.form, unreadable);
  Value::Rows reach = ReadReach(page.form, names, unreadable);
  const bool reach_unreadable = std::any_of(unreadable.begin(), unreadable.end(),
                                            [](const FieldError& e) { return e.field.rfind("reach-", 0) == 0; });
  for (FieldError& e : unreadable) errors.Add(std::move(e.field), std::move(e.message));
  if (reach.empty() && !reach_unreadable) {
    errors.Add("audience", "Enter how many people the activity reached: at least one "
                           "count above 0");
  }
  record.Set("audience", Value(std::move(reach)));
  const int64_t id = stored == nullptr ? 0 : stored->Id();
  int64_t version = 0;
  if (stored != nullptr) {
    if (!ParseId(page.form.Get("version"), &version)) {
      errors.Add("version", "The form has no version: reload the page and try again.");
    }
    // A field the form offers but left empty is cleared.
    for (const ControlSpec& s : specs) {
      if (!record.Has(s.field)) record.Set(s.field, Value());
    }
  }
  // A partner added on the spot joins the directory, in the activity's region: it is
  // checked with the activity, and added just before the activity is saved.
  const std::string new_partner = page.form.Get("new_partner_name");
  const std::string new_sector = page.form.Get("new_partner_sector");
  Record partner;
  if (!new_partner.empty() || !new_sector.empty()) {
    if (new_sector.empty()) errors.Add("new_partner_sector", "Choose the new partner's sector");
    if (new_partner.empty()) errors.Add("new_partner_name", "Enter the new partner's name");
    partner.Set("name", new_partner);
    partner.Set("sector", new_sector);
    partner.Set("region", page.form.Get("region"));
    const Status partner_checked =
        page.env->services.CheckCreate(page.actor, domain::PartnerEntity(), partner);
    FormErrors partner_errors;
    if (!partner_errors.Take(partner_checked, nullptr, "name")) {
      return partner_checked;
    }
    for (const FieldError& e : partner_errors.list()) {
      // The activity's own region is checked with the activity.
      if (e.field == "region") continue;
      errors.Add(e.field == "sector" ? "new_partner_sector" : "new_partner_name",
                 "New partner: " + e.message);
    }
  }
  const Status checked = stored == nullptr
                             ? page.env->services.CheckCreate(page.actor, ActivityDef(), record)
                             : page.env->services.CheckUpdate(page.actor, ActivityDef(), id, version, record);
  if (!errors.Take(checked, &ActivityDef())) return checked;
  const bool stale = stored != nullptr && version != 0 && stored->Get("version") != Value(version);
  if (stale) {
    errors.Reword("version", "Someone else saved this activity after you opened it. What they "
                             "saved is shown below; check your values and save again.");
  }
  if (errors.empty()) {
    Status saved_status;
    if (!new_partner.empty()) {
      auto added = page.env->services.Create(page.actor, domain::PartnerEntity(), partner);
      if (added.ok()) {
        Value::List partners = record.Get("partners").is_list() ? record.Get("partners").as_list()
                                                                : Value::List{};
        partners.push_back(added->record.Id());
        record.Set("partners", Value(std::move(partners)));
      } else {
        saved_status = added.status();
      }
    }
    if (saved_status.ok()) {
      auto saved = stored == nullptr
                       ? page.env->services.Create(page.actor, ActivityDef(), record)
                       : page.env->services.Update(page.actor, ActivityDef(), id, version, record);
      if (saved.ok()) {
        return RedirectWithNotice(
            page, "/activities/" + std::to_string(saved->record.Id()),
            "Activity \"" + Shortened(PlainText(saved->record.Get("title")), 80) + "\" has been " +
                (stored == nullptr ? "recorded" : "changed") +
                (new_partner.empty() ? "." : ", and \"" + Shortened(new_partner, 80) +
                                                 "\" added to the partners."));
      }
      saved_status = saved.status();
    }
    if (!errors.Take(saved_status, &ActivityDef(), "version")) return saved_status;
  }
  // A child row's problem ("audience[2].count") belongs to the reach as a whole.
  errors.MoveWhere([](const std::string& f) { return f.rfind("audience", 0) == 0; }, "audience");
  std::vector<std::string> order = FieldOrder(specs);
  order.insert(order.end() - 1, {"new_partner_name", "new_partner_sector"});
  for (const ReachInput& in : ReachInputs(names)) {
    order.insert(order.end() - 1, ReachName(in.group, in.sector));
  }
  order.insert(order.end() - 1, "audience");
  errors.Order(order);
  ActivityFormView view{.id = id, .version = version, .submitted = &page.form};
  if (stale) {
    view.version = stored->Get("version").as_int();
    view.theirs = stored;
  }
  return ActivityForm(page, view, values, errors, errors.HttpStatus());
}

// An activity's page; `errors` are those of its archive or restore form after a refusal.
Result<Response> ActivityPage(PageRequest& page, const FormErrors& errors) {
  LOOKOUT_ASSIGN_OR_RETURN(auto record, RecordOfPath(page, ActivityDef()));
  const int64_t id = record.Id();
  Names names(page.env->services, page.actor);
  json reach = json::array();
  int64_t total = 0;
  bool estimated = false;
  if (record.Get("audience").is_rows()) {
    for (const Record& a : record.Get("audience").as_rows()) {
      const bool est = a.Get("estimated") == Value(true);
      const int64_t count = a.Get("count").is_int() ? a.Get("count").as_int() : 0;
      total += count;
      estimated = estimated || est;
      std::string who = TermLabel("audience_group", PlainText(a.Get("group")));
      if (!a.Get("sector").is_null()) {
        who += ": " + names.Of("sector", PlainText(a.Get("sector")));
      }
      reach.push_back({{"who", who},
                       {"count", std::to_string(count)},
                       {"how", est ? "Estimated" : "Counted"}});
    }
  }
  const bool archived = record.Get("archived") == Value(true);
  const std::string version = PlainText(record.Get("version"));
  // What the page offers follows what the use case would allow this person (their
  // region, a locked period is said when they try).
  const bool may_change = MayChange(page, ActivityDef(), record).ok();
  json view = {{"id", id},
               {"rows", SummaryRows(ActivityDef(), record, names, {"notes"})},
               {"notes", PlainText(record.Get("notes"))},
               {"reach", reach},
               {"total", (estimated ? "approximately " : "") + std::to_string(total)},
               {"task_id", PlainText(record.Get("task"))},
               {"archived", archived},
               {"can_edit", may_change && !archived},
               {"can_archive", may_change},
               {"version", version},
               {"archive_path", "/activities/" + std::to_string(id)},
               {"archive_hint", archived ? "Restoring it puts the people it reached back into "
                                           "every figure."
                                         : "Archiving it takes the people it reached out of every "
                                           "figure: homes, reports and returns."},
               {"reason", page.form.Get("reason")},
               {"reason_error", false},
               {"archive_open", !errors.empty()}};
  if (!errors.empty()) {
    view["error_summary"] = errors.Summary("reason");
    view["reason_error"] = errors.list().front().message;
  }
  return RenderPage(page, PlainText(record.Get("title")), "activity", std::move(view),
                    errors.empty() ? 200 : errors.HttpStatus());
}

const std::vector<std::string>& ListFilters() {
  static const std::vector<std::string> kFilters = {"region", "type", "theme", "sector", "task",
                                                    "campaign", "from", "to", "q"};
  return kFilters;
}

// Whom all the activities the list shows reached (every page of it, not only this one),
// by audience group; with a sector filter, the professionals of that sector only. What a
// report's reach figure counts, so its link shows the same total.
json ListReachView(PageRequest& page, const ListRequest& list, int64_t total) {
  if (!list.errors.empty() || total == 0) return false;
  auto rows = page.env->services.ListReach(page.actor, list.params);
  if (!rows.ok()) return false;
  // With a sector filter, the professionals of those sectors only.
  std::set<std::string> sectors;
  const std::string asked = list.Value("sector");
  for (size_t start = 0; !asked.empty() && start <= asked.size();) {
    const size_t end = std::min(asked.find(',', start), asked.size());
    sectors.insert(asked.substr(start, end - start));
    start = end + 1;
  }
  std::map<std::string, std::pair<int64_t, bool>> sums;
  for (const store::ReachRow& r : *rows) {
    if (!sectors.empty() && r.group == "professionals" && !sectors.count(r.sector)) continue;
    auto& [count, estimated] = sums[r.group];
    count += r.count;
    estimated = estimated || r.any_estimated;
  }
  json groups = json::array();
  for (const domain::Term& t : domain::FindVocabulary("audience_group")->terms) {
    const auto& [count, estimated] = sums[t.code];
    const bool of_sectors = t.code == "professionals" && !sectors.empty();
    groups.push_back({{"group", t.label + (of_sectors ? " of the sector" + std::string(sectors.size() > 1 ? "s" : "") : "")},
                      {"key", "reach-" + t.code},
                      {"value", std::to_string(count)},
                      {"count", (estimated ? "approximately " : "") + report::Thousands(count)}});
  }
  return {{"groups", groups},
          {"activities", report::Thousands(total) + (total == 1 ? " activity" : " activities")}};
}

}  // namespace

void AddActivityPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/activities", "Activities, filtered and paged.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            Names names(page.env->services, page.actor);
            ListRequest list = ReadListRequest(page, ListFilters());
            LOOKOUT_ASSIGN_OR_RETURN(auto found, ListForPage(page, ActivityDef(), list));
            const domain::EntityDef& e = ActivityDef();
            json rows = json::array();
            for (const Record& r : found.items) {
              int64_t reached = 0;
              bool estimated = false;
              if (r.Get("audience").is_rows()) {
                for (const Record& a : r.Get("audience").as_rows()) {
                  if (a.Get("count").is_int()) reached += a.Get("count").as_int();
                  estimated = estimated || a.Get("estimated") == Value(true);
                }
              }
              rows.push_back({{"id", r.Id()},
                              {"date", DisplayValue(*e.Find("start_on"), r, names)},
                              {"type", DisplayValue(*e.Find("type"), r, names)},
                              {"title", PlainText(r.Get("title"))},
                              {"region", DisplayValue(*e.Find("region"), r, names)},
                              {"task", DisplayValue(*e.Find("task"), r, names)},
                              {"task_id", PlainText(r.Get("task"))},
                              {"reached", (estimated ? "approx. " : "") + std::to_string(reached)}});
            }
            json filters = {
                {"region", FilterSelect("region", "Region", names.Options("region"), list)},
                {"type", FilterSelect("type", "Type", VocabularyOptions("activity_type"), list)},
                {"theme", FilterSelect("theme", "Theme of its task", VocabularyOptions("theme"), list)},
                {"sector", FilterSelect("sector", "Professionals of the sector", names.Options("sector"), list)},
                {"from", list.Value("from")},
                {"to", list.Value("to")},
                {"q", list.Value("q")}};
            json view = {{"rows", rows},
                         {"filters", filters},
                         {"reach", ListReachView(page, list, found.total)},
                         {"can_record", page.Role() == "officer" || page.Role() == "manager"}};
            return RenderListPage(page, "Activities", "activity_list", std::move(view), list,
                                  found.total);
          });

  AddPage(router, env, "GET", "/activities/new", "The form to record an activity.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(MayCreate(page, ActivityDef()));
            Record defaults;
            defaults.Set("start_on", page.env->services.clock().Today().ToString());
            if (!page.actor.region.empty()) defaults.Set("region", page.actor.region);
            int64_t task = 0;
            if (ParseId(page.Query("task"), &task)) {
              defaults.Set("task", task);
              auto t = page.env->services.Get(page.actor, domain::TaskEntity(), task);
              if (t.ok() && t->Get("regions").is_list() && t->Get("regions").as_list().size() == 1) {
                defaults.Set("region", t->Get("regions").as_list().front());
              }
            }
            return ActivityForm(page, ActivityFormView{}, FormValues::FromRecord(ActivityDef(), defaults),
                                FormErrors{}, 200);
          });

  AddPage(router, env, "POST", "/activities/new", "Record an activity.", PageAccess::kSignedIn,
          [](PageRequest& page) { return SaveActivity(page, nullptr); });

  AddPage(router, env, "GET", "/activities/{id}/edit",
          "The form to change an activity, its people reached included.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto record, RecordOfPath(page, ActivityDef()));
            const int64_t version = record.Get("version").as_int();
            // Who may not change it is told so before typing anything.
            LOOKOUT_RETURN_IF_ERROR(MayChange(page, ActivityDef(), record));
            return ActivityForm(
                page,
                ActivityFormView{
                    .id = record.Id(), .version = version, .audience = record.Get("audience")},
                FormValues::FromRecord(ActivityDef(), record), FormErrors{}, 200);
          });

  AddPage(router, env, "POST", "/activities/{id}/edit", "Change an activity.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto record, RecordOfPath(page, ActivityDef()));
            return SaveActivity(page, &record);
          });

  for (const bool archive : {true, false}) {
    AddPage(
        router, env, "POST", std::string("/activities/{id}/") + (archive ? "archive" : "restore"),
        archive ? "Archive an activity: its people reached leave every figure."
                : "Restore an archived activity.",
        PageAccess::kSignedIn, [archive](PageRequest& page) -> Result<Response> {
          LOOKOUT_ASSIGN_OR_RETURN(auto record, RecordOfPath(page, ActivityDef()));
          return ArchiveFromForm(
              page, ActivityDef(), record, archive, "/activities/" + std::to_string(record.Id()),
              [&](const FormErrors& errors) { return ActivityPage(page, errors); });
        });
  }

  AddPage(router, env, "GET", "/activities/{id}", "One activity and the people it reached.",
          PageAccess::kSignedIn, [](PageRequest& page) { return ActivityPage(page, FormErrors{}); });
}

}  // namespace lookout::http::ui
