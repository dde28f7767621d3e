#!/usr/bin/env bash
# Figure 6 (issue 14), scale: BENCH_SCALE_N (default 10) sandboxes running at once, fake-domain
# whitelists only.
#  - memory per sandbox, split by process (from the engine: `top` of each container, RSS):
#    the proxy (squid and its policy helpers), the gate (ocs-gate), OpenCode; one sample per
#    sandbox; reported (no target in the issue).
#  - the tray menu's open time with all of them listed and running (target < 100 ms): the app
#    (OCS_TRAY_MENU_TIMING: aboutToShow to the end of the first paint) opened BENCH_RUNS times
#    by a click on its tray icon; floor: bench/tray_floor, the same way, interleaved.
#  - stop all (target < 15 s): `ocs stop` of every sandbox in parallel, BENCH_SCALE_STOP_RUNS
#    times (default BENCH_RUNS; each run starts them all again); floor: `docker stop` of as
#    many plain containers of the base image, in parallel, interleaved.
#  - the engine's event stream keeping the menu true: after every `ocs stop` (outside the app),
#    the time until the app shows all of them stopped, and after the starts all running
#    (target <= 2 s after the engine is done; the app follows the engine's events).
# Prints RESULT lines (bench/lib.sh).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
source "$here/sandbox.sh"
source "$here/display.sh"
N=${BENCH_SCALE_N:-10}
STOP_RUNS=${BENCH_SCALE_STOP_RUNS:-$BENCH_RUNS}
FLOOR_BIN=$(readlink -f "$BENCH_BUILD_DIR/bench/tray_floor")
bench_display_tools || exit 1

bench_setup ocs-bench-scale
bench_fakenet allowed.test || exit 1
roots=()
for ((i = 0; i < N; i++)); do
    bench_project "bench-scale-$i" allowed.test || exit 1
    roots+=("$PROJECT")
done
# Every wait names its pids: a bare wait would also wait for the displays and the apps
# started in the background below (it hung there).
# start_all: two at a time (the image of each is built from the engine's cache after the first).
start_all() {
    local i pids
    for ((i = 0; i < N; i += 2)); do
        pids=()
        ocs_in "${roots[i]}" start --detach --yes >"$WORK/start-$i.log" 2>&1 &
        pids+=($!)
        if ((i + 1 < N)); then
            ocs_in "${roots[i + 1]}" start --detach --yes >"$WORK/start-$((i + 1)).log" 2>&1 &
            pids+=($!)
        fi
        wait "${pids[@]}" || true
    done
    for ((i = 0; i < N; i++)); do
        [[ "$(eng inspect -f '{{.State.Running}}' "$(bench_container "${roots[i]}")" 2>/dev/null)" == true ]] \
            || { bench_log "sandbox $i did not start: $(tail -20 "$WORK/start-$i.log")"; return 1; }
    done
}
t0=$SECONDS
start_all || exit 1
bench_log "$N sandboxes running ($((SECONDS - t0)) s)"

# ---- memory per sandbox, by process -----------------------------------------------------------
proxy=() gate=() opencode=() total=()
for r in "${roots[@]}"; do
    c=$(bench_container "$r")
    read -r p g o t < <(eng top "$c" -eo pid,rss,args 2>/dev/null | awk 'NR > 1 {
            rss = $2; $1 = ""; $2 = ""; kb[(/squid|ocs-policy/) ? "p" : (/ocs-gate/) ? "g" : (/opencode/) ? "o" : "x"] += rss; all += rss }
        END { printf "%.1f %.1f %.1f %.1f\n", kb["p"] / 1024, kb["g"] / 1024, kb["o"] / 1024, all / 1024 }')
    proxy+=("$p"); gate+=("$g"); opencode+=("$o"); total+=("$t")
done
bench_log "processes of one sandbox: $(eng top "$(bench_container "${roots[0]}")" -eo pid,rss,args | tr '\n' ';')"
emit_result scale_mem_proxy MB "reported" null "${proxy[@]}"
emit_result scale_mem_gate MB "reported" null "${gate[@]}"
emit_result scale_mem_opencode MB "reported" null "${opencode[@]}"
emit_result scale_mem_total MB "reported" null "${total[@]}"

# ---- the tray, on its own display -----------------------------------------------------------
trap 'for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done; bench_cleanup' EXIT
A=$WORK/tray-app F=$WORK/tray-floor
bench_display "$A" || { bench_log "no display for the app"; exit 1; }
ADISP=$DISP
bench_display "$F" || { bench_log "no display for the floor"; exit 1; }
FDISP=$DISP
bench_tray_app "$A" "$ADISP" "${roots[@]}"
DISPLAY=$FDISP OCS_TRAY_MENU_TIMING=1 QT_QPA_PLATFORM=xcb "$FLOOR_BIN" --menu-items $((N + 12)) >"$F/app.log" 2>&1 &
BG+=($!)
all_in() { bench_status "len(s['projects']) == $N and all(p['state'] == '$1' for p in s['projects'])"; }
wait_until 60 all_in Running || { bench_log "the app does not show $N running: $(cat "$STATUS")"; exit 1; }

# click_icon DISPLAY X Y, then wait for the log line number LINES+1 of LOG, then Escape.
menu_once() {
    local disp=$1 x=$2 y=$3 log=$4 before
    before=$(grep -c 'menu shown in' "$log")
    DISPLAY=$disp xdotool mousemove --sync "$x" "$y" click 1
    wait_until 5 bash -c "(( \$(grep -c 'menu shown in' '$log') > $before ))" || return 1
    sleep 0.3
    DISPLAY=$disp xdotool key Escape
    sleep 0.5
    grep 'menu shown in' "$log" | tail -1 | sed 's/.*menu shown in \([0-9.]*\) ms.*/\1/'
}
read -r ax ay < <(bench_status "'%d %d' % (s['trayIcon']['x'] + s['trayIcon']['w'] // 2, s['trayIcon']['y'] + s['trayIcon']['h'] // 2)")
wait_until 10 env DISPLAY="$FDISP" xdotool search --class tray_floor || true
eval "$(DISPLAY=$FDISP xdotool search --onlyvisible --class trayer getwindowgeometry --shell | tail -n 5)"
fx=$((X + WIDTH / 2)) fy=$((Y + HEIGHT / 2))
menu=() menu_floor=()
menu_once "$ADISP" "$ax" "$ay" "$A/app.log" >/dev/null # warm-up: the first show builds the menu
menu_once "$FDISP" "$fx" "$fy" "$F/app.log" >/dev/null
for ((i = 0; i < BENCH_RUNS; i++)); do
    v=$(menu_once "$ADISP" "$ax" "$ay" "$A/app.log") || { bench_log "the app's menu did not open: $(tail -5 "$A/app.log")"; exit 1; }
    menu+=("$v")
    v=$(menu_once "$FDISP" "$fx" "$fy" "$F/app.log") || { bench_log "the floor's menu did not open: $(tail -5 "$F/app.log")"; exit 1; }
    menu_floor+=("$v")
done
med=$(median "${menu[@]}")
pass=false; compare "$med" '<' 100 && pass=true
emit_result scale_menu_open ms "< 100 ms" "$pass" "${menu[@]}" -- "${menu_floor[@]}"

# ---- stop all, and the menu following the engine -------------------------------------------------
stop=() stop_floor=() lag_stop=() lag_start=()
floor_containers() {
    local i
    for ((i = 0; i < N; i++)); do
        docker run -d --init --name "ocs-bench-stopfloor-$$-$i" "$BASE_IMAGE" sleep infinity >/dev/null || return 1
        BENCH_CONTAINERS+=("ocs-bench-stopfloor-$$-$i")
    done
}
for ((run = 0; run < STOP_RUNS; run++)); do
    floor_containers || { bench_log "cannot start the floor's containers"; exit 1; }
    t0=$(now_s)
    pids=()
    for ((i = 0; i < N; i++)); do docker stop "ocs-bench-stopfloor-$$-$i" >/dev/null & pids+=($!); done
    wait "${pids[@]}"
    stop_floor+=("$(elapsed_s "$t0")")
    docker rm -f "${BENCH_CONTAINERS[@]:1}" >/dev/null 2>&1 # (the fakenet is the first)
    BENCH_CONTAINERS=("${BENCH_CONTAINERS[0]}")

    t0=$(now_s)
    pids=()
    for r in "${roots[@]}"; do ocs_in "$r" stop >/dev/null 2>&1 & pids+=($!); done
    wait "${pids[@]}"
    stop+=("$(elapsed_s "$t0")")
    t1=$(now_s)
    wait_until 30 all_in Stopped || { bench_log "the app does not show them all stopped: $(cat "$STATUS")"; exit 1; }
    lag_stop+=("$(elapsed_s "$t1")")
    bench_log "stop all $((run + 1)): ${stop[-1]} s (floor ${stop_floor[-1]} s); the menu showed all stopped ${lag_stop[-1]} s later"
    ((run + 1 < STOP_RUNS)) || break
    start_all || exit 1
    t1=$(now_s)
    wait_until 30 all_in Running || { bench_log "the app does not show them all running: $(cat "$STATUS")"; exit 1; }
    lag_start+=("$(elapsed_s "$t1")")
done
med=$(median "${stop[@]}")
pass=false; compare "$med" '<' 15 && pass=true
emit_result scale_stop_all s "< 15 s" "$pass" "${stop[@]}" -- "${stop_floor[@]}"
lags=("${lag_stop[@]}" "${lag_start[@]}")
med=$(median "${lags[@]}")
pass=false; compare "$(max_of "${lags[@]}")" '<=' 2 && pass=true
BENCH_NOTE="after stop: ${lag_stop[*]} s; after start: ${lag_start[*]} s (wait_until polls every 0.5 s)" \
    emit_result scale_menu_follows_engine s "<= 2 s behind the engine (max)" "$pass" "${lags[@]}"
