// The server over TLS: a throwaway self-signed certificate made in the test, an HTTPS
// client that verifies it, the protocol floor, and the start-up errors for certificate and
// key files that are missing, malformed, encrypted or mismatched.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/raw_socket.h"
#include "http/server.h"
#include "test_logs.h"

namespace lookout::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// ---- a throwaway certificate authority of one ------------------------------------------

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

KeyPtr NewKey() { return KeyPtr(EVP_EC_gen("P-256"), EVP_PKEY_free); }

// A self-signed certificate for 127.0.0.1 and localhost, valid from an hour ago for a day.
CertPtr SelfSigned(EVP_PKEY* key) {
  CertPtr cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  X509_EXTENSION* san =
      X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
  X509_add_ext(cert.get(), san, -1);
  X509_EXTENSION_free(san);
  X509_sign(cert.get(), key, EVP_sha256());
  return cert;
}

std::string WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string KeyPem(EVP_PKEY* key, const char* passphrase = nullptr) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (passphrase == nullptr) {
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  } else {
    PEM_write_bio_PKCS8PrivateKey(bio.get(), key, EVP_aes_256_cbc(), passphrase,
                                  static_cast<int>(strlen(passphrase)), nullptr, nullptr);
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string CertPem(X509* cert) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

// The certificate and key files of one test, removed afterwards.
class TlsFiles {
 public:
  TlsFiles() : key_(NewKey()), other_key_(NewKey()), cert_(SelfSigned(key_.get())) {
    static std::atomic<int> counter{0};
    dir_ = ::testing::TempDir() + "lookout_tls_" + std::to_string(::getpid()) + "_" +
           std::to_string(counter++) + "_";
    cert = Add("cert.pem", CertPem(cert_.get()));
    key = Add("key.pem", KeyPem(key_.get()));
    other_key = Add("other_key.pem", KeyPem(other_key_.get()));
    encrypted_key = Add("encrypted_key.pem", KeyPem(key_.get(), "correct horse battery"));
    not_pem = Add("not_pem.pem", "this is not a certificate\n");
  }
  ~TlsFiles() {
    for (const std::string& f : files_) std::remove(f.c_str());
  }

  std::string cert, key, other_key, encrypted_key, not_pem;
  std::string Missing() const { return dir_ + "missing.pem"; }

 private:
  std::string Add(const std::string& name, const std::string& text) {
    files_.push_back(WriteFile(dir_ + name, text));
    return files_.back();
  }
  KeyPtr key_, other_key_;
  CertPtr cert_;
  std::string dir_;
  std::vector<std::string> files_;
};

// ---- a raw TLS client, for what an HTTP library will not do ----------------------------

// The outcome of one handshake with the server.
struct Handshake {
  bool ok = false;
  std::string version;  // "TLSv1.2"
  std::string cipher;   // "ECDHE-ECDSA-AES128-GCM-SHA256"
};

// Connects to 127.0.0.1:port and shakes hands allowing only [min_version, max_version].
// The client's own security level is lowered to 0 so that it really offers old
// protocols: the refusal must come from the server.
Handshake TryHandshake(int port, int min_version, int max_version, const char* ciphers = nullptr) {
  Handshake out;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        SSL_CTX_free);
  SSL_CTX_set_security_level(ctx.get(), 0);
  SSL_CTX_set_min_proto_version(ctx.get(), min_version);
  SSL_CTX_set_max_proto_version(ctx.get(), max_version);
  if (ciphers != nullptr) SSL_CTX_set_cipher_list(ctx.get(), ciphers);
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return out;
  }
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  SSL* ssl = SSL_new(ctx.get());
  SSL_set_fd(ssl, fd);
  out.ok = SSL_connect(ssl) == 1;
  if (out.ok) {
    out.version = SSL_get_version(ssl);
    out.cipher = SSL_get_cipher_name(ssl);
    SSL_shutdown(ssl);
  }
  SSL_free(ssl);
  ::close(fd);
  ERR_clear_error();
  return out;
}

// ---- the tests --------------------------------------------------------------------------

Response Echo(const Request& r) {
  nlohmann::json j;
  j["secure"] = r.secure;
  j["remote"] = r.remote_address;
  j["body_size"] = r.body.size();
  Response out;
  out.body = j.dump();
  return out;
}

class TlsServerTest : public ::testing::Test {
 protected:
  void Start(Server::Options options = {}) {
    options.tls_cert_file = files_.cert;
    options.tls_key_file = files_.key;
    options.log = [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mu_);
      testlogs::KeepLogLine(line);
      log_.emplace_back(line);
    };
    auto server = Server::Create(std::move(options), Echo);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  // An HTTPS client that trusts the test's certificate, and nothing else.
  std::unique_ptr<httplib::SSLClient> Client() {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", server_->port());
    c->set_ca_cert_path(files_.cert);
    c->enable_server_certificate_verification(true);
    c->set_tcp_nodelay(true);
    c->set_read_timeout(10, 0);
    return c;
  }

  TlsFiles files_;
  std::unique_ptr<Server> server_;
  std::mutex log_mu_;
  std::vector<std::string> log_;
};

TEST_F(TlsServerTest, ServesHttpsWithTheCertificateAndMarksRequestsSecure) {
  Start();
  EXPECT_TRUE(server_->tls());
  auto c = Client();
  auto res = c->Get("/anything");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["secure"], true);
  EXPECT_EQ(j["remote"], "127.0.0.1");
}

TEST_F(TlsServerTest, SendsStrictTransportSecurityOverTls) {
  Start();
  auto res = Client()->Get("/anything");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->get_header_value("Strict-Transport-Security"),
            "max-age=31536000; includeSubDomains");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(TlsServerTest, KeepsATlsConnectionAliveAcrossRequests) {
  Start();
  auto c = Client();
  c->set_keep_alive(true);
  for (int i = 0; i < 5; ++i) {
    auto res = c->Post("/echo", std::string(1000 * (i + 1), 'x'), "text/plain");
    ASSERT_TRUE(res) << i << ": " << httplib::to_string(res.error());
    EXPECT_EQ(nlohmann::json::parse(res->body)["body_size"], 1000 * (i + 1));
  }
}

TEST_F(TlsServerTest, AnswersATooLargeBodyWith413OverTls) {
  Server::Options options;
  options.max_body_bytes = 1024;
  Start(options);
  auto res = Client()->Post("/echo", std::string(4096, 'x'), "text/plain");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(res->get_header_value("Strict-Transport-Security"),
            "max-age=31536000; includeSubDomains");
}

TEST_F(TlsServerTest, AnUntrustedCertificateIsRefusedByAVerifyingClient) {
  // The client check is real: a client that trusts another certificate refuses ours.
  Start();
  TlsFiles others;
  httplib::SSLClient c("127.0.0.1", server_->port());
  c.set_ca_cert_path(others.cert);
  c.enable_server_certificate_verification(true);
  c.set_read_timeout(10, 0);
  auto res = c.Get("/anything");
  EXPECT_FALSE(res);
}

TEST_F(TlsServerTest, ClosesAPlainHttpRequestUnanswered) {
  Start();
  testing::RawSocket s(server_->port());
  ASSERT_TRUE(s.connected());
  ASSERT_TRUE(s.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string reply = s.ReadAll();
  EXPECT_THAT(reply, Not(HasSubstr("HTTP/1.1")));
  EXPECT_TRUE(s.closed());
}

TEST_F(TlsServerTest, RefusesTls11AndOlder) {
  Start();
  EXPECT_FALSE(TryHandshake(server_->port(), TLS1_VERSION, TLS1_1_VERSION).ok);
  EXPECT_FALSE(TryHandshake(server_->port(), TLS1_VERSION, TLS1_VERSION).ok);
}

TEST_F(TlsServerTest, AcceptsTls12WithAForwardSecretAeadCipherAndTls13) {
  Start();
  Handshake v12 = TryHandshake(server_->port(), TLS1_2_VERSION, TLS1_2_VERSION);
  ASSERT_TRUE(v12.ok);
  EXPECT_EQ(v12.version, "TLSv1.2");
  EXPECT_THAT(v12.cipher, ::testing::StartsWith("ECDHE-"));
  EXPECT_THAT(v12.cipher, ::testing::AnyOf(HasSubstr("GCM"), HasSubstr("CHACHA20")));
  Handshake v13 = TryHandshake(server_->port(), TLS1_2_VERSION, TLS1_3_VERSION);
  ASSERT_TRUE(v13.ok);
  EXPECT_EQ(v13.version, "TLSv1.3");
}

TEST_F(TlsServerTest, RefusesWeakTls12Ciphers) {
  Start();
  // Static RSA key exchange (no forward secrecy) and CBC modes are not on the list.
  EXPECT_FALSE(
      TryHandshake(server_->port(), TLS1_2_VERSION, TLS1_2_VERSION, "AES128-SHA:AES256-SHA256").ok);
  EXPECT_FALSE(TryHandshake(server_->port(), TLS1_2_VERSION, TLS1_2_VERSION,
                            "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384")
                   .ok);
}

TEST_F(TlsServerTest, ATrustedProxyOverTlsStillSaysWhetherTheClientUsedHttps) {
  Server::Options options;
  options.trusted_proxies = {"127.0.0.1"};
  Start(options);
  auto c = Client();
  auto res = c->Get("/x", {{"X-Forwarded-For", "198.51.100.4"}});
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["secure"], true);  // no X-Forwarded-Proto: the proxy's own connection counts
  EXPECT_EQ(j["remote"], "198.51.100.4");
  res = c->Get("/x", {{"X-Forwarded-Proto", "http"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(nlohmann::json::parse(res->body)["secure"], false);
  EXPECT_EQ(res->get_header_value("Strict-Transport-Security"), "");
}

// ---- start-up errors -----------------------------------------------------------------

Status CreateWith(const std::string& cert, const std::string& key) {
  Server::Options options;
  options.tls_cert_file = cert;
  options.tls_key_file = key;
  options.log = [](std::string_view) {};
  auto server = Server::Create(std::move(options), Echo);
  return server.ok() ? Status::Ok() : server.status();
}

TEST(TlsStartup, NamesAMissingCertificateFile) {
  TlsFiles files;
  Status s = CreateWith(files.Missing(), files.key);
  EXPECT_EQ(s.code(), ErrorCode::kBadRequest);
  EXPECT_THAT(s.message(), HasSubstr("certificate file '" + files.Missing() + "'"));
  EXPECT_THAT(s.message(), HasSubstr("No such file or directory"));
}

TEST(TlsStartup, NamesAMissingKeyFile) {
  TlsFiles files;
  Status s = CreateWith(files.cert, files.Missing());
  EXPECT_EQ(s.code(), ErrorCode::kBadRequest);
  EXPECT_THAT(s.message(), HasSubstr("key file '" + files.Missing() + "'"));
}

TEST(TlsStartup, RefusesACertificateFileWithoutACertificate) {
  TlsFiles files;
  Status s = CreateWith(files.not_pem, files.key);
  EXPECT_EQ(s.code(), ErrorCode::kBadRequest);
  EXPECT_THAT(s.message(), HasSubstr("'" + files.not_pem + "' holds no PEM certificate"));
}

TEST(TlsStartup, RefusesAKeyFileWithoutAKey) {
  TlsFiles files;
  Status s = CreateWith(files.cert, files.not_pem);
  EXPECT_EQ(s.code(), ErrorCode::kBadRequest);
  EXPECT_THAT(s.message(), HasSubstr("'" + files.not_pem + "' holds no PEM private key"));
}

TEST(TlsStartup, RefusesAKeyThatDoesNotBelongToTheCertificate) {
  TlsFiles files;
  Status s = CreateWith(files.cert, files.other_key);
  EXPECT_EQ(s.code(), ErrorCode::kBadRequest);
  EXPECT_EQ(s.message(), "The TLS key in '" + files.other_key +
                             "' does not belong to the certificate in '" + files.cert + "'.");
}

TEST(TlsStartup, RefusesAnEncryptedKeyWithoutPrompting) {
  TlsFiles files;
  Status s = CreateWith(files.cert, files.encrypted_key);
  EXPECT_EQ(s.code(), ErrorCode::kBadRequest);
  EXPECT_THAT(s.message(), HasSubstr("is encrypted with a passphrase"));
}

TEST(TlsStartup, NeedsBothCertificateAndKey) {
  TlsFiles files;
  Status s = CreateWith(files.cert, "");
  EXPECT_EQ(s.code(), ErrorCode::kBadRequest);
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "tls_key_file");
  s = CreateWith("", files.key);
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "tls_cert_file");
}

TEST(TlsStartup, AcceptsAMatchingPair) {
  TlsFiles files;
  EXPECT_TRUE(CreateWith(files.cert, files.key).ok());
}

}  // namespace
}  // namespace lookout::http
