#!/usr/bin/env bash
# Writes a screenshot of every page of the demo inspection — sign-in, assignments, overview, the eight
# steps, photo viewer, signature pad, resident mode, a date picker, settings and its sign-out confirmation, the
# conclusion with the reasons it is open, and the supervisor's read-only step page — in Chinese and English, landscape (1280x800) and portrait (800x1280), under Xvfb
# (offscreen rendering skips parts of the Material style). Usage: scripts/screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/screenshots}
app=build/mobile/careeval-app
[ -x "$app" ] || { echo "build first: scripts/test.sh or cmake --build build" >&2; exit 1; }
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
mkdir -p "$out"
for lang in zh en; do
    for size in 1280x800 800x1280; do
        data=$(mktemp -d)  # a fresh tablet each time: the walk imports a photo into the demo inspection
        xvfb-run -a -s "-screen 0 1400x1400x24" "$app" --data "$data" --screenshots "$out" --lang "$lang" --size "$size"
        rm -rf "$data"
    done
done
# The PDF report of a whole evaluation (written by the capture test), page by page.
if [ -x build/tests/tst_capture ]; then
    rm -f "$out/report.pdf"
    CAREEVAL_KEEP_REPORT="$out/report.pdf" QT_QPA_PLATFORM=offscreen build/tests/tst_capture wholeEvaluationAndReport >/dev/null
    rm -f "$out"/report-*.png
    pdftoppm -r 60 -png "$out/report.pdf" "$out/report"
fi
echo "screenshots in $out"
