# shellcheck shell=bash
# The assertions of the end-to-end and package test scripts (sourced, not run; lib.sh and
# tests/package/lib.sh source it). Every check prints one PASS or FAIL line (a failure also
# prints what it saw, indented); summary prints the failed checks and "N passed, N failed",
# and fails when a check failed or none ran.

[[ -n "${OCS_ASSERT_LOADED:-}" ]] && return 0
OCS_ASSERT_LOADED=1

E2E_PASSED=0
E2E_FAILED=0
E2E_FAILURES=()

# pass "description"
pass() { E2E_PASSED=$((E2E_PASSED + 1)); printf 'PASS  %s\n' "$1"; }
# fail "description" ["what was seen"]
fail() {
    E2E_FAILED=$((E2E_FAILED + 1)); E2E_FAILURES+=("$1")
    printf 'FAIL  %s\n' "$1"
    [[ -n "${2:-}" ]] && printf '      %s\n' "${2//$'\n'/$'\n'      }"
    return 0
}
# check "description" command...   (passes when the command exits 0; its output is shown
# when it fails)
check() { local d=$1; shift; local o; if o=$("$@" 2>&1); then pass "$d"; else fail "$d" "$o"; fi; }
# check_not "description" command... (passes when the command fails)
check_not() { local d=$1; shift; local o; if o=$("$@" 2>&1); then fail "$d" "unexpectedly succeeded: $o"; else pass "$d"; fi; }
# expect_eq "description" expected actual
expect_eq() { if [[ "$2" == "$3" ]]; then pass "$1"; else fail "$1" "expected [$2], got [$3]"; fi; }
# expect_contains "description" needle haystack
expect_contains() { if [[ "$3" == *"$2"* ]]; then pass "$1"; else fail "$1" "expected to find [$2] in [${3:0:600}]"; fi; }
expect_not_contains() { if [[ "$3" != *"$2"* ]]; then pass "$1"; else fail "$1" "did not expect [$2] in [${3:0:600}]"; fi; }

# summary: the failed checks and the counts; its status is 0 when every check passed (and
# there was at least one).
summary() {
    echo
    if ((E2E_FAILED > 0)); then
        echo "Failed checks:"
        printf '  - %s\n' "${E2E_FAILURES[@]}"
    fi
    echo "$E2E_PASSED passed, $E2E_FAILED failed"
    ((E2E_FAILED == 0 && E2E_PASSED > 0))
}
# finish: summary, then exit with its status.
finish() { summary; exit $?; }
