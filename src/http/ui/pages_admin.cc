// The index pages of evaluation and administration, and the audit trail browser.
#include "app/ops/audit_trail.h"
#include "http/ui/audit_view.h"
#include "http/ui/display.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

struct Section {
  const char* entity;
  const char* path;
  const char* title;
  const char* what;
};

// Links to the kinds of a section, each with how many live records the actor may see.
Result<json> SectionLinks(PageRequest& page, const std::vector<Section>& sections) {
  json out = json::array();
  for (const Section& s : sections) {
    auto found = page.env->services.List(page.actor, *domain::FindEntity(s.entity), {{"limit", "1"}});
    if (!found.ok()) {
      if (found.status().code() == ErrorCode::kForbidden) continue;
      return found.status();
    }
    out.push_back({{"href", s.path}, {"title", s.title}, {"what", s.what},
                   {"count", std::to_string(found->total)}});
  }
  return out;
}

// "actor" is chosen by name and "record" typed as people name records; "entity_id" comes
// from the links that choose among records of the same name.
const std::vector<std::string>& AuditFilters() {
  static const std::vector<std::string> kFilters = {"actor", "action", "entity", "record",
                                                    "entity_id", "from", "to"};
  return kFilters;
}

// "7 December 2026, 13:40" from "2026-12-07T13:40:12Z".
std::string AuditTime(const std::string& at) {
  if (at.size() < 16) return at;
  return LongDate(at.substr(0, 10)) + ", " + at.substr(11, 5);
}

}  // namespace

void AddAdminPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/evaluation", "The evaluation pages: outcomes to outcome events.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            auto links = SectionLinks(
                page, {{"outcome", "/outcomes", "Outcomes", "the outcome framework"},
                       {"indicator", "/indicators", "Indicators", "how each outcome is evidenced"},
                       {"survey", "/surveys", "Surveys", "questions, responses and results"},
                       {"quote", "/quotes", "Quotes", "what stakeholders said, with consent"},
                       {"case_study", "/case-studies", "Case studies", "accounts of the work and what it changed"},
                       {"outcome_event", "/outcome-events", "Outcome events", "observed changes"}});
            if (!links.ok()) return links.status();
            if (links->empty()) {
              return Status(ErrorCode::kForbidden, "The evaluation records are not for your role.");
            }
            return RenderPage(page, "Evaluation", "section", {{"links", *links}});
          });

  AddPage(router, env, "GET", "/admin", "Reference data and administration.", PageAccess::kSignedIn,
          [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(app::AuthorizeAuditAccess(page.actor));
            auto links = SectionLinks(
                page, {{"staff", "/admin/staff", "Staff", "people, roles and home regions"},
                       {"region", "/admin/regions", "Regions", "the programme's regions"},
                       {"police_force", "/admin/police-forces", "Police forces", "forces, their regions and ROCUs"},
                       {"sector", "/admin/sectors", "Sectors", "partners' and professionals' sectors"},
                       {"objective", "/objectives", "Programme objectives", "what every task serves"},
                       {"scoring_scheme", "/admin/scoring-schemes", "Scoring schemes", "how insight is scored for tasking"}});
            if (!links.ok()) return links.status();
            return RenderPage(page, "Reference data", "section",
                              {{"links", *links}, {"audit", true}});
          });

  AddPage(router, env, "GET", "/admin/audit", "The audit trail, filtered and paged.",
          PageAccess::kSignedIn, [](PageRequest& page) -> Result<Response> {
            LOOKOUT_RETURN_IF_ERROR(app::AuthorizeAuditAccess(page.actor));
            ListRequest list = ReadListRequest(page, AuditFilters());
            AuditDescriber describer(page.env->services);
            // The record filter names a record as people do; the trail is asked by kind and id.
            app::Params params;
            for (const auto& [k, v] : list.params) {
              if (k != "record") params.emplace_back(k, v);
            }
            json candidates = json::array();
            std::string record_text = list.Value("record");
            if (!record_text.empty()) {
              AuditRecordChoice choice =
                  FindAuditRecord(page.env->services, record_text, list.Value("entity"), list.filters);
              std::erase_if(params, [](const auto& p) { return p.first == "entity" || p.first == "entity_id"; });
              if (!choice.entity.empty()) {
                params.emplace_back("entity", choice.entity);
                params.emplace_back("entity_id", std::to_string(choice.id));
              } else {
                list.errors.push_back({"record", choice.error});
                candidates = choice.candidates;
              }
            } else if (int64_t id = 0; ParseId(list.Value("entity_id"), &id)) {
              record_text = describer.RecordName(list.Value("entity"), id);
            }
            Result<store::AuditPage> found = store::AuditPage{};
            if (list.errors.empty()) found = app::ListAudit(page.env->services, page.actor, params);
            if (!found.ok()) {
              if (found.status().code() != ErrorCode::kValidation) return found.status();
              for (const FieldError& e : found.status().fields()) list.errors.push_back(e);
              found = store::AuditPage{};
            }
            json rows = json::array();
            for (const store::StoredAuditEntry& e : found->items) {
              const store::AuditEntry& a = e.entry;
              rows.push_back({{"id", std::to_string(e.id)},
                              {"at", a.at},
                              {"when", AuditTime(a.at)},
                              {"sentence", describer.Sentence(a)},
                              {"href", AuditDescriber::RecordHref(a.entity, a.entity_id)},
                              {"record", describer.RecordPhrase(a.entity, a.entity_id)},
                              {"address", a.address},
                              {"reason", a.reason},
                              {"raw", app::AuditEntryToJson(e).dump(2)}});
            }
            std::string record_error;
            for (const FieldError& e : list.errors) {
              if (e.field == "record") record_error = e.message;
            }
            json view = {{"rows", rows},
                         {"record_error", record_error},
                         {"actors", AuditActorOptions(describer, page.env->services, list.Value("actor"))},
                         {"actions", AuditActionOptions(list.Value("action"))},
                         {"entities", AuditEntityOptions(list.Value("entity"))},
                         {"record", record_text},
                         {"candidates", candidates},
                         {"has_candidates", !candidates.empty()},
                         {"from", list.Value("from")},
                         {"to", list.Value("to")}};
            return RenderListPage(page, "Audit trail", "audit", std::move(view), list, found->total);
          });
}

}  // namespace lookout::http::ui
