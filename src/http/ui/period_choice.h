// The programme's reporting periods (financial years and their quarters, domain::Period)
// as a person chooses one on a form or a list's filters, and as pages name them.
#ifndef LOOKOUT_HTTP_UI_PERIOD_CHOICE_H_
#define LOOKOUT_HTTP_UI_PERIOD_CHOICE_H_

#include <nlohmann/json.hpp>
#include <string>

#include "core/time.h"
#include "domain/rules.h"

namespace lookout::http::ui {

// "March 2026".
std::string MonthAndYear(Date date);

// "2025-26 (April 2025 to March 2026)", "2025-26 Q3 (October to December 2025)".
std::string PeriodText(const domain::Period& period, int fy_start_month);

// Options of a select of periods, [{"value": "2025-26 Q3", "text": PeriodText}]: from the
// financial year three before today's to the next one, newest first, each year followed
// by its quarters. `keep` (a value the record or the query already has) is offered too
// when it is outside that range, so choosing nothing else never loses it; text that is no
// period is offered as it is, for the form's error to name.
nlohmann::json PeriodOptions(int fy_start_month, Date today, const std::string& keep);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_PERIOD_CHOICE_H_
