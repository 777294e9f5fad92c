#!/usr/bin/env bash
# Sets up everything and runs CareEval. Today that is the core on the command line: it validates the
# shipped templates and merges and scores a day of team work on each (assets/demo/*.ops.jsonl).
# Usage: scripts/run.sh [--lang en]
set -euo pipefail
cd "$(dirname "$0")/.."
lang=zh
if [ "${1:-}" = "--lang" ] && [ -n "${2:-}" ]; then lang=$2; fi

scripts/deps.sh core >/dev/null
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target careeval >/dev/null

cli=build/shared/careeval
echo "== templates"
$cli validate assets/templates/*.json
for demo in pilot:jilin-pilot-standardization safety:nursing-home-quality-safety satisfaction:resident-satisfaction; do
    echo
    echo "== ${demo%%:*}: assets/demo/${demo%%:*}.ops.jsonl"
    $cli score "assets/templates/${demo#*:}.json" "assets/demo/${demo%%:*}.ops.jsonl" --text --lang "$lang"
done
echo
echo "Full merged state as JSON: $cli score TEMPLATE OPS.jsonl"
echo "Draw a reproducible sample: $cli sample --seed 20251125 --population 126 --k 13 --replacements 2"
