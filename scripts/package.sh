#!/usr/bin/env bash
# Builds the release Debian package of Lookout into dist/:
#   scripts/package.sh      ->  dist/lookout_VERSION_ARCH.deb
# Installs the build packages that are missing, builds the release preset (optimised, no
# tests) and runs cpack. Install the result with `apt install ./dist/lookout_*.deb`
# (docs/deploy.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release -j "${JOBS:-$(nproc)}"
(cd build/release && cpack -G DEB -B "$PWD/../../dist" >/dev/null)
rm -rf dist/_CPack_Packages
ls -l dist/lookout_*.deb
