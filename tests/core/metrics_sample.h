// Reading single samples out of the text a metrics::Registry renders, for tests.
#ifndef LOOKOUT_TESTS_CORE_METRICS_SAMPLE_H_
#define LOOKOUT_TESTS_CORE_METRICS_SAMPLE_H_

#include <cmath>
#include <sstream>
#include <string>

#include "core/metrics.h"

namespace lookout::metrics::testing {

// The value of the sample line of `text` whose series (name and labels, as rendered) is
// `series`, or NaN when there is none.
inline double SampleValue(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
        line[series.size()] == ' ') {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return std::nan("");
}

// The value of `series` in metrics::Default() now; 0 when it has no sample yet.
inline double DefaultValue(const std::string& series) {
  const double value = SampleValue(Default().Render(), series);
  return std::isnan(value) ? 0 : value;
}

}  // namespace lookout::metrics::testing

#endif  // LOOKOUT_TESTS_CORE_METRICS_SAMPLE_H_
