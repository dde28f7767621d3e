#!/usr/bin/env bash
# Runs a program on a private virtual X display (Xvfb): Qt WebEngine does not work on the
# offscreen platform the other widget tests use. Xvfb picks a free display itself
# (-displayfd), so tests may run in parallel.
#
# Usage: tests/gui/run-xvfb.sh PROGRAM [ARGS...]
# Exit: the program's, or 77 (loudly) when Xvfb is missing -- never under CI=true.
set -uo pipefail
if ! command -v Xvfb >/dev/null 2>&1; then
    if [[ "${CI:-}" == "true" ]]; then
        echo "ERROR: Xvfb is not installed (Debian package xvfb) -- and CI=true." >&2
        exit 1
    fi
    echo "################################################################################" >&2
    echo "##  SKIPPED: $(basename "$1") needs Xvfb (Debian package xvfb); nothing was tested." >&2
    echo "################################################################################" >&2
    exit 77
fi
tmp=$(mktemp -d)
Xvfb -displayfd 5 -noreset -screen 0 1400x1000x24 -nolisten tcp 5>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb=$!
for _ in $(seq 100); do
    [[ -s "$tmp/display" ]] && break
    sleep 0.1
done
if [[ ! -s "$tmp/display" ]]; then
    echo "run-xvfb: Xvfb did not start:" >&2; cat "$tmp/xvfb.log" >&2
    kill "$xvfb" 2>/dev/null; rm -rf "$tmp"; exit 1
fi
DISPLAY=":$(head -n1 "$tmp/display")"
export DISPLAY
export QT_QPA_PLATFORM=xcb
# Chromium (inside WebEngine) refuses to run as root with its sandbox; tests only.
[[ $(id -u) -eq 0 ]] && export QTWEBENGINE_DISABLE_SANDBOX=1
# No GPU under Xvfb: software compositing, without a GPU process trying GL first.
export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:---disable-gpu}"
"$@"
rc=$?
kill "$xvfb" 2>/dev/null
wait "$xvfb" 2>/dev/null
rm -rf "$tmp"
exit "$rc"
