#include "http/tls.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/ssl/context.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace lookout::http {

namespace {

namespace asio = boost::asio;

// What OpenSSL said about the last failure, emptying its (per-thread) error queue.
std::string OpenSslErrors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    const char* reason = ERR_reason_error_string(e);
    std::string text = reason != nullptr ? reason : "error " + std::to_string(e);
    if (out.find(text) == std::string::npos) out += (out.empty() ? "" : "; ") + text;
  }
  return out.empty() ? "no detail" : out;
}

// Mozilla's "intermediate" TLS 1.2 list: ECDHE key exchange (forward secrecy) with AEAD
// ciphers only, all strong enough that the client may pick (ChaCha20 on phones without
// AES instructions). TLS 1.3 suites are all AEAD; named so the list cannot drift.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char* kTls13Suites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

Status TlsFileError(const std::string& what, const std::string& path, const std::string& why) {
  return Status(ErrorCode::kBadRequest, "The TLS " + what + " file '" + path + "' " + why);
}

}  // namespace

Result<std::unique_ptr<asio::ssl::context>> LoadTlsContext(const std::string& cert_path,
                                                           const std::string& key_path) {
  ERR_clear_error();
  auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  SSL_CTX* ctx = context->native_handle();
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1 ||
      SSL_CTX_set_ciphersuites(ctx, kTls13Suites) != 1) {
    return Status::Internal("Cannot set up TLS: " + OpenSslErrors() + ".");
  }
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  // Idle keep-alive connections then hold no TLS buffers.
  SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);

  // Opening the files first gives the plain reason ("No such file or directory",
  // "Permission denied") rather than OpenSSL's.
  for (const auto& [what, path] : {std::pair{"certificate", &cert_path}, {"key", &key_path}}) {
    std::FILE* f = std::fopen(path->c_str(), "r");
    if (f == nullptr) {
      return TlsFileError(what, *path,
                          std::string("cannot be read: ") + std::strerror(errno) + ".");
    }
    std::fclose(f);
  }
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_path.c_str()) != 1) {
    return TlsFileError("certificate", cert_path,
                        "holds no PEM certificate (" + OpenSslErrors() + ").");
  }

  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(nullptr, EVP_PKEY_free);
  bool asked_for_passphrase = false;
  {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(key_path.c_str(), "r"), BIO_free);
    if (!bio) return TlsFileError("key", key_path, "cannot be read (" + OpenSslErrors() + ").");
    auto no_passphrase = [](char*, int, int, void* asked) {
      *static_cast<bool*>(asked) = true;
      return 0;
    };
    key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, &asked_for_passphrase));
  }
  if (!key) {
    if (asked_for_passphrase) {
      ERR_clear_error();
      return TlsFileError("key", key_path,
                          "is encrypted with a passphrase: Lookout must start unattended, so "
                          "give it the key unencrypted, readable by Lookout's user only.");
    }
    return TlsFileError("key", key_path, "holds no PEM private key (" + OpenSslErrors() + ").");
  }
  X509* cert = SSL_CTX_get0_certificate(ctx);
  if (cert == nullptr || X509_check_private_key(cert, key.get()) != 1) {
    ERR_clear_error();
    return Status(ErrorCode::kBadRequest, "The TLS key in '" + key_path +
                                              "' does not belong to the certificate in '" +
                                              cert_path + "'.");
  }
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    return TlsFileError("key", key_path, "cannot be used (" + OpenSslErrors() + ").");
  }
  ERR_clear_error();
  return context;
}

}  // namespace lookout::http
