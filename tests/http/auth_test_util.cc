#include "auth_test_util.h"

#include <gtest/gtest.h>

#include <atomic>

#include "app/accounts/passwords.h"
#include "domain/schema.h"

namespace lookout::http::authtest {

app::AccountOptions FastAccountOptions() {
  app::AccountOptions options;
  options.hashing = app::MinimalHashParamsForTests();
  return options;
}

TestUser AddTestUser(app::Services& services, app::Accounts& accounts, const std::string& role,
                     const std::string& region, const std::string& email) {
  static std::atomic<int> counter{0};
  TestUser user;
  user.email = email.empty() ? role + std::to_string(++counter) + "@example.org" : email;
  user.password = "a test phrase for " + role + " users";
  Record staff;
  staff.Set("name", "Test " + role);
  staff.Set("email", user.email);
  staff.Set("role", role);
  if (!region.empty()) staff.Set("home_region", region);
  auto saved = services.Create(app::Actor::System(), domain::StaffEntity(), staff);
  if (!saved.ok()) {
    ADD_FAILURE() << "staff " << user.email << ": " << saved.status().ToString();
    return {};
  }
  auto made = accounts.CreateAccount(app::Actor::System(), saved->record.Id(), user.password, false);
  if (!made.ok()) {
    ADD_FAILURE() << "account " << user.email << ": " << made.status().ToString();
    return {};
  }
  auto in = accounts.SignIn(user.email, user.password, "127.0.0.1", "test-setup");
  if (!in.ok()) {
    ADD_FAILURE() << "sign-in " << user.email << ": " << in.status().ToString();
    return {};
  }
  auto token = accounts.CreateApiToken(in->who.actor, "tests",
                                       services.clock().Today().AddDays(30).ToString());
  if (!token.ok()) {
    ADD_FAILURE() << "token " << user.email << ": " << token.status().ToString();
    return {};
  }
  // The token outlives the session it was made in, which is not needed any more.
  if (Status out = accounts.SignOut(in->who.actor); !out.ok()) {
    ADD_FAILURE() << "sign-out " << user.email << ": " << out.ToString();
    return {};
  }
  user.staff_id = saved->record.Id();
  user.token = token->token;
  return user;
}

}  // namespace lookout::http::authtest
