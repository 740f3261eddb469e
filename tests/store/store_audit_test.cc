// The store's audit reading (the chain in batches, filtered pages) and its one real
// deletion, on every engine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_fixture.h"

namespace lookout::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class StoreAudit : public StoreContract {
 protected:
  // Ten entries: entity task ids 1..5 created by staff:1, then updated by staff:2 a day
  // later.
  void AppendTen() {
    auto tx = Begin();
    for (int i = 1; i <= 10; ++i) {
      AuditEntry e;
      e.at = i <= 5 ? "2026-01-05T10:00:0" + std::to_string(i) + "Z"
                    : "2026-01-06T10:00:0" + std::to_string(i - 5) + "Z";
      e.actor = i <= 5 ? "staff:1" : "staff:2";
      e.action = i <= 5 ? "create" : "update";
      e.entity = "task";
      e.entity_id = (i - 1) % 5 + 1;
      e.changes = "{}";
      if (i == 7) e.reason = "typo";
      ASSERT_TRUE(tx->AppendAudit(e).ok());
    }
    ASSERT_TRUE(tx->Commit().ok());
  }

  static std::vector<int64_t> Ids(const std::vector<StoredAuditEntry>& entries) {
    std::vector<int64_t> ids;
    for (const StoredAuditEntry& e : entries) ids.push_back(e.id);
    return ids;
  }
};

INSTANTIATE_TEST_SUITE_P(Engines, StoreAudit,
                         ::testing::Values(std::string("sqlite"), std::string("postgresql")),
                         EngineName);

TEST_P(StoreAudit, ReadsTheChainInIdOrderABatchAtATime) {
  Migrate();
  AppendTen();
  auto tx = Begin(false);
  auto first = tx->ReadAuditChain(0, 4);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_THAT(Ids(*first), ElementsAre(1, 2, 3, 4));
  auto rest = tx->ReadAuditChain(4, 100);
  ASSERT_TRUE(rest.ok());
  EXPECT_THAT(Ids(*rest), ElementsAre(5, 6, 7, 8, 9, 10));
  EXPECT_TRUE(tx->ReadAuditChain(10, 5)->empty());
  EXPECT_FALSE(tx->ReadAuditChain(0, 0).ok());

  // Each entry is chained to the one before, with the hash AuditHash computes.
  EXPECT_EQ((*first)[0].prev_hash, "");
  EXPECT_EQ((*first)[0].hash, AuditHash("", (*first)[0].entry));
  EXPECT_EQ((*first)[1].prev_hash, (*first)[0].hash);
  EXPECT_EQ((*rest)[2].entry.reason, "typo");
  EXPECT_EQ((*rest)[2].hash, AuditHash((*rest)[1].hash, (*rest)[2].entry));
}

TEST_P(StoreAudit, QueriesFilterPageAndCountNewestFirst) {
  Migrate();
  AppendTen();
  auto tx = Begin(false);
  auto all = tx->QueryAudit(AuditQuery{});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->total, 10);
  EXPECT_THAT(Ids(all->items), ElementsAre(10, 9, 8, 7, 6, 5, 4, 3, 2, 1));

  AuditQuery by_record{.entity = "task", .entity_id = 2};
  EXPECT_THAT(Ids(tx->QueryAudit(by_record)->items), ElementsAre(7, 2));
  AuditQuery by_actor{.actor = "staff:2", .action = "update"};
  EXPECT_EQ(tx->QueryAudit(by_actor)->total, 5);
  AuditQuery none{.action = "delete"};
  EXPECT_EQ(tx->QueryAudit(none)->total, 0);

  AuditQuery window{.from = "2026-01-05T10:00:04Z", .to = "2026-01-06T10:00:02Z"};
  EXPECT_THAT(Ids(tx->QueryAudit(window)->items), ElementsAre(7, 6, 5, 4));

  AuditQuery page{.limit = 3, .offset = 3};
  auto paged = tx->QueryAudit(page);
  EXPECT_THAT(Ids(paged->items), ElementsAre(7, 6, 5));
  EXPECT_EQ(paged->total, 10);
  AuditQuery past_the_end{.limit = 3, .offset = 30};
  EXPECT_EQ(tx->QueryAudit(past_the_end)->total, 10);

  AuditQuery oldest{.actor = "staff:1", .oldest_first = true, .limit = 0};
  EXPECT_THAT(Ids(tx->QueryAudit(oldest)->items), ElementsAre(1, 2, 3, 4, 5));

  AuditQuery bad{.limit = -1};
  EXPECT_EQ(tx->QueryAudit(bad).status().code(), ErrorCode::kBadRequest);
}

TEST_P(StoreAudit, DeletesARecordWithItsSetsAndChildRows) {
  Migrate();
  // Every kind up to insight, from the definitions, so that the insight has every set
  // and child row its definition allows; then a second insight that must be left alone.
  const domain::EntityDef& insight = domain::InsightEntity();
  auto tx = Begin();
  Keys keys;
  for (const domain::EntityDef* e : domain::AllEntities()) {
    if (e == &insight) break;
    Record r = SampleRecord(*e, keys, 0);
    const int64_t inserted = MustInsert(*tx, *e, r);
    keys[e->name] = e->IsReference() ? r.Get(e->code_field) : Value(inserted);
  }
  const int64_t id = MustInsert(*tx, insight, SampleRecord(insight, keys, 0));
  const int64_t other = MustInsert(*tx, insight, SampleRecord(insight, keys, 1));
  ASSERT_TRUE(tx->Commit().ok());

  auto del = Begin();
  Status stale = del->Delete(insight, id, 7);
  EXPECT_EQ(stale.code(), ErrorCode::kConflict) << stale.ToString();
  Status deleted = del->Delete(insight, id, 1);
  ASSERT_TRUE(deleted.ok()) << deleted.ToString();
  EXPECT_EQ(del->Delete(insight, id, 1).code(), ErrorCode::kNotFound);
  ASSERT_TRUE(del->Commit().ok());

  auto read = Begin(false);
  EXPECT_EQ(read->Get(insight, id).status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(read->Get(insight, other).ok());
  for (const domain::FieldDef& f : insight.fields) {
    std::string table;
    std::string column;
    if (f.IsSet()) {
      table = f.LinkTable(insight);
      column = "owner_id";
    } else if (f.type == domain::FieldType::kChildren) {
      table = domain::ChildEntity(f).table;
      column = "parent_id";
    } else {
      continue;
    }
    EXPECT_THAT(db_->QueryColumn("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = " +
                                 std::to_string(id)),
                ElementsAre("0"))
        << table;
    EXPECT_THAT(db_->QueryColumn("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = " +
                                 std::to_string(other)),
                ::testing::Not(ElementsAre("0")))
        << table;
  }
}

TEST_P(StoreAudit, RefusesToDeleteARecordAnotherRecordRefersTo) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  const domain::EntityDef& insight = domain::InsightEntity();
  const int64_t id = MustInsert(
      *tx, insight, Insight("2025-06-01", "EM", {Value("cce")}, "new", "Seen near the station"));
  const int64_t objective = MustInsert(*tx, *domain::FindEntity("objective"),
                                       Make({{"code", "everyone"}, {"title", "Everyone"}}));
  const int64_t task = MustInsert(*tx, domain::TaskEntity(),
                                  Make({{"reference", "T-2026-0001"},
                                        {"title", "Briefing"},
                                        {"objectives", Value(Value::List{Value(objective)})},
                                        {"themes", Value(Value::List{Value("cce")})},
                                        {"regions", Value(Value::List{Value("EM")})},
                                        {"lead", staff_},
                                        {"priority", "high"},
                                        {"status", "proposed"},
                                        {"insights", Value(Value::List{Value(id)})}}));
  Status refused = tx->Delete(insight, id, 1);
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  EXPECT_THAT(refused.message(), HasSubstr("task " + std::to_string(task)));
  EXPECT_THAT(refused.message(), HasSubstr("(insight answered)"));
  // The refusal leaves the transaction usable, the record in place.
  EXPECT_TRUE(tx->Get(insight, id).ok());
  // Reference data is referred to by code.
  Status region = tx->Delete(domain::RegionEntity(), 1, 1);
  EXPECT_EQ(region.code(), ErrorCode::kConflict) << region.ToString();
  ASSERT_TRUE(tx->Commit().ok());
}

TEST_P(StoreAudit, DeleteIsRefusedInAReadOnlyTransaction) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(false);
  EXPECT_FALSE(read->Delete(domain::StaffEntity(), staff_, 1).ok());
}

}  // namespace
}  // namespace lookout::store::testing
