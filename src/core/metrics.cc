#include "core/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace lookout::metrics {

namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

bool ValidMetricName(std::string_view name) {
  if (name.empty() || !(IsNameStart(name[0]) || name[0] == ':')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return IsNameChar(c) || c == ':'; });
}

bool ValidLabelName(std::string_view name) {
  if (name.empty() || !IsNameStart(name[0]) || name.substr(0, 2) == "__") return false;
  return std::all_of(name.begin(), name.end(), IsNameChar);
}

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kCounter:
      return "counter";
    case Type::kGauge:
      return "gauge";
    case Type::kHistogram:
      return "histogram";
  }
  return "untyped";
}

// Escapes a backslash and a line feed, as HELP text needs; and, for a label value, a
// double quote as well.
enum class Escape { kHelp, kLabelValue };
void AppendEscaped(std::string& out, std::string_view text, Escape what) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && what == Escape::kLabelValue) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// `{a="1",b="2"}` of the label names and values, with `extra` (name, value) last; nothing
// when there are no labels at all.
void AppendLabels(std::string& out, const std::vector<std::string>& names,
                  const std::vector<std::string>& values,
                  const std::pair<std::string_view, std::string_view>* extra = nullptr) {
  if (names.empty() && extra == nullptr) return;
  out += '{';
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += names[i];
    out += "=\"";
    AppendEscaped(out, values[i], Escape::kLabelValue);
    out += '"';
  }
  if (extra != nullptr) {
    if (!names.empty()) out += ',';
    out += extra->first;
    out += "=\"";
    AppendEscaped(out, extra->second, Escape::kLabelValue);
    out += '"';
  }
  out += '}';
}

void AppendSample(std::string& out, std::string_view name, std::string_view suffix,
                  const std::vector<std::string>& names, const std::vector<std::string>& values,
                  const std::string& value,
                  const std::pair<std::string_view, std::string_view>* extra = nullptr) {
  out += name;
  out += suffix;
  AppendLabels(out, names, values, extra);
  out += ' ';
  out += value;
  out += '\n';
}

std::string FormatCount(uint64_t n) { return std::to_string(n); }

void CheckDefinition(const std::string& name, Type type, const std::vector<std::string>& labels,
                     const std::vector<double>& bounds) {
  if (!ValidMetricName(name)) {
    throw std::invalid_argument("metric name not allowed: '" + name + "'");
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    if (!ValidLabelName(labels[i])) {
      throw std::invalid_argument("label name not allowed on " + name + ": '" + labels[i] + "'");
    }
    if (type == Type::kHistogram && labels[i] == "le") {
      throw std::invalid_argument("a histogram cannot have a label 'le': " + name);
    }
    if (std::find(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(i), labels[i]) !=
        labels.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw std::invalid_argument("label '" + labels[i] + "' given twice on " + name);
    }
  }
  if (type == Type::kHistogram) {
    if (bounds.empty()) throw std::invalid_argument("a histogram needs buckets: " + name);
    for (size_t i = 0; i < bounds.size(); ++i) {
      if (!std::isfinite(bounds[i]) || (i > 0 && !(bounds[i] > bounds[i - 1]))) {
        throw std::invalid_argument("bucket bounds must be finite and strictly increasing: " +
                                    name);
      }
    }
  }
}

}  // namespace

std::string FormatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == 0) return "0";  // also -0
  // Whole numbers (counts, timestamps) in full rather than as "1.785e+09".
  if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
    return std::to_string(static_cast<int64_t>(value));
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return "NaN";  // cannot happen with 64 characters
  return std::string(buf, end);
}

// ---- Metrics -------------------------------------------------------------------------------

void Counter::Inc(double by) {
  if (!(by >= 0)) return;  // negative or NaN
  value_.fetch_add(by, std::memory_order_relaxed);
}

Histogram::Histogram(const std::vector<double>& bounds)
    : bounds_(bounds), counts_(new std::atomic<uint64_t>[bounds.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Observe(double value) {
  if (std::isnan(value)) return;
  const size_t bucket = static_cast<size_t>(
      std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot s;
  s.cumulative.reserve(bounds_.size() + 1);
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  s.count = running;
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

// ---- Families ------------------------------------------------------------------------------

FamilyBase::FamilyBase(std::string name, std::string help, Type type,
                       std::vector<std::string> labels, std::vector<double> bounds)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      labels_(std::move(labels)),
      bounds_(std::move(bounds)) {}

void FamilyBase::CheckArity(size_t values) const {
  if (values != labels_.size()) {
    throw std::invalid_argument(name_ + " takes " + std::to_string(labels_.size()) +
                                " label values, not " + std::to_string(values));
  }
}

template <class Metric>
Metric& Family<Metric>::With(const std::vector<std::string>& values) {
  CheckArity(values.size());
  {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = children_.find(values);
    if (it != children_.end()) return *it->second;
  }
  std::unique_lock<std::shared_mutex> lock(mu_);
  auto& slot = children_[values];  // another thread may have made it meanwhile
  if (!slot) {
    if constexpr (std::is_same_v<Metric, Histogram>) {
      slot = std::make_unique<Histogram>(bounds());
    } else {
      slot = std::make_unique<Metric>();
    }
  }
  return *slot;
}

template <class Metric>
void Family<Metric>::Render(std::string& out) const {
  std::vector<std::pair<const std::vector<std::string>*, const Metric*>> children;
  {
    std::shared_lock<std::shared_mutex> lock(mu_);
    children.reserve(children_.size());
    for (const auto& [values, metric] : children_) children.emplace_back(&values, metric.get());
  }
  out += "# HELP ";
  out += name();
  out += ' ';
  AppendEscaped(out, help(), Escape::kHelp);
  out += "\n# TYPE ";
  out += name();
  out += ' ';
  out += TypeName(type());
  out += '\n';
  const std::vector<std::string>& names = label_names();
  for (const auto& [values, metric] : children) {
    if constexpr (std::is_same_v<Metric, Histogram>) {
      const Histogram::Snapshot s = metric->Read();
      for (size_t i = 0; i < s.cumulative.size(); ++i) {
        const std::string le = i < bounds().size() ? FormatNumber(bounds()[i]) : "+Inf";
        const std::pair<std::string_view, std::string_view> extra{"le", le};
        AppendSample(out, name(), "_bucket", names, *values, FormatCount(s.cumulative[i]), &extra);
      }
      AppendSample(out, name(), "_sum", names, *values, FormatNumber(s.sum));
      AppendSample(out, name(), "_count", names, *values, FormatCount(s.count));
    } else {
      AppendSample(out, name(), "", names, *values, FormatNumber(metric->Value()));
    }
  }
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

// ---- Registry ------------------------------------------------------------------------------

template <class Metric>
Family<Metric>& Registry::Add(const std::string& name, const std::string& help, Type type,
                              const std::vector<std::string>& labels,
                              const std::vector<double>& bounds) {
  CheckDefinition(name, type, labels, bounds);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = families_.find(name);
  if (it != families_.end()) {
    FamilyBase& known = *it->second;
    if (known.type() != type || known.help() != help || known.label_names() != labels ||
        known.bounds() != bounds) {
      throw std::invalid_argument("metric " + name + " is registered already, otherwise");
    }
    return static_cast<Family<Metric>&>(known);
  }
  auto family = std::make_unique<Family<Metric>>(name, help, type, labels, bounds);
  Family<Metric>& out = *family;
  families_.emplace(name, std::move(family));
  if (labels.empty()) out.With(std::vector<std::string>{});
  return out;
}

CounterFamily& Registry::AddCounter(const std::string& name, const std::string& help,
                                    const std::vector<std::string>& labels) {
  return Add<Counter>(name, help, Type::kCounter, labels, {});
}

GaugeFamily& Registry::AddGauge(const std::string& name, const std::string& help,
                                const std::vector<std::string>& labels) {
  return Add<Gauge>(name, help, Type::kGauge, labels, {});
}

HistogramFamily& Registry::AddHistogram(const std::string& name, const std::string& help,
                                        const std::vector<std::string>& labels,
                                        const std::vector<double>& bounds) {
  return Add<Histogram>(name, help, Type::kHistogram, labels, bounds);
}

std::string Registry::Render() const {
  std::vector<const FamilyBase*> families;
  {
    std::lock_guard<std::mutex> lock(mu_);
    families.reserve(families_.size());
    for (const auto& [name, family] : families_) families.push_back(family.get());
  }
  std::string out;
  for (const FamilyBase* family : families) family->Render(out);
  return out;
}

Registry& Default() {
  static Registry* registry = [] {
    auto* r = new Registry();  // never destroyed: threads may record during exit
    const double now =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    r->AddGauge("lookout_process_start_time_seconds",
                "When the process started, in seconds since the Unix epoch.")
        .With({})
        .Set(std::floor(now));
    r->AddGauge("lookout_build_info",
                "Always 1; its labels name the version and commit this binary was built from.",
                {"version", "commit"})
        .With({LOOKOUT_VERSION, LOOKOUT_COMMIT})
        .Set(1);
    return r;
  }();
  return *registry;
}

namespace {
// Made at start-up, so the start time is the process's.
[[maybe_unused]] const Registry& kDefaultAtStartUp = Default();
}  // namespace

const std::vector<double>& DurationBuckets() {
  static const std::vector<double> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                              0.5,   1,    2.5,   5,    10};
  return kBounds;
}

const std::vector<double>& SlowDurationBuckets() {
  static const std::vector<double> kBounds = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};
  return kBounds;
}

}  // namespace lookout::metrics
