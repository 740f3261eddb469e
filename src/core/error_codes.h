// The one table of Lookout's error codes. Each row generates the ErrorCode enum, its
// wire name, its HTTP status and its default message (see status.h and docs/api.md).
// The messages speak of no interface: the API's answers add what only the API knows
// (http/error_json.h, ApiErrorMessage).
#ifndef LOOKOUT_CORE_ERROR_CODES_H_
#define LOOKOUT_CORE_ERROR_CODES_H_

// X(enum name, wire code, HTTP status, default message)
#define LOOKOUT_ERROR_CODES(X)                                                              \
  X(kOk, "ok", 200, "Success.")                                                             \
  X(kBadRequest, "bad_request", 400, "The request is malformed.")                           \
  X(kUnauthenticated, "unauthenticated", 401, "Sign in first.")                             \
  X(kForbidden, "forbidden", 403, "You may not do this.")                                   \
  X(kCsrfFailed, "csrf_failed", 403,                                                       \
    "This request needs the X-CSRF-Token header of your session: reload the page and try " \
    "again.")                                                                               \
  X(kPasswordChangeRequired, "password_change_required", 403,                              \
    "Change your password first; until then you may only change it or sign out.")          \
  X(kSessionRequired, "session_required", 403,                                              \
    "This needs a browser session: sign in with your password; an API token may not do "   \
    "it.")                                                                                  \
  X(kNotFound, "not_found", 404, "There is no such record.")                                \
  X(kMethodNotAllowed, "method_not_allowed", 405, "This method is not allowed here.")      \
  X(kConflict, "conflict", 409,                                                            \
    "Someone else changed this record after you loaded it: reload it and apply your "      \
    "change again.")                                                                        \
  X(kIllegalTransition, "illegal_transition", 409, "This status change is not allowed.")   \
  X(kDuplicate, "duplicate", 409, "A record with this key already exists.")                 \
  X(kPayloadTooLarge, "payload_too_large", 413, "The request body is too large.")           \
  X(kUnsupportedMediaType, "unsupported_media_type", 415,                                   \
    "Send the body as application/json.")                                                   \
  X(kValidation, "validation_failed", 422, "Some fields are not valid.")                    \
  X(kInvalidReference, "invalid_reference", 422, "A referenced record does not exist.")     \
  X(kTooManyRequests, "too_many_requests", 429, "Too many requests: wait and try again.")   \
  X(kInternal, "internal", 500, "Something went wrong on our side.")                        \
  X(kUnavailable, "unavailable", 503, "The database is busy or unreachable: try again.")

#endif  // LOOKOUT_CORE_ERROR_CODES_H_
