// Locked periods said on the forms before anyone starts: a form whose date decides its
// record's period (app::LockDatingOf: an activity's date, a quote's date collected, an
// outcome event's date, a campaign's days, a case study's or survey's period) shows a
// GOV.UK notification banner when its values fall in a period a published report locks,
// and the date's hint names every locked period. The banners of the other locked periods
// are on the page too, hidden: with JavaScript the banner follows the date as it is typed
// (web/js/lookout.mjs, data-lookout-period-locks); without, it shows on load and after a
// refused save, whose refusal the form keeps in its error summary.
#ifndef LOOKOUT_HTTP_UI_PERIOD_LOCKS_H_
#define LOOKOUT_HTTP_UI_PERIOD_LOCKS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/reports/publish.h"
#include "domain/schema.h"
#include "http/ui/forms.h"
#include "http/ui/page.h"

namespace lookout::http::ui {

// The locks of a form of `entity` whose controls are `specs` (with values `values`),
// for the _period_locks partial: {"action", "from_field", "to_field", "period",
// "region_field", "fy_start", "banners": [{"id", "first", "last", "region",
// "banner_title", "heading", "text", "hidden"}]}, or false when the kind is not locked by
// a date on this form or no period is locked. `fields` (the controls' views, FieldControl)
// gain the locked periods in the date control's hint.
nlohmann::json PeriodLockView(const PageRequest& page, const domain::EntityDef& entity,
                              const std::vector<ControlSpec>& specs, const FormValues& values,
                              const std::string& action, nlohmann::json& fields);

// "1 April 2025 to 31 March 2026 in the East Midlands" for a lock, its region named by
// `region_name` ("" for the whole programme).
std::string LockedSpan(const app::PeriodLock& lock, const std::string& region_name);

}  // namespace lookout::http::ui

#endif  // LOOKOUT_HTTP_UI_PERIOD_LOCKS_H_
