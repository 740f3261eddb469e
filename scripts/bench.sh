#!/usr/bin/env bash
# Measures Lookout on this machine: the store's hot paths (Google Benchmark) and the
# HTTP API under load with wrk on loopback, next to nginx serving a static file of the
# same size in the same run; then the impact report on ten years of data, on SQLite and
# PostgreSQL, beside the same aggregates written by hand in sqlite3 and psql. Prints the
# figures that docs/performance.md records.
# Usage: scripts/bench.sh [DURATION_SECONDS (default 10)] [CONNECTIONS (default 64)]
#   LOOKOUT_BENCH_REPORT=0 leaves the impact report step out (it takes about ten minutes
#   the first time, five after: the dataset is kept in build/bench/data/).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-64}

scripts/install-deps.sh bench
cmake --preset bench >/dev/null
cmake --build --preset bench

work=$(mktemp -d)
chmod 755 "$work"  # nginx workers do not run as root and must read www/
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== machine"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') x $(nproc)"
echo "memory: $(free -h | awk '/Mem:/ {print $2}')"
echo

echo "== store hot paths (Google Benchmark, SQLite file database with the demo programme)"
build/bench/store_bench --benchmark_min_time=1 --benchmark_counters_tabular=true
echo

echo "== web pages (Google Benchmark, each page rendered as its role on the demo programme)"
build/bench/page_bench --benchmark_min_time=0.5
echo

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

echo "== HTTP on loopback (wrk, ${connections} connections, ${duration}s each, 2 threads)"
db="sqlite:$work/bench.db"
build/bench/lookout --database "$db" demo >/dev/null
port=$(free_port)
build/bench/lookout --database "$db" serve --bind 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

# Every request is a manager's, with an API token made from a signed-in session (the
# demo's manager account), as a script would call the API.
base="http://127.0.0.1:$port/api/v1"
csrf=$(curl -fs -c "$work/cookies" -X POST "$base/session" -H 'Content-Type: application/json' \
  -d '{"email":"helen.marsh@lookout.example","password":"manager-demo-pass"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
token=$(curl -fs -b "$work/cookies" -X POST "$base/api-tokens" -H 'Content-Type: application/json' \
  -H "X-CSRF-Token: $csrf" -d "{\"name\":\"bench\",\"expires_on\":\"$(date -d tomorrow +%F)\"}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth="Authorization: Bearer $token"

list_url="$base/tasks?limit=50"
one_id=$(curl -fs -H "$auth" "$base/tasks?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
one_url="$base/tasks/$one_id"

# nginx serves files of exactly the sizes of the two GET responses.
mkdir -p "$work/www" "$work/nginx"
curl -fs -H "$auth" "$list_url" >"$work/www/list.json"
curl -fs -H "$auth" "$one_url" >"$work/www/one.json"
nport=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nport; root $work/www; }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
sleep 0.5

cat >"$work/insert.lua" <<LUA
counter = 0
request = function()
  counter = counter + 1
  local body = '{"name":"Bench partner ' .. counter .. '","sector":"transport","region":"EM"}'
  return wrk.format("POST", "/api/v1/partners",
                    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token"}, body)
end
LUA

run() {
  local label=$1; shift
  local out
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" 2>&1)
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ' || true)
  printf '| %-38s | %10s | %8s | %8s | %s\n' "$label" "$rps" "$p50" "$p99" "${errors:-none}"
}
printf '| %-38s | %10s | %8s | %8s | %s\n' "request" "req/s" "p50" "p99" "errors"
run "GET list of 50 tasks ($(stat -c %s "$work/www/list.json") B)" -H "$auth" "$list_url"
run "nginx static file, same size" "http://127.0.0.1:$nport/list.json"
run "GET one task ($(stat -c %s "$work/www/one.json") B)" -H "$auth" "$one_url"
run "nginx static file, same size" "http://127.0.0.1:$nport/one.json"
run "POST one partner (insert)" -s "$work/insert.lua" "http://127.0.0.1:$port"
echo
echo "(wrk runs on the same cores as the servers: compare the rows, do not quote them alone)"

echo
echo "== the impact report on ten years of data (Google Benchmark on SQLite and PostgreSQL; the"
echo "   same aggregates by hand in sqlite3 and psql, bench/report_aggregates.sql)"
if [ "${LOOKOUT_BENCH_REPORT:-1}" = 0 ]; then
  echo "(left out: LOOKOUT_BENCH_REPORT=0)"
else
  # The dataset (1 million activities, 5 million survey answers) is generated once into
  # build/bench/data/ and reused; PostgreSQL is given the same rows in each run.
  build/bench/report_bench --generate-only
  dataset=$(build/bench/report_bench --print-dataset-path)
  scripts/with-postgres.sh bash -c '
    build/bench/report_bench --benchmark_out="$1/report.json" --benchmark_out_format=json &&
      bench/report_aggregates.sh psql "$LOOKOUT_TEST_POSTGRES_URL" >"$1/psql.tsv"' report "$work"
  bench/report_aggregates.sh sqlite3 "$dataset" >"$work/sqlite3.tsv"
  echo
  echo "Mean of 3 runs each, in seconds of wall time (Lookout: the use case or store call in"
  echo "Google Benchmark; sqlite3 and psql: the hand-written query, timed by the tool):"
  python3 bench/report_table.py "$work/report.json" "$work/sqlite3.tsv" "$work/psql.tsv"
fi
