// A fresh, empty database per test on each engine the contract suite runs against.
#ifndef LOOKOUT_TESTS_STORE_TEST_DATABASE_H_
#define LOOKOUT_TESTS_STORE_TEST_DATABASE_H_

#include <memory>
#include <string>
#include <vector>

namespace lookout::store::testing {

// The PostgreSQL server the suite may use (LOOKOUT_TEST_POSTGRES_URL), or "".
std::string PostgresTestUrl();

class TestDatabase {
 public:
  // SQLite: a file in a new temporary folder. PostgreSQL: a new schema in the database at
  // PostgresTestUrl(), which the URL selects through search_path.
  // Throws std::runtime_error when it cannot be set up.
  explicit TestDatabase(const std::string& engine);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  // Runs SQL directly, outside the store (to set up states the store would refuse).
  void Execute(const std::string& sql);
  // Runs a query directly and returns its first column as text, one string per row
  // ("" for NULL).
  std::vector<std::string> QueryColumn(const std::string& sql);
  // PostgreSQL: has the server end every connection the store under test holds, as a
  // server restart would. Returns how many it ended (0 on SQLite).
  int DropStoreConnections();

 private:
  std::string engine_;
  std::string url_;
  std::string folder_;  // SQLite
  std::string schema_;  // PostgreSQL
};

}  // namespace lookout::store::testing

#endif  // LOOKOUT_TESTS_STORE_TEST_DATABASE_H_
