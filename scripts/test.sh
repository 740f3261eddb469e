#!/usr/bin/env bash
# Installs what is missing, builds Lookout with AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs every test: unit, store contract on SQLite and on a
# real PostgreSQL 15 server started for the run (and stopped after), HTTP and CLI tests.
# The build treats compiler warnings as errors (LOOKOUT_WERROR): a warning fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}

echo "lookout: [1/3] installing what is missing (Debian packages, Node.js, front-end and test tools)"
scripts/install-deps.sh test

echo "lookout: [2/3] building (preset asan: debug + ASan + UBSan, warnings as errors)"
cmake --preset asan -DLOOKOUT_WERROR=ON >/dev/null
cmake --build --preset asan -j "$jobs"

echo "lookout: [3/3] running the tests"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
# The whole run logs thousands of requests; the log scan (tests/ops/log_scan.mjs) fails if
# it saw fewer, so it cannot pass by scanning nothing.
export LOOKOUT_LOG_SCAN_MIN_REQUESTS=${LOOKOUT_LOG_SCAN_MIN_REQUESTS:-1000}
scripts/with-postgres.sh ctest --preset asan -j "$jobs" --no-tests=error
