// A ten-year, all-region programme for the impact report benchmark (bench/report_bench.cc):
// financial years 2016-17 to 2025-26 in the ten programme regions and National, with
// about 4,000 tasks, 1 million activities (1 to 3 audience counts each), 550,000 survey
// responses with 5 million answers, and the quotes, case studies and outcome events of
// each year. Synthetic throughout: every name and word is invented.
//
// The schema comes from Lookout's own migrations and the reference data (regions, police
// forces, sectors) and the programme record from app::LoadReferenceData and
// app::EnsureProgramme. Everything else is a benchmark fixture written in bulk, bypassing
// the use cases (no audit entries): prepared INSERTs in large transactions on SQLite,
// COPY on PostgreSQL. The rows respect every column and constraint of the schema and the
// rules of domain::ValidateRecord; GenerateDataset checks a sample of each kind through
// the store afterwards, and on SQLite every foreign key.
//
// The same seed and scale give the same rows, id for id, on both engines.
#ifndef LOOKOUT_BENCH_REPORT_DATASET_H_
#define LOOKOUT_BENCH_REPORT_DATASET_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace lookout::bench {

// Bump when the generator changes what it writes: cached datasets carry it in their name.
inline constexpr int kDatasetVersion = 4;  // 4: the demo programme's outcome framework

struct DatasetOptions {
  uint64_t seed = 2026;
  // 1.0: about 1 million activities and 5 million answers. Tasks, surveys, quotes, case
  // studies and outcome events do not scale; activities and responses do.
  double scale = 1.0;
  int first_year = 2016;  // the first financial year starts in April of this year
  int last_year = 2025;   // the last one: 2025-26, the year the benchmark reports on
};

struct DatasetSummary {
  std::vector<std::pair<std::string, int64_t>> rows;  // table -> rows written, in load order
  double seconds = 0;                                 // generation, load and checks
  int64_t Rows(const std::string& table) const;
  // "activity 1,000,123; activity_audience 1,800,456; ..." on one line.
  std::string ToString() const;
};

using Log = std::function<void(const std::string&)>;

// Creates Lookout's schema in the empty database at `url` ("sqlite:PATH" or
// "postgresql://..."), loads the reference data and the programme, then writes the
// dataset. kConflict when the database already holds activities.
Result<DatasetSummary> GenerateDataset(const std::string& url, const DatasetOptions& options,
                                       const Log& log);

}  // namespace lookout::bench

#endif  // LOOKOUT_BENCH_REPORT_DATASET_H_
