#include "http/forwarded.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>

#include "http/server.h"  // EqualsIgnoreCase

namespace lookout::http {

namespace {

namespace asio = boost::asio;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> NormalisedAddress(std::string_view text) {
  boost::system::error_code ec;
  asio::ip::address address = asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

std::string_view LastListItem(std::string_view value) {
  size_t comma = value.rfind(',');
  return Trim(comma == std::string_view::npos ? value : value.substr(comma + 1));
}

std::optional<std::string> ForwardedAddress(std::string_view item) {
  if (item.empty()) return std::nullopt;
  if (item.front() == '[') {
    size_t close = item.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    item = item.substr(1, close - 1);
  } else if (std::count(item.begin(), item.end(), ':') == 1) {
    item = item.substr(0, item.find(':'));
  }
  return NormalisedAddress(item);
}

ForwardedClient ResolveClient(const std::string& peer, bool peer_secure, bool peer_is_trusted,
                              std::string_view forwarded_for, std::string_view forwarded_proto) {
  ForwardedClient client{peer, peer_secure};
  if (!peer_is_trusted) return client;
  if (auto address = ForwardedAddress(LastListItem(forwarded_for))) {
    client.remote_address = std::move(*address);
  }
  if (!forwarded_proto.empty()) {
    client.secure = EqualsIgnoreCase(LastListItem(forwarded_proto), "https");
  }
  return client;
}

std::vector<std::string> TrustedProxyAddresses(const std::vector<std::string>& listed,
                                               std::vector<FieldError>* errors) {
  std::vector<std::string> trusted;
  for (const std::string& item : listed) {
    const std::string proxy(Trim(item));
    if (auto address = NormalisedAddress(proxy)) {
      trusted.push_back(std::move(*address));
    } else {
      errors->push_back({"trusted_proxies", "'" + proxy + "' is not an IP address"});
    }
  }
  return trusted;
}

}  // namespace lookout::http
