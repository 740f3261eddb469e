// A fixture for use-case tests that must hold on both engines: a fresh database per test
// (SQLite always; PostgreSQL when LOOKOUT_TEST_POSTGRES_URL names a server, as
// scripts/with-postgres.sh arranges), the use cases on a fixed clock, and a way to run
// SQL behind the store's back (to tamper with the audit trail, for instance).
#ifndef LOOKOUT_TESTS_APP_ENGINE_FIXTURE_H_
#define LOOKOUT_TESTS_APP_ENGINE_FIXTURE_H_

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "app/records/services.h"
#include "core/time.h"
#include "domain/schema.h"
#include "store/postgres/postgres_store.h"
#include "store/store.h"

namespace lookout::app::testing {

inline std::string PostgresTestUrl() {
  const char* url = std::getenv("LOOKOUT_TEST_POSTGRES_URL");
  return url != nullptr ? url : "";
}

// A new, empty database: a file in a temporary folder, or a schema of its own on the
// PostgreSQL test server (selected through the URL's search_path).
class EngineDatabase {
 public:
  explicit EngineDatabase(const std::string& engine) {
    static std::atomic<int> counter{0};
    const int n = counter.fetch_add(1);
    if (engine == "sqlite") {
      std::string pattern =
          (std::filesystem::temp_directory_path() / "lookout-app-test-XXXXXX").string();
      if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
      folder_ = pattern;
      url_ = "sqlite:" + folder_ + "/lookout.db";
      return;
    }
    const std::string base = PostgresTestUrl();
    schema_ = "lookout_app_test_" + std::to_string(getpid()) + "_" + std::to_string(n);
    soci::session admin;
    Open(admin, base);
    admin << "SET client_min_messages TO WARNING";
    admin << "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE";
    admin << "CREATE SCHEMA " + schema_;
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           schema_;
  }
  ~EngineDatabase() {
    std::error_code ec;
    if (!folder_.empty()) std::filesystem::remove_all(folder_, ec);
    if (schema_.empty()) return;
    try {
      soci::session admin;
      Open(admin, PostgresTestUrl());
      admin << "SET client_min_messages TO WARNING";
      admin << "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE";
    } catch (const std::exception&) {
      // The server goes away with the test run.
    }
  }
  EngineDatabase(const EngineDatabase&) = delete;
  EngineDatabase& operator=(const EngineDatabase&) = delete;

  const std::string& url() const { return url_; }

  // Runs SQL directly on the database, outside the store.
  void Execute(const std::string& sql) {
    soci::session session;
    Open(session, url_);
    session << sql;
  }
  // The first column of a query's rows, as whole numbers.
  std::vector<long long> QueryInts(const std::string& sql) {
    soci::session session;
    Open(session, url_);
    std::vector<long long> out;
    soci::rowset<soci::row> rows = (session.prepare << sql);
    for (const soci::row& row : rows) {
      // Each engine and driver types a computed column its own way.
      switch (row.get_properties(0).get_data_type()) {
        case soci::dt_integer:
          out.push_back(row.get<int>(0));
          break;
        case soci::dt_long_long:
          out.push_back(row.get<long long>(0));
          break;
        case soci::dt_unsigned_long_long:
          out.push_back(static_cast<long long>(row.get<unsigned long long>(0)));
          break;
        case soci::dt_double:
          out.push_back(static_cast<long long>(row.get<double>(0)));
          break;
        default:
          out.push_back(std::stoll(row.get<std::string>(0)));
          break;
      }
    }
    return out;
  }

 private:
  static void Open(soci::session& session, const std::string& url) {
    if (url.rfind("sqlite:", 0) == 0) {
      session.open(soci::sqlite3, url.substr(7));
      return;
    }
    auto connection = store::postgres::ConnectionString(url);
    if (!connection.ok()) throw std::runtime_error(connection.status().ToString());
    session.open(soci::postgresql, connection.value());
  }

  std::string url_;
  std::string folder_;
  std::string schema_;
};

// Services on a migrated database of the test's engine, with reference rows most records
// need: regions EM and WM, a sector, one officer.
class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql" && PostgresTestUrl().empty()) {
      GTEST_SKIP() << "PostgreSQL tests need LOOKOUT_TEST_POSTGRES_URL; run the binary under "
                      "scripts/with-postgres.sh to include them.";
    }
    db_ = std::make_unique<EngineDatabase>(GetParam());
    auto opened = store::Open(db_->url(), 2);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    auto migrated = store_->Migrate(false);
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    services_ = std::make_unique<Services>(*store_, clock_);
    Create("region", {{"code", "EM"}, {"name", "East Midlands"}, {"prose_name", "the East Midlands"},
                      {"nation", "England"}});
    Create("region", {{"code", "WM"}, {"name", "West Midlands"}, {"prose_name", "the West Midlands"},
                      {"nation", "England"}});
    Create("sector", {{"code", "police"}, {"name", "Police"}});
    officer_ = Create("staff", {{"name", "Officer One"},
                                {"email", "one@lookout.example"},
                                {"role", "officer"},
                                {"home_region", "EM"}});
  }
  void TearDown() override {
    services_.reset();
    store_.reset();
    db_.reset();
  }

  int64_t Create(const std::string& kind, const std::map<std::string, Value>& fields) {
    Record r;
    for (const auto& [k, v] : fields) r.Set(k, v);
    auto saved = services_->Create(cli_, *domain::FindEntity(kind), r);
    EXPECT_TRUE(saved.ok()) << kind << ": " << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }

  // Every audit entry, oldest first.
  std::vector<store::StoredAuditEntry> Trail() {
    auto tx = store_->Begin(false);
    EXPECT_TRUE(tx.ok());
    if (!tx.ok()) return {};
    store::AuditQuery q;
    q.oldest_first = true;
    q.limit = 0;
    auto page = (*tx)->QueryAudit(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->items : std::vector<store::StoredAuditEntry>{};
  }

  static int64_t At(const char* timestamp) { return ParseTimestamp(timestamp).value(); }

  FixedClock clock_{At("2026-03-01T12:00:00Z")};
  Actor cli_ = Actor::Cli("tester");
  std::unique_ptr<EngineDatabase> db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Services> services_;
  int64_t officer_ = 0;
};

inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace lookout::app::testing

#endif  // LOOKOUT_TESTS_APP_ENGINE_FIXTURE_H_
