// `lookout openapi`: the OpenAPI description of the JSON API, without a server or a
// database. tests/http/openapi_lint.sh validates what it prints.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_test_util.h"

namespace lookout::cli::clitest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(OpenApiCommand, PrintsTheDescriptionWithoutMakingADatabase) {
  TempDir dir;
  RunResult r = RunLookout({"openapi"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  // The release, as /healthz and `lookout --version` report it.
  const RunResult version = RunLookout({"--version"}, dir.path());
  EXPECT_THAT(version.out, HasSubstr("lookout " + doc["info"]["version"].get<std::string>() + "\n"));
  EXPECT_TRUE(doc["paths"].contains("/api/v1/openapi.json"));
  EXPECT_TRUE(doc["paths"].contains("/api/v1/tasks/{id}/transitions"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "var"));
}

TEST(OpenApiCommand, IsAHiddenDeveloperTool) {
  TempDir dir;
  RunResult r = RunLookout({"--help"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("openapi")));
}

}  // namespace
}  // namespace lookout::cli::clitest
