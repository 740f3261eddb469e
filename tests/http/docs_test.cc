// docs/api.md cannot drift from the code: every error code with its status, every route,
// and every kind of record with its filters must be in it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/accounts/accounts.h"
#include "app/records/services.h"
#include "core/status.h"
#include "core/time.h"
#include "domain/schema.h"
#include "http/api/api.h"
#include "store/store.h"

namespace lookout::http {
namespace {

// docs/api.md from the source tree: $LOOKOUT_SOURCE_DIR (set by ctest), else the first
// folder upwards from the working directory that has it.
std::string ReadApiDoc() {
  std::vector<std::filesystem::path> candidates;
  if (const char* dir = std::getenv("LOOKOUT_SOURCE_DIR")) {
    candidates.emplace_back(std::filesystem::path(dir) / "docs" / "api.md");
  }
  for (auto p = std::filesystem::current_path(); !p.empty(); p = p.parent_path()) {
    candidates.push_back(p / "docs" / "api.md");
    if (p == p.parent_path()) break;
  }
  for (const auto& path : candidates) {
    std::ifstream in(path);
    if (!in) continue;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  ADD_FAILURE() << "docs/api.md not found: set LOOKOUT_SOURCE_DIR to the source tree";
  return "";
}

// The line of `doc` that starts with `prefix`, or "".
std::string LineStartingWith(const std::string& doc, const std::string& prefix) {
  std::istringstream in(doc);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

// The list filters of a kind, as Services::List accepts them.
std::vector<std::string> Filters(const domain::EntityDef& e) {
  std::vector<std::string> out;
  for (const domain::FieldDef& f : e.fields) {
    if (f.filter) out.push_back(f.name);
  }
  if (!e.region_field.empty() && e.Find("region") == nullptr) out.push_back("region");
  if (!e.date_field.empty()) {
    for (const char* p : {"from", "to", "period"}) out.push_back(p);
  }
  return out;
}

TEST(ApiDocs, ListsEveryErrorCodeWithItsStatus) {
  const std::string doc = ReadApiDoc();
  for (ErrorCode code : AllErrorCodes()) {
    const std::string row = "| `" + std::string(ErrorCodeName(code)) + "` | " +
                            std::to_string(ErrorCodeHttpStatus(code)) + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "docs/api.md lacks the row " << row;
  }
}

TEST(ApiDocs, DocumentsEveryRoute) {
  const std::string doc = ReadApiDoc();
  auto store = store::Open("sqlite::memory:");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  FixedClock clock(0);
  app::Services services(**store, clock);
  app::AccountOptions options;
  options.hashing = app::MinimalHashParamsForTests();
  auto accounts = app::Accounts::Create(**store, clock, options);
  ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
  auto router = BuildApiRouter(services, **accounts);
  const std::set<std::string> per_kind = {"", "/{id}", "/{id}/archive", "/{id}/restore"};
  for (const Route& route : router->routes()) {
    std::string path = route.path;
    // The routes every kind has are documented once, with {plural} for the kind.
    for (const domain::EntityDef* e : domain::AllEntities()) {
      const std::string base = "/api/v1/" + e->plural;
      if (path.rfind(base, 0) == 0 && per_kind.count(path.substr(base.size()))) {
        path = "/api/v1/{plural}" + path.substr(base.size());
        break;
      }
    }
    const std::string entry = "`" + route.method + " " + path + "`";
    EXPECT_NE(doc.find(entry), std::string::npos) << "docs/api.md lacks " << entry;
  }
}

TEST(ApiDocs, HasARowForEveryKindWithItsFilters) {
  const std::string doc = ReadApiDoc();
  for (const domain::EntityDef* e : domain::AllEntities()) {
    const std::string row = LineStartingWith(doc, "| `/api/v1/" + e->plural + "` |");
    ASSERT_FALSE(row.empty()) << "docs/api.md has no row for /api/v1/" << e->plural;
    EXPECT_NE(row.find(e->api_writable ? "| read-write |" : "| read-only |"), std::string::npos)
        << row;
    for (const std::string& filter : Filters(*e)) {
      EXPECT_NE(row.find("`" + filter + "`"), std::string::npos)
          << "the row of " << e->plural << " lacks the filter " << filter;
    }
  }
}

}  // namespace
}  // namespace lookout::http
