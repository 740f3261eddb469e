// Numbers written for people, the same in the pages, the report and the command line.
#ifndef LOOKOUT_REPORT_FORMAT_H_
#define LOOKOUT_REPORT_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lookout::report {

// A count with its thousands separated by commas: "12,885", "-1,000".
std::string Thousands(int64_t n);

// Text escaped for HTML and XML (SVG) content and attribute values: & < > " '.
std::string HtmlEscape(std::string_view text);

// Every byte but RFC 3986's unreserved characters percent-encoded, so the text is one
// query value whatever it holds ('/', '?', '&', '=', '#', '+').
std::string PercentEncode(std::string_view text);

// "/activities?region=EM&type=workshop": the path with the parameters that have a value,
// percent-encoded, in the order given.
std::string PathWithQuery(std::string_view path,
                          const std::vector<std::pair<std::string, std::string>>& params);

// Europe/London's offset from UTC at `unix_seconds`, in seconds: 3600 in British Summer
// Time (from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
// October, the rule in force since 1996), 0 otherwise.
int LondonUtcOffsetSeconds(int64_t unix_seconds);
// A moment as people in the programme read it: the clock time in London and its day
// counted from `now`'s day in London: "14:05 today", "09:30 tomorrow", "23:10 yesterday",
// "14:05 on 9 December 2026".
std::string LondonTimeInWords(int64_t at, int64_t now);

// What is wrong with `url` as Lookout's public base URL (the public-url setting, to which
// the links of downloaded and published reports are relative): "" when it is an absolute
// http or https URL with a host (a name, an IPv4 or a bracketed IPv6 address, and an
// optional port from 1 to 65535), no user name or password, no query and no fragment, and
// only the characters a URL's path allows; else the problem in words, for a message that
// names the setting.
std::string PublicUrlProblem(std::string_view url);
// `url` without its trailing slashes ("https://lookout.example.org/" gives
// "https://lookout.example.org"), so that a path such as "/activities" follows it.
std::string WithoutTrailingSlash(std::string_view url);

}  // namespace lookout::report

#endif  // LOOKOUT_REPORT_FORMAT_H_
