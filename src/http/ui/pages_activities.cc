// Activities: recording one delivery of a task with the people it reached (counts by
// audience group and, for professionals, by sector; each exact or estimated), the list of
// activities, and one activity's page.
#include <algorithm>

#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"

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

std::vector<ControlSpec> ActivityControls(Names& names, const std::string& region) {
  app::Params partner_filter = {{"active", "true"}};
  if (!region.empty()) partner_filter.emplace_back("region", region + ",NAT");
  return {{.field = "task",
           .hint = "The approved task this activity delivers",
           .options = names.Options("task", {{"status", "approved,in_progress,delivered"}})},
          {.field = "type", .kind = ControlSpec::Kind::kSelect},
          {.field = "title", .hint = "For example, \"Briefing for hotel night staff\""},
          {.field = "start_on"},
          {.field = "end_on", .hint = "Only for an activity over several days"},
          {.field = "region", .options = names.Options("region")},
          {.field = "force", .options = names.Options("police_force")},
          {.field = "place", .hint = "The town or venue, never a child's address or school"},
          {.field = "campaign", .options = names.Options("campaign")},
          {.field = "partners",
           .hint = "Partners of this region and national partners",
           .options = names.Options("partner", partner_filter)},
          {.field = "notes", .hint = "What happened. No names of children or details that could "
                                     "identify them."}};
}

// The first box of the reach grid: where a problem with the reach as a whole is linked.
std::string FirstReachInput(Names& names) {
  const std::vector<ReachInput> inputs = ReachInputs(names);
  return inputs.empty() ? "audience" : ReachName(inputs.front().group, inputs.front().sector);
}

Response ActivityForm(PageRequest& page, const FormValues& values, const Form* submitted,
                      const Value& audience, const FormErrors& form_errors, int status) {
  const std::vector<FieldError>& errors = form_errors.list();
  Names names(page.env->services, page.actor);
  const std::string region =
      values.Text("region").empty() ? page.actor.region : values.Text("region");
  json fields = json::array();
  json after = json::array();
  for (ControlSpec s : ActivityControls(names, region)) {
    if (s.field == "partners") {
      // A partner ticked stays offered (and ticked) when the region chosen since would
      // not list it: nothing given is dropped.
      for (const std::string& chosen : values.All("partners")) {
        const bool offered = std::any_of(s.options.begin(), s.options.end(),
                                         [&](const json& o) { return o["value"] == chosen; });
        if (!offered) s.options.push_back({{"value", chosen}, {"text", names.Of("partner", chosen)}});
      }
    }
    json control = FieldControl(ActivityDef(), s, values, errors);
    (s.field == "notes" ? after : fields).push_back(std::move(control));
  }
  // The new partner's sector keeps its choice; nothing is chosen until someone chooses.
  const std::string new_sector = submitted ? submitted->Get("new_partner_sector") : "";
  json sectors = json::array();
  for (json o : names.Options("sector")) {
    o["selected"] = o["value"].get<std::string>() == new_sector;
    sectors.push_back(std::move(o));
  }
  json view = {{"fields", fields},
               {"after", after},
               {"reach", ReachView(submitted, audience, names, errors)},
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
  if (!errors.empty()) {
    // A problem with the reach as a whole links to its first box, which takes the focus.
    json summary = form_errors.Summary("task");
    for (json& item : summary["items"]) {
      if (item["href"] == "#" + FieldId("audience")) item["href"] = "#" + FieldId(FirstReachInput(names));
    }
    view["error_summary"] = std::move(summary);
  }
  return RenderPage(page, "Record an activity", "activity_form", std::move(view), status);
}

const std::vector<std::string>& ListFilters() {
  static const std::vector<std::string> kFilters = {"region", "type", "task", "campaign",
                                                    "from",   "to",   "q"};
  return kFilters;
}

}  // namespace

void AddActivityPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/activities", "Activities, filtered and paged.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            Names names(page.env->services, page.actor);
            ListRequest list = ReadListRequest(page, ListFilters());
            auto found = ListForPage(page, ActivityDef(), list);
            if (!found.ok()) return ErrorPage(page, found.status());
            const domain::EntityDef& e = ActivityDef();
            json rows = json::array();
            for (const Record& r : found->items) {
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
                {"from", list.Value("from")},
                {"to", list.Value("to")},
                {"q", list.Value("q")}};
            json view = {{"rows", rows},
                         {"filters", filters},
                         {"can_record", page.Role() == "officer" || page.Role() == "manager"}};
            return RenderListPage(page, "Activities", "activity_list", std::move(view), list,
                                  found->total);
          });

  AddPage(router, env, "GET", "/activities/new", "The form to record an activity.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            if (Status may = MayCreate(page, ActivityDef()); !may.ok()) return ErrorPage(page, may);
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
            return ActivityForm(page, FormValues::FromRecord(ActivityDef(), defaults), nullptr,
                                Value(), FormErrors{}, 200);
          });

  AddPage(router, env, "POST", "/activities/new", "Record an activity.", PageAccess::kSignedIn,
          [](PageRequest& page) {
            Names names(page.env->services, page.actor);
            const FormValues values = FormValues::FromForm(ActivityDef(), page.form);
            const std::vector<ControlSpec> specs = ActivityControls(names, page.form.Get("region"));
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
            // A partner added on the spot joins the directory, in the activity's region: it
            // is checked with the activity, and added just before the activity is saved.
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
                return ErrorPage(page, partner_checked);
              }
              for (const FieldError& e : partner_errors.list()) {
                // The activity's own region is checked with the activity.
                if (e.field == "region") continue;
                errors.Add(e.field == "sector" ? "new_partner_sector" : "new_partner_name",
                           "New partner: " + e.message);
              }
            }
            const Status checked = page.env->services.CheckCreate(page.actor, ActivityDef(), record);
            if (!errors.Take(checked, &ActivityDef())) return ErrorPage(page, checked);
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
                auto saved = page.env->services.Create(page.actor, ActivityDef(), record);
                if (saved.ok()) {
                  return RedirectWithNotice(
                      page, "/activities/" + std::to_string(saved->record.Id()),
                      "Activity \"" + Shortened(PlainText(saved->record.Get("title")), 80) +
                          "\" has been recorded" +
                          (new_partner.empty() ? "." : ", and \"" + Shortened(new_partner, 80) +
                                                           "\" added to the partners."));
                }
                saved_status = saved.status();
              }
              if (!errors.Take(saved_status, &ActivityDef())) return ErrorPage(page, saved_status);
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
            return ActivityForm(page, values, &page.form, Value(), errors, errors.HttpStatus());
          });

  AddPage(router, env, "GET", "/activities/{id}", "One activity and the people it reached.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            auto record = RecordOfPath(page, ActivityDef());
            if (!record.ok()) return ErrorPage(page, record.status());
            const int64_t id = record->Id();
            Names names(page.env->services, page.actor);
            json reach = json::array();
            int64_t total = 0;
            bool estimated = false;
            if (record->Get("audience").is_rows()) {
              for (const Record& a : record->Get("audience").as_rows()) {
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
            json view = {{"id", id},
                         {"rows", SummaryRows(ActivityDef(), *record, names, {"notes"})},
                         {"notes", PlainText(record->Get("notes"))},
                         {"reach", reach},
                         {"total", (estimated ? "approximately " : "") + std::to_string(total)},
                         {"task_id", PlainText(record->Get("task"))}};
            return RenderPage(page, PlainText(record->Get("title")), "activity", std::move(view));
          });
}

}  // namespace lookout::http::ui
