# Shared helpers for the end-to-end test scripts (sourced, not run).
# Every check prints one PASS/FAIL line; summary prints "N passed, N failed".

E2E_PASSED=0
E2E_FAILED=0
E2E_FAILURES=()

pass() { E2E_PASSED=$((E2E_PASSED + 1)); printf 'PASS  %s\n' "$1"; }
fail() {
    E2E_FAILED=$((E2E_FAILED + 1)); E2E_FAILURES+=("$1")
    printf 'FAIL  %s\n' "$1"
    [[ -n "${2:-}" ]] && printf '      %s\n' "${2//$'\n'/$'\n'      }"
    return 0
}
# check "description" command...   (passes when the command exits 0)
check() { local d=$1; shift; local o; if o=$("$@" 2>&1); then pass "$d"; else fail "$d" "$o"; fi; }
# check_not "description" command... (passes when the command fails)
check_not() { local d=$1; shift; local o; if o=$("$@" 2>&1); then fail "$d" "unexpectedly succeeded: $o"; else pass "$d"; fi; }
# expect_eq "description" expected actual
expect_eq() { if [[ "$2" == "$3" ]]; then pass "$1"; else fail "$1" "expected [$2], got [$3]"; fi; }
expect_contains() { if [[ "$3" == *"$2"* ]]; then pass "$1"; else fail "$1" "expected to find [$2] in [${3:0:600}]"; fi; }
expect_not_contains() { if [[ "$3" != *"$2"* ]]; then pass "$1"; else fail "$1" "did not expect [$2] in [${3:0:600}]"; fi; }

summary() {
    echo
    if ((E2E_FAILED > 0)); then
        echo "Failed checks:"
        printf '  - %s\n' "${E2E_FAILURES[@]}"
    fi
    echo "$E2E_PASSED passed, $E2E_FAILED failed"
    ((E2E_FAILED == 0))
}

# Loud skip: only when no engine can be had, never under CI.
skip_loudly() {
    local why=$1
    if [[ "${CI:-}" == "true" ]]; then
        echo "ERROR: $why -- and CI=true, where the end-to-end tests must run." >&2
        exit 1
    fi
    cat >&2 <<MSG
################################################################################
##  SKIPPED: end-to-end tests against a real container engine                 ##
##  Reason: $why
##  Nothing was tested here. Start Docker or Podman and run again.
################################################################################
MSG
    exit 77
}

# wait_until SECONDS command...: retries every half second.
wait_until() {
    local limit=$1; shift
    local end=$((SECONDS + limit))
    while ((SECONDS < end)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    return 1
}

# Colon-separated list of this machine's extra CA certificates (TLS interception, corporate
# proxies), for OCS_EXTRA_CA_CERTS.
host_extra_cas() {
    local f out=""
    for f in /usr/local/share/ca-certificates/*.crt; do
        [[ -r "$f" ]] && out+="${out:+:}$f"
    done
    printf '%s' "$out"
}

# setup_test_user: the user the sandboxes belong to. Real users are not root; as root this
# makes a throw-away user (ocs-e2e, uid 4242) in the engine's group, so that "owned by the
# user" means something. Sets E2E_USER, E2E_HOME, E2E_UID and defines as_user CMD… (runs CMD
# as that user) and exec_as_user CMD… (the same, replacing the calling (sub)shell, so that $!
# is the program's own pid).
setup_test_user() {
    if [[ $(id -u) -eq 0 ]]; then
        E2E_USER=ocs-e2e
        if ! id "$E2E_USER" >/dev/null 2>&1; then
            getent group docker >/dev/null || groupadd --system docker
            useradd --create-home --uid 4242 --user-group --groups docker "$E2E_USER" \
                || { echo "cannot create $E2E_USER" >&2; exit 1; }
        fi
        E2E_HOME=$(getent passwd "$E2E_USER" | cut -d: -f6)
        as_user() { setpriv --reuid="$E2E_USER" --regid="$E2E_USER" --init-groups -- env HOME="$E2E_HOME" USER="$E2E_USER" "$@"; }
        exec_as_user() { exec setpriv --reuid="$E2E_USER" --regid="$E2E_USER" --init-groups -- env HOME="$E2E_HOME" USER="$E2E_USER" "$@"; }
    else
        E2E_USER=$(id -un)
        E2E_HOME=$HOME
        as_user() { "$@"; }
        exec_as_user() { exec "$@"; }
    fi
    E2E_UID=$(id -u "$E2E_USER")
}
