#!/usr/bin/env bash
# Installs the Debian packages CareEval needs, skipping those already present. Idempotent; safe to
# run on every build. Usage: scripts/deps.sh [core|all]   (core: enough for the core, CLI and tests)
set -euo pipefail

core=(cmake ninja-build g++ pkg-config
      qt6-base-dev nlohmann-json3-dev libsqlite3-dev sqlite3
      libboost1.81-dev libssl-dev libsodium-dev libxlsxwriter-dev openssl curl)
# Used for fuzzing with libFuzzer; the ordinary test run replays the corpus without it.
fuzz=(clang libclang-rt-14-dev)

want=("${core[@]}")
if [ "${1:-core}" = all ]; then
    want+=("${fuzz[@]}")
fi

missing=()
for p in "${want[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: all ${#want[@]} packages present"
    exit 0
fi
echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
