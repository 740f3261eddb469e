#include "ui_page_fixture.h"

#include "domain/schema.h"

namespace lookout::http {

void UiPageTest::SetUp() {
  UiPagesTest::SetUp();
  if (HasFatalFailure()) return;
  analyst_ = authtest::AddTestUser(*services_, *accounts_, "analyst");
}

std::string UiPageTest::Page(const Browser& b, const std::string& path, int expected_status) {
  auto res = Client().Get(path.c_str(), b.Cookie());
  EXPECT_TRUE(res) << path;
  if (!res) return "";
  EXPECT_EQ(res->status, expected_status) << path << "\n" << res->body;
  return res->body;
}

std::string UiPageTest::ReferenceOf(int64_t task) {
  auto record = services_->Get(app::Actor::System(), domain::TaskEntity(), task);
  EXPECT_TRUE(record.ok()) << record.status().ToString();
  return record.ok() ? record->Get("reference").ToDisplay() : "";
}

int64_t UiPageTest::AddActivity(int64_t task, const std::string& date, const std::string& region,
                                int64_t professionals) {
  Record reached;
  reached.Set("group", "professionals");
  reached.Set("sector", "police");
  reached.Set("count", professionals);
  reached.Set("estimated", false);
  Record activity;
  activity.Set("task", task);
  activity.Set("type", "training_session");
  activity.Set("title", "Custody suite briefing");
  activity.Set("start_on", date);
  activity.Set("region", region);
  activity.Set("audience", Value(Value::Rows{reached}));
  auto created = services_->Create(app::Actor::System(), domain::ActivityEntity(), activity);
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  return created.ok() ? created->record.Id() : 0;
}

}  // namespace lookout::http
