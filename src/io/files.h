// Whole files in and out of the file system, for the command line's imports, exports,
// reports and backups.
#ifndef LOOKOUT_IO_FILES_H_
#define LOOKOUT_IO_FILES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace lookout::io {

// The whole file. kNotFound when it does not exist, kBadRequest when it cannot be read
// (a folder, no permission), each message naming the path.
Result<std::string> ReadWholeFile(const std::string& path);
// Writes `bytes` to `path` through a temporary file beside it and a rename, so a reader
// never sees half a file. Errors name the path.
Status WriteWholeFile(const std::string& path, std::string_view bytes);

// A file's size and SHA-256 (64 lower-case hex digits), read a piece at a time so that a
// file of any size can be checked. Errors as ReadWholeFile's.
struct FileDigest {
  int64_t size = 0;
  std::string sha256;
};
Result<FileDigest> DigestFile(const std::string& path);

}  // namespace lookout::io

#endif  // LOOKOUT_IO_FILES_H_
