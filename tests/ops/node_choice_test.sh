#!/usr/bin/env bash
# Which Node.js Lookout's front-end tools run on (scripts/node.sh, scripts/with-node.sh):
# the pinned one in web/.node/ when it is there, else the machine's own only if it meets
# web/package.json "engines" (node and npm), with a message naming the version and the
# fix when it does not; and a tarball whose sha512 differs from the pinned integrity is
# refused. Works on a copy of the two scripts beside a web/package.json written here, so
# no network is needed and the checkout's web/.node/ is not touched.
# Usage (from ctest): tests/ops/node_choice_test.sh
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lookout-node-choice.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "node_choice: FAIL: $*" >&2; exit 1; }

# The checks themselves run on the Node.js this checkout uses.
. "$source_dir/scripts/node.sh"
lookout_use_node || exit 2
machine_node=$(node --version)

co="$tmp/checkout"
mkdir -p "$co/scripts" "$co/web" "$tmp/bin"
cp "$source_dir/scripts/node.sh" "$source_dir/scripts/with-node.sh" "$co/scripts/"
engines() { printf '{"engines": {"node": "%s", "npm": "%s"}}\n' "$1" "$2" >"$co/web/package.json"; }
# An npm that reports the version given, first on PATH.
fake_npm() { printf '#!/bin/sh\necho %s\n' "$1" >"$tmp/bin/npm"; chmod 755 "$tmp/bin/npm"; }
fits() { (PATH="$tmp/bin:$PATH"; . "$co/scripts/node.sh"; lookout_node_fits "$@") 2>"$tmp/why"; }

# The machine's own node, when it meets "engines".
engines ">=1.0.0" ">=10.0.0"
got=$("$co/scripts/with-node.sh" node --version) || fail "with-node.sh refused a node that meets >=1.0.0"
[ "$got" = "$machine_node" ] || fail "with-node.sh ran node $got, not the machine's $machine_node"

# ... and not when it is older: a clear refusal, not Sass failing at start.
engines ">=999.0.0" ">=10.0.0"
if "$co/scripts/with-node.sh" node --version >"$tmp/out" 2>"$tmp/err"; then
  fail "with-node.sh ran a node older than >=999.0.0: $(cat "$tmp/out")"
fi
grep -q "Node.js $machine_node is older than >=999.0.0" "$tmp/err" && grep -q "scripts/install-deps.sh" "$tmp/err" ||
  fail "the refusal does not name the version and the fix: $(cat "$tmp/err")"

# npm counts too when installing: Debian 12's npm 9 does not meet >=10.0.0.
engines ">=1.0.0" ">=10.0.0"
fake_npm 9.2.0
! fits --npm || fail "npm 9.2.0 was taken for >=10.0.0"
grep -q "npm 9.2.0 is older than >=10.0.0" "$tmp/why" || fail "the npm refusal says: $(cat "$tmp/why")"
fake_npm 10.0.0
fits --npm || fail "npm 10.0.0 was refused for >=10.0.0: $(cat "$tmp/why")"
fake_npm 10.9.2
engines ">=20.19" ">=10"
fits --npm || fail "short versions in engines (>=20.19, >=10) were not read: $(cat "$tmp/why")"
engines "^20.19.0" ">=10.0.0"
! fits || fail "an engines range it cannot read was taken as met"
grep -q 'cannot read "^20.19.0"' "$tmp/why" || fail "an unreadable engines range says: $(cat "$tmp/why")"

# web/.node/ wins over the machine's node (whatever its version), for node itself and for
# the tools whose scripts start with `#!/usr/bin/env node` (Sass, Redocly).
engines ">=999.0.0" ">=10.0.0"
mkdir -p "$co/web/.node/bin"
printf '#!/bin/sh\necho v-pinned\n' >"$co/web/.node/bin/node"
chmod 755 "$co/web/.node/bin/node"
got=$("$co/scripts/with-node.sh" node --version) || fail "with-node.sh refused web/.node/"
[ "$got" = v-pinned ] || fail "with-node.sh ran $got, not web/.node/bin/node"
printf '#!/usr/bin/env node\n' >"$tmp/tool"
chmod 755 "$tmp/tool"
got=$("$co/scripts/with-node.sh" "$tmp/tool") || fail "a #!/usr/bin/env node script did not run"
[ "$got" = v-pinned ] || fail "a #!/usr/bin/env node script ran on $got, not web/.node/bin/node"

# Integrity: the registry's sha512, base64, as "sha512-..."; anything else is refused.
printf 'a tarball\n' >"$tmp/pkg.tgz"
hex=$(sha512sum "$tmp/pkg.tgz" | cut -d' ' -f1)
# shellcheck disable=SC2059  # the format is the digest's bytes as \xHH escapes
good="sha512-$(printf "$(sed 's/../\\x&/g' <<<"$hex")" | base64 -w0)"
(. "$co/scripts/node.sh"; lookout_verify_integrity "$tmp/pkg.tgz" "$good") ||
  fail "the file's own integrity $good was refused"
printf 'another tarball\n' >"$tmp/other.tgz"
for bad in "$good:$tmp/other.tgz" "sha512-:$tmp/pkg.tgz" "sha1-${good#sha512-}:$tmp/pkg.tgz"; do
  if (. "$co/scripts/node.sh"; lookout_verify_integrity "${bad#*:}" "${bad%%:*}") 2>"$tmp/err"; then
    fail "integrity ${bad%%:*} was accepted for $(basename "${bad#*:}")"
  fi
  grep -q "does not match its pinned integrity" "$tmp/err" || fail "a refused integrity says: $(cat "$tmp/err")"
done

echo "node_choice: the machine's Node.js ($machine_node) only when it meets engines, web/.node/" \
     "first otherwise, npm 9 refused, a wrong integrity refused: PASS"
