// How long the impact report takes on ten years of data: app::BuildImpactReport for the
// national report of 2025-26 and for one region's, on SQLite and on PostgreSQL, the store
// calls it is made of, and rendering the national report to each format.
//
// The dataset (bench/report_dataset.h: 1 million activities, 5 million survey answers) is
// generated once into an SQLite file under data/ beside this binary and reused until
// --regenerate; on PostgreSQL (the database at LOOKOUT_TEST_POSTGRES_URL, or --postgres)
// the same rows are written into the empty database each run. scripts/bench.sh runs it
// inside scripts/with-postgres.sh and times bench/report_aggregates.sql in sqlite3 and psql
// beside it.
//
//   report_bench [--dataset=FILE] [--regenerate] [--generate-only] [--print-dataset-path]
//                [--seed=N] [--scale=X] [--postgres=URL | --no-postgres] [--iterations=N]
//                [--region=CODE] [--period=YYYY-YY] [Google Benchmark flags]
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/reports/impact_report.h"
#include "app/reports/report_queries.h"
#include "app/records/services.h"
#include "core/time.h"
#include "domain/rules.h"
#include "domain/schema.h"
#include "report/format.h"
#include "report/render.h"
#include "report_dataset.h"
#include "store/store.h"

namespace lookout::bench {
namespace {

struct Flags {
  std::string dataset;
  std::string postgres;
  bool no_postgres = false;
  bool regenerate = false;
  bool generate_only = false;
  bool print_dataset_path = false;
  DatasetOptions options;
  int iterations = 3;
  std::string region = "EM";
  std::string period = "2025-26";
};

[[noreturn]] void Fail(const std::string& what, const Status& status) {
  std::fprintf(stderr, "report_bench: %s: %s\n", what.c_str(), status.ToString().c_str());
  std::exit(1);
}

void Say(const std::string& line) {
  std::fprintf(stderr, "report_bench: %s\n", line.c_str());
  std::fflush(stderr);
}

// Takes this benchmark's own flags out of argv, leaving Google Benchmark's.
Flags ParseFlags(int& argc, char** argv) {
  Flags f;
  if (const char* url = std::getenv("LOOKOUT_TEST_POSTGRES_URL")) f.postgres = url;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const std::string& name, std::string& out) {
      if (arg.rfind(name + "=", 0) != 0) return false;
      out = arg.substr(name.size() + 1);
      return true;
    };
    if (value("--dataset", f.dataset) || value("--postgres", f.postgres) ||
        value("--region", f.region) || value("--period", f.period)) {
      continue;
    }
    std::string v;
    if (arg == "--no-postgres") {
      f.no_postgres = true;
    } else if (arg == "--regenerate") {
      f.regenerate = true;
    } else if (arg == "--generate-only") {
      f.generate_only = true;
    } else if (arg == "--print-dataset-path") {
      f.print_dataset_path = true;
    } else if (value("--seed", v)) {
      f.options.seed = std::stoull(v);
    } else if (value("--scale", v)) {
      f.options.scale = std::stod(v);
    } else if (value("--iterations", v)) {
      f.iterations = std::max(1, std::stoi(v));
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  if (f.no_postgres) f.postgres.clear();
  if (f.dataset.empty()) {
    // data/ beside the binary: build/bench/data/ for the bench preset, ignored by git.
    const std::filesystem::path dir = std::filesystem::read_symlink("/proc/self/exe").parent_path();
    char name[128];
    std::snprintf(name, sizeof name, "report-10y-v%d-seed%llu-scale%g.db", kDatasetVersion,
                  static_cast<unsigned long long>(f.options.seed), f.options.scale);
    f.dataset = (dir / "data" / name).string();
  }
  return f;
}

// The SQLite dataset, generated unless a complete one is already there: generation writes
// FILE.tmp and renames it once every check has passed.
void EnsureSqliteDataset(const Flags& flags) {
  namespace fs = std::filesystem;
  const fs::path path = flags.dataset;
  const fs::path about = path.string() + ".txt";
  if (fs::exists(path) && !flags.regenerate) {
    std::ifstream in(about);
    std::stringstream text;
    text << in.rdbuf();
    std::string about_text = text.str();
    while (!about_text.empty() && about_text.back() == '\n') about_text.pop_back();
    Say("dataset " + path.string() + " (cached; --regenerate to make it again)");
    if (!about_text.empty()) Say(about_text);
    return;
  }
  fs::create_directories(path.parent_path());
  const std::string tmp = path.string() + ".tmp";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(tmp + suffix);
  Say("generating " + path.string() + " (a minute or two)");
  Result<DatasetSummary> summary = GenerateDataset("sqlite:" + tmp, flags.options, Say);
  if (!summary.ok()) Fail("generating the dataset", summary.status());
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(tmp + suffix);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  fs::rename(tmp, path);
  char line[512];
  std::snprintf(line, sizeof line, "seed %llu, scale %g, generated in %.0f s, %.2f GB on disk\n",
                static_cast<unsigned long long>(flags.options.seed), flags.options.scale,
                summary->seconds, static_cast<double>(fs::file_size(path)) / 1e9);
  const std::string text = std::string(line) + "rows: " + summary->ToString();
  std::ofstream(about) << text << "\n";
  Say(text);
}

void EnsurePostgresDataset(const Flags& flags) {
  Say("writing the dataset into PostgreSQL (a few minutes)");
  Result<DatasetSummary> summary = GenerateDataset(flags.postgres, flags.options, Say);
  if (!summary.ok() && summary.status().code() == ErrorCode::kConflict) {
    Say("PostgreSQL already holds activities: using them as they are");
    return;
  }
  if (!summary.ok()) Fail("writing the dataset into PostgreSQL", summary.status());
  char line[128];
  std::snprintf(line, sizeof line, "PostgreSQL loaded in %.0f s", summary->seconds);
  Say(line);
}

// One database engine with the dataset, as the web server would hold it.
struct Engine {
  std::string name;
  // "Now" for the report's data-as-of line: just after the last year ended.
  FixedClock clock{Date{2026, 4, 10}.DaysSinceEpoch() * 86400 + 9 * 3600};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<app::Services> services;
  app::Actor manager;
  std::string from, to;  // the period's first and last days
  // What the report asks for each indicator evidenced in the period's surveys: the
  // answers to its questions and the responses to those surveys, among its base.
  struct Ask {
    std::vector<int64_t> questions;
    std::vector<int64_t> surveys;
    bool attended_training = false;
  };
  std::vector<Ask> asks;
  report::ReportDoc national;  // built once, for the renderers
};

std::unique_ptr<Engine> OpenEngine(const std::string& name, const std::string& url,
                                   const Flags& flags) {
  auto e = std::make_unique<Engine>();
  e->name = name;
  Result<std::unique_ptr<store::Store>> opened = store::Open(url, 4);
  if (!opened.ok()) Fail("opening " + url, opened.status());
  e->store = std::move(opened).value();
  // A dataset made by an older binary gets the newer migrations, as `lookout serve` would.
  if (auto migrated = e->store->Migrate(false); !migrated.ok())
    Fail("migrating", migrated.status());
  e->services = std::make_unique<app::Services>(*e->store, e->clock);
  // A manager produces the report, as on the reports page.
  Result<store::Page> managers = e->services->List(app::Actor::Cli("bench"), domain::StaffEntity(),
                                                   {{"role", "manager"}, {"limit", "1"}});
  if (!managers.ok() || managers->items.empty())
    Fail("finding a manager", managers.ok() ? Status::NotFound("none") : managers.status());
  e->manager.id = "staff:" + std::to_string(managers->items[0].Id());
  e->manager.staff_id = managers->items[0].Id();
  e->manager.role = "manager";
  e->manager.signed_in = true;

  const std::optional<domain::Period> period = domain::Period::Parse(flags.period);
  if (!period || period->quarter != 0)
    Fail("--period", Status::BadRequest("a financial year, e.g. 2025-26"));
  e->from = period->First(4).ToString();
  e->to = period->Last(4).ToString();
  auto tx = e->store->Begin(false);
  if (!tx.ok()) Fail("reading", tx.status());
  store::ListQuery q;
  q.limit = 0;
  std::vector<Value> periods = {Value(flags.period)};
  for (int n = 1; n <= 4; ++n) periods.emplace_back(flags.period + " Q" + std::to_string(n));
  q.where = {{"period", store::Condition::Op::kIn, periods}};
  Result<store::Page> surveys = (*tx)->List(*domain::FindEntity("survey"), q);
  if (!surveys.ok()) Fail("reading the surveys", surveys.status());
  std::vector<Value> ids;
  for (const Record& s : surveys->items) ids.emplace_back(s.Id());
  q.where = {{"survey", store::Condition::Op::kIn, ids}};
  Result<store::Page> questions = (*tx)->List(*domain::FindEntity("survey_question"), q);
  if (!questions.ok()) Fail("reading the questions", questions.status());
  q.where.clear();
  Result<store::Page> indicators = (*tx)->List(*domain::FindEntity("indicator"), q);
  if (!indicators.ok()) Fail("reading the indicators", indicators.status());
  for (const Record& indicator : indicators->items) {
    Engine::Ask ask;
    ask.attended_training = indicator.Get("base") == Value("attended_training");
    std::set<int64_t> asked;
    for (const Record& r : questions->items) {
      if (r.Get("indicator") != Value(indicator.Id())) continue;
      ask.questions.push_back(r.Id());
      asked.insert(r.Get("survey").as_int());
    }
    ask.surveys.assign(asked.begin(), asked.end());
    if (!ask.questions.empty()) e->asks.push_back(std::move(ask));
  }
  return e;
}

std::string FigureText(const report::ReportDoc& doc, const std::string& id) {
  for (const report::Figure& f : doc.figures) {
    if (f.id != id) continue;
    if (f.suppressed || !f.value) return "[c]";
    return (f.approximate ? "~" : "") + report::Thousands(*f.value);
  }
  return "-";
}

// The headline figures, so that runs on the two engines can be compared with each other
// and with bench/report_aggregates.sql.
void PrintHeadlines(const Engine& e, const report::ReportDoc& doc, double seconds) {
  char line[1024];
  std::snprintf(
      line, sizeof line,
      "%s, %s%s: %s activities, %s tasks completed with %s partners, reached %s "
      "professionals, %s young people, %s parents and carers, %s public; %zu figures "
      "(first build %.2f s)",
      e.name.c_str(), doc.period.c_str(), doc.region.empty() ? "" : (" " + doc.region).c_str(),
      FigureText(doc, "activities").c_str(), FigureText(doc, "tasks.completed").c_str(),
      FigureText(doc, "partners.engaged").c_str(), FigureText(doc, "reach.professionals").c_str(),
      FigureText(doc, "reach.young_people").c_str(),
      FigureText(doc, "reach.parents_carers").c_str(), FigureText(doc, "reach.public").c_str(),
      doc.figures.size(), seconds);
  Say(line);
}

report::ReportDoc BuildOnce(Engine& e, const std::string& period, const std::string& region) {
  const auto started = std::chrono::steady_clock::now();
  Result<report::ReportDoc> doc = app::BuildImpactReport(*e.services, e.manager, {period, region});
  if (!doc.ok()) Fail("building the report on " + e.name, doc.status());
  PrintHeadlines(e, *doc,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return std::move(doc).value();
}

template <typename Fn>
void Run(benchmark::State& state, Fn&& fn) {
  for (auto _ : state) {
    Status s = fn();
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
  }
}

void RegisterEngine(Engine& e, const Flags& flags) {
  const std::string p = e.name + "/";
  const int n = flags.iterations;
  auto reg = [&](const std::string& name, auto fn, int iterations) {
    benchmark::RegisterBenchmark((p + name).c_str(),
                                 [fn](benchmark::State& state) { Run(state, fn); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(iterations);
  };
  Engine* engine = &e;
  const std::string period = flags.period;
  const std::string region = flags.region;
  reg(
      "report-national: impact report, national " + period,
      [engine, period] {
        Result<report::ReportDoc> doc =
            app::BuildImpactReport(*engine->services, engine->manager, {period, ""});
        benchmark::DoNotOptimize(doc);
        return doc.ok() ? Status::Ok() : doc.status();
      },
      n);
  reg(
      "report-region: impact report, region " + region + " " + period,
      [engine, period, region] {
        Result<report::ReportDoc> doc =
            app::BuildImpactReport(*engine->services, engine->manager, {period, region});
        benchmark::DoNotOptimize(doc);
        return doc.ok() ? Status::Ok() : doc.status();
      },
      n);
  // The store calls the national report is made of, each in its own read transaction.
  auto in_tx = [engine](auto&& body) -> Status {
    LOOKOUT_ASSIGN_OR_RETURN(auto tx, engine->store->Begin(false));
    return body(*tx);
  };
  reg(
      "reach-region: AggregateReach by region, group, sector",
      [engine, in_tx] {
        return in_tx([&](store::Transaction& tx) {
          return tx.AggregateReach({engine->from, engine->to, "", false}).TakeStatus();
        });
      },
      n);
  reg(
      "reach-type: AggregateReach by region, type, task, group, sector",
      [engine, in_tx] {
        return in_tx([&](store::Transaction& tx) {
          return tx.AggregateReach({engine->from, engine->to, "", true}).TakeStatus();
        });
      },
      n);
  reg(
      "activities: List of the year's activities, limit 1 (the count)",
      [engine, in_tx] {
        return in_tx([&](store::Transaction& tx) {
          store::ListQuery q;
          q.where = {{"start_on", store::Condition::Op::kOnOrAfter, {Value(engine->from)}},
                     {"start_on", store::Condition::Op::kOnOrBefore, {Value(engine->to)}}};
          q.limit = 1;
          return tx.List(domain::ActivityEntity(), q).TakeStatus();
        });
      },
      n);
  reg(
      "tasks-delivered: CountDeliveredTasks (List of the tasks, their partners)",
      [engine, in_tx] {
        return in_tx([&](store::Transaction& tx) {
          return app::CountDeliveredTasks(tx, engine->manager, engine->from, engine->to, "")
              .TakeStatus();
        });
      },
      n);
  // Indicator by indicator, as the report asks.
  const std::string per = " once per indicator (" + std::to_string(e.asks.size()) + " calls)";
  reg(
      "answers: CountAnswers," + per,
      [engine, in_tx] {
        return in_tx([&](store::Transaction& tx) -> Status {
          for (const Engine::Ask& ask : engine->asks) {
            store::AnswerCountQuery q;
            q.questions = ask.questions;
            if (ask.attended_training) q.attended_training = "yes";
            LOOKOUT_RETURN_IF_ERROR(tx.CountAnswers(q).TakeStatus());
          }
          return Status::Ok();
        });
      },
      n);
  reg(
      "responses: CountResponses," + per,
      [engine, in_tx] {
        return in_tx([&](store::Transaction& tx) -> Status {
          for (const Engine::Ask& ask : engine->asks) {
            store::AnswerCountQuery q;
            if (ask.attended_training) q.attended_training = "yes";
            LOOKOUT_RETURN_IF_ERROR(tx.CountResponses(ask.surveys, q).TakeStatus());
          }
          return Status::Ok();
        });
      },
      n);
}

void RegisterRenderers(Engine& e) {
  for (const std::string& format : report::ReportFormats()) {
    const report::ReportDoc* doc = &e.national;
    benchmark::RegisterBenchmark(("render national report/" + format).c_str(),
                                 [doc, format](benchmark::State& state) {
                                   int64_t bytes = 0;
                                   for (auto _ : state) {
                                     Result<report::RenderedReport> out =
                                         report::RenderReport(*doc, format);
                                     if (!out.ok()) {
                                       state.SkipWithError(out.status().ToString().c_str());
                                       break;
                                     }
                                     bytes = static_cast<int64_t>(out->bytes.size());
                                   }
                                   state.counters["bytes"] = static_cast<double>(bytes);
                                 })
        ->Unit(benchmark::kMillisecond)
        ->MinTime(0.5);
  }
}

}  // namespace
}  // namespace lookout::bench

int main(int argc, char** argv) {
  using namespace lookout::bench;
  Flags flags = ParseFlags(argc, argv);
  if (flags.print_dataset_path) {
    std::printf("%s\n", flags.dataset.c_str());
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  EnsureSqliteDataset(flags);
  if (flags.generate_only) return 0;

  std::vector<std::unique_ptr<Engine>> engines;
  engines.push_back(OpenEngine("sqlite", "sqlite:" + flags.dataset, flags));
  if (!flags.postgres.empty()) {
    EnsurePostgresDataset(flags);
    engines.push_back(OpenEngine("postgresql", flags.postgres, flags));
  } else {
    Say("no PostgreSQL (run under scripts/with-postgres.sh, or give --postgres=URL)");
  }
  for (auto& e : engines) {
    e->national = BuildOnce(*e, flags.period, "");
    BuildOnce(*e, flags.period, flags.region);
    RegisterEngine(*e, flags);
  }
  RegisterRenderers(*engines.front());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
