#!/usr/bin/env bash
# Checks the #include lines of src/ against the layer diagram of docs/architecture.md:
# a layer includes only itself and the layers below it, and vendor headers stay in the
# folder that adapts them. The link lines enforce the same for symbols; this catches
# header-only leaks that linking cannot see.
set -u
src=${1:?usage: layering_test.sh SRC_DIR}
cd "$src" || exit 2

# layer -> the project folders it may include from
declare -A allowed=(
  [core]="core"
  [domain]="core domain"
  [store]="core domain store"
  [io]="core domain io"
  [report]="core domain io report"
  [app]="core domain store io report app"
  [http]="core domain store io report app http"
  [demo]="core domain store io report app demo"
  [cli]="core domain store io report app http demo cli"
)
failures=0
fail() { echo "layering: $1"; failures=$((failures + 1)); }

while IFS= read -r file; do
  layer=${file%%/*}
  [ "$file" = "main.cc" ] && layer=cli
  while IFS= read -r line; do
    inc=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]([^">]+)[">].*/\1/' <<<"$line")
    top=${inc%%/*}
    if [[ "$line" == *'"'* ]]; then
      [[ "$inc" == */* ]] || { fail "$file includes \"$inc\": include project headers by their path from src/"; continue; }
      ok=0
      for a in ${allowed[$layer]}; do [ "$top" = "$a" ] && ok=1; done
      [ $ok -eq 1 ] || fail "$file (layer $layer) includes $inc from layer $top, which is above it or beside it"
    fi
    # The server and its transport, the router and the error body sit under the use
    # cases: they serve any handler, so they know nothing of app/.
    case "$file" in
      http/server.* | http/router.* | http/error_json.* | http/tls.* | http/forwarded.* | \
      http/request_log.* | http/message.*)
        [ "$top" = "app" ] && fail "$file includes $inc: the server, the router and their parts know nothing of app/" ;;
    esac
    # A room of app/ keeps its *_internal.h headers to itself.
    if [[ "$layer" == http && "$top" == app && "$inc" == *_internal.h ]]; then
      fail "$file includes $inc: an app/ header ending in _internal.h is not for http/"
    fi
    case "$inc" in
      sqlite3.h|soci/sqlite3/*)
        [[ "$file" == store/sqlite/* ]] || fail "$file includes $inc: only store/sqlite may" ;;
      libpq-fe.h|postgresql/*|soci/postgresql/*)
        [[ "$file" == store/postgres/* ]] || fail "$file includes $inc: only store/postgres may" ;;
      soci/*)
        [[ "$file" == store/* ]] || fail "$file includes $inc: only store/ may use SOCI" ;;
      boost/beast*|boost/asio*)
        [[ "$file" == http/* ]] || fail "$file includes $inc: only http/ may use Beast and Asio" ;;
      cairo*|pango/*)
        [[ "$file" == report/pdf*.cc || "$file" == report/pdf_writer.h || "$file" == report/chart_cairo.* ]] ||
          fail "$file includes $inc: only the PDF renderer and the chart's cairo drawing may" ;;
      xlsxwriter.h|xlsxwriter/*)
        [[ "$file" == report/xlsx.cc ]] || fail "$file includes $inc: only report/xlsx.cc may" ;;
      csv.h)
        [[ "$file" == io/csv.cc ]] || fail "$file includes <$inc>: only io/csv.cc may (one CSV reader)" ;;
      zip.h|pugixml.hpp)
        [[ "$file" == io/xlsx_reader.cc ]] || fail "$file includes $inc: only io/xlsx_reader.cc may" ;;
    esac
  done < <(grep -E '^[[:space:]]*#[[:space:]]*include' "$file")
done < <(find . -name '*.h' -o -name '*.cc' | sed 's|^\./||' | sort)

if [ $failures -gt 0 ]; then
  echo "layering: $failures violation(s)"
  exit 1
fi
echo "layering: every include respects the layer diagram"
