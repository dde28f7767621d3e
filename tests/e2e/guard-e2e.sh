#!/usr/bin/env bash
# End-to-end test of the protection of the files the host acts on (issue 10, item 1),
# against a real container engine.
#
# Usage: tests/e2e/guard-e2e.sh PATH/TO/ocs
#
# A read-only bind mount of a file sits on a directory entry: when the HOST replaces the
# file by renaming a new one over it (git does for .git/config; editors that save
# atomically do), the mount inside the sandbox goes away and the agent could write the new
# file, whose content the host then acts on (`[core] fsmonitor = ...` runs at the next
# `git status`). The sandbox's guard (docker/ocs-guard) ends the sandbox when that happens.
# This test does what the issue asks: while a sandbox runs, change .git/config with
# `git config` and replace the sandbox config the way an editor's atomic save does, then
# try to write both as the agent: the write must fail or the sandbox must be gone, with
# the reason in its output, and the host's files must not hold what the agent wrote.
# Positive controls: in-place host edits (what the app's own Settings save does) keep the
# sandbox running and the files read-only; before any change the agent's write fails.
#
# OCS_E2E_ENGINE=podman runs it on rootless Podman as the test user.
# Exit: 0 all passed, 1 something failed, 77 skipped (no engine; never under CI=true).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

OCS_BIN=$(readlink -f "${1:?usage: guard-e2e.sh PATH/TO/ocs}")
ENGINE=${OCS_E2E_ENGINE:-docker}
BASE_IMAGE=${OCS_E2E_BASE_IMAGE:-ocs-test-base:bookworm}

setup_sandbox_test ocs-guard-e2e

ocs_in() { local dir=$1; shift; (cd "$dir" && as_user "$OCS_BIN" "$@"); }
P=$WORK/proj-guard
cleanup() {
    set +e
    [[ -d "$P" ]] && ocs_in "$P" stop >/dev/null 2>&1
    # Also when the config no longer loads (the agent's write got through, as in a run with
    # the guard switched off): the containers by their project label.
    remove_project_sandboxes "$P"
    [[ "${OCS_E2E_KEEP:-}" == 1 ]] || rm -rf "$WORK"
    end_podman_helpers
}
trap cleanup EXIT

ensure_base_image "$BASE_IMAGE"

# ---- a git project, its image, a running sandbox ----------------------------------------
as_user mkdir -p "$P"
as_user git -C "$P" init -q
as_user git -C "$P" config user.email e2e@example.invalid
ocs_in "$P" init --yes --no-build >/dev/null 2>&1
# No whitelist: nothing in this sandbox reaches out (OpenCode's own start-up fetches included).
as_user tee "$P/opencode-sandbox-config.yaml" >/dev/null <<'YAML'
sandbox-name: proj-guard
http-domain-whitelist:
YAML
if ! ocs_in "$P" rebuild >"$WORK/rebuild.log" 2>&1; then
    fail "rebuild builds the image" "$(tail -25 "$WORK/rebuild.log")"
    summary; exit 1
fi
ID=""
for d in "$OCS_STATE_ROOT"/proj-guard-*; do [[ -d "$d" ]] && ID=${d##*/}; done
C=opencode-sandbox-$ID

start_sandbox() {
    if ocs_in "$P" start --detach --yes >"$WORK/start.log" 2>&1; then
        pass "$1"
    else
        fail "$1" "$(tail -20 "$WORK/start.log"; eng logs --tail 20 "$C" 2>&1)"
        summary; exit 1
    fi
}
running() { [[ "$(eng inspect -f '{{.State.Running}}' "$C" 2>/dev/null)" == true ]]; }
stopped() { ! running; }
# agent_write FILE LINE: as the agent (dev, the way ocs-dev-exec runs it), appends LINE.
agent_write() {
    # shellcheck disable=SC2016 # the inner shell expands $1 and $2
    eng exec -u root "$C" ocs-dev-exec sh -c 'printf "%s\n" "$2" >> "$1"' sh "$1" "$2" 2>&1
}

start_sandbox "the sandbox starts"
guard_up() { eng logs "$C" 2>&1 | grep -q 'ocs-guard: watching'; }
if wait_until 20 guard_up; then pass "the guard watches the protected paths"; else fail "the guard watches the protected paths" "$(eng logs --tail 30 "$C" 2>&1)"; fi

# Positive control: while the mounts stand, the agent cannot write either file.
check_not "before any change: the agent cannot write .git/config" agent_write .git/config '[core] fsmonitor = touch /tmp/pwned-1'
check_not "before any change: the agent cannot write the sandbox config" agent_write opencode-sandbox-config.yaml 'env: {BASH_ENV: /tmp/x}'

# Positive control: an in-place edit on the host (same inode, as the app's Settings save
# writes) keeps the mount; the sandbox stays up and the file stays read-only.
as_user sh -c "printf '# edited in place on the host\n' >> '$P/opencode-sandbox-config.yaml'"
sleep 2
if running; then pass "an in-place host edit leaves the sandbox running"; else fail "an in-place host edit leaves the sandbox running" "$(eng logs --tail 20 "$C" 2>&1)"; fi
check_not "after an in-place host edit the config is still read-only for the agent" agent_write opencode-sandbox-config.yaml 'env: {BASH_ENV: /tmp/x}'

# 1. `git config` on the host renames config.lock over .git/config.
as_user git -C "$P" config ocs.e2e host-change
agent_write .git/config '[core] fsmonitor = touch /tmp/pwned-2' >"$WORK/write-git.log"
wrote_git=$?
if wait_until 10 stopped; then still_up=0; else still_up=1; fi
if ((wrote_git != 0)) || ((still_up == 0)); then
    pass "after \`git config\` on the host the agent's write fails or the sandbox is gone"
else
    fail "after \`git config\` on the host the agent's write fails or the sandbox is gone" "write: $(cat "$WORK/write-git.log"); running: yes"
fi
expect_eq "the sandbox was stopped after .git/config was replaced" 0 "$still_up"
expect_not_contains "the host's .git/config holds nothing the agent wrote" "fsmonitor" "$(cat "$P/.git/config")"
expect_contains "the host's own change is kept" "host-change" "$(cat "$P/.git/config")"
expect_contains "the sandbox's output says why it was stopped" "ocs-guard: stopped: .git/config" "$(eng logs "$C" 2>&1)"
out=$(ocs_in "$P" start --detach --yes 2>&1)
expect_contains "the next start says the guard ended the last run" "ended by its guard" "$out"
if running; then pass "the sandbox starts again"; else fail "the sandbox starts again" "$out"; fi
wait_until 20 guard_up || fail "the guard watches again after the restart" "$(eng logs --tail 20 "$C" 2>&1)"
# A stop from elsewhere (`docker stop`) is not the guard's doing, though the guard said what it
# watched when it started: the next start does not blame it.
eng stop --time 2 "$C" >/dev/null 2>&1
expect_contains "the stopped container's output still has the guard's start line" "ocs-guard: watching" "$(eng logs "$C" 2>&1)"
out=$(ocs_in "$P" start --detach --yes 2>&1)
expect_not_contains "a start after \`docker stop\` does not say the guard ended the last run" "ended by its guard" "$out"
if running; then pass "the sandbox starts after \`docker stop\`"; else fail "the sandbox starts after \`docker stop\`" "$out"; fi
wait_until 20 guard_up || fail "the guard watches again after the second restart" "$(eng logs --tail 20 "$C" 2>&1)"

# 2. An editor's atomic save of the sandbox config: a new file renamed over it.
as_user sh -c "cp '$P/opencode-sandbox-config.yaml' '$P/.cfg.tmp' && printf '# saved by an editor\n' >> '$P/.cfg.tmp' && mv '$P/.cfg.tmp' '$P/opencode-sandbox-config.yaml'"
agent_write opencode-sandbox-config.yaml 'env: {BASH_ENV: /tmp/x}' >"$WORK/write-cfg.log"
wrote_cfg=$?
wait_until 10 stopped
if ((wrote_cfg != 0)) || ! running; then
    pass "after an atomic save on the host the agent's write to the config fails or the sandbox is gone"
else
    fail "after an atomic save on the host the agent's write to the config fails or the sandbox is gone" "$(cat "$WORK/write-cfg.log")"
fi
check_not "the sandbox was stopped after the config was replaced" running
expect_not_contains "the host's config holds nothing the agent wrote" "BASH_ENV" "$(cat "$P/opencode-sandbox-config.yaml")"
expect_contains "the sandbox's output names the config" "ocs-guard: stopped: opencode-sandbox-config.yaml" "$(eng logs "$C" 2>&1)"

# ---- a measurement, not a check: the window a waiting attacker has ------------------------
# The guard reacts within milliseconds, not at once (README, "Known limits"). An agent that
# tries to write .git/config in a tight loop while the host replaces it may get a write in:
# how often that happens here is printed, so the README's words stay measured.
won=0 rounds=3
as_user tee "$P/opencode-sandbox-config.yaml" >/dev/null <<'YAML'
sandbox-name: proj-guard
http-domain-whitelist:
YAML
for round in $(seq "$rounds"); do
    ocs_in "$P" start --detach --yes >"$WORK/start-loop.log" 2>&1 || { fail "start for the measurement" "$(tail -5 "$WORK/start-loop.log")"; break; }
    eng exec -d -u root "$C" ocs-dev-exec bash -c \
        'while :; do printf "[alias]\n\tpwned = !true\n" >>.git/config 2>/dev/null && exit 0; done'
    sleep 1
    as_user git -C "$P" config ocs.round "$round"
    wait_until 10 stopped
    if grep -q 'pwned' "$P/.git/config"; then
        won=$((won + 1))
        as_user git -C "$P" config --remove-section alias 2>/dev/null
    fi
done
echo "INFO  a looping attacker got a write into the replaced .git/config in $won of $rounds rounds"

summary
