# shellcheck shell=bash
# Shared helpers of the package tests (sourced). The checks (check, pass, fail, summary) are
# the end-to-end tests' (../e2e/assert.sh); die ends the test at once.
# Exit codes: 0 passed, 1 failed, 77 skipped (a prerequisite that cannot exist here; never
# under CI=true, where a missing prerequisite is a failure).

pkg_test_name=${pkg_test_name:-package-test}

log() { echo "[$pkg_test_name] $*"; }

source "$(dirname "${BASH_SOURCE[0]}")/../e2e/assert.sh"

# die MESSAGE...: the test cannot go on.
die() {
    echo "[$pkg_test_name] FAILED: $*" >&2
    exit 1
}

# skip REASON...: a loud banner, exit 77 (exit 1 under CI=true).
skip() {
    local line='!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
    {
        echo "$line"
        echo "!!! $pkg_test_name SKIPPED: $*"
        if [[ "${CI:-}" == "true" ]]; then
            echo "!!! CI=true: a package test may not skip; this counts as a FAILURE."
            echo "!!! Install the test prerequisites: packaging/install-deps.sh --test --yes"
        else
            echo "!!! Nothing was tested. Install the prerequisites (packaging/install-deps.sh --test)"
            echo "!!! and run again."
        fi
        echo "$line"
    } >&2
    [[ "${CI:-}" == "true" ]] && exit 1
    exit 77
}

# need_tools TOOL...: skips when a tool is missing.
need_tools() {
    local t missing=()
    for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
    ((${#missing[@]} == 0)) || skip "missing tools: ${missing[*]}"
}

source "$(dirname "${BASH_SOURCE[0]}")/../e2e/debian-mirror.sh"

# build_target BUILD_DIR TARGET: builds a package target of the build tree (its log is
# printed on failure).
build_target() {
    local build=$1 target=$2 logfile
    logfile=$(mktemp)
    log "building the '$target' target"
    if ! cmake --build "$build" --target "$target" >"$logfile" 2>&1; then
        tail -n 80 "$logfile" >&2
        rm -f "$logfile"
        die "cmake --build --target $target failed"
    fi
    tail -n 3 "$logfile"
    rm -f "$logfile"
}
