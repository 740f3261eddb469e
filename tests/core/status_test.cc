#include "core/status.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace lookout {
namespace {

TEST(ErrorCodes, HaveUniqueWireNamesAndAMessageEach) {
  std::set<std::string_view> names;
  for (ErrorCode c : AllErrorCodes()) {
    EXPECT_TRUE(names.insert(ErrorCodeName(c)).second) << ErrorCodeName(c);
    EXPECT_FALSE(ErrorCodeMessage(c).empty()) << ErrorCodeName(c);
    EXPECT_GE(ErrorCodeHttpStatus(c), 200);
    EXPECT_LT(ErrorCodeHttpStatus(c), 600);
  }
  EXPECT_EQ(AllErrorCodes().front(), ErrorCode::kOk);
}

TEST(ErrorCodes, MapToTheDocumentedHttpStatuses) {
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kOk), 200);
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kBadRequest), 400);
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kNotFound), 404);
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kConflict), 409);
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kIllegalTransition), 409);
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kPayloadTooLarge), 413);
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kUnsupportedMediaType), 415);
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kValidation), 422);
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kInternal), 500);
  EXPECT_EQ(ErrorCodeName(ErrorCode::kValidation), "validation_failed");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kIllegalTransition), "illegal_transition");
}

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kOk);
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(Status, ValidationCarriesFieldsAndADefaultMessage) {
  Status s = Status::Validation({{"themes", "is required"}, {"region", "is required"}});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kValidation);
  EXPECT_EQ(s.message(), "Some fields are not valid.");
  ASSERT_EQ(s.fields().size(), 2u);
  EXPECT_EQ(s.fields()[0], (FieldError{"themes", "is required"}));
}

TEST(Status, ValidationKeepsAGivenMessage) {
  Status s = Status::Validation({{"reason", "is required"}}, "Give a reason.");
  EXPECT_EQ(s.message(), "Give a reason.");
}

TEST(Status, NamedConstructorsSetTheirCodes) {
  EXPECT_EQ(Status::NotFound("x").code(), ErrorCode::kNotFound);
  EXPECT_EQ(Status::Conflict("x").code(), ErrorCode::kConflict);
  EXPECT_EQ(Status::Internal("x").code(), ErrorCode::kInternal);
  EXPECT_EQ(Status::BadRequest("x").code(), ErrorCode::kBadRequest);
  EXPECT_EQ(Status::NotFound("No task 7.").message(), "No task 7.");
}

TEST(Status, ToStringNamesTheCodeTheMessageAndEachField) {
  Status s = Status::Validation({{"themes", "is required"}});
  const std::string text = s.ToString();
  EXPECT_NE(text.find("validation_failed"), std::string::npos);
  EXPECT_NE(text.find("Some fields are not valid."), std::string::npos);
  EXPECT_NE(text.find("themes: is required"), std::string::npos);
}

TEST(Result, HoldsAValue) {
  Result<int> r(42);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(*r, 42);
  EXPECT_TRUE(r.TakeStatus().ok());
}

TEST(Result, HoldsAnError) {
  Result<int> r(Status::NotFound("gone"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.TakeStatus().message(), "gone");
}

TEST(Result, ArrowReachesTheValue) {
  Result<std::string> r(std::string("abc"));
  EXPECT_EQ(r->size(), 3u);
}

Status FailWhenNegative(int v) {
  if (v < 0) return Status::BadRequest("negative");
  return Status::Ok();
}

Status Twice(int v, int* calls) {
  LOOKOUT_RETURN_IF_ERROR(FailWhenNegative(v));
  ++*calls;
  LOOKOUT_RETURN_IF_ERROR(FailWhenNegative(v - 10));
  ++*calls;
  return Status::Ok();
}

TEST(Macros, ReturnIfErrorStopsAtTheFirstError) {
  int calls = 0;
  EXPECT_TRUE(Twice(20, &calls).ok());
  EXPECT_EQ(calls, 2);
  calls = 0;
  EXPECT_EQ(Twice(5, &calls).code(), ErrorCode::kBadRequest);
  EXPECT_EQ(calls, 1);
  calls = 0;
  EXPECT_FALSE(Twice(-1, &calls).ok());
  EXPECT_EQ(calls, 0);
}

Result<int> Half(int v) {
  if (v % 2 != 0) return Status::BadRequest("odd");
  return v / 2;
}

Result<int> Quarter(int v) {
  LOOKOUT_ASSIGN_OR_RETURN(int half, Half(v));
  LOOKOUT_ASSIGN_OR_RETURN(auto quarter, Half(half));
  return quarter;
}

TEST(Macros, AssignOrReturnDeclaresTheValueOrPassesTheError) {
  ASSERT_TRUE(Quarter(8).ok());
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().message(), "odd");
  EXPECT_EQ(Quarter(7).status().message(), "odd");
}

}  // namespace
}  // namespace lookout
