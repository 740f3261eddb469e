#include "io/files.h"

#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace lookout::io {

namespace {

// The file opened for reading, or why it cannot be: kNotFound, or kBadRequest for a folder
// or a file that cannot be opened.
Result<std::ifstream> OpenForReading(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound("There is no file " + path + ".");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return Status::BadRequest(path + " is a folder, not a file.");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::BadRequest("Cannot read " + path + ": " + std::strerror(errno) + ".");
  }
  return in;
}

}  // namespace

Result<std::string> ReadWholeFile(const std::string& path) {
  LOOKOUT_ASSIGN_OR_RETURN(std::ifstream in, OpenForReading(path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return Status::BadRequest("Cannot read " + path + ": " + std::strerror(errno) + ".");
  }
  return buffer.str();
}

Status WriteWholeFile(const std::string& path, std::string_view bytes) {
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return Status::BadRequest("Cannot write " + path + ": " + std::strerror(errno) + ".");
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      const std::string why = std::strerror(errno);
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return Status::BadRequest("Cannot write " + path + ": " + why + ".");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    return Status::BadRequest("Cannot write " + path + ": " + ec.message() + ".");
  }
  return Status::Ok();
}

Result<FileDigest> DigestFile(const std::string& path) {
  LOOKOUT_ASSIGN_OR_RETURN(std::ifstream in, OpenForReading(path));
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  FileDigest out;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                              static_cast<unsigned long long>(n));
    out.size += n;
  }
  if (in.bad()) {
    return Status::BadRequest("Cannot read " + path + ": " + std::strerror(errno) + ".");
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  out.sha256.assign(hex, crypto_hash_sha256_BYTES * 2);
  return out;
}

}  // namespace lookout::io
