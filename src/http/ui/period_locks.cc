#include "http/ui/period_locks.h"

#include <algorithm>

#include "domain/rules.h"
#include "http/ui/display.h"

namespace lookout::http::ui {

namespace {

using json = nlohmann::json;

bool OnForm(const std::vector<ControlSpec>& specs, const std::string& field) {
  return std::any_of(specs.begin(), specs.end(), [&](const ControlSpec& s) { return s.field == field; });
}

// A date of the form as YYYY-MM-DD: from the record's value, or the three parts typed;
// "" when it is not (yet) a date.
std::string FormDate(const FormValues& values, const std::string& field) {
  const std::string iso = values.Text(field);
  if (!iso.empty()) return Date::Parse(iso) ? iso : "";
  const std::string d = values.Text(field + "-day");
  const std::string m = values.Text(field + "-month");
  const std::string y = values.Text(field + "-year");
  auto digits = [](const std::string& s, size_t max) {
    return !s.empty() && s.size() <= max && std::all_of(s.begin(), s.end(), ::isdigit);
  };
  if (!digits(d, 2) || !digits(m, 2) || !digits(y, 4) || y.size() != 4) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s-%02d-%02d", y.c_str(), std::stoi(m), std::stoi(d));
  return Date::Parse(buf) ? std::string(buf) : "";
}

// The fields of the form a lock looks at, as a record.
Record LockProbe(const domain::EntityDef& entity, const app::LockDating& dating,
                 const FormValues& values) {
  Record probe;
  for (const std::string& field : {dating.from, dating.to}) {
    if (dating.period) {
      if (!values.Text(field).empty()) probe.Set(field, values.Text(field));
    } else if (const std::string iso = FormDate(values, field); !iso.empty()) {
      probe.Set(field, iso);
    }
  }
  if (!entity.region_field.empty()) {
    const domain::FieldDef* region = entity.Find(entity.region_field);
    const std::vector<std::string> chosen = values.All(entity.region_field);
    if (region != nullptr && region->IsSet()) {
      Value::List list;
      for (const std::string& c : chosen) list.push_back(Value(c));
      probe.Set(entity.region_field, Value(std::move(list)));
    } else if (!chosen.empty() && !chosen.front().empty()) {
      probe.Set(entity.region_field, chosen.front());
    }
  }
  return probe;
}

}  // namespace

std::string LockedSpan(const app::PeriodLock& lock, const std::string& region_name) {
  return LongDate(lock.first) + " to " + LongDate(lock.last) +
         (region_name.empty() ? "" : " (" + region_name + ")");
}

json PeriodLockView(const PageRequest& page, const domain::EntityDef& entity,
                    const std::vector<ControlSpec>& specs, const FormValues& values,
                    const std::string& action, json& fields) {
  const app::LockDating dating = app::LockDatingOf(entity);
  if (dating.from.empty() || !OnForm(specs, dating.from)) return false;
  auto locks = app::LockedPeriods(page.env->services, page.actor);
  if (!locks.ok() || locks->empty()) return false;  // a page that cannot say so still works
  auto fy_start = page.env->services.FinancialYearStartMonth();
  if (!fy_start.ok()) return false;
  Names regions(page.env->services, app::Actor::System());
  const Record probe = LockProbe(entity, dating, values);
  std::string singular = entity.label;
  singular[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(singular[0])));
  json banners = json::array();
  std::string hint;
  for (const app::PeriodLock& lock : *locks) {
    const std::string region_name = lock.region.empty() ? "" : regions.Of("region", lock.region);
    const std::string span = LockedSpan(lock, region_name);
    hint += (hint.empty() ? "" : "; ") + span;
    const bool applies = app::LockCovers(lock, entity, probe, *fy_start);
    banners.push_back(
        {{"id", "period-lock-" + std::to_string(lock.report)},
         {"first", lock.first},
         {"last", lock.last},
         {"region", lock.region},
         {"banner_title", "Locked period: " + lock.period +
                              (region_name.empty() ? "" : ", " + region_name)},
         {"heading", "Records dated " + span + " are locked"},
         {"text", "The " + lock.title + " was published on " +
                      LongDate(lock.published_at.substr(0, 10)) +
                      ": a " + singular + " in that period" +
                      (region_name.empty() ? "" : " and region") +
                      " cannot be added, changed or archived until a manager unlocks the "
                      "period on the reports page. Check the date, or ask a manager."},
         {"hidden", !applies}});
  }
  // The date's hint names the locked periods, on the control that decides.
  for (json& control : fields) {
    if (!control.is_object() || control.value("name", "") != dating.from) continue;
    const std::string id = control.value("id", "");
    const std::string before = control["hint"].is_string() ? control["hint"].get<std::string>() : "";
    control["hint"] = (before.empty() ? "" : before + ". ") + "Locked, as their reports are published: " +
                      hint + ".";
    std::string described = id + "-hint";
    if (control["error"].is_string()) described += " " + id + "-error";
    control["describedby"] = described;
  }
  const domain::FieldDef* region = entity.region_field.empty() ? nullptr : entity.Find(entity.region_field);
  return {{"action", action},
          {"from_field", dating.from},
          {"to_field", dating.to},
          {"period", dating.period},
          {"region_field", region != nullptr && OnForm(specs, region->name) ? region->name : ""},
          {"fy_start", std::to_string(*fy_start)},
          {"banners", banners}};
}

}  // namespace lookout::http::ui
