#include "http/request_log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/metrics.h"

namespace lookout::http {

namespace {

std::string DumpLine(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// The request metrics, registered at start-up so that a scrape shows them before the
// first request is answered.
struct HttpMetrics {
  metrics::CounterFamily& requests =
      metrics::Default().AddCounter("lookout_http_requests_total",
                                    "HTTP requests answered, by method, route template and status.",
                                    {"method", "route", "status"});
  metrics::HistogramFamily& duration = metrics::Default().AddHistogram(
      "lookout_http_request_duration_seconds",
      "Seconds from a request's headers arriving to its answer being written, by method, "
      "route template and status.",
      {"method", "route", "status"}, metrics::DurationBuckets());
  metrics::Gauge& in_flight = metrics::Default()
                                  .AddGauge("lookout_http_requests_in_flight",
                                            "Requests read in full and not yet answered.")
                                  .With({});
};

const HttpMetrics& Http() {
  static const HttpMetrics kMetrics;
  return kMetrics;
}
[[maybe_unused]] const HttpMetrics& kHttpMetricsAtStartUp = Http();

// The method as a label: a client may send any token as a method, and each would be a
// series of its own.
std::string_view MethodLabel(std::string_view method) {
  static constexpr std::string_view kKnown[] = {"GET",    "HEAD",    "POST",  "PUT",    "PATCH",
                                                "DELETE", "OPTIONS", "TRACE", "CONNECT"};
  for (std::string_view known : kKnown) {
    if (method == known) return known;
  }
  return "other";
}

}  // namespace

LogSink DefaultLogSink() {
  // A logger of its own with a bare pattern, so each line is exactly one JSON object.
  std::shared_ptr<spdlog::logger> logger = spdlog::get("access");
  if (!logger) {
    try {
      logger = spdlog::stderr_logger_mt("access");
      logger->set_pattern("%v");
    } catch (const spdlog::spdlog_ex&) {
      logger = spdlog::get("access");  // registered meanwhile by another thread
    }
  }
  return [logger](std::string_view line) {
    if (logger) logger->info("{}", line);
  };
}

std::string NowForLog() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

std::string RequestLogLine(const RequestLogEntry& entry, const std::string& time) {
  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  line["time"] = time;
  line["level"] = entry.status >= 500 ? "error" : entry.status >= 400 ? "warn" : "info";
  line["request_id"] = entry.request_id;
  line["method"] = entry.method;
  line["route"] = entry.route.empty() ? "unmatched" : entry.route;
  line["status"] = entry.status;
  line["duration_ms"] = static_cast<double>(static_cast<int64_t>(entry.duration_ms * 1000)) / 1000;
  line["remote"] = entry.remote;
  if (!entry.user.empty()) line["user"] = entry.user;
  return DumpLine(line);
}

std::string ErrorLogLine(const std::string& request_id, const std::string& message,
                         const std::string& time) {
  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  line["time"] = time;
  line["level"] = "error";
  line["request_id"] = request_id;
  line["message"] = message;
  return DumpLine(line);
}

std::string RedactQuoted(std::string_view message) {
  std::string out;
  for (size_t i = 0; i < message.size(); ++i) {
    char c = message[i];
    char close = 0;
    if (c == '\'' || c == '"') {
      close = c;
    } else if (c == '(' && i > 0 && message[i - 1] == '=') {
      close = ')';
    }
    size_t end = close ? message.find(close, i + 1) : std::string_view::npos;
    if (end == std::string_view::npos) {
      out += c;
      continue;
    }
    out += c;
    out += "...";
    out += close;
    i = end;
  }
  if (out.size() > 300) out = out.substr(0, 300) + "...";
  return out;
}

void RequestStarted() { Http().in_flight.Inc(); }
void RequestEnded() { Http().in_flight.Dec(); }

void RecordRequest(const std::string& method, const std::string& route, int status,
                   double seconds) {
  const HttpMetrics& m = Http();
  const std::string status_label = std::to_string(status);
  const std::string_view method_label = MethodLabel(method);
  const std::string_view route_label = route.empty() ? std::string_view("unmatched") : route;
  m.requests.With({method_label, route_label, status_label}).Inc();
  m.duration.With({method_label, route_label, status_label}).Observe(seconds);
}

}  // namespace lookout::http
