// Signing in for the HTTP tests: staff members with accounts and API tokens, made
// directly through the use cases so that a test can call the API as any role.
#ifndef LOOKOUT_TESTS_HTTP_AUTH_TEST_UTIL_H_
#define LOOKOUT_TESTS_HTTP_AUTH_TEST_UTIL_H_

#include <cstdint>
#include <string>

#include "app/accounts/accounts.h"
#include "app/records/services.h"

namespace lookout::http::authtest {

// Account options for tests: libsodium's cheapest hashing, the rest as in production.
app::AccountOptions FastAccountOptions();

struct TestUser {
  int64_t staff_id = 0;
  std::string email;
  std::string password;  // needs no change
  std::string token;     // an API token of theirs, for Authorization: Bearer
  std::string Bearer() const { return "Bearer " + token; }
};

// Adds a staff member with `role` (home region `region`, which officers need), an account
// whose password needs no change, and an API token valid for 30 days (made in a session
// that is then signed out, so the user has no live session). Fails the test
// (and returns a user with staff_id 0) when any step fails.
TestUser AddTestUser(app::Services& services, app::Accounts& accounts, const std::string& role,
                     const std::string& region = "", const std::string& email = "");

}  // namespace lookout::http::authtest

#endif  // LOOKOUT_TESTS_HTTP_AUTH_TEST_UTIL_H_
