#!/usr/bin/env bash
# Fuzzes the template parser and the operation parser/merge with libFuzzer (clang), each for
# SECONDS (default 60), starting from and adding to the corpus under tests/fuzz/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/deps.sh all >/dev/null
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAREEVAL_FUZZ=ON -DCAREEVAL_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz --target fuzz_template fuzz_operation
for target in template operation; do
    mkdir -p "tests/fuzz/corpus-work/$target"
    echo "== fuzz_$target for ${seconds}s"
    build-fuzz/tests/fuzz_$target -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -artifact_prefix="tests/fuzz/crash-$target-" "tests/fuzz/corpus-work/$target" "tests/fuzz/corpus/$target"
done
echo "New interesting inputs are in tests/fuzz/corpus-work/; merge the useful ones into tests/fuzz/corpus/ with -merge=1."
