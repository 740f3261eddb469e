#!/usr/bin/env bash
# /readyz follows the database without a restart: 200 while PostgreSQL answers, 503 while
# it is stopped (with /healthz still 200: the process is alive), and 200 again once it is
# started, all from one `lookout serve` process.
# Usage (from ctest): scripts/with-postgres.sh tests/ops/readyz_postgres_test.sh LOOKOUT_BINARY
set -euo pipefail
binary=$1
: "${LOOKOUT_TEST_POSTGRES_URL:?run this under scripts/with-postgres.sh}"
: "${LOOKOUT_TEST_POSTGRES_CTL:?run this under scripts/with-postgres.sh}"
export LOOKOUT_CONFIG=""  # no configuration file of the machine's

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lookout-readyz.XXXXXX")
pid=""
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  if [ -n "${LOOKOUT_TEST_LOG_DIR:-}" ] && [ -d "$LOOKOUT_TEST_LOG_DIR" ]; then
    cp "$tmp/err" "$LOOKOUT_TEST_LOG_DIR/readyz.$$.log" 2>/dev/null || true  # for the log scan
  fi
  "$LOOKOUT_TEST_POSTGRES_CTL" start >/dev/null 2>&1 || true  # leave the server as found
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "readyz: FAIL: $*" >&2; echo "--- server log:" >&2; cat "$tmp/err" >&2 || true; exit 1; }

"$binary" --database "$LOOKOUT_TEST_POSTGRES_URL" migrate >/dev/null
"$binary" --database "$LOOKOUT_TEST_POSTGRES_URL" serve --port 0 >"$tmp/out" 2>"$tmp/err" &
pid=$!
base=""
for _ in $(seq 1 600); do
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/out" | head -1 || true)
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || fail "lookout serve ended: $(cat "$tmp/out")"
  sleep 0.1
done
[ -n "$base" ] || fail "lookout serve printed no address within 60 s"

status() { curl -s -o "$tmp/body" -w '%{http_code}' --max-time 20 "$base$1" || echo 000; }
# Polls `path` until it answers `want`, for up to `seconds`.
wait_for() {
  local path=$1 want=$2 seconds=$3 got=""
  for _ in $(seq 1 $((seconds * 5))); do
    got=$(status "$path")
    [ "$got" = "$want" ] && return 0
    sleep 0.2
  done
  fail "$path answered $got, not $want, for $seconds s ($(cat "$tmp/body" 2>/dev/null))"
}

wait_for /readyz 200 10
grep -q '"status":"ready"' "$tmp/body" || fail "/readyz body: $(cat "$tmp/body")"
echo "readyz: 200 with PostgreSQL running"

"$LOOKOUT_TEST_POSTGRES_CTL" stop
wait_for /readyz 503 30
grep -q '"code":"unavailable"' "$tmp/body" || fail "/readyz 503 body: $(cat "$tmp/body")"
[ "$(status /healthz)" = 200 ] || fail "/healthz did not answer 200 with the database gone"
echo "readyz: 503 with PostgreSQL stopped; /healthz still 200"

"$LOOKOUT_TEST_POSTGRES_CTL" start
wait_for /readyz 200 60
echo "readyz: 200 again once PostgreSQL is back, same process (pid $pid)"
kill -0 "$pid" || fail "the server is no longer running"
# Every pooled connection was cut: requests that read the database work again (a sign-in
# with an unknown address is looked up and refused: 401, not 503).
for i in $(seq 1 12); do
  got=$(curl -s -o "$tmp/body" -w '%{http_code}' --max-time 20 -H 'Content-Type: application/json' \
        -d '{"email":"nobody@lookout.example","password":"not-a-real-one"}' "$base/api/v1/session")
  [ "$got" = 401 ] || fail "sign-in $i after the database returned answered $got: $(cat "$tmp/body")"
done
echo "readyz: requests that read the database succeed again"

kill -TERM "$pid"
wait "$pid" || fail "lookout serve did not stop cleanly"
pid=""
echo "readyz: PASS"
