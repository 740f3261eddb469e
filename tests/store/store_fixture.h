// The fixture of the store contract suite: a fresh database per test on each engine
// (SQLite always, PostgreSQL when LOOKOUT_TEST_POSTGRES_URL names a server;
// scripts/with-postgres.sh starts one), and records built from the entity definitions.
#ifndef LOOKOUT_TESTS_STORE_STORE_FIXTURE_H_
#define LOOKOUT_TESTS_STORE_STORE_FIXTURE_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "domain/schema.h"
#include "store/store.h"
#include "store/test_database.h"

namespace lookout::store::testing {

inline const WriteMeta kMeta{"staff:1", "2026-01-05T10:00:00Z"};
inline const WriteMeta kLater{"staff:2", "2026-01-06T11:30:00Z"};

inline bool IsMeta(const std::string& name) {
  for (const char* m : domain::kMetaColumns) {
    if (name == m) return true;
  }
  return false;
}

// Keys of records inserted so far, by entity name: the id, or the code of reference data.
using Keys = std::map<std::string, Value>;

Record SampleRecord(const domain::EntityDef& entity, const Keys& keys, int variant);

// A value for `field` built from its definition alone, so that every field of every
// entity is exercised and a field added to the schema is covered without a test change.
inline Value SampleValue(const domain::FieldDef& field, const Keys& keys, int variant) {
  std::string suffix = std::to_string(variant);
  switch (field.type) {
    case domain::FieldType::kText:
      return Value(field.name.substr(0, 3) + "-" + suffix);
    case domain::FieldType::kLongText:
      return Value("Some text for " + field.name + " " + suffix);
    case domain::FieldType::kInt:
      return Value(int64_t{3 + variant});
    case domain::FieldType::kReal:
      return Value(2.5 + variant);
    case domain::FieldType::kBool:
      return Value(variant % 2 == 0);
    case domain::FieldType::kDate:
      return Value("2025-06-0" + std::to_string(1 + variant % 9));
    case domain::FieldType::kPeriod:
      return Value(std::string("2025-26"));
    case domain::FieldType::kEnum: {
      const domain::Vocabulary* v = domain::FindVocabulary(field.target);
      return Value(v->terms[variant % v->terms.size()].code);
    }
    case domain::FieldType::kEnumSet: {
      const domain::Vocabulary* v = domain::FindVocabulary(field.target);
      Value::List list;
      // Out of order on purpose: the store returns sets sorted.
      for (size_t i = std::min<size_t>(2, v->terms.size()); i > 0; --i) {
        list.push_back(Value(v->terms[i - 1].code));
      }
      return Value(list);
    }
    case domain::FieldType::kRef:
      return keys.at(field.target);
    case domain::FieldType::kRefSet:
      return Value(Value::List{keys.at(field.target)});
    case domain::FieldType::kChildren: {
      const domain::EntityDef& child = domain::ChildEntity(field);
      return Value(
          Value::Rows{SampleRecord(child, keys, variant), SampleRecord(child, keys, variant + 1)});
    }
  }
  return Value();
}

inline Record SampleRecord(const domain::EntityDef& entity, const Keys& keys, int variant) {
  Record r;
  for (const domain::FieldDef& f : entity.fields) {
    if (!entity.child && IsMeta(f.name)) continue;  // reported by SchemaTest
    r.Set(f.name, SampleValue(f, keys, variant));
  }
  return r;
}

// What Get returns for a sample: sets sorted.
inline Value Expected(const domain::FieldDef& field, const Value& given) {
  if (!field.IsSet()) return given;
  Value::List list = given.as_list();
  std::sort(list.begin(), list.end(), [](const Value& a, const Value& b) {
    return a.is_int() ? a.as_int() < b.as_int() : a.as_text() < b.as_text();
  });
  return Value(list);
}

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql" && PostgresTestUrl().empty()) {
      GTEST_SKIP() << "PostgreSQL contract tests need LOOKOUT_TEST_POSTGRES_URL; run the suite "
                      "under scripts/with-postgres.sh to include them.";
    }
    db_ = std::make_unique<TestDatabase>(GetParam());
    auto store = Open(db_->url(), 3);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }

  void Migrate() {
    auto applied = store_->Migrate(false);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  }
  std::unique_ptr<Transaction> Begin(bool write = true) {
    auto tx = store_->Begin(write);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    return tx.ok() ? std::move(tx).value() : nullptr;
  }
  int64_t MustInsert(Transaction& tx, const domain::EntityDef& e, const Record& r,
                     const WriteMeta& meta = kMeta) {
    auto id = tx.Insert(e, r, meta);
    EXPECT_TRUE(id.ok()) << e.name << ": " << id.status().ToString();
    return id.ok() ? id.value() : 0;
  }
  static Record Make(std::initializer_list<std::pair<const std::string, Value>> fields) {
    Record r;
    r.fields = fields;
    return r;
  }
  // Regions EM, WM and NAT, sector police, staff 1: what most records refer to.
  void InsertReferenceRows(Transaction& tx) {
    for (const char* code : {"EM", "WM", "NAT"}) {
      MustInsert(
          tx, domain::RegionEntity(),
          Make({{"code", code}, {"name", std::string("Region ") + code}, {"nation", "England"}}));
    }
    MustInsert(tx, domain::SectorEntity(), Make({{"code", "police"}, {"name", "Police"}}));
    MustInsert(tx, domain::SectorEntity(), Make({{"code", "health"}, {"name", "Health"}}));
    staff_ = MustInsert(
        tx, domain::StaffEntity(),
        Make({{"name", "Asha Patel"}, {"email", "asha@example.org"}, {"role", "officer"}}));
  }
  Record Insight(const std::string& date, const std::string& region, Value::List themes,
                 const std::string& status, const std::string& summary) {
    return Make({{"received_on", date},
                 {"recorded_by", staff_},
                 {"source_type", "partner_observation"},
                 {"region", region},
                 {"themes", Value(std::move(themes))},
                 {"summary", summary},
                 {"status", status}});
  }
  static std::vector<int64_t> IdsOf(const Page& page) {
    std::vector<int64_t> ids;
    for (const Record& r : page.items) ids.push_back(r.Id());
    return ids;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
  int64_t staff_ = 0;
};

inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace lookout::store::testing

#endif  // LOOKOUT_TESTS_STORE_STORE_FIXTURE_H_
