// The screen looks for the shapes of personal details with small hand-written scanners
// rather than regular expressions: case-study bodies run to 100,000 characters, and the
// standard library's backtracking matcher recurses per character on such input.
#include <algorithm>
#include <array>
#include <cstdint>

#include "domain/rules.h"

namespace lookout::domain {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char ToUpper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

class Text {
 public:
  explicit Text(std::string_view t) : t_(t), lower_(t) {
    for (char& c : lower_) c = ToLower(c);
  }
  size_t size() const { return t_.size(); }
  char operator[](size_t i) const { return i < t_.size() ? t_[i] : '\0'; }
  char lower(size_t i) const { return i < lower_.size() ? lower_[i] : '\0'; }
  // A token may start at `i`: nothing alphanumeric right before it.
  bool StartsToken(size_t i) const { return i == 0 || !IsAlnum(t_[i - 1]); }
  // A token may end at `i`: nothing alphanumeric right after it.
  bool EndsToken(size_t i) const { return i >= t_.size() || !IsAlnum(t_[i]); }
  // `word` (lower case) is at `i`, case-insensitively.
  bool LowerAt(size_t i, std::string_view word) const {
    return i <= lower_.size() && lower_.compare(i, word.size(), word) == 0;
  }
  // `word` (lower case) is a whole word at `i`.
  bool WordAt(size_t i, std::string_view word) const {
    return LowerAt(i, word) && StartsToken(i) && EndsToken(i + word.size());
  }
  size_t SkipSpaces(size_t i) const {
    while (i < t_.size() && (t_[i] == ' ' || t_[i] == '\t')) ++i;
    return i;
  }
  // Reads 1..max digits at `i`; returns how many (0 when none).
  size_t Digits(size_t i, size_t max, int* value = nullptr) const {
    size_t n = 0;
    int64_t v = 0;  // up to 18 digits fit; longer runs saturate, as only small values are used
    while (n < max && IsDigit((*this)[i + n])) {
      if (v < 100000000000000000) v = v * 10 + ((*this)[i + n] - '0');
      ++n;
    }
    if (value != nullptr) *value = static_cast<int>(std::min<int64_t>(v, INT32_MAX));
    return n;
  }

 private:
  std::string_view t_;
  std::string lower_;
};

// ---- Email addresses ------------------------------------------------------------------

bool IsLocalChar(char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsDomainChar(char c) { return IsAlnum(c) || c == '.' || c == '-'; }

bool HasEmail(const Text& t) {
  for (size_t at = 0; at < t.size(); ++at) {
    if (t[at] != '@') continue;
    size_t b = at;
    while (b > 0 && IsLocalChar(t[b - 1])) --b;
    if (b == at) continue;
    size_t e = at + 1;
    while (e < t.size() && IsDomainChar(t[e])) ++e;
    while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;  // sentence punctuation
    // The domain has at least two labels and ends in a top-level domain of letters.
    size_t last_dot = std::string_view::npos;
    for (size_t i = at + 1; i < e; ++i) {
      if (t[i] == '.') {
        if (i == at + 1 || t[i - 1] == '.') {
          last_dot = std::string_view::npos;
          break;
        }
        last_dot = i;
      }
    }
    if (last_dot == std::string_view::npos || e - last_dot - 1 < 2) continue;
    bool letters = true;
    for (size_t i = last_dot + 1; i < e; ++i) letters = letters && IsAlpha(t[i]);
    if (letters) return true;
  }
  return false;
}

// ---- Phone numbers ----------------------------------------------------------------------

bool IsPhoneSeparator(char c) { return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.'; }

// Collects digits from `i`, allowing short runs of separators between them, up to `max`
// digits. Returns the digits read and sets `end` after the last one.
std::string CollectDigits(const Text& t, size_t i, size_t max, size_t* end) {
  std::string digits;
  *end = i;
  while (i < t.size() && digits.size() < max) {
    if (IsDigit(t[i])) {
      digits += t[i++];
      *end = i;
      continue;
    }
    size_t j = i;
    while (j < t.size() && j - i < 2 && IsPhoneSeparator(t[j])) ++j;
    if (j == i || digits.empty() || !IsDigit(t[j])) break;
    i = j;
  }
  return digits;
}

// Mobile (07) and geographic (01, 02) numbers: the ones that belong to a person or a home.
// Helplines (0800, 0808, 03..) are published on purpose and are left alone.
bool IsPersonalPhone(std::string_view national) {
  if (national.size() < 10 || national.size() > 11 || national[0] != '0') return false;
  if (national[1] == '7') return national.size() == 11;
  return national[1] == '1' || national[1] == '2';
}

bool HasPhone(const Text& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!t.StartsToken(i) && t[i - 1] != '(') continue;
    if (i > 0 && (IsDigit(t[i - 1]) || t[i - 1] == '+')) continue;
    size_t end = 0;
    if (t[i] == '+' && t[i + 1] == '4' && t[i + 2] == '4') {
      size_t j = t.SkipSpaces(i + 3);
      if (t[j] == '(' && t[j + 1] == '0' && t[j + 2] == ')') j = t.SkipSpaces(j + 3);
      if (t[j] == '-') j = t.SkipSpaces(j + 1);
      const std::string digits = CollectDigits(t, j, 10, &end);
      if (!digits.empty() && t.EndsToken(end) && !IsDigit(t[end]) &&
          IsPersonalPhone("0" + digits)) {
        return true;
      }
    } else if (t[i] == '0' || (t[i] == '(' && t[i + 1] == '0')) {
      const std::string digits = CollectDigits(t, t[i] == '(' ? i + 1 : i, 11, &end);
      if (t.EndsToken(end) && IsPersonalPhone(digits)) return true;
    }
  }
  return false;
}

// ---- Postcodes ----------------------------------------------------------------------------

// Matches `shape` ('A' an upper-case letter, '9' a digit) at `i`.
bool ShapeAt(const Text& t, size_t i, std::string_view shape) {
  for (size_t k = 0; k < shape.size(); ++k) {
    const char c = t[i + k];
    if (shape[k] == 'A' ? !IsUpper(c) : !IsDigit(c)) return false;
  }
  return true;
}

bool InwardAt(const Text& t, size_t i) {
  static constexpr std::string_view kNotInward = "CIKMOV";
  return ShapeAt(t, i, "9AA") && kNotInward.find(t[i + 1]) == std::string_view::npos &&
         kNotInward.find(t[i + 2]) == std::string_view::npos && t.EndsToken(i + 3);
}

bool HasPostcode(const Text& t) {
  static constexpr std::array<std::string_view, 6> kOutward = {"A9",   "A99", "AA9",
                                                               "AA99", "A9A", "AA9A"};
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsUpper(t[i]) || !t.StartsToken(i)) continue;
    if (t[i] == 'Q' || t[i] == 'V' || t[i] == 'X') continue;
    if (IsUpper(t[i + 1]) && (t[i + 1] == 'I' || t[i + 1] == 'J' || t[i + 1] == 'Z')) continue;
    for (std::string_view out : kOutward) {
      if (!ShapeAt(t, i, out)) continue;
      const size_t j = i + out.size();
      if (t[j] == ' ' && InwardAt(t, j + 1)) return true;
      if (InwardAt(t, j)) return true;
    }
  }
  return false;
}

// ---- NHS numbers ---------------------------------------------------------------------------

bool HasNhsNumber(const Text& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsDigit(t[i]) || !t.StartsToken(i)) continue;
    if (i > 0 && (t[i - 1] == '+' || t[i - 1] == '.' || t[i - 1] == ',')) continue;
    // Numbers that read as a personal phone number are reported as one instead.
    if (t[i] == '0' && (t[i + 1] == '1' || t[i + 1] == '2' || t[i + 1] == '7')) continue;
    size_t end = 0;
    if (t.Digits(i, 11) == 10) {
      end = i + 10;
    } else if (t.Digits(i, 4) == 3 && (t[i + 3] == ' ' || t[i + 3] == '-') &&
               t.Digits(i + 4, 4) == 3 && t[i + 7] == t[i + 3] && t.Digits(i + 8, 5) == 4) {
      end = i + 12;
    } else {
      continue;
    }
    if (!t.EndsToken(end)) continue;
    // Part of a longer run of grouped digits is not one number.
    if ((t[end] == ' ' || t[end] == '-') && IsDigit(t[end + 1])) continue;
    return true;
  }
  return false;
}

// ---- National Insurance numbers -------------------------------------------------------------

bool IsNiPrefix(char a, char b) {
  static constexpr std::string_view kNotFirst = "DFIQUV";
  static constexpr std::string_view kNotSecond = "DFIOQUV";
  if (kNotFirst.find(a) != std::string_view::npos) return false;
  if (kNotSecond.find(b) != std::string_view::npos) return false;
  static constexpr std::array<std::string_view, 7> kNever = {"BG", "GB", "KN", "NK",
                                                             "NT", "TN", "ZZ"};
  const char pair[2] = {a, b};
  for (std::string_view n : kNever) {
    if (n == std::string_view(pair, 2)) return false;
  }
  return true;
}

bool HasNiNumber(const Text& t) {
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (!IsAlpha(t[i]) || !IsAlpha(t[i + 1]) || !t.StartsToken(i)) continue;
    if (!IsNiPrefix(ToUpper(t[i]), ToUpper(t[i + 1]))) continue;
    size_t j = i + 2;
    if (t[j] == ' ') ++j;
    size_t digits = 0;
    if (t.Digits(j, 7) == 6) {
      j += 6;
      digits = 6;
    } else {
      // "AB 12 34 56 C": three pairs of digits separated by spaces.
      for (int pair = 0; pair < 3; ++pair) {
        if (pair > 0) {
          if (t[j] != ' ') break;
          ++j;
        }
        if (t.Digits(j, 3) != 2) break;
        j += 2;
        digits += 2;
      }
    }
    if (digits != 6) continue;
    if (t[j] == ' ') ++j;
    const char suffix = ToUpper(t[j]);
    if (suffix < 'A' || suffix > 'D' || !t.EndsToken(j + 1)) continue;
    // Spaced out, the shape also fits prose ("at 250000 a year"): then only the usual
    // capitals count. Written solid, any case does.
    const bool spaced = j - i != 8;
    if (!spaced || (IsUpper(t[i]) && IsUpper(t[i + 1]) && IsUpper(t[j]))) return true;
  }
  return false;
}

// ---- Dates of birth ---------------------------------------------------------------------------

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// A month name (full, or three letters with an optional '.') at `i`; returns its length.
size_t MonthAt(const Text& t, size_t i) {
  if (!t.StartsToken(i)) return 0;
  for (std::string_view m : kMonths) {
    if (t.WordAt(i, m)) return m.size();
    if (m != "may" && t.WordAt(i, m.substr(0, 3))) return t[i + 3] == '.' ? 4 : 3;
    if (m == "september" && t.WordAt(i, "sept")) return t[i + 4] == '.' ? 5 : 4;
  }
  return 0;
}

// A day of the month with an optional ordinal suffix ("12", "12th"); returns its length.
size_t DayAt(const Text& t, size_t i) {
  int day = 0;
  const size_t n = t.Digits(i, 3, &day);
  if (n == 0 || n > 2 || day < 1 || day > 31 || !t.StartsToken(i)) return 0;
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (t.LowerAt(i + n, suffix) && t.EndsToken(i + n + 2)) return n + 2;
  }
  return t.EndsToken(i + n) ? n : 0;
}

// A date written in full at `i`: 12/03/2009, 12-03-09, 12.03.2009, 2009-03-12,
// 12 March (2009), 12th of March, March 12(, 2009). Returns its length, 0 when none.
size_t DateAt(const Text& t, size_t i) {
  if (i >= t.size() || !t.StartsToken(i)) return 0;
  int a = 0, b = 0;
  const size_t n1 = t.Digits(i, 5, &a);
  if (n1 == 4 && t[i + 4] == '-' && t.Digits(i + 5, 3, &b) == 2 && t[i + 7] == '-' &&
      t.Digits(i + 8, 3) == 2 && t.EndsToken(i + 10) && b >= 1 && b <= 12) {
    return 10;
  }
  if (n1 >= 1 && n1 <= 2) {
    const char sep = t[i + n1];
    const size_t m = i + n1 + 1;
    const size_t n2 = t.Digits(m, 3, &b);
    if ((sep == '/' || sep == '-' || sep == '.') && n2 >= 1 && n2 <= 2 && t[m + n2] == sep) {
      const size_t y = m + n2 + 1;
      const size_t n3 = t.Digits(y, 5);
      if ((n3 == 2 || n3 == 4) && t.EndsToken(y + n3) && a >= 1 && a <= 31 && b >= 1 && b <= 12) {
        return y + n3 - i;
      }
    }
  }
  if (size_t d = DayAt(t, i)) {
    size_t j = t.SkipSpaces(i + d);
    if (t.WordAt(j, "of")) j = t.SkipSpaces(j + 2);
    if (size_t m = MonthAt(t, j)) return j + m - i;
    return 0;
  }
  if (size_t m = MonthAt(t, i)) {
    const size_t j = t.SkipSpaces(i + m);
    if (j > i + m) {
      if (size_t d = DayAt(t, j)) return j + d - i;
    }
  }
  return 0;
}

// After a date-of-birth keyword: skips punctuation and a couple of small words
// ("DOB: 12/03/2009", "born on the 12th of March") and looks for a date.
bool DateFollows(const Text& t, size_t i) {
  static constexpr std::array<std::string_view, 6> kSmall = {"on", "in", "the", "is", "was", "of"};
  int words = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (c == ' ' || c == '\t' || c == ':' || c == '-' || c == '=' || c == ',' || c == '(' ||
        c == '.') {
      ++i;
      continue;
    }
    bool skipped = false;
    for (std::string_view w : kSmall) {
      if (words < 2 && t.WordAt(i, w)) {
        i += w.size();
        ++words;
        skipped = true;
        break;
      }
    }
    if (!skipped) break;
  }
  return DateAt(t, i) > 0;
}

// A numeric date right before `i` ("12/03/2009 (born)", "12/03/2009, born").
bool NumericDateBefore(const Text& t, size_t i) {
  while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '(' || t[i - 1] == ',' || t[i - 1] == '-')) --i;
  size_t b = i;
  while (b > 0 && (IsDigit(t[b - 1]) || t[b - 1] == '/' || t[b - 1] == '.' || t[b - 1] == '-')) --b;
  if (b == i || !IsDigit(t[b])) return false;
  return DateAt(t, b) == i - b;
}

bool HasDateOfBirth(const Text& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!t.StartsToken(i) || !IsAlpha(t[i])) continue;
    size_t end = 0;
    bool born = false;
    if (t.WordAt(i, "dob")) {
      end = i + 3;
    } else if (t.LowerAt(i, "d.o.b")) {
      end = i + 5;
    } else if (t.LowerAt(i, "date of birth") && t.EndsToken(i + 13)) {
      end = i + 13;
    } else if (t.LowerAt(i, "birth date") && t.EndsToken(i + 10)) {
      end = i + 10;
    } else if (t.WordAt(i, "birthdate")) {
      end = i + 9;
    } else if (t.WordAt(i, "born")) {
      end = i + 4;
      born = true;
    } else {
      continue;
    }
    if (DateFollows(t, end)) return true;
    if (born && NumericDateBefore(t, i)) return true;
  }
  return false;
}

// ---- Ages next to a possible name ------------------------------------------------------------

// Capitalised words that commonly sit next to an age in programme writing and are not
// names: calendar words, places and institutions, groups of people.
constexpr std::string_view kNotNames[] = {
    "january",   "february",  "march",    "april",    "may",      "june",     "july",
    "august",    "september", "october",  "november", "december", "monday",   "tuesday",
    "wednesday", "thursday",  "friday",   "saturday", "sunday",   "year",     "years",
    "key",       "stage",     "school",   "schools",  "college",  "academy",  "university",
    "station",   "police",    "council",  "centre",   "center",   "street",   "road",
    "services",  "service",   "england",  "wales",    "london",   "midlands", "north",
    "south",     "east",      "west",     "region",   "children", "young",    "people",
    "girls",     "boys",      "students", "pupils",   "officers", "staff",    "the",
    "figure",    "table",     "question", "section",  "room",     "route",    "flat",
    "page",      "chapter",   "item",     "appendix", "quarter",  "week",     "day",
    "phase",     "level",     "grade",    "task",     "tasks",    "group",    "groups",
    "sessions",  "workshops", "total",    "aged",     "age",      "ages"};

bool IsNotName(const Text& t, size_t b, size_t e) {
  for (std::string_view w : kNotNames) {
    if (e - b == w.size() && t.LowerAt(b, w)) return true;
  }
  return false;
}

// The word [b, e) is capitalised like a name (an upper-case letter, then lower case;
// acronyms such as BTP are not names) and does not start a sentence.
bool IsPossibleName(const Text& t, size_t b, size_t e) {
  if (e <= b + 1 || !IsUpper(t[b])) return false;
  bool has_lower = false;
  for (size_t k = b + 1; k < e; ++k) {
    if (IsUpper(t[k])) return false;
    has_lower = has_lower || IsLower(t[k]);
  }
  if (!has_lower || IsNotName(t, b, e)) return false;
  size_t p = b;
  while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t' || t[p - 1] == '"' || t[p - 1] == '\'' ||
                   t[p - 1] == '(' || t[p - 1] == '[')) {
    --p;
  }
  if (p == 0) return false;
  const char before = t[p - 1];
  return before != '.' && before != '!' && before != '?' && before != '\n' && before != '\r' &&
         before != '#' && before != '@';
}

bool IsNeighbourGap(char c) { return c == ' ' || c == ',' || c == '(' || c == ')' || c == '\t'; }

bool NameBefore(const Text& t, size_t i) {
  while (i > 0 && IsNeighbourGap(t[i - 1])) --i;
  size_t b = i;
  while (b > 0 && (IsAlpha(t[b - 1]) || t[b - 1] == '\'' || t[b - 1] == '-')) --b;
  while (b < i && !IsAlpha(t[b])) ++b;
  return b < i && IsPossibleName(t, b, i);
}

bool NameAfter(const Text& t, size_t i) {
  while (i < t.size() && IsNeighbourGap(t[i])) ++i;
  size_t e = i;
  while (e < t.size() && IsAlpha(t[e])) ++e;
  return e > i && IsPossibleName(t, i, e);
}

// An age range ("aged 14 to 16", "aged 13 and 14", "aged 16+") describes a group, not a
// person.
bool RangeFollows(const Text& t, size_t i) {
  size_t j = t.SkipSpaces(i);
  if (t[j] == '+') return true;
  size_t k = j;
  if (t[j] == '-') {
    k = j + 1;
  } else if (t.LowerAt(j, "\xE2\x80\x93")) {  // en dash
    k = j + 3;
  } else if (t.WordAt(j, "to") || t.WordAt(j, "or")) {
    k = j + 2;
  } else if (t.WordAt(j, "and")) {
    k = j + 3;
  } else {
    return false;
  }
  return IsDigit(t[t.SkipSpaces(k)]);
}

bool RangePrecedes(const Text& t, size_t i) {
  size_t j = i;
  while (j > 0 && (t[j - 1] == ' ' || t[j - 1] == '-')) --j;
  if (j >= 3 && t.LowerAt(j - 3, "\xE2\x80\x93")) return true;
  if (j >= 2 && t.WordAt(j - 2, "to")) return true;
  if (j >= 3 && (t.WordAt(j - 3, "and"))) return true;
  if (j >= 2 && t.WordAt(j - 2, "or")) return true;
  return j < i && j > 0 && IsDigit(t[j - 1]) && t[j] == '-';
}

// "14 years old", "14-year-old", "14yo", "14 y/o", "14 yrs": returns the length after the
// number, 0 when none.
size_t AgeSuffixAt(const Text& t, size_t i) {
  size_t j = i;
  if (t[j] == ' ' || t[j] == '-') ++j;
  for (std::string_view s : {"years old", "year old", "years-old", "year-old", "yrs old"}) {
    if (t.LowerAt(j, s) && t.EndsToken(j + s.size())) return j + s.size() - i;
  }
  for (std::string_view s : {"yo", "y/o", "y.o.", "yrs"}) {
    if (t.LowerAt(j, s) && (s.back() == '.' || t.EndsToken(j + s.size()))) return j + s.size() - i;
  }
  return 0;
}

bool HasAgeNextToName(const Text& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!t.StartsToken(i)) continue;
    if (t.WordAt(i, "aged")) {
      const size_t n = t.SkipSpaces(i + 4);
      int age = 0;
      const size_t digits = t.Digits(n, 3, &age);
      if (digits == 0 || digits > 2 || !t.EndsToken(n + digits) || age > 25) continue;
      if (RangeFollows(t, n + digits)) continue;
      if (NameBefore(t, i) || NameAfter(t, n + digits)) return true;
    } else if (IsDigit(t[i])) {
      int age = 0;
      const size_t digits = t.Digits(i, 3, &age);
      if (digits > 2 || age > 25) continue;
      const size_t suffix = AgeSuffixAt(t, i + digits);
      if (suffix == 0 || RangePrecedes(t, i)) continue;
      if (NameBefore(t, i) || NameAfter(t, i + digits + suffix)) return true;
    }
  }
  return false;
}

// ---- A first name with a bare age: "Tyler (14)", "Tyler, 14, from ..." ------------------------

// A word that, where the sentence reads on, says one person: "Tyler, 14 was seen".
constexpr std::string_view kSingularCues[] = {"was", "is",   "has",  "had",  "lives", "lived",
                                              "said", "told", "who", "from", "goes",  "went"};

bool SingularCueAt(const Text& t, size_t i) {
  for (std::string_view w : kSingularCues) {
    if (t.WordAt(i, w)) return true;
  }
  return false;
}

// The capitalised word that ends right before `i` (spaces allowed between): its start, or
// npos. A name, not an acronym, not a word that often stands beside a number.
size_t CapitalisedWordBefore(const Text& t, size_t i) {
  while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t')) --i;
  size_t b = i;
  while (b > 0 && (IsAlpha(t[b - 1]) || t[b - 1] == '\'' || t[b - 1] == '-')) --b;
  while (b < i && !IsAlpha(t[b])) ++b;
  if (i <= b + 1 || !IsUpper(t[b])) return std::string_view::npos;
  for (size_t k = b + 1; k < i; ++k) {
    if (IsUpper(t[k])) return std::string_view::npos;
  }
  if (IsNotName(t, b, i)) return std::string_view::npos;
  return b;
}

// Whether the word [b, e) starts its sentence (nothing but quotes and brackets since the
// last full stop, line break or the start).
bool StartsSentence(const Text& t, size_t b) {
  size_t p = b;
  while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t' || t[p - 1] == '"' || t[p - 1] == '\'' ||
                   t[p - 1] == '(' || t[p - 1] == '[')) {
    --p;
  }
  return p == 0 || t[p - 1] == '.' || t[p - 1] == '!' || t[p - 1] == '?' || t[p - 1] == '\n' ||
         t[p - 1] == '\r' || t[p - 1] == ':' || t[p - 1] == ';';
}

// The name before an age given bare, with what follows the age at `after`. At the start
// of a sentence a capitalised plural ("Workshops (12) were held") is taken for a count
// unless the sentence goes on about one person ("James (14) was seen").
bool NameWithBareAge(const Text& t, size_t name_end, size_t after) {
  const size_t b = CapitalisedWordBefore(t, name_end);
  if (b == std::string_view::npos) return false;
  size_t e = b;
  while (e < t.size() && (IsAlpha(t[e]) || t[e] == '\'' || t[e] == '-')) ++e;
  if (!StartsSentence(t, b)) return true;
  return t.lower(e - 1) != 's' || SingularCueAt(t, t.SkipSpaces(after));
}

// Whether "Word (N)" whose bracket opens at `open` and whose age ends before `after` sits
// in a list of such ("Leeds (2), Liverpool (2) and London (4)").
bool InCountList(const Text& t, size_t open, size_t after) {
  // The next item: ", Word (N" or " and Word (N".
  size_t j = t.SkipSpaces(after);
  if (t[j] == ',') j = t.SkipSpaces(j + 1);
  if (t.WordAt(j, "and")) j = t.SkipSpaces(j + 3);
  if (IsUpper(t[j])) {
    size_t e = j;
    while (e < t.size() && IsAlpha(t[e])) ++e;
    e = t.SkipSpaces(e);
    if (t[e] == '(' && IsDigit(t[e + 1])) return true;
  }
  // The item before: "N), Word (" or "N) and Word (".
  const size_t b = CapitalisedWordBefore(t, open);
  if (b == std::string_view::npos) return false;
  size_t p = b;
  while (p > 0 && t[p - 1] == ' ') --p;
  if (p >= 3 && t.WordAt(p - 3, "and")) p -= 3;
  while (p > 0 && t[p - 1] == ' ') --p;
  if (p > 0 && t[p - 1] == ',') --p;
  while (p > 0 && t[p - 1] == ' ') --p;
  return p > 0 && t[p - 1] == ')';
}

bool HasNameWithBareAge(const Text& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsDigit(t[i]) || !t.StartsToken(i)) continue;
    int age = 0;
    const size_t digits = t.Digits(i, 3, &age);
    if (digits > 2 || age < 1 || age > 25) continue;
    const size_t end = i + digits;
    // "Tyler (14)": the age alone in brackets right after the name, unless it is one of a
    // list of counts ("Liverpool (2), Leeds (2) and London (4)").
    if (i > 0 && t[i - 1] == '(' && t[end] == ')') {
      if (!InCountList(t, i - 1, end + 1) && NameWithBareAge(t, i - 1, end + 1)) return true;
      continue;
    }
    // "Tyler, 14, from ..." or "Tyler, 14 was seen": a comma, the age, then a comma and
    // the sentence going on in lower case, or a word that speaks of one person. A list of
    // places and counts ("Leeds, 22; Liverpool, 24") is neither.
    size_t c = i;
    while (c > 0 && t[c - 1] == ' ') --c;
    if (c == 0 || t[c - 1] != ',') continue;
    bool person = false;
    if (t[end] == ',') {
      const size_t next = t.SkipSpaces(end + 1);
      person = IsLower(t[next]);
    } else if (t[end] == ' ') {
      person = SingularCueAt(t, t.SkipSpaces(end));
    } else if (end >= t.size() || t[end] == '.') {
      // "... seen with Tyler, 14." unless the name is an item of a list.
      const size_t b = CapitalisedWordBefore(t, c - 1);
      size_t p = b == std::string_view::npos ? 0 : b;
      while (p > 0 && t[p - 1] == ' ') --p;
      person = b != std::string_view::npos && p > 0 && t[p - 1] != ';' && t[p - 1] != ',' &&
               t[p - 1] != ':';
    }
    if (person && NameWithBareAge(t, c - 1, end)) return true;
  }
  return false;
}

// ---- Street addresses: "12 High Street", "Flat 3, 45 Station Road" -----------------------------

constexpr std::string_view kStreetWords[] = {
    "street", "st",     "road",    "rd",      "avenue",  "ave",   "lane",   "close",
    "drive",  "crescent", "way",   "gardens", "place",   "terrace", "court", "grove",
    "walk",   "square", "mews",    "row",     "parade",  "boulevard"};

// After a street's name: what may follow an address (its end, punctuation, a town, or a
// word that joins it to the sentence); a lower-case word otherwise makes the street's name
// a description ("the 3 High Street banks").
constexpr std::string_view kAfterAddress[] = {
    "and",  "or",   "in",    "on",     "at",     "near", "where", "was",   "were",  "is",
    "has",  "had",  "which", "to",     "from",   "by",   "with",  "when",  "for",   "after",
    "before", "during", "again", "late", "last", "but", "then",  "that",  "twice", "every"};

size_t StreetWordAt(const Text& t, size_t i) {
  for (std::string_view w : kStreetWords) {
    if (t.WordAt(i, w)) return w.size() + (t[i + w.size()] == '.' && w.size() <= 3 ? 1 : 0);
  }
  return 0;
}

bool HasStreetAddress(const Text& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsDigit(t[i]) || !t.StartsToken(i)) continue;
    if (i > 0 && (t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '/' || t[i - 1] == '-') &&
        i > 1 && IsDigit(t[i - 2])) {
      continue;  // inside a longer number or a date
    }
    int number = 0;
    const size_t digits = t.Digits(i, 5, &number);
    if (digits == 0 || digits > 4 || number == 0) continue;
    size_t j = i + digits;
    if (IsLower(t[j]) && t[j] <= 'h' && t.EndsToken(j + 1)) ++j;  // "221b"
    if (!t.EndsToken(j) || t[j] != ' ') continue;
    // One to three capitalised words, the last of them a street word.
    size_t k = t.SkipSpaces(j);
    for (int word = 0; word < 4 && k < t.size() && IsUpper(t[k]); ++word) {
      if (const size_t street = StreetWordAt(t, k); street > 0 && word > 0) {
        size_t after = t.SkipSpaces(k + street);
        if (after >= t.size() || !IsLower(t[after])) return true;
        for (std::string_view w : kAfterAddress) {
          if (t.WordAt(after, w)) return true;
        }
        break;
      }
      size_t e = k;
      while (e < t.size() && (IsAlpha(t[e]) || t[e] == '\'')) ++e;
      if (e == k) break;
      k = t.SkipSpaces(e);
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> ScreenFreeText(std::string_view text) {
  const Text t(text);
  std::vector<std::string> warnings;
  auto warn = [&](bool seen, const char* what, const char* action = "remove it") {
    if (seen) {
      warnings.push_back(std::string("Looks like ") + what + ": " + action +
                         "; Lookout never needs it.");
    }
  };
  warn(HasDateOfBirth(t), "a date of birth");
  warn(HasAgeNextToName(t) || HasNameWithBareAge(t), "an age next to what may be a name",
       "remove the name");
  warn(HasStreetAddress(t), "a street address");
  warn(HasPhone(t), "a phone number");
  warn(HasEmail(t), "an email address");
  warn(HasPostcode(t), "a postcode");
  warn(HasNhsNumber(t), "an NHS number");
  warn(HasNiNumber(t), "a National Insurance number");
  return warnings;
}

}  // namespace lookout::domain
