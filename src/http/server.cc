// The only translation unit that includes Boost.Beast, and with tls.cc the only one that
// includes Asio's TLS stream: compiling them is slow, and keeping them here keeps the rest
// of http/ quick to build and free of their types. What needs no socket is beside it:
// forwarded.cc (who the client is), tls.cc (the certificate and key), request_log.cc (the
// log lines and metrics) and message.cc (Request and Response).
#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <type_traits>
#include <unordered_map>

#include "http/error_json.h"
#include "http/forwarded.h"
#include "http/tls.h"

namespace lookout::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string ToStd(beast::string_view s) { return std::string(s.data(), s.size()); }

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

Response ErrorResponse(const Status& status, const std::string& request_id) {
  Response r;
  r.status = ErrorCodeHttpStatus(status.code());
  r.body = ErrorJson(status, request_id);
  return r;
}

constexpr std::pair<const char*, const char*> kDefaultHeaders[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cache-Control", "no-store"},
};

}  // namespace

// ---- Server internals ---------------------------------------------------------------------

// What the server needs of a connection, whichever its transport.
class SessionBase : public std::enable_shared_from_this<SessionBase> {
 public:
  virtual ~SessionBase() = default;
  // The server is stopping. Runs on the connection's strand.
  virtual void OnServerStop() = 0;
  // Copying the executor is safe from any thread; using it posts onto the strand.
  virtual asio::any_io_executor GetExecutor() = 0;
};

class Server::Impl {
 public:
  Impl(Options options, Handler handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        workers_(static_cast<std::size_t>(options_.worker_threads)),
        acceptor_(asio::make_strand(ioc_)) {
    if (!options_.log) options_.log = DefaultLogSink();
  }

  void Configure(std::vector<std::string> trusted_proxies,
                 std::unique_ptr<asio::ssl::context> tls) {
    trusted_proxies_ = std::move(trusted_proxies);
    tls_ = std::move(tls);
  }
  Status Bind();
  Status Start();
  void Stop();
  void Wait();
  int port() const { return port_; }
  bool tls() const { return tls_ != nullptr; }

  // Called by sessions.
  const Options& options() const { return options_; }
  bool stopping() const { return stopping_.load(); }
  asio::thread_pool& workers() { return workers_; }
  bool IsTrustedProxy(const std::string& peer) const {
    return std::find(trusted_proxies_.begin(), trusted_proxies_.end(), peer) !=
           trusted_proxies_.end();
  }
  void Register(SessionBase* s, std::weak_ptr<SessionBase> w);
  void Unregister(SessionBase* s);
  Response Invoke(const Request& request);
  void LogRequest(const std::string& request_id, const std::string& method, const std::string& user,
                  const std::string& route, int status, double duration_ms,
                  const std::string& remote);
  void LogError(const std::string& request_id, const std::string& message);

 private:
  void DoAccept();
  void HideInternalDetail(const Request& request, Response& response);

  Options options_;
  Handler handler_;
  int port_ = 0;
  std::vector<std::string> trusted_proxies_;        // normalised
  std::unique_ptr<asio::ssl::context> tls_;         // null: plain TCP

  enum class State { kCreated, kRunning, kStopping, kStopped };
  std::mutex mu_;  // guards state_ and sessions_; declared before ioc_ to outlive it
  std::condition_variable cv_;
  State state_ = State::kCreated;
  std::unordered_map<SessionBase*, std::weak_ptr<SessionBase>> sessions_;
  std::atomic<bool> stopping_{false};

  asio::thread_pool workers_;
  asio::io_context ioc_;
  // Keeps the I/O threads running while the server runs, even at a moment when no
  // operation is pending (during Stop, after the acceptor closes, sessions still need
  // their strands to close).
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  tcp::acceptor acceptor_;
  std::vector<std::thread> io_threads_;
};

// One connection: (over TLS, completes the handshake,) reads a request, hands it to a
// worker, writes the answer, and reads the next one while the client keeps the connection
// alive. Every member is touched only on the connection's strand.
template <bool kTls>
class Session : public SessionBase {
 public:
  using Stream = std::conditional_t<kTls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

  Session(tcp::socket socket, Server::Impl* server) requires(!kTls)
      : stream_(std::move(socket)), server_(server) {
    Init();
  }
  Session(tcp::socket socket, asio::ssl::context& tls, Server::Impl* server) requires(kTls)
      : stream_(std::move(socket), tls), server_(server) {
    Init();
  }
  ~Session() override {
    EndInFlight();
    server_->Unregister(this);
  }

  void Run() {
    server_->Register(this, weak_from_this());
    asio::dispatch(stream_.get_executor(), [self = Self()] { self->Begin(); });
  }

  // A connection waiting for its next request (or its handshake) closes now; one with a
  // request in progress closes after answering it.
  void OnServerStop() override {
    if (!busy_) Close();
  }
  asio::any_io_executor GetExecutor() override { return stream_.get_executor(); }

 private:
  const Server::Options& options() const { return server_->options(); }
  std::shared_ptr<Session> Self() { return std::static_pointer_cast<Session>(shared_from_this()); }
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void Init() {
    boost::system::error_code ec;
    auto endpoint = Lowest().socket().remote_endpoint(ec);
    if (!ec) {
      peer_ = NormalisedAddress(endpoint.address().to_string()).value_or(std::string());
      peer_is_trusted_proxy_ = server_->IsTrustedProxy(peer_);
    }
    remote_ = peer_;
    secure_ = kTls;
  }

  void Begin() {
    if constexpr (kTls) {
      // The handshake gets the idle timeout too: a client that connects and says nothing
      // holds nothing for long.
      Lowest().expires_after(options().idle_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = Self()](beast::error_code ec) {
                                if (ec) return self->Close();
                                self->ReadHeader();
                              });
    } else {
      ReadHeader();
    }
  }

  void ReadHeader() {
    if (server_->stopping()) return Close();
    busy_ = false;
    remote_ = peer_;
    secure_ = kTls;
    parser_.emplace();
    parser_->header_limit(options().max_header_bytes);
    parser_->body_limit(options().max_body_bytes);
    Lowest().expires_after(options().idle_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = Self()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    start_ = std::chrono::steady_clock::now();
    if (ec) return OnReadError(ec);
    busy_ = true;
    auto& header = parser_->get();
    ResolveClient(header);
    auto expect = header.find(bhttp::field::expect);
    if (expect != header.end() && EqualsIgnoreCase(ToStd(expect->value()), "100-continue") &&
        !parser_->is_done()) {
      continue_.emplace(bhttp::status::continue_, header.version());
      bhttp::async_write(stream_, *continue_, [self = Self()](beast::error_code ec, std::size_t) {
        if (ec) return self->Close();
        self->ReadBody();
      });
      return;
    }
    ReadBody();
  }

  // Who the client is and whether its request is secure: the TCP peer and this
  // connection's transport, unless the peer is a trusted proxy that says otherwise.
  template <class Fields>
  void ResolveClient(const Fields& header) {
    // Repeated headers form one list, in order.
    auto joined = [&header](const char* name) {
      std::string value;
      auto range = header.equal_range(name);
      for (auto it = range.first; it != range.second; ++it) {
        value += (value.empty() ? "" : ",") + ToStd(it->value());
      }
      return value;
    };
    ForwardedClient client =
        http::ResolveClient(peer_, kTls, peer_is_trusted_proxy_, joined("X-Forwarded-For"),
                            joined("X-Forwarded-Proto"));
    remote_ = std::move(client.remote_address);
    secure_ = client.secure;
  }

  void ReadBody() {
    if (parser_->is_done()) return Dispatch();
    Lowest().expires_after(options().idle_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = Self()](beast::error_code ec, std::size_t) {
                        if (ec) return self->OnReadError(ec);
                        self->Dispatch();
                      });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      busy_ = true;
      keep_alive_ = false;
      // The header is complete (a Content-Length over the limit is refused right after it).
      ResolveClient(parser_->get());
      std::string id = ClientRequestId();
      method_ = ToStd(parser_->get().method_string());
      Status status(ErrorCode::kPayloadTooLarge, "The request body is larger than the limit of " +
                                                     std::to_string(options().max_body_bytes) +
                                                     " bytes.");
      return Write(ErrorResponse(status, id), id, /*linger=*/true);
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
        ec != bhttp::error::buffer_overflow) {
      // The bytes are not HTTP: tell the client so, then close.
      busy_ = true;
      keep_alive_ = false;
      remote_ = peer_;
      secure_ = kTls;
      std::string id = NewRequestId();
      method_ = "-";
      std::string message = ec == bhttp::error::header_limit
                                ? "The request headers are larger than the limit of " +
                                      std::to_string(options().max_header_bytes) + " bytes."
                                : "The request is not valid HTTP/1.1 (" + ec.message() + ").";
      return Write(ErrorResponse(Status::BadRequest(message), id), id, /*linger=*/true);
    }
    // End of stream, timeout, reset, a TLS alert or shutdown: nobody to answer.
    Close();
  }

  // The client's X-Request-Id when it is sane, a new one otherwise.
  std::string ClientRequestId() const {
    const auto& header = parser_->get();
    auto it = header.find("X-Request-Id");
    if (it != header.end()) {
      std::string id = ToStd(it->value());
      if (IsValidRequestId(id)) return id;
    }
    return NewRequestId();
  }

  // A request counted in lookout_http_requests_in_flight is answered (or its connection
  // is gone).
  void EndInFlight() {
    if (!in_flight_) return;
    in_flight_ = false;
    RequestEnded();
  }

  void Dispatch() {
    in_flight_ = true;
    RequestStarted();
    auto message = parser_->release();
    parser_.reset();
    keep_alive_ = message.keep_alive();
    version_ = message.version();

    Request request;
    request.method = ToStd(message.method_string());
    request.target = ToStd(message.target());
    request.remote_address = remote_;
    request.secure = secure_;
    for (const auto& field : message) {
      std::string name = ToStd(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      std::string value = ToStd(field.value());
      auto [it, inserted] = request.headers.emplace(name, value);
      if (!inserted) it->second += ", " + value;
    }
    for (const char* name : kForwardingHeaders) {
      if (request.headers.count(name) != 0) request.forwarded = true;
    }
    if (!peer_is_trusted_proxy_) {
      for (const char* name : kForwardingHeaders) request.headers.erase(name);
    }
    request.request_id = NewRequestId();
    if (const std::string* id = request.Header("x-request-id"); id && IsValidRequestId(*id)) {
      request.request_id = *id;
    }
    request.body = std::move(message.body());
    method_ = request.method;

    if (Status parsed = ParseTarget(&request); !parsed.ok()) {
      keep_alive_ = false;
      return Write(ErrorResponse(parsed, request.request_id), request.request_id,
                   /*linger=*/false);
    }

    // The handler may block on the database: run it on a worker, never on this I/O
    // thread, and come back to the connection's strand to write the answer.
    asio::post(server_->workers(), [self = Self(), request = std::move(request)] {
      Response response = self->server_->Invoke(request);
      asio::post(self->stream_.get_executor(),
                 [self, response = std::move(response), id = request.request_id]() mutable {
                   self->Write(std::move(response), id, /*linger=*/false);
                 });
    });
  }

  static Status ParseTarget(Request* request) {
    auto parsed = boost::urls::parse_origin_form(request->target);
    if (!parsed) parsed = boost::urls::parse_absolute_uri(request->target);
    if (!parsed) {
      return Status::BadRequest("The request target is not a valid path and query (" +
                                parsed.error().message() + ").");
    }
    const boost::urls::url_view& url = *parsed;
    request->path = std::string(url.path());
    if (request->path.empty()) request->path = "/";
    for (auto segment : url.segments()) request->segments.push_back(std::string(segment));
    for (auto param : url.params()) {
      request->query.emplace_back(std::string(param.key), std::string(param.value));
    }
    return Status::Ok();
  }

  void Write(Response response, const std::string& request_id, bool linger) {
    auto& res = response_.emplace();
    res.version(version_ ? version_ : 11);
    res.result(static_cast<unsigned>(response.status));
    if (!response.content_type.empty()) res.set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) {
      // HSTS over plain HTTP could pin a browser to a TLS site that does not exist.
      if (!secure_ && EqualsIgnoreCase(name, "Strict-Transport-Security")) continue;
      // Each cookie is a header of its own (RFC 6265 forbids folding them into one).
      if (EqualsIgnoreCase(name, "Set-Cookie")) {
        res.insert(name, value);
      } else {
        res.set(name, value);
      }
    }
    for (const auto& [name, value] : kDefaultHeaders) {
      if (response.Header(name) == nullptr) res.set(name, value);
    }
    if (response.Header("Content-Security-Policy") == nullptr) {
      res.set("Content-Security-Policy", StartsWithIgnoreCase(response.content_type, "text/html")
                                             ? kPageContentSecurityPolicy
                                             : kApiContentSecurityPolicy);
    }
    if (secure_ && response.Header("Strict-Transport-Security") == nullptr) {
      res.set("Strict-Transport-Security", kStrictTransportSecurity);
    }
    res.set("X-Request-Id", request_id);
    res.body() = std::move(response.body);
    bool keep = keep_alive_ && !linger && !server_->stopping();
    res.keep_alive(keep);
    res.prepare_payload();
    if (method_ == "HEAD") {
      // The headers of the GET answer, Content-Length included, without its body.
      const auto length = res.body().size();
      res.body().clear();
      res.content_length(length);
    }

    Lowest().expires_after(options().idle_timeout);
    bhttp::async_write(
        stream_, res,
        [self = Self(), keep, linger, status = response.status, id = request_id,
         route = std::move(response.route),
         user = std::move(response.user)](beast::error_code ec, std::size_t) {
          double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                self->start_)
                          .count();
          self->server_->LogRequest(id, self->method_, user, route, status, ms, self->remote_);
          RecordRequest(self->method_, route, status, ms / 1000);
          self->EndInFlight();
          self->response_.reset();
          if (ec) return self->Close();
          if (linger) return self->Linger();
          if (!keep) return self->Finish();
          self->ReadHeader();
        });
  }

  // After refusing a request whose body we did not read, keep reading (and discarding)
  // for a short while before closing: closing a socket with unread data resets the
  // connection, and the client could lose the answer before it reads it. Over TLS the
  // discarded bytes are read below the TLS layer: they are never decrypted.
  void Linger() {
    beast::error_code ec;
    Lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
    linger_deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    buffer_.consume(buffer_.size());
    Drain();
  }

  void Drain() {
    auto now = std::chrono::steady_clock::now();
    if (now >= linger_deadline_ || server_->stopping()) return Close();
    Lowest().expires_after(linger_deadline_ - now);
    Lowest().async_read_some(asio::buffer(drain_),
                             [self = Self()](beast::error_code ec, std::size_t) {
                               if (ec) return self->Close();
                               self->Drain();
                             });
  }

  // Ends a connection after its last answer: over TLS with a close_notify alert first,
  // so that the client can tell the end of the stream from a cut.
  void Finish() {
    if constexpr (kTls) {
      Lowest().expires_after(std::chrono::seconds(2));
      stream_.async_shutdown([self = Self()](beast::error_code) { self->Close(); });
    } else {
      Close();
    }
  }

  void Close() {
    busy_ = false;
    beast::error_code ec;
    Lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
    Lowest().close();
  }

  Stream stream_;
  Server::Impl* server_;
  std::string peer_;  // the TCP peer's address
  bool peer_is_trusted_proxy_ = false;
  std::string remote_;  // the client of the current request
  bool secure_ = kTls;  // whether the current request is secure
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::empty_body>> continue_;
  std::optional<bhttp::response<bhttp::string_body>> response_;
  bool busy_ = false;  // a request is being read, handled or answered
  bool in_flight_ = false;  // counted in lookout_http_requests_in_flight
  bool keep_alive_ = false;
  unsigned version_ = 11;
  std::string method_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point linger_deadline_;
  std::array<char, 16 * 1024> drain_;
};

void Server::Impl::Register(SessionBase* s, std::weak_ptr<SessionBase> w) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.emplace(s, std::move(w));
}

void Server::Impl::Unregister(SessionBase* s) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(s);
  if (sessions_.empty()) cv_.notify_all();
}

Response Server::Impl::Invoke(const Request& request) {
  // A handler that throws is a bug; the connection and the server carry on.
  try {
    Response response = handler_(request);
    if (response.status >= 500) {
      if (!response.log_detail.empty()) {
        LogError(request.request_id, "error answered as " + std::to_string(response.status) +
                                         ": " + RedactQuoted(response.log_detail));
      }
      HideInternalDetail(request, response);
    }
    return response;
  } catch (const std::exception& e) {
    // Cut short: an exception's text may quote the input that caused it.
    std::string what = e.what();
    if (what.size() > 200) what = what.substr(0, 200) + "...";
    LogError(request.request_id, "unhandled exception: " + what);
  } catch (...) {
    LogError(request.request_id, "unhandled exception of unknown type");
  }
  return ErrorResponse(Status::Internal(std::string(ErrorCodeMessage(ErrorCode::kInternal)) +
                                        " Quote the request id when reporting it."),
                       request.request_id);
}

// A 5xx message is for the operator, not the client: it may name a table, quote SQL or a
// file path. The client gets the error table's message and the request id to quote; the
// log gets the detail under that id.
void Server::Impl::HideInternalDetail(const Request& request, Response& response) {
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return;
  const ErrorCode code = response.status == ErrorCodeHttpStatus(ErrorCode::kUnavailable)
                             ? ErrorCode::kUnavailable
                             : ErrorCode::kInternal;
  const std::string generic =
      std::string(ErrorCodeMessage(code)) + " Quote the request id when reporting it.";
  const nlohmann::json& error = body["error"];
  std::string detail = error.contains("message") && error["message"].is_string()
                           ? error["message"].get<std::string>()
                           : std::string();
  const bool has_fields =
      error.contains("fields") && error["fields"].is_array() && !error["fields"].empty();
  if (detail == generic && !has_fields) return;
  if (!detail.empty() && detail != generic) {
    LogError(request.request_id, std::string(ErrorCodeName(code)) + " error answered as " +
                                     std::to_string(response.status) + ": " + RedactQuoted(detail));
  }
  response.body = ErrorJson(Status(code, generic), request.request_id);
  response.content_type = "application/json";
}

void Server::Impl::LogRequest(const std::string& request_id, const std::string& method,
                              const std::string& user, const std::string& route, int status,
                              double duration_ms, const std::string& remote) {
  options_.log(RequestLogLine({.request_id = request_id,
                               .method = method,
                               .route = route,
                               .status = status,
                               .duration_ms = duration_ms,
                               .remote = remote,
                               .user = user},
                              NowForLog()));
}

void Server::Impl::LogError(const std::string& request_id, const std::string& message) {
  options_.log(ErrorLogLine(request_id, message, NowForLog()));
}

Status Server::Impl::Bind() {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(options_.bind_address, ec);
  if (ec) {
    return Status::BadRequest("The bind address '" + options_.bind_address +
                              "' is not an IP address.");
  }
  tcp::endpoint endpoint(address, options_.port);
  std::string where = options_.bind_address + ":" + std::to_string(options_.port);
  auto fail = [&](const char* step) {
    return Status(ErrorCode::kUnavailable,
                  "Cannot " + std::string(step) + " " + where + ": " + ec.message() + ".");
  };
  if (acceptor_.open(endpoint.protocol(), ec)) return fail("open a socket for");
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec)) return fail("configure");
  if (acceptor_.bind(endpoint, ec)) return fail("listen on");
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec)) return fail("listen on");
  port_ = acceptor_.local_endpoint(ec).port();
  return Status::Ok();
}

Status Server::Impl::Start() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ != State::kCreated) return Status::BadRequest("The server was started already.");
    state_ = State::kRunning;
  }
  work_.emplace(ioc_.get_executor());
  asio::dispatch(acceptor_.get_executor(), [this] { DoAccept(); });
  for (int i = 0; i < options_.io_threads; ++i) {
    io_threads_.emplace_back([this] { ioc_.run(); });
  }
  return Status::Ok();
}

void Server::Impl::DoAccept() {
  acceptor_.async_accept(asio::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // Out of descriptors and the like: log it and keep accepting.
      LogError("-", "accept failed: " + ec.message());
    } else {
      if (tls_) {
        std::make_shared<Session<true>>(std::move(socket), *tls_, this)->Run();
      } else {
        std::make_shared<Session<false>>(std::move(socket), this)->Run();
      }
    }
    DoAccept();
  });
}

void Server::Impl::Stop() {
  std::unique_lock<std::mutex> lock(mu_);
  if (state_ == State::kCreated) {
    state_ = State::kStopped;
    cv_.notify_all();
    return;
  }
  if (state_ != State::kRunning) {
    cv_.wait(lock, [this] { return state_ == State::kStopped; });
    return;
  }
  state_ = State::kStopping;
  stopping_ = true;
  asio::post(acceptor_.get_executor(), [this] {
    beast::error_code ec;
    acceptor_.close(ec);
  });
  std::vector<std::shared_ptr<SessionBase>> live;
  for (auto& [raw, weak] : sessions_) {
    if (auto s = weak.lock()) live.push_back(std::move(s));
  }
  // A session may be destroyed when its last reference goes, and its destructor takes
  // mu_: hand the references over without holding it.
  lock.unlock();
  for (auto& s : live) asio::post(s->GetExecutor(), [s] { s->OnServerStop(); });
  live.clear();
  lock.lock();
  cv_.wait_for(lock, options_.shutdown_grace, [this] { return sessions_.empty(); });
  lock.unlock();

  // Whatever is still open after the grace period is cut off.
  work_.reset();
  ioc_.stop();
  for (std::thread& t : io_threads_) t.join();
  io_threads_.clear();
  workers_.join();

  lock.lock();
  state_ = State::kStopped;
  cv_.notify_all();
}

void Server::Impl::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return state_ == State::kStopped; });
}

// ---- Server ------------------------------------------------------------------------------

Result<std::unique_ptr<Server>> Server::Create(Options options, Handler handler) {
  std::vector<FieldError> errors;
  if (options.io_threads < 1) errors.push_back({"io_threads", "must be at least 1"});
  if (options.worker_threads < 1) errors.push_back({"worker_threads", "must be at least 1"});
  if (options.max_body_bytes < 1) errors.push_back({"max_body_bytes", "must be at least 1"});
  if (options.max_header_bytes < 1024) {
    errors.push_back({"max_header_bytes", "must be at least 1024"});
  }
  if (options.idle_timeout.count() <= 0) errors.push_back({"idle_timeout", "must be positive"});
  if (!handler) errors.push_back({"handler", "is required"});
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    errors.push_back(
        {options.tls_cert_file.empty() ? "tls_cert_file" : "tls_key_file",
         "is required with " +
             std::string(options.tls_cert_file.empty() ? "tls_key_file" : "tls_cert_file")});
  }
  std::vector<std::string> trusted = TrustedProxyAddresses(options.trusted_proxies, &errors);
  if (!errors.empty()) {
    return Status(ErrorCode::kBadRequest, "The server options are not valid.", std::move(errors));
  }
  std::unique_ptr<asio::ssl::context> tls;
  if (!options.tls_cert_file.empty()) {
    LOOKOUT_ASSIGN_OR_RETURN(tls, LoadTlsContext(options.tls_cert_file, options.tls_key_file));
  }
  auto impl = std::make_unique<Impl>(std::move(options), std::move(handler));
  impl->Configure(std::move(trusted), std::move(tls));
  LOOKOUT_RETURN_IF_ERROR(impl->Bind());
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { impl_->Stop(); }
Status Server::Start() { return impl_->Start(); }
int Server::port() const { return impl_->port(); }
bool Server::tls() const { return impl_->tls(); }
void Server::Stop() { impl_->Stop(); }
void Server::Wait() { impl_->Wait(); }

}  // namespace lookout::http
