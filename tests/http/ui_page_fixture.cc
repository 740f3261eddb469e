#include "ui_page_fixture.h"

#include "domain/schema.h"

namespace lookout::http {

void UiPageTest::SetUp() {
  ApiServerTest::SetUp();
  if (HasFatalFailure()) return;
  officer_ = authtest::AddTestUser(*services_, *accounts_, "officer", "EM");
  manager_ = authtest::AddTestUser(*services_, *accounts_, "manager");
  analyst_ = authtest::AddTestUser(*services_, *accounts_, "analyst");
  funder_ = authtest::AddTestUser(*services_, *accounts_, "funder");
  admin_ = authtest::AddTestUser(*services_, *accounts_, "admin");
}

std::string UiPageTest::Page(const Browser& b, const std::string& path, int expected_status) {
  auto res = Client().Get(path.c_str(), b.Cookie());
  EXPECT_TRUE(res) << path;
  if (!res) return "";
  EXPECT_EQ(res->status, expected_status) << path << "\n" << res->body;
  return res->body;
}

httplib::Result UiPageTest::PostForm(const Browser& b, const std::string& path,
                                     const std::string& body) {
  std::string csrf;
  for (unsigned char c : b.csrf) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%%%02X", c);
    csrf += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : std::string(buf);
  }
  return Client().Post(path.c_str(), b.Cookie(),
                       body + (body.empty() ? "" : "&") + "csrf_token=" + csrf,
                       "application/x-www-form-urlencoded");
}

int64_t UiPageTest::Objective() {
  if (objective_ != 0) return objective_;
  Record objective;
  objective.Set("code", "OBJ1");
  objective.Set("title", "Everyone's responsibility");
  auto made = services_->Create(app::Actor::System(), *domain::FindEntity("objective"), objective);
  EXPECT_TRUE(made.ok()) << made.status().ToString();
  objective_ = made.ok() ? made->record.Id() : 0;
  return objective_;
}

int64_t UiPageTest::AddTask(const std::string& title, const std::string& status,
                            const std::string& due_on, int64_t lead, const std::string& region) {
  Record task;
  task.Set("title", title);
  task.Set("objectives", Value::List{Objective()});
  task.Set("themes", Value::List{Value("cce")});
  task.Set("regions", Value::List{Value(region)});
  task.Set("lead", lead);
  task.Set("priority", "medium");
  if (!due_on.empty()) task.Set("due_on", due_on);
  auto created = services_->Create(app::Actor::System(), domain::TaskEntity(), task);
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  if (!created.ok()) return 0;
  const int64_t id = created->record.Id();
  if (status == "proposed") return id;
  for (const char* to : {"approved", "in_progress", "delivered"}) {
    auto current = services_->Get(app::Actor::System(), domain::TaskEntity(), id);
    EXPECT_TRUE(current.ok()) << current.status().ToString();
    if (!current.ok()) return 0;
    auto moved = services_->TransitionTask(app::Actor::System(), id,
                                           current->Get("version").as_int(), to, "");
    EXPECT_TRUE(moved.ok()) << moved.status().ToString();
    if (status == to) break;
  }
  return id;
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
