#!/usr/bin/env bash
# Builds the office console (syncserver/web) into syncserver/web/dist, which careeval-server serves at
# "/". Installs its npm packages (pinned by package-lock.json) with `npm ci` when they are missing or
# differ from the lock. --check also type-checks the TypeScript and Vue files first.
set -euo pipefail
cd "$(dirname "$0")/../syncserver/web"
if ! npm ls --depth=0 >/dev/null 2>&1; then
    npm ci --no-audit --no-fund
fi
if [[ "${1:-}" == "--check" ]]; then
    npx --no-install vue-tsc --noEmit
fi
npx --no-install vite build --logLevel warn
echo "office console built: syncserver/web/dist"
