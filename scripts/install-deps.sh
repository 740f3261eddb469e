#!/usr/bin/env bash
# Installs the Debian 12 packages Lookout needs, and only those that are missing.
# Usage: scripts/install-deps.sh [build|test|bench]
#   build  what compiling and running Lookout needs (default)
#   test   build + what the test suite needs (PostgreSQL server, test client)
#   bench  test + what the benchmarks need (wrk, nginx)
# Then installs the front-end packages pinned in web/package-lock.json (npm ci) when
# web/node_modules is missing or older than the lock.
set -euo pipefail
want=${1:-build}
web="$(cd "$(dirname "$0")/.." && pwd)/web"

build_pkgs=(
  build-essential cmake ninja-build pkg-config ccache git
  libboost1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libsodium-dev libcsv-dev libssl-dev libkainjow-mustache-dev libcmark-dev
  libzip-dev libpugixml-dev
  libcairo2-dev libpango1.0-dev libxlsxwriter-dev fonts-dejavu-core
)
# Node.js and npm build the front-end assets. A machine whose Node.js came from elsewhere
# (nodesource's package bundles npm) keeps it: Debian's npm package would conflict with it.
if ! command -v npm >/dev/null; then
  build_pkgs+=(nodejs npm)
fi
# chromium runs the browser tests (tests/browser/); DejaVu gives its pages a font.
# python3-prometheus-client's parser reads GET /metrics in tests/http/metrics_test.cc.
test_pkgs=(googletest libgtest-dev libgmock-dev libcpp-httplib-dev postgresql-15 sqlite3 curl
           chromium fonts-dejavu-core poppler-utils python3 python3-prometheus-client)
bench_pkgs=(libbenchmark-dev wrk nginx-light curl python3)

pkgs=("${build_pkgs[@]}")
case "$want" in
  build) ;;
  test) pkgs+=("${test_pkgs[@]}") ;;
  bench) pkgs+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
install_debian_packages() {
  if [ ${#missing[@]} -eq 0 ]; then
    echo "lookout: all ${#pkgs[@]} Debian packages for '$want' are installed"
    return
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "lookout: run as root or install sudo; missing: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "lookout: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "lookout: packages installed"
}

# sass 1.108 and playwright-core 1.65 (web/package.json "engines") need Node.js 20.19 or
# newer; Debian 12's own nodejs is 18, on which both fail at start.
check_node_version() {
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
                process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
    echo "lookout: Node.js $(node --version) is too old for web/package.json: it needs" \
         "20.19 or newer (Debian 12 ships 18). Install a newer nodejs, then run this again." >&2
    exit 1
  fi
}

# npm ci installs exactly the lock; its own record, node_modules/.package-lock.json, is
# what tells whether the installed packages are older than the lock. --ignore-scripts: none
# of the pinned packages needs an install step, so no package code runs at install time.
install_web_packages() {
  if [ -f "$web/node_modules/.package-lock.json" ] &&
     [ ! "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "lookout: front-end packages in web/node_modules match web/package-lock.json"
    return
  fi
  echo "lookout: installing the front-end packages pinned in web/package-lock.json (npm ci)"
  npm ci --prefix "$web" --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
  echo "lookout: front-end packages installed"
}

install_debian_packages
check_node_version
install_web_packages
