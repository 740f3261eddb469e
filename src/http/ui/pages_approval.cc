// Approving quotes and case studies for publication from their pages: the record's page
// says whether it is approved, by whom and when, and offers "Approve" to a manager who did
// not record it (app/approval.h decides), and "Withdraw the approval" to managers. Both
// forms go the way of every form (forms.h): a refusal (a stale copy, a locked period, a
// permission) shows the record's page again with the reason and what was typed; success
// is a notice on the record's page.
#include "app/records/approval.h"
#include "app/records/policy.h"
#include "http/ui/display.h"
#include "http/ui/forms.h"
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

// The message of the first problem on `field`, or false.
json ErrorOn(const FormErrors* refused, std::string_view field) {
  if (refused == nullptr) return false;
  for (const FieldError& e : refused->list()) {
    if (e.field == field) return e.message;
  }
  return false;
}

}  // namespace

json ApprovalView(PageRequest& page, const domain::EntityDef& entity, const Record& record,
                  const std::string& path, const FormErrors* refused) {
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
  const json withdraw_error = ErrorOn(refused, kWithdrawApprovalField);
  return {{"approved", approved},
          {"state", state},
          {"path", path},
          {"id", record.Id()},
          {"version", PlainText(record.Get("version"))},
          {"can_approve", live && may.ok()},
          {"can_withdraw", live && approved && app::policy::AuthorizeApproval(page.actor, record, false).ok()},
          {"why_not", why_not},
          {"approve_error", ErrorOn(refused, kApproveField)},
          {"withdraw_error", withdraw_error},
          {"withdraw_open", !withdraw_error.is_boolean()},
          {"reason", withdraw_error.is_boolean() ? "" : page.form.Get("reason")}};
}

void AddApprovalPages(Router& router, const PageEnvPtr& env, const domain::EntityDef& entity,
                      const std::string& path, const RecordPageAgain& shown_again) {
  for (const bool approve : {true, false}) {
    AddPage(
        router, env, "POST", path + "/{id}/" + (approve ? "approve" : "withdraw-approval"),
        entity.label + (approve ? ": approve one for publication." : ": withdraw its approval."),
        PageAccess::kSignedIn,
        [&entity, path, approve, shown_again](PageRequest& page) -> Result<Response> {
          LOOKOUT_ASSIGN_OR_RETURN(auto record, RecordOfPath(page, entity));
          const std::string field = approve ? kApproveField : kWithdrawApprovalField;
          FormErrors errors;
          int64_t version = 0;
          if (!ParseId(page.form.Get("version"), &version)) {
            errors.Add(field, "The form has no version: reload the page and try again.");
            return shown_again(page, errors);
          }
          auto saved = app::SetApproval(page.env->services, page.actor, entity, record.Id(),
                                        version, approve, page.form.Get("reason"));
          if (!saved.ok()) {
            // A refusal (a stale copy, a locked period, a permission, no consent) keeps
            // the record's page and the reason typed, with why beside the form.
            if (!errors.Take(saved.status(), nullptr, field)) return saved.status();
            // The record's page has one control per form: a problem of a field (no
            // consent recorded) is said beside it.
            errors.MoveWhere([](const std::string&) { return true; }, field);
            return shown_again(page, errors);
          }
          return RedirectWithNotice(
              page, path + "/" + std::to_string(record.Id()),
              entity.label + " \"" + RecordName(entity, *saved) +
                  (approve ? "\" is approved for publication." : "\": its approval is withdrawn."));
        });
  }
}

}  // namespace lookout::http::ui
