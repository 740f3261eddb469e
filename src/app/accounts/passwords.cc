#include "app/accounts/passwords.h"
#include "core/text.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace lookout::app {

namespace {

void EnsureSodium() {
  // sodium_init() is idempotent and thread-safe; it fails only when the system cannot
  // give random numbers, which no part of Lookout could work without.
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium could not be initialised");
}

// Counts code points; false for text that is not UTF-8 or holds control characters.
bool CountCodePoints(std::string_view text, size_t& count) {
  count = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      length = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values beyond Unicode are not UTF-8.
    static constexpr uint32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kLeast[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return false;
    ++count;
    i += length;
  }
  return true;
}

// The password without digits and symbols around it, and with the usual letter
// substitutions undone: "P@ssw0rd!2024" -> "password".
std::string CoreWord(const std::string& lower) {
  size_t begin = 0;
  size_t end = lower.size();
  auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  while (begin < end && !is_letter(lower[begin])) ++begin;
  while (end > begin && !is_letter(lower[end - 1])) --end;
  std::string core = lower.substr(begin, end - begin);
  for (char& c : core) {
    switch (c) {
      case '@': c = 'a'; break;
      case '4': c = 'a'; break;
      case '0': c = 'o'; break;
      case '1': c = 'i'; break;
      case '!': c = 'i'; break;
      case '3': c = 'e'; break;
      case '$': c = 's'; break;
      case '5': c = 's'; break;
      case '7': c = 't'; break;
      default: break;
    }
  }
  return core;
}

// Whether the text is one short unit repeated ("abcabcabcabc") or a common password
// repeated ("passwordpassword").
bool IsRepetition(const std::string& lower) {
  for (size_t unit = 1; unit <= lower.size() / 2; ++unit) {
    if (lower.size() % unit != 0) continue;
    bool repeated = true;
    for (size_t i = unit; i < lower.size() && repeated; ++i) repeated = lower[i] == lower[i - unit];
    if (repeated && (unit <= 4 || IsCommonPassword(lower.substr(0, unit)))) return true;
  }
  return false;
}

// Whether the text is a run along the alphabet, the digits or a keyboard row, either way.
bool IsSequence(const std::string& lower) {
  static const std::vector<std::string> kSequences = [] {
    std::vector<std::string> base = {"abcdefghijklmnopqrstuvwxyz", "0123456789",
                                     "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm",
                                     "qazwsxedcrfvtgbyhnujmikolp"};
    std::vector<std::string> out;
    for (const std::string& s : base) {
      std::string twice = s + s;  // runs that wrap around ("7890123456789")
      out.push_back(twice);
      out.emplace_back(twice.rbegin(), twice.rend());
    }
    return out;
  }();
  for (const std::string& s : kSequences) {
    if (s.find(lower) != std::string::npos) return true;
  }
  return false;
}

// The pieces of the email's local part worth refusing inside a password.
std::vector<std::string> EmailPieces(std::string_view email) {
  std::vector<std::string> out;
  const size_t at = email.find('@');
  const std::string local = AsciiLower(email.substr(0, at));
  if (local.size() >= 3) out.push_back(local);
  std::string joined;
  std::string piece;
  for (char c : local + ".") {
    if (c == '.' || c == '_' || c == '-' || c == '+') {
      if (piece.size() >= 4) out.push_back(piece);
      joined += piece;
      piece.clear();
    } else {
      piece += c;
    }
  }
  if (joined.size() >= 3 && joined != local) out.push_back(joined);
  return out;
}

}  // namespace

PasswordHashParams MinimalHashParamsForTests() {
  return PasswordHashParams{crypto_pwhash_argon2id_OPSLIMIT_MIN,
                            crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Status CheckPasswordPolicy(std::string_view password, std::string_view email,
                           const std::string& field) {
  std::vector<std::string> problems;
  size_t code_points = 0;
  const bool well_formed = CountCodePoints(password, code_points);
  if (!well_formed) {
    problems.push_back("must be text without control characters");
  } else if (code_points < kMinPasswordCodePoints) {
    problems.push_back("must be at least " + std::to_string(kMinPasswordCodePoints) +
                       " characters long (a few words make a good one)");
  }
  if (password.size() > kMaxPasswordBytes) {
    problems.push_back("must be at most " + std::to_string(kMaxPasswordBytes) + " bytes long");
  }
  if (well_formed && password.size() <= kMaxPasswordBytes) {
    const std::string lower = AsciiLower(password);
    if (IsCommonPassword(lower) || IsCommonPassword(CoreWord(lower)) || IsRepetition(lower) ||
        IsSequence(lower)) {
      problems.push_back("is too common or too easy to guess: choose another");
    }
    if (lower.find("lookout") != std::string::npos) {
      problems.push_back("must not contain the name of the system");
    }
    for (const std::string& piece : EmailPieces(email)) {
      if (lower.find(piece) != std::string::npos) {
        problems.push_back("must not contain your email address or a part of it");
        break;
      }
    }
  }
  if (problems.empty()) return Status::Ok();
  std::string message;
  for (const std::string& p : problems) message += (message.empty() ? "" : "; ") + p;
  return Status::Validation({{field, message}}, "The password does not meet the policy.");
}

Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), params.ops_limit,
                        params.mem_limit) != 0) {
    return Status::Internal("There was not enough memory to hash a password.");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(const std::string& hash, const PasswordHashParams& params) {
  EnsureSodium();
  return crypto_pwhash_str_needs_rehash(hash.c_str(), params.ops_limit, params.mem_limit) != 0;
}

std::string RandomToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes, sizeof bytes);
  return std::string(out);
}

bool LooksLikeRandomToken(std::string_view text) {
  if (text.size() != 43) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
}

std::string TokenHash(std::string_view token) {
  EnsureSodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

std::string EmailHash(std::string_view email) { return TokenHash("email:" + AsciiLower(email)); }

std::string OneTimePassword(size_t length) {
  EnsureSodium();
  length = std::max(length, kMinPasswordCodePoints);
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  while (true) {
    std::string out;
    out.reserve(length);
    for (size_t i = 0; i < length; ++i) {
      out += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
    }
    const bool digit = std::any_of(out.begin(), out.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    const bool upper = std::any_of(out.begin(), out.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    const bool lower = std::any_of(out.begin(), out.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    // A random draw that happens to spell "lookout" or lacks a character class is drawn
    // again, so that every one-time password meets the policy it will be checked against.
    if (digit && upper && lower && CheckPasswordPolicy(out, "").ok()) return out;
  }
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  EnsureSodium();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace lookout::app
