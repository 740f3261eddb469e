// Who the client of a request is when a reverse proxy stands between it and Lookout: the
// TCP peer's address in one spelling, and what a trusted proxy says in X-Forwarded-For
// and X-Forwarded-Proto (server.h describes the rules). Pure functions over text, so the
// server's transport is the only part that sees sockets.
#ifndef LOOKOUT_HTTP_FORWARDED_H_
#define LOOKOUT_HTTP_FORWARDED_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace lookout::http {

// Headers through which a reverse proxy describes the client, in lower case. Believed from
// a trusted proxy only; removed from the request of any other peer.
inline constexpr const char* kForwardingHeaders[] = {"x-forwarded-for", "x-forwarded-proto",
                                                     "x-forwarded-host", "x-real-ip", "forwarded"};

// `address` (an IPv4 or IPv6 address, without a port) in the spelling Lookout uses
// everywhere: an IPv4 client arriving on an IPv6 socket shows as ::ffff:a.b.c.d and is
// named a.b.c.d, so that logs, audit entries and the trusted proxy list all see one
// spelling. nullopt when `address` is not an IP address.
std::optional<std::string> NormalisedAddress(std::string_view address);

// The part of a comma-separated header value after its last comma, without the spaces
// and tabs around it.
std::string_view LastListItem(std::string_view value);

// An X-Forwarded-For item as a normalised address: "203.0.113.7", "2001:db8::1", and the
// forms with a port some proxies write, "203.0.113.7:4711" and "[2001:db8::1]:4711".
// nullopt when it is none of these.
std::optional<std::string> ForwardedAddress(std::string_view item);

// The client of one request.
struct ForwardedClient {
  std::string remote_address;
  bool secure = false;
};

// Who the client is and whether its request is secure: the TCP peer `peer` (normalised)
// and its transport, unless the peer is a trusted proxy. A trusted proxy's LAST
// X-Forwarded-For address is the client (the proxy appended it; the earlier ones came
// from the client and prove nothing), and its last X-Forwarded-Proto says whether the
// request is secure ("https" in any case). `forwarded_for` and `forwarded_proto` are the
// headers' values, repeated headers joined with commas; "" when absent. A garbled
// X-Forwarded-For leaves the peer as the client.
ForwardedClient ResolveClient(const std::string& peer, bool peer_secure, bool peer_is_trusted,
                              std::string_view forwarded_for, std::string_view forwarded_proto);

// The trusted proxy list of the server options, normalised. Each item may have spaces
// around it ("127.0.0.1, ::1" split at its comma leaves one); one that is not an IP
// address adds a "trusted_proxies" error to `errors` and is left out.
std::vector<std::string> TrustedProxyAddresses(const std::vector<std::string>& listed,
                                               std::vector<FieldError>* errors);

}  // namespace lookout::http

#endif  // LOOKOUT_HTTP_FORWARDED_H_
