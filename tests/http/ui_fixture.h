// The fixture of the web pages' tests: the server with the pages, one user per role, and
// helpers to act as a browser does (sign in through the form, post forms with the CSRF
// token, follow a redirect with its notice cookie).
#ifndef LOOKOUT_TESTS_HTTP_UI_FIXTURE_H_
#define LOOKOUT_TESTS_HTTP_UI_FIXTURE_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <regex>
#include <string>

#include "api_fixture.h"
#include "auth_test_util.h"
#include "domain/rules.h"
#include "domain/schema.h"
#include "report/format.h"

namespace lookout::http {

inline constexpr const char* kForm = "application/x-www-form-urlencoded";

// The text of a page's error summary ("" when it has none).
inline std::string SummaryOf(const std::string& html) {
  const size_t start = html.find("govuk-error-summary__list");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</ul>", start) - start);
}

class UiPagesTest : public ApiServerTest {
 protected:
  bool ServeWebPages() const override { return true; }

  void SetUp() override {
    ApiServerTest::SetUp();
    if (HasFatalFailure()) return;
    officer_ = authtest::AddTestUser(*services_, *accounts_, "officer", "EM");
    other_officer_ = authtest::AddTestUser(*services_, *accounts_, "officer", "NE");
    manager_ = authtest::AddTestUser(*services_, *accounts_, "manager");
    funder_ = authtest::AddTestUser(*services_, *accounts_, "funder");
    admin_ = authtest::AddTestUser(*services_, *accounts_, "admin");
  }

  // Signs in through the sign-in form, as a browser does.
  Browser SignInWithForm(const authtest::TestUser& user) {
    auto res = Client().Post("/sign-in", "email=" + Encode(user.email) + "&password=" +
                                             Encode(user.password) + "&next=%2F",
                             kForm);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 303) << res->body;
    Browser b;
    b.token = CookieToken(res->get_header_value("Set-Cookie"));
    // The page's forms carry the session's CSRF token.
    auto home = Client().Get("/account/password", b.Cookie());
    EXPECT_TRUE(home);
    std::smatch m;
    if (home && std::regex_search(home->body, m, std::regex("name=\"csrf_token\" value=\"([^\"]+)\""))) {
      b.csrf = m[1];
    }
    EXPECT_FALSE(b.csrf.empty());
    return b;
  }

  static std::string Encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
        out += static_cast<char>(c);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  }

  httplib::Result PostForm(const std::string& path, const Browser& b, const std::string& body,
                           bool with_csrf = true) {
    std::string full = body;
    if (with_csrf) full += (full.empty() ? "" : "&") + std::string("csrf_token=") + Encode(b.csrf);
    return Client().Post(path.c_str(), b.Cookie(), full, kForm);
  }

  int64_t AddInsight(const std::string& region, const std::string& handling) {
    Record r;
    r.Set("received_on", "2026-03-01");
    r.Set("recorded_by", manager_.staff_id);
    r.Set("source_type", "police_intelligence");
    r.Set("region", region);
    r.Set("themes", Value::List{Value("cse")});
    r.Set("summary", "Adults seen offering lifts to teenagers at the bus station late at night.");
    r.Set("grade_source", "1");
    r.Set("grade_intelligence", "B");
    r.Set("grade_handling", handling);
    if (handling == "C") r.Set("handling_conditions", "Share with the station manager only.");
    auto saved = services_->Create(app::Actor::System(), domain::InsightEntity(), r);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? saved->record.Id() : 0;
  }

  // The officer records a training session of 2 March 2026 in the East Midlands under
  // `task`, with `reach` (form fields, "&reach-...=N..."); fails the test unless it saved.
  void RecordBriefing(Browser& officer, int64_t task, const std::string& reach) {
    auto saved = PostForm("/activities/new", officer,
                          "task=" + std::to_string(task) +
                              "&type=training_session&title=Night+staff+briefing"
                              "&start_on-day=2&start_on-month=3&start_on-year=2026&region=EM" +
                              reach);
    ASSERT_TRUE(saved);
    ASSERT_EQ(saved->status, 303) << saved->body;
  }

  // A task with an objective of its own, in `region`, led by `lead` (0: the officer),
  // due on `due_on` ("" for none), in `status` (moved there by the system).
  int64_t AddTask(const std::string& title, const std::string& status,
                  const std::string& due_on = "", int64_t lead = 0,
                  const std::string& region = "EM") {
    Record objective;
    objective.Set("code", "OBJ" + std::to_string(++objectives_));
    objective.Set("title", "A better response");
    auto obj = services_->Create(app::Actor::System(), *domain::FindEntity("objective"), objective);
    EXPECT_TRUE(obj.ok()) << obj.status().ToString();
    if (!obj.ok()) return 0;
    Record task;
    task.Set("title", title);
    task.Set("objectives", Value::List{obj->record.Id()});
    task.Set("themes", Value::List{Value("cse")});
    task.Set("regions", Value::List{Value(region)});
    task.Set("lead", lead != 0 ? lead : officer_.staff_id);
    task.Set("priority", "high");
    if (!due_on.empty()) task.Set("due_on", due_on);
    auto created = services_->Create(app::Actor::System(), domain::TaskEntity(), task);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    if (!created.ok()) return 0;
    const int64_t id = created->record.Id();
    for (const char* to : {"approved", "in_progress", "delivered"}) {
      if (status == "proposed") break;
      auto current = services_->Get(app::Actor::System(), domain::TaskEntity(), id);
      auto moved = services_->TransitionTask(app::Actor::System(), id,
                                             current->Get("version").as_int(), to, "");
      EXPECT_TRUE(moved.ok()) << moved.status().ToString();
      if (status == to) break;
    }
    return id;
  }

  // An active scoring scheme of two factors, harm and likelihood, each scored 1 to 5.
  void AddScoringScheme() {
  Record scheme;
  scheme.Set("scheme_version", 1);
  scheme.Set("name", "Harm and likelihood");
  scheme.Set("active", true);
  auto factors = domain::ParseFieldText(
      *domain::FindEntity("scoring_scheme")->Find("factors"),
      "code=harm,label=Harm to children,group=harm,weight=1,min_score=1,max_score=5 | "
      "code=likelihood,label=Likelihood,group=likelihood,weight=1,min_score=1,max_score=5");
  ASSERT_TRUE(factors.ok()) << factors.status().ToString();
  scheme.Set("factors", *factors);
  ASSERT_TRUE(services_->Create(app::Actor::System(), *domain::FindEntity("scoring_scheme"), scheme).ok());
  }

  // Follows a form's redirect as a browser does, sending the one-shot notice cookie the
  // redirect set (the success banner the next page shows).
  httplib::Result Follow(const httplib::Result& redirect, const Browser& b) {
    std::string cookie = "lookout_session=" + b.token;
    const size_t n = redirect->get_header_value_count("Set-Cookie");
    for (size_t i = 0; i < n; ++i) {
      const std::string set = redirect->get_header_value("Set-Cookie", i);
      // The test client hands header values over percent-decoded: the notice is encoded
      // again, as the browser keeps it.
      if (set.rfind("lookout_notice=", 0) != 0) continue;
      const size_t start = std::string("lookout_notice=").size();
      cookie += "; lookout_notice=" + report::PercentEncode(set.substr(start, set.find("; Path=/") - start));
    }
    return Client().Get(redirect->get_header_value("Location"), {{"Cookie", cookie}});
  }

  int objectives_ = 0;
  authtest::TestUser officer_;
  authtest::TestUser other_officer_;
  authtest::TestUser manager_;
  authtest::TestUser funder_;
  authtest::TestUser admin_;
};

}  // namespace lookout::http

#endif  // LOOKOUT_TESTS_HTTP_UI_FIXTURE_H_
