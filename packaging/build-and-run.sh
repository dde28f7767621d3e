#!/usr/bin/env bash
# Quick start, step 1: install what is missing (asks first unless --yes), make sure a
# container engine runs, build, and launch the tray application.
#
# Usage: packaging/build-and-run.sh [--yes] [--no-launch]
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${OCS_BUILD_DIR:-$src/build}
yes=()
launch=1
for a in "$@"; do
    case "$a" in
        --yes|-y) yes=(--yes) ;;
        --no-launch) launch=0 ;;
        *) echo "usage: $0 [--yes] [--no-launch]" >&2; exit 2 ;;
    esac
done

"$src/packaging/install-deps.sh" "${yes[@]}"
"$src/packaging/ensure-engine.sh" || echo "build-and-run: continuing without an engine; the app will show how to fix it."
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --parallel
echo
echo "Built: $build/src/cli/ocs (CLI) and $build/src/tray/opencode-sandbox (tray)."
((launch)) || exit 0
if [[ -x "$build/src/tray/opencode-sandbox" && -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    echo "Launching the tray application..."
    exec "$build/src/tray/opencode-sandbox"
fi
echo "No display (or no tray build): here is the CLI instead."
exec "$build/src/cli/ocs" --help
