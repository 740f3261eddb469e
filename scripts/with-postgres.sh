#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL 15 server.
#
# Usage: scripts/with-postgres.sh CMD [ARGS...]
#
# Starts a private server in a new temporary folder, listening on a free loopback port,
# creates the database lookout_test, exports
#   LOOKOUT_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:PORT/lookout_test
#   LOOKOUT_TEST_POSTGRES_CTL=a script: `$LOOKOUT_TEST_POSTGRES_CTL stop|start` stops or
#                             starts this server (for tests of losing the database)
# runs CMD, then stops the server and removes the folder, whatever happened. Exits with
# CMD's exit code (or 1 if the server could not be started). Touches no other cluster.
# Works as root (the server then runs as the postgres user, as PostgreSQL requires) and
# as an ordinary user, and several copies can run at once.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: $bin/initdb not found: install postgresql-15 (scripts/install-deps.sh test)" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/lookout-pg.XXXXXX")
# The server's user must be able to reach its folders inside the temporary one.
chmod 755 "$dir"

if [ "$(id -u)" -eq 0 ]; then
  # From inside the temporary folder: the caller's directory may be closed to postgres.
  as_server() { (cd "$dir" && su postgres -c "$*"); }
  install -d -o postgres -g postgres "$dir/data" "$dir/sock"
else
  as_server() { bash -c "$*"; }
  install -d "$dir/data" "$dir/sock"
fi
q() { printf '%q' "$1"; }

started=0
cleanup() {
  local rc=$?
  if [ $started -eq 1 ]; then
    as_server "$bin/pg_ctl -D $(q "$dir/data") stop -m fast" >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

as_server "$bin/initdb -D $(q "$dir/data") -A trust -U postgres -E UTF8 --locale=C.UTF-8" \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

# Pick a free port; if another run takes it between the check and the start, try again.
# The data is thrown away afterwards, so the server skips flushing to disk (fsync=off and
# friends): schema creation in each test is then several times faster.
start_command() {
  echo "$bin/pg_ctl -D $(q "$dir/data") -l $(q "$dir/sock/pg.log") -w -t 60" \
       "-o \"-p $1 -k $(q "$dir/sock") -c listen_addresses=127.0.0.1 -c fsync=off" \
       "-c synchronous_commit=off -c full_page_writes=off\" start"
}
port=
for attempt in $(seq 1 20); do
  candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
  port_in_use "$candidate" && continue
  if as_server "$(start_command "$candidate")" >/dev/null 2>&1; then
    port=$candidate
    started=1
    break
  fi
done
if [ -z "$port" ]; then
  echo "with-postgres: could not start PostgreSQL; its log:" >&2
  cat "$dir/sock/pg.log" >&2 2>/dev/null || true
  exit 1
fi

"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres lookout_test

# stop|start for tests that take the database away and bring it back.
if [ "$(id -u)" -eq 0 ]; then run_as="cd $(q "$dir") && su postgres -c"; else run_as="bash -c"; fi
cat >"$dir/ctl" <<EOF
#!/usr/bin/env bash
set -euo pipefail
case "\${1:-}" in
  stop) cmd=$(q "$bin/pg_ctl -D $(q "$dir/data") -w -t 60 stop -m fast") ;;
  start) cmd=$(q "$(start_command "$port")") ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
$run_as "\$cmd" >/dev/null
EOF
chmod 755 "$dir/ctl"

export LOOKOUT_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/lookout_test"
export LOOKOUT_TEST_POSTGRES_CTL="$dir/ctl"
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port (LOOKOUT_TEST_POSTGRES_URL is set)" >&2

set +e
"$@"
rc=$?
set -e
exit $rc
