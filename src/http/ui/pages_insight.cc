// The insight log: the list with its filters, recording new insight, one item's page.
// Every list and every item shown is a consultation the use cases record in the audit
// trail; insight with handling code C shows its conditions wherever it is shown.
#include <optional>

#include "http/ui/display.h"
#include "http/ui/forms.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"
#include "http/ui/scoring_view.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;
using Kind = ControlSpec::Kind;

const domain::EntityDef& InsightDef() { return domain::InsightEntity(); }

// The form's controls, in order. The grading fields sit inside the "police intelligence"
// choice of the source type (shown when it is chosen, with JavaScript; always without).
std::vector<ControlSpec> BeforeSource() {
  return {{.field = "received_on"}};
}
std::vector<ControlSpec> Grading() {
  return {{.field = "grade_source", .hint = "3x5x2: how reliable the source is"},
          {.field = "grade_intelligence", .hint = "How far the information is known to be true"},
          {.field = "grade_handling", .hint = "P: may be shared lawfully; C: only with the conditions below"},
          {.field = "handling_conditions",
           .hint = "Required for handling code C: who may see it and what may be done with it"},
          {.field = "legacy_grade",
           .hint = "Only for older intelligence graded 5x5x5, for example B2 4 written B24; "
                   "never together with 3x5x2",
           .width = "4"}};
}
std::vector<ControlSpec> AfterSource(Names& names) {
  return {{.field = "region", .options = names.Options("region")},
          {.field = "force", .hint = "The police force area it concerns, if any",
           .options = names.Options("police_force")},
          {.field = "themes"},
          {.field = "county_lines", .hint = "Only with child criminal exploitation"},
          {.field = "nrm_exploitation_types",
           .hint = "Only with modern slavery and human trafficking: the NRM exploitation types"},
          {.field = "location_types"},
          {.field = "summary",
           .hint = "What was seen, heard or reported, and where. Do not write a child's name, "
                   "address, school or anything else that could identify them."},
          {.field = "review_on", .hint = "When it must be reviewed for retention"},
          {.field = "confidence"}};
}

std::vector<ControlSpec> AllControls(Names& names) {
  std::vector<ControlSpec> all = BeforeSource();
  all.push_back({.field = "source_type"});
  for (auto& s : Grading()) all.push_back(s);
  for (auto& s : AfterSource(names)) all.push_back(s);
  return all;
}

Response InsightForm(PageRequest& page, const FormValues& values, const FormErrors& form_errors,
                     int status) {
  const std::vector<FieldError>& errors = form_errors.list();
  Names names(page.env->services, page.actor);
  json before = json::array();
  for (const ControlSpec& s : BeforeSource()) {
    before.push_back(FieldControl(InsightDef(), s, values, errors));
  }
  json grading = json::array();
  for (const ControlSpec& s : Grading()) {
    grading.push_back(FieldControl(InsightDef(), s, values, errors));
  }
  json source = FieldControl(InsightDef(), {.field = "source_type"}, values, errors);
  for (json& option : source["options"]) {
    if (option["value"] == "police_intelligence") {
      option["police"] = true;
      option["grading"] = grading;
    }
  }
  json after = json::array();
  for (const ControlSpec& s : AfterSource(names)) {
    after.push_back(FieldControl(InsightDef(), s, values, errors));
  }
  json view = {{"before", before}, {"source", source}, {"after", after}};
  if (!errors.empty()) view["error_summary"] = form_errors.Summary("received_on");
  return RenderPage(page, "Record insight", "insight_form", std::move(view), status);
}

// The list's filters, as the query string has them.
const std::vector<std::string>& ListFilters() {
  static const std::vector<std::string> kFilters = {
      "region", "themes", "location_types", "status", "source_type", "grade_handling", "from",
      "to", "q"};
  return kFilters;
}

// The assessment form: the scoring scheme's factors, each scored within its range, the
// confidence and the outcome of the assessment (assessed, or no further action).
Result<Response> AssessForm(PageRequest& page, const Record& insight, const Record* scheme,
                            const FormErrors& form_errors, int status) {
  const std::vector<FieldError>& errors = form_errors.list();
  json factors = json::array();
  if (scheme != nullptr && scheme->Get("factors").is_rows()) {
    for (const Record& f : scheme->Get("factors").as_rows()) {
      const std::string code = PlainText(f.Get("code"));
      std::string value = page.form.Get("factor-" + code);
      if (page.http.method == "GET" && insight.Get("factor_scores").is_rows()) {
        for (const Record& s : insight.Get("factor_scores").as_rows()) {
          if (PlainText(s.Get("factor")) == code) value = PlainText(s.Get("score"));
        }
      }
      json item = {{"code", code},
                   {"id", FieldId("factor-" + code)},
                   {"label", PlainText(f.Get("label"))},
                   {"group", TermLabel("factor_group", PlainText(f.Get("group")))},
                   {"range", PlainText(f.Get("min_score")) + " to " + PlainText(f.Get("max_score"))},
                   {"value", value},
                   {"scale", FactorScaleView(f)},
                   {"error", false}};
      item["has_scale"] = !item["scale"].empty();
      for (const FieldError& e : errors) {
        if (e.field == "factor-" + code) item["error"] = e.message;
      }
      factors.push_back(std::move(item));
    }
  }
  const std::string confidence =
      page.http.method == "GET" ? PlainText(insight.Get("confidence")) : page.form.Get("confidence");
  json confidences = json::array();
  int i = 0;
  for (json o : VocabularyOptions("confidence")) {
    o["checked"] = o["value"].get<std::string>() == confidence;
    o["id"] = i++ == 0 ? std::string("field-confidence") : "field-confidence-" + o["value"].get<std::string>();
    confidences.push_back(std::move(o));
  }
  json view = {{"id", insight.Id()},
               {"version", PlainText(insight.Get("version"))},
               {"scheme", scheme ? PlainText(scheme->Get("name")) : ""},
               {"scheme_id", scheme ? std::to_string(scheme->Id()) : ""},
               {"no_scheme", scheme == nullptr},
               {"factors", factors},
               {"confidences", confidences},
               {"summary", PlainText(insight.Get("summary"))},
               {"no_further_action", page.form.Get("outcome") == "no_further_action"}};
  if (scheme != nullptr) {
    view["risk"] = RiskBandsView(*scheme);
    view["risk"]["current"] = RiskScoreText(*scheme, insight.Get("risk_score"));
  }
  for (const FieldError& e : errors) {
    if (e.field == "confidence") view["confidence_error"] = e.message;
  }
  if (!errors.empty()) {
    view["error_summary"] = form_errors.Summary(
        factors.empty() ? "confidence" : "factor-" + factors[0]["code"].get<std::string>());
  }
  return RenderPage(page, "Assess insight " + std::to_string(insight.Id()), "insight_assess",
                    std::move(view), status);
}

// The scheme an assessment uses: the insight's own, else the active scheme of the highest
// version. Null when there is none.
Result<std::optional<Record>> SchemeFor(PageRequest& page, const Record& insight) {
  const domain::EntityDef& e = *domain::FindEntity("scoring_scheme");
  if (insight.Get("scoring_scheme").is_int()) {
    LOOKOUT_ASSIGN_OR_RETURN(Record r, page.env->services.Get(page.actor, e, insight.Get("scoring_scheme").as_int()));
    return std::optional<Record>(std::move(r));
  }
  LOOKOUT_ASSIGN_OR_RETURN(store::Page found,
                           page.env->services.List(page.actor, e, {{"active", "true"}, {"sort", "-scheme_version"}, {"limit", "1"}}));
  if (found.items.empty()) return std::optional<Record>();
  return std::optional<Record>(std::move(found.items.front()));
}

}  // namespace

void AddInsightPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/insight/{id}/assess", "The form to assess and score insight.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto insight, RecordOfPath(page, InsightDef()));
            LOOKOUT_ASSIGN_OR_RETURN(auto scheme, SchemeFor(page, insight));
            return AssessForm(page, insight, scheme.has_value() ? &*scheme : nullptr, FormErrors{},
                              200);
          });

  AddPage(router, env, "POST", "/insight/{id}/assess", "Assess and score insight.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_ASSIGN_OR_RETURN(auto insight, RecordOfPath(page, InsightDef()));
            LOOKOUT_ASSIGN_OR_RETURN(auto scheme, SchemeFor(page, insight));
            const Record* s = scheme.has_value() ? &*scheme : nullptr;
            int64_t version = 0;
            FormErrors errors;
            if (!ParseId(page.form.Get("version"), &version)) {
              errors.Add("version", "The form has no version: reload the page and try again.");
            }
            Record changes;
            // The scores as sent, in order: the use case names a row's problem by its
            // place ("factor_scores[1].score"), the page by the factor's box.
            std::vector<const Record*> rows_sent;
            const Value::Rows no_factors;
            const Value::Rows& factors =
                s != nullptr && s->Get("factors").is_rows() ? s->Get("factors").as_rows() : no_factors;
            auto range_message = [](const Record& f) {
              return PlainText(f.Get("label")) + ": enter a score from " +
                     PlainText(f.Get("min_score")) + " to " + PlainText(f.Get("max_score"));
            };
            if (s != nullptr) {
              Value::Rows scores;
              for (const Record& f : factors) {
                const std::string code = PlainText(f.Get("code"));
                const std::string text = page.form.Get("factor-" + code);
                if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos) {
                  errors.Add("factor-" + code, range_message(f));
                  continue;
                }
                Record row;
                row.Set("factor", code);
                row.Set("score", static_cast<int64_t>(std::stoi(text)));
                scores.push_back(std::move(row));
                rows_sent.push_back(&f);
              }
              changes.Set("scoring_scheme", s->Id());
              changes.Set("factor_scores", Value(std::move(scores)));
            }
            if (page.form.Get("confidence").empty()) {
              errors.Add("confidence", "Choose how confident the assessment is");
            } else {
              changes.Set("confidence", page.form.Get("confidence"));
            }
            changes.Set("status", page.form.Get("outcome") == "no_further_action" ? "no_further_action" : "assessed");
            const Status checked = page.env->services.CheckUpdate(page.actor, InsightDef(),
                                                                  insight.Id(), version, changes);
            if (!errors.Take(checked, nullptr, "confidence")) return checked;
            if (errors.empty()) {
              auto saved = page.env->services.Update(page.actor, InsightDef(), insight.Id(),
                                                     version, changes);
              if (saved.ok()) {
                return RedirectWithNotice(
                    page, "/insight/" + std::to_string(insight.Id()),
                    "The assessment of insight " + std::to_string(insight.Id()) + " is saved.");
              }
              if (!errors.Take(saved.status(), nullptr, "confidence")) return saved.status();
            }
            if (errors.Has("version")) {
              errors.Reword("version", "Someone else changed this insight after you opened the "
                                       "assessment. Check it and save the assessment again.");
            }
            // A factor's problem is shown beside that factor's box, worded with its label.
            for (size_t i = 0; i < rows_sent.size(); ++i) {
              const std::string box = "factor-" + PlainText(rows_sent[i]->Get("code"));
              const std::string row = "factor_scores[" + std::to_string(i) + "]";
              errors.MoveWhere([&](const std::string& f) { return f.rfind(row, 0) == 0; }, box);
              if (errors.Has(box)) errors.Reword(box, range_message(*rows_sent[i]));
            }
            std::vector<std::string> order;
            for (const Record& f : factors) order.push_back("factor-" + PlainText(f.Get("code")));
            order.push_back("confidence");
            errors.Order(order);
            return AssessForm(page, insight, s, errors, errors.HttpStatus());
          });

  AddPage(router, env, "GET", "/insight", "The insight log, filtered and paged.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            Names names(page.env->services, page.actor);
            ListRequest list = ReadListRequest(page, ListFilters());
            LOOKOUT_ASSIGN_OR_RETURN(auto found, ListForPage(page, InsightDef(), list));
            const domain::EntityDef& e = InsightDef();
            json rows = json::array();
            for (const Record& r : found.items) {
              const std::string summary = Shortened(PlainText(r.Get("summary")), 160);
              rows.push_back({{"id", r.Id()},
                              {"received", DisplayValue(*e.Find("received_on"), r, names)},
                              {"source", DisplayValue(*e.Find("source_type"), r, names)},
                              {"region", DisplayValue(*e.Find("region"), r, names)},
                              {"themes", DisplayValue(*e.Find("themes"), r, names)},
                              {"summary", summary},
                              {"status", DisplayValue(*e.Find("status"), r, names)},
                              {"conditions", r.Get("grade_handling") == Value("C")},
                              {"score", PlainText(r.Get("risk_score"))}});
            }
            json filters = {
                {"region", FilterSelect("region", "Region", names.Options("region"), list)},
                {"themes", FilterSelect("themes", "Theme", VocabularyOptions("theme"), list)},
                {"location_types", FilterSelect("location_types", "Location type",
                                                VocabularyOptions("location_type"), list)},
                {"status", FilterSelect("status", "Status", VocabularyOptions("insight_status"), list)},
                {"source_type", FilterSelect("source_type", "Source type",
                                             VocabularyOptions("source_type"), list)},
                {"grade_handling", FilterSelect("grade_handling", "Handling code",
                                                VocabularyOptions("grade_handling"), list)},
                {"from", list.Value("from")},
                {"to", list.Value("to")},
                {"q", list.Value("q")}};
            json view = {{"rows", rows},
                         {"filters", filters},
                         {"can_record", page.Role() == "officer" || page.Role() == "manager"}};
            return RenderListPage(page, "Insight", "insight_list", std::move(view), list,
                                  found.total);
          });

  AddPage(router, env, "GET", "/insight/new", "The form to record insight.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(MayCreate(page, InsightDef()));
            Record defaults;
            defaults.Set("received_on", page.env->services.clock().Today().ToString());
            if (!page.actor.region.empty()) defaults.Set("region", page.actor.region);
            return InsightForm(page, FormValues::FromRecord(InsightDef(), defaults), FormErrors{}, 200);
          });

  AddPage(router, env, "POST", "/insight/new", "Record insight.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            Names names(page.env->services, page.actor);
            const std::vector<ControlSpec> specs = AllControls(names);
            FormErrors errors;
            std::vector<FieldError> unreadable;
            Record record = ReadRecord(InsightDef(), specs, page.form, unreadable);
            for (FieldError& e : unreadable) errors.Add(std::move(e.field), std::move(e.message));
            const FormValues values = FormValues::FromForm(InsightDef(), page.form);
            if (page.actor.staff_id > 0) record.Set("recorded_by", page.actor.staff_id);
            const Status checked = page.env->services.CheckCreate(page.actor, InsightDef(), record);
            if (!errors.Take(checked, &InsightDef())) return checked;
            if (errors.empty()) {
              auto saved = page.env->services.Create(page.actor, InsightDef(), record);
              if (saved.ok()) {
                return RedirectWithNotice(
                    page,
                    "/insight/" + std::to_string(saved->record.Id()) +
                        (saved->warnings.empty() ? "" : "?warned=1"),
                    "Insight " + std::to_string(saved->record.Id()) + " has been recorded.");
              }
              if (!errors.Take(saved.status(), &InsightDef())) return saved.status();
            }
            errors.Order(FieldOrder(specs));
            return InsightForm(page, values, errors, errors.HttpStatus());
          });

  AddPage(
      router, env, "GET", "/insight/{id}", "One insight item.", PageAccess::kSignedIn,
      [](PageRequest& page) -> Result<Response> {
        LOOKOUT_ASSIGN_OR_RETURN(auto record, RecordOfPath(page, InsightDef()));
        const int64_t id = record.Id();
        Names names(page.env->services, page.actor);
        json rows = SummaryRows(InsightDef(), record, names, {"handling_conditions", "summary"});
        // The risk score with what it means under the scheme it was scored by.
        if (record.Get("scoring_scheme").is_int() && !record.Get("risk_score").is_null()) {
          auto scheme = SchemeFor(page, record);
          if (scheme.ok() && scheme->has_value()) {
            for (json& row : rows) {
              if (row["key"] == InsightDef().Find("risk_score")->label) {
                row["value"] = RiskScoreText(**scheme, record.Get("risk_score"));
                row["parts"] = json::array();  // the text, not the bare number's part
              }
            }
          }
        }
        json view = {{"id", id},
                     {"rows", rows},
                     {"summary", PlainText(record.Get("summary"))},
                     {"conditions", record.Get("grade_handling") == Value("C")},
                     {"conditions_text", PlainText(record.Get("handling_conditions"))},
                     {"warned", page.Query("warned") == "1"},
                     {"can_assess", page.Role() == "officer" || page.Role() == "manager"},
                     {"can_propose", page.Role() == "officer" || page.Role() == "manager"}};
        return RenderPage(page, "Insight " + std::to_string(id), "insight", std::move(view));
      });
}

}  // namespace lookout::http::ui
