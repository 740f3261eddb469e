// What this binary is: its release version and the commit it was built from.
#ifndef LOOKOUT_CLI_VERSION_H_
#define LOOKOUT_CLI_VERSION_H_

#include <string_view>

namespace lookout::cli {

std::string_view Version();  // "0.1.0"
std::string_view Commit();   // short commit id, or "unknown" outside a git checkout

}  // namespace lookout::cli

#endif  // LOOKOUT_CLI_VERSION_H_
