#!/usr/bin/env bash
# Writes what Lookout gives out for the demo programme (seed 2026) into a folder: every
# kind exported as CSV and JSON, the impact report in every format but PDF and the
# quarterly return, and the JSON API's answers to a set of reads as each demo role. Two
# builds' folders compared with `diff -r` show whether a change altered any output: a
# restructuring must leave them byte-identical. What belongs to the run itself (its
# times, request ids, the audit chain's hashes) is replaced by RUN-TIME, RUN-ID, RUN-HASH.
#   scripts/output-snapshot.sh path/to/lookout OUT_DIR
set -euo pipefail
lookout=$(realpath "${1:?usage: output-snapshot.sh LOOKOUT OUT_DIR}")
out=${2:?usage: output-snapshot.sh LOOKOUT OUT_DIR}
rm -rf "$out" && mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export LOOKOUT_DATABASE="sqlite:$work/demo.db" LOOKOUT_CONFIG=""
today=$(date -u +%Y-%m-%d)
# Stamps of this run (today's date and time) are not the output's: they differ every run.
# So are request ids, and the audit trail's hashes, which chain those stamps.
unstamp() {
  sed -E -e "s/${today}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z?/RUN-TIME/g" \
    -e 's/"request_id":"[0-9a-f]{32}"/"request_id":"RUN-ID"/g' \
    -e 's/"(prev_hash|hash)":"[0-9a-f]{64}"/"\1":"RUN-HASH"/g'
}

"$lookout" demo > "$out/demo.txt" 2>&1
"$lookout" export all --format csv -o "$work/csv" > /dev/null
"$lookout" export all --format json -o "$work/json" > /dev/null
mkdir -p "$out/export"
for f in "$work"/csv/* "$work"/json/*; do unstamp < "$f" > "$out/export/$(basename "$f")"; done
mkdir -p "$out/report"
for period in 2025-26 "2025-26 Q3"; do
  for region in "" EM; do
    for format in html md json; do
      name="impact-${period// /-}${region:+-$region}.$format"
      "$lookout" report impact --period "$period" ${region:+--region "$region"} \
        --format "$format" --public-url https://lookout.example.org | unstamp > "$out/report/$name"
    done
  done
done
"$lookout" report quarterly --period 2025-26 --format csv | unstamp > "$out/report/quarterly-2025-26.csv"

# The API as each role sees it.
"$lookout" serve --port 0 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/serve.log" | head -1 | sed 's/.*://') || true
  [ -n "${port:-}" ] && break
  sleep 0.1
done
[ -n "${port:-}" ] || { echo "output-snapshot: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
base="http://127.0.0.1:$port"
mkdir -p "$out/api"
paths=(
  "/api/v1/tasks?limit=100" "/api/v1/tasks/5" "/api/v1/tasks/5/history" "/api/v1/activities?limit=100&sort=-date"
  "/api/v1/insights?limit=50" "/api/v1/partners?q=hotel" "/api/v1/reach?period=2025-26"
  "/api/v1/reach?period=2025-26&region=EM" "/api/v1/surveys" "/api/v1/survey-responses?limit=20"
  "/api/v1/quotes" "/api/v1/case-studies" "/api/v1/outcome-events" "/api/v1/staff"
  "/api/v1/audit?limit=20" "/api/v1/tasks?status=nonsense" "/api/v1/nothing" "/api/v1/openapi.json"
)
while read -r role email password; do
  jar="$work/$role.cookies"
  curl -s -c "$jar" -H 'Content-Type: application/json' -X POST "$base/api/v1/session" \
    -d "{\"email\": \"$email\", \"password\": \"$password\"}" > /dev/null
  for p in "${paths[@]}"; do
    name=$(printf '%s' "$role$p" | tr -c 'A-Za-z0-9._-' '_')
    curl -s -b "$jar" -w '\n%{http_code}\n' "$base$p" | unstamp > "$out/api/$name"
  done
done < <(sed -nE 's/^  ([a-z]+): ([^ ]+)  password: (.+)$/\1 \2 \3/p' "$out/demo.txt")
echo "output-snapshot: $(find "$out" -type f | wc -l) files in $out"
