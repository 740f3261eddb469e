#!/usr/bin/env bash
# The Debian package: builds it from this build folder with cpack, then checks what it
# holds (the program, assets, reference data, the hardened unit, the configuration as a
# conffile, the documentation), its control data and maintainer scripts, that the
# installed program runs (`--version`) and that the configuration it ships passes
# `lookout config check`. The maintainer script that creates the user is run against
# stand-in commands that record what it would do, so nothing on this machine changes.
# Usage (from ctest): tests/ops/package_test.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lookout-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LOOKOUT_CONFIG=""
fail() { echo "package: FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$tmp/out" --config CPackConfig.cmake >"$tmp/cpack.log" 2>&1) ||
  { cat "$tmp/cpack.log" >&2; fail "cpack could not build the package"; }
deb=$(ls "$tmp"/out/lookout_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "cpack wrote no lookout_*.deb: $(ls "$tmp/out")"
echo "package: built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# Control data.
dpkg-deb --field "$deb" Package | grep -qx lookout || fail "Package is not lookout"
depends=$(dpkg-deb --field "$deb" Depends)
for dep in adduser libsoci libpq5 libcairo2 libsodium; do
  [[ "$depends" == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done
mkdir -p "$tmp/control"
dpkg-deb --control "$deb" "$tmp/control"
for script in postinst prerm postrm; do
  [ -x "$tmp/control/$script" ] || fail "no executable $script"
  sh -n "$tmp/control/$script" || fail "$script is not valid shell"
done
grep -qx /etc/lookout/lookout.conf "$tmp/control/conffiles" || fail "the configuration is not a conffile"

# Contents.
dpkg-deb --contents "$deb" | awk '{print $NF}' >"$tmp/contents"
for path in ./usr/bin/lookout ./usr/share/lookout/assets/lookout.css \
            ./usr/share/lookout/assets/govuk-frontend.min.js ./usr/share/lookout/reference/regions.csv \
            ./lib/systemd/system/lookout.service ./etc/lookout/lookout.conf \
            ./usr/share/doc/lookout/deploy.md ./usr/share/doc/lookout/examples/nginx-lookout.conf; do
  grep -qx "$path" "$tmp/contents" || fail "the package lacks $path"
done
dpkg-deb --contents "$deb" | grep ' ./etc/lookout/lookout.conf$' | grep -q '^-rw-r-----' ||
  fail "/etc/lookout/lookout.conf is not mode 0640"
echo "package: control data, maintainer scripts and $(wc -l <"$tmp/contents") paths checked"

# The unit's hardening.
dpkg-deb -x "$deb" "$tmp/root"
unit="$tmp/root/lib/systemd/system/lookout.service"
for line in User=lookout ProtectSystem=strict NoNewPrivileges=yes PrivateTmp=yes \
            ReadWritePaths=/var/lib/lookout StateDirectory=lookout ProtectHome=yes \
            "ExecStart=/usr/bin/lookout serve" CapabilityBoundingSet=; do
  grep -qx "$line" "$unit" || fail "the unit lacks $line"
done

# The installed program runs, and the shipped configuration is valid.
version=$("$tmp/root/usr/bin/lookout" --version) || fail "the installed lookout --version failed"
grep -q "^lookout [0-9]" <<<"$version" && grep -q "^schema version [0-9]" <<<"$version" ||
  fail "--version printed: $version"
echo "package: installed binary: $(tr '\n' ' ' <<<"$version")"
"$tmp/root/usr/bin/lookout" --config "$tmp/root/etc/lookout/lookout.conf" config check \
  --database "sqlite:$tmp/var/lookout.db" --assets-dir "$tmp/root/usr/share/lookout/assets" \
  >"$tmp/check.log" 2>&1 || { cat "$tmp/check.log" >&2; fail "the shipped configuration does not pass config check"; }
grep -q "port           8080 " "$tmp/check.log" || { cat "$tmp/check.log" >&2; fail "config check did not read the shipped file"; }

# postinst on a fresh machine, with stand-ins recording the commands it runs.
mkdir -p "$tmp/stubs"
for cmd in getent addgroup adduser install chown chmod systemctl runuser; do
  printf '#!/bin/sh\necho "%s $*" >>"%s"\n[ "%s" = getent ] && exit 2\nexit 0\n' \
    "$cmd" "$tmp/calls" "$cmd" >"$tmp/stubs/$cmd"
  chmod +x "$tmp/stubs/$cmd"
done
PATH="$tmp/stubs:$PATH" sh "$tmp/control/postinst" configure || fail "postinst configure failed"
for call in "addgroup --system --quiet lookout" \
            "adduser --system --quiet --ingroup lookout --home /var/lib/lookout" \
            "install -d -o lookout -g lookout -m 0750 /var/lib/lookout" \
            "install -d -o lookout -g lookout -m 0700 /var/backups/lookout" \
            "chown root:lookout /etc/lookout /etc/lookout/lookout.conf" \
            "chmod 0640 /etc/lookout/lookout.conf"; do
  grep -q "^$call" "$tmp/calls" || { cat "$tmp/calls" >&2; fail "postinst did not run: $call"; }
done
# An upgrade (configure with the version it replaces) migrates the database as lookout.
: >"$tmp/calls"
PATH="$tmp/stubs:$PATH" sh "$tmp/control/postinst" configure 0.0.9 || fail "postinst configure (upgrade) failed"
grep -q "^runuser -u lookout -- env -C /var/lib/lookout LOOKOUT_CONFIG=/etc/lookout/lookout.conf /usr/bin/lookout migrate" \
  "$tmp/calls" || { cat "$tmp/calls" >&2; fail "postinst did not migrate on an upgrade"; }
echo "package: postinst creates the user, the data and backup folders, protects the configuration" \
     "and migrates the database on an upgrade"
echo "package: PASS"
