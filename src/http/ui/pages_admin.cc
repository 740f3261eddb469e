// The index pages of evaluation and administration, and the audit trail browser.
#include "app/audit_trail.h"
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

const std::vector<std::string>& AuditFilters() {
  static const std::vector<std::string> kFilters = {"actor", "action", "entity", "entity_id",
                                                    "from", "to"};
  return kFilters;
}

}  // namespace

void AddAdminPages(Router& router, const PageEnvPtr& env) {
  AddPage(router, env, "GET", "/evaluation", "The evaluation pages: outcomes to outcome events.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            auto links = SectionLinks(
                page, {{"outcome", "/outcomes", "Outcomes", "the outcome framework"},
                       {"indicator", "/indicators", "Indicators", "how each outcome is evidenced"},
                       {"survey", "/surveys", "Surveys", "questions, responses and results"},
                       {"quote", "/quotes", "Quotes", "what stakeholders said, with consent"},
                       {"case_study", "/case-studies", "Case studies", "accounts of the work and what it changed"},
                       {"outcome_event", "/outcome-events", "Outcome events", "observed changes"}});
            if (!links.ok()) return ErrorPage(page, links.status());
            if (links->empty()) {
              return ErrorPage(page, Status(ErrorCode::kForbidden, "The evaluation records are not for your role."));
            }
            return RenderPage(page, "Evaluation", "section", {{"links", *links}});
          });

  AddPage(router, env, "GET", "/admin", "Reference data and administration.", PageAccess::kSignedIn,
          [](PageRequest& page) {
            if (Status may = app::AuthorizeAuditAccess(page.actor); !may.ok()) return ErrorPage(page, may);
            auto links = SectionLinks(
                page, {{"staff", "/admin/staff", "Staff", "people, roles and home regions"},
                       {"region", "/admin/regions", "Regions", "the programme's regions"},
                       {"police_force", "/admin/police-forces", "Police forces", "forces, their regions and ROCUs"},
                       {"sector", "/admin/sectors", "Sectors", "partners' and professionals' sectors"},
                       {"objective", "/objectives", "Programme objectives", "what every task serves"},
                       {"scoring_scheme", "/admin/scoring-schemes", "Scoring schemes", "how insight is scored for tasking"}});
            if (!links.ok()) return ErrorPage(page, links.status());
            return RenderPage(page, "Reference data", "section",
                              {{"links", *links}, {"audit", true}});
          });

  AddPage(router, env, "GET", "/admin/audit", "The audit trail, filtered and paged.",
          PageAccess::kSignedIn, [](PageRequest& page) {
            if (Status may = app::AuthorizeAuditAccess(page.actor); !may.ok()) return ErrorPage(page, may);
            ListRequest list = ReadListRequest(page, AuditFilters());
            auto found = app::ListAudit(page.env->services, page.actor, list.params);
            if (!found.ok()) {
              if (found.status().code() != ErrorCode::kValidation) return ErrorPage(page, found.status());
              for (const FieldError& e : found.status().fields()) list.errors.push_back(e);
              found = store::AuditPage{};
            }
            json rows = json::array();
            for (const store::StoredAuditEntry& e : found->items) {
              const store::AuditEntry& a = e.entry;
              rows.push_back({{"id", std::to_string(e.id)},
                              {"at", a.at},
                              {"actor", a.actor},
                              {"address", a.address},
                              {"action", a.action},
                              {"record", a.entity + (a.entity_id ? " " + std::to_string(a.entity_id) : "")},
                              {"changes", Shortened(a.changes, 300)},
                              {"reason", a.reason}});
            }
            json view = {{"rows", rows},
                         {"actor", list.Value("actor")},
                         {"action", list.Value("action")},
                         {"entity", list.Value("entity")},
                         {"entity_id", list.Value("entity_id")},
                         {"from", list.Value("from")},
                         {"to", list.Value("to")}};
            return RenderListPage(page, "Audit trail", "audit", std::move(view), list, found->total);
          });
}

}  // namespace lookout::http::ui
