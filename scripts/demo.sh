#!/usr/bin/env bash
# Installs what is missing, builds a release binary, creates var/lookout.db with the
# reference data and a demo programme if it does not exist, and serves Lookout on
# http://127.0.0.1:8080 (PORT=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8080}

echo "lookout: [1/3] installing what is missing (Debian packages, Node.js, Sass and GOV.UK Frontend)"
scripts/install-deps.sh build

echo "lookout: [2/3] building the release binary (first build takes a few minutes)"
cmake --preset release >/dev/null
cmake --build --preset release

echo "lookout: [3/3] preparing var/lookout.db and serving"
mkdir -p var
exec build/release/lookout --database "sqlite:var/lookout.db" demo --serve --bind 127.0.0.1 --port "$port"
