// The fixture of the tests of particular pages (homes, layout, assessment, audit trail):
// UiPagesTest (tests/http/ui_fixture.h) with an analyst too, a page read in one call, and
// the records those tests start from (activities with reach).
#ifndef LOOKOUT_TESTS_HTTP_UI_PAGE_FIXTURE_H_
#define LOOKOUT_TESTS_HTTP_UI_PAGE_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>

#include "ui_fixture.h"

namespace lookout::http {

class UiPageTest : public UiPagesTest {
 protected:
  void SetUp() override;

  // The page at `path` as `b` sees it; fails the test when there is no answer or its
  // status is not `expected_status`.
  std::string Page(const Browser& b, const std::string& path, int expected_status = 200);
  // The task's reference, "T-2026-0001".
  std::string ReferenceOf(int64_t task);
  // A training session of `task` on `date` in `region` that reached `professionals`
  // police officers (counted exactly), recorded by the system. Returns its id.
  int64_t AddActivity(int64_t task, const std::string& date, const std::string& region,
                      int64_t professionals);

  authtest::TestUser analyst_;
};

}  // namespace lookout::http

#endif  // LOOKOUT_TESTS_HTTP_UI_PAGE_FIXTURE_H_
