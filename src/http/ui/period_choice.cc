#include "http/ui/period_choice.h"

#include "http/ui/page.h"

namespace lookout::http::ui {

using json = nlohmann::json;

std::string MonthAndYear(Date date) {
  const std::string day = LongDate(Date{date.year, date.month, 1}.ToString());  // "1 March 2026"
  return day.substr(day.find(' ') + 1);
}

std::string PeriodText(const domain::Period& period, int fy_start_month) {
  const Date first = period.First(fy_start_month);
  const Date last = period.Last(fy_start_month);
  std::string from = MonthAndYear(first);
  if (first.year == last.year) from = from.substr(0, from.find(' '));  // "October"
  return period.ToString() + " (" + from + " to " + MonthAndYear(last) + ")";
}

json PeriodOptions(int fy_start_month, Date today, const std::string& keep) {
  const domain::Period current = domain::Period::YearOf(today, fy_start_month);
  json out = json::array();
  bool kept = keep.empty();
  for (int start = current.start_year + 1; start >= current.start_year - 3; --start) {
    for (int quarter = 0; quarter <= 4; ++quarter) {
      const domain::Period p{start, quarter};
      out.push_back({{"value", p.ToString()}, {"text", PeriodText(p, fy_start_month)}});
      kept = kept || p.ToString() == keep;
    }
  }
  if (!kept) {
    const std::optional<domain::Period> p = domain::Period::Parse(keep);
    out.push_back({{"value", keep}, {"text", p ? PeriodText(*p, fy_start_month) : keep}});
  }
  return out;
}

}  // namespace lookout::http::ui
