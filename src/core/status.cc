#include "core/status.h"

namespace lookout {

namespace {
struct Row {
  ErrorCode code;
  std::string_view wire;
  int http;
  std::string_view message;
};
constexpr Row kRows[] = {
#define LOOKOUT_X(name, wire, http, message) {ErrorCode::name, wire, http, message},
    LOOKOUT_ERROR_CODES(LOOKOUT_X)
#undef LOOKOUT_X
};
const Row& RowOf(ErrorCode code) { return kRows[static_cast<int>(code)]; }
}  // namespace

std::string_view ErrorCodeName(ErrorCode code) { return RowOf(code).wire; }
int ErrorCodeHttpStatus(ErrorCode code) { return RowOf(code).http; }
std::string_view ErrorCodeMessage(ErrorCode code) { return RowOf(code).message; }

std::vector<ErrorCode> AllErrorCodes() {
  std::vector<ErrorCode> out;
  for (const Row& r : kRows) out.push_back(r.code);
  return out;
}

Status Status::Validation(std::vector<FieldError> fields, std::string message) {
  if (message.empty()) message = std::string(ErrorCodeMessage(ErrorCode::kValidation));
  return Status(ErrorCode::kValidation, std::move(message), std::move(fields));
}

std::string Status::ToString() const {
  std::string out(ErrorCodeName(code_));
  if (!message_.empty()) out += ": " + message_;
  for (const FieldError& f : fields_) out += "\n  " + f.field + ": " + f.message;
  return out;
}

}  // namespace lookout
