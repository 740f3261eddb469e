// GET /metrics: what the process has counted, for Prometheus. docs/operations.md lists
// the metrics and says how to scrape them.
#include <arpa/inet.h>

#include <cstring>

#include "app/accounts/passwords.h"
#include "core/metrics.h"
#include "http/api/routes.h"

namespace lookout::http::api {

namespace {

// The connection pool, sampled at each scrape. Registered at start-up, so that a scrape
// shows them from the first.
struct PoolMetrics {
  metrics::Gauge& size =
      metrics::Default()
          .AddGauge("lookout_db_pool_connections", "Connections the database pool holds.")
          .With({});
  metrics::Gauge& in_use = metrics::Default()
                               .AddGauge("lookout_db_pool_connections_in_use",
                                         "Connections of the database pool in use at the scrape.")
                               .With({});
};

const PoolMetrics& Pool() {
  static const PoolMetrics kMetrics;
  return kMetrics;
}
[[maybe_unused]] const PoolMetrics& kPoolMetricsAtStartUp = Pool();

// Whether the request may read the metrics: the right token from anywhere, or no token
// from this machine when no proxy is in between (a proxy on this machine would make every
// client look local).
bool MayScrape(const Request& request, const std::string& metrics_token) {
  if (!metrics_token.empty()) {
    if (const std::string* authorization = request.Header("authorization")) {
      std::optional<std::string> token = BearerToken(*authorization);
      if (token && app::SecretsEqual(*token, metrics_token)) return true;
    }
  }
  return !request.forwarded && IsLoopbackAddress(request.remote_address);
}

Result<Response> Metrics(app::Services& services, const std::string& metrics_token,
                         const Request& request) {
  if (!MayScrape(request, metrics_token)) {
    return Status(ErrorCode::kForbidden,
                  "The metrics are served to this machine, or with the metrics token as "
                  "Authorization: Bearer TOKEN.");
  }
  const store::Store::PoolStatus pool = services.store().Pool();
  Pool().size.Set(static_cast<double>(pool.size));
  Pool().in_use.Set(static_cast<double>(pool.in_use));
  Response response;
  response.content_type = std::string(metrics::kContentType);
  response.body = metrics::Default().Render();
  return response;
}

}  // namespace

bool IsLoopbackAddress(const std::string& address) {
  unsigned char bytes[16];
  if (inet_pton(AF_INET, address.c_str(), bytes) == 1) return bytes[0] == 127;
  if (inet_pton(AF_INET6, address.c_str(), bytes) != 1) return false;
  static constexpr unsigned char kLoopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(bytes, kLoopback, 16) == 0) return true;
  return std::memcmp(bytes, kMapped, 12) == 0 && bytes[12] == 127;
}

void AddMetricsRoute(Router& router, app::Services& services, const std::string& metrics_token) {
  app::Services* s = &services;
  router.Add({.method = "GET",
              .path = "/metrics",
              .summary = "The process's metrics in the Prometheus text format (this machine, "
                         "or the metrics token).",
              .handler = [s, metrics_token](const Request& r,
                                            const PathParams&) { return Metrics(*s, metrics_token, r); },
              .description = "Answered to a client on the same machine whose request came "
                             "through no proxy, and to any client sending the metrics token "
                             "(lookout serve --metrics-token) as Authorization: Bearer TOKEN; "
                             "403 to everyone else. Sessions and API tokens play no part. "
                             "docs/operations.md lists every metric.",
              .content_type = std::string(metrics::kContentType),
              .errors = {ErrorCode::kForbidden}});
}

}  // namespace lookout::http::api
