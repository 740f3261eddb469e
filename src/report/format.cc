#include "report/format.h"

#include <cctype>
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

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

bool IsHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
}

// RFC 3986's pchar and '/', less the quote, which no link of Lookout's needs.
bool IsPathChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c)) != 0) return true;
  return std::string_view("-._~!$&()*+,;=:@/%").find(c) != std::string_view::npos;
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

std::string PublicUrlProblem(std::string_view url) {
  if (url.empty()) return "is empty";
  std::string_view rest;
  if (StartsWithNoCase(url, "https://")) {
    rest = url.substr(8);
  } else if (StartsWithNoCase(url, "http://")) {
    rest = url.substr(7);
  } else {
    return "must start with https:// (or http://), e.g. https://lookout.example.org";
  }
  const size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  const std::string_view path = end == std::string_view::npos ? "" : rest.substr(end);
  if (authority.find('@') != std::string_view::npos) return "must not hold a user name or password";
  if (authority.empty()) return "has no host name";
  std::string_view port;
  if (authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return "has an IPv6 address without its closing ']'";
    for (char c : authority.substr(1, close - 1)) {
      if (std::isxdigit(static_cast<unsigned char>(c)) == 0 && c != ':' && c != '.') {
        return "has a malformed IPv6 address";
      }
    }
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return "has something after its IPv6 address that is not a port";
    port = after.empty() ? "" : after.substr(1);
    if (!after.empty() && port.empty()) return "has a ':' without a port after it";
  } else {
    const size_t colon = authority.find(':');
    const std::string_view host = authority.substr(0, colon);
    if (host.empty()) return "has no host name";
    for (char c : host) {
      if (!IsHostChar(c)) return "has a character a host name cannot hold: '" + std::string(1, c) + "'";
    }
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) return "has a ':' without a port after it";
    }
  }
  if (!port.empty()) {
    if (port.size() > 5) return "has a port out of range (1 to 65535)";
    for (char c : port) {
      if (std::isdigit(static_cast<unsigned char>(c)) == 0) return "has a port that is not a number";
    }
    const int number = std::stoi(std::string(port));
    if (number < 1 || number > 65535) return "has a port out of range (1 to 65535)";
  }
  for (char c : path) {
    if (c == '?') return "must not have a query ('?...'): links add their own";
    if (c == '#') return "must not have a fragment ('#...')";
    if (!IsPathChar(c)) {
      return static_cast<unsigned char>(c) <= ' ' ? "must not hold spaces or control characters"
                                                  : "has a character a URL's path cannot hold: '" +
                                                        std::string(1, c) + "'";
    }
  }
  return "";
}

std::string WithoutTrailingSlash(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url);
}

}  // namespace lookout::report
