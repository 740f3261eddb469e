#include <cstdio>

#include "domain/rules.h"

namespace lookout::domain {

namespace {

// Keeps period arithmetic inside the calendar when a caller passes a month that is not
// one (the programme record is validated, but a period must never index past December).
int SafeStartMonth(int fy_start_month) {
  return fy_start_month >= 1 && fy_start_month <= 12 ? fy_start_month : 4;
}

bool Digits(std::string_view s, int& out) {
  out = 0;
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::string Period::ToString() const {
  char buf[32];
  if (quarter == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", start_year, (start_year + 1) % 100);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d Q%d", start_year, (start_year + 1) % 100, quarter);
  }
  return buf;
}

std::optional<Period> Period::Parse(std::string_view text) {
  if (text.size() != 7 && text.size() != 10) return std::nullopt;
  Period p;
  int second = 0;
  if (text[4] != '-' || !Digits(text.substr(0, 4), p.start_year) ||
      !Digits(text.substr(5, 2), second)) {
    return std::nullopt;
  }
  // The start year stays where Date can hold the whole year (its last day included).
  if (p.start_year < kMinStartYear || p.start_year > kMaxStartYear) return std::nullopt;
  if (second != (p.start_year + 1) % 100) return std::nullopt;
  if (text.size() == 10) {
    if (text[7] != ' ' || text[8] != 'Q' || text[9] < '1' || text[9] > '4') return std::nullopt;
    p.quarter = text[9] - '0';
  }
  return p;
}

Date Period::First(int fy_start_month) const {
  Date first{start_year, SafeStartMonth(fy_start_month), 1};
  if (quarter >= 1 && quarter <= 4) first = first.AddMonths(3 * (quarter - 1));
  return first;
}

Date Period::Last(int fy_start_month) const {
  const int months = quarter >= 1 && quarter <= 4 ? 3 : 12;
  return First(fy_start_month).AddMonths(months).AddDays(-1);
}

Period Period::YearOf(Date date, int fy_start_month) {
  const int m = SafeStartMonth(fy_start_month);
  Period p;
  p.start_year = date.month >= m ? date.year : date.year - 1;
  p.quarter = 0;
  return p;
}

Period Period::QuarterOf(Date date, int fy_start_month) {
  const int m = SafeStartMonth(fy_start_month);
  Period p = YearOf(date, m);
  const int months_in = (date.month - m + 12) % 12;
  p.quarter = months_in / 3 + 1;
  return p;
}

}  // namespace lookout::domain
