#!/usr/bin/env bash
# Sets up everything and runs CareEval: the sync server with its embedded SQLite database and demo
# data (institutions, a team, a supervisor, inspections on the shipped templates) on
# http://127.0.0.1:8080. Ctrl-C stops it gracefully; the data stays in ./careeval-data.
# The tablet app is not built yet (issue #4); until then the server is used with curl, as printed.
# Usage: scripts/run.sh [--listen HOST:PORT] [--data DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
listen=127.0.0.1:8080
data=careeval-data
while [ $# -gt 0 ]; do
    case "$1" in
        --listen) listen=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        *) echo "usage: scripts/run.sh [--listen HOST:PORT] [--data DIR]" >&2; exit 2 ;;
    esac
done

scripts/deps.sh core >/dev/null
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target careeval careeval-server >/dev/null

cat <<TXT
CareEval sync server on http://$listen with demo data (password for every demo account: demo-2025)
  sign in:   curl -s -X POST http://$listen/api/v1/auth/login -d '{"username":"li.hua","password":"demo-2025"}'
  then:      curl -s -H "Authorization: Bearer TOKEN" http://$listen/api/v1/inspections
  push:      POST /api/v1/inspections/demo-pilot-changchun-01/ops {"ops":[…]}  (see docs/api/openapi.yaml)
  team view: GET /api/v1/inspections/demo-pilot-changchun-01/state
  the core on the command line: build/shared/careeval score assets/templates/jilin-pilot-standardization.json assets/demo/pilot.ops.jsonl --text
Ctrl-C stops the server.
TXT
exec build/syncserver/careeval-server --data "$data" --listen "$listen" --demo
