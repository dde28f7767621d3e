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
# Tray:  the tray app (on a display of its own, bench/display.sh) with this project registered:
#        from the click on Start in the project's submenu until the app shows it Running
#        (what its status file says; the file is written at most 150 ms after a change, so
#        this is up to 0.15 s late); the third kind of each round, against the same floor.
#        Skipped (said on stderr) when the tools or the app are missing, or BENCH_START_TRAY=0.
#        The app: OCS_BENCH_APP, else opencode-sandbox of the build tree next to ocs.
#
# Prints one RESULT line (bench/lib.sh) for start_to_ready, one for
# start_to_ready_ocs_exit (the same start until `ocs start --detach` returns, without the
# floor) and one for tray_start_to_running; everything else on stderr. With OCS_BENCH_TRACE=1 each start also leaves its
# timeline (ours: the app's engine calls and the container's log with timestamps, in
# WORK/trace-N.txt; the floor's log in WORK/floor-trace-N.txt), WORK is kept, and
# bench/start-trace.py WORK prints the breakdown (bench/README.md).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
source "$here/../tests/e2e/lib.sh"
source "$here/display.sh"

# The CLI: the argument, else the one of run-bench.sh's build tree.
if [[ -n "${1:-}" ]]; then
    OCS_BIN=$(readlink -f "$1")
elif [[ -n "${BENCH_BUILD_DIR:-}" ]]; then
    OCS_BIN=$(readlink -f "$BENCH_BUILD_DIR/src/cli/ocs")
else
    echo "usage: fig-start.sh PATH/TO/ocs (or BENCH_BUILD_DIR=BUILD_TREE fig-start.sh)" >&2
    exit 2
fi
APP_BIN=$(readlink -f "${OCS_BENCH_APP:-$(dirname "$OCS_BIN")/../tray/opencode-sandbox}")
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
    for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done
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
# probe_start URL: asks URL every 20 ms in the background, each request on its own, until one
# answers 200 (bench/until-200.py: one that OpenCode took before it serves, and never answers,
# does not hold up the next, as in the app's start, SandboxController::waitHealthy). Started
# before the start it times, for ours and the floor alike (its own start-up is not timed).
# probe_wait T0 WHAT: sets READY_S to the seconds from T0 until that answer; dies after 120 s.
probe_start() {
    PROBE_OUT=$(mktemp "$WORK/probe.XXXXXX")
    python3 "$here/until-200.py" "$1" >"$PROBE_OUT" &
    PROBE_PID=$!
}
probe_wait() {
    wait "$PROBE_PID" || die "$2 did not answer 200 within 120 s"
    READY_S=$(awk -v a="$1" -v b="$(cat "$PROBE_OUT")" 'BEGIN { printf "%.3f", b - a }')
    rm -f "$PROBE_OUT"
}

# ours_once: seconds from `ocs start --detach` until the gate answers 200 (sets OURS_S and
# OURS_EXIT_S, the time `ocs start` itself took).
ours_once() {
    local n=$1 t0
    local -a trace_env=()
    if [[ "${OCS_BENCH_TRACE:-}" == 1 ]]; then
        trace_env=(env OCS_DEBUG=1 "QT_MESSAGE_PATTERN=%{time yyyy-MM-ddTHH:mm:ss.zzz} %{category} %{message}")
    fi
    UNTIL_200_USER="opencode:$PASSWORD" probe_start "http://127.0.0.1:$PORT/global/health"
    t0=$(now_s)
    (cd "$PROJ" && as_user "${trace_env[@]}" "$OCS_BIN" start --detach) >"$WORK/start-$n.log" 2>&1 \
        || die "ocs start failed: $(tail -20 "$WORK/start-$n.log")"
    OURS_EXIT_S=$(elapsed_s "$t0")
    probe_wait "$t0" "the gate"
    OURS_S=$READY_S
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
    local n=$1 t0
    probe_start "http://127.0.0.1:$FLOOR_PORT/global/health"
    t0=$(now_s)
    eng run --detach --init --name "$FLOOR_NAME" --user dev --env HOME=/home/dev \
        --entrypoint opencode --publish "127.0.0.1:$FLOOR_PORT:4096" \
        --volume "$PROJ:$WS" --volume "$AGENT_STATE_FLOOR:/home/dev/.local/share/opencode" \
        --workdir "$WS" "$IMAGE" serve --hostname 0.0.0.0 --port 4096 >/dev/null \
        || die "cannot start the floor container"
    probe_wait "$t0" "OpenCode alone"
    FLOOR_S=$READY_S
    if [[ "${OCS_BENCH_TRACE:-}" == 1 ]]; then
        { echo "t0 $(date -u -d "@$t0" +%Y-%m-%dT%H:%M:%S.%N)"
          eng logs -t "$FLOOR_NAME" 2>&1; } >"$WORK/floor-trace-$n.txt"
    fi
    eng rm -f "$FLOOR_NAME" >/dev/null 2>&1
}

# tray_once: seconds from the click on Start in the tray app's menu until the app shows the
# project Running (sets TRAY_S); then `ocs stop` (not timed) until the app shows it Stopped.
tray_once() {
    local n=$1 t0 c name x y
    wait_until 30 bench_status "s['projects'][0]['state'] == 'Stopped'" \
        || die "the tray app does not show the project stopped: $(cat "$STATUS")"
    name=$(bench_status "s['projects'][0]['name']") || die "no project in the tray app"
    # The icon, then the project's submenu, then Start (each waits for the app to show it).
    for _ in 1 2 3; do
        c=$(bench_status "'%d %d' % (s['trayIcon']['x'] + s['trayIcon']['w'] // 2, s['trayIcon']['y'] + s['trayIcon']['h'] // 2)") \
            || die "the tray app shows no icon"
        bench_click "$TDISP" "$c"
        wait_until 5 bench_item_center "$name" && break
        DISPLAY=$TDISP xdotool key Escape
    done
    c=$(bench_item_center "$name") || die "the tray menu does not list the project: $(cat "$STATUS")"
    bench_click "$TDISP" "$c"
    wait_until 5 bench_item_center Start "$name" || die "the project's submenu offers no Start: $(cat "$STATUS")"
    c=$(bench_item_center Start "$name")
    read -r x y <<<"$c"
    DISPLAY=$TDISP xdotool mousemove --sync "$x" "$y"
    sleep 0.2
    t0=$(now_s)
    DISPLAY=$TDISP xdotool click 1
    until grep -q '"state": "Running"' "$STATUS" 2>/dev/null; do
        compare "$(elapsed_s "$t0")" "<" 120 || die "the tray app did not show Running within 120 s: $(cat "$STATUS"); $(tail -20 "$TRAY_DIR/app.log")"
        sleep 0.02
    done
    TRAY_S=$(elapsed_s "$t0")
    if [[ "${OCS_BENCH_TRACE:-}" == 1 ]]; then
        { echo "t0 $(date -u -d "@$t0" +%Y-%m-%dT%H:%M:%S.%N)"
          echo "running $(date -u +%Y-%m-%dT%H:%M:%S.%N)"
          eng logs -t "opencode-sandbox-$ID" 2>&1; } >"$WORK/tray-trace-$n.txt"
    fi
    UNTIL_200_USER="opencode:$PASSWORD" python3 "$here/until-200.py" --limit 2 \
        "http://127.0.0.1:$PORT/global/health" >/dev/null || bench_log "round $n: the app shows Running, the gate does not answer 200"
    ocs_in "$PROJ" stop >/dev/null 2>&1 || die "ocs stop failed"
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

# ---- the tray app (its own display), if it can run here ----------------------------------------
TRAY=0
if [[ "${BENCH_START_TRAY:-1}" == 0 ]]; then
    bench_log "tray start not measured (BENCH_START_TRAY=0)"
elif [[ ! -x "$APP_BIN" ]]; then
    bench_log "tray start not measured: no app at $APP_BIN (OCS_BENCH_APP)"
elif ! bench_display_tools; then
    bench_log "tray start not measured: a tool is missing (above)"
else
    TRAY_DIR=$WORK/tray
    bench_display "$TRAY_DIR" || die "no display for the tray app"
    TDISP=$DISP
    bench_tray_app "$TRAY_DIR" "$TDISP" "$PROJ"
    wait_until 30 bench_status "s['trayIcon']['w'] > 0 and len(s['projects']) == 1" \
        || die "the tray app did not show its icon: $(tail -20 "$TRAY_DIR/app.log")"
    TRAY=1
fi

# ---- timed rounds, interleaved --------------------------------------------------------------
# The order of the kinds rotates from one round to the next.
ours=() exits=() floor=() tray=()
kinds=(floor ours)
((TRAY)) && kinds+=(tray)
for ((i = 1; i <= RUNS; i++)); do
    for ((k = 0; k < ${#kinds[@]}; k++)); do
        kind=${kinds[(i + k) % ${#kinds[@]}]}
        "${kind}_once" "$i"
    done
    ours+=("$OURS_S") exits+=("$OURS_EXIT_S") floor+=("$FLOOR_S")
    ((TRAY)) && tray+=("$TRAY_S")
    bench_log "round $i: ours ${OURS_S} s (ocs start returned after ${OURS_EXIT_S} s), floor ${FLOOR_S} s${TRAY_S:+, tray ${TRAY_S} s}"
done

med=$(median "${ours[@]}") fmed=$(median "${floor[@]}")
pass=false
compare "$med" "<=" "$(awk -v f="$fmed" -v t="$TARGET" 'BEGIN { printf "%.4f", f * t }')" && pass=true
emit_result start_to_ready s "<= $TARGET x floor" "$pass" "${ours[@]}" -- "${floor[@]}"
emit_result start_to_ready_ocs_exit s "informational" true "${exits[@]}" -- "${floor[@]}"
if ((TRAY)); then
    med=$(median "${tray[@]}")
    pass=false
    compare "$med" "<=" "$(awk -v f="$fmed" -v t="$TARGET" 'BEGIN { printf "%.4f", f * t }')" && pass=true
    BENCH_NOTE="from the click on Start in the tray menu until the app shows Running (its status file: up to 0.15 s late)" \
        emit_result tray_start_to_running s "<= $TARGET x floor" "$pass" "${tray[@]}" -- "${floor[@]}"
fi
