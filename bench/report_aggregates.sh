#!/usr/bin/env bash
# Times each query of bench/report_aggregates.sql in the engine's own command-line tool:
# sqlite3 with `.timer on`, psql with `\timing on`. Each query runs RUNS times (default 3)
# in one session; the mean is printed, one line per query:
#   ENGINE<TAB>KEY<TAB>WHAT<TAB>SECONDS<TAB>ROWS
# Usage: bench/report_aggregates.sh sqlite3 FILE [RUNS]
#        bench/report_aggregates.sh psql URL [RUNS]
set -euo pipefail
tool=${1:?usage: $0 sqlite3 FILE | psql URL [RUNS]}
target=${2:?usage: $0 sqlite3 FILE | psql URL [RUNS]}
runs=${3:-3}
sql="$(dirname "$0")/report_aggregates.sql"

# The queries: "KEY<TAB>WHAT<TAB>SQL on one line", from the "-- query KEY: what" markers.
queries=$(awk '
  /^-- query / {
    if (key != "") print key "\t" what "\t" text
    line = substr($0, 10); key = substr(line, 1, index(line, ":") - 1)
    what = substr(line, index(line, ":") + 2); text = ""; next
  }
  /^--/ || /^[[:space:]]*$/ { next }
  key != "" { text = text " " $0 }
  END { if (key != "") print key "\t" what "\t" text }
' "$sql")

mean() { awk '{ s += $1 } END { printf "%.6f\n", s / NR }'; }

while IFS=$'\t' read -r key what text; do
  case "$tool" in
    sqlite3)
      out=$({
        echo ".timer on"
        for _ in $(seq "$runs"); do echo "$text"; done
      } | sqlite3 -bail -readonly "$target")
      seconds=$(awk '/^Run Time:/ { print $4 }' <<<"$out" | mean)
      rows=$(grep -vc '^Run Time:' <<<"$out" || true)
      ;;
    psql)
      out=$({
        echo '\timing on'
        for _ in $(seq "$runs"); do echo "$text"; done
      } | psql -X -q -A -t -v ON_ERROR_STOP=1 "$target")
      seconds=$(awk '/^Time: / { printf "%.6f\n", $2 / 1000 }' <<<"$out" | mean)
      rows=$(grep -Evc '^(Time: |Timing is )' <<<"$out" || true)
      ;;
    *)
      echo "usage: $0 sqlite3 FILE | psql URL [RUNS]" >&2
      exit 2
      ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$key" "$what" "$seconds" "$((rows / runs))"
done <<<"$queries"
