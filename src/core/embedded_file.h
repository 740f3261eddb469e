// A file compiled into the binary by cmake/embed_files.cmake (reference data, page
// templates, the demo programme's words), so that Lookout needs none of them at run time.
#ifndef LOOKOUT_CORE_EMBEDDED_FILE_H_
#define LOOKOUT_CORE_EMBEDDED_FILE_H_

#include <string_view>

namespace lookout {

struct EmbeddedFile {
  const char* name;           // the file's name in its folder: "regions.csv"
  std::string_view contents;  // the file's bytes
};

}  // namespace lookout

#endif  // LOOKOUT_CORE_EMBEDDED_FILE_H_
