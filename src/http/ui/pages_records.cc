// The pages of the kinds of record whose work is to keep them (partners, campaigns, the
// outcome framework, quotes, case studies, outcome events, reference data, staff): one
// set of pages driven by the entity definitions and a short description of each kind.
// For each kind: the list with its filters, a record's page (with the records that point
// at it), a form to add one and a form to change one (a change made on a stale copy shows
// what the other person saved beside what this person typed), archive and restore.
#include <algorithm>
#include <map>
#include <optional>

#include "app/records/approval.h"
#include "domain/rules.h"
#include "http/ui/child_rows.h"
#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"
#include "http/ui/period_locks.h"
#include "http/ui/period_choice.h"
#include "report/format.h"
#include "report/markdown.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

// Records of another kind that point at a record, shown on its page.
struct Related {
  std::string entity;  // "activity"
  std::string field;   // its reference to the record: "campaign"
  std::string title;   // "Activities"
  std::string path;    // where their pages are: "/activities"
};

struct KindPages {
  std::string entity;
  std::string path;      // "/partners"
  std::string title;     // "Partners"
  std::string intro;     // a sentence under the list's heading
  std::vector<std::string> columns;  // list columns; the first links to the record
  std::vector<std::string> filters;  // query-string filters (fields, from, to, q)
  std::vector<ControlSpec> form;     // the form's controls, in order
  std::vector<Related> related;
  bool list_and_view = true;  // false where the kind has pages of its own (surveys)
  bool add = true;            // false where its own pages add records (tasks, insight)
  std::string markdown_field;  // rendered as Markdown on the record's page, with a preview
  std::string reach_field;     // the activities whose `reach_field` names the record: their
                               // people reached are summed on its page (campaigns)
  std::string children;        // a children field the form edits as rows ("factors")
  std::string row_label;       // what one of its rows is called ("Factor")
  std::string children_hint;   // said above the rows
  bool scheme_versions = false;  // scoring schemes: a change to how a scheme that has scored
                                 // insight scores makes a new version (ChangeScoringScheme)
};

const domain::EntityDef& Def(const KindPages& k) { return *domain::FindEntity(k.entity); }

// Where a kind without pages of its own goes after a save: a survey to its page, a survey
// question to its survey's.
std::string NextAfterSave(const KindPages& k, const Record& saved) {
  if (k.entity == "survey_question") return "/surveys/" + PlainText(saved.Get("survey"));
  return k.path + "/" + std::to_string(saved.Id());
}

// Where a form's Cancel goes: the record's page, else the list; a survey question's
// survey (questions have no pages of their own).
std::string BackFromForm(const KindPages& k, int64_t id, const FormValues& values) {
  if (k.entity == "survey_question") {
    const std::string survey = values.Text("survey");
    return survey.empty() ? "/surveys" : "/surveys/" + survey;
  }
  return id == 0 ? k.path : k.path + "/" + std::to_string(id);
}

std::string Singular(const KindPages& k) {
  std::string label = Def(k).label;
  if (!label.empty()) label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  return label;
}

// A period field is a choice of the programme's periods (keeping the value it has), not
// text to type.
Status OfferPeriods(PageRequest& page, const domain::EntityDef& entity, const FormValues& values,
                    std::vector<ControlSpec>& specs) {
  for (ControlSpec& s : specs) {
    const domain::FieldDef* f = entity.Find(s.field);
    if (f == nullptr || f->type != domain::FieldType::kPeriod) continue;
    LOOKOUT_ASSIGN_OR_RETURN(int month, page.env->services.FinancialYearStartMonth());
    s.kind = ControlSpec::Kind::kSelect;
    s.options = PeriodOptions(month, page.env->services.clock().Today(), values.Text(s.field));
  }
  return Status::Ok();
}

json ListColumns(const KindPages& k) {
  json out = json::array();
  for (const std::string& c : k.columns) out.push_back({{"label", Def(k).Find(c)->label}});
  return out;
}

Result<Response> ListPage(const KindPages& k, PageRequest& page) {
  Names names(page.env->services, page.actor);
  ListRequest list = ReadListRequest(page, k.filters);
  LOOKOUT_ASSIGN_OR_RETURN(auto found, ListForPage(page, Def(k), list));
  const domain::EntityDef& e = Def(k);
  json rows = json::array();
  for (const Record& r : found.items) {
    json cells = json::array();
    for (size_t i = 0; i < k.columns.size(); ++i) {
      const domain::FieldDef& f = *e.Find(k.columns[i]);
      json cell = ValueView(f, r, names);
      std::string text = Shortened(cell["text"].get<std::string>(), 120);
      if (i == 0 && text.empty()) text = "#" + std::to_string(r.Id());
      for (json& part : cell["parts"]) part["text"] = Shortened(part["text"].get<std::string>(), 120);
      cells.push_back({{"text", text}, {"parts", cell["parts"]}, {"first", i == 0}});
    }
    rows.push_back({{"href", k.path + "/" + std::to_string(r.Id())},
                    {"cells", cells},
                    {"archived", r.Get("archived") == Value(true)}});
  }
  json filters = json::array();
  for (const std::string& name : k.filters) {
    const domain::FieldDef* f = e.Find(name);
    if (name == "q" || name == "from" || name == "to" || name == "archived") continue;
    // Date bounds a report's links carry (end_on_from): applied, not offered as a select.
    if (name.size() > 5 && (name.ends_with("_from") || name.ends_with("_to"))) continue;
    json options;
    if (f == nullptr) {  // "region" on a kind whose region field is a set
      options = names.Options("region");
      filters.push_back(FilterSelect(name, "Region", options, list));
      continue;
    }
    if (f->type == domain::FieldType::kBool) {
      options = json::array({{{"value", "true"}, {"text", "Yes"}}, {{"value", "false"}, {"text", "No"}}});
    } else if (f->type == domain::FieldType::kPeriod) {
      LOOKOUT_ASSIGN_OR_RETURN(auto month, page.env->services.FinancialYearStartMonth());
      options = PeriodOptions(month, page.env->services.clock().Today(), list.Value(name));
    } else if (f->type == domain::FieldType::kRef || f->type == domain::FieldType::kRefSet) {
      options = names.Options(f->target);
    } else {
      options = VocabularyOptions(f->target);
    }
    filters.push_back(FilterSelect(name, f->label, options, list));
  }
  const bool dated = std::find(k.filters.begin(), k.filters.end(), "from") != k.filters.end();
  json view = {{"intro", k.intro},
               {"path", k.path},
               {"columns", ListColumns(k)},
               {"rows", rows},
               {"selects", filters},
               {"dated", dated},
               {"from", list.Value("from")},
               {"to", list.Value("to")},
               {"q", list.Value("q")},
               {"archived_only", list.Value("archived") == "only"},
               {"can_add", MayCreate(page, e).ok()},
               {"add_label", "Add a " + Singular(k)}};
  return RenderListPage(page, k.title, "records_list", std::move(view), list, found.total);
}

// A record's page; `errors` are those of its archive or restore form after a refusal, or of
// its approval forms (`approval`).
Result<Response> RecordPage(const KindPages& k, PageRequest& page, const FormErrors& errors = {},
                            bool approval = false) {
  LOOKOUT_ASSIGN_OR_RETURN(auto record, RecordOfPath(page, Def(k)));
  Names names(page.env->services, page.actor);
  const int64_t id = record.Id();
  std::vector<std::string> skip;
  if (!k.markdown_field.empty()) skip.push_back(k.markdown_field);
  // Approval has its own part of the page (pages_approval.cc).
  for (const char* f : {"approved", "approved_by", "approved_at"}) skip.push_back(f);
  json related = json::array();
  for (const Related& rel : k.related) {
    const domain::EntityDef* e = domain::FindEntity(rel.entity);
    auto found = page.env->services.List(page.actor, *e,
                                         {{rel.field, std::to_string(id)}, {"limit", "100"}});
    if (!found.ok()) continue;  // a role that may not read them sees no section
    json items = json::array();
    for (const Record& r : found->items) {
      items.push_back({{"href", rel.path + "/" + std::to_string(r.Id())},
                       {"text", Shortened(RecordName(*e, r), 120)}});
    }
    related.push_back({{"title", rel.title},
                       {"items", items},
                       {"none", items.empty()},
                       {"total", found->total},
                       {"more", found->total > static_cast<int64_t>(items.size())}});
  }
  json reach = json::array();
  if (!k.reach_field.empty()) {
    std::map<std::string, std::pair<int64_t, bool>> groups;
    for (int64_t offset = 0;; offset += 500) {
      auto found = page.env->services.List(page.actor, domain::ActivityEntity(),
                                           {{k.reach_field, std::to_string(id)}, {"limit", "500"},
                                            {"offset", std::to_string(offset)}});
      if (!found.ok()) break;
      for (const Record& a : found->items) {
        if (!a.Get("audience").is_rows()) continue;
        for (const Record& row : a.Get("audience").as_rows()) {
          auto& g = groups[PlainText(row.Get("group"))];
          g.first += row.Get("count").is_int() ? row.Get("count").as_int() : 0;
          g.second = g.second || row.Get("estimated") == Value(true);
        }
      }
      if (offset + 500 >= found->total) break;
    }
    for (const domain::Term& t : domain::FindVocabulary("audience_group")->terms) {
      const auto& g = groups[t.code];
      reach.push_back({{"group", t.label},
                       {"count", (g.second ? "approximately " : "") + report::Thousands(g.first)}});
    }
  }
  const bool archived = record.Get("archived") == Value(true);
  json view = {
      {"path", k.path},
      {"id", id},
      {"archive_path", k.path + "/" + std::to_string(id)},
      {"archive_hint", false},
      {"version", PlainText(record.Get("version"))},
      {"rows", SummaryRows(Def(k), record, names, skip)},
      {"body_html", k.markdown_field.empty()
                        ? ""
                        : report::MarkdownToHtml(PlainText(record.Get(k.markdown_field)))},
      {"related", related},
      {"children", ChildTables(Def(k), record, names)},
      {"reach", reach},
      {"has_reach", !reach.empty()},
      {"approval", ApprovalView(page, Def(k), record, k.path, approval ? &errors : nullptr)},
      {"archived", archived},
      {"can_edit", page.Role() != "funder" && !archived},
      {"reason", approval ? "" : page.form.Get("reason")},
      {"reason_error", false},
      {"archive_open", !errors.empty() && !approval},
      {"list_title", k.title}};
  if (!errors.empty()) {
    view["error_summary"] = errors.Summary(approval ? kApproveField : "reason");
    if (!approval) view["reason_error"] = errors.list().front().message;
  }
  return RenderPage(page, RecordName(Def(k), record), "record", std::move(view),
                    errors.empty() ? 200 : errors.HttpStatus());
}

// The add or change form. `current` is the record as stored when another person saved it
// after this person loaded it (the stale-edit case): its differing values are shown.
// `rows`: a record's child rows for the form's rows (`k.children`) on a GET; a POST shows
// the rows as submitted.
Result<Response> FormPage(const KindPages& k, PageRequest& page, int64_t id, int64_t version,
                          const FormValues& values, const FormErrors& errors, const Record* current,
                          int status, const Value& rows = Value()) {
  Names names(page.env->services, page.actor);
  std::vector<ControlSpec> specs = WithChoices(Def(k), k.form, names, values);
  if (Status offered = OfferPeriods(page, Def(k), values, specs); !offered.ok()) {
    return offered;
  }
  json fields = json::array();
  for (const ControlSpec& s : specs) {
    fields.push_back(FieldControl(Def(k), s, values, errors.list()));
  }
  const std::string action = id == 0 ? k.path + "/new" : k.path + "/" + std::to_string(id) + "/edit";
  json period_locks = PeriodLockView(page, Def(k), specs, values, action, fields);
  json child_rows = false;
  if (!k.children.empty()) {
    const bool posted = page.http.method == "POST";
    child_rows = ChildRowsForm(Def(k), k.children, k.row_label)
                     .View(rows, posted ? &page.form : nullptr, errors,
                           posted && ChildRowsForm::AddRowAsked(page.form));
    child_rows["title"] = Def(k).Find(k.children)->label;
    child_rows["hint"] = k.children_hint;
  }
  json form_notice = false;
  if (k.scheme_versions && id != 0) {
    auto scored = page.env->services.ScoringSchemeAssessments(page.actor, id);
    if (scored.ok() && *scored > 0) {
      form_notice = "This version has scored " + std::to_string(*scored) +
                    (*scored == 1 ? " insight item" : " insight items") +
                    ", whose risk scores follow from its factors as they are. A change to its "
                    "factors (one added or removed, a code, group, weight or range changed) is "
                    "saved as a new version of the scheme, which becomes the active scheme if "
                    "this one is; this version stays as it is for those assessments. A label "
                    "is corrected in place.";
    }
  }
  json view = {{"fields", fields},
               {"period_locks", std::move(period_locks)},
               {"action", action},
               {"version", std::to_string(version)},
               {"back", BackFromForm(k, id, values)},
               {"markdown", !k.markdown_field.empty()},
               {"child_rows", child_rows},
               {"form_notice", form_notice},
               {"save_label", "Save"},
               {"preview_html", ""}};
  if (!k.markdown_field.empty() && page.form.Get("action") == "preview") {
    view["preview_html"] = report::MarkdownToHtml(values.Text(k.markdown_field));
  }
  if (current != nullptr) {
    view["stale"] = true;
    view["changes"] = ChangedByOthers(Def(k), specs, values, *current, names);
  }
  if (!errors.empty()) {
    json summary = errors.Summary(k.form.front().field);
    if (!k.children.empty()) {
      // A problem of the rows as a whole links to their first cell, which takes the focus.
      const std::string first = FieldId(ChildRowsForm(Def(k), k.children, k.row_label).FirstCell());
      for (json& item : summary["items"]) {
        if (item["href"] == "#" + FieldId(k.children)) item["href"] = "#" + first;
      }
    }
    view["error_summary"] = std::move(summary);
  }
  const std::string title = id == 0 ? "Add a " + Singular(k) : "Change the " + Singular(k);
  return RenderPage(page, title, "record_form", std::move(view), status);
}

// The add form's POST (`stored` null) or the change form's (`stored` the record as it
// is now), the way every form goes (forms.h): the values read with their type errors, the
// use case's check of every rule in the same round, then the save.
Result<Response> SaveRecord(const KindPages& k, PageRequest& page, const Record* stored) {
  const domain::EntityDef& def = Def(k);
  const std::vector<ControlSpec>& specs = k.form;  // read; the choices are the form page's
  const FormValues values = FormValues::FromForm(def, page.form);
  FormErrors errors;
  std::vector<FieldError> unreadable;
  Record record = ReadRecord(def, specs, page.form, unreadable);
  for (FieldError& e : unreadable) errors.Add(std::move(e.field), std::move(e.message));
  const int64_t id = stored == nullptr ? 0 : stored->Id();
  std::optional<ChildRowsForm> rows;
  std::vector<std::string> order = FieldOrder(specs);
  if (!k.children.empty()) {
    rows.emplace(def, k.children, k.row_label);
    if (ChildRowsForm::AddRowAsked(page.form)) {
      // Another empty row, and nothing checked or saved yet.
      int64_t shown = 0;
      ParseId(page.form.Get("version"), &shown);
      return FormPage(k, page, id, shown, values, FormErrors{}, nullptr, 200);
    }
    record.Set(k.children, Value(rows->Read(page.form)));
    const std::vector<std::string> cells = rows->Order(ChildRowsForm::kMaxRows);
    order.insert(order.end(), cells.begin(), cells.end());
  }
  int64_t version = 0;
  if (stored != nullptr) {
    if (!ParseId(page.form.Get("version"), &version)) {
      errors.Add("version", "The form has no version: reload the page and try again.");
    }
    // A field the form offers but left empty is cleared.
    for (const ControlSpec& s : k.form) {
      if (!record.Has(s.field)) record.Set(s.field, Value());
    }
  }
  const Status checked =
      stored == nullptr  ? page.env->services.CheckCreate(page.actor, def, record)
      : k.scheme_versions ? page.env->services.CheckChangeScoringScheme(page.actor, id, version, record)
                          : page.env->services.CheckUpdate(page.actor, def, id, version, record);
  if (!errors.Take(checked, &def)) return checked;
  if (rows) rows->PlaceErrors(errors);
  // A change made on a stale copy shows what the other person saved beside this form;
  // saving it again replaces theirs.
  const bool stale = stored != nullptr && version != 0 && stored->Get("version") != Value(version);
  const std::string stale_message = "Someone else saved this " + Singular(k) +
                                    " after you opened it. What they saved is shown below; "
                                    "check your values and save again.";
  if (stale) errors.Reword("version", stale_message);
  errors.Order(order);
  const int64_t shown_version = stored == nullptr ? 0 : stored->Get("version").as_int();
  if (!errors.empty()) {
    return FormPage(k, page, id, stale ? shown_version : version, values, errors,
                    stale ? stored : nullptr, errors.HttpStatus());
  }
  if (page.form.Get("action") == "preview") {
    return FormPage(k, page, id, version, values, errors, nullptr, 200);
  }
  auto saved = stored == nullptr   ? page.env->services.Create(page.actor, def, record)
               : k.scheme_versions ? page.env->services.ChangeScoringScheme(page.actor, id, version, record)
                                   : page.env->services.Update(page.actor, def, id, version, record);
  if (!saved.ok()) {
    if (!errors.Take(saved.status(), &def, "version")) return saved.status();
    if (rows) rows->PlaceErrors(errors);
    errors.Order(order);
    return FormPage(k, page, id, version, values, errors, nullptr, errors.HttpStatus());
  }
  if (stored != nullptr && saved->record.Id() != id) {
    // A scheme that has scored insight gained a new version instead.
    return RedirectWithNotice(
        page, k.path + "/" + std::to_string(saved->record.Id()),
        def.label + " \"" + Shortened(RecordName(def, saved->record), 80) + "\" version " +
            PlainText(saved->record.Get("scheme_version")) + " has been made from version " +
            PlainText(stored->Get("scheme_version")) +
            " with the changed factors; version " + PlainText(stored->Get("scheme_version")) +
            " is kept as it was for the insight it scored.");
  }
  const std::string next = k.list_and_view ? k.path + "/" + std::to_string(saved->record.Id())
                                           : NextAfterSave(k, saved->record);
  return RedirectWithNotice(page, next,
                            def.label + " \"" + Shortened(RecordName(def, saved->record), 80) +
                                "\" has been saved.");
}

void AddKindPages(Router& router, const PageEnvPtr& env, const KindPages& spec) {
  auto k = std::make_shared<const KindPages>(spec);
  if (k->list_and_view) {
    AddPage(router, env, "GET", k->path, k->title + ": the list.", PageAccess::kSignedIn,
            [k](PageRequest& page) { return ListPage(*k, page); });
    AddPage(router, env, "GET", k->path + "/{id}", k->title + ": one record.",
            PageAccess::kSignedIn, [k](PageRequest& page) { return RecordPage(*k, page); });
  }
  if (k->add) {
    AddPage(router, env, "GET", k->path + "/new", k->title + ": the form to add one.",
            PageAccess::kSignedIn, [k](PageRequest& page) -> Result<Response> {
              LOOKOUT_RETURN_IF_ERROR(MayCreate(page, Def(*k)));
              // Defaults from the query string (?survey=3 from a survey's page) and the
              // officer's region.
              Record defaults;
              for (const ControlSpec& s : k->form) {
                const std::string given = page.Query(s.field);
                const domain::FieldDef* f = Def(*k).Find(s.field);
                if (!given.empty()) {
                  if (auto v = domain::ParseFieldText(*f, given); v.ok()) defaults.Set(s.field, *v);
                } else if ((s.field == "region") && !page.actor.region.empty()) {
                  defaults.Set(s.field, page.actor.region);
                }
              }
              return FormPage(*k, page, 0, 0, FormValues::FromRecord(Def(*k), defaults),
                              FormErrors{}, nullptr, 200);
            });
    AddPage(router, env, "POST", k->path + "/new", k->title + ": add one.", PageAccess::kSignedIn,
            [k](PageRequest& page) { return SaveRecord(*k, page, nullptr); });
  }
  AddPage(router, env, "GET", k->path + "/{id}/edit", k->title + ": the form to change one.",
          PageAccess::kSignedIn, [k](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto record, RecordOfPath(page, Def(*k)));
            return FormPage(*k, page, record.Id(), record.Get("version").as_int(),
                            FormValues::FromRecord(Def(*k), record), FormErrors{}, nullptr, 200,
                            k->children.empty() ? Value() : record.Get(k->children));
          });
  AddPage(router, env, "POST", k->path + "/{id}/edit", k->title + ": change one.",
          PageAccess::kSignedIn, [k](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto record, RecordOfPath(page, Def(*k)));
            return SaveRecord(*k, page, &record);
          });
  for (const bool archive : {true, false}) {
    AddPage(router, env, "POST", k->path + "/{id}/" + (archive ? "archive" : "restore"),
            k->title + (archive ? ": archive one." : ": restore one."), PageAccess::kSignedIn,
            [k, archive](PageRequest& page) -> Result<Response> {
              LOOKOUT_ASSIGN_OR_RETURN(auto record, RecordOfPath(page, Def(*k)));
              return ArchiveFromForm(
                  page, Def(*k), record, archive, k->path + "/" + std::to_string(record.Id()),
                  [&](const FormErrors& errors) { return RecordPage(*k, page, errors); });
            });
  }
  if (app::HasApproval(Def(*k))) {
    AddApprovalPages(router, env, Def(*k), k->path, [k](PageRequest& page, const FormErrors& errors) {
      return RecordPage(*k, page, errors, true);
    });
  }
}


const std::vector<KindPages>& AllKindPages() {
  using Kind = ControlSpec::Kind;
  static const std::vector<KindPages> kPages = {
      {.entity = "partner",
       .path = "/partners",
       .title = "Partners",
       .intro = "The organisations the programme works with: police forces, councils, transport "
                "operators, hotels, charities. Officers add partners of their own region.",
       .columns = {"name", "sector", "region", "active"},
       .filters = {"region", "sector", "active", "q", "archived"},
       .form = {{.field = "name"}, {.field = "sector", .kind = Kind::kSelect},
                {.field = "region"}, {.field = "active"}},
       .related = {{"activity", "partners", "Activities", "/activities"},
                   {"outcome_event", "partner", "Outcome events", "/outcome-events"}}},
      {.entity = "campaign",
       .path = "/campaigns",
       .title = "Campaigns",
       .intro = "Campaigns bring activities together under one name and period.",
       .columns = {"name", "start_on", "end_on", "regions"},
       .filters = {"region", "themes", "from", "to", "end_on_from", "q", "archived"},
       .form = {{.field = "name"}, {.field = "description"}, {.field = "start_on"},
                {.field = "end_on"}, {.field = "regions"}, {.field = "themes"},
                {.field = "partners", .kind = Kind::kCheckboxes}, {.field = "task"}},
       .related = {{"activity", "campaign", "Activities", "/activities"}},
       .reach_field = "campaign"},
      {.entity = "outcome",
       .path = "/outcomes",
       .title = "Outcomes",
       .intro = "The programme's outcome framework: what should change for professionals, "
                "systems, and children and young people.",
       .columns = {"code", "statement", "level"},
       .filters = {"level", "q", "archived"},
       .form = {{.field = "code", .width = "10"}, {.field = "statement"}, {.field = "level"},
                {.field = "description"}},
       .related = {{"indicator", "outcome", "Indicators", "/indicators"},
                   {"quote", "outcome", "Quotes", "/quotes"},
                   {"outcome_event", "outcome", "Outcome events", "/outcome-events"}}},
      {.entity = "indicator",
       .path = "/indicators",
       .title = "Indicators",
       .intro = "How each outcome is evidenced: a survey question, what counts as a positive "
                "answer, and whom it is about.",
       .columns = {"code", "outcome", "statement"},
       .filters = {"outcome", "q", "archived"},
       .form = {{.field = "code", .width = "10"}, {.field = "outcome"}, {.field = "statement"},
                {.field = "positive_answers"}, {.field = "base"}}},
      {.entity = "quote",
       .path = "/quotes",
       .title = "Quotes",
       .intro = "What stakeholders said, attributed by their type and region only. A quote is "
                "published only with consent and once approved.",
       .columns = {"text", "stakeholder_type", "region", "approved"},
       .filters = {"region", "stakeholder_type", "approved", "outcome", "from", "to", "q", "archived"},
       .form = {{.field = "text", .hint = "The words as said. No names, and nothing that "
                                          "identifies the speaker or a child."},
                {.field = "stakeholder_type", .kind = Kind::kSelect}, {.field = "region"},
                {.field = "source", .kind = Kind::kSelect}, {.field = "collected_on"},
                {.field = "consent_given"}, {.field = "consent_on"}, {.field = "outcome"},
                {.field = "task"}}},
      {.entity = "case_study",
       .path = "/case-studies",
       .title = "Case studies",
       .intro = "Accounts of the programme's work and what it changed, written in Markdown and "
                "approved before they are published.",
       .columns = {"title", "period", "approved"},
       .filters = {"approved", "period", "q", "archived"},
       .form = {{.field = "title"}, {.field = "summary"},
                {.field = "body", .hint = "Markdown: ## for a heading, - for a list, *emphasis*, "
                                          "**strong**. Preview it before saving. No names of "
                                          "children or details that could identify them."},
                {.field = "period"},
                {.field = "regions"}, {.field = "outcomes", .kind = Kind::kCheckboxes}},
       .markdown_field = "body"},
      {.entity = "outcome_event",
       .path = "/outcome-events",
       .title = "Outcome events",
       .intro = "Observed changes that follow the programme's work: a new referral pathway, a "
                "policy changed, an NRM referral made.",
       .columns = {"occurred_on", "kind", "region", "outcome"},
       .filters = {"kind", "region", "outcome", "from", "to", "q", "archived"},
       .form = {{.field = "kind", .kind = Kind::kSelect}, {.field = "occurred_on"},
                {.field = "region"}, {.field = "partner"}, {.field = "task"},
                {.field = "outcome"}, {.field = "description"}}},
      {.entity = "objective",
       .path = "/objectives",
       .title = "Programme objectives",
       .intro = "The objectives every task serves.",
       .columns = {"code", "title", "active"},
       .filters = {"active", "q", "archived"},
       .form = {{.field = "code", .width = "20"}, {.field = "title"}, {.field = "description"},
                {.field = "active"}},
       .related = {{"task", "objectives", "Tasks", "/tasks"}}},
      {.entity = "staff",
       .path = "/admin/staff",
       .title = "Staff",
       .intro = "The programme's staff and their roles. Accounts (sign-in) are managed from "
                "the administration page.",
       .columns = {"name", "email", "role", "home_region", "active"},
       .filters = {"role", "home_region", "active", "q", "archived"},
       .form = {{.field = "name"}, {.field = "email", .width = "20"}, {.field = "role"},
                {.field = "home_region", .hint = "Required for officers"}, {.field = "active"}}},
      {.entity = "region",
       .path = "/admin/regions",
       .title = "Regions",
       .columns = {"code", "name", "prose_name", "nation"},
       .filters = {"q", "archived"},
       .form = {{.field = "code", .width = "4"}, {.field = "name"}, {.field = "prose_name"},
                {.field = "nation"}, {.field = "aliases"}}},
      {.entity = "police_force",
       .path = "/admin/police-forces",
       .title = "Police forces",
       .columns = {"name", "region", "rocu", "pfa_code"},
       .filters = {"region", "q", "archived"},
       .form = {{.field = "code", .width = "20"}, {.field = "name"}, {.field = "region"},
                {.field = "pfa_code", .width = "10"}, {.field = "rocu"}, {.field = "note"}}},
      {.entity = "sector",
       .path = "/admin/sectors",
       .title = "Sectors",
       .intro = "The sectors partners and professionals belong to. Add one when the fixed "
                "list does not fit.",
       .columns = {"name", "code", "stakeholder_label", "active"},
       .filters = {"active", "q", "archived"},
       .form = {{.field = "code", .width = "20"}, {.field = "name"},
                {.field = "stakeholder_label"}, {.field = "active"}}},
      {.entity = "insight",
       .path = "/insight",
       .title = "Insight",
       .form = {{.field = "received_on"}, {.field = "source_type"}, {.field = "region"},
                {.field = "force"}, {.field = "themes"}, {.field = "county_lines"},
                {.field = "nrm_exploitation_types"}, {.field = "location_types"},
                {.field = "summary", .hint = "No child's name, address, school or anything else "
                                             "that could identify them."},
                {.field = "grade_source", .hint = "Police intelligence only"},
                {.field = "grade_intelligence", .hint = "Police intelligence only"},
                {.field = "grade_handling", .hint = "Police intelligence only"},
                {.field = "handling_conditions"}, {.field = "legacy_grade", .width = "4"},
                {.field = "review_on"}},
       .list_and_view = false,
       .add = false},
      {.entity = "task",
       .path = "/tasks",
       .title = "Tasks",
       .form = {{.field = "title"}, {.field = "description"},
                {.field = "objectives", .kind = Kind::kCheckboxes}, {.field = "themes"},
                {.field = "county_lines"}, {.field = "regions"}, {.field = "lead", .kind = Kind::kSelect},
                {.field = "staff", .kind = Kind::kCheckboxes}, {.field = "audiences"},
                {.field = "priority"}, {.field = "due_on"}},
       .list_and_view = false,
       .add = false},
      {.entity = "scoring_scheme",
       .path = "/admin/scoring-schemes",
       .title = "Scoring schemes",
       .intro = "How insight is scored for tasking: each scheme's factors, their groups, "
                "weights and ranges. Assessing insight uses the active scheme of the highest "
                "version. A scheme that has scored insight keeps its factors as they are: "
                "changing them makes a new version.",
       .columns = {"scheme_version", "name", "active"},
       .filters = {"active", "q", "archived"},
       .form = {{.field = "name"}, {.field = "description"}, {.field = "active"},
                {.field = "bands", .hint = "What a risk score means, shown on the assessment "
                                           "form: each band from its lowest score, lowest first, "
                                           "separated by ';', for example '2 = Low: keep it under "
                                           "review; 10 = High: propose a task'",
                 .kind = Kind::kTextarea}},
       .children = "factors",
       .row_label = "Factor",
       .children_hint = "Each factor is scored within its range when insight is assessed. The "
                        "risk score is the weighted mean of the harm factors times that of the "
                        "likelihood factors, plus that of the organisational position factors. "
                        "Fill in the empty row to add a factor; tick Remove to take one out.",
       .scheme_versions = true},
      {.entity = "survey",
       .path = "/surveys",
       .title = "Surveys",
       .form = {{.field = "title"}, {.field = "kind"}, {.field = "period"},
                {.field = "task"}, {.field = "description"}},
       .list_and_view = false},
      {.entity = "survey_question",
       .path = "/survey-questions",
       .title = "Survey questions",
       // A new question takes the place after the last; the survey's page moves it.
       .form = {{.field = "survey", .kind = Kind::kSelect},
                {.field = "text"}, {.field = "kind"},
                {.field = "options", .hint = "For choice questions: the choices, separated by ;"},
                {.field = "indicator"}},
       .list_and_view = false},
  };
  return kPages;
}

}  // namespace

void AddRecordPages(Router& router, const PageEnvPtr& env) {
  for (const KindPages& k : AllKindPages()) AddKindPages(router, env, k);
}

}  // namespace lookout::http::ui
