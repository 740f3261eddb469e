// The audit trail's tools on both engines: verification finds exactly the entry changed,
// deleted or forged behind the store's back; browsing filters and pages, for
// administrators only; an export is itself recorded.
#include "app/ops/audit_trail.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/engine_fixture.h"
#include "io/record_file.h"

namespace lookout::app {
namespace {

using testing::EngineTest;
using ::testing::HasSubstr;

class AuditTrailTest : public EngineTest {
 protected:
  // Enough changes for a trail of a few dozen entries, from two actors on two days.
  void WriteSomeHistory() {
    for (int i = 0; i < 6; ++i) {
      Create("partner", {{"name", "Partner " + std::to_string(i)},
                         {"sector", "police"},
                         {"region", i % 2 == 0 ? "EM" : "WM"}});
    }
    clock_.Set(At("2026-03-02T09:00:00Z"));
    Actor other = Actor::Cli("other");
    auto partner = services_->Get(cli_, domain::PartnerEntity(), 1);
    ASSERT_TRUE(partner.ok());
    Record change;
    change.Set("name", "Partner renamed");
    ASSERT_TRUE(services_->Update(other, domain::PartnerEntity(), 1, 1, change).ok());
    ASSERT_TRUE(services_->Archive(other, domain::PartnerEntity(), 2, 1, true, "closed down").ok());
  }

  int64_t EntryCount() { return static_cast<int64_t>(Trail().size()); }

  Result<AuditVerification> Verify(int64_t batch = 500) { return VerifyAuditTrail(*store_, batch); }

  static Actor SignedIn(const std::string& role) {
    Actor a;
    a.id = "staff:9";
    a.staff_id = 9;
    a.role = role;
    a.signed_in = true;
    return a;
  }
};

TEST_P(AuditTrailTest, AnIntactTrailVerifiesAndCountsEveryEntry) {
  WriteSomeHistory();
  const int64_t entries = EntryCount();
  ASSERT_GT(entries, 10);
  auto result = Verify();
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->intact());
  EXPECT_EQ(result->checked, entries);
  EXPECT_EQ(result->last_id, Trail().back().id);
  EXPECT_EQ(result->last_hash, Trail().back().hash);
  EXPECT_EQ(DescribeVerification(*result),
            "audit trail intact: " + std::to_string(entries) + " entries");
}

TEST_P(AuditTrailTest, AnEmptyTrailIsIntact) {
  db_->Execute("DELETE FROM audit_entry");
  auto result = Verify();
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->intact());
  EXPECT_EQ(result->checked, 0);
  EXPECT_EQ(DescribeVerification(*result), "audit trail intact: 0 entries");
}

TEST_P(AuditTrailTest, FindsExactlyTheEntryChangedInTheDatabase) {
  WriteSomeHistory();
  const int64_t target = Trail()[7].id;
  db_->Execute("UPDATE audit_entry SET actor = 'cli:someone-else' WHERE id = " +
               std::to_string(target));
  // Small batches: the walk crosses batch boundaries before it reaches the entry.
  for (int64_t batch : {1, 3, 500}) {
    auto result = Verify(batch);
    ASSERT_TRUE(result.ok());
    ASSERT_FALSE(result->intact()) << "batch " << batch;
    EXPECT_EQ(result->broken->entry_id, target);
    EXPECT_EQ(result->broken->kind, AuditBreak::Kind::kContents);
    EXPECT_EQ(result->checked, 8);
    EXPECT_THAT(DescribeVerification(*result),
                HasSubstr("audit trail broken at entry " + std::to_string(target) +
                          ": its hash does not match its contents"));
  }
}

TEST_P(AuditTrailTest, FindsAChangeToAnyHashedField) {
  WriteSomeHistory();
  const std::vector<store::StoredAuditEntry> trail = Trail();
  const std::vector<std::string> changes = {"at = '2020-01-01T00:00:00Z'",
                                            "address = '10.0.0.9'",
                                            "request_id = 'forged'",
                                            "action = 'read'",
                                            "entity = 'task'",
                                            "entity_id = 999",
                                            "changes = '{\"x\":1}'",
                                            "reason = 'rewritten'"};
  ASSERT_GT(trail.size(), changes.size() + 2);
  // Each change goes into an earlier entry than the one before, so each is the first
  // break of the chain when it is made.
  size_t index = changes.size() + 2;
  for (const std::string& change : changes) {
    const int64_t target = trail[index--].id;
    db_->Execute("UPDATE audit_entry SET " + change + " WHERE id = " + std::to_string(target));
    auto result = Verify();
    ASSERT_TRUE(result.ok());
    ASSERT_FALSE(result->intact()) << change;
    EXPECT_EQ(result->broken->entry_id, target) << change;
    EXPECT_EQ(result->broken->kind, AuditBreak::Kind::kContents) << change;
  }
}

TEST_P(AuditTrailTest, AChangedEntryWithARecomputedHashIsCaughtByTheNextLink) {
  WriteSomeHistory();
  std::vector<store::StoredAuditEntry> trail = Trail();
  store::StoredAuditEntry forged = trail[5];
  forged.entry.reason = "nothing to see";
  const std::string hash = store::AuditHash(forged.prev_hash, forged.entry);
  db_->Execute("UPDATE audit_entry SET reason = 'nothing to see', hash = '" + hash +
               "' WHERE id = " + std::to_string(forged.id));
  auto result = Verify();
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->intact());
  EXPECT_EQ(result->broken->entry_id, trail[6].id);
  EXPECT_EQ(result->broken->kind, AuditBreak::Kind::kLink);
  EXPECT_THAT(result->broken->detail,
              HasSubstr("prev_hash does not match the hash of entry " + std::to_string(forged.id)));
}

TEST_P(AuditTrailTest, FindsADeletedEntry) {
  WriteSomeHistory();
  std::vector<store::StoredAuditEntry> trail = Trail();
  db_->Execute("DELETE FROM audit_entry WHERE id = " + std::to_string(trail[4].id));
  auto result = Verify(2);
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->intact());
  EXPECT_EQ(result->broken->entry_id, trail[5].id);
  EXPECT_EQ(result->broken->kind, AuditBreak::Kind::kMissing);
  EXPECT_THAT(result->broken->detail,
              HasSubstr("entry " + std::to_string(trail[4].id) + " is missing"));
}

TEST_P(AuditTrailTest, SkippedIdsWithAnIntactChainAreNotABreak) {
  // PostgreSQL spends an id on an entry whose transaction rolled back; the chain then
  // links straight across the gap, and nothing is missing from it.
  WriteSomeHistory();
  const int64_t entries = EntryCount();
  db_->Execute("UPDATE audit_entry SET id = id + 100 WHERE id > 5");
  auto result = Verify(3);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->intact()) << DescribeVerification(*result);
  EXPECT_EQ(result->checked, entries);
}

TEST_P(AuditTrailTest, FindsDeletedFirstEntries) {
  WriteSomeHistory();
  std::vector<store::StoredAuditEntry> trail = Trail();
  db_->Execute("DELETE FROM audit_entry WHERE id <= " + std::to_string(trail[1].id));
  auto result = Verify();
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->intact());
  EXPECT_EQ(result->broken->entry_id, trail[2].id);
  EXPECT_EQ(result->broken->kind, AuditBreak::Kind::kMissing);
}

TEST_P(AuditTrailTest, FindsAnEntryForgedAtTheEnd) {
  WriteSomeHistory();
  const store::StoredAuditEntry last = Trail().back();
  db_->Execute(
      "INSERT INTO audit_entry (at, actor, action, entity, entity_id, prev_hash, hash) VALUES "
      "('2026-03-03T00:00:00Z', 'cli:forger', 'delete', 'partner', 1, '" +
      last.hash + "', 'not-a-hash')");
  auto result = Verify();
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->intact());
  EXPECT_EQ(result->broken->entry_id, Trail().back().id);
  EXPECT_EQ(result->broken->kind, AuditBreak::Kind::kContents);
}

TEST_P(AuditTrailTest, EntriesWrittenByTheStoreVerifyWithTheSameHash) {
  // store::AuditHash and the store's append must agree field for field, empty fields
  // (stored as NULL) included.
  auto tx = store_->Begin(true);
  ASSERT_TRUE(tx.ok());
  store::AuditEntry e{"2026-03-01T12:00:00Z", "cli:x", "", "", "consult", "insight", 0, "", ""};
  ASSERT_TRUE((*tx)->AppendAudit(e).ok());
  e.address = "192.0.2.1";
  e.request_id = "abc";
  e.changes = "{\"a\":[1,2]}";
  e.reason = "line one\nline two: ünïcode";
  e.entity_id = 42;
  ASSERT_TRUE((*tx)->AppendAudit(e).ok());
  ASSERT_TRUE((*tx)->Commit().ok());
  std::vector<store::StoredAuditEntry> trail = Trail();
  ASSERT_GE(trail.size(), 2u);
  const store::StoredAuditEntry& stored = trail.back();
  EXPECT_EQ(stored.entry.reason, e.reason);
  EXPECT_EQ(stored.hash, store::AuditHash(trail[trail.size() - 2].hash, e));
  auto result = Verify();
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->intact());
}

TEST_P(AuditTrailTest, ListFiltersPagesAndCountsNewestFirst) {
  WriteSomeHistory();
  auto all = ListAudit(*services_, cli_, {});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->total, EntryCount());
  ASSERT_EQ(all->items.size(), std::min<size_t>(50, static_cast<size_t>(EntryCount())));
  EXPECT_GT(all->items[0].id, all->items[1].id);

  auto partners = ListAudit(*services_, cli_, {{"entity", "partner"}, {"action", "create"}});
  ASSERT_TRUE(partners.ok());
  EXPECT_EQ(partners->total, 6);
  for (const auto& s : partners->items) EXPECT_EQ(s.entry.entity, "partner");

  auto one = ListAudit(*services_, cli_, {{"entity", "partner"}, {"entity_id", "2"}});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->total, 2);
  EXPECT_EQ(one->items[0].entry.action, "archive");
  EXPECT_EQ(one->items[0].entry.reason, "closed down");
  EXPECT_EQ(one->items[1].entry.action, "create");

  auto by_actor = ListAudit(*services_, cli_, {{"actor", "cli:other"}});
  ASSERT_TRUE(by_actor.ok());
  EXPECT_EQ(by_actor->total, 2);

  // Dates cover their whole day; timestamps are exact.
  auto second_day = ListAudit(*services_, cli_, {{"from", "2026-03-02"}, {"to", "2026-03-02"}});
  ASSERT_TRUE(second_day.ok());
  EXPECT_EQ(second_day->total, 2);
  auto first_day = ListAudit(*services_, cli_, {{"to", "2026-03-01T23:59:59Z"}});
  ASSERT_TRUE(first_day.ok());
  EXPECT_EQ(first_day->total, EntryCount() - 2);

  auto page =
      ListAudit(*services_, cli_,
                {{"entity", "partner"}, {"action", "create"}, {"limit", "4"}, {"offset", "4"}});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 6);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[1].entry.entity_id, 1);
}

TEST_P(AuditTrailTest, ListAcceptsTheKindAsTheCommandLineSpellsIt) {
  WriteSomeHistory();
  auto a = ListAudit(*services_, cli_, {{"entity", "partners"}});
  auto b = ListAudit(*services_, cli_, {{"entity", "partner"}});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->total, b->total);
  EXPECT_GT(a->total, 0);
}

TEST_P(AuditTrailTest, ListRefusesBadParametersOneErrorEach) {
  auto bad = ListAudit(*services_, cli_,
                       {{"from", "yesterday"},
                        {"limit", "0"},
                        {"offset", "-1"},
                        {"entity_id", "x"},
                        {"colour", "red"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kValidation);
  std::vector<std::string> fields;
  for (const FieldError& e : bad.status().fields()) fields.push_back(e.field);
  EXPECT_THAT(fields,
              ::testing::UnorderedElementsAre("from", "limit", "offset", "entity_id", "colour"));
  auto no_entity = ListAudit(*services_, cli_, {{"entity_id", "3"}});
  ASSERT_FALSE(no_entity.ok());
  EXPECT_EQ(no_entity.status().fields().at(0).field, "entity_id");
  auto backwards = ListAudit(*services_, cli_, {{"from", "2026-03-02"}, {"to", "2026-03-01"}});
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.status().fields().at(0).field, "to");
}

TEST_P(AuditTrailTest, OnlyAdministratorsAndTheOperatorMayBrowseOrExport) {
  EXPECT_TRUE(ListAudit(*services_, cli_, {}).ok());
  EXPECT_TRUE(ListAudit(*services_, Actor::System(), {}).ok());
  EXPECT_TRUE(ListAudit(*services_, SignedIn("admin"), {}).ok());
  for (const char* role : {"manager", "officer", "analyst", "funder"}) {
    auto refused = ListAudit(*services_, SignedIn(role), {});
    ASSERT_FALSE(refused.ok()) << role;
    EXPECT_EQ(refused.status().code(), ErrorCode::kForbidden) << role;
    auto exported = ExportAudit(*services_, SignedIn(role), {}, io::FileFormat::kCsv);
    ASSERT_FALSE(exported.ok()) << role;
    EXPECT_EQ(exported.status().code(), ErrorCode::kForbidden) << role;
  }
  auto anonymous = ListAudit(*services_, Actor::Anonymous("192.0.2.7", "r1"), {});
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.status().code(), ErrorCode::kUnauthenticated);
  // A refused export leaves no trace of an export.
  auto exports = ListAudit(*services_, cli_, {{"action", "export"}, {"entity", "audit"}});
  ASSERT_TRUE(exports.ok());
  EXPECT_EQ(exports->total, 0);
}

TEST_P(AuditTrailTest, AnExportIsRecordedInTheTrailAndTheChainStillHolds) {
  WriteSomeHistory();
  const int64_t before = EntryCount();
  Actor admin = SignedIn("admin");
  admin.address = "192.0.2.10";
  admin.request_id = "req-1";
  auto exported = ExportAudit(
      *services_, admin, {{"entity", "partner"}, {"reason", "quarterly review"}}, io::FileFormat::kCsv);
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  EXPECT_EQ(exported->count, 8);  // six creates, an update and an archive
  EXPECT_THAT(exported->bytes,
              HasSubstr("id,at,actor,address,request_id,action,entity,entity_id,changes,reason,"
                        "prev_hash,hash\n"));
  EXPECT_THAT(exported->bytes, HasSubstr("closed down"));
  EXPECT_EQ(std::count(exported->bytes.begin(), exported->bytes.end(), '\n'), 9);

  std::vector<store::StoredAuditEntry> trail = Trail();
  ASSERT_EQ(static_cast<int64_t>(trail.size()), before + 1);
  const store::AuditEntry& record = trail.back().entry;
  EXPECT_EQ(record.action, "export");
  EXPECT_EQ(record.entity, "audit");
  EXPECT_EQ(record.actor, "staff:9");
  EXPECT_EQ(record.address, "192.0.2.10");
  EXPECT_EQ(record.request_id, "req-1");
  EXPECT_EQ(record.reason, "quarterly review");
  auto changes = nlohmann::json::parse(record.changes);
  EXPECT_EQ(changes["format"], "csv");
  EXPECT_EQ(changes["entries"], 8);
  EXPECT_EQ(changes["filters"]["entity"], "partner");

  auto verified = Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact());
  EXPECT_EQ(verified->checked, before + 1);
}

TEST_P(AuditTrailTest, ExportsJsonOldestFirstWithParsedChanges) {
  WriteSomeHistory();
  auto exported = ExportAudit(*services_, cli_, {{"actor", "cli:other"}}, io::FileFormat::kJson);
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  auto j = nlohmann::json::parse(exported->bytes);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["action"], "update");
  EXPECT_EQ(j[1]["action"], "archive");
  EXPECT_LT(j[0]["id"].get<int64_t>(), j[1]["id"].get<int64_t>());
  EXPECT_TRUE(j[0]["changes"].is_object());
  EXPECT_EQ(j[0]["changes"]["name"][1], "Partner renamed");
  EXPECT_TRUE(j[0]["address"].is_null());
  EXPECT_EQ(j[1]["prev_hash"], j[0]["hash"]);

  auto empty = ExportAudit(*services_, cli_, {{"actor", "cli:nobody"}}, io::FileFormat::kJson);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->bytes, "[]\n");
  EXPECT_EQ(empty->count, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditTrailTest, ::testing::Values("sqlite", "postgresql"),
                         testing::EngineName);

}  // namespace
}  // namespace lookout::app
