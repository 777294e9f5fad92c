#!/usr/bin/env bash
# A throwaway S3-compatible store on loopback for the server's tests (s3rver from tests/s3's npm
# packages; bucket "photos"; access key and secret S3RVER):
#   scripts/s3-server.sh start PORT   → prints the --blobs location to use
#   scripts/s3-server.sh stop PORT
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cmd=${1:?usage: s3-server.sh start|stop PORT}
port=${2:?usage: s3-server.sh start|stop PORT}
dir="${TMPDIR:-/tmp}/careeval-s3test-$port"
js="$root/tests/s3/node_modules/s3rver/bin/s3rver.js"

stop() {
    if [ -f "$dir/pid" ]; then
        kill "$(cat "$dir/pid")" 2>/dev/null || true
    fi
    rm -rf "$dir"
}

case "$cmd" in
start)
    stop
    if [ ! -f "$js" ]; then
        echo "s3-server: s3rver is not installed (cd tests/s3 && npm ci)" >&2
        exit 1
    fi
    mkdir -p "$dir"
    # Detached, every descriptor redirected: ctest waits for the pipes of what a test starts.
    setsid node "$js" -d "$dir/data" -a 127.0.0.1 -p "$port" --silent --configure-bucket photos \
        </dev/null >"$dir/log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 100); do
        if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
            echo "s3://photos?endpoint=http://127.0.0.1:$port&region=us-east-1"
            exit 0
        fi
        sleep 0.1
    done
    cat "$dir/log" >&2
    exit 1
    ;;
stop)
    stop
    ;;
*)
    echo "usage: s3-server.sh start|stop PORT" >&2
    exit 2
    ;;
esac
