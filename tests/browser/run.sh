#!/usr/bin/env bash
# Runs the browser journeys against a real Lookout server on a fresh database.
# Usage: tests/browser/run.sh LOOKOUT_BINARY OUT_DIR [JOURNEY...]
#   LOOKOUT_BINARY  the `lookout` executable to test
#   OUT_DIR         where screenshots (OUT_DIR/screenshots/) and the server's log go
#   JOURNEY         run only the journeys with these names (default: all)
# Creates a SQLite database in a temporary folder with one account per role, starts
# `lookout serve` on a free loopback port, runs journeys.mjs in Debian's chromium, and
# always stops the server and removes the folder. Exits with the journeys' exit code.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 LOOKOUT_BINARY OUT_DIR [JOURNEY...]" >&2
  exit 2
fi
binary=$(realpath "$1")
out_dir=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)

[ -x "$binary" ] || { echo "browser: $binary is not an executable" >&2; exit 2; }
# The Node.js Lookout's front-end tools run on (scripts/node.sh), first on PATH.
. "$here/../../scripts/node.sh"
lookout_use_node || exit 2
for tool in playwright-core axe-core; do
  [ -d "$lookout_web/node_modules/$tool" ] ||
    { echo "browser: web/node_modules/$tool is missing: scripts/install-deps.sh test installs the test tools" >&2; exit 2; }
done
chromium=${LOOKOUT_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "browser: $chromium is missing (scripts/install-deps.sh test installs it)" >&2; exit 2; }
# ctest names the built assets: pages without their stylesheet would test nothing real.
if [ -n "${LOOKOUT_ASSETS_DIR:-}" ] && [ ! -f "$LOOKOUT_ASSETS_DIR/lookout.css" ]; then
  echo "browser: $LOOKOUT_ASSETS_DIR/lookout.css is missing: build the lookout_assets target" >&2
  exit 2
fi
mkdir -p "$out_dir"
out_dir=$(realpath "$out_dir")
rm -rf "$out_dir/screenshots"  # only this run's pages, no stale failure from an earlier one

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lookout-browser.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    # A graceful stop finishes the requests in progress; give it ten seconds.
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  # The server's log and the run's passwords join the log scan of the test run
  # (tests/ops/log_scan.sh), which checks that no password ever reached the log.
  if [ -n "${LOOKOUT_TEST_LOG_DIR:-}" ] && [ -d "$LOOKOUT_TEST_LOG_DIR" ]; then
    [ -f "${server_log:-}" ] && cp "$server_log" "$LOOKOUT_TEST_LOG_DIR/browser.$$.log"
    [ -f "$tmp/accounts.tsv" ] && cut -f3 "$tmp/accounts.tsv" >"$LOOKOUT_TEST_LOG_DIR/browser.$$.secrets"
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

database="sqlite:$tmp/lookout.db"
lookout() { "$binary" --database "$database" "$@"; }

# A random password for each run: the administrator's is known up front (no forced change);
# everyone else's is the one-time password `user add` prints.
random_password() { node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("base64url"))'; }

# The line after "One-time password ..." holds the password, indented.
one_time_password() {
  awk 'found { gsub(/^[ \t]+|[ \t]+$/, ""); print; exit } /^One-time password/ { found = 1 }'
}

admin_email=admin@example.org
admin_password=$(random_password)
if ! LOOKOUT_ADMIN_PASSWORD="$admin_password" lookout init --admin-email "$admin_email" \
      --admin-name "Ada Admin" >"$tmp/init.log" 2>&1; then
  echo "browser: lookout init failed:" >&2
  cat "$tmp/init.log" >&2
  exit 1
fi

# The programme's objectives, which every task names, a survey with its questions, and one
# record of each kind of the evaluation framework the every-form walk changes (as
# a manager and an analyst would set them up).
for kind in objective scoring-scheme survey survey-question outcome indicator campaign quote outcome-event; do
  if ! lookout import "$kind" "$(dirname "$0")/fixtures/$kind.csv" >"$tmp/import.log" 2>&1; then
    echo "browser: lookout import of $kind failed:" >&2
    cat "$tmp/import.log" >&2
    exit 1
  fi
done

# One line per account, "role TAB email TAB password TAB must-change-password", turned into
# the JSON the journeys read (by node, so any character in a password stays intact).
printf '%s\t%s\t%s\t%s\n' admin "$admin_email" "$admin_password" false >"$tmp/accounts.tsv"
while IFS='|' read -r role name region; do
  email="$role@example.org"
  args=(user add --name "$name" --email "$email" --role "$role")
  [ -z "$region" ] || args+=(--region "$region")
  if ! lookout "${args[@]}" >"$tmp/user.log" 2>&1; then
    echo "browser: lookout user add ($role) failed:" >&2
    cat "$tmp/user.log" >&2
    exit 1
  fi
  password=$(one_time_password <"$tmp/user.log")
  if [ -z "$password" ]; then
    echo "browser: no one-time password in the output of lookout user add ($role):" >&2
    cat "$tmp/user.log" >&2
    exit 1
  fi
  printf '%s\t%s\t%s\t%s\n' "$role" "$email" "$password" true >>"$tmp/accounts.tsv"
done <<'ROLES'
officer|Olu Officer|EM
manager|Mina Manager|
analyst|Ana Analyst|
funder|Fen Funder|
ROLES
accounts=$(node -e '
  const accounts = {};
  for (const line of require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean)) {
    const [role, email, password, mustChange] = line.split("\t");
    accounts[role] = { role, email, password, mustChangePassword: mustChange === "true" };
  }
  process.stdout.write(JSON.stringify(accounts));' <"$tmp/accounts.tsv")

# --port 0: the system picks a free port and the server prints it, so two runs (or other
# tests listening at the same time) never race for a port picked in advance.
# Started directly (not through the lookout function), so $! is the server's own PID.
server_log="$out_dir/server.log"
"$binary" --database "$database" serve --bind 127.0.0.1 --port 0 >"$server_log" 2>&1 &
server_pid=$!

base_url=""
ready=0
for _ in $(seq 1 600); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "browser: lookout serve exited before it was ready:" >&2
    cat "$server_log" >&2
    server_pid=""
    exit 1
  fi
  if [ -z "$base_url" ]; then
    base_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$server_log" | head -n 1 || true)
  fi
  if [ -n "$base_url" ] &&
     node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
       "$base_url/healthz"; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ "$ready" -ne 1 ]; then
  echo "browser: lookout serve did not answer ${base_url:-(no address printed)}/healthz within 60 s:" >&2
  cat "$server_log" >&2
  exit 1
fi
echo "browser: lookout serve is ready at $base_url (log: $server_log)"

status=0
LOOKOUT_BASE_URL="$base_url" LOOKOUT_ACCOUNTS="$accounts" LOOKOUT_BROWSER_OUT="$out_dir" \
  node "$here/journeys.mjs" "$@" || status=$?
exit "$status"
