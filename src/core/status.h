// Status and Result<T>: how expected failures cross layer boundaries in Lookout.
// Validation failures, missing records, conflicts and refusals are values, never
// exceptions; exceptions are for bugs and exhaustion and are caught at the edges.
#ifndef LOOKOUT_CORE_STATUS_H_
#define LOOKOUT_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/error_codes.h"

namespace lookout {

enum class ErrorCode {
#define LOOKOUT_X(name, wire, http, message) name,
  LOOKOUT_ERROR_CODES(LOOKOUT_X)
#undef LOOKOUT_X
};

// The stable wire name ("validation_failed"), the HTTP status, the default message.
std::string_view ErrorCodeName(ErrorCode code);
int ErrorCodeHttpStatus(ErrorCode code);
std::string_view ErrorCodeMessage(ErrorCode code);
// All codes in table order (for docs and tests).
std::vector<ErrorCode> AllErrorCodes();

// One problem with one input field. `field` names the field as the caller wrote it
// ("themes", "audience[2].count", "line 14, column grade_source").
struct FieldError {
  std::string field;
  std::string message;
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message, std::vector<FieldError> fields = {})
      : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  static Status Ok() { return Status(); }
  static Status Validation(std::vector<FieldError> fields, std::string message = "");
  static Status NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Status Conflict(std::string message) { return {ErrorCode::kConflict, std::move(message)}; }
  static Status Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }
  static Status BadRequest(std::string message) {
    return {ErrorCode::kBadRequest, std::move(message)};
  }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  // The message to show a person; never empty for an error.
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  // "validation_failed: Some fields are not valid. (themes: ...)" for logs and the CLI.
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::vector<FieldError> fields_;
};

// Either a value or an error Status (never an OK status without a value).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok() && "Result built from an OK status without a value");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  // REQUIRES: !ok()
  const Status& status() const { return std::get<Status>(v_); }
  Status TakeStatus() { return ok() ? Status() : std::move(std::get<Status>(v_)); }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace lookout

// Propagate an error Status from an expression returning Status.
#define LOOKOUT_RETURN_IF_ERROR(expr)          \
  do {                                         \
    ::lookout::Status lookout_status_ = (expr); \
    if (!lookout_status_.ok()) return lookout_status_; \
  } while (0)

#define LOOKOUT_CONCAT_INNER(a, b) a##b
#define LOOKOUT_CONCAT(a, b) LOOKOUT_CONCAT_INNER(a, b)
// `LOOKOUT_ASSIGN_OR_RETURN(auto x, Foo());` declares x from a Result or returns its error.
#define LOOKOUT_ASSIGN_OR_RETURN(lhs, expr) \
  LOOKOUT_ASSIGN_OR_RETURN_IMPL(LOOKOUT_CONCAT(lookout_result_, __LINE__), lhs, expr)
#define LOOKOUT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.TakeStatus();             \
  lhs = std::move(tmp).value()

#endif  // LOOKOUT_CORE_STATUS_H_
