// The lookout executable: every subcommand lives in cli/.
#include "cli/cli.h"

int main(int argc, char** argv) { return lookout::cli::Run(argc, argv); }
