#include "report/format.h"

#include <cstdio>

#include "core/time.h"

namespace lookout::report {

std::string Thousands(int64_t n) {
  // Through the unsigned magnitude, so the most negative number has one too.
  const uint64_t magnitude = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  const std::string digits = std::to_string(magnitude);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string PercentEncode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string PathWithQuery(std::string_view path,
                          const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out(path);
  char sep = '?';
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    out += sep;
    out += PercentEncode(name);
    out += '=';
    out += PercentEncode(value);
    sep = '&';
  }
  return out;
}

namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// Days since the epoch of the last Sunday of `month` in `year`.
int64_t LastSunday(int year, int month) {
  const int64_t last = Date{year, month, Date::DaysInMonth(year, month)}.DaysSinceEpoch();
  return last - ((last + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; 0 is a Sunday
}

}  // namespace

int LondonUtcOffsetSeconds(int64_t unix_seconds) {
  const int year = Date::FromDays(FloorDiv(unix_seconds, 86400)).year;
  const int64_t starts = LastSunday(year, 3) * 86400 + 3600;
  const int64_t ends = LastSunday(year, 10) * 86400 + 3600;
  return unix_seconds >= starts && unix_seconds < ends ? 3600 : 0;
}

std::string LondonTimeInWords(int64_t at, int64_t now) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  const int64_t local = at + LondonUtcOffsetSeconds(at);
  const int64_t day = FloorDiv(local, 86400);
  const int64_t today = FloorDiv(now + LondonUtcOffsetSeconds(now), 86400);
  const int64_t seconds = local - day * 86400;
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60));
  if (day == today) return std::string(clock) + " today";
  if (day == today + 1) return std::string(clock) + " tomorrow";
  if (day == today - 1) return std::string(clock) + " yesterday";
  const Date d = Date::FromDays(day);
  return std::string(clock) + " on " + std::to_string(d.day) + " " + kMonths[d.month - 1] + " " +
         std::to_string(d.year);
}

}  // namespace lookout::report
