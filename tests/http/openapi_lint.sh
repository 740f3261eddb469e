#!/usr/bin/env bash
# Validates the OpenAPI description of Lookout's JSON API with Redocly CLI, the version
# pinned in web/package.json that scripts/install-deps.sh test installs (npm ci); nothing is
# downloaded here. The document is what `lookout openapi` prints, byte for byte what
# GET /api/v1/openapi.json serves; it must pass tests/http/redocly.yaml (the OpenAPI 3.1
# structure, and Redocly's recommended rules with warnings as errors). So that a linter
# that passes everything cannot go unnoticed, a copy of the document with one
# operation's responses removed must then be refused.
# Usage: tests/http/openapi_lint.sh LOOKOUT_BINARY
#        tests/http/openapi_lint.sh --file DOCUMENT.json   (lints that file alone)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
redocly=$(cd "$here/../.." && pwd)/web/node_modules/.bin/redocly
if [ $# -lt 1 ] || { [ "$1" = "--file" ] && [ $# -ne 2 ]; }; then
  echo "usage: $0 LOOKOUT_BINARY | --file DOCUMENT.json" >&2
  exit 2
fi
# The Node.js Lookout's front-end tools run on (scripts/node.sh), first on PATH.
. "$here/../../scripts/node.sh"
lookout_use_node || exit 2
[ -x "$redocly" ] || {
  echo "openapi_lint: $redocly is missing: install the test tools of web/package-lock.json with scripts/install-deps.sh test" >&2
  exit 2
}
# No usage data sent, no look-up of a newer version: the lint runs offline.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
lint() { "$redocly" lint --config "$here/redocly.yaml" "$1"; }

if [ "$1" = "--file" ]; then
  lint "$2"
  exit
fi

binary=$1
[ -x "$binary" ] || { echo "openapi_lint: $binary is not an executable" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lookout-openapi.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if ! "$binary" openapi >"$tmp/openapi.json" 2>"$tmp/openapi.err"; then
  echo "openapi_lint: \`lookout openapi\` failed:" >&2
  cat "$tmp/openapi.err" >&2
  exit 1
fi
if ! lint "$tmp/openapi.json" >"$tmp/lint.log" 2>&1; then
  cat "$tmp/lint.log"
  echo "openapi_lint: the OpenAPI description is not valid (Redocly's report above)" >&2
  exit 1
fi

# The same document with the responses of its first operation removed.
node -e '
  const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const [path, item] = Object.entries(doc.paths)[0];
  const method = Object.keys(item)[0];
  delete item[method].responses;
  process.stderr.write(`${method.toUpperCase()} ${path}`);
  process.stdout.write(JSON.stringify(doc));
' "$tmp/openapi.json" >"$tmp/broken.json" 2>"$tmp/broken.what"
if lint "$tmp/broken.json" >"$tmp/broken.log" 2>&1; then
  cat "$tmp/broken.log"
  echo "openapi_lint: Redocly accepted a description whose $(cat "$tmp/broken.what") has no" \
       "responses: this check could not fail" >&2
  exit 1
fi

operations=$(node -e '
  const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
  let n = 0;
  for (const item of Object.values(doc.paths)) n += Object.keys(item).filter((m) => methods.includes(m)).length;
  console.log(n);
' "$tmp/openapi.json")
echo "openapi_lint: the OpenAPI description ($operations operations) is valid;" \
     "a copy without one operation's responses was refused, as it must be"
