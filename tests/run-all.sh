#!/usr/bin/env bash
# Quick start, step 2: install what is missing, make sure a container engine runs, build,
# and run the whole test suite (unit, widget, end-to-end against the real engine).
#
# Usage: tests/run-all.sh [--yes] [ctest arguments...]
#   --yes  install missing packages without asking (implied by CI=true without a terminal)
# Environment: OCS_BUILD_DIR (default: build-tests in the source folder).
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${OCS_BUILD_DIR:-$src/build-tests}
yes=()
if [[ "${1:-}" == "--yes" || "${1:-}" == "-y" ]]; then yes=(--yes); shift; fi

start=$SECONDS
"$src/packaging/install-deps.sh" --test "${yes[@]}"
"$src/packaging/ensure-engine.sh" || echo "run-all: no engine; the end-to-end tests will say so (and fail under CI)."
# The Podman end-to-end test runs rootless Podman as a test user, whose network helper
# (slirp4netns) opens /dev/net/tun: distributions make it usable by everyone (0666), some
# minimal machines make it root's only or leave it out.
if [[ $(id -u) -eq 0 ]] && command -v podman >/dev/null 2>&1; then
    if [[ ! -c /dev/net/tun ]]; then
        echo "run-all: creating /dev/net/tun for rootless podman"
        { mkdir -p /dev/net && mknod -m 0666 /dev/net/tun c 10 200; } || true
    elif [[ $(stat -c %a /dev/net/tun) != 666 ]]; then
        echo "run-all: making /dev/net/tun usable for rootless podman (mode 0666, as distributions ship it)"
        chmod 0666 /dev/net/tun
    fi
fi
# The embedded web view (a plugin) is built and tested where Qt WebEngine is installed.
webengine=()
dpkg-query -W -f='${Status}' qt6-webengine-dev 2>/dev/null | grep -q 'install ok installed' && webengine=(-DOCS_WITH_WEBENGINE=ON)
# Release, like the packages: the tests check the optimised code users run, and the build
# without debug information takes about a quarter less time (CI has 40 minutes).
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${webengine[@]}"
cmake --build "$build" --parallel
echo "run-all: build done after $((SECONDS - start)) s; running the tests."
cd "$build"
# Two at a time: the end-to-end tests share the engine (RESOURCE_LOCK ocs_engine) and the
# package builds share the build tree (RESOURCE_LOCK ocs_package_build), so the unit, widget
# and package tests run beside whichever end-to-end test holds the engine.
ctest --output-on-failure --timeout 2400 --parallel 2 "$@"
