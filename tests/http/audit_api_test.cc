// GET /api/v1/audit over the real server: administrators browse and filter the trail,
// every other role is refused, and bad parameters are named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/accounts/accounts.h"
#include "app/records/reference_data.h"
#include "app/records/services.h"
#include "api_fixture.h"
#include "auth_test_util.h"
#include "core/time.h"
#include "http/api/api.h"
#include "store/store.h"

namespace lookout::http {
namespace {

using json = nlohmann::json;

class AuditApiTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = authtest::AddTestUser(*services_, *accounts_, "admin");
    manager_ = authtest::AddTestUser(*services_, *accounts_, "manager");
  }

  httplib::Result Get(const std::string& path, const std::string& authorization = "") {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_tcp_nodelay(true);
    httplib::Headers headers;
    if (!authorization.empty()) headers.emplace("Authorization", authorization);
    return c.Get(path.c_str(), headers);
  }

  authtest::TestUser admin_;
  authtest::TestUser manager_;
};

TEST_F(AuditApiTest, AnAdministratorBrowsesAndFiltersTheTrail) {
  auto res = Get("/api/v1/audit?entity=region&action=import&limit=2&offset=1", admin_.Bearer());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = json::parse(res->body);
  EXPECT_EQ(body["limit"], 2);
  EXPECT_EQ(body["offset"], 1);
  ASSERT_EQ(body["items"].size(), 2u);
  EXPECT_GT(body["total"].get<int64_t>(), 2);
  const json& first = body["items"][0];
  EXPECT_EQ(first["entity"], "region");
  EXPECT_EQ(first["action"], "import");
  EXPECT_TRUE(first["changes"].is_object());
  EXPECT_EQ(first["hash"].get<std::string>().size(), 64u);
  EXPECT_GT(first["id"].get<int64_t>(), body["items"][1]["id"].get<int64_t>());
}

TEST_F(AuditApiTest, OtherRolesAndAnonymousCallersAreRefused) {
  auto manager = Get("/api/v1/audit", manager_.Bearer());
  ASSERT_TRUE(manager);
  EXPECT_EQ(manager->status, 403) << manager->body;
  auto anonymous = Get("/api/v1/audit");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401) << anonymous->body;
}

TEST_F(AuditApiTest, BadParametersAreNamed) {
  auto res = Get("/api/v1/audit?from=soon&limit=1000&sort=id", admin_.Bearer());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 422) << res->body;
  json body = json::parse(res->body);
  std::vector<std::string> fields;
  for (const json& f : body["error"]["fields"]) fields.push_back(f["field"]);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("from", "limit", "sort"));
}

}  // namespace
}  // namespace lookout::http
