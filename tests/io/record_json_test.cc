// The Record <-> JSON codec shared by the API and the CLI's JSON files.
#include "io/record_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/schema.h"

namespace lookout::io {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using json = nlohmann::json;

const domain::EntityDef& Activity() { return domain::ActivityEntity(); }
const domain::EntityDef& Task() { return domain::TaskEntity(); }
const domain::EntityDef& Insight() { return domain::InsightEntity(); }

std::vector<std::string> FieldNames(const Status& status) {
  std::vector<std::string> out;
  for (const FieldError& f : status.fields()) out.push_back(f.field);
  return out;
}

TEST(RecordFromJson, ConvertsEachFieldByItsDefinedType) {
  json body = json::parse(R"({
    "task": 7, "campaign": null, "type": "workshop", "title": "Hotel staff briefing",
    "start_on": "2026-03-09", "region": "EM", "force": "derbyshire",
    "partners": [3, 4],
    "audience": [{"group": "professionals", "sector": "hospitality", "count": 12,
                  "estimated": false}]
  })");
  Result<Record> r = RecordFromJson(Activity(), body);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Get("task"), Value(int64_t{7}));
  EXPECT_TRUE(r->Has("campaign"));
  EXPECT_TRUE(r->Get("campaign").is_null());
  EXPECT_EQ(r->Get("type"), Value("workshop"));
  EXPECT_EQ(r->Get("start_on"), Value("2026-03-09"));
  EXPECT_EQ(r->Get("region"), Value("EM"));                                   // a reference by code
  EXPECT_EQ(r->Get("partners"), Value(Value::List{int64_t{3}, int64_t{4}}));  // by id
  ASSERT_TRUE(r->Get("audience").is_rows());
  const Record& row = r->Get("audience").as_rows().at(0);
  EXPECT_EQ(row.Get("group"), Value("professionals"));
  EXPECT_EQ(row.Get("sector"), Value("hospitality"));
  EXPECT_EQ(row.Get("count"), Value(int64_t{12}));
  EXPECT_EQ(row.Get("estimated"), Value(false));
  EXPECT_FALSE(r->Has("notes"));  // absent stays absent (a partial update leaves it)
}

TEST(RecordFromJson, RefusesNonIntegersForIntegerFields) {
  for (const char* bad : {"1.5", "\"12\"", "true", "[1]", "{}", "1.0"}) {
    json body = json::parse(std::string(R"({"task": )") + bad + "}");
    Result<Record> r = RecordFromJson(Activity(), body);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), ErrorCode::kValidation);
    EXPECT_THAT(FieldNames(r.status()), ElementsAre("task")) << bad;
  }
}

TEST(RecordFromJson, RefusesIntegersBeyond63Bits) {
  json body = json::parse(R"({"task": 18446744073709551615})");
  Result<Record> r = RecordFromJson(Activity(), body);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().fields(),
              ElementsAre(Field(&FieldError::message, HasSubstr("too large"))));
}

TEST(RecordFromJson, AcceptsWholeAndFractionalNumbersForRealFields) {
  json body = json::parse(R"({"risk_score": 3})");
  Result<Record> r = RecordFromJson(Insight(), body);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->Get("risk_score").is_real());
  EXPECT_DOUBLE_EQ(r->Get("risk_score").as_real(), 3.0);
  body = json::parse(R"({"risk_score": "3"})");
  EXPECT_FALSE(RecordFromJson(Insight(), body).ok());
}

TEST(RecordFromJson, WantsTrueOrFalseForBooleans) {
  for (const char* bad : {"1", "\"true\"", "\"yes\""}) {
    json body = json::parse(std::string(R"({"county_lines": )") + bad + "}");
    Result<Record> r = RecordFromJson(Task(), body);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_THAT(r.status().fields(),
                ElementsAre(Field(&FieldError::message, HasSubstr("true or false"))));
  }
}

TEST(RecordFromJson, NamesEachBadElementOfASetAndOfChildRows) {
  json body = json::parse(R"({
    "themes": ["cse", 5, "cce", null],
    "regions": ["EM", 2],
    "objectives": ["one"]
  })");
  Result<Record> r = RecordFromJson(Task(), body);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(FieldNames(r.status()),
              ElementsAre("objectives[0]", "themes[1]", "themes[3]", "regions[1]"));

  json activity = json::parse(R"({
    "audience": [{"group": "public", "count": 4},
                 {"group": "young_people", "count": "many", "estimated": 1},
                 7]
  })");
  r = RecordFromJson(Activity(), activity);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(FieldNames(r.status()),
              ElementsAre("audience[1].count", "audience[1].estimated", "audience[2]"));
}

TEST(RecordFromJson, WantsListsForSetsAndChildren) {
  json body = json::parse(R"({"themes": "cse", "partners": 3})");
  Result<Record> r = RecordFromJson(Task(), body);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(FieldNames(r.status()), ElementsAre("themes", "partners"));
  body = json::parse(R"({"audience": {"group": "public"}})");
  r = RecordFromJson(Activity(), body);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().fields(),
              ElementsAre(Field(&FieldError::message, HasSubstr("list of objects"))));
}

TEST(RecordFromJson, RefusesUnknownKeysAndMetaKeysOnChildRows) {
  json body = json::parse(R"({"title": "x", "colour": "red",
                              "audience": [{"group": "public", "count": 1, "id": 4}]})");
  Result<Record> r = RecordFromJson(Activity(), body);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(
      r.status().fields(),
      ElementsAre(FieldError{"audience[0].id", "is set by Lookout on the record, not on its rows"},
                  FieldError{"colour", "is not a field of Activity"}));
}

TEST(RecordFromJson, AcceptsMetaColumnsByTheirType) {
  json body = json::parse(R"({"id": 5, "version": 2, "archived": true,
                              "archived_at": "2026-01-02T03:04:05Z", "created_by": "cli:root",
                              "title": "x"})");
  Result<Record> r = RecordFromJson(Task(), body);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Id(), 5);
  EXPECT_EQ(r->Get("version"), Value(int64_t{2}));
  EXPECT_EQ(r->Get("archived"), Value(true));
  EXPECT_EQ(r->Get("archived_at"), Value("2026-01-02T03:04:05Z"));

  body = json::parse(R"({"id": "5", "archived": "no"})");
  r = RecordFromJson(Task(), body);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(FieldNames(r.status()), ElementsAre("id", "archived"));
}

TEST(RecordFromJson, PrefixesFieldNamesWithThePathPrefix) {
  json body = json::parse(R"({"task": "x", "audience": [{"count": 1.5}]})");
  Result<Record> r = RecordFromJson(Activity(), body, "[3].");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(FieldNames(r.status()), ElementsAre("[3].task", "[3].audience[0].count"));

  Result<Record> not_object = RecordFromJson(Activity(), json::array(), "[3].");
  ASSERT_FALSE(not_object.ok());
  EXPECT_THAT(FieldNames(not_object.status()), ElementsAre("[3]"));
  not_object = RecordFromJson(Activity(), json("text"));
  EXPECT_THAT(FieldNames(not_object.status()), ElementsAre("body"));
}

TEST(RecordFromJson, ReadsOrderedJsonTheSameWay) {
  nlohmann::ordered_json body = nlohmann::ordered_json::parse(R"({"task": 1, "title": "t"})");
  Result<Record> r = RecordFromJson(Activity(), body);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->Get("title"), Value("t"));
}

Record SampleActivity() {
  Record r;
  r.Set("id", int64_t{12});
  r.Set("version", int64_t{3});
  r.Set("archived", false);
  r.Set("created_at", "2026-01-01T00:00:00Z");
  r.Set("created_by", "cli:root");
  r.Set("updated_at", "2026-01-02T00:00:00Z");
  r.Set("updated_by", "api:anonymous");
  r.Set("task", int64_t{7});
  r.Set("type", "workshop");
  r.Set("title", "Hotel staff briefing");
  r.Set("start_on", "2026-03-09");
  r.Set("region", "EM");
  r.Set("partners", Value::List{int64_t{3}, int64_t{4}});
  Record row;
  row.Set("group", "professionals");
  row.Set("sector", "hospitality");
  row.Set("count", int64_t{12});
  row.Set("estimated", true);
  r.Set("audience", Value::Rows{row});
  r.Set("not_defined", "dropped");
  return r;
}

TEST(RecordToJson, WritesMetaColumnsThenFieldsInDefinitionOrder) {
  nlohmann::ordered_json j = RecordToJson(Activity(), SampleActivity());
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  std::vector<std::string> expected(std::begin(domain::kMetaColumns),
                                    std::end(domain::kMetaColumns));
  for (const domain::FieldDef& f : Activity().fields) expected.push_back(f.name);
  EXPECT_EQ(keys, expected);
  EXPECT_TRUE(j["archived_at"].is_null());  // absent meta column: null
  EXPECT_TRUE(j["campaign"].is_null());     // absent field: null
  EXPECT_EQ(j["partners"], nlohmann::ordered_json::parse("[3,4]"));
  EXPECT_EQ(j["audience"].dump(),
            R"([{"group":"professionals","sector":"hospitality","count":12,"estimated":true}])");
  EXPECT_FALSE(j.contains("not_defined"));
}

TEST(RecordToJson, RoundTripsThroughRecordFromJsonByteForByte) {
  Record original = SampleActivity();
  original.fields.erase("not_defined");
  std::string first = RecordToJson(Activity(), original).dump();
  Result<Record> back = RecordFromJson(Activity(), nlohmann::ordered_json::parse(first));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  std::string second = RecordToJson(Activity(), *back).dump();
  EXPECT_EQ(first, second);
}

TEST(RecordToJson, WritesRealsAsNumbersAndIntegerBooleansAsBooleans) {
  Record r;
  r.Set("risk_score", int64_t{4});  // an engine may hand back an integral REAL as an integer
  r.Set("county_lines", int64_t{1});
  nlohmann::ordered_json j = RecordToJson(Insight(), r);
  EXPECT_TRUE(j["risk_score"].is_number_float());
  EXPECT_EQ(j["county_lines"], true);
  r.Set("risk_score", 2.75);
  EXPECT_EQ(RecordToJson(Insight(), r)["risk_score"].dump(), "2.75");
}

}  // namespace
}  // namespace lookout::io
