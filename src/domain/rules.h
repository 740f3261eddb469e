// The programme's rules that are more than a field's type: the 3x5x2 and legacy 5x5x5
// grades, the task lifecycle, reporting periods, priority scoring, record validation and
// the screen for identifying details in free text. Pure functions: no I/O.
#ifndef LOOKOUT_DOMAIN_RULES_H_
#define LOOKOUT_DOMAIN_RULES_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "core/value.h"
#include "domain/schema.h"

namespace lookout::domain {

// ---- Grades ----------------------------------------------------------------------------

// A 3x5x2 grade: source 1-3, intelligence A-E, handling P or C, written "1BP".
// Parse accepts "1BP" or "[1BP]", letters in either case ("1bp"), and nothing else (no
// surrounding spaces); ToString writes the upper-case form without brackets.
struct Grade {
  char source = '1';
  char intelligence = 'A';
  char handling = 'P';
  std::string ToString() const;  // "1BP"
  static std::optional<Grade> Parse(std::string_view text);  // "1BP" or "[1BP]"
};

// A legacy 5x5x5 grade: source A-E, intelligence 1-5, handling 1-5, written "B24".
// Readable when imported, never converted to or mixed with 3x5x2. Parse accepts the
// same forms as Grade::Parse ("B24", "[B24]", "b24"); ToString writes "B24".
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
// OK, or kIllegalTransition with a message that names both statuses and what is allowed
// ("A task that is 'proposed' cannot move to 'delivered'. From 'proposed' it can move to:
// approved, rejected, cancelled."); moving to the status a task already has is illegal.
// kValidation (field "reason") when a rejection or cancellation has a blank reason;
// kValidation (field "to", or "from") when a status name is not a task status.
Status CheckTaskTransition(std::string_view from, std::string_view to, std::string_view reason);
// The tasking meeting may ask for changes to a proposal instead of deciding on it: the
// proposal stays proposed, and its history keeps the request as an entry from 'proposed'
// to 'proposed' whose reason says what to change. Whether a history entry is one.
bool IsChangesAsked(std::string_view from, std::string_view to);
// Whether work on a task is under way: approved or in progress. The home pages and the
// task lists call such a task overdue once its due date has passed.
bool IsOpenTaskStatus(std::string_view status);
// How many days an open task is past its due date (`due_on`, YYYY-MM-DD) on `today`: 1 the
// day after it was due. 0 when it is not overdue: not open, no due date, or not yet past.
int64_t DaysOverdue(std::string_view status, std::string_view due_on, Date today);

// ---- Reporting periods -----------------------------------------------------------------

// A financial year ("2025-26": from the first day of the programme's first month in 2025
// to the day before it in 2026) or a quarter of one ("2025-26 Q3"; Q1 is the first three
// months of the year). The written form is always "YYYY-YY", whatever the first month:
// with a January start "2025-26" is the calendar year 2025.
// `fy_start_month` is 1..12; any other value is read as 4 (April), the default.
struct Period {
  static constexpr int kMinStartYear = 1900;  // keeps every day of a period a valid Date
  static constexpr int kMaxStartYear = 2199;
  int start_year = 2025;  // the calendar year the financial year starts in
  int quarter = 0;        // 0: the whole year; 1..4 otherwise
  std::string ToString() const;  // "2025-26" or "2025-26 Q3"
  // Strict: exactly "YYYY-YY" or "YYYY-YY Qn" (one space, upper-case Q, n 1..4), the
  // second part the last two digits of the next year ("2099-00"), start years
  // kMinStartYear..kMaxStartYear. Nullopt otherwise.
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
// unknown, missing, scored twice or out of their range ("factor_scores[2].score",
// 0-based); a scheme whose own factors are not valid gives ValidateScoringFactors' errors.
Result<double> ComputeRiskScore(const Value::Rows& scheme_factors, const Value::Rows& scores);
// Field errors for a scheme's own factor rows (codes unique, weight > 0, min <= max, at
// least one harm and one likelihood factor, a scale that reads as below with whole scores
// within the factor's range), named "factors[i].weight" (0-based) or "factors".
std::vector<FieldError> ValidateScoringFactors(const Value::Rows& factors);
// Whether two sets of factor rows score alike: the same codes, each with the same group,
// weight and range. A label (or any other wording) may differ; the order does not count.
// A scheme that has scored insight keeps its factors alike, or its scores would no longer
// follow from it.
bool ScoreAlike(const Value::Rows& a, const Value::Rows& b);

// One point of a described scale: "3 = some harm" is {3, "some harm"}.
struct ScalePoint {
  double value = 0;
  std::string meaning;
};

// Reads what a scale's numbers mean, as a scheme writes it for a factor ("1 = no known
// harm; 3 = harm to one child; 5 = serious harm to several children") or for the risk
// score's bands ("2 = Low: keep under review; 10 = Medium: ..."): points separated by ';',
// each a number, '=', and its meaning (which may not hold ';'), numbers strictly
// ascending. Empty text (or only spaces) is no points. kValidation with one message for
// the first part that does not read, quoting it.
Result<std::vector<ScalePoint>> ParseScale(std::string_view text);

// The lowest and highest risk score a scheme's factors allow (every factor at its lowest
// score, then every factor at its highest). REQUIRES: ValidateScoringFactors(factors) is
// empty.
std::pair<double, double> RiskScoreRange(const Value::Rows& factors);

// Field errors ("bands") for a scheme's risk bands against its factors: text that does
// not read (ParseScale), a first band starting above the lowest score the factors allow
// (a score would have no band), a band starting above the highest (no score reaches it).
// None when `bands` is empty; no range errors when the factors' groups, weights or ranges
// are not valid (ValidateScoringFactors reports those).
std::vector<FieldError> ValidateRiskBands(const Value::Rows& factors, std::string_view bands);

// The band a risk score falls in: the point with the greatest value not above `score`;
// nullptr when the score is below every band (or there are none).
const ScalePoint* RiskBand(const std::vector<ScalePoint>& bands, double score);

// ---- Field values from text ------------------------------------------------------------

// Parses one field's value as it is written in a CSV cell or a query string:
// integers, numbers, true/false (also yes/no, 1/0), dates, codes checked against the
// vocabulary, sets separated by ';', references as ids (or codes for reference
// entities). Child rows use the compact form "group=professionals,sector=police,
// count=12,estimated=true | ..." documented in docs/data-formats.md. Empty text is null
// (an empty list for sets). The error message says what was expected.
// The forms, exactly:
//   kText, kLongText  the text as it is, untrimmed; its length is checked by
//                     ValidateRecord, not here.
//   (all other types are trimmed of surrounding whitespace first)
//   kPeriod   "2025-26" or "2025-26 Q3" (Period::Parse).
//   kInt      optional sign and digits, no spaces or separators; 64-bit.
//   kReal     a decimal number ("1.5", "-2", "3e2"), read whole; finite.
//   kBool     true/false, yes/no, y/n, 1/0 in any case; written "true" / "false".
//   kDate     YYYY-MM-DD (Date::Parse).
//   kEnum     a code of the vocabulary, exactly (the error lists the allowed codes).
//   kEnumSet  codes separated by ';'; spaces around them and empty parts ignored; a code
//             given twice is an error.
//   kRef      the code of a record of a reference entity (FindEntity(target) has a code
//             field: region, police force, sector), otherwise a record id > 0.
//   kRefSet   the same, separated by ';' as for kEnumSet.
//   kChildren rows separated by '|' (written " | "), each row "name=value,name=value" with
//             the child entity's field names and each value in its own field's form; a
//             ',', '|', '=' or '\' inside a value, and whitespace at either end of one, is
//             escaped with '\'. Unescaped whitespace around names and values is ignored,
//             as are empty rows.
// Sets come back in canonical order (ids ascending, codes ascending by bytes), child rows
// without their null fields. Errors are kValidation with one FieldError per problem,
// named after the field ("audience[1].count", 0-based, for child rows).
Result<Value> ParseFieldText(const FieldDef& field, std::string_view text);
// The inverse: the text ParseFieldText reads back to the same value, in the canonical
// form (sets sorted, child fields in the child definition's order, null fields and rows
// without values omitted, numbers in the shortest form that reads back exactly). Null, an
// empty set and no rows are "". Empty text is the same as null to Lookout, so "" formats
// as "" and reads as null.
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
// Field names are as the caller wrote them: "themes", "audience[2].count" (0-based).
// Fields that are neither in the definition nor meta columns (kMetaColumns) are refused.
// A rule error is not added for a field the type checks already refused.
// System fields (FieldDef::system) are checked for their type only, never for presence:
// the use case itself puts some of them (a task's reference and status) into the record
// before validating, so refusing system fields that a client sent is the use case's job.
// A field that shares its name with a meta column is treated as a system field.
// Text is checked for valid UTF-8, length in code points (FieldDef::MaxLength()), control
// characters, and for kText a single line. Free text is not screened here: see
// ScreenFreeText, which warns rather than refuses. A task transition record (history
// restored by import) must be a legal move, with its reason when one is needed, at a UTC
// timestamp.
std::vector<FieldError> ValidateRecord(const EntityDef& entity, const Record& record,
                                       ValidationMode mode);

// Why `answer` does not fit a question of `kind` (a question_kind code) with `options`
// (choices separated by ';'), or "" when it fits. Agreement questions take the codes of
// the "agreement" vocabulary, yes/no questions those of "yes_no", choice questions their
// options (several separated by ';' for multiple choice); free text takes anything.
std::string CheckAnswer(std::string_view kind, std::string_view options, std::string_view answer);

// Whether `text` is well-formed UTF-8 without NUL characters: what both databases store.
bool IsWellFormedUtf8(std::string_view text);

// ---- Identifying details in free text ---------------------------------------------------

// Warnings for free text that looks as if it holds details that could identify a person:
// dates of birth, ages with names ("Tyler aged 14", "a 14-year-old, Tyler", and bare:
// "Tyler (14)", "Tyler, 14, from ..."), phone numbers, email addresses, street addresses
// ("12 High Street", "Flat 3, 45 Station Road"), postcodes, NHS numbers, national
// insurance numbers. Lookout never needs them; the warning asks the writer to remove
// them. Each warning names what was seen, not the text itself ("Looks like a phone
// number: remove it; Lookout never needs it."), at most one per kind, in a fixed order.
// Helpline numbers (0800, 0808, 03..) and acronyms are not flagged; an age is flagged only
// next to a capitalised word that does not start a sentence, or, given bare, next to one
// that does when the sentence speaks of one person; a street's name used to describe
// something ("the 3 High Street banks") is not an address.
std::vector<std::string> ScreenFreeText(std::string_view text);

}  // namespace lookout::domain

#endif  // LOOKOUT_DOMAIN_RULES_H_
