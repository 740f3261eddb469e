// Approving quotes and case studies for publication from their pages: the record's page
// says whether it is approved, by whom and when, and offers "Approve" to a manager who did
// not record it (app/approval.h decides), and "Withdraw the approval" to managers.
#include "app/approval.h"
#include "app/policy.h"
#include "http/ui/display.h"
#include "http/ui/pages.h"
#include "http/ui/paging.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

// "3 November 2025 at 10:15 (UTC)" for "2025-11-03T10:15:00Z".
std::string WhenText(const std::string& timestamp) {
  if (timestamp.size() < 16) return timestamp;
  return LongDate(timestamp.substr(0, 10)) + " at " + timestamp.substr(11, 5) + " (UTC)";
}

struct Kind {
  const char* entity;
  const char* path;
};
constexpr Kind kKinds[] = {{"quote", "/quotes"}, {"case_study", "/case-studies"}};

}  // namespace

json ApprovalView(PageRequest& page, const domain::EntityDef& entity, const Record& record,
                  const std::string& path) {
  if (!app::HasApproval(entity)) return false;
  Names names(page.env->services, page.actor);
  const bool approved = record.Get("approved") == Value(true);
  std::string state = "Not approved for publication: a report does not print it.";
  if (approved) {
    const std::string by = PlainText(record.Get("approved_by"));
    state = by.empty() ? "Approved for publication (before Lookout recorded who approved)."
                       : "Approved for publication by " + names.Of("staff", by) + " on " +
                             WhenText(PlainText(record.Get("approved_at"))) + ".";
  }
  const bool live = record.Get("archived") != Value(true);
  const Status may = app::MayApprove(page.actor, entity, record);
  // A manager who may not approve it hears why; others are not offered it at all.
  std::string why_not;
  if (!approved && live && !may.ok() && app::policy::AuthorizeApproval(page.actor, Record{}, false).ok()) {
    why_not = may.message();
  }
  const std::string done = page.Query("approval");
  return {{"approved", approved},
          {"state", state},
          {"path", path},
          {"id", record.Id()},
          {"version", PlainText(record.Get("version"))},
          {"can_approve", live && may.ok()},
          {"can_withdraw", live && approved && app::policy::AuthorizeApproval(page.actor, record, false).ok()},
          {"why_not", why_not},
          {"done", done == "approved"    ? json("Approved for publication.")
                   : done == "withdrawn" ? json("The approval is withdrawn.")
                                         : json(false)}};
}

void AddApprovalPages(Router& router, const PageEnvPtr& env) {
  for (const Kind& kind : kKinds) {
    const domain::EntityDef* entity = domain::FindEntity(kind.entity);
    const std::string path = kind.path;
    for (const bool approve : {true, false}) {
      AddPage(router, env, "POST", path + "/{id}/" + (approve ? "approve" : "withdraw-approval"),
              entity->label + (approve ? ": approve one for publication." : ": withdraw its approval."),
              PageAccess::kSignedIn, [entity, path, approve](PageRequest& page) {
                auto record = RecordOfPath(page, *entity);
                if (!record.ok()) return ErrorPage(page, record.status());
                int64_t version = 0;
                if (!ParseId(page.form.Get("version"), &version)) {
                  return ErrorPage(page, Status::BadRequest("The form has no version: reload the page."));
                }
                auto saved = app::SetApproval(page.env->services, page.actor, *entity, record->Id(),
                                              version, approve, page.form.Get("reason"));
                if (!saved.ok()) return ErrorPage(page, saved.status());
                return Redirect(path + "/" + std::to_string(record->Id()) + "?approval=" +
                                (approve ? "approved" : "withdrawn"));
              });
    }
  }
}

}  // namespace lookout::http::ui
