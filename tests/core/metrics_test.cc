#include "core/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/metrics_sample.h"

namespace lookout::metrics {
namespace {

using ::testing::HasSubstr;

using testing::SampleValue;

TEST(Metrics, ACounterWithoutLabelsIsRenderedAtZeroBeforeAnythingIsCounted) {
  Registry r;
  r.AddCounter("lookout_things_total", "Things done.");
  EXPECT_EQ(r.Render(),
            "# HELP lookout_things_total Things done.\n"
            "# TYPE lookout_things_total counter\n"
            "lookout_things_total 0\n");
}

TEST(Metrics, CountersAddAndNeverGoDown) {
  Registry r;
  Counter& c = r.AddCounter("lookout_c_total", "C.").With({});
  c.Inc();
  c.Inc(2.5);
  c.Inc(-10);
  c.Inc(std::nan(""));
  EXPECT_EQ(c.Value(), 3.5);
  EXPECT_THAT(r.Render(), HasSubstr("\nlookout_c_total 3.5\n"));
}

TEST(Metrics, GaugesGoBothWaysAndCanBeSet) {
  Registry r;
  Gauge& g = r.AddGauge("lookout_g", "G.").With({});
  g.Inc(5);
  g.Dec(2);
  EXPECT_EQ(g.Value(), 3);
  g.Set(-1.25);
  EXPECT_THAT(r.Render(), HasSubstr("\nlookout_g -1.25\n"));
}

TEST(Metrics, LabelledChildrenAreRenderedInTheOrderOfTheirValues) {
  Registry r;
  CounterFamily& f = r.AddCounter("lookout_req_total", "Requests.", {"method", "status"});
  f.With({"POST", "201"}).Inc();
  f.With({"GET", "404"}).Inc(2);
  f.With({"GET", "200"}).Inc(3);
  EXPECT_EQ(&f.With({"GET", "200"}), &f.With({"GET", "200"}));
  EXPECT_EQ(r.Render(),
            "# HELP lookout_req_total Requests.\n"
            "# TYPE lookout_req_total counter\n"
            "lookout_req_total{method=\"GET\",status=\"200\"} 3\n"
            "lookout_req_total{method=\"GET\",status=\"404\"} 2\n"
            "lookout_req_total{method=\"POST\",status=\"201\"} 1\n");
}

TEST(Metrics, ALabelledFamilyWithNoChildYetHasItsHelpAndTypeOnly) {
  Registry r;
  r.AddCounter("lookout_x_total", "X.", {"kind"});
  EXPECT_EQ(r.Render(), "# HELP lookout_x_total X.\n# TYPE lookout_x_total counter\n");
}

TEST(Metrics, EscapesBackslashQuoteAndNewlineInLabelValuesAndHelp) {
  Registry r;
  r.AddGauge("lookout_e", "Help with \\ and a\nnew line and \"quotes\".", {"v"})
      .With({"a\\b\"c\nd"})
      .Set(1);
  EXPECT_EQ(r.Render(),
            "# HELP lookout_e Help with \\\\ and a\\nnew line and \"quotes\".\n"
            "# TYPE lookout_e gauge\n"
            "lookout_e{v=\"a\\\\b\\\"c\\nd\"} 1\n");
}

TEST(Metrics, LabelValuesMayHoldAnyOtherTextAsItIs) {
  Registry r;
  r.AddGauge("lookout_t", "T.", {"route"}).With({"/api/v1/{plural}/{id} é,=}"}).Set(2);
  EXPECT_THAT(r.Render(), HasSubstr("lookout_t{route=\"/api/v1/{plural}/{id} é,=}\"} 2\n"));
}

TEST(Metrics, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Registry r;
  HistogramFamily& f = r.AddHistogram("lookout_d_seconds", "Durations.", {"kind"}, {0.1, 0.5, 1});
  Histogram& h = f.With({"a"});
  for (double v : {0.05, 0.1, 0.3, 2.0}) h.Observe(v);  // 0.1 falls in le="0.1": inclusive
  h.Observe(std::nan(""));                              // ignored
  EXPECT_EQ(r.Render(),
            "# HELP lookout_d_seconds Durations.\n"
            "# TYPE lookout_d_seconds histogram\n"
            "lookout_d_seconds_bucket{kind=\"a\",le=\"0.1\"} 2\n"
            "lookout_d_seconds_bucket{kind=\"a\",le=\"0.5\"} 3\n"
            "lookout_d_seconds_bucket{kind=\"a\",le=\"1\"} 3\n"
            "lookout_d_seconds_bucket{kind=\"a\",le=\"+Inf\"} 4\n"
            "lookout_d_seconds_sum{kind=\"a\"} 2.45\n"
            "lookout_d_seconds_count{kind=\"a\"} 4\n");
  Histogram::Snapshot s = h.Read();
  EXPECT_EQ(s.cumulative, (std::vector<uint64_t>{2, 3, 3, 4}));
  EXPECT_EQ(s.count, 4u);
}

TEST(Metrics, AHistogramWithoutLabelsHasOnlyLeInItsBuckets) {
  Registry r;
  r.AddHistogram("lookout_h_seconds", "H.", {}, {1}).With({}).Observe(-3);
  EXPECT_EQ(r.Render(),
            "# HELP lookout_h_seconds H.\n"
            "# TYPE lookout_h_seconds histogram\n"
            "lookout_h_seconds_bucket{le=\"1\"} 1\n"
            "lookout_h_seconds_bucket{le=\"+Inf\"} 1\n"
            "lookout_h_seconds_sum -3\n"
            "lookout_h_seconds_count 1\n");
}

TEST(Metrics, FamiliesAreRenderedInTheOrderOfTheirNames) {
  Registry r;
  r.AddGauge("lookout_b", "B.");
  r.AddGauge("lookout_a", "A.");
  const std::string text = r.Render();
  EXPECT_LT(text.find("lookout_a"), text.find("lookout_b"));
}

TEST(Metrics, RegisteringTheSameFamilyTwiceGivesTheSameFamily) {
  Registry r;
  CounterFamily& a = r.AddCounter("lookout_same_total", "Same.", {"x"});
  CounterFamily& b = r.AddCounter("lookout_same_total", "Same.", {"x"});
  EXPECT_EQ(&a, &b);
  EXPECT_THROW(r.AddCounter("lookout_same_total", "Other help.", {"x"}), std::invalid_argument);
  EXPECT_THROW(r.AddCounter("lookout_same_total", "Same.", {"y"}), std::invalid_argument);
  EXPECT_THROW(r.AddGauge("lookout_same_total", "Same.", {"x"}), std::invalid_argument);
  r.AddHistogram("lookout_hist", "H.", {}, {1, 2});
  EXPECT_THROW(r.AddHistogram("lookout_hist", "H.", {}, {1, 3}), std::invalid_argument);
}

TEST(Metrics, RefusesNamesAndBucketsTheFormatCannotCarry) {
  Registry r;
  EXPECT_THROW(r.AddCounter("", "x"), std::invalid_argument);
  EXPECT_THROW(r.AddCounter("9lives", "x"), std::invalid_argument);
  EXPECT_THROW(r.AddCounter("lookout-dash", "x"), std::invalid_argument);
  EXPECT_THROW(r.AddCounter("lookout_ok", "x", {"bad-label"}), std::invalid_argument);
  EXPECT_THROW(r.AddCounter("lookout_ok", "x", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(r.AddCounter("lookout_ok", "x", {"a", "a"}), std::invalid_argument);
  EXPECT_THROW(r.AddHistogram("lookout_h", "x", {"le"}, {1}), std::invalid_argument);
  EXPECT_THROW(r.AddHistogram("lookout_h", "x", {}, {}), std::invalid_argument);
  EXPECT_THROW(r.AddHistogram("lookout_h", "x", {}, {1, 1}), std::invalid_argument);
  EXPECT_THROW(r.AddHistogram("lookout_h", "x", {}, {2, 1}), std::invalid_argument);
  EXPECT_THROW(r.AddHistogram("lookout_h", "x", {}, {1, std::numeric_limits<double>::infinity()}),
               std::invalid_argument);
  EXPECT_EQ(r.Render(), "");  // nothing was registered
  EXPECT_NO_THROW(r.AddCounter("lookout:colon_ok", "x", {"_under"}));
}

TEST(Metrics, TheWrongNumberOfLabelValuesIsRefused) {
  Registry r;
  CounterFamily& f = r.AddCounter("lookout_two_total", "Two.", {"a", "b"});
  EXPECT_THROW(f.With({"only one"}), std::invalid_argument);
  EXPECT_THROW(f.With({"a", "b", "c"}), std::invalid_argument);
}

TEST(Metrics, FormatsNumbersAsTheTextFormatReadsThem) {
  EXPECT_EQ(FormatNumber(0), "0");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  EXPECT_EQ(FormatNumber(3), "3");
  EXPECT_EQ(FormatNumber(0.25), "0.25");
  EXPECT_EQ(FormatNumber(0.1 + 0.2), "0.30000000000000004");  // round-trips exactly
  EXPECT_EQ(std::stod(FormatNumber(1e-6)), 1e-6);
  EXPECT_EQ(FormatNumber(1785000000), "1785000000");
  EXPECT_EQ(FormatNumber(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatNumber(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatNumber(std::nan("")), "NaN");
}

// Many threads record into the same children and into new ones while another renders over
// and over: every count arrives, and each rendering's histogram agrees with itself.
TEST(Metrics, CountsEveryRecordingFromManyThreadsWhileRendering) {
  Registry r;
  CounterFamily& counter = r.AddCounter("lookout_hits_total", "Hits.", {"route"});
  HistogramFamily& hist = r.AddHistogram("lookout_lat_seconds", "Latency.", {"route"}, {0.5, 1});
  Gauge& in_flight = r.AddGauge("lookout_busy", "Busy.").With({});
  constexpr int kThreads = 4;
  constexpr int kEach = 5000;
  std::atomic<bool> done{false};
  std::atomic<int> renders{0};
  std::atomic<int> inconsistent{0};
  std::thread renderer([&] {
    while (!done.load()) {
      const std::string text = r.Render();
      for (const char* route : {"/a", "/b"}) {
        const std::string labels = std::string("{route=\"") + route + "\"";
        const double inf =
            SampleValue(text, "lookout_lat_seconds_bucket" + labels + ",le=\"+Inf\"}");
        const double count = SampleValue(text, "lookout_lat_seconds_count" + labels + "}");
        if (!std::isnan(inf) && inf != count) ++inconsistent;
      }
      ++renders;
    }
  });
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const char* route = (i + t) % 2 == 0 ? "/a" : "/b";
        in_flight.Inc();
        counter.With({route}).Inc();
        counter.With({"/t" + std::to_string(t)}).Inc();
        hist.With({route}).Observe(i % 3 == 0 ? 0.25 : 0.75);
        in_flight.Dec();
      }
    });
  }
  for (std::thread& w : workers) w.join();
  done = true;
  renderer.join();

  EXPECT_GT(renders.load(), 0);
  EXPECT_EQ(inconsistent.load(), 0);
  EXPECT_EQ(in_flight.Value(), 0);
  EXPECT_EQ(counter.With({"/a"}).Value() + counter.With({"/b"}).Value(), kThreads * kEach);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(counter.With({"/t" + std::to_string(t)}).Value(), kEach);
  }
  const Histogram::Snapshot a = hist.With({"/a"}).Read();
  const Histogram::Snapshot b = hist.With({"/b"}).Read();
  EXPECT_EQ(a.count + b.count, static_cast<uint64_t>(kThreads * kEach));
  // i % 3 == 0 went to le="0.5": ceil(kEach / 3) per thread.
  EXPECT_EQ(a.cumulative[0] + b.cumulative[0], static_cast<uint64_t>(kThreads * ((kEach + 2) / 3)));
  const std::string text = r.Render();
  EXPECT_EQ(SampleValue(text, "lookout_hits_total{route=\"/t0\"}"), kEach);
}

TEST(Metrics, TheDefaultRegistryNamesTheBuildAndTheStartTime) {
  const std::string text = Default().Render();
  EXPECT_THAT(text, HasSubstr("# TYPE lookout_build_info gauge\n"));
  EXPECT_THAT(text, HasSubstr("lookout_build_info{version=\"" LOOKOUT_TEST_VERSION "\",commit=\""));
  const double started = SampleValue(text, "lookout_process_start_time_seconds");
  const double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_GT(started, now - 3600);
  EXPECT_LE(started, now);
}

TEST(Metrics, StopwatchCountsSecondsUpwards) {
  Stopwatch w;
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_GE(w.Seconds(), 0.005);
  EXPECT_LT(w.Seconds(), 60);
}

}  // namespace
}  // namespace lookout::metrics
