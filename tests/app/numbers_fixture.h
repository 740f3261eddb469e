// A small programme for the tests of the numbers people see and of approving evidence: two
// regions, a staff member of each role, a task in each region, and helpers to record
// activities with their reach.
#ifndef LOOKOUT_TESTS_APP_NUMBERS_FIXTURE_H_
#define LOOKOUT_TESTS_APP_NUMBERS_FIXTURE_H_

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "programme_fixture.h"

namespace lookout::app::testing {

class NumbersTest : public ProgrammeTest {
 protected:
  void SetUp() override {
    ProgrammeTest::SetUp();
    if (HasFatalFailure()) return;
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

  Actor em_officer_, manager_, other_manager_, analyst_, funder_, admin_;
  std::map<std::string, int64_t> task_;
};

}  // namespace lookout::app::testing

#endif  // LOOKOUT_TESTS_APP_NUMBERS_FIXTURE_H_
