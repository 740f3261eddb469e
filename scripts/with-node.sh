#!/usr/bin/env bash
# Runs a command with the Node.js that Lookout's front-end tools use first on PATH: the
# pinned one in web/.node/ if scripts/install-deps.sh put it there, else the machine's
# own (the rule is in scripts/node.sh). cmake/assets.cmake and ctest run node through it.
# Usage: scripts/with-node.sh CMD [ARGS...]    e.g. scripts/with-node.sh node --version
set -euo pipefail
if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi
. "$(dirname "$0")/node.sh"
lookout_use_node || exit 2
exec "$@"
