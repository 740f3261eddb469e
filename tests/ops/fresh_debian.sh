#!/usr/bin/env bash
# The README's two commands on a fresh Debian 12, up to the C++ build: in a clean Debian 12
# root made with debootstrap (minbase, with Debian's own nodejs 18 installed, as on a
# machine that has it), from a copy of the source with nothing installed:
#   1. the demo's install step, `scripts/install-deps.sh build` (what scripts/demo.sh runs
#      first): no Debian npm and none of its node-* packages, the pinned Node.js fetched
#      from the npm registry into web/.node/ (Debian's node 18 left as it is), only the
#      front-end packages the assets need, and the tools the package step runs (file);
#   2. the release build's front-end assets (the lookout_assets target, the same step
#      the real build runs) compiled by Sass on that Node.js;
#   3. the test command's install step, `scripts/install-deps.sh test`: the test tools
#      (Playwright, Redocly, axe) installed by the pinned npm, and Redocly runs.
# The C++ build itself is left out: the host's build proves it.
#
# Needs root (debootstrap, chroot, mounts), Debian's mirror and the npm registry. The bare
# root is made once and kept in LOOKOUT_CI_CACHE (default /var/cache/lookout-ci), under a
# name derived from how it is made, and made again after 30 days or when the recipe below
# changes; downloaded .deb files are kept there too. Each run works on a fresh copy, in a
# folder it removes afterwards.
# Usage: tests/ops/fresh_debian.sh [SOURCE_DIR]
#   SOURCE_DIR  a Lookout checkout (default: this one); its tracked files and untracked
#               files that are not ignored are copied, as a commit of them would hold
# Environment: LOOKOUT_DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(realpath "${1:-$here/../..}")
cache=${LOOKOUT_CI_CACHE:-/var/cache/lookout-ci}
mirror=${LOOKOUT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
max_age_days=30

say() { echo "fresh-debian: $*"; }
fail() { echo "fresh-debian: FAIL: $*" >&2; exit 1; }
# Exit status 77: this machine cannot make a Debian root at all (no root, no mounts, no
# mirror), which proves nothing either way; .ci/run reports it as not run, with the reason.
cannot() { echo "fresh-debian: NOT RUN: $*" >&2; exit 77; }

[ "$(id -u)" -eq 0 ] || cannot "needs root (debootstrap, chroot and mounts)"
[ -f "$source_dir/scripts/install-deps.sh" ] || fail "$source_dir is not a Lookout checkout"
probe=$(mktemp -d)
if ! mount -t proc proc "$probe" 2>/dev/null; then
  rmdir "$probe"
  cannot "this machine does not let root mount file systems (a container without the right to)"
fi
umount "$probe" && rmdir "$probe"
if ! curl -fsS -o /dev/null --max-time 30 "$mirror/dists/bookworm/Release" 2>/dev/null; then
  cannot "Debian's mirror $mirror is out of reach"
fi
if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends debootstrap >/dev/null ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; } ||
    fail "could not install debootstrap"
fi

# ---- Mounts, and the folder of this run ---------------------------------------------------------
mkdir -p "$cache/apt-archives/partial"
run=$(mktemp -d "${TMPDIR:-/var/tmp}/lookout-fresh-debian.XXXXXX")
making=""  # a cached root being made, removed if the run stops before it is complete
mounts=()
mount_in() {  # mount_in TARGET MOUNT-ARGS...
  local target=$1
  shift
  mount "$@" "$target"
  mounts+=("$target")
}
# What a root needs mounted to install packages and run programs: /proc and /dev.
mount_system() {
  mount_in "$1/proc" -t proc proc
  mount_in "$1/dev" --rbind /dev
  mount --make-rslave "$1/dev"
}
unmount_all() {
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount -R "${mounts[$i]}" 2>/dev/null || umount -R -l "${mounts[$i]}" 2>/dev/null || true
  done
  mounts=()
}
cleanup() {
  unmount_all
  # Never remove a folder that still has something mounted inside it.
  local dir
  for dir in "$run" ${making:+"$making"}; do
    if grep -q " $dir/" /proc/self/mounts; then
      echo "fresh-debian: $dir still has mounts inside; left in place" >&2
    else
      rm -rf --one-file-system "$dir"
    fi
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The root trusts what this machine trusts, so that a network whose proxy inspects TLS
# works inside as it does outside: this machine's local certificate authorities (Debian's
# ca-certificates adds them to the system's list when it is installed), its DNS settings,
# and the proxy and certificate settings of the environment.
trust_like_this_machine() {  # trust_like_this_machine ROOT
  local root_dir=$1
  [ -n "$root_dir" ] && [ -d "$root_dir/etc" ] || fail "trust_like_this_machine: no root at '$root_dir'"
  if [ -d /usr/local/share/ca-certificates ]; then
    mkdir -p "$root_dir/usr/local/share/ca-certificates"
    cp -a /usr/local/share/ca-certificates/. "$root_dir/usr/local/share/ca-certificates/"
  fi
  cp /etc/resolv.conf "$root_dir/etc/resolv.conf"
}
passed_env=(http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY
            NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE)
# Runs a command in a root as its root user's login shell would: the PATH and locale of a
# fresh system, and only the settings above from this environment.
chroot_run() {  # chroot_run ROOT COMMAND
  local env=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
             LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive)
  local var
  for var in "${passed_env[@]}"; do
    [ -n "${!var:-}" ] && env+=("$var=${!var}")
  done
  chroot "$1" env -i "${env[@]}" bash -c "$2"
}

# ---- The cached bare root ---------------------------------------------------------------------
# A Debian 12 as its installer leaves it (the security and updates suites configured), plus
# Debian's nodejs 18: the scripts must neither use it nor replace it.
make_root() {  # make_root DIR
  local dir=${1:?}
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.log" 2>&1 ||
    { tail -20 "$dir.log" >&2; return 1; }
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n%s\n' "$mirror" "$mirror" \
    "deb http://deb.debian.org/debian-security bookworm-security main" >"$dir/etc/apt/sources.list"
  # No service starts inside the root (PostgreSQL's package would start its cluster), and
  # dpkg does not flush every file it unpacks to disk (the root is thrown away after).
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod 755 "$dir/usr/sbin/policy-rc.d"
  echo force-unsafe-io >"$dir/etc/dpkg/dpkg.cfg.d/lookout-ci-unsafe-io"
  trust_like_this_machine "$dir"
  mount_system "$dir"
  chroot_run "$dir" 'apt-get update -qq &&
                     apt-get install -y -qq --no-install-recommends nodejs >/dev/null && apt-get clean' ||
    return 1
  unmount_all
  rm -rf "${dir:?}/usr/local/share/ca-certificates"
  rm -f "$dir.log"
}
arch=$(dpkg --print-architecture)
key=$({ declare -f make_root trust_like_this_machine; echo "bookworm $arch $mirror"; } |
      sha256sum | cut -c1-16)
root_cache="$cache/debian12-$arch-$key"

exec 9>"$cache/lock"
flock 9
if [ -f "$root_cache/complete" ] && [ -n "$(find "$root_cache/complete" -mtime +$max_age_days)" ]; then
  say "the cached root is older than $max_age_days days: making it again"
  rm -rf --one-file-system "$root_cache"
fi
if [ ! -f "$root_cache/complete" ]; then
  for old in "$cache"/debian12-*; do
    if [ -e "$old" ] && [ "$old" != "$root_cache" ]; then rm -rf --one-file-system "$old"; fi
  done
  rm -rf --one-file-system "$root_cache"
  mkdir -p "$root_cache"
  say "making a bare Debian 12 root with debootstrap ($mirror; a few minutes, once)"
  start=$SECONDS
  making=$root_cache
  make_root "$root_cache/root" || fail "could not make a Debian 12 root with debootstrap"
  touch "$root_cache/complete"
  making=""
  say "bare root made in $((SECONDS - start)) s, kept in $root_cache"
else
  say "using the cached bare root $root_cache"
fi
flock -u 9

# ---- A fresh copy of it, with the source --------------------------------------------------------
root="$run/root"
cp -a "$root_cache/root" "$root"
trust_like_this_machine "$root"
mount_system "$root"
mount_in "$root/var/cache/apt/archives" --bind "$cache/apt-archives"

mkdir -p "$root/root/lookout"
(cd "$source_dir" && git ls-files -z --cached --others --exclude-standard |
   while IFS= read -r -d '' f; do if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi; done |
   tar --null -T - -cf -) | tar -C "$root/root/lookout" -xf -

# Runs a command in the root, in the copy of the source.
in_root() { chroot_run "$root" "cd /root/lookout && $1"; }
packages() { in_root "dpkg-query -W -f '\${db:Status-Abbrev} \${Package}\n' | awk '\$1 == \"ii\" { print \$2 }'"; }
# Debian's npm, and the node-* packages it pulls in, must never be installed (Debian's
# nodejs brings a few node-* packages of its own: those were there before).
check_no_debian_npm() {
  local npm_pkgs
  npm_pkgs=$(packages | grep -E '^(npm|node-.*)$' | grep -vxF -f "$run/packages-before" || true)
  [ -z "$npm_pkgs" ] ||
    fail "$step installed Debian's npm or its packages ($(wc -l <<<"$npm_pkgs")): $(head -5 <<<"$npm_pkgs" | tr '\n' ' ')..."
}
check_commands() {
  local cmd
  for cmd in "$@"; do
    in_root "command -v $cmd >/dev/null" || fail "after $step, $cmd is missing"
  done
}
check_web_packages() {  # check_web_packages PRESENT... -- ABSENT...
  local present=1 p
  for p in "$@"; do
    if [ "$p" = -- ]; then present=0; continue; fi
    if [ -d "$root/root/lookout/web/node_modules/$p" ]; then
      [ $present -eq 1 ] || fail "after $step, web/node_modules holds $p, which it should not"
    else
      [ $present -eq 0 ] || fail "after $step, web/node_modules lacks $p"
    fi
  done
}

debian_node=$(in_root 'node --version') || fail "the root has no Debian nodejs"
[[ "$debian_node" == v18.* ]] || fail "the root's Debian nodejs is $debian_node, not 18"
! in_root 'command -v npm >/dev/null' || fail "the fresh root already has an npm"
packages >"$run/packages-before"
count_before=$(wc -l <"$run/packages-before")
say "a fresh Debian 12: $count_before packages, Debian's node $debian_node, no npm"

# ---- 1. The demo's install step -------------------------------------------------------------------
step="scripts/install-deps.sh build"
say "[1/3] $step (the install step of scripts/demo.sh)"
start=$SECONDS
in_root 'scripts/install-deps.sh build' || fail "$step failed"
time_build=$((SECONDS - start))
count_build=$(packages | wc -l)
check_no_debian_npm
pin=$(in_root '. scripts/node.sh && lookout_node_pin') || fail "scripts/node.sh names no pinned Node.js"
pinned_node=$(in_root '. scripts/node.sh && echo "v$lookout_node_version"')
check_commands cmake ninja c++ git pkg-config file cpack pg_dump curl
[ "$(cat "$root/root/lookout/web/.node/PIN" 2>/dev/null)" = "$pin" ] ||
  fail "after $step, web/.node/ does not hold the pinned $pin"
got=$(in_root 'scripts/with-node.sh node --version') || fail "scripts/with-node.sh node failed"
[ "$got" = "$pinned_node" ] || fail "scripts/with-node.sh runs node $got, not the pinned $pinned_node"
got=$(in_root 'node --version')
[ "$got" = "$debian_node" ] || fail "$step changed the machine's node from $debian_node to $got"
check_web_packages sass govuk-frontend -- playwright-core @redocly/cli axe-core
say "[1/3] done in $time_build s: $((count_build - count_before)) Debian packages installed," \
    "none of them npm or node-*; Node.js $pinned_node in web/.node/; Sass and GOV.UK Frontend only"

# ---- 2. The assets of the release build -------------------------------------------------------------
step="the release build's lookout_assets target"
say "[2/3] $step"
start=$SECONDS
in_root 'cmake --preset release >/dev/null && cmake --build --preset release --target lookout_assets' ||
  fail "$step failed"
css="$root/root/lookout/build/release/assets/lookout.css"
if [ ! -s "$css" ] || ! grep -q 'govuk-header' "$css"; then
  fail "$step did not write a lookout.css with GOV.UK Frontend's styles"
fi
say "[2/3] done in $((SECONDS - start)) s: lookout.css ($(stat -c %s "$css") bytes) compiled on Node.js $pinned_node"

# ---- 3. The test command's install step ---------------------------------------------------------------
step="scripts/install-deps.sh test"
say "[3/3] $step (the install step of scripts/test.sh)"
start=$SECONDS
in_root 'scripts/install-deps.sh test' || fail "$step failed"
count_test=$(packages | wc -l)
check_no_debian_npm
check_commands chromium python3 pdftotext sqlite3 /usr/lib/postgresql/15/bin/initdb
check_web_packages sass govuk-frontend playwright-core @redocly/cli axe-core
got=$(in_root 'REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true scripts/with-node.sh web/node_modules/.bin/redocly --version') ||
  fail "Redocly does not run on the pinned Node.js"
npm_version=$(in_root 'scripts/with-node.sh npm --version')
say "[3/3] done in $((SECONDS - start)) s: $((count_test - count_build)) more Debian packages;" \
    "the test tools installed by npm $npm_version; Redocly $got runs"

in_root 'apt-get autoclean -qq' >/dev/null 2>&1 || true  # drop .debs the mirror no longer has
say "PASS: from nothing to built stylesheets with Debian's node $debian_node on the machine:" \
    "$((count_build - count_before)) Debian packages for the demo, $((count_test - count_build)) more for the tests"
