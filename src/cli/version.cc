#include "cli/version.h"

namespace lookout::cli {

// Both come from the build (src/CMakeLists.txt), so a binary always says what it is.
std::string_view Version() { return LOOKOUT_VERSION; }
std::string_view Commit() { return LOOKOUT_COMMIT; }

}  // namespace lookout::cli
