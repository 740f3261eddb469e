// A task as a row of a table or a card of the board, wherever pages list tasks (the task
// list and board, each role's home): its reference and title, regions, lead, status with
// its tag colour, priority, due date, and the 'Overdue by N days' tag of an open task
// past its due date.
#ifndef LOOKOUT_HTTP_UI_TASK_VIEW_H_
#define LOOKOUT_HTTP_UI_TASK_VIEW_H_

#include <nlohmann/json.hpp>
#include <string>

#include "core/time.h"
#include "core/value.h"
#include "http/ui/display.h"

namespace lookout::http::ui {

// The GOV.UK tag modifier of a task status ("govuk-tag--blue"), "" for none.
std::string TaskStatusTag(const std::string& status);

// "Overdue by 12 days" for an open task 12 days past its due date on `today`; "" when it
// is not overdue (domain::DaysOverdue).
std::string OverdueText(const Record& task, Date today);

// The view of one task for the _task_rows partial and the board's cards: id, reference,
// title, regions, lead, status, status_class, priority, due, overdue (always present, ""
// when not overdue, so mustache never finds another view's "overdue").
nlohmann::json TaskRowView(const Record& task, Names& names, Date today);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_TASK_VIEW_H_
