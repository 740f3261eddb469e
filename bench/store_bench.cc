// Benchmarks of the store's hot paths on SQLite, through the use cases, on a database
// holding the demo programme year (about 370 tasks, 1,000 activities, 600 insight items):
// list with filters, get, insert, and the reach aggregation behind the report.
// Run with scripts/bench.sh, which records the machine and the date.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>

#include "demo/demo.h"
#include "app/records/reference_data.h"
#include "app/records/services.h"
#include "domain/schema.h"
#include "store/store.h"

namespace lookout {
namespace {

struct Fixture {
  std::filesystem::path path;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<app::Services> services;
  app::Actor actor = app::Actor::Cli("bench");

  Fixture() {
    path = std::filesystem::temp_directory_path() /
           ("lookout-bench-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    store = std::move(store::Open("sqlite:" + path.string(), 4)).value();
    if (!store->Migrate(false).ok()) std::abort();
    services = std::make_unique<app::Services>(*store, Clock::System());
    if (!app::LoadReferenceData(*services, actor).ok()) std::abort();
    auto demo = demo::LoadDemo(*services, actor);
    if (!demo.ok()) {
      std::fprintf(stderr, "demo: %s\n", demo.status().ToString().c_str());
      std::abort();
    }
  }
  ~Fixture() {
    services.reset();
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

void BM_ListTasksFiltered(benchmark::State& state) {
  Fixture& f = Shared();
  const app::Params params = {{"region", "EM,WM,NAT"}, {"themes", "cce,cse"}, {"limit", "50"}};
  for (auto _ : state) {
    auto page = f.services->List(f.actor, domain::TaskEntity(), params);
    if (!page.ok()) state.SkipWithError(page.status().ToString().c_str());
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_ListTasksFiltered)->Unit(benchmark::kMicrosecond);

void BM_ListActivitiesInAQuarterWithSearch(benchmark::State& state) {
  Fixture& f = Shared();
  const app::Params params = {{"period", "2025-26 Q3"}, {"q", "station"}, {"limit", "50"}};
  for (auto _ : state) {
    auto page = f.services->List(f.actor, domain::ActivityEntity(), params);
    if (!page.ok()) state.SkipWithError(page.status().ToString().c_str());
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_ListActivitiesInAQuarterWithSearch)->Unit(benchmark::kMicrosecond);

void BM_GetTask(benchmark::State& state) {
  Fixture& f = Shared();
  auto first = f.services->List(f.actor, domain::TaskEntity(), {{"limit", "1"}});
  const int64_t id = first.ok() && !first->items.empty() ? first->items[0].Id() : 1;
  for (auto _ : state) {
    auto task = f.services->Get(f.actor, domain::TaskEntity(), id);
    if (!task.ok()) state.SkipWithError(task.status().ToString().c_str());
    benchmark::DoNotOptimize(task);
  }
}
BENCHMARK(BM_GetTask)->Unit(benchmark::kMicrosecond);

void BM_InsertPartner(benchmark::State& state) {
  Fixture& f = Shared();
  int64_t n = 0;
  for (auto _ : state) {
    Record r;
    r.Set("name", "Benchmark partner " + std::to_string(++n));
    r.Set("sector", "transport");
    r.Set("region", "EM");
    auto saved = f.services->Create(f.actor, domain::PartnerEntity(), r);
    if (!saved.ok()) state.SkipWithError(saved.status().ToString().c_str());
  }
}
BENCHMARK(BM_InsertPartner)->Unit(benchmark::kMicrosecond);

void BM_AggregateReachForTheYear(benchmark::State& state) {
  Fixture& f = Shared();
  const store::ReachQuery query{"2025-04-01", "2026-03-31", ""};
  for (auto _ : state) {
    auto rows = f.services->Reach(f.actor, query);
    if (!rows.ok()) state.SkipWithError(rows.status().ToString().c_str());
    benchmark::DoNotOptimize(rows);
  }
}
BENCHMARK(BM_AggregateReachForTheYear)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace lookout

BENCHMARK_MAIN();
