#include "http/ui/task_view.h"

#include "domain/rules.h"

namespace lookout::http::ui {

std::string TaskStatusTag(const std::string& status) {
  if (status == "proposed") return "govuk-tag--yellow";
  if (status == "approved") return "govuk-tag--blue";
  if (status == "in_progress") return "govuk-tag--light-blue";
  if (status == "delivered") return "govuk-tag--green";
  if (status == "evaluated") return "govuk-tag--turquoise";
  if (status == "rejected" || status == "cancelled") return "govuk-tag--grey";
  return "";
}

std::string OverdueText(const Record& task, Date today) {
  const int64_t days =
      domain::DaysOverdue(PlainText(task.Get("status")), PlainText(task.Get("due_on")), today);
  if (days <= 0) return "";
  return "Overdue by " + std::to_string(days) + (days == 1 ? " day" : " days");
}

nlohmann::json TaskRowView(const Record& task, Names& names, Date today) {
  const domain::EntityDef& e = domain::TaskEntity();
  const std::string status = PlainText(task.Get("status"));
  return {{"id", task.Id()},
          {"reference", PlainText(task.Get("reference"))},
          {"title", PlainText(task.Get("title"))},
          {"regions", DisplayValue(*e.Find("regions"), task, names)},
          {"lead", DisplayValue(*e.Find("lead"), task, names)},
          {"status", TermLabel("task_status", status)},
          {"status_class", TaskStatusTag(status)},
          {"priority", DisplayValue(*e.Find("priority"), task, names)},
          {"due", DisplayValue(*e.Find("due_on"), task, names)},
          {"overdue", OverdueText(task, today)}};
}

}  // namespace lookout::http::ui
