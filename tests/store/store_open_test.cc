// Opening stores by URL, the schema metadata the migrations rely on, and the store's
// small helpers (migration text, hashing).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "domain/schema.h"
#include "store/sql/dialect.h"
#include "store/sql/sha256.h"
#include "store/store.h"

namespace lookout::store {
namespace {

TEST(StoreOpen, RefusesAnUnknownKindOfDatabaseSayingWhichAreAccepted) {
  for (const char* url : {"mysql://root@localhost/db", "lookout", "", "https://example.org/x.db"}) {
    auto store = Open(url, 2);
    ASSERT_FALSE(store.ok()) << url;
    EXPECT_EQ(store.status().code(), ErrorCode::kBadRequest);
    EXPECT_NE(store.status().message().find("sqlite:PATH"), std::string::npos);
    EXPECT_NE(store.status().message().find("postgresql://"), std::string::npos);
  }
}

TEST(StoreOpen, DoesNotEchoAMistypedUrlThatMayHoldAPassword) {
  auto store = Open("postgress://lookout:s3cret@db.example.org/lookout", 2);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message().find("s3cret"), std::string::npos) << store.status().message();
}

TEST(StoreOpen, RefusesAnEmptyPool) {
  auto store = Open("sqlite::memory:", 0);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kBadRequest);
}

TEST(StoreOpen, OpensAnInMemorySqliteDatabaseThatEveryTransactionShares) {
  auto store = Open("sqlite::memory:", 4);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->Engine(), "sqlite");
  ASSERT_TRUE((*store)->Migrate(false).ok());
  {
    auto tx = (*store)->Begin(true);
    ASSERT_TRUE(tx.ok());
    Record r;
    r.Set("code", "EM");
    r.Set("name", "East Midlands");
    r.Set("nation", "England");
    ASSERT_TRUE(
        (*tx)->Insert(domain::RegionEntity(), r, {"system:test", "2026-01-01T00:00:00Z"}).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  auto tx = (*store)->Begin(false);
  ASSERT_TRUE(tx.ok());
  EXPECT_TRUE((*tx)->Exists(domain::RegionEntity(), Value("EM")).value());
}

TEST(StoreOpen, CreatesTheFolderOfASqliteFileAndAcceptsABarePath) {
  std::string folder = (std::filesystem::temp_directory_path() / "lookout-open-XXXXXX").string();
  ASSERT_NE(mkdtemp(folder.data()), nullptr);
  std::string path = folder + "/nested/with space/lookout.db";
  {
    auto store = Open(path, 2);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Migrate(false).ok());
    EXPECT_TRUE((*store)->Ping());
  }
  EXPECT_TRUE(std::filesystem::exists(path));
  auto again = Open("sqlite:" + path, 2);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->SchemaVersion().value(), (*again)->KnownMigrations().back().version);
  again = Result<std::unique_ptr<Store>>(Status::Internal("closed"));
  std::filesystem::remove_all(folder);
}

TEST(StoreOpen, ReportsAnUnreachablePostgresServerAsUnavailable) {
  // Port 1 on loopback: nothing listens there.
  auto store = Open("postgresql://lookout@127.0.0.1:1/lookout?connect_timeout=2", 1);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kUnavailable) << store.status().ToString();
}

TEST(StoreSchema, NoFieldIsNamedLikeAMetaColumn) {
  for (const domain::EntityDef* e : domain::AllEntities()) {
    for (const domain::FieldDef& f : e->fields) {
      for (const char* meta : domain::kMetaColumns) {
        EXPECT_NE(f.name, meta) << e->name << "." << f.name
                                << " would share a column with the row's own " << meta;
      }
    }
  }
}

TEST(StoreSchema, EveryReferenceTargetsAnEntityDefinedBeforeIt) {
  std::set<std::string> seen;
  for (const domain::EntityDef* e : domain::AllEntities()) {
    for (const domain::FieldDef& f : e->fields) {
      if (f.type == domain::FieldType::kRef || f.type == domain::FieldType::kRefSet) {
        EXPECT_TRUE(seen.count(f.target) || f.target == e->name)
            << e->name << "." << f.name << " refers to " << f.target;
      }
    }
    seen.insert(e->name);
  }
}

class FakeDialect : public sql::Dialect {
 public:
  std::string Engine() const override { return "fake"; }
  void Connect(soci::session&) const override {}
  std::string TypeFor(std::string_view token) const override {
    return token == "int" ? "BIGINT" : token == "bool" ? "SMALLINT" : "";
  }
  std::string Begin(bool) const override { return "BEGIN"; }
  std::string ResetIdentity(const std::string&) const override { return ""; }
  sql::SqlBuilder TableColumnsQuery(const std::string&) const override { return {}; }
  sql::SqlBuilder TableExistsQuery(const std::string&) const override { return {}; }
  sql::DbError Classify(const std::exception&) const override { return {}; }
};

TEST(MigrationText, ReplacesTypeTokensAndLeavesUnknownOnesVisible) {
  FakeDialect d;
  EXPECT_EQ(d.Render("a {{int}}, b {{bool}}, c {{nope}}"), "a BIGINT, b SMALLINT, c {{nope}}");
}

TEST(MigrationText, SplitsAtSemicolonsOutsideQuotesAndComments) {
  auto parts = sql::SplitStatements(
      "-- a comment; with a semicolon\nCREATE TABLE a (x TEXT DEFAULT 'a;b');\n"
      "/* block; */ CREATE TABLE \"b;c\" (y TEXT DEFAULT 'it''s');\n\n;  ");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "CREATE TABLE a (x TEXT DEFAULT 'a;b')");
  EXPECT_EQ(parts[1], "CREATE TABLE \"b;c\" (y TEXT DEFAULT 'it''s')");
}

TEST(Sha256, MatchesTheStandardTestVectors) {
  EXPECT_EQ(sql::Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sql::Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sql::Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sql::Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace lookout::store
