#include "store/sql/sha256.h"

#include <sodium.h>

namespace lookout::store::sql {

std::string Sha256Hex(std::string_view data) {
  static const bool initialised = sodium_init() >= 0;  // idempotent and thread-safe
  (void)initialised;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

}  // namespace lookout::store::sql
