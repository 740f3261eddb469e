// Lookout's HTTP/1.1 server. The transport (Boost.Beast and Asio) stays inside server.cc;
// everything above it sees plain Request and Response values and one Handler.
//
// Threads: `io_threads` threads read and write connections (event-driven: an idle
// keep-alive connection holds no thread); the handler runs on a separate pool of
// `worker_threads`, because handlers block on the database. A connection serves one
// request at a time, in order.
//
// Every response, including the ones the server writes itself (400 malformed HTTP, 413
// body too large, 500 when a handler throws), carries X-Request-Id and the security
// headers below unless the handler set its own value:
//   X-Content-Type-Options: nosniff
//   Referrer-Policy: no-referrer
//   X-Frame-Options: DENY
//   Content-Security-Policy: default-src 'none'; frame-ancestors 'none'
//   Cache-Control: no-store
// One JSON line is logged per request: time, level, request_id, method, route, status,
// duration_ms, remote. Bodies, query strings, tokens and cookies are never logged.
#ifndef LOOKOUT_HTTP_SERVER_H_
#define LOOKOUT_HTTP_SERVER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace lookout::http {

struct Request {
  std::string method;  // "GET", "POST", ... as sent
  std::string target;  // the request target as sent: "/api/v1/tasks?region=EM"
  std::string path;    // the percent-decoded path: "/api/v1/tasks"
  // The path's segments, each percent-decoded on its own (so "%2F" stays inside its
  // segment): "/api/v1/tasks/12" -> {"api", "v1", "tasks", "12"}.
  std::vector<std::string> segments;
  // Decoded query parameters in the order sent ('+' is a space); repeats kept.
  std::vector<std::pair<std::string, std::string>> query;
  // Header names in lower case; a repeated header's values joined with ", ".
  std::map<std::string, std::string> headers;
  std::string body;
  std::string remote_address;  // the peer's IP address
  std::string request_id;      // the sanitised X-Request-Id, or a generated one

  // The header's value, or nullptr. `name` in lower case.
  const std::string* Header(const std::string& name) const;
  // The first query parameter called `name`.
  std::optional<std::string> Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // added to the defaults
  std::string body;
  // The route template that answered ("/api/v1/tasks/{id}"), for the request log only;
  // never sent. Empty when no route matched.
  std::string route;

  void SetHeader(std::string name, std::string value);
  const std::string* Header(std::string_view name) const;  // case-insensitive
};

// Produces the response to one request. Runs on a worker thread, possibly on several at
// once: it must be thread-safe. An exception escaping it becomes a 500 JSON error.
using Handler = std::function<Response(const Request&)>;

// Where the request log goes: one JSON object per call, without a newline.
using LogSink = std::function<void(std::string_view line)>;

// Whether `id` may be used as a request id: 1 to 64 of [A-Za-z0-9-].
bool IsValidRequestId(std::string_view id);
// A new random request id (32 lower-case hex digits).
std::string NewRequestId();

class Server {
 public:
  struct Options {
    std::string bind_address = "127.0.0.1";
    uint16_t port = 0;  // 0: an ephemeral port, see port()
    int io_threads = 2;
    int worker_threads = 4;
    uint64_t max_body_bytes = 1024 * 1024;  // larger bodies get 413
    uint32_t max_header_bytes = 16 * 1024;  // larger headers get 400
    // A connection idle (or stalled mid-request) this long is closed.
    std::chrono::milliseconds idle_timeout{30000};
    // How long Stop() lets requests in progress finish before closing their connections.
    std::chrono::milliseconds shutdown_grace{10000};
    // Defaults to a JSON-lines writer on standard error.
    LogSink log;
  };

  // Validates the options and binds the listening socket (so the port is known and in
  // use when this returns). kBadRequest for bad options, kUnavailable when the address
  // cannot be bound.
  static Result<std::unique_ptr<Server>> Create(Options options, Handler handler);
  ~Server();  // Stops the server if it is running.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Starts accepting connections on the I/O threads. Returns at once.
  Status Start();
  // The bound port (the ephemeral one when Options::port was 0).
  int port() const;
  // Stops accepting, lets requests in progress finish (up to shutdown_grace), closes every
  // connection and joins all threads. Idempotent; safe from any thread except the
  // server's own I/O and worker threads (a handler must not call it).
  void Stop();
  // Blocks until the server has stopped (Stop() called from elsewhere).
  void Wait();

  class Impl;  // defined in server.cc

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lookout::http

#endif  // LOOKOUT_HTTP_SERVER_H_
