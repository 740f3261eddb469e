// The start of the use-case tests that need a programme: a fresh SQLite database of the
// test's own in the temporary folder, the use cases on it at a fixed time (1 March 2026,
// in 2025-26 Q4), and helpers to record what a test starts from and the staff who act.
#ifndef LOOKOUT_TESTS_APP_PROGRAMME_FIXTURE_H_
#define LOOKOUT_TESTS_APP_PROGRAMME_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "app/records/services.h"
#include "core/time.h"
#include "domain/schema.h"
#include "store/store.h"

namespace lookout::app::testing {

class ProgrammeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("lookout-programme-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto opened = store::Open("sqlite:" + path_.string(), 2);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate(false).ok());
    services_ = std::make_unique<Services>(*store_, clock_);
  }
  void TearDown() override {
    services_.reset();
    store_.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + s);
  }

  // A record of `kind` with these fields, made by `as`; its id (0, and a failure, if refused).
  int64_t Make(const std::string& kind, std::map<std::string, Value> fields,
               const Actor& as = Actor::Cli("setup")) {
    Record r;
    for (auto& [k, v] : fields) r.Set(k, v);
    auto saved = services_->Create(as, *domain::FindEntity(kind), r);
    EXPECT_TRUE(saved.ok()) << kind << ": " << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }
  // A staff member of `role` (of `region`, "" for none), as the signed-in actor they are.
  Actor Staff(const std::string& role, const std::string& region, const std::string& email) {
    std::map<std::string, Value> f = {{"name", role + " " + region}, {"email", email}, {"role", role}};
    if (!region.empty()) f["home_region"] = region;
    Actor a;
    a.staff_id = Make("staff", f);
    a.id = "staff:" + std::to_string(a.staff_id);
    a.role = role;
    a.region = region;
    a.signed_in = true;
    return a;
  }

  FixedClock clock_{1772323200};  // 2026-03-01T00:00:00Z, in 2025-26 Q4
  std::filesystem::path path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Services> services_;
};

}  // namespace lookout::app::testing

#endif  // LOOKOUT_TESTS_APP_PROGRAMME_FIXTURE_H_
