// The store contract, run against every engine: migrations, records, constraints,
// the audit trail, numbering, reach and connections.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "domain/schema.h"
#include "store/sql/sql_store.h"
#include "store/store.h"
#include "store/store_fixture.h"

namespace lookout::store::testing {
namespace {

using domain::EntityDef;
using domain::FieldDef;

INSTANTIATE_TEST_SUITE_P(Engines, StoreContract,
                         ::testing::Values(std::string("sqlite"), std::string("postgresql")),
                         EngineName);

// ---- Migrations ---------------------------------------------------------------------------

TEST_P(StoreContract, MigratesAnEmptyDatabaseAndMigratingAgainDoesNothing) {
  auto version = store_->SchemaVersion();
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(version.value(), 0);

  auto applied = store_->Migrate(false);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  std::vector<Store::Migration> known = store_->KnownMigrations();
  ASSERT_FALSE(known.empty());
  ASSERT_EQ(applied->size(), known.size());
  for (size_t i = 0; i < known.size(); ++i) EXPECT_EQ((*applied)[i].version, known[i].version);
  EXPECT_EQ(store_->SchemaVersion().value(), known.back().version);

  auto again = store_->Migrate(false);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(store_->SchemaVersion().value(), known.back().version);
}

TEST_P(StoreContract, DryRunListsPendingMigrationsAndChangesNothing) {
  auto pending = store_->Migrate(true);
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  EXPECT_EQ(pending->size(), store_->KnownMigrations().size());
  EXPECT_EQ(store_->SchemaVersion().value(), 0);
  auto* sql_store = dynamic_cast<sql::SqlStore*>(store_.get());
  ASSERT_NE(sql_store, nullptr);
  EXPECT_TRUE(sql_store->TableColumnNames("task").value().empty());

  Migrate();
  auto after = store_->Migrate(true);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
}

TEST_P(StoreContract, RefusesADatabaseNewerThanThisBinary) {
  Migrate();
  db_->Execute(
      "INSERT INTO schema_migrations (version, name, applied_at) "
      "VALUES (9999, 'from_the_future', '2030-01-01T00:00:00Z')");
  auto result = store_->Migrate(false);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kConflict);
  EXPECT_NE(result.status().message().find("9999"), std::string::npos) << result.status().message();
  auto dry = store_->Migrate(true);
  ASSERT_FALSE(dry.ok());
  EXPECT_EQ(dry.status().code(), ErrorCode::kConflict);
}

// The committed migrations and the entity definitions must describe the same schema.
TEST_P(StoreContract, MigratedSchemaHasAColumnForEveryFieldOfEveryEntity) {
  Migrate();
  auto* sql_store = dynamic_cast<sql::SqlStore*>(store_.get());
  ASSERT_NE(sql_store, nullptr);
  auto columns_of = [&](const std::string& table) {
    auto names = sql_store->TableColumnNames(table);
    EXPECT_TRUE(names.ok()) << names.status().ToString();
    std::set<std::string> out;
    if (names.ok()) out.insert(names->begin(), names->end());
    EXPECT_FALSE(out.empty()) << "table " << table << " is missing";
    return out;
  };
  for (const EntityDef* e : domain::AllEntities()) {
    std::set<std::string> columns = columns_of(e->table);
    for (const char* meta : domain::kMetaColumns) {
      EXPECT_TRUE(columns.count(meta)) << e->table << " lacks meta column " << meta;
    }
    for (const FieldDef& f : e->fields) {
      if (f.IsColumn()) {
        EXPECT_TRUE(columns.count(f.name)) << e->table << " lacks column " << f.name;
      } else if (f.IsSet()) {
        std::set<std::string> link = columns_of(f.LinkTable(*e));
        EXPECT_TRUE(link.count("owner_id") && link.count("value"))
            << f.LinkTable(*e) << " is not a link table";
      } else {
        const EntityDef& child = domain::ChildEntity(f);
        ASSERT_FALSE(child.table.empty()) << e->name << "." << f.name << " has no child entity";
        std::set<std::string> child_columns = columns_of(child.table);
        for (const char* c : {"id", "parent_id", "position"}) {
          EXPECT_TRUE(child_columns.count(c)) << child.table << " lacks " << c;
        }
        for (const FieldDef& cf : child.fields) {
          EXPECT_TRUE(child_columns.count(cf.name)) << child.table << " lacks column " << cf.name;
        }
      }
    }
  }
  std::set<std::string> audit = columns_of("audit_entry");
  for (const char* c :
       {"at", "actor", "action", "entity", "entity_id", "changes", "prev_hash", "hash"}) {
    EXPECT_TRUE(audit.count(c)) << "audit_entry lacks " << c;
  }
}

// ---- Records ------------------------------------------------------------------------------

TEST_P(StoreContract, RoundTripsARecordOfEveryEntityWithSetsAndChildRows) {
  Migrate();
  auto tx = Begin();
  ASSERT_NE(tx, nullptr);
  Keys keys;
  std::map<std::string, std::pair<int64_t, Record>> inserted;
  for (const EntityDef* e : domain::AllEntities()) {
    Record r = SampleRecord(*e, keys, 0);
    int64_t id = MustInsert(*tx, *e, r);
    ASSERT_GT(id, 0) << e->name;
    keys[e->name] = e->IsReference() ? r.Get(e->code_field) : Value(id);
    inserted[e->name] = {id, r};
  }
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(false);
  for (const EntityDef* e : domain::AllEntities()) {
    const auto& [id, given] = inserted[e->name];
    auto got = read->Get(*e, id);
    ASSERT_TRUE(got.ok()) << e->name << ": " << got.status().ToString();
    EXPECT_EQ(got->Get("id"), Value(id)) << e->name;
    EXPECT_EQ(got->Get("version"), Value(int64_t{1})) << e->name;
    EXPECT_EQ(got->Get("archived"), Value(false)) << e->name;
    EXPECT_EQ(got->Get("created_by"), Value(kMeta.actor)) << e->name;
    EXPECT_EQ(got->Get("created_at"), Value(kMeta.at)) << e->name;
    EXPECT_EQ(got->Get("updated_at"), Value(kMeta.at)) << e->name;
    EXPECT_TRUE(got->Get("archived_at").is_null()) << e->name;
    for (const FieldDef& f : e->fields) {
      if (IsMeta(f.name)) continue;
      EXPECT_EQ(got->Get(f.name), Expected(f, given.Get(f.name)))
          << e->name << "." << f.name << ": got " << got->Get(f.name).ToDisplay() << ", gave "
          << given.Get(f.name).ToDisplay();
    }
    if (e->IsReference()) {
      auto by_code = read->GetByCode(*e, given.Get(e->code_field).as_text());
      ASSERT_TRUE(by_code.ok()) << by_code.status().ToString();
      EXPECT_EQ(by_code->Id(), id);
      EXPECT_TRUE(read->Exists(*e, given.Get(e->code_field)).value());
    }
    EXPECT_TRUE(read->Exists(*e, Value(id)).value()) << e->name;
    EXPECT_FALSE(read->Exists(*e, Value(id + 1000)).value()) << e->name;
    // A list in the entity's default order returns the same full record.
    auto listed = read->List(*e, ListQuery{});
    ASSERT_TRUE(listed.ok()) << e->name << ": " << listed.status().ToString();
    ASSERT_EQ(listed->total, 1) << e->name;
    EXPECT_EQ(listed->items[0], got.value()) << e->name;
  }
  auto missing = read->Get(domain::TaskEntity(), 424242);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

TEST_P(StoreContract, AbsentFieldsReadBackAbsentAndBooleansDefault) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  int64_t id = MustInsert(*tx, domain::PartnerEntity(),
                          Make({{"name", "Rail Co"}, {"sector", "police"}, {"region", "EM"}}));
  auto got = tx->Get(domain::PartnerEntity(), id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->Get("active"), Value(true));  // the schema's default for "active"
  auto insight =
      tx->Get(domain::InsightEntity(),
              MustInsert(*tx, domain::InsightEntity(),
                         Insight("2025-05-01", "EM", {"cse"}, "new", "Seen at a hotel")));
  ASSERT_TRUE(insight.ok());
  EXPECT_FALSE(insight->Has("force"));
  EXPECT_EQ(insight->Get("county_lines"), Value(false));
  EXPECT_EQ(insight->Get("location_types"), Value(Value::List{}));
  EXPECT_EQ(insight->Get("factor_scores"), Value(Value::Rows{}));
}

TEST_P(StoreContract, WritersTakeTurnsAndAReadOnlyCheckNeedsNone) {
  Migrate();
  // A check before a write reads in a read-only transaction: asking for the turn there
  // is no refusal (the form checks of every record ask, through the period locks).
  auto reader = Begin(false);
  EXPECT_TRUE(reader->TakeTurn("periods").ok());
  auto listed = reader->List(domain::PartnerEntity(), {});
  EXPECT_TRUE(listed.ok()) << listed.status().ToString();
  reader.reset();
  auto writer = Begin();
  EXPECT_TRUE(writer->TakeTurn("periods").ok());
  EXPECT_TRUE(writer->TakeTurn("periods").ok()) << "a turn held is taken again at once";
  ASSERT_TRUE(writer->Commit().ok());
}

TEST_P(StoreContract, ExplicitIdIsKeptAndTheNextGeneratedIdIsAboveIt) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  Record imported = Make({{"id", int64_t{500}},
                          {"name", "Imported"},
                          {"sector", "police"},
                          {"region", "EM"},
                          {"archived", true},
                          {"archived_at", "2025-01-01T00:00:00Z"}});
  EXPECT_EQ(MustInsert(*tx, domain::PartnerEntity(), imported), 500);
  int64_t fresh = MustInsert(*tx, domain::PartnerEntity(),
                             Make({{"name", "Fresh"}, {"sector", "police"}, {"region", "EM"}}));
  EXPECT_GT(fresh, 500);
  auto archived = tx->Get(domain::PartnerEntity(), 500);
  ASSERT_TRUE(archived.ok());
  EXPECT_EQ(archived->Get("archived"), Value(true));
  EXPECT_EQ(archived->Get("archived_at"), Value("2025-01-01T00:00:00Z"));
  // Explicit ids at the end of a transaction move the generator on at commit.
  EXPECT_EQ(
      MustInsert(
          *tx, domain::PartnerEntity(),
          Make({{"id", int64_t{900}}, {"name", "Late"}, {"sector", "police"}, {"region", "EM"}})),
      900);
  ASSERT_TRUE(tx->Commit().ok());

  auto next = Begin();
  int64_t after = MustInsert(*next, domain::PartnerEntity(),
                             Make({{"name", "After"}, {"sector", "police"}, {"region", "WM"}}));
  EXPECT_GT(after, 900);
  auto taken = next->Insert(
      domain::PartnerEntity(),
      Make({{"id", int64_t{500}}, {"name", "Again"}, {"sector", "police"}, {"region", "EM"}}),
      kMeta);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.status().code(), ErrorCode::kDuplicate);
  EXPECT_TRUE(next->Commit().ok());
}

TEST_P(StoreContract, RollsBackATransactionDestroyedWithoutCommit) {
  Migrate();
  int64_t id = 0;
  {
    auto tx = Begin();
    InsertReferenceRows(*tx);
    id = MustInsert(*tx, domain::PartnerEntity(),
                    Make({{"name", "Gone"}, {"sector", "police"}, {"region", "EM"}}));
  }
  auto tx = Begin(false);
  auto got = tx->Get(domain::PartnerEntity(), id);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(tx->Exists(domain::RegionEntity(), Value("EM")).value());
}

TEST_P(StoreContract, ReadOnlyTransactionRefusesWrites) {
  Migrate();
  auto tx = Begin(false);
  auto id = tx->Insert(domain::SectorEntity(), Make({{"code", "x"}, {"name", "X"}}), kMeta);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), ErrorCode::kInternal);
}

TEST_P(StoreContract, RejectsFieldsTheEntityDoesNotHaveAndValuesOfTheWrongType) {
  Migrate();
  auto tx = Begin();
  auto unknown = tx->Insert(domain::SectorEntity(),
                            Make({{"code", "x"}, {"name", "X"}, {"colour", "red"}}), kMeta);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kValidation);
  ASSERT_EQ(unknown.status().fields().size(), 1u);
  EXPECT_EQ(unknown.status().fields()[0].field, "colour");
  auto wrong = tx->Insert(domain::ProgrammeEntity(),
                          Make({{"name", "P"}, {"fy_start_month", "April"}}), kMeta);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), ErrorCode::kValidation);
  EXPECT_EQ(wrong.status().fields()[0].field, "fy_start_month");
  // The failed writes left the transaction usable.
  MustInsert(*tx, domain::SectorEntity(), Make({{"code", "x"}, {"name", "X"}}));
  EXPECT_TRUE(tx->Commit().ok());
}

// ---- Constraints ------------------------------------------------------------------------

TEST_P(StoreContract, ReportsAUniqueViolationAsADuplicateNamingTheField) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  auto again = tx->Insert(
      domain::StaffEntity(),
      Make({{"name", "Someone Else"}, {"email", "asha@example.org"}, {"role", "analyst"}}), kMeta);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), ErrorCode::kDuplicate) << again.status().ToString();
  ASSERT_EQ(again.status().fields().size(), 1u) << again.status().ToString();
  EXPECT_EQ(again.status().fields()[0].field, "email");
  // The failed insert is undone, the rest of the transaction stands.
  MustInsert(*tx, domain::StaffEntity(),
             Make({{"name", "Someone Else"}, {"email", "other@example.org"}, {"role", "analyst"}}));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(false);
  ListQuery all;
  EXPECT_EQ(read->List(domain::StaffEntity(), all)->total, 2);
}

TEST_P(StoreContract, ReportsAMissingReferenceAsAnInvalidReference) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  auto bad_code = tx->Insert(
      domain::PartnerEntity(),
      Make({{"name", "Nowhere Ltd"}, {"sector", "no_such_sector"}, {"region", "EM"}}), kMeta);
  ASSERT_FALSE(bad_code.ok());
  EXPECT_EQ(bad_code.status().code(), ErrorCode::kInvalidReference) << bad_code.status().ToString();

  Record task = Make({{"reference", "T-2026-0001"},
                      {"title", "Station briefings"},
                      {"objectives", Value(Value::List{Value(int64_t{987654})})},
                      {"themes", Value(Value::List{Value("cce")})},
                      {"regions", Value(Value::List{Value("EM")})},
                      {"lead", staff_},
                      {"priority", "high"},
                      {"status", "proposed"}});
  auto bad_set = tx->Insert(domain::TaskEntity(), task, kMeta);
  ASSERT_FALSE(bad_set.ok());
  EXPECT_EQ(bad_set.status().code(), ErrorCode::kInvalidReference) << bad_set.status().ToString();
  // The task row itself was undone with its set.
  auto listed = tx->List(domain::TaskEntity(), ListQuery{});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->total, 0);
  EXPECT_TRUE(tx->Commit().ok());
}

// ---- Audit, numbering, reach --------------------------------------------------------------

TEST_P(StoreContract, AppendsAuditEntriesAndListsThemNewestFirstInAHashChain) {
  Migrate();
  auto tx = Begin();
  AuditEntry first{
      "2026-01-05T10:00:00Z",      "staff:1", "127.0.0.1", "req-1", "create", "task", 7,
      R"({"title": [null, "A"]})", ""};
  AuditEntry second = first;
  second.at = "2026-01-05T10:05:00Z";
  second.action = "update";
  second.reason = "typo";
  AuditEntry other = first;
  other.entity_id = 8;
  ASSERT_TRUE(tx->AppendAudit(first).ok());
  ASSERT_TRUE(tx->AppendAudit(second).ok());
  ASSERT_TRUE(tx->AppendAudit(other).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(false);
  auto entries = read->ListAudit("task", 7, 10);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].action, "update");
  EXPECT_EQ((*entries)[0].reason, "typo");
  EXPECT_EQ((*entries)[1].action, "create");
  EXPECT_EQ((*entries)[1].changes, first.changes);
  EXPECT_EQ((*entries)[1].address, "127.0.0.1");
  EXPECT_EQ(read->ListAudit("task", 0, 0)->size(), 3u);
  EXPECT_EQ(read->ListAudit("task", 0, 1)->size(), 1u);

  std::vector<std::string> hashes = db_->QueryColumn("SELECT hash FROM audit_entry ORDER BY id");
  std::vector<std::string> prev = db_->QueryColumn("SELECT prev_hash FROM audit_entry ORDER BY id");
  ASSERT_EQ(hashes.size(), 3u);
  EXPECT_EQ(prev[0], "");
  EXPECT_EQ(prev[1], hashes[0]);
  EXPECT_EQ(prev[2], hashes[1]);
  EXPECT_EQ(hashes[0].size(), 64u);
  EXPECT_NE(hashes[0], hashes[1]);
}

TEST_P(StoreContract, NumbersReferencesOneAboveTheHighestWithThePrefix) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  auto next = tx->NextSequence(domain::TaskEntity(), "reference", "T-2026-");
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next.value(), 1);
  for (const char* reference :
       {"T-2026-0001", "T-2026-0042", "T-2025-0100", "T-2026-00x9", "t-2026-0777"}) {
    MustInsert(*tx, domain::TaskEntity(),
               Make({{"reference", reference},
                     {"title", "Task"},
                     {"themes", Value(Value::List{Value("cse")})},
                     {"regions", Value(Value::List{Value("EM")})},
                     {"lead", staff_},
                     {"priority", "low"},
                     {"status", "proposed"}}));
  }
  EXPECT_EQ(tx->NextSequence(domain::TaskEntity(), "reference", "T-2026-").value(), 43);
  EXPECT_EQ(tx->NextSequence(domain::TaskEntity(), "reference", "T-2025-").value(), 101);
  EXPECT_EQ(tx->NextSequence(domain::TaskEntity(), "reference", "T-20%").value(), 1);
  auto bad = tx->NextSequence(domain::TaskEntity(), "lead", "T-");
  EXPECT_FALSE(bad.ok());
}

TEST_P(StoreContract, SumsReachByRegionGroupAndSectorOverLiveActivitiesInTheDates) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  int64_t task = MustInsert(*tx, domain::TaskEntity(),
                            Make({{"reference", "T-2026-0001"},
                                  {"title", "Task"},
                                  {"themes", Value(Value::List{Value("cse")})},
                                  {"regions", Value(Value::List{Value("EM")})},
                                  {"lead", staff_},
                                  {"priority", "low"},
                                  {"status", "in_progress"}}));
  auto audience = [](std::initializer_list<Record> rows) { return Value(Value::Rows(rows)); };
  auto row = [](const char* group, const char* sector, int64_t count, bool estimated) {
    Record r;
    r.Set("group", group);
    if (sector != nullptr) r.Set("sector", sector);
    r.Set("count", count);
    r.Set("estimated", estimated);
    return r;
  };
  auto activity = [&](const char* date, const char* region, Value rows) {
    return Make({{"task", task},
                 {"type", "workshop"},
                 {"title", "Workshop"},
                 {"start_on", date},
                 {"region", region},
                 {"audience", std::move(rows)}});
  };
  const EntityDef& a = domain::ActivityEntity();
  MustInsert(*tx, a,
             activity("2025-05-01", "EM",
                      audience({row("professionals", "police", 12, false),
                                row("young_people", nullptr, 30, true)})));
  MustInsert(*tx, a,
             activity("2025-06-01", "EM",
                      audience({row("professionals", "police", 8, false),
                                row("professionals", "health", 5, false)})));
  MustInsert(*tx, a,
             activity("2025-06-02", "WM", audience({row("young_people", nullptr, 100, false)})));
  int64_t archived = MustInsert(
      *tx, a, activity("2025-06-03", "EM", audience({row("professionals", "police", 1000, true)})));
  ASSERT_TRUE(tx->SetArchived(a, archived, 1, true, kMeta).ok());
  MustInsert(*tx, a,
             activity("2024-12-31", "EM", audience({row("professionals", "police", 7, false)})));

  ReachQuery q{"2025-04-01", "2026-03-31", ""};
  auto rows = tx->AggregateReach(q);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 4u);
  auto expect_row = [](const ReachRow& r, const char* region, const char* group, const char* sector,
                       int64_t count, bool estimated, int64_t activities) {
    EXPECT_EQ(r.region, region);
    EXPECT_EQ(r.group, group);
    EXPECT_EQ(r.sector, sector);
    EXPECT_EQ(r.count, count) << region << " " << group << " " << sector;
    EXPECT_EQ(r.any_estimated, estimated) << region << " " << group << " " << sector;
    EXPECT_EQ(r.activities, activities) << region << " " << group << " " << sector;
  };
  expect_row((*rows)[0], "EM", "professionals", "health", 5, false, 1);
  expect_row((*rows)[1], "EM", "professionals", "police", 20, false, 2);
  expect_row((*rows)[2], "EM", "young_people", "", 30, true, 1);
  expect_row((*rows)[3], "WM", "young_people", "", 100, false, 1);

  auto wm = tx->AggregateReach({"2025-04-01", "2026-03-31", "WM"});
  ASSERT_TRUE(wm.ok());
  ASSERT_EQ(wm->size(), 1u);
  EXPECT_EQ((*wm)[0].count, 100);
  auto all = tx->AggregateReach({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->at(1).count, 27);  // EM professionals police, with the 2024 activity

  // The same sums over what a list of activities selects: here, those with professionals
  // of the health sector (a condition on the audience rows) in the year.
  ListQuery list;
  list.where = {{"start_on", Condition::Op::kOnOrAfter, {Value("2025-04-01")}},
                {"audience", Condition::Op::kIn, {Value("health")}, "sector"}};
  auto health = tx->AggregateReachOf(list);
  ASSERT_TRUE(health.ok()) << health.status().ToString();
  ASSERT_EQ(health->size(), 2u);
  expect_row((*health)[0], "EM", "professionals", "health", 5, false, 1);
  expect_row((*health)[1], "EM", "professionals", "police", 8, false, 1);
  auto listed = tx->List(a, list);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->total, 1);
  list.archived = ListQuery::Archived::kInclude;
  list.where = {{"audience", Condition::Op::kEq, {Value("police")}, "sector"}};
  auto police = tx->AggregateReachOf(list);
  ASSERT_TRUE(police.ok()) << police.status().ToString();
  EXPECT_EQ(police->at(1).count, 1027);  // the archived activity and the 2024 one as well
  list.where = {{"audience", Condition::Op::kEq, {Value("police")}, "no_such_field"}};
  EXPECT_EQ(tx->AggregateReachOf(list).status().code(), ErrorCode::kValidation);
}

TEST_P(StoreContract, DetailedReachCarriesTheActivityTypeAndTask) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  auto task = [&](const char* reference) {
    return MustInsert(*tx, domain::TaskEntity(),
                      Make({{"reference", reference},
                            {"title", "Task"},
                            {"themes", Value(Value::List{Value("cse")})},
                            {"regions", Value(Value::List{Value("EM")})},
                            {"lead", staff_},
                            {"priority", "low"},
                            {"status", "in_progress"}}));
  };
  const int64_t t1 = task("T-2026-0001");
  const int64_t t2 = task("T-2026-0002");
  auto activity = [&](int64_t t, const char* type, int64_t count) {
    Record r;
    r.Set("group", "young_people");
    r.Set("count", count);
    r.Set("estimated", false);
    return Make({{"task", t},
                 {"type", type},
                 {"title", "Session"},
                 {"start_on", "2025-06-01"},
                 {"region", "EM"},
                 {"audience", Value(Value::Rows{r})}});
  };
  const EntityDef& a = domain::ActivityEntity();
  MustInsert(*tx, a, activity(t1, "workshop", 10));
  MustInsert(*tx, a, activity(t1, "workshop", 5));
  MustInsert(*tx, a, activity(t2, "workshop", 7));
  MustInsert(*tx, a, activity(t2, "briefing", 3));
  ReachQuery q{"2025-04-01", "2026-03-31", "", true};
  auto rows = tx->AggregateReach(q);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].type, "briefing");
  EXPECT_EQ((*rows)[0].task, t2);
  EXPECT_EQ((*rows)[0].count, 3);
  EXPECT_EQ((*rows)[1].type, "workshop");
  EXPECT_EQ((*rows)[1].task, t1);
  EXPECT_EQ((*rows)[1].count, 15);
  EXPECT_EQ((*rows)[1].activities, 2);
  EXPECT_EQ((*rows)[2].task, t2);
  EXPECT_EQ((*rows)[2].count, 7);
}

TEST_P(StoreContract, CountsSurveyAnswersAndResponsesOfLiveResponsesThatMatch) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  const int64_t survey = MustInsert(*tx, *domain::FindEntity("survey"),
                                    Make({{"title", "Stakeholder survey"},
                                          {"kind", "stakeholder_survey"},
                                          {"period", "2025-26"}}));
  auto question = [&](int64_t position) {
    return MustInsert(*tx, *domain::FindEntity("survey_question"),
                      Make({{"survey", survey},
                            {"position", position},
                            {"text", "Question"},
                            {"kind", "agreement"}}));
  };
  const int64_t q1 = question(1);
  const int64_t q2 = question(2);
  auto response = [&](const char* region, const char* attended, const char* a1, const char* a2,
                      const char* sector = "police", const char* on = "2025-05-01") {
    Value::Rows answers;
    int position = 1;
    for (auto [q, text] : {std::pair{q1, a1}, std::pair{q2, a2}}) {
      if (text == nullptr) continue;
      Record r;
      r.Set("question", q);
      r.Set("answer", text);
      answers.push_back(r);
      ++position;
    }
    return MustInsert(*tx, domain::SurveyResponseEntity(),
                      Make({{"survey", survey},
                            {"region", region},
                            {"attended_training", attended},
                            {"stakeholder_type", sector},
                            {"responded_on", on},
                            {"answers", Value(answers)}}));
  };
  response("EM", "yes", "agree", "agree");
  response("EM", "no", "agree", nullptr);
  response("WM", "yes", "disagree", "strongly_agree");
  const int64_t gone = response("EM", "yes", "agree", "agree");
  ASSERT_TRUE(tx->SetArchived(domain::SurveyResponseEntity(), gone, 1, true, kMeta).ok());

  auto all = tx->CountAnswers({{q1, q2}, "", ""});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].question, q1);
  EXPECT_EQ((*all)[0].answer, "agree");
  EXPECT_EQ((*all)[0].count, 2);
  EXPECT_EQ((*all)[1].answer, "disagree");
  EXPECT_EQ((*all)[2].question, q2);
  EXPECT_EQ((*all)[2].answer, "agree");
  EXPECT_EQ((*all)[3].answer, "strongly_agree");

  auto trained_em = tx->CountAnswers({{q1}, "EM", "yes"});
  ASSERT_TRUE(trained_em.ok());
  ASSERT_EQ(trained_em->size(), 1u);
  EXPECT_EQ((*trained_em)[0].count, 1);

  auto responses = tx->CountResponses({survey}, {{}, "EM", ""});
  ASSERT_TRUE(responses.ok()) << responses.status().ToString();
  ASSERT_EQ(responses->size(), 1u);
  EXPECT_EQ((*responses)[0].responses, 2);
  EXPECT_TRUE(tx->CountAnswers({}).value().empty());

  // By stakeholder type and by the day a response was given.
  response("WM", "yes", "agree", nullptr, "health", "2025-09-01");
  AnswerCountQuery health{{q1}, "", ""};
  health.stakeholder_type = "health";
  auto by_sector = tx->CountAnswers(health);
  ASSERT_TRUE(by_sector.ok()) << by_sector.status().ToString();
  ASSERT_EQ(by_sector->size(), 1u);
  EXPECT_EQ((*by_sector)[0].count, 1);
  AnswerCountQuery autumn{{q1}, "", ""};
  autumn.responded_from = "2025-07-01";
  autumn.responded_to = "2025-12-31";
  auto later = tx->CountResponses({survey}, autumn);
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].responses, 1);
}

TEST_P(StoreContract, FindsLiveRecordsByAField) {
  Migrate();
  auto tx = Begin();
  InsertReferenceRows(*tx);
  auto found = tx->FindIdBy(domain::StaffEntity(), "email", Value("asha@example.org"));
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found.value(), staff_);
  EXPECT_EQ(tx->FindIdBy(domain::StaffEntity(), "email", Value("nobody@example.org")).value(), 0);
  ASSERT_TRUE(tx->SetArchived(domain::StaffEntity(), staff_, 1, true, kMeta).ok());
  EXPECT_EQ(tx->FindIdBy(domain::StaffEntity(), "email", Value("asha@example.org")).value(), 0);
  EXPECT_FALSE(tx->FindIdBy(domain::StaffEntity(), "no_such_field", Value("x")).ok());
}

TEST_P(StoreContract, AnswersPing) { EXPECT_TRUE(store_->Ping()); }

// What GET /metrics reports of the pool: its size, and the connections leased right now,
// each given back when its transaction ends, committed or not.
TEST_P(StoreContract, CountsTheConnectionsInUse) {
  Migrate();
  EXPECT_EQ(store_->Pool().size, 3);
  EXPECT_EQ(store_->Pool().in_use, 0);
  {
    auto a = Begin(false);
    EXPECT_EQ(store_->Pool().in_use, 1);
    {
      auto b = Begin(true);
      EXPECT_EQ(store_->Pool().in_use, 2);
      ASSERT_TRUE(b->Commit().ok());
    }
    EXPECT_EQ(store_->Pool().in_use, 1);
  }
  EXPECT_EQ(store_->Pool().in_use, 0);
  EXPECT_TRUE(store_->Ping());
  EXPECT_EQ(store_->Pool().in_use, 0);
  auto failed = store_->Begin(true);  // a transaction that ends by being destroyed
  ASSERT_TRUE(failed.ok());
  failed->reset();
  EXPECT_EQ(store_->Pool().in_use, 0);
}

TEST_P(StoreContract, ReplacesConnectionsTheServerDropped) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "only a database server drops connections";
  Migrate();
  {
    auto tx = Begin();
    InsertReferenceRows(*tx);
    ASSERT_TRUE(tx->Commit().ok());
  }
  ASSERT_GT(db_->DropStoreConnections(), 0);
  // Every pooled connection is dead now; each is replaced when it is next used.
  for (int i = 0; i < 4; ++i) {
    auto tx = store_->Begin(false);
    ASSERT_TRUE(tx.ok()) << tx.status().ToString();
    EXPECT_TRUE((*tx)->Exists(domain::RegionEntity(), Value("EM")).value());
  }
  ASSERT_GT(db_->DropStoreConnections(), 0);
  EXPECT_TRUE(store_->Ping());
}

// More writers than pooled connections, each numbering, inserting and auditing a task in
// its own transaction: every one succeeds and no two get the same reference.
TEST_P(StoreContract, ConcurrentWritersEachCommitWithADistinctReference) {
  Migrate();
  {
    auto tx = Begin();
    InsertReferenceRows(*tx);
    ASSERT_TRUE(tx->Commit().ok());
  }
  constexpr int kThreads = 5;
  constexpr int kEach = 4;
  std::mutex mu;
  std::vector<std::string> failures;
  auto fail = [&](const std::string& what) {
    std::lock_guard<std::mutex> lock(mu);
    failures.push_back(what);
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto tx = store_->Begin(true);
        if (!tx.ok()) return fail(tx.status().ToString());
        auto n = (*tx)->NextSequence(domain::TaskEntity(), "reference", "T-2026-");
        if (!n.ok()) return fail(n.status().ToString());
        char reference[32];
        std::snprintf(reference, sizeof reference, "T-2026-%04lld",
                      static_cast<long long>(n.value()));
        Record task = Make({{"reference", reference},
                            {"title", "Task " + std::to_string(t)},
                            {"themes", Value(Value::List{Value("cse")})},
                            {"regions", Value(Value::List{Value("EM")})},
                            {"lead", staff_},
                            {"priority", "low"},
                            {"status", "proposed"}});
        auto id = (*tx)->Insert(domain::TaskEntity(), task, kMeta);
        if (!id.ok()) return fail(id.status().ToString());
        Status audit = (*tx)->AppendAudit(
            {kMeta.at, kMeta.actor, "", "", "create", "task", id.value(), "{}", ""});
        if (!audit.ok()) return fail(audit.ToString());
        Status commit = (*tx)->Commit();
        if (!commit.ok()) return fail(commit.ToString());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_TRUE(failures.empty()) << failures.front();

  auto read = Begin(false);
  ListQuery all;
  all.limit = 0;
  auto tasks = read->List(domain::TaskEntity(), all);
  ASSERT_TRUE(tasks.ok());
  std::set<std::string> references;
  for (const Record& r : tasks->items) references.insert(r.Get("reference").as_text());
  EXPECT_EQ(references.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(read->NextSequence(domain::TaskEntity(), "reference", "T-2026-").value(),
            kThreads * kEach + 1);
  EXPECT_EQ(read->ListAudit("task", 0, 0)->size(), static_cast<size_t>(kThreads * kEach));
}

}  // namespace
}  // namespace lookout::store::testing
