#include "store/test_database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "store/postgres/postgres_store.h"

namespace lookout::store::testing {

std::string PostgresTestUrl() {
  const char* url = std::getenv("LOOKOUT_TEST_POSTGRES_URL");
  return url != nullptr ? url : "";
}

namespace {

std::atomic<int> counter{0};

// "sqlite:PATH" or a PostgreSQL URL, opened directly with the driver.
void OpenDirect(soci::session& session, const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    session.open(soci::sqlite3, url.substr(7));
    return;
  }
  auto connection = postgres::ConnectionString(url);
  if (!connection.ok()) throw std::runtime_error(connection.status().ToString());
  session.open(soci::postgresql, connection.value());
}

}  // namespace

TestDatabase::TestDatabase(const std::string& engine) : engine_(engine) {
  int n = counter.fetch_add(1);
  if (engine == "sqlite") {
    std::filesystem::path base = std::filesystem::temp_directory_path();
    std::string pattern = (base / "lookout-store-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    folder_ = pattern;
    url_ = "sqlite:" + folder_ + "/lookout.db";
    return;
  }
  std::string base = PostgresTestUrl();
  if (base.empty()) throw std::runtime_error("LOOKOUT_TEST_POSTGRES_URL is not set");
  schema_ = "lookout_test_" + std::to_string(getpid()) + "_" + std::to_string(n);
  soci::session admin;
  OpenDirect(admin, base);
  admin << "SET client_min_messages TO WARNING";
  admin << "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE";
  admin << "CREATE SCHEMA " + schema_;
  // The schema name doubles as the connections' application name, so that a test can
  // find its own store's connections on a server other tests may be using.
  url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema_ + "&application_name=" + schema_;
}

TestDatabase::~TestDatabase() {
  if (!folder_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  }
  if (!schema_.empty()) {
    try {
      soci::session admin;
      OpenDirect(admin, PostgresTestUrl());
      admin << "SET client_min_messages TO WARNING";
      admin << "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE";
    } catch (const std::exception&) {
      // The server is going away with the test run; nothing is left to clean.
    }
  }
}

int TestDatabase::DropStoreConnections() {
  if (schema_.empty()) return 0;
  std::vector<std::string> dropped = QueryColumn(
      "SELECT CAST(pg_terminate_backend(pid) AS TEXT) FROM pg_stat_activity "
      "WHERE application_name = '" +
      schema_ + "' AND pid <> pg_backend_pid()");
  return static_cast<int>(dropped.size());
}

void TestDatabase::Execute(const std::string& sql) {
  soci::session session;
  OpenDirect(session, url_);
  session << sql;
}

std::vector<std::string> TestDatabase::QueryColumn(const std::string& sql) {
  soci::session session;
  OpenDirect(session, url_);
  std::vector<std::string> out;
  soci::rowset<soci::row> rows = (session.prepare << sql);
  for (const soci::row& row : rows) {
    if (row.get_indicator(0) == soci::i_null) {
      out.push_back("");
      continue;
    }
    switch (row.get_properties(0).get_data_type()) {
      case soci::dt_integer:
        out.push_back(std::to_string(row.get<int>(0)));
        break;
      case soci::dt_long_long:
        out.push_back(std::to_string(row.get<long long>(0)));
        break;
      case soci::dt_double:
        out.push_back(std::to_string(row.get<double>(0)));
        break;
      default:
        out.push_back(row.get<std::string>(0));
        break;
    }
  }
  return out;
}

}  // namespace lookout::store::testing
