// What the server records of each request it answers: one JSON line in the request log
// (and a line for each server error, under the request id), and the request metrics of
// metrics::Default() (server.h lists both). Nothing here sees the transport.
#ifndef LOOKOUT_HTTP_REQUEST_LOG_H_
#define LOOKOUT_HTTP_REQUEST_LOG_H_

#include <functional>
#include <string>
#include <string_view>

namespace lookout::http {

// Where the request log goes: one JSON object per call, without a newline.
using LogSink = std::function<void(std::string_view line)>;

// A JSON-lines writer on standard error, through the spdlog logger "access" (the command
// line may register its own "access" logger first to send the lines elsewhere).
LogSink DefaultLogSink();

// The time as the log writes it: "2026-11-28T16:14:20.123Z".
std::string NowForLog();

// One answered request.
struct RequestLogEntry {
  std::string request_id;
  std::string method;
  std::string route;  // the route template; "" when no route matched
  int status = 0;
  double duration_ms = 0;
  std::string remote;  // the client's address
  std::string user;    // who was signed in; "" for no one
};

// The log line of `entry` at `time`: time, level (error for 5xx, warn for 4xx, info
// otherwise), request_id, method, route ("unmatched" when empty), status, duration_ms (to
// the microsecond), remote, and user when there was one.
std::string RequestLogLine(const RequestLogEntry& entry, const std::string& time);

// The log line of a server error: time, level "error", request_id and message.
std::string ErrorLogLine(const std::string& request_id, const std::string& message,
                         const std::string& time);

// `message` for a log line with the inside of every quoted span ('...', "..." and the
// "=(...)" of a database's key) replaced by "...", cut at 300 characters: databases quote
// the value they refused, and the log must not hold the text of records.
std::string RedactQuoted(std::string_view message);

// The request metrics: a request read in full and not yet answered (the in-flight gauge
// up and down), and one answered, counted with its duration in seconds by method (one
// outside the standard methods is "other"), route template ("unmatched" when empty) and
// status.
void RequestStarted();
void RequestEnded();
void RecordRequest(const std::string& method, const std::string& route, int status, double seconds);

}  // namespace lookout::http

#endif  // LOOKOUT_HTTP_REQUEST_LOG_H_
