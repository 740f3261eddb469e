// A small metrics registry: counters, gauges and histograms, each in a family with fixed
// label names, written out in the Prometheus text exposition format 0.0.4 (what
// GET /metrics answers; docs/operations.md lists Lookout's metrics). Debian packages no
// Prometheus client library for C++, so this is Lookout's own, kept to what Lookout uses.
//
// Every layer records into Default():
//   static auto& imported = metrics::Default().AddCounter(
//       "lookout_import_rows_total", "Rows of imports, by kind of record and outcome.",
//       {"kind", "outcome"});
//   imported.With({"activity", "imported"}).Inc(12);
//
// Threads: recording is lock-free on the metric itself (atomics); With() takes the
// family's reader lock to find an existing child, and its writer lock only the first time
// a label set is seen. Render() copies the list of families and, family by family, the
// list of children under their locks, then formats with no lock held, reading the
// atomics: a recording never waits for a scrape to be written out.
//
// Label values are the caller's to keep bounded: route templates, codes and fixed words,
// never a user's id, email address, token or the text of a record.
#ifndef LOOKOUT_CORE_METRICS_H_
#define LOOKOUT_CORE_METRICS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace lookout::metrics {

// The Content-Type of the text format.
inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

// A value that only goes up (or back to zero when the process restarts).
class Counter {
 public:
  // Adds `by`; a negative or NaN amount is ignored, as a counter never goes down.
  void Inc(double by = 1);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// A value that goes up and down, or is set outright.
class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Inc(double by = 1) { value_.fetch_add(by, std::memory_order_relaxed); }
  void Dec(double by = 1) { value_.fetch_sub(by, std::memory_order_relaxed); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted into fixed buckets by upper bound (inclusive), with their sum.
class Histogram {
 public:
  // `bounds`: the finite upper bounds, strictly increasing; the +Inf bucket is implied.
  // Must outlive the histogram (the family holds them).
  explicit Histogram(const std::vector<double>& bounds);

  // Counts `value` into the first bucket whose bound is at least `value`. NaN is ignored.
  void Observe(double value);

  struct Snapshot {
    // Cumulative counts, one per bound and a last one for +Inf, which equals `count`.
    std::vector<uint64_t> cumulative;
    double sum = 0;
    uint64_t count = 0;
  };
  // The counts now. Taken while others observe, `sum` may run a few observations ahead of
  // or behind the counts; the buckets and `count` always agree with each other.
  Snapshot Read() const;
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  const std::vector<double>& bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // per bucket, not cumulative
  std::atomic<double> sum_{0};
};

enum class Type { kCounter, kGauge, kHistogram };

// What every family shares: its name, help, type and label names. The registry renders
// families through this.
class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, Type type, std::vector<std::string> labels,
             std::vector<double> bounds);
  virtual ~FamilyBase() = default;
  FamilyBase(const FamilyBase&) = delete;
  FamilyBase& operator=(const FamilyBase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  Type type() const { return type_; }
  const std::vector<std::string>& label_names() const { return labels_; }
  const std::vector<double>& bounds() const { return bounds_; }

  // Appends the family in the text format: HELP, TYPE, then a line per sample, children
  // in the order of their label values.
  virtual void Render(std::string& out) const = 0;

 protected:
  // Throws std::invalid_argument unless there is one value per label name.
  void CheckArity(size_t values) const;

 private:
  const std::string name_;
  const std::string help_;
  const Type type_;
  const std::vector<std::string> labels_;
  const std::vector<double> bounds_;  // histograms only
};

// The metrics of one name, one per set of label values.
template <class Metric>
class Family : public FamilyBase {
 public:
  using FamilyBase::FamilyBase;

  // The metric of these label values, in the order of the label names; made (at zero) the
  // first time. Throws std::invalid_argument when the number of values is wrong: a
  // programming error, as label sets are fixed in the code.
  Metric& With(std::initializer_list<std::string_view> values) {
    return With(std::vector<std::string>(values.begin(), values.end()));
  }
  Metric& With(const std::vector<std::string>& values);

  void Render(std::string& out) const override;

 private:
  mutable std::shared_mutex mu_;
  // Never erased, so references handed out and the keys' addresses stay valid.
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> children_;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Registers a family, or returns the one already registered under `name` when it was
  // registered with the same type, help, labels (and bounds). Throws std::invalid_argument
  // for a name or label name the format does not allow ([a-zA-Z_:][a-zA-Z0-9_:]*; labels
  // [a-zA-Z_][a-zA-Z0-9_]*, not starting "__", not "le" on a histogram, no repeats), for
  // bounds that are not finite and strictly increasing, and for a name registered
  // otherwise. A family without labels starts with its one metric at zero, so it is
  // rendered before anything is recorded.
  CounterFamily& AddCounter(const std::string& name, const std::string& help,
                            const std::vector<std::string>& labels = {});
  GaugeFamily& AddGauge(const std::string& name, const std::string& help,
                        const std::vector<std::string>& labels = {});
  HistogramFamily& AddHistogram(const std::string& name, const std::string& help,
                                const std::vector<std::string>& labels,
                                const std::vector<double>& bounds);

  // Every family, sorted by name, in the text format 0.0.4.
  std::string Render() const;

 private:
  template <class Metric>
  Family<Metric>& Add(const std::string& name, const std::string& help, Type type,
                      const std::vector<std::string>& labels, const std::vector<double>& bounds);

  mutable std::mutex mu_;  // guards families_ (not the families' contents)
  std::map<std::string, std::unique_ptr<FamilyBase>> families_;
};

// The process's registry. Made at start-up with lookout_process_start_time_seconds and
// lookout_build_info{version,commit} (the version and commit this binary was built from).
Registry& Default();

// Bucket bounds in seconds for request and work durations: 5 ms to 10 s.
const std::vector<double>& DurationBuckets();
// Bucket bounds in seconds for slower work (reports): 50 ms to 2 min.
const std::vector<double>& SlowDurationBuckets();

// Seconds since construction on the steady clock, to observe into a histogram.
class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// A number as the text format writes it: a whole number in full ("3", "1785000000"),
// another the shortest decimal that reads back to the same double ("0.25", "1e-06"),
// "+Inf", "-Inf" or "NaN".
std::string FormatNumber(double value);

}  // namespace lookout::metrics

#endif  // LOOKOUT_CORE_METRICS_H_
