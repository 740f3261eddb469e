// Lookout's HTTP/1.1 server, over plain TCP or TLS. The transport (Boost.Beast, Asio and
// OpenSSL) stays inside server.cc and tls.cc; everything above it sees plain Request and
// Response values and one Handler.
//
// Threads: `io_threads` threads read and write connections (event-driven: an idle
// keep-alive connection holds no thread); the handler runs on a separate pool of
// `worker_threads`, because handlers block on the database. A connection serves one
// request at a time, in order.
//
// TLS (Options::tls_cert_file and tls_key_file): TLS 1.2 or 1.3 only, forward-secret AEAD
// cipher suites only, no compression, no renegotiation. Every connection on the port
// must speak TLS; a plain HTTP request there is closed unanswered.
//
// Reverse proxies (Options::trusted_proxies): when, and only when, the TCP peer is one of
// these addresses, Request::remote_address is the LAST address of X-Forwarded-For (the
// one that proxy appended; the earlier ones were sent by the client and prove nothing)
// and Request::secure follows X-Forwarded-Proto ("https" or not; without the header it
// is whether the proxy's own connection is TLS). From any other peer X-Forwarded-For,
// X-Forwarded-Proto, X-Forwarded-Host, X-Real-IP and Forwarded are removed from
// Request::headers before the handler sees them, so nothing can read a forged value.
//
// Every response, including the ones the server writes itself (400 malformed HTTP, 413
// body too large, 500 when a handler throws), carries X-Request-Id and these headers
// unless the handler set its own value:
//   X-Content-Type-Options: nosniff
//   Referrer-Policy: no-referrer
//   X-Frame-Options: DENY
//   Permissions-Policy: camera=(), microphone=(), geolocation=()
//   Cross-Origin-Opener-Policy: same-origin
//   Content-Security-Policy: kPageContentSecurityPolicy for text/html answers,
//                            kApiContentSecurityPolicy for all others
//   Cache-Control: no-store
// and, when Request::secure holds (and only then; a handler's own value is dropped on an
// insecure request):
//   Strict-Transport-Security: max-age=31536000; includeSubDomains
//
// No internal detail reaches a client: a 5xx answer whose body is a JSON error (as
// ErrorJson writes it) has its message replaced by the error table's message for
// kInternal (500) or kUnavailable (503) and "Quote the request id when reporting it.",
// and its field list emptied; the original message is logged with the request id, with
// any quoted text in it (a database may quote the value it refused) blanked out.
// Handlers answering 5xx in another format (HTML pages) must keep to the same rule.
//
// One JSON line is logged per request: time, level, request_id, method, route, status,
// duration_ms, remote (the client's address as resolved above) and user (Response::user,
// when someone was signed in). Bodies, query strings, tokens and cookies are never logged.
//
// Every answered request is counted in metrics::Default() (docs/operations.md):
// lookout_http_requests_total and lookout_http_request_duration_seconds by method (a
// method outside the standard ones is "other"), route template ("unmatched" when no route
// matched) and status; lookout_http_requests_in_flight counts requests read in full and
// not yet answered.
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
#include "http/request_log.h"

namespace lookout::http {

// The Content-Security-Policy of JSON and other non-HTML answers: they load nothing.
inline constexpr std::string_view kApiContentSecurityPolicy =
    "default-src 'none'; frame-ancestors 'none'";
// The Content-Security-Policy of HTML pages: scripts, styles and images from Lookout
// itself only (no inline script or style), no plugins, no framing.
inline constexpr std::string_view kPageContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// Strict-Transport-Security, sent on secure requests only.
inline constexpr std::string_view kStrictTransportSecurity = "max-age=31536000; includeSubDomains";

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
  std::string remote_address;  // the client's IP address (from X-Forwarded-For when
                               // the peer is a trusted proxy, see above)
  bool secure = false;         // came over TLS, directly or via a trusted proxy
  // The request carried X-Forwarded-For, X-Forwarded-Proto, X-Forwarded-Host, X-Real-IP
  // or Forwarded, believed or not: it came through a proxy (or says so), so its TCP peer
  // may be a proxy on this machine rather than the client.
  bool forwarded = false;
  std::string request_id;      // the sanitised X-Request-Id, or a generated one

  // The header's value, or nullptr. `name` in any case: "Host" and "host" are one header.
  const std::string* Header(std::string_view name) const;
  // The first query parameter called `name`.
  std::optional<std::string> Query(std::string_view name) const;
  // The value of the cookie `name` in the Cookie header, as sent (not decoded).
  std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // added to the defaults
  std::string body;
  // The route template that answered ("/api/v1/tasks/{id}"), for the request log only;
  // never sent. Empty when no route matched.
  std::string route;
  // Who was signed in ("staff:12"), for the request log only; never sent. Empty when no
  // one was.
  std::string user;
  // A server error's detail, for the log only; never sent. The server logs it (with any
  // quoted text blanked out) under the request id when the status is 5xx. HTML error
  // pages use it: their body shows the generic message and the request id.
  std::string log_detail;

  // Sets a header, replacing one of the same name (Set-Cookie: see AddCookie).
  void SetHeader(std::string name, std::string value);
  // Adds a Set-Cookie header beside any other: a response may set several cookies.
  void AddCookie(std::string set_cookie) { headers.emplace_back("Set-Cookie", std::move(set_cookie)); }
  const std::string* Header(std::string_view name) const;  // case-insensitive
};

// Produces the response to one request. Runs on a worker thread, possibly on several at
// once: it must be thread-safe. An exception escaping it becomes a 500 JSON error.
using Handler = std::function<Response(const Request&)>;

// Whether `id` may be used as a request id: 1 to 64 of [A-Za-z0-9-].
bool IsValidRequestId(std::string_view id);
// A new random request id (32 lower-case hex digits).
std::string NewRequestId();
// Whether `a` and `b` are the same text but for the case of ASCII letters (header names,
// and values such as "https").
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

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
    // TLS: both or neither. PEM files: the certificate chain (the server's certificate
    // first, then any intermediates) and its unencrypted private key (RSA, EC or
    // Ed25519). Read once, by Create().
    std::string tls_cert_file;
    std::string tls_key_file;
    // The IP addresses of the reverse proxies whose X-Forwarded-For and
    // X-Forwarded-Proto are believed ("127.0.0.1", "::1", "10.0.0.5"). An IPv4 peer
    // that arrives IPv4-mapped on an IPv6 socket matches its IPv4 address.
    std::vector<std::string> trusted_proxies;
  };

  // Validates the options, loads the TLS certificate and key, and binds the listening
  // socket (so the port is known and in use when this returns). kBadRequest for bad
  // options, with a message naming the file and what is wrong with it for an unreadable
  // certificate or key, a key that is encrypted or does not belong to the certificate;
  // kUnavailable when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Create(Options options, Handler handler);
  ~Server();  // Stops the server if it is running.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Starts accepting connections on the I/O threads. Returns at once.
  Status Start();
  // The bound port (the ephemeral one when Options::port was 0).
  int port() const;
  // Whether connections are TLS.
  bool tls() const;
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
