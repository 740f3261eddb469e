// How long each web page takes to render on the demo programme year, as the role that
// uses it, through the same router `lookout serve` uses (the HTTP transport left out: its
// cost is measured by scripts/bench.sh with wrk). The target is under 100 ms a page.
// Run with scripts/bench.sh, which records the machine and the date.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "app/accounts/accounts.h"
#include "demo/demo.h"
#include "app/records/reference_data.h"
#include "app/records/services.h"
#include "domain/schema.h"
#include "http/api/routes.h"
#include "http/ui/ui.h"
#include "store/store.h"

namespace lookout {
namespace {

[[noreturn]] void Fail(const std::string& what, const Status& status) {
  std::fprintf(stderr, "page_bench: %s: %s\n", what.c_str(), status.ToString().c_str());
  std::abort();
}

struct Fixture {
  std::filesystem::path path;
  std::filesystem::path assets;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<app::Services> services;
  std::unique_ptr<app::Accounts> accounts;
  std::shared_ptr<const http::Router> router;
  std::map<std::string, std::string> cookies;  // role -> session token
  int64_t task_id = 0;

  Fixture() {
    const std::string stem = "lookout-page-bench-" + std::to_string(::getpid());
    path = std::filesystem::temp_directory_path() / (stem + ".db");
    assets = std::filesystem::temp_directory_path() / (stem + "-assets");
    std::filesystem::remove(path);
    std::filesystem::create_directories(assets);
    auto opened = store::Open("sqlite:" + path.string(), 4);
    if (!opened.ok()) Fail("open", opened.status());
    store = std::move(opened).value();
    if (auto migrated = store->Migrate(false); !migrated.ok()) Fail("migrate", migrated.status());
    services = std::make_unique<app::Services>(*store, Clock::System());
    const app::Actor cli = app::Actor::Cli("bench");
    if (auto r = app::LoadReferenceData(*services, cli); !r.ok()) Fail("reference data", r.status());
    if (auto d = demo::LoadDemo(*services, cli); !d.ok()) Fail("demo", d.status());
    auto made = app::Accounts::Create(*store, Clock::System());
    if (!made.ok()) Fail("accounts", made.status());
    accounts = std::move(made).value();
    for (const char* role : {"admin", "manager", "officer", "analyst", "funder"}) {
      auto staff = services->List(cli, domain::StaffEntity(), {{"role", role}, {"limit", "1"}});
      if (!staff.ok()) Fail("staff", staff.status());
      if (staff->items.empty()) Fail("staff", Status::NotFound(std::string("no ") + role + " in the demo"));
      const Record& who = staff->items.front();
      const std::string password = std::string("a bench phrase for ") + role + " users";
      if (auto a = accounts->CreateAccount(cli, who.Id(), password, false); !a.ok()) {
        Fail("account", a.status());
      }
      auto in = accounts->SignIn(who.Get("email").as_text(), password, "127.0.0.1", "bench");
      if (!in.ok()) Fail("sign-in", in.status());
      cookies[role] = in->session_token;
    }
    auto tasks = services->List(cli, domain::TaskEntity(), {{"status", "in_progress"}, {"limit", "1"}});
    if (!tasks.ok()) Fail("tasks", tasks.status());
    if (tasks->items.empty()) Fail("tasks", Status::NotFound("no task in progress in the demo"));
    task_id = tasks->items.front().Id();
    std::FILE* css = std::fopen((assets / "lookout.css").c_str(), "w");
    if (css != nullptr) std::fclose(css);
    router = http::ui::BuildWebRouter(*services, *accounts, {.version = "bench"},
                                      {.assets_dir = assets.string(), .version = "bench"});
  }
  ~Fixture() {
    router.reset();
    accounts.reset();
    services.reset();
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    std::filesystem::remove_all(assets);
  }

  http::Request Get(const std::string& role, const std::string& target) const {
    http::Request r;
    r.method = "GET";
    r.target = target;
    const size_t q = target.find('?');
    r.path = target.substr(0, q);
    for (size_t start = 1; start <= r.path.size();) {
      size_t end = r.path.find('/', start);
      if (end == std::string::npos) end = r.path.size();
      if (end > start) r.segments.push_back(r.path.substr(start, end - start));
      start = end + 1;
    }
    if (q != std::string::npos) {
      std::string query = target.substr(q + 1);
      for (size_t start = 0; start < query.size();) {
        size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        const std::string pair = query.substr(start, end - start);
        const size_t eq = pair.find('=');
        r.query.emplace_back(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
        start = end + 1;
      }
    }
    r.headers["cookie"] = "lookout_session=" + cookies.at(role);
    r.remote_address = "127.0.0.1";
    r.request_id = "bench";
    return r;
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

void BM_Page(benchmark::State& state, const char* role, const char* target) {
  Fixture& f = Shared();
  std::string path = target;
  if (const size_t at = path.find("{task}"); at != std::string::npos) {
    path.replace(at, 6, std::to_string(f.task_id));
  }
  const http::Request request = f.Get(role, path);
  for (auto _ : state) {
    http::Response response = f.router->Handle(request);
    if (response.status != 200) {
      state.SkipWithError((path + " answered " + std::to_string(response.status)).c_str());
      break;
    }
    benchmark::DoNotOptimize(response.body);
  }
}

#define LOOKOUT_PAGE(name, role, target) \
  BENCHMARK_CAPTURE(BM_Page, name, role, target)->Unit(benchmark::kMillisecond)

LOOKOUT_PAGE(officer_home, "officer", "/");
LOOKOUT_PAGE(officer_insight_list, "officer", "/insight");
LOOKOUT_PAGE(officer_insight_form, "officer", "/insight/new");
LOOKOUT_PAGE(officer_task_list, "officer", "/tasks");
LOOKOUT_PAGE(officer_task_board, "officer", "/tasks?view=board");
LOOKOUT_PAGE(officer_task_page, "officer", "/tasks/{task}");
LOOKOUT_PAGE(officer_activity_form, "officer", "/activities/new?task={task}");
LOOKOUT_PAGE(officer_activity_list, "officer", "/activities");
LOOKOUT_PAGE(manager_home, "manager", "/");
LOOKOUT_PAGE(manager_tasking_meeting, "manager", "/tasking");
LOOKOUT_PAGE(manager_partner_list, "manager", "/partners");
LOOKOUT_PAGE(analyst_home, "analyst", "/");
LOOKOUT_PAGE(analyst_survey_results, "analyst", "/surveys/1");
LOOKOUT_PAGE(funder_dashboard, "funder", "/");
LOOKOUT_PAGE(admin_home, "admin", "/");
LOOKOUT_PAGE(admin_audit_trail, "admin", "/admin/audit");

}  // namespace
}  // namespace lookout

BENCHMARK_MAIN();
