#!/usr/bin/env bash
# Installs the Debian 12 packages Lookout needs, and only those that are missing.
# Usage: scripts/install-deps.sh [build|test|bench]
#   build  what compiling and running Lookout needs (default)
#   test   build + what the test suite needs (PostgreSQL server, test client)
#   bench  test + what the benchmarks need (wrk, nginx)
set -euo pipefail
want=${1:-build}

build_pkgs=(
  build-essential cmake ninja-build pkg-config ccache git
  libboost1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libsodium-dev libcsv-dev libssl-dev
)
test_pkgs=(googletest libgtest-dev libgmock-dev libcpp-httplib-dev postgresql-15 sqlite3)
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
if [ ${#missing[@]} -eq 0 ]; then
  echo "lookout: all ${#pkgs[@]} Debian packages for '$want' are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "lookout: run as root or install sudo; missing: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "lookout: installing ${#missing[@]} Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "lookout: packages installed"
