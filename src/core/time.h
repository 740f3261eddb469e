// Calendar dates and UTC timestamps as Lookout stores and prints them, and the Clock
// that gives "now" (a test double replaces it in tests).
#ifndef LOOKOUT_CORE_TIME_H_
#define LOOKOUT_CORE_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lookout {

// A proleptic Gregorian calendar date. Printed and stored as ISO 8601 "YYYY-MM-DD",
// which sorts as text in date order on both database engines.
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Accepts exactly "YYYY-MM-DD" with a real calendar day (no 2026-02-30), years
  // 1900..2200. Returns nullopt otherwise.
  static std::optional<Date> Parse(std::string_view text);
  static Date FromDays(int64_t days_since_epoch);
  int64_t DaysSinceEpoch() const;
  std::string ToString() const;
  Date AddDays(int64_t days) const { return FromDays(DaysSinceEpoch() + days); }
  // Adds months, clamping the day to the length of the target month.
  Date AddMonths(int months) const;
  static int DaysInMonth(int year, int month);

  friend auto operator<=>(const Date&, const Date&) = default;
};

// "2026-11-28T16:14:20Z": UTC, second precision.
std::string FormatTimestamp(int64_t unix_seconds);
// Accepts "YYYY-MM-DDTHH:MM:SSZ". Returns nullopt otherwise.
std::optional<int64_t> ParseTimestamp(std::string_view text);

// Where "now" comes from. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowUnixSeconds() const = 0;
  std::string NowTimestamp() const { return FormatTimestamp(NowUnixSeconds()); }
  Date Today() const { return Date::FromDays(NowUnixSeconds() / 86400); }
  // The process-wide real clock.
  static const Clock& System();
};

// A clock that says what a test tells it to.
class FixedClock : public Clock {
 public:
  explicit FixedClock(int64_t unix_seconds) : now_(unix_seconds) {}
  int64_t NowUnixSeconds() const override { return now_; }
  void Set(int64_t unix_seconds) { now_ = unix_seconds; }

 private:
  int64_t now_;
};

}  // namespace lookout

#endif  // LOOKOUT_CORE_TIME_H_
