#!/usr/bin/env bash
# Installs the Debian packages CareEval needs, skipping those already present. Idempotent; safe to
# run on every build. Usage: scripts/deps.sh [core|bench|all]   (core: enough for the core, CLI and tests)
set -euo pipefail

core=(cmake ninja-build g++ pkg-config clang-format git
      qt6-base-dev nlohmann-json3-dev libsqlite3-dev sqlite3
      libboost1.81-dev libssl-dev libsodium-dev libxlsxwriter-dev openssl curl
      # the tablet app (QML modules barely depend on each other: every one is named)
      qt6-declarative-dev qt6-declarative-dev-tools qt6-tools-dev qt6-l10n-tools qt6-multimedia-dev
      libqt6sql6-sqlite
      qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript qml6-module-qtquick
      qml6-module-qtquick-window qml6-module-qtquick-layouts qml6-module-qtquick-templates
      qml6-module-qtquick-controls qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel
      qml6-module-qt-labs-platform qml6-module-qt-labs-settings qml6-module-qtcore qml6-module-qtmultimedia
      qml6-module-qttest
      # Qt's own strings in Chinese (dialog buttons: 确定/取消, the file dialog)
      qt6-translations-l10n
      gstreamer1.0-plugins-base gstreamer1.0-plugins-good libgl1-mesa-dri libglx-mesa0 libegl-mesa0
      xvfb xauth poppler-utils fonts-wqy-microhei
      # promtool (from Prometheus) lints the server's /metrics in the test suite
      prometheus
      # the office console's browser test (Playwright drives Debian's Chromium; no browser download)
      chromium
      # the server's PostgreSQL backend (libpq) and the cluster its tests and bench start themselves
      postgresql-15 libpq-dev
      # photos in an S3-compatible object store (--blobs s3://…): libcurl signs the requests (SigV4)
      libcurl4-openssl-dev
      # the load balancer in front of two server instances in the instances test
      nginx-light)
# Used for fuzzing with libFuzzer; the ordinary test run replays the corpus without it.
fuzz=(clang libclang-rt-14-dev)
# bench_versus_pg needs nothing beyond core since PostgreSQL became a backend (kept as a name).
bench=()

want=("${core[@]}")
case "${1:-core}" in
    all) want+=("${fuzz[@]}") ;;
esac

# Node.js and npm (the API contract test's linter and validator; later the web console) come with the
# machine image (Node 20); on a bare Debian 12 they come from the archive.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    want+=(nodejs npm)
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
