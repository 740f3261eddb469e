// Passwords and secret tokens: the password policy, argon2id hashing, random tokens and
// their stored hashes, and comparing secrets in constant time. All of it on libsodium;
// every function is thread-safe and initialises libsodium itself on first use.
#ifndef LOOKOUT_APP_ACCOUNTS_PASSWORDS_H_
#define LOOKOUT_APP_ACCOUNTS_PASSWORDS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace lookout::app {

// The policy's bounds.
inline constexpr size_t kMinPasswordCodePoints = 12;
inline constexpr size_t kMaxPasswordBytes = 1024;

// Cost of one argon2id hash. The defaults (2 passes over 19 MiB, the minimum OWASP
// recommends for argon2id) take about 26 ms on a small server, so a sign-in stays quick
// while each guess costs an attacker the same; tests lower them.
struct PasswordHashParams {
  uint64_t ops_limit = 2;
  size_t mem_limit = size_t{19} * 1024 * 1024;
};

// The lowest cost libsodium accepts: for tests only, where hashing speed matters more
// than resistance to guessing.
PasswordHashParams MinimalHashParamsForTests();

// Checks a new password. kValidation with one FieldError on `field` naming every rule it
// breaks: at least kMinPasswordCodePoints characters (code points, so accented letters
// count once), at most kMaxPasswordBytes bytes, valid UTF-8 without control characters,
// not one of the most common passwords (also with digits or symbols added around it, or
// a run of one character, or a keyboard or alphabet sequence), and containing neither the
// local part of `email` (when it has 3 characters or more) nor the word "lookout".
Status CheckPasswordPolicy(std::string_view password, std::string_view email,
                           const std::string& field = "password");

// Whether `password` (compared in lower case) is on the list of the most common passwords.
bool IsCommonPassword(std::string_view password);

// An argon2id hash in libsodium's self-describing string form ("$argon2id$v=19$m=...").
// kInternal only when memory for the hash cannot be had.
Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params);
// Whether `password` matches `hash`. False for a malformed hash.
bool VerifyPassword(const std::string& hash, std::string_view password);
// Whether `hash` was made with other parameters than `params` (so it should be redone
// at the next successful sign-in).
bool PasswordNeedsRehash(const std::string& hash, const PasswordHashParams& params);

// 32 random bytes as URL-safe base64 without padding: 43 characters of [A-Za-z0-9_-].
std::string RandomToken();
// Whether `text` has the shape RandomToken() gives (so a lookup is worth making).
bool LooksLikeRandomToken(std::string_view text);
// The hash a token is stored and looked up by: BLAKE2b-256 in lower-case hex (64
// characters). Tokens carry 256 random bits, so a fast unkeyed hash is enough: a stolen
// table of hashes gives no usable token.
std::string TokenHash(std::string_view token);
// The same hash for an email address compared in lower case, so that attempts on an
// account can be counted without keeping the address tried.
std::string EmailHash(std::string_view email);

// A password of `length` random characters from an alphabet without look-alikes (no 0/O,
// 1/l/I), with at least one digit, one upper-case and one lower-case letter.
std::string OneTimePassword(size_t length = 20);

// Compares two secrets in time that depends on their lengths only.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace lookout::app

#endif  // LOOKOUT_APP_ACCOUNTS_PASSWORDS_H_
