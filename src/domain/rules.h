// The programme's rules that are more than a field's type: the 3x5x2 and legacy 5x5x5
// grades, the task lifecycle, reporting periods, priority scoring, record validation and
// the screen for identifying details in free text. Pure functions: no I/O.
#ifndef LOOKOUT_DOMAIN_RULES_H_
#define LOOKOUT_DOMAIN_RULES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "core/value.h"
#include "domain/schema.h"

namespace lookout::domain {

// ---- Grades ----------------------------------------------------------------------------

// A 3x5x2 grade: source 1-3, intelligence A-E, handling P or C, written "1BP".
struct Grade {
  char source = '1';
  char intelligence = 'A';
  char handling = 'P';
  std::string ToString() const;  // "1BP"
  static std::optional<Grade> Parse(std::string_view text);  // "1BP" or "[1BP]"
};

// A legacy 5x5x5 grade: source A-E, intelligence 1-5, handling 1-5, written "B24".
// Readable when imported, never converted to or mixed with 3x5x2.
struct LegacyGrade {
  char source = 'A';
  char intelligence = '1';
  char handling = '1';
  std::string ToString() const;
  static std::optional<LegacyGrade> Parse(std::string_view text);
};

// ---- Task lifecycle ----------------------------------------------------------------------

// proposed -> approved -> in_progress -> delivered -> evaluated -> closed, and rejected
// (from proposed) or cancelled (from proposed, approved, in_progress).
bool IsTaskStatus(std::string_view status);
bool IsTerminalTaskStatus(std::string_view status);  // closed, rejected, cancelled
// The statuses a task may move to from `from`, in lifecycle order.
std::vector<std::string> AllowedTaskTransitions(std::string_view from);
// OK, or kIllegalTransition with a message that names both statuses and what is allowed;
// kValidation (field "reason") when a rejection or cancellation has no reason.
Status CheckTaskTransition(std::string_view from, std::string_view to, std::string_view reason);

// ---- Reporting periods -----------------------------------------------------------------

// A financial year ("2025-26": from the first day of the programme's first month in 2025
// to the day before it in 2026) or a quarter of one ("2025-26 Q3").
struct Period {
  int start_year = 2025;  // the calendar year the financial year starts in
  int quarter = 0;        // 0: the whole year; 1..4 otherwise
  std::string ToString() const;  // "2025-26" or "2025-26 Q3"
  static std::optional<Period> Parse(std::string_view text);
  Date First(int fy_start_month) const;
  Date Last(int fy_start_month) const;
  // The financial year containing `date`.
  static Period YearOf(Date date, int fy_start_month);
  static Period QuarterOf(Date date, int fy_start_month);
};

// ---- Priority scoring ------------------------------------------------------------------

// Risk score of an assessment under a scoring scheme. `scheme_factors` are the scheme's
// factor rows (code, group, weight, min_score, max_score); `scores` the assessment's rows
// (factor, score). The score is the weighted mean of the harm factors times the weighted
// mean of the likelihood factors, plus the weighted mean of the position factors (0 when
// the scheme has none), rounded to two decimals. Field errors name factors that are
// unknown, missing, or out of their range.
Result<double> ComputeRiskScore(const Value::Rows& scheme_factors, const Value::Rows& scores);
// Field errors for a scheme's own factor rows (codes unique, weight > 0, min <= max, at
// least one harm and one likelihood factor).
std::vector<FieldError> ValidateScoringFactors(const Value::Rows& factors);

// ---- Field values from text ------------------------------------------------------------

// Parses one field's value as it is written in a CSV cell or a query string:
// integers, numbers, true/false (also yes/no, 1/0), dates, codes checked against the
// vocabulary, sets separated by ';', references as ids (or codes for reference
// entities). Child rows use the compact form "group=professionals,sector=police,
// count=12,estimated=true | ..." documented in docs/data-formats.md. Empty text is null
// (an empty list for sets). The error message says what was expected.
Result<Value> ParseFieldText(const FieldDef& field, std::string_view text);
// The inverse: the text ParseFieldText reads back to the same value.
std::string FormatFieldText(const FieldDef& field, const Value& value);

// ---- Validation ------------------------------------------------------------------------

enum class ValidationMode {
  kCreate,   // a new record from the API: required fields must be present
  kUpdate,   // `record` is the whole record after applying the changes
  kImport,   // a record restored from a file: system fields allowed, legacy grades allowed
};

// Checks every field of `record` against `entity` (types, required, vocabularies, text
// lengths, child rows) and the entity's own rules (grades and their scales, themes and
// their flags, dates in order, audience groups and sectors, and so on). Returns one
// FieldError per problem, never stopping at the first; an empty list means valid.
// Does not check that references exist: that needs the store (see app/).
std::vector<FieldError> ValidateRecord(const EntityDef& entity, const Record& record,
                                       ValidationMode mode);

// ---- Identifying details in free text ---------------------------------------------------

// Warnings for free text that looks as if it holds details that could identify a person:
// dates of birth, ages with names, phone numbers, email addresses, postcodes, NHS numbers,
// national insurance numbers. Lookout never needs them; the warning asks the writer to
// remove them. Each warning names what was seen, not the text itself.
std::vector<std::string> ScreenFreeText(std::string_view text);

}  // namespace lookout::domain

#endif  // LOOKOUT_DOMAIN_RULES_H_
