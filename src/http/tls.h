// The server's TLS set-up: the certificate chain and private key loaded into a TLS
// context, with the protocol versions and cipher suites server.h promises. Asio's context
// is only declared here, so this header stays light; server.cc and tls.cc define it.
#ifndef LOOKOUT_HTTP_TLS_H_
#define LOOKOUT_HTTP_TLS_H_

#include <memory>
#include <string>

#include "core/status.h"

namespace boost::asio::ssl {
class context;
}  // namespace boost::asio::ssl

namespace lookout::http {

// A server TLS context holding the certificate chain of the PEM file `cert_file` (the
// server's certificate first, then any intermediates) and the unencrypted private key of
// `key_file`: TLS 1.2 or 1.3, forward-secret AEAD cipher suites only, no compression, no
// renegotiation. Never prompts for a passphrase: an encrypted key is an error, as a server
// must start unattended. kBadRequest with a message naming the file and what is wrong
// with it for an unreadable certificate or key, a key that is encrypted or does not
// belong to the certificate; kInternal when OpenSSL refuses the settings.
Result<std::unique_ptr<boost::asio::ssl::context>> LoadTlsContext(const std::string& cert_file,
                                                                  const std::string& key_file);

}  // namespace lookout::http

#endif  // LOOKOUT_HTTP_TLS_H_
