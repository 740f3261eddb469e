// SHA-256 for the audit trail's hash chain, computed by libsodium.
#ifndef LOOKOUT_STORE_SQL_SHA256_H_
#define LOOKOUT_STORE_SQL_SHA256_H_

#include <string>
#include <string_view>

namespace lookout::store::sql {

// The digest of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace lookout::store::sql

#endif  // LOOKOUT_STORE_SQL_SHA256_H_
