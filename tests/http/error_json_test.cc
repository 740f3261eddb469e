// The body of every JSON error answer.
#include "http/error_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using json = nlohmann::json;

TEST(ErrorJson, HasCodeMessageFieldsAndRequestId) {
  Status s =
      Status::Validation({{"themes", "is required"}, {"audience[0].count", "must be 0 or more"}});
  json j = json::parse(ErrorJson(s, "req-1"));
  EXPECT_EQ(j["error"]["code"], "validation_failed");
  EXPECT_EQ(j["error"]["message"], "Some fields are not valid.");
  EXPECT_EQ(j["error"]["fields"], json::parse(R"([{"field":"themes","message":"is required"},
                            {"field":"audience[0].count","message":"must be 0 or more"}])"));
  EXPECT_EQ(j["error"]["request_id"], "req-1");
}

TEST(ErrorJson, AlwaysHasAFieldsListAndSurvivesBadUtf8) {
  json j = json::parse(ErrorJson(Status::NotFound("No task \xff here"), ""));
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_THAT(j["error"]["fields"], IsEmpty());
  EXPECT_FALSE(j["error"].contains("request_id"));
  EXPECT_THAT(j["error"]["message"].get<std::string>(), HasSubstr("No task"));
}

TEST(ApiErrorMessage, IsTheTablesMessageButNamesThePasswordRoute) {
  EXPECT_EQ(ApiErrorMessage(ErrorCode::kNotFound), ErrorCodeMessage(ErrorCode::kNotFound));
  EXPECT_EQ(ApiErrorMessage(ErrorCode::kPasswordChangeRequired),
            "Change your password first (POST /api/v1/account/password); until then you may "
            "only change it or sign out.");
  json j = json::parse(ErrorJson(Status(ErrorCode::kPasswordChangeRequired, ""), ""));
  EXPECT_EQ(j["error"]["message"], ApiErrorMessage(ErrorCode::kPasswordChangeRequired));
}

}  // namespace
}  // namespace lookout::http
