#!/usr/bin/env bash
# Figure 1 of the benchmarks (issue 14): start to ready.
#
# Usage: bench/fig-start.sh PATH/TO/ocs        (as root or as a user of the engine; run it
#        under `flock /tmp/ocs-e2e.lock` on a shared machine)
#
# Ours:  `ocs start --detach` until the web UI answers 200 through the gate (with the
#        password), i.e. what a user waits for before the browser can open.
# Floor: the same image with only OpenCode's server (entrypoint bypassed: no firewall, no
#        proxy, no gate, no guard), as the image's user dev with the same mounts and port,
#        from `docker run` until it answers 200.
# Target: ours <= 1.15 x floor. Samples: OCS_BENCH_RUNS (else BENCH_RUNS; default 5), floor and ours
# interleaved (the order alternates from one round to the next). The image is built once,
# from the local test base image (tests/e2e/make-base-image.sh), and started once for each
# kind before the timed rounds (warm image, warm OpenCode state, as a returning user).
#
# Prints one RESULT line (bench/lib.sh) for start_to_ready, and one for
# start_to_ready_ocs_exit (the same start until `ocs start --detach` returns, without the
# floor); everything else on stderr. With OCS_BENCH_TRACE=1 each start also leaves its
# timeline (ours: the app's engine calls and the container's log with timestamps, in
# WORK/trace-N.txt; the floor's log in WORK/floor-trace-N.txt), WORK is kept, and
# bench/start-trace.py WORK prints the breakdown (bench/README.md).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
source "$here/../tests/e2e/lib.sh"

# The CLI: the argument, else the one of run-bench.sh's build tree.
if [[ -n "${1:-}" ]]; then
    OCS_BIN=$(readlink -f "$1")
elif [[ -n "${BENCH_BUILD_DIR:-}" ]]; then
    OCS_BIN=$(readlink -f "$BENCH_BUILD_DIR/src/cli/ocs")
else
    echo "usage: fig-start.sh PATH/TO/ocs (or BENCH_BUILD_DIR=BUILD_TREE fig-start.sh)" >&2
    exit 2
fi
ENGINE=${OCS_E2E_ENGINE:-docker}
BASE_IMAGE=${OCS_E2E_BASE_IMAGE:-ocs-test-base:bookworm}
RUNS=${OCS_BENCH_RUNS:-${BENCH_RUNS:-5}}
TARGET=1.15
FLOOR_NAME=ocs-bench-floor-$$

setup_sandbox_test ocs-bench-start
ensure_base_image "$BASE_IMAGE"

ocs_in() { local dir=$1; shift; (cd "$dir" && as_user "$OCS_BIN" "$@"); }
PROJ=$WORK/proj
cleanup() {
    set +e
    eng rm -f "$FLOOR_NAME" >/dev/null 2>&1
    [[ -d "$PROJ" ]] && ocs_in "$PROJ" stop >/dev/null 2>&1
    remove_project_sandboxes "$PROJ"
    end_podman_helpers
    if [[ "${OCS_BENCH_TRACE:-}" == 1 ]]; then bench_log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
die() { bench_log "ERROR: $*"; exit 1; }

# ---- the project and its image (not timed) ----------------------------------------------
as_user mkdir -p "$PROJ"
ocs_in "$PROJ" init --yes --no-build >/dev/null 2>&1 || die "ocs init failed"
as_user tee "$PROJ/opencode-sandbox-config.yaml" >/dev/null <<'YAML'
sandbox-name: bench-start
http-domain-whitelist:
  - .bench.test
YAML
bench_log "building the image (not timed)"
ocs_in "$PROJ" rebuild >"$WORK/rebuild.log" 2>&1 || die "ocs rebuild failed: $(tail -20 "$WORK/rebuild.log")"
ID=$(cd "$OCS_STATE_ROOT" && compgen -G 'bench-start-*' | head -1)
[[ -n "$ID" ]] || die "no state folder for the project"
IMAGE=opencode-sandbox-$ID
AGENT_STATE_FLOOR=$WORK/floor-state
as_user mkdir -p "$AGENT_STATE_FLOOR"
# The workspace's mount point in the sandbox (Project::workspaceMountPoint), for the floor too.
WS=/${PROJ##*/}

# ---- one start of each kind ---------------------------------------------------------------
# http_code URL [curl args]: the status, 000 when nothing answers. OpenCode takes requests
# before it serves and never answers those: a request is given up after 0.5 s, so that the
# floor sees OpenCode ready at most ~0.5 s late (a longer limit made the floor slower than
# ours, whose own check gives a hung request up after HealthProbe::FirstTimeout).
http_code() { curl -s -o /dev/null --max-time 0.5 -w '%{http_code}' "$@" 2>/dev/null; }

# ours_once: seconds from `ocs start --detach` until the gate answers 200 (sets OURS_S and
# OURS_EXIT_S, the time `ocs start` itself took).
ours_once() {
    local n=$1 t0 code
    local -a trace_env=()
    if [[ "${OCS_BENCH_TRACE:-}" == 1 ]]; then
        trace_env=(env OCS_DEBUG=1 "QT_MESSAGE_PATTERN=%{time yyyy-MM-ddTHH:mm:ss.zzz} %{category} %{message}")
    fi
    t0=$(now_s)
    (cd "$PROJ" && as_user "${trace_env[@]}" "$OCS_BIN" start --detach) >"$WORK/start-$n.log" 2>&1 \
        || die "ocs start failed: $(tail -20 "$WORK/start-$n.log")"
    OURS_EXIT_S=$(elapsed_s "$t0")
    while :; do
        code=$(http_code -u "opencode:$PASSWORD" "http://127.0.0.1:$PORT/global/health")
        [[ "$code" == 200 ]] && break
        compare "$(elapsed_s "$t0")" "<" 120 || die "the gate did not answer 200 within 120 s (last: $code)"
        sleep 0.02
    done
    OURS_S=$(elapsed_s "$t0")
    if [[ "${OCS_BENCH_TRACE:-}" == 1 ]]; then
        { echo "t0 $(date -u -d "@$t0" +%Y-%m-%dT%H:%M:%S.%N)"
          cat "$WORK/start-$n.log"
          eng logs -t "opencode-sandbox-$ID" 2>&1; } >"$WORK/trace-$n.txt"
    fi
    ocs_in "$PROJ" stop >/dev/null 2>&1 || die "ocs stop failed"
}

# floor_once: seconds from `docker run` of the same image with OpenCode alone until it
# answers 200 (sets FLOOR_S).
floor_once() {
    local n=$1 t0 code
    t0=$(now_s)
    eng run --detach --init --name "$FLOOR_NAME" --user dev --env HOME=/home/dev \
        --entrypoint opencode --publish "127.0.0.1:$FLOOR_PORT:4096" \
        --volume "$PROJ:$WS" --volume "$AGENT_STATE_FLOOR:/home/dev/.local/share/opencode" \
        --workdir "$WS" "$IMAGE" serve --hostname 0.0.0.0 --port 4096 >/dev/null \
        || die "cannot start the floor container"
    while :; do
        code=$(http_code "http://127.0.0.1:$FLOOR_PORT/global/health")
        [[ "$code" == 200 ]] && break
        compare "$(elapsed_s "$t0")" "<" 120 || die "OpenCode alone did not answer 200 within 120 s (last: $code)"
        sleep 0.02
    done
    FLOOR_S=$(elapsed_s "$t0")
    if [[ "${OCS_BENCH_TRACE:-}" == 1 ]]; then
        { echo "t0 $(date -u -d "@$t0" +%Y-%m-%dT%H:%M:%S.%N)"
          eng logs -t "$FLOOR_NAME" 2>&1; } >"$WORK/floor-trace-$n.txt"
    fi
    eng rm -f "$FLOOR_NAME" >/dev/null 2>&1
}

# ---- warm-up (not timed): first start approval, port, password, OpenCode's state ----------
bench_log "warm-up start (not timed)"
ocs_in "$PROJ" start --detach --yes >"$WORK/warm.log" 2>&1 || die "first start failed: $(tail -20 "$WORK/warm.log")"
PORT=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/warm.log" | head -1 | sed 's/.*://')
PASSWORD=$(cat "$OCS_STATE_ROOT/$ID/opencode-password") || die "no password file"
[[ -n "$PORT" && -n "$PASSWORD" ]] || die "no port or password after the first start"
ocs_in "$PROJ" stop >/dev/null 2>&1 || die "ocs stop failed"
FLOOR_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
floor_once 0
bench_log "warm-up floor: ${FLOOR_S} s"

# ---- timed rounds, interleaved --------------------------------------------------------------
ours=() exits=() floor=()
for ((i = 1; i <= RUNS; i++)); do
    if ((i % 2)); then
        floor_once "$i"; ours_once "$i"
    else
        ours_once "$i"; floor_once "$i"
    fi
    ours+=("$OURS_S") exits+=("$OURS_EXIT_S") floor+=("$FLOOR_S")
    bench_log "round $i: ours ${OURS_S} s (ocs start returned after ${OURS_EXIT_S} s), floor ${FLOOR_S} s"
done

med=$(median "${ours[@]}") fmed=$(median "${floor[@]}")
pass=false
compare "$med" "<=" "$(awk -v f="$fmed" -v t="$TARGET" 'BEGIN { printf "%.4f", f * t }')" && pass=true
emit_result start_to_ready s "<= $TARGET x floor" "$pass" "${ours[@]}" -- "${floor[@]}"
emit_result start_to_ready_ocs_exit s "informational" true "${exits[@]}" -- "${floor[@]}"
