#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback for the server's tests (the *_pg variants in ctest):
#   scripts/pg-cluster.sh start PORT   → initdb in a temporary folder, start, print the URL to use
#   scripts/pg-cluster.sh stop PORT    → stop it and remove the folder
# PostgreSQL refuses to run as root: as root, it runs as the postgres user (Debian's package makes it).
# Durability is off (fsync, synchronous_commit): the tests check behaviour, not power-loss survival;
# the bench (bench_versus_pg) runs its own cluster with both on.
set -euo pipefail
PG=/usr/lib/postgresql/15/bin
cmd=${1:?usage: pg-cluster.sh start|stop PORT}
port=${2:?usage: pg-cluster.sh start|stop PORT}
dir="${TMPDIR:-/tmp}/careeval-pgtest-$port"

as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -x "$PG/initdb" ]; then
    echo "pg-cluster: PostgreSQL 15 is not installed (scripts/deps.sh installs postgresql-15)" >&2
    exit 1
fi

stop() {
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_pg "$PG/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

case "$cmd" in
start)
    stop # a cluster left by an interrupted run
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
    as_pg "$PG/initdb" -D "$dir/data" -A trust -U careeval -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$PG/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null || { cat "$dir/log" >&2; exit 1; }
    echo "postgresql://careeval@127.0.0.1:$port/postgres"
    ;;
stop)
    stop
    ;;
*)
    echo "usage: pg-cluster.sh start|stop PORT" >&2
    exit 2
    ;;
esac
