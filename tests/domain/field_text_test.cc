#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <set>

#include "domain/rules.h"

namespace lookout::domain {
namespace {

const FieldDef& F(const EntityDef& e, const std::string& name) {
  const FieldDef* f = e.Find(name);
  if (f == nullptr) {
    ADD_FAILURE() << e.name << " has no field " << name;
    static const FieldDef kNone;
    return kNone;
  }
  return *f;
}

Value Parsed(const FieldDef& f, std::string_view text) {
  Result<Value> r = ParseFieldText(f, text);
  EXPECT_TRUE(r.ok()) << f.name << " '" << text << "': " << r.status().ToString();
  return r.ok() ? r.value() : Value();
}

// The field errors of a refused text (empty, and a test failure, when it was accepted).
std::vector<FieldError> Refused(const FieldDef& f, std::string_view text) {
  Result<Value> r = ParseFieldText(f, text);
  EXPECT_FALSE(r.ok()) << f.name << " '" << text << "' was accepted as " << r->ToDisplay();
  if (r.ok()) return {};
  EXPECT_EQ(r.status().code(), ErrorCode::kValidation);
  EXPECT_FALSE(r.status().fields().empty());
  return r.status().fields();
}

Value List(std::initializer_list<Value> items) { return Value(Value::List(items)); }

const FieldDef& Received() { return F(InsightEntity(), "received_on"); }
const FieldDef& Themes() { return F(InsightEntity(), "themes"); }
const FieldDef& CountyLines() { return F(InsightEntity(), "county_lines"); }
const FieldDef& RiskScore() { return F(InsightEntity(), "risk_score"); }
const FieldDef& Summary() { return F(InsightEntity(), "summary"); }
const FieldDef& SourceType() { return F(InsightEntity(), "source_type"); }
const FieldDef& InsightRegion() { return F(InsightEntity(), "region"); }
const FieldDef& RecordedBy() { return F(InsightEntity(), "recorded_by"); }
const FieldDef& FyStart() { return F(ProgrammeEntity(), "fy_start_month"); }
const FieldDef& TaskStaff() { return F(TaskEntity(), "staff"); }
const FieldDef& AudienceSectors() { return F(TaskEntity(), "audience_sectors"); }
const FieldDef& Audience() { return F(ActivityEntity(), "audience"); }
const FieldDef& SurveyPeriod() { return F(*domain::FindEntity("survey"), "period"); }
const FieldDef& Title() { return F(TaskEntity(), "title"); }

// ---- Each type -----------------------------------------------------------------------------

TEST(FieldText, EmptyTextIsNullOrAnEmptySet) {
  EXPECT_TRUE(Parsed(Received(), "").is_null());
  EXPECT_TRUE(Parsed(Received(), "   ").is_null());
  EXPECT_TRUE(Parsed(Title(), "").is_null());
  EXPECT_TRUE(Parsed(FyStart(), " ").is_null());
  EXPECT_EQ(Parsed(Themes(), ""), Value(Value::List{}));
  EXPECT_EQ(Parsed(TaskStaff(), " "), Value(Value::List{}));
  EXPECT_EQ(Parsed(Audience(), ""), Value(Value::Rows{}));
}

TEST(FieldText, TextIsTakenAsItIs) {
  EXPECT_EQ(Parsed(Title(), "  Roadshow, Leeds | 2020  "), Value("  Roadshow, Leeds | 2020  "));
  EXPECT_EQ(Parsed(Summary(), "Line one\nLine two"), Value("Line one\nLine two"));
}

TEST(FieldText, IntegersAcceptASignAndSurroundingSpaces) {
  EXPECT_EQ(Parsed(FyStart(), "4"), Value(4));
  EXPECT_EQ(Parsed(FyStart(), " 12 "), Value(12));
  EXPECT_EQ(Parsed(FyStart(), "+7"), Value(7));
  EXPECT_EQ(Parsed(FyStart(), "-3"), Value(-3));
  EXPECT_EQ(Parsed(FyStart(), "9223372036854775807"), Value(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(Parsed(FyStart(), "-9223372036854775808"), Value(std::numeric_limits<int64_t>::min()));
}

TEST(FieldText, IntegersRefuseAnythingElse) {
  for (const char* text : {"1 000", "1,000", "1.0", "1e3", "four", "+", "-", "+-1", "--1", "0x10",
                           "12a", "9223372036854775808"}) {
    auto s = Refused(FyStart(), text);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].field, "fy_start_month");
  }
}

TEST(FieldText, NumbersAreDecimal) {
  EXPECT_EQ(Parsed(RiskScore(), "1.5"), Value(1.5));
  EXPECT_EQ(Parsed(RiskScore(), " -2 "), Value(-2.0));
  EXPECT_EQ(Parsed(RiskScore(), "+0.25"), Value(0.25));
  EXPECT_EQ(Parsed(RiskScore(), "3e2"), Value(300.0));
  for (const char* text : {"inf", "-inf", "nan", "1,5", "1.5.2", "one", "1e999", "0x1p3", "."}) {
    Refused(RiskScore(), text);
  }
}

TEST(FieldText, BooleansHaveSeveralSpellings) {
  for (const char* yes : {"true", "TRUE", "True", "yes", "Y", "y", "1", " yes "}) {
    EXPECT_EQ(Parsed(CountyLines(), yes), Value(true)) << yes;
  }
  for (const char* no : {"false", "False", "no", "NO", "n", "0"}) {
    EXPECT_EQ(Parsed(CountyLines(), no), Value(false)) << no;
  }
  for (const char* bad : {"2", "yep", "t", "on", "ja"}) Refused(CountyLines(), bad);
  EXPECT_EQ(FormatFieldText(CountyLines(), Value(true)), "true");
  EXPECT_EQ(FormatFieldText(CountyLines(), Value(false)), "false");
}

TEST(FieldText, DatesAreIsoAndTheErrorShowsTheForm) {
  EXPECT_EQ(Parsed(Received(), "2026-03-09"), Value("2026-03-09"));
  EXPECT_EQ(Parsed(Received(), " 2024-02-29 "), Value("2024-02-29"));
  auto s = Refused(Received(), "09/03/2026");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].field, "received_on");
  EXPECT_NE(s[0].message.find("expected a date as YYYY-MM-DD, e.g. 2026-03-09"), std::string::npos);
  Refused(Received(), "2026-02-30");
}

TEST(FieldText, PeriodsAreValidated) {
  EXPECT_EQ(Parsed(SurveyPeriod(), "2025-26"), Value("2025-26"));
  EXPECT_EQ(Parsed(SurveyPeriod(), "2025-26 Q3"), Value("2025-26 Q3"));
  Refused(SurveyPeriod(), "2025-27");
  Refused(SurveyPeriod(), "2025-26 Q5");
}

TEST(FieldText, CodesMustBeInTheVocabularyAndTheErrorListsThem) {
  EXPECT_EQ(Parsed(SourceType(), "survey"), Value("survey"));
  auto s = Refused(SourceType(), "rumour");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NE(s[0].message.find("police_intelligence, partner_observation"), std::string::npos)
      << s[0].message;
  Refused(SourceType(), "Survey");  // codes are exact
}

TEST(FieldText, CodeSetsAreSortedTrimmedAndIgnoreEmptyParts) {
  EXPECT_EQ(Parsed(Themes(), "online;cse; cce ;;"), List({"cce", "cse", "online"}));
  EXPECT_EQ(Parsed(Themes(), "msht"), List({"msht"}));
}

TEST(FieldText, CodeSetsRefuseDuplicatesAndUnknownCodes) {
  Refused(Themes(), "cse;cce;cse");
  auto s = Refused(Themes(), "cse;gangs");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].field, "themes");
  EXPECT_NE(s[0].message.find("'gangs'"), std::string::npos);
}

TEST(FieldText, ReferencesToReferenceDataAreCodes) {
  EXPECT_EQ(Parsed(InsightRegion(), " EM "), Value("EM"));
  EXPECT_EQ(Parsed(AudienceSectors(), "transport;police;health"),
            List({"health", "police", "transport"}));
  Refused(AudienceSectors(), "police;police");
}

TEST(FieldText, ReferencesToOtherRecordsArePositiveIds) {
  EXPECT_EQ(Parsed(RecordedBy(), "12"), Value(12));
  for (const char* bad : {"0", "-4", "twelve", "1.5", "T-2026-0042"}) Refused(RecordedBy(), bad);
  EXPECT_EQ(Parsed(TaskStaff(), "10;9; 100"), List({9, 10, 100}));
  Refused(TaskStaff(), "3;03");
}

TEST(FieldText, SetsAreFormattedInCanonicalOrder) {
  EXPECT_EQ(FormatFieldText(Themes(), List({"online", "cce", "cse"})), "cce;cse;online");
  EXPECT_EQ(FormatFieldText(TaskStaff(), List({100, 9, 10})), "9;10;100");
  EXPECT_EQ(FormatFieldText(TaskStaff(), Value(Value::List{})), "");
  EXPECT_EQ(FormatFieldText(Themes(), Value()), "");
}

TEST(FieldText, NumbersAreFormattedShortestExact) {
  EXPECT_EQ(FormatFieldText(RiskScore(), Value(1.5)), "1.5");
  EXPECT_EQ(FormatFieldText(RiskScore(), Value(2.0)), "2");
  EXPECT_EQ(FormatFieldText(RiskScore(), Value(0.1)), "0.1");
  EXPECT_EQ(FormatFieldText(FyStart(), Value(-12)), "-12");
}

// ---- Child rows ----------------------------------------------------------------------------

Record AudienceRow(const std::string& group, const std::string& sector, int count, bool est) {
  Record r;
  r.Set("group", group);
  if (!sector.empty()) r.Set("sector", sector);
  r.Set("count", count);
  r.Set("estimated", est);
  return r;
}

TEST(FieldText, ChildRowsUseTheCompactForm) {
  const Value rows(Value::Rows{AudienceRow("professionals", "police", 12, false),
                               AudienceRow("young_people", "", 40, true)});
  const std::string text =
      "group=professionals,sector=police,count=12,estimated=false | "
      "group=young_people,count=40,estimated=true";
  EXPECT_EQ(FormatFieldText(Audience(), rows), text);
  EXPECT_EQ(Parsed(Audience(), text), rows);
}

TEST(FieldText, ChildRowsAcceptLooseSpacingAnyFieldOrderAndTheirFieldsTextForms) {
  const Value rows(Value::Rows{AudienceRow("professionals", "police", 12, true),
                               AudienceRow("public", "", 300, false)});
  EXPECT_EQ(Parsed(Audience(),
                   " count = 12 , group=professionals,sector= police ,estimated=yes|"
                   "group=public,count=300,estimated=0,sector= |"),
            rows);
}

TEST(FieldText, ChildRowsOmitNullFields) {
  Record row = AudienceRow("public", "", 5, false);
  row.Set("sector", Value());
  EXPECT_EQ(FormatFieldText(Audience(), Value(Value::Rows{row})),
            "group=public,count=5,estimated=false");
}

TEST(FieldText, ChildRowsWithoutValuesAreLeftOut) {
  Record empty;
  empty.Set("sector", Value());
  const Value rows(Value::Rows{empty, AudienceRow("public", "", 5, false), Record{}});
  const std::string text = FormatFieldText(Audience(), rows);
  EXPECT_EQ(text, "group=public,count=5,estimated=false");
  EXPECT_EQ(Parsed(Audience(), "| |" + text + "||"),
            Value(Value::Rows{AudienceRow("public", "", 5, false)}));
}

TEST(FieldText, ChildValuesEscapeSeparatorsAndEdgeSpaces) {
  const FieldDef& answers = F(SurveyResponseEntity(), "answers");
  Record a;
  a.Set("question", 3);
  a.Set("answer", " a=b, c|d \\ e ");
  const Value rows(Value::Rows{a});
  const std::string text = FormatFieldText(answers, rows);
  EXPECT_EQ(text, "question=3,answer=\\ a\\=b\\, c\\|d \\\\ e\\ ");
  EXPECT_EQ(Parsed(answers, text), rows);
}

TEST(FieldText, ChildRowErrorsNameTheRowAndField) {
  auto s = Refused(Audience(), "group=public,count=5 | group=young_people,count=many");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].field, "audience[1].count");
  s = Refused(Audience(), "group=public,count=5 | group=pupils,count=3");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].field, "audience[1].group");
}

TEST(FieldText, ChildRowsRefuseUnknownFieldsMissingEqualsAndStrayEscapes) {
  auto s = Refused(Audience(), "group=public,size=5");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].field, "audience[0]");
  EXPECT_NE(s[0].message.find("'size'"), std::string::npos);
  s = Refused(Audience(), "group=public,count 5");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].field, "audience[0]");
  Refused(Audience(), "group=public,count=5\\");
  Refused(Audience(), "group=public,count=5=6");
  Refused(Audience(), "group=public,group=public");
}

TEST(FieldText, ChildRowsReportEveryBadRow) {
  auto s = Refused(Audience(), "count=x | count=y | count=3");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].field, "audience[0].count");
  EXPECT_EQ(s[1].field, "audience[1].count");
}

// ---- Round trips: every field of every entity, many generated values ------------------------

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Coin() { return Int(0, 1) == 1; }

  std::string Text(bool multiline) {
    static const std::vector<std::string> kPieces = {
        "a", "Z", "9", " ",  ",",         "|",   "=",           "\\",  ";",   "  ", "é",
        "£", "—", "'", "\"", "Leicester", "BTP", "#LookCloser", "x=1", "\\|", "\t"};
    std::string s;
    const int n = Int(1, 12);
    for (int i = 0; i < n; ++i) s += kPieces[Int(0, static_cast<int>(kPieces.size()) - 1)];
    if (multiline && Coin()) s += "\nsecond line";
    return s;
  }

  std::string Code() {
    static const char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    std::string s;
    const int n = Int(1, 8);
    for (int i = 0; i < n; ++i) s += kChars[Int(0, static_cast<int>(sizeof kChars) - 2)];
    return s;
  }

  double Real() {
    switch (Int(0, 3)) {
      case 0:
        return Int(-1000, 1000) / 8.0;
      case 1:
        return std::uniform_real_distribution<double>(-1e6, 1e6)(rng_);
      case 2:
        return std::ldexp(std::uniform_real_distribution<double>(0.5, 1)(rng_), Int(-1000, 1000));
      default: {
        uint64_t bits = std::uniform_int_distribution<uint64_t>()(rng_);
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return std::isfinite(d) ? d : 0.0;
      }
    }
  }

  int64_t Int64() {
    switch (Int(0, 2)) {
      case 0:
        return Int(-100, 100);
      case 1:
        return Coin() ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
      default:
        return std::uniform_int_distribution<int64_t>()(rng_);
    }
  }

  Value Of(const FieldDef& f) {
    switch (f.type) {
      case FieldType::kText:
        return Value(Text(false));
      case FieldType::kLongText:
        return Value(Text(true));
      case FieldType::kInt:
        return Value(Int64());
      case FieldType::kReal:
        return Value(Real());
      case FieldType::kBool:
        return Value(Coin());
      case FieldType::kDate: {
        Date d = Date::FromDays(Int(static_cast<int>((Date{1900, 1, 1}).DaysSinceEpoch()),
                                    static_cast<int>((Date{2200, 12, 31}).DaysSinceEpoch())));
        return Value(d.ToString());
      }
      case FieldType::kPeriod:
        return Value((Period{Int(1900, 2199), Int(0, 4)}).ToString());
      case FieldType::kEnum: {
        const Vocabulary* v = FindVocabulary(f.target);
        return Value(v->terms[Int(0, static_cast<int>(v->terms.size()) - 1)].code);
      }
      case FieldType::kRef:
        return IsCodeRef(f) ? Value(Code()) : Value(static_cast<int64_t>(Int(1, 1 << 30)));
      case FieldType::kEnumSet: {
        const Vocabulary* v = FindVocabulary(f.target);
        Value::List items;
        for (const Term& t : v->terms) {
          if (Coin()) items.emplace_back(t.code);
        }
        std::sort(items.begin(), items.end(),
                  [](const Value& a, const Value& b) { return a.as_text() < b.as_text(); });
        return Value(std::move(items));
      }
      case FieldType::kRefSet: {
        const int n = Int(0, 5);
        if (IsCodeRef(f)) {
          std::set<std::string> codes;
          for (int i = 0; i < n; ++i) codes.insert(Code());
          Value::List items(codes.begin(), codes.end());
          return Value(std::move(items));
        }
        std::set<int64_t> ids;
        for (int i = 0; i < n; ++i) ids.insert(Int(1, 5000));
        return Value(Value::List(ids.begin(), ids.end()));
      }
      case FieldType::kChildren: {
        const EntityDef& child = ChildEntity(f);
        Value::Rows rows;
        const int n = Int(0, 4);
        for (int i = 0; i < n; ++i) {
          Record row;
          for (const FieldDef& cf : child.fields) {
            if (Int(0, 4) > 0) row.Set(cf.name, Of(cf));
          }
          if (row.fields.empty()) row.Set(child.fields.front().name, Of(child.fields.front()));
          rows.push_back(std::move(row));
        }
        return Value(std::move(rows));
      }
    }
    return Value();
  }

 private:
  static bool IsCodeRef(const FieldDef& f) {
    const EntityDef* target = FindEntity(f.target);
    return target != nullptr && target->IsReference();
  }
  std::mt19937 rng_;
};

TEST(FieldText, EveryFieldOfEveryEntityRoundTripsThroughItsTextForm) {
  int checked = 0;
  std::set<FieldType> types;
  for (uint32_t seed : {20260309u, 1u, 4242u}) {
    Generator gen(seed);
    for (const EntityDef* e : AllEntities()) {
      for (const FieldDef& f : e->fields) {
        for (int i = 0; i < 60; ++i) {
          const Value v = gen.Of(f);
          const std::string text = FormatFieldText(f, v);
          Result<Value> back = ParseFieldText(f, text);
          ASSERT_TRUE(back.ok()) << e->name << "." << f.name << " '" << text
                                 << "': " << back.status().ToString();
          ASSERT_EQ(back.value(), v) << e->name << "." << f.name << " '" << text << "'";
          // The written form is canonical: writing what was read gives the same bytes.
          ASSERT_EQ(FormatFieldText(f, back.value()), text) << e->name << "." << f.name;
          ++checked;
          types.insert(f.type);
        }
      }
    }
  }
  EXPECT_EQ(types.size(), 12u) << "some field type has no field in the schema to test";
  EXPECT_GT(checked, 5000);
}

TEST(FieldText, NullRoundTripsForSingleValuedFields) {
  for (const EntityDef* e : AllEntities()) {
    for (const FieldDef& f : e->fields) {
      if (f.IsSet() || f.type == FieldType::kChildren) continue;
      EXPECT_EQ(FormatFieldText(f, Value()), "") << f.name;
      EXPECT_TRUE(Parsed(f, "").is_null()) << f.name;
    }
  }
}

}  // namespace
}  // namespace lookout::domain

namespace lookout::domain {
namespace {

// Whatever a cell holds, reading it gives a value or a validation error that names a field.
TEST(FieldText, ArbitraryTextGivesAValueOrANamedError) {
  std::mt19937 rng(7);
  const std::string alphabet = "ab=,|\\; 0123456789-+.eE\t\nTtYyQ\xC3\xA9\xFF";
  for (const EntityDef* e : AllEntities()) {
    for (const FieldDef& f : e->fields) {
      for (int i = 0; i < 200; ++i) {
        std::string text;
        const int n = std::uniform_int_distribution<int>(0, 24)(rng);
        for (int k = 0; k < n; ++k) {
          text += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
        }
        Result<Value> r = ParseFieldText(f, text);
        if (!r.ok()) {
          EXPECT_EQ(r.status().code(), ErrorCode::kValidation) << f.name << " '" << text << "'";
          EXPECT_FALSE(r.status().fields().empty()) << f.name << " '" << text << "'";
          EXPECT_FALSE(r.status().message().empty());
        }
      }
    }
  }
}

}  // namespace
}  // namespace lookout::domain
