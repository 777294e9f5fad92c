#!/usr/bin/env bash
# Sets up everything (Debian packages, build) and runs every test: the normal build (core, server, app,
# QML), then the core's and server's tests again under AddressSanitizer + UndefinedBehaviorSanitizer
# (the app is left out of that build: Qt Quick under ASan adds minutes and finds nothing of ours that
# the model and controller tests miss). Exit status 0 only if all pass.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/deps.sh core

echo "== npm packages of the API contract test (pinned by tests/contract/package-lock.json)"
if ! (cd tests/contract && npm ls --depth=0 >/dev/null 2>&1); then
    (cd tests/contract && npm ci --no-audit --no-fund)
fi

echo "== npm packages of the object-store test (s3rver and the AWS SDK, pinned by tests/s3/package-lock.json)"
if ! (cd tests/s3 && npm ls --depth=0 >/dev/null 2>&1); then
    (cd tests/s3 && npm ci --no-audit --no-fund)
fi

echo "== the office console (syncserver/web: npm ci when needed, type check, Vite build)"
scripts/web.sh --check

echo "== formatting (clang-format, .clang-format at the root)"
if ! git ls-files '*.cpp' '*.h' | grep -v '^tests/fuzz/corpus/' | xargs clang-format --dry-run --Werror; then
    echo "formatting: run  git ls-files '*.cpp' '*.h' | xargs clang-format -i  and commit" >&2
    exit 1
fi

echo "== build (RelWithDebInfo)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
echo "== qmllint (zero warnings; the all_qmllint target over every QML file)"
lint=$(cmake --build build --target all_qmllint 2>&1 || true)
if grep -E '^(Warning|Info|Error)' <<<"$lint"; then
    echo "qmllint: the QML above needs fixing (cmake --build build --target all_qmllint)" >&2
    exit 1
fi
echo "== tests"
(cd build && ctest --output-on-failure -j "$jobs")

echo "== tests under ASan + UBSan (core and server)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCAREEVAL_SANITIZE=ON -DCAREEVAL_BUILD_BENCH=OFF -DCAREEVAL_BUILD_APP=OFF >/dev/null
cmake --build build-asan -j "$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure -j "$jobs" -L "shared|syncserver" -E "^(tst_oneresult_pg|tst_server_pg)$")
# (the two longest PostgreSQL repeats are left out of the sanitizer stage: the same routes run there
# on SQLite, and the PostgreSQL store under ASan through tst_service_pg, tst_hostile_pg, tst_pgstore_pg,
# s3_pg and instances_pg; the normal stage runs them all)
