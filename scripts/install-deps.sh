#!/usr/bin/env bash
# Installs the Debian 12 packages Lookout needs, and only those that are missing.
# Usage: scripts/install-deps.sh [build|test|bench]
#   build  what compiling and running Lookout needs (default), backups included; of the
#          front-end packages, only what building the assets needs (Sass, GOV.UK Frontend)
#   test   build + what the test suite needs (PostgreSQL server, test client, chromium)
#          and every front-end package (the test tools too: Playwright, Redocly, axe)
#   bench  test + what the benchmarks need (wrk, nginx)
# Then chooses the Node.js and npm the front-end tools run on (scripts/node.sh): the
# machine's own when they meet web/package.json "engines", else the pinned ones, fetched
# from the npm registry into web/.node/ (Debian 12's nodejs 18 and npm 9 are too old, so
# neither is installed from Debian). Then installs the front-end packages pinned in
# web/package-lock.json (npm ci) unless web/node_modules already holds them.
set -euo pipefail
want=${1:-build}
. "$(dirname "$0")/node.sh"
web=$lookout_web

build_pkgs=(
  build-essential cmake ninja-build pkg-config ccache git
  libboost1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libsodium-dev libcsv-dev libssl-dev libkainjow-mustache-dev libcmark-dev
  libzip-dev libpugixml-dev
  libcairo2-dev libpango1.0-dev libxlsxwriter-dev fonts-dejavu-core
  postgresql-client  # pg_dump and pg_restore, run by `lookout backup` and `lookout restore`
  file               # CPack's Debian package generator runs it (scripts/package.sh)
  curl ca-certificates  # fetch the pinned Node.js from the npm registry (scripts/node.sh)
)
# chromium runs the browser tests (tests/browser/); DejaVu gives its pages a font.
# python3-prometheus-client's parser reads GET /metrics in tests/http/metrics_test.cc.
test_pkgs=(googletest libgtest-dev libgmock-dev libcpp-httplib-dev postgresql-15 sqlite3
           chromium fonts-dejavu-core poppler-utils python3 python3-prometheus-client)
bench_pkgs=(libbenchmark-dev wrk nginx-light python3)

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

# The machine's node and npm if both meet web/package.json "engines", else the pinned
# ones in web/.node/ (fetched, or refreshed when the pin has moved). Once web/.node/
# exists it is the choice (scripts/node.sh), so it is kept up to date.
choose_node() {
  local why
  if [ ! -d "$lookout_node_dir" ] && why=$(lookout_node_fits --npm 2>&1); then
    echo "lookout: using this machine's Node.js $(node --version) and npm $(npm --version)"
    return
  fi
  if [ ! -d "$lookout_node_dir" ]; then
    echo "lookout: not using this machine's Node.js and npm: $why (web/package.json \"engines\")"
  fi
  lookout_fetch_node
  lookout_use_node
  echo "lookout: using the pinned Node.js $lookout_node_version and npm $lookout_npm_version in web/.node/"
}

# npm ci installs exactly the lock: for 'build' without the test tools (--omit=dev), else
# everything. web/node_modules/.lookout-installed records which set of which lock is
# there (npm ci empties node_modules first, so a failed install leaves no record).
# --ignore-scripts: none of the pinned packages needs an install step, so no package code
# runs at install time.
install_web_packages() {
  local set=all omit=()
  if [ "$want" = build ]; then
    set=assets
    omit=(--omit=dev)
  fi
  local lock_hash record
  lock_hash=$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)
  record=$(cat "$web/node_modules/.lookout-installed" 2>/dev/null || true)
  if [ "$record" = "all $lock_hash" ] || [ "$record" = "$set $lock_hash" ]; then
    echo "lookout: front-end packages in web/node_modules match web/package-lock.json"
    return
  fi
  if [ "$set" = assets ]; then
    echo "lookout: installing the front-end packages the assets need (npm ci --omit=dev in web/)"
  else
    echo "lookout: installing the front-end packages, test tools included (npm ci in web/)"
  fi
  npm ci --prefix "$web" --no-audit --no-fund --no-update-notifier --ignore-scripts \
    --loglevel=error "${omit[@]}" >/dev/null
  echo "$set $lock_hash" >"$web/node_modules/.lookout-installed"
  echo "lookout: front-end packages installed"
}

install_debian_packages
choose_node
install_web_packages
