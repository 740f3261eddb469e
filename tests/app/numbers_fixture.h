// A small programme for the tests of the numbers people see and of approving evidence: two
// regions, a staff member of each role, a task in each region, and helpers to record
// activities with their reach.
#ifndef LOOKOUT_TESTS_APP_NUMBERS_FIXTURE_H_
#define LOOKOUT_TESTS_APP_NUMBERS_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "app/services.h"
#include "core/time.h"
#include "domain/schema.h"
#include "store/store.h"

namespace lookout::app::testing {

class NumbersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("lookout-numbers-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto opened = store::Open("sqlite:" + path_.string(), 2);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate(false).ok());
    services_ = std::make_unique<Services>(*store_, clock_);
    for (const char* code : {"EM", "WM", "NAT"}) {
      Make("region", {{"code", code}, {"name", std::string("Region ") + code}, {"nation", "England"}});
    }
    Make("sector", {{"code", "police"}, {"name", "Police"}});
    Make("sector", {{"code", "health"}, {"name", "Health"}});
    em_officer_ = Staff("officer", "EM", "em@lookout.example");
    manager_ = Staff("manager", "", "manager@lookout.example");
    other_manager_ = Staff("manager", "", "manager2@lookout.example");
    analyst_ = Staff("analyst", "", "analyst@lookout.example");
    funder_ = Staff("funder", "", "funder@lookout.example");
    admin_ = Staff("admin", "", "admin@lookout.example");
    const int64_t objective = Make("objective", {{"code", "o1"}, {"title", "Everyone's responsibility"}});
    for (const char* region : {"EM", "WM"}) {
      task_[region] = Make("task", {{"title", std::string("Hotel staff training ") + region},
                                    {"objectives", Value::List{Value(objective)}},
                                    {"themes", Value::List{Value("cse")}},
                                    {"regions", Value::List{Value(region)}},
                                    {"lead", em_officer_.staff_id},
                                    {"priority", "medium"}});
    }
  }
  void TearDown() override {
    services_.reset();
    store_.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + s);
  }

  int64_t Make(const std::string& kind, std::map<std::string, Value> fields,
               const Actor& as = Actor::Cli("setup")) {
    Record r;
    for (auto& [k, v] : fields) r.Set(k, v);
    auto saved = services_->Create(as, *domain::FindEntity(kind), r);
    EXPECT_TRUE(saved.ok()) << kind << ": " << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }
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
  // An activity in `region` on `date` that reached these people: (group, sector, count).
  int64_t Activity(const std::string& region, const std::string& date,
                   std::vector<std::tuple<std::string, std::string, int64_t>> reached) {
    Value::Rows rows;
    for (const auto& [group, sector, count] : reached) {
      Record row;
      row.Set("group", group);
      if (!sector.empty()) row.Set("sector", sector);
      row.Set("count", count);
      row.Set("estimated", false);
      rows.push_back(row);
    }
    return Make("activity", {{"task", task_[region]},
                             {"type", "workshop"},
                             {"title", "Workshop"},
                             {"start_on", date},
                             {"region", region},
                             {"audience", Value(rows)}});
  }

  FixedClock clock_{1772323200};  // 2026-03-01T00:00:00Z, in 2025-26 Q4
  std::filesystem::path path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Services> services_;
  Actor em_officer_, manager_, other_manager_, analyst_, funder_, admin_;
  std::map<std::string, int64_t> task_;
};

}  // namespace lookout::app::testing

#endif  // LOOKOUT_TESTS_APP_NUMBERS_FIXTURE_H_
