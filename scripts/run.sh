#!/usr/bin/env bash
# Sets up everything and runs CareEval: the sync server with its embedded SQLite database and demo
# data (institutions, a team, a supervisor, inspections on the shipped templates with a recorded day
# of team work: one in progress, one submitted, one approved, photos) on http://127.0.0.1:8080, and
# the office console at the same address. Ctrl-C stops it gracefully; the data stays in ./careeval-data.
# Then it starts the tablet app signed in to that server as the demo team lead (li.hua), with its own
# tablet data in ./careeval-data/tablet. Closing the app or Ctrl-C stops both.
# Without a display (no DISPLAY/WAYLAND_DISPLAY) the app checks every page offscreen and the server
# keeps running for curl.
# Usage: scripts/run.sh [--listen HOST:PORT] [--data DIR] [--user NAME]
set -euo pipefail
cd "$(dirname "$0")/.."
listen=127.0.0.1:8080
data=careeval-data
user=li.hua
while [ $# -gt 0 ]; do
    case "$1" in
        --listen) listen=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --user) user=$2; shift 2 ;;
        *) echo "usage: scripts/run.sh [--listen HOST:PORT] [--data DIR] [--user NAME]" >&2; exit 2 ;;
    esac
done

scripts/deps.sh core >/dev/null
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target careeval careeval-server careeval-app >/dev/null
scripts/web.sh >/dev/null
admin_password=${CAREEVAL_ADMIN_PASSWORD:-admin-demo-2025}

cat <<TXT
CareEval sync server on http://$listen with demo data
  office console (browser): http://$listen/
    admin / $admin_password (on a data folder's first start)   supervisor chen.jing / demo-2025
  demo team (password demo-2025): li.hua (lead), wang.fang, zhang.wei, liu.min, zhao.lei, sun.li, zhou.jie, wu.hao, zheng.yan, feng.lin, he.mei
  sign in:   curl -s -X POST http://$listen/api/v1/auth/login -d '{"username":"li.hua","password":"demo-2025"}'
  then:      curl -s -H "Authorization: Bearer TOKEN" http://$listen/api/v1/inspections
  team view: GET /api/v1/inspections/demo-pilot-changchun-01/state   (API: docs/api/openapi.yaml)
  the core on the command line: build/shared/careeval score assets/templates/jilin-pilot-standardization.json assets/demo/pilot.ops.jsonl --text
TXT
mkdir -p "$data"
build/syncserver/careeval-server --data "$data" --listen "$listen" --demo-work --admin-password "$admin_password" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null' EXIT INT TERM
for _ in $(seq 1 100); do
    curl -sf "http://$listen/healthz" >/dev/null 2>&1 && break
    kill -0 $server 2>/dev/null || { echo "the server did not start" >&2; exit 1; }
    sleep 0.1
done

app=(build/mobile/careeval-app --data "$data/tablet" --server "http://$listen" --user "$user" --password demo-2025)
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "Tablet app: signed in as $user; close its window (or Ctrl-C) to stop both."
    "${app[@]}"
else
    echo "No display: checking every app page offscreen instead; the server keeps running (Ctrl-C stops it)."
    # The app's own demo inspection, in a tablet folder of its own (the server's copy of the demo is
    # approved by now, so it would open read-only).
    build/mobile/careeval-app --data "$data/selftest" --self-test || true
    wait $server
fi
