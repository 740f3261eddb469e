// The `lookout` command line. Run() parses the arguments, runs one command and returns
// the process exit code: 0 success, 1 failure, 2 usage error. Errors are written to
// standard error as "lookout: <message>" followed by one line per field.
#ifndef LOOKOUT_CLI_CLI_H_
#define LOOKOUT_CLI_CLI_H_

namespace lookout::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Never throws: an exception from a command is reported and gives exit code 1.
int Run(int argc, char** argv);

}  // namespace lookout::cli

#endif  // LOOKOUT_CLI_CLI_H_
