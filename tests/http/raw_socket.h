// A plain TCP client for tests that must send bytes an HTTP library will not (malformed
// requests, several requests on one connection, a body the server should refuse).
#ifndef LOOKOUT_TESTS_HTTP_RAW_SOCKET_H_
#define LOOKOUT_TESTS_HTTP_RAW_SOCKET_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

namespace lookout::http::testing {

class RawSocket {
 public:
  explicit RawSocket(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawSocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  bool connected() const { return connected_; }

  // Sends everything; false when the peer has closed.
  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads until `done(received)` holds, the peer closes, or nothing arrives for
  // `quiet_ms` (a safety net so a broken server fails the test instead of hanging it).
  template <typename Done>
  std::string ReadUntil(Done done, int quiet_ms = 10000) {
    std::string out;
    char buf[4096];
    while (!done(out)) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, quiet_ms) <= 0) break;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  // Reads until the peer closes the connection.
  std::string ReadAll(int quiet_ms = 10000) {
    return ReadUntil([](const std::string&) { return false; }, quiet_ms);
  }

  // Reads one response whose body has a Content-Length.
  std::string ReadResponse(int quiet_ms = 10000) {
    return ReadUntil(
        [](const std::string& s) {
          size_t end = s.find("\r\n\r\n");
          if (end == std::string::npos) return false;
          size_t cl = s.find("Content-Length: ");
          if (cl == std::string::npos || cl > end) return true;
          size_t len = std::stoul(s.substr(cl + 16));
          return s.size() >= end + 4 + len;
        },
        quiet_ms);
  }

  // Whether the peer closed the connection during the last read.
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

}  // namespace lookout::http::testing

#endif  // LOOKOUT_TESTS_HTTP_RAW_SOCKET_H_
