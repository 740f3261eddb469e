// The web pages over the real server, for the tests of particular pages: the fixture of
// ApiServerTest with the pages served, one user per role, and the records those tests
// start from (tasks, activities with reach), made directly through the use cases.
#ifndef LOOKOUT_TESTS_HTTP_UI_PAGE_FIXTURE_H_
#define LOOKOUT_TESTS_HTTP_UI_PAGE_FIXTURE_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <string>

#include "api_fixture.h"
#include "auth_test_util.h"

namespace lookout::http {

class UiPageTest : public ApiServerTest {
 protected:
  bool ServeWebPages() const override { return true; }
  void SetUp() override;

  // The page at `path` as `b` sees it; fails the test when there is no answer.
  std::string Page(const Browser& b, const std::string& path, int expected_status = 200);
  // Posts an URL-encoded form (`body` already encoded) with `b`'s CSRF token.
  httplib::Result PostForm(const Browser& b, const std::string& path, const std::string& body);

  // An objective every task can serve (made once).
  int64_t Objective();
  // A task in `region` led by `lead`, due on `due_on` ("" for none), moved as the system
  // through the lifecycle up to `status`. Returns its id (0 after a failure).
  int64_t AddTask(const std::string& title, const std::string& status, const std::string& due_on,
                  int64_t lead, const std::string& region = "EM");
  // The task's reference, "T-2026-0001".
  std::string ReferenceOf(int64_t task);
  // A training session of `task` on `date` in `region` that reached `professionals`
  // police officers (counted exactly). Returns its id.
  int64_t AddActivity(int64_t task, const std::string& date, const std::string& region,
                      int64_t professionals);

  authtest::TestUser officer_;
  authtest::TestUser manager_;
  authtest::TestUser analyst_;
  authtest::TestUser funder_;
  authtest::TestUser admin_;

 private:
  int64_t objective_ = 0;
};

}  // namespace lookout::http

#endif  // LOOKOUT_TESTS_HTTP_UI_PAGE_FIXTURE_H_
